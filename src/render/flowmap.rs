//! The flow map of a call script: an SVG drawn at build time, readable with no
//! JS. Nodes sit in rows by their breadth-first depth from the start (nodes the
//! start never reaches go in a last row); edges carry the customer's reaction as
//! their label; edges going back up (loops) bend round the right-hand side.
//! Colours come from the page's CSS variables, so dark mode just works.

use super::highlight::escape;
use crate::model::script::Script;
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
    let depths = script.depths();
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
    let widest = rows.iter().map(Vec::len).max().unwrap_or(1);
    let inner = widest * W + (widest - 1) * GAP_X;
    let edges = script.edges();
    let has_loops = (0..edges.len()).any(|i| edges[i].iter().any(|&j| back_edge(&depths, i, j)));
    let width = inner + 2 * MARGIN + if has_loops { LOOP_ROOM } else { 0 };
    let last_row_loops = rows.last().is_some_and(|row| {
        row.iter().any(|&i| edges[i].iter().any(|&j| depths[i].is_some() && depths[i] == depths[j] && row.contains(&j)))
    });
    let height = rows.len() * H + (rows.len() - 1) * GAP_Y + 2 * MARGIN + if last_row_loops { GAP_Y / 2 } else { 0 };
    // Top-left corner of each node.
    let mut pos = vec![(0usize, 0usize); script.nodes.len()];
    for (r, row) in rows.iter().enumerate() {
        let row_w = row.len() * W + row.len().saturating_sub(1) * GAP_X;
        let x0 = MARGIN + (inner - row_w) / 2;
        for (k, &i) in row.iter().enumerate() {
            pos[i] = (x0 + k * (W + GAP_X), MARGIN + r * (H + GAP_Y));
        }
    }
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg class=\"flowmap-svg\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"group\" aria-label=\"{}\">",
        escape(label)
    );
    out.push_str("<defs><marker id=\"fm-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path class=\"fm-arrowhead\" d=\"M0,0 L10,5 L0,10 z\"/></marker></defs>");
    // Edges first, labels after them, nodes last: labels and boxes stay on top.
    let mut labels = String::new();
    for (i, node) in script.nodes.iter().enumerate() {
        let mut seen: Vec<(usize, Vec<String>)> = Vec::new();
        for (label, target) in node.exits() {
            let Some(j) = script.node(&target.id) else { continue };
            let text = label.map(str::to_string).unwrap_or_default();
            match seen.iter_mut().find(|(t, _)| *t == j) {
                Some((_, ls)) => ls.push(text),
                None => seen.push((j, vec![text])),
            }
        }
        for (j, ls) in seen {
            let ls: Vec<String> = ls.into_iter().filter(|l| !l.is_empty()).collect();
            let full = ls.join(" / ");
            let (sx, sy) = pos[i];
            let (tx, ty) = pos[j];
            let same_row = depths[i].is_some() && depths[i] == depths[j];
            let (path, lx, ly) = if i == j {
                // A node that leads back to itself: a small loop on its right.
                let x = sx + W;
                let (top, bottom) = (sy + 12, sy + H - 12);
                (
                    format!("M{x},{top} C{},{} {},{} {x},{bottom}", x + 34, sy, x + 34, sy + H),
                    x + 4,
                    sy.saturating_sub(4),
                )
            } else if same_row {
                // Along the same row: dip below it, between the boxes.
                let x1 = sx + W / 2;
                let x2 = tx + W / 2;
                let y = sy + H;
                let dip = y + GAP_Y / 2;
                (format!("M{x1},{y} C{x1},{dip} {x2},{dip} {x2},{y}"), (x1 + x2) / 2, y + GAP_Y * 3 / 8)
            } else if back_edge(&depths, i, j) {
                // Out of the right side, round the right margin, into the target's right side.
                let x1 = sx + W;
                let y1 = sy + H / 2;
                let x2 = tx + W;
                let y2 = ty + H / 2;
                let bend = MARGIN + inner + LOOP_ROOM - 8;
                (format!("M{x1},{y1} C{bend},{y1} {bend},{y2} {x2},{y2}"), bend.saturating_sub(6), (y1 + y2) / 2)
            } else {
                let x1 = sx + W / 2;
                let y1 = sy + H;
                let x2 = tx + W / 2;
                let y2 = ty;
                let mid = (y1 + y2) / 2;
                // The label sits just above the box it leads to, where edges no longer crowd.
                (format!("M{x1},{y1} C{x1},{mid} {x2},{mid} {x2},{y2}"), x2, y2.saturating_sub(14))
            };
            let _ = write!(
                out,
                "<path class=\"fm-edge\" d=\"{path}\" marker-end=\"url(#fm-arrow)\"><title>{}</title></path>",
                escape(&full)
            );
            if !full.is_empty() {
                let anchor = if i == j {
                    "start"
                } else if back_edge(&depths, i, j) && !same_row {
                    "end"
                } else {
                    "middle"
                };
                let _ = write!(
                    labels,
                    "<text class=\"fm-label\" x=\"{lx}\" y=\"{}\" text-anchor=\"{anchor}\">{}<title>{}</title></text>",
                    ly + 4,
                    escape(&truncate(&full, 9)),
                    escape(&full)
                );
            }
        }
    }
    out.push_str(&labels);
    for (i, node) in script.nodes.iter().enumerate() {
        let (x, y) = pos[i];
        let mut class = String::from("fm-node");
        if i == 0 {
            class.push_str(" fm-start");
        }
        if edges[i].is_empty() {
            class.push_str(" fm-end");
        }
        if depths[i].is_none() {
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
    out.push_str("</svg>");
    out
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
        let s = script::parse(body, 1, None, None, Path::new("a.md"), body, &mut d);
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
        let out = map("## 一个非常非常长的节点标题啊 {#a}\n## 孤岛 {#b}\n");
        assert!(out.contains("fm-unreachable"));
        assert!(out.contains("一个非常非常长的…"), "{out}");
    }
}
