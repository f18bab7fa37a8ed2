//! A parsed call script's checks: not empty, node ids unique, every branch leads
//! to a node that exists, every node can be reached, and no loop lacks an end.

use super::*;

impl Parser<'_> {
    pub(super) fn validate(&mut self) {
        // A copy: the checks borrow the nodes while `diag` borrows the parser.
        let nodes = self.script.nodes.clone();
        if nodes.is_empty() {
            self.diag(
                Diagnostic::warning("this call script is empty")
                    .hint("write the dialogue as `坐席：台词` lines, and start each step of the call with a heading: `## 开场 {#open}`"),
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
                    Diagnostic::error(format!("duplicate node id '#{}'", n.id)).hint(format!(
                        "the id is already used by the node on line {first}; give this one another {{#id}}"
                    )),
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
                    Diagnostic::error(format!("node id '#{}' is also an id of the page layout", n.id))
                        .hint(format!("give the node another id: `## {} {{#{}-node}}`", n.title, n.id)),
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
                    let mut d = Diagnostic::error(format!("branch to a missing node '#{}'", t.id));
                    d = match did_you_mean(&t.id, ids.iter().copied()) {
                        Some(best) => d.hint(format!("did you mean '#{best}'? nodes: {}", ids.join(", "))),
                        None => d.hint(format!("nodes: {}", ids.join(", "))),
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
                    Diagnostic::warning(format!("node '#{}' cannot be reached from the start of the call", n.id))
                        .hint(format!("add a branch choice or a `-> #{}` that leads here, or remove the node", n.id)),
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
                Diagnostic::warning(format!("the call can loop forever: {} never lead to an end", names.join(" → ")))
                    .hint(
                        "give one of these nodes a choice that leads to a node without branches (the end of the call)",
                    ),
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
