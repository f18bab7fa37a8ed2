//! Rows and order (a layered, Sugiyama-style layout): every edge is made to run
//! downward by reversing the ones that loop back; each node's row is its longest
//! path from the start; an edge spanning several rows gets a bend slot in each
//! row between, so it runs between boxes instead of through them; the order in
//! each row is swept by barycentres to cut crossings.

/// An arrow of the map: one per (node, target), labels joined.
pub struct Edge {
    pub from: usize,
    pub to: usize,
    pub label: String,
}

/// Slots `0..nodes` are the nodes; the rest are bends, one per row an edge crosses.
pub struct Ranked {
    pub nodes: usize,
    /// Slot ids by row, in their order left to right.
    pub rows: Vec<Vec<usize>>,
    pub row_of: Vec<usize>,
    /// Each edge's slots from its upper end to its lower end; empty for a self-loop.
    pub chains: Vec<Vec<usize>>,
    /// The edge runs upward (drawn reversed): a loop back to an earlier node.
    pub back: Vec<bool>,
    /// Each node: the start leads to it.
    pub reachable: Vec<bool>,
    /// Each node: set apart in the last row.
    pub aside: Vec<bool>,
}

impl Ranked {
    pub fn is_bend(&self, slot: usize) -> bool {
        slot >= self.nodes
    }

    /// Consecutive slot pairs (upper, lower) of every chain: the segments between rows.
    pub fn segments(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.chains.iter().flat_map(|c| c.windows(2).map(|w| (w[0], w[1])))
    }
}

/// `asides` are nodes set apart in a last row (a bad example nobody jumps to).
pub fn rank(nodes: usize, edges: &[Edge], asides: &[bool]) -> Ranked {
    let reachable = reachable_from_start(nodes, edges);
    let back = back_edges(nodes, edges, &reachable);
    let row_of_node = rows_of_nodes(nodes, edges, &back, &reachable, asides);
    let mut ranked = with_bends(nodes, edges, back, row_of_node);
    order_rows(&mut ranked);
    ranked.reachable = reachable;
    ranked.aside = asides.to_vec();
    ranked
}

fn reachable_from_start(nodes: usize, edges: &[Edge]) -> Vec<bool> {
    let mut seen = vec![false; nodes];
    let mut stack = Vec::new();
    if nodes > 0 {
        seen[0] = true;
        stack.push(0);
    }
    while let Some(i) = stack.pop() {
        for e in edges.iter().filter(|e| e.from == i) {
            if !seen[e.to] {
                seen[e.to] = true;
                stack.push(e.to);
            }
        }
    }
    seen
}

/// Edges that close a cycle (to a node on the depth-first path, start first,
/// in the author's order), self-loops, and edges from nodes the start never
/// reaches back up to ones it does (those rows sit below).
fn back_edges(nodes: usize, edges: &[Edge], reachable: &[bool]) -> Vec<bool> {
    let mut back: Vec<bool> = edges.iter().map(|e| e.from == e.to || (!reachable[e.from] && reachable[e.to])).collect();
    let mut state = vec![0u8; nodes]; // 0 new, 1 on the path, 2 done
    for root in 0..nodes {
        if state[root] != 0 {
            continue;
        }
        // Iterative depth-first search: (node, next edge index to try).
        let mut path = vec![(root, 0usize)];
        state[root] = 1;
        while let Some(&mut (i, ref mut next)) = path.last_mut() {
            let Some(k) = (*next..edges.len()).find(|&k| edges[k].from == i && !back[k]) else {
                state[i] = 2;
                path.pop();
                continue;
            };
            *next = k + 1;
            match state[edges[k].to] {
                0 => {
                    state[edges[k].to] = 1;
                    path.push((edges[k].to, 0));
                }
                1 => back[k] = true,
                _ => {}
            }
        }
    }
    back
}

/// Longest path from the top over the downward edges: reachable nodes from the
/// start's row, unreached ones in rows below them, asides in a row of their own.
fn rows_of_nodes(nodes: usize, edges: &[Edge], back: &[bool], reachable: &[bool], asides: &[bool]) -> Vec<usize> {
    let down: Vec<(usize, usize)> = edges.iter().zip(back).filter(|(_, b)| !**b).map(|(e, _)| (e.from, e.to)).collect();
    let mut row = vec![0usize; nodes];
    let top = longest_paths(nodes, &down, &mut row, |i| reachable[i]);
    let placed = |i: usize| !reachable[i] && !asides[i];
    let base = if (0..nodes).any(|i| reachable[i]) { top + 1 } else { 0 };
    let lowest = longest_paths(nodes, &down, &mut row, placed);
    let below = if (0..nodes).any(placed) { base + lowest + 1 } else { base };
    for i in 0..nodes {
        if placed(i) {
            row[i] += base;
        } else if !reachable[i] {
            row[i] = below;
        }
    }
    row
}

/// Longest path lengths into `row` for the nodes `member` keeps, over the
/// edges among them (acyclic); returns the deepest.
fn longest_paths(nodes: usize, down: &[(usize, usize)], row: &mut [usize], member: impl Fn(usize) -> bool) -> usize {
    let inner: Vec<(usize, usize)> = down.iter().copied().filter(|&(a, b)| member(a) && member(b)).collect();
    let mut indegree = vec![0usize; nodes];
    for &(_, b) in &inner {
        indegree[b] += 1;
    }
    let mut ready: Vec<usize> = (0..nodes).rev().filter(|&i| member(i) && indegree[i] == 0).collect();
    let mut deepest = 0;
    while let Some(i) = ready.pop() {
        deepest = deepest.max(row[i]);
        for &(a, b) in inner.iter().filter(|(a, _)| *a == i) {
            row[b] = row[b].max(row[a] + 1);
            indegree[b] -= 1;
            if indegree[b] == 0 {
                ready.push(b);
            }
        }
    }
    deepest
}

/// Rows of slots: the nodes in the author's order, then a bend wherever an
/// edge crosses a row.
fn with_bends(nodes: usize, edges: &[Edge], back: Vec<bool>, row_of: Vec<usize>) -> Ranked {
    let deepest = row_of.iter().copied().max().unwrap_or(0);
    let mut rows: Vec<Vec<usize>> = vec![Vec::new(); if nodes == 0 { 0 } else { deepest + 1 }];
    for (i, &r) in row_of.iter().enumerate() {
        rows[r].push(i);
    }
    let mut ranked = Ranked { nodes, rows, row_of, chains: Vec::new(), back, reachable: Vec::new(), aside: Vec::new() };
    for e in edges {
        if e.from == e.to {
            ranked.chains.push(Vec::new());
            continue;
        }
        let (upper, lower) = if ranked.row_of[e.from] < ranked.row_of[e.to] { (e.from, e.to) } else { (e.to, e.from) };
        let mut chain = vec![upper];
        for r in ranked.row_of[upper] + 1..ranked.row_of[lower] {
            let bend = ranked.row_of.len();
            ranked.row_of.push(r);
            ranked.rows[r].push(bend);
            chain.push(bend);
        }
        chain.push(lower);
        ranked.chains.push(chain);
    }
    ranked
}

/// Barycentre sweeps, down then up, keeping the order with the fewest crossings.
fn order_rows(ranked: &mut Ranked) {
    let segments: Vec<(usize, usize)> = ranked.segments().collect();
    let mut best = ranked.rows.clone();
    let mut fewest = crossings(&ranked.rows, &ranked.row_of, &segments);
    for round in 0..8 {
        let downward = round % 2 == 0;
        let order: Vec<usize> = if downward {
            (1..ranked.rows.len()).collect()
        } else {
            (0..ranked.rows.len().saturating_sub(1)).rev().collect()
        };
        for r in order {
            let pos = positions(&ranked.rows, ranked.row_of.len());
            let neighbours = |s: usize| -> Vec<f64> {
                let other =
                    |(a, b): &(usize, usize)| if downward { (*b == s).then_some(*a) } else { (*a == s).then_some(*b) };
                segments.iter().filter_map(other).map(|n| pos[n]).collect()
            };
            let key = |s: usize| {
                let ns = neighbours(s);
                if ns.is_empty() {
                    pos[s]
                } else {
                    ns.iter().sum::<f64>() / ns.len() as f64
                }
            };
            ranked.rows[r].sort_by(|&a, &b| key(a).total_cmp(&key(b)));
        }
        let now = crossings(&ranked.rows, &ranked.row_of, &segments);
        if now < fewest {
            fewest = now;
            best = ranked.rows.clone();
        }
    }
    ranked.rows = best;
}

/// Each slot's index within its row.
fn positions(rows: &[Vec<usize>], slots: usize) -> Vec<f64> {
    let mut pos = vec![0.0; slots];
    for row in rows {
        for (k, &s) in row.iter().enumerate() {
            pos[s] = k as f64;
        }
    }
    pos
}

/// Pairs of segments between the same two rows that cross.
pub fn crossings(rows: &[Vec<usize>], row_of: &[usize], segments: &[(usize, usize)]) -> usize {
    let pos = positions(rows, row_of.len());
    let mut count = 0;
    for (k, &(a, b)) in segments.iter().enumerate() {
        for &(c, d) in &segments[k + 1..] {
            let same_rows = row_of[a] == row_of[c];
            let crossed = (pos[a] - pos[c]) * (pos[b] - pos[d]) < 0.0;
            count += usize::from(same_rows && crossed);
        }
    }
    count
}
