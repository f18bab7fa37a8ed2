//! A parsed call script's checks: not empty, node ids unique, every branch leads
//! to a node that exists, every node can be reached, and no loop lacks an end.

use super::*;

impl Parser<'_> {
    pub(super) fn validate(&mut self) {
        // A copy: the checks borrow the nodes while `diag` borrows the parser.
        let nodes = self.script.nodes.clone();
        if nodes.is_empty() {
            self.diag(
                Diagnostic::warning(msg!("script_empty")).hint(msg!("script_empty_hint")),
                self.script.intro_line,
                1,
            );
            return;
        }
        self.check_unique_ids(&nodes);
        self.check_branch_targets(&nodes);
        let depths = self.script.depths();
        self.check_reachable(&nodes, &depths);
        self.check_endless_loops(&nodes, &depths);
    }

    /// Every node but the first with a given id is an error.
    fn check_unique_ids(&mut self, nodes: &[Node]) {
        let mut first_at: BTreeMap<&str, usize> = BTreeMap::new();
        for n in nodes {
            if let Some(first) = first_at.get(n.id.as_str()) {
                self.diag(
                    Diagnostic::error(msg!("script_duplicate_id", id = &n.id))
                        .hint(msg!("script_duplicate_id_hint", line = first)),
                    n.line,
                    1,
                );
            } else {
                first_at.insert(&n.id, n.line);
            }
            // A node's id is its heading's id in the page: one the theme uses
            // (`#main`, the skip link's target) would be there twice.
            if crate::syntax::anchor::is_theme_id(&n.id) {
                self.diag(
                    Diagnostic::error(msg!("script_theme_id", id = &n.id)).hint(msg!(
                        "script_theme_id_hint",
                        title = &n.title,
                        id = &n.id
                    )),
                    n.line,
                    1,
                );
            }
        }
    }

    /// Every `-> #target` must name a node, else an error with the closest id.
    fn check_branch_targets(&mut self, nodes: &[Node]) {
        let ids: Vec<&str> = nodes.iter().map(|n| n.id.as_str()).collect();
        for n in nodes {
            for (_, t) in n.exits() {
                if self.script.node(&t.id).is_none() {
                    let mut d = Diagnostic::error(msg!("script_missing_node", id = &t.id));
                    d = match did_you_mean(&t.id, ids.iter().copied()) {
                        Some(best) => d.hint(msg!("script_nodes_best", best, nodes = crate::messages::list(&ids))),
                        None => d.hint(msg!("script_nodes", nodes = crate::messages::list(&ids))),
                    };
                    self.diag(d, t.line, t.col);
                }
            }
        }
    }

    /// A node the start of the call never leads to is a warning (an aside, a
    /// bad example to critique, is outside the call by design).
    fn check_reachable(&mut self, nodes: &[Node], depths: &[Option<usize>]) {
        for (n, d) in nodes.iter().zip(depths) {
            if d.is_none() && !n.is_aside() {
                self.diag(
                    Diagnostic::warning(msg!("script_unreachable", id = &n.id))
                        .hint(msg!("script_unreachable_hint", id = &n.id)),
                    n.line,
                    1,
                );
            }
        }
    }

    /// Reachable nodes from which no path ends the call: a cycle with no way out.
    /// One warning per loop, at its first node in script order.
    fn check_endless_loops(&mut self, nodes: &[Node], depths: &[Option<usize>]) {
        let edges = self.script.edges();
        let can_end = can_end_the_call(&edges);
        let trapped: Vec<usize> = (0..nodes.len()).filter(|&i| depths[i].is_some() && !can_end[i]).collect();
        let mut reported = vec![false; nodes.len()];
        for &i in &trapped {
            if reported[i] {
                continue;
            }
            let group = trapped_with(i, &edges, &can_end);
            for &g in &group {
                reported[g] = true;
            }
            let names: Vec<String> = group.iter().map(|&g| format!("#{}", nodes[g].id)).collect();
            self.diag(
                Diagnostic::warning(msg!("script_loop", nodes = names.join(" → "))).hint(msg!("script_loop_hint")),
                nodes[i].line,
                1,
            );
        }
    }
}

/// For each node, whether some path from it reaches a node without branches
/// (an end of the call): ends themselves, then whatever leads to one, until
/// nothing changes.
fn can_end_the_call(edges: &[Vec<usize>]) -> Vec<bool> {
    let mut can_end: Vec<bool> = edges.iter().map(|e| e.is_empty()).collect();
    loop {
        let mut changed = false;
        for i in 0..edges.len() {
            if !can_end[i] && edges[i].iter().any(|&j| can_end[j]) {
                can_end[i] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    can_end
}

/// Trapped node `start` and every trapped node it leads to — the same loop —
/// in script order.
fn trapped_with(start: usize, edges: &[Vec<usize>], can_end: &[bool]) -> Vec<usize> {
    let mut group = vec![start];
    let mut k = 0;
    while k < group.len() {
        for &j in &edges[group[k]] {
            if !can_end[j] && !group.contains(&j) {
                group.push(j);
            }
        }
        k += 1;
    }
    group.sort_unstable();
    group
}
