//! The flow map of a call script: an SVG drawn at build time, readable with no
//! JS. Nodes sit in rows by their breadth-first depth from the start (nodes the
//! start never reaches go in a last row); edges carry the customer's reaction as
//! their label; edges going back up (loops) bend round the right-hand side.
//! Colours come from the page's CSS variables, so dark mode just works.

use super::highlight::escape;
use crate::model::script::{Node, Script};
use std::fmt::Write as _;

const W: usize = 136;
const H: usize = 46;
const GAP_X: usize = 26;
const GAP_Y: usize = 70;
const MARGIN: usize = 14;
/// Room on the right for edges that go back up.
const LOOP_ROOM: usize = 44;

fn truncate(text: &str, max: usize) -> String {
    let n = text.chars().count();
    if n <= max {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

/// `label` is the accessible name of the map (流程图).
pub fn svg(script: &Script, label: &str) -> String {
    if script.nodes.is_empty() {
        return String::new();
    }
    let layout = Layout::new(script);
    let (width, height) = (layout.width, layout.height);
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg class=\"flowmap-svg\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"group\" aria-label=\"{}\">",
        escape(label)
    );
    out.push_str("<defs><marker id=\"fm-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path class=\"fm-arrowhead\" d=\"M0,0 L10,5 L0,10 z\"/></marker></defs>");
    // Edges first, labels after them, nodes last: labels and boxes stay on top.
    let mut labels = String::new();
    for i in 0..script.nodes.len() {
        for (j, full) in exits_by_target(script, i) {
            draw_edge(&layout, i, j, &full, &mut out, &mut labels);
        }
    }
    out.push_str(&labels);
    for (i, node) in script.nodes.iter().enumerate() {
        draw_node(&layout, i, node, &mut out);
    }
    out.push_str("</svg>");
    out
}

/// Where everything goes: computed once, before any drawing.
struct Layout {
    /// Each node's breadth-first depth from the start; None when unreachable.
    depths: Vec<Option<usize>>,
    /// Each node's targets, by node index.
    edges: Vec<Vec<usize>>,
    /// Width of the widest row, without the margins or the loop room.
    inner: usize,
    width: usize,
    height: usize,
    /// Top-left corner of each node.
    pos: Vec<(usize, usize)>,
}

impl Layout {
    fn new(script: &Script) -> Layout {
        let depths = script.depths();
        let rows = rows_by_depth(&depths);
        let widest = rows.iter().map(Vec::len).max().unwrap_or(1);
        let inner = widest * W + (widest - 1) * GAP_X;
        let edges = script.edges();
        let has_loops = (0..edges.len()).any(|i| edges[i].iter().any(|&j| back_edge(&depths, i, j)));
        let width = inner + 2 * MARGIN + if has_loops { LOOP_ROOM } else { 0 };
        // Same-row edges dip below their row: the last row needs room beneath it for them.
        let last_row_loops = rows.last().is_some_and(|row| {
            row.iter()
                .any(|&i| edges[i].iter().any(|&j| depths[i].is_some() && depths[i] == depths[j] && row.contains(&j)))
        });
        let height =
            rows.len() * H + (rows.len() - 1) * GAP_Y + 2 * MARGIN + if last_row_loops { GAP_Y / 2 } else { 0 };
        let pos = corners(&rows, inner, script.nodes.len());
        Layout { depths, edges, inner, width, height, pos }
    }

    /// Both nodes reachable and at the same depth.
    fn same_row(&self, i: usize, j: usize) -> bool {
        self.depths[i].is_some() && self.depths[i] == self.depths[j]
    }

    /// The edge from node `i` to node `j`: its SVG path and where its label sits.
    fn route(&self, i: usize, j: usize) -> (String, usize, usize) {
        let (sx, sy) = self.pos[i];
        let (tx, ty) = self.pos[j];
        if i == j {
            // A node that leads back to itself: a small loop on its right.
            let x = sx + W;
            let (top, bottom) = (sy + 12, sy + H - 12);
            (format!("M{x},{top} C{},{} {},{} {x},{bottom}", x + 34, sy, x + 34, sy + H), x + 4, sy.saturating_sub(4))
        } else if self.same_row(i, j) {
            // Along the same row: dip below it, between the boxes.
            let x1 = sx + W / 2;
            let x2 = tx + W / 2;
            let y = sy + H;
            let dip = y + GAP_Y / 2;
            (format!("M{x1},{y} C{x1},{dip} {x2},{dip} {x2},{y}"), (x1 + x2) / 2, y + GAP_Y * 3 / 8)
        } else if back_edge(&self.depths, i, j) {
            // Out of the right side, round the right margin, into the target's right side.
            let x1 = sx + W;
            let y1 = sy + H / 2;
            let x2 = tx + W;
            let y2 = ty + H / 2;
            let bend = MARGIN + self.inner + LOOP_ROOM - 8;
            (format!("M{x1},{y1} C{bend},{y1} {bend},{y2} {x2},{y2}"), bend.saturating_sub(6), (y1 + y2) / 2)
        } else {
            let x1 = sx + W / 2;
            let y1 = sy + H;
            let x2 = tx + W / 2;
            let y2 = ty;
            let mid = (y1 + y2) / 2;
            // The label sits just above the box it leads to, where edges no longer crowd.
            (format!("M{x1},{y1} C{x1},{mid} {x2},{mid} {x2},{y2}"), x2, y2.saturating_sub(14))
        }
    }

    /// How the label lines up with its point: self-loops to the right of it,
    /// loops back round the right margin to the left of it, the rest centred.
    fn label_anchor(&self, i: usize, j: usize) -> &'static str {
        if i == j {
            "start"
        } else if back_edge(&self.depths, i, j) && !self.same_row(i, j) {
            "end"
        } else {
            "middle"
        }
    }
}

/// Node indexes in rows by depth; nodes the start never reaches in a last row.
fn rows_by_depth(depths: &[Option<usize>]) -> Vec<Vec<usize>> {
    let max_depth = depths.iter().flatten().copied().max().unwrap_or(0);
    let mut rows: Vec<Vec<usize>> = vec![Vec::new(); max_depth + 1];
    let mut unreachable = Vec::new();
    for (i, d) in depths.iter().enumerate() {
        match d {
            Some(d) => rows[*d].push(i),
            None => unreachable.push(i),
        }
    }
    if !unreachable.is_empty() {
        rows.push(unreachable);
    }
    rows
}

/// The top-left corner of each of `count` nodes, each row centred in `inner`.
fn corners(rows: &[Vec<usize>], inner: usize, count: usize) -> Vec<(usize, usize)> {
    let mut pos = vec![(0usize, 0usize); count];
    for (r, row) in rows.iter().enumerate() {
        let row_w = row.len() * W + row.len().saturating_sub(1) * GAP_X;
        let x0 = MARGIN + (inner - row_w) / 2;
        for (k, &i) in row.iter().enumerate() {
            pos[i] = (x0 + k * (W + GAP_X), MARGIN + r * (H + GAP_Y));
        }
    }
    pos
}

/// Node `i`'s exits as one edge per target, in order of first mention, each
/// with its non-empty labels joined by ` / `: two choices that lead to the same
/// node are drawn as one arrow. Exits to missing nodes are left out.
fn exits_by_target(script: &Script, i: usize) -> Vec<(usize, String)> {
    let mut seen: Vec<(usize, Vec<String>)> = Vec::new();
    for (label, target) in script.nodes[i].exits() {
        let Some(j) = script.node(&target.id) else { continue };
        let text = label.map(str::to_string).unwrap_or_default();
        match seen.iter_mut().find(|(t, _)| *t == j) {
            Some((_, ls)) => ls.push(text),
            None => seen.push((j, vec![text])),
        }
    }
    seen.into_iter()
        .map(|(j, ls)| {
            let ls: Vec<String> = ls.into_iter().filter(|l| !l.is_empty()).collect();
            (j, ls.join(" / "))
        })
        .collect()
}

/// The edge from node `i` to node `j` into `out`, and its label (`full`, if
/// any) into `labels`, which are drawn after all the edges.
fn draw_edge(layout: &Layout, i: usize, j: usize, full: &str, out: &mut String, labels: &mut String) {
    let (path, lx, ly) = layout.route(i, j);
    let _ = write!(
        out,
        "<path class=\"fm-edge\" d=\"{path}\" marker-end=\"url(#fm-arrow)\"><title>{}</title></path>",
        escape(full)
    );
    if !full.is_empty() {
        let anchor = layout.label_anchor(i, j);
        let _ = write!(
            labels,
            "<text class=\"fm-label\" x=\"{lx}\" y=\"{}\" text-anchor=\"{anchor}\">{}<title>{}</title></text>",
            ly + 4,
            escape(&truncate(full, 9)),
            escape(full)
        );
    }
}

/// Node `i`: a link to its section, a box, its title, and its step if it has one.
fn draw_node(layout: &Layout, i: usize, node: &Node, out: &mut String) {
    let (x, y) = layout.pos[i];
    let mut class = String::from("fm-node");
    if i == 0 {
        class.push_str(" fm-start");
    }
    if layout.edges[i].is_empty() {
        class.push_str(" fm-end");
    }
    if layout.depths[i].is_none() {
        class.push_str(" fm-unreachable");
    }
    let _ = write!(
        out,
        "<a class=\"{class}\" href=\"#{}\" data-target=\"{}\"><title>{}</title><rect x=\"{x}\" y=\"{y}\" width=\"{W}\" height=\"{H}\" rx=\"9\"/>",
        escape(&node.id),
        escape(&node.id),
        escape(&node.title)
    );
    let cx = x + W / 2;
    match &node.step {
        Some(step) => {
            let _ = write!(
                out,
                "<text class=\"fm-title\" x=\"{cx}\" y=\"{}\" text-anchor=\"middle\">{}</text><text class=\"fm-step\" x=\"{cx}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                y + 20,
                escape(&truncate(&node.title, 9)),
                y + 37,
                escape(&truncate(step, 11))
            );
        }
        None => {
            let _ = write!(
                out,
                "<text class=\"fm-title\" x=\"{cx}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                y + H / 2 + 5,
                escape(&truncate(&node.title, 9))
            );
        }
    }
    out.push_str("</a>");
}

/// An edge to a node in the same row or above (a loop back).
fn back_edge(depths: &[Option<usize>], from: usize, to: usize) -> bool {
    let row = |i: usize| depths[i].unwrap_or(usize::MAX);
    row(to) <= row(from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::script;
    use std::path::Path;

    fn map(body: &str) -> String {
        let mut d = Vec::new();
        let s = script::parse(body, 1, (None, None), Path::new("a.md"), body, &mut d);
        svg(&s, "流程图")
    }

    #[test]
    fn nodes_edges_and_labels_are_drawn() {
        let out =
            map("## 开场 {#a step=\"问好\"}\n? r\n- 我很忙 -> #b\n- 不感兴趣 -> #c\n## 忙 {#b}\n-> #a\n## 不要 {#c}\n");
        assert_eq!(out.matches("class=\"fm-node").count(), 3);
        assert_eq!(out.matches("class=\"fm-edge\"").count(), 3);
        assert!(out.contains(">我很忙<title>"), "{out}");
        assert!(out.contains("href=\"#b\""));
        assert!(out.contains("fm-start") && out.contains("fm-end"));
        assert!(out.contains(">问好</text>"));
        // The loop from #b back to #a bends round the right.
        assert!(out.contains("text-anchor=\"end\"") || !out.contains("fm-label\" x=\"0"));
        assert!(out.starts_with("<svg") && out.ends_with("</svg>"));
    }

    #[test]
    fn a_self_loop_is_drawn_beside_its_node() {
        let out = map("## 甲 {#a}\n? r\n- 再说一遍 -> #a\n- 好 -> #b\n## 乙 {#b}\n");
        assert_eq!(out.matches("class=\"fm-edge\"").count(), 2);
        assert!(out.contains("text-anchor=\"start\">再说一遍"), "{out}");
    }

    #[test]
    fn empty_unreachable_and_long_titles() {
        assert_eq!(map(""), "");
        let out = map("## 一个非常非常长的节点标题啊 {#a}\n-> 结束\n## 孤岛 {#b}\n");
        assert!(out.contains("fm-unreachable"));
        assert!(out.contains("一个非常非常长的…"), "{out}");
    }
}
