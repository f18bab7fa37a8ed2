//! The flow map of a call script: an SVG drawn at build time, readable with no
//! JS. A layered layout ([`rank`]: rows and order, [`place`]: sizes and
//! coordinates, [`route`]: lines, [`label`]: where labels go): every arrow runs
//! between boxes, never through one; loops back are drawn upward; titles and
//! the customer's reactions wrap instead of being cut; the map fits a desktop
//! column when the widest row allows (it scrolls sideways on a phone).
//! Colours come from the page's CSS variables, so dark mode just works.

mod label;
mod place;
mod rank;
mod route;
mod text;

use super::text::escape;
use crate::model::script::{Node, Script};
use place::{Geometry, LABEL_LINE, STEP_PX, TITLE_LINE};
use rank::{Edge, Ranked};
use route::num;
use std::fmt::Write as _;

/// `label` is the accessible name of the map (流程图).
pub fn svg(script: &Script, label: &str) -> String {
    if script.nodes.is_empty() {
        return String::new();
    }
    let Drawn { edges, ranked, geo, routes, spots } = layout(script);
    let (width, height) = (geo.width.ceil(), geo.height.ceil());
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg class=\"flowmap-svg\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"group\" aria-label=\"{}\">",
        escape(label)
    );
    out.push_str("<defs><marker id=\"fm-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path class=\"fm-arrowhead\" d=\"M0,0 L10,5 L0,10 z\"/></marker></defs>");
    // Edges first, labels after them, nodes last: labels and boxes stay on top.
    for (k, e) in edges.iter().enumerate() {
        let d = if e.from == e.to { route::self_loop(&geo, &ranked, e.from) } else { route::path(&routes[k]) };
        let class = if ranked.back[k] { "fm-edge fm-back" } else { "fm-edge" };
        let _ = write!(
            out,
            "<path class=\"{class}\" d=\"{d}\" marker-end=\"url(#fm-arrow)\"><title>{}</title></path>",
            escape(&e.label)
        );
    }
    for (k, spot) in spots.iter().enumerate() {
        if let Some(spot) = spot {
            draw_label(spot, &geo.labels[k], &edges[k].label, &mut out);
        }
    }
    for (i, node) in script.nodes.iter().enumerate() {
        draw_node(&ranked, &geo, &edges, i, node, &mut out);
    }
    out.push_str("</svg>");
    out
}

/// Everything placed, before any drawing.
struct Drawn {
    edges: Vec<Edge>,
    ranked: Ranked,
    geo: Geometry,
    routes: Vec<route::Route>,
    spots: Vec<Option<label::Spot>>,
}

/// The layout steps in order: arrows, rows and order, sizes and places, lines, labels.
fn layout(script: &Script) -> Drawn {
    let edges = edges(script);
    let asides: Vec<bool> = (0..script.nodes.len())
        .map(|i| script.nodes[i].is_aside() && !edges.iter().any(|e| e.from == i || e.to == i))
        .collect();
    let ranked = rank::rank(script.nodes.len(), &edges, &asides);
    let texts: Vec<(String, Option<String>)> = script.nodes.iter().map(|n| (n.title.clone(), n.step.clone())).collect();
    let geo = place::place(&ranked, &edges, &texts);
    let routes = route::routes(&ranked, &geo);
    let spots = label::spots(&edges, &ranked, &geo, &routes);
    Drawn { edges, ranked, geo, routes, spots }
}

/// One arrow per (node, target), in order of first mention, its non-empty
/// labels joined by ` / `: two choices that lead to the same node are drawn as
/// one arrow. Exits to missing nodes are left out.
fn edges(script: &Script) -> Vec<Edge> {
    let mut out: Vec<(usize, usize, Vec<String>)> = Vec::new();
    for (i, node) in script.nodes.iter().enumerate() {
        for (label, target) in node.exits() {
            let Some(j) = script.node(&target.id) else { continue };
            let text = label.map(str::to_string).unwrap_or_default();
            match out.iter_mut().find(|(a, b, _)| *a == i && *b == j) {
                Some((_, _, ls)) => ls.push(text),
                None => out.push((i, j, vec![text])),
            }
        }
    }
    out.into_iter()
        .map(|(from, to, ls)| {
            let ls: Vec<String> = ls.into_iter().filter(|l| !l.is_empty()).collect();
            Edge { from, to, label: ls.join(" / ") }
        })
        .collect()
}

/// A label as lines of text centred on its spot (a self-loop's starts there).
fn draw_label(spot: &label::Spot, lines: &[String], full: &str, out: &mut String) {
    let anchor = if spot.start { "start" } else { "middle" };
    let first = spot.y - (lines.len() as f64 - 1.0) * LABEL_LINE / 2.0 + 4.0;
    let _ = write!(out, "<text class=\"fm-label\" text-anchor=\"{anchor}\">");
    for (n, line) in lines.iter().enumerate() {
        let y = first + n as f64 * LABEL_LINE;
        let _ = write!(out, "<tspan x=\"{}\" y=\"{}\">{}</tspan>", num(spot.x), num(y), escape(line));
    }
    let _ = write!(out, "<title>{}</title></text>", escape(full));
}

/// Node `i`: a link to its section, a box, its title (wrapped) and its step.
fn draw_node(ranked: &Ranked, geo: &Geometry, edges: &[Edge], i: usize, node: &Node, out: &mut String) {
    let (x, y) = (geo.cx[i] - geo.w / 2.0, geo.top(ranked, i));
    let mut class = String::from("fm-node");
    let ends = !edges.iter().any(|e| e.from == i);
    for (on, name) in [
        (i == 0, " fm-start"),
        (ends && !ranked.aside[i], " fm-end"),
        (!ranked.reachable[i] && !ranked.aside[i], " fm-unreachable"),
        (ranked.aside[i], " fm-aside"),
    ] {
        if on {
            class.push_str(name);
        }
    }
    let _ = write!(
        out,
        "<a class=\"{class}\" href=\"#{}\" data-target=\"{}\"><title>{}</title><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"9\"/>",
        escape(&node.id),
        escape(&node.id),
        escape(&node.title),
        num(x),
        num(y),
        num(geo.w),
        num(geo.h)
    );
    let text = &geo.texts[i];
    let lines = text.title.len() as f64 + if text.step.is_some() { STEP_PX / TITLE_LINE + 0.2 } else { 0.0 };
    let mut baseline = y + geo.h / 2.0 - lines * TITLE_LINE / 2.0 + 13.0;
    let _ = write!(out, "<text class=\"fm-title\" text-anchor=\"middle\">");
    for line in &text.title {
        let _ = write!(out, "<tspan x=\"{}\" y=\"{}\">{}</tspan>", num(geo.cx[i]), num(baseline), escape(line));
        baseline += TITLE_LINE;
    }
    out.push_str("</text>");
    if let Some(step) = &text.step {
        let _ = write!(
            out,
            "<text class=\"fm-step\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            num(geo.cx[i]),
            num(baseline),
            escape(step)
        );
    }
    out.push_str("</a>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::script;
    use std::path::Path;

    /// Five reactions to the opening, one loop back, two edges that skip a row.
    const FIVE: &str = "## 开场问候 {#open step=\"开场\"}\n坐席：您好。\n? 客户的反应\n- 我现在正在开会很忙 -> #busy\n- 我对这种业务完全不感兴趣 -> #nope\n- 你们怎么知道我的电话号码 -> #privacy\n- 好的，请说吧 -> #pitch\n- 上次的投诉还没有处理完 -> #complaint\n## 客户很忙 {#busy}\n坐席：好的。\n-> 结束\n## 不感兴趣 {#nope}\n坐席：理解。\n? 客户\n- 那你说说看 -> #pitch\n- 还是不要 -> #close\n## 隐私疑虑 {#privacy}\n坐席：开户时预留的。\n-> #open\n## 介绍业务 {#pitch}\n坐席：可以省手续费。\n-> #close\n## 先处理投诉 {#complaint}\n坐席：马上转接。\n-> #close\n## 礼貌结束通话 {#close}\n坐席：再见。\n";

    fn parse(body: &str) -> Script {
        let mut d = Vec::new();
        script::parse(body, 1, (None, None), Path::new("a.md"), body, &mut d)
    }

    fn map(body: &str) -> String {
        svg(&parse(body), "流程图")
    }

    fn layout(body: &str) -> Drawn {
        super::layout(&parse(body))
    }

    /// Node `i`'s box: left, top, right, bottom.
    fn bounds(d: &Drawn, i: usize) -> (f64, f64, f64, f64) {
        let (x, y) = (d.geo.cx[i] - d.geo.w / 2.0, d.geo.top(&d.ranked, i));
        (x, y, x + d.geo.w, y + d.geo.h)
    }

    #[test]
    fn nodes_edges_and_labels_are_drawn() {
        let out =
            map("## 开场 {#a step=\"问好\"}\n? r\n- 我很忙 -> #b\n- 不感兴趣 -> #c\n## 忙 {#b}\n-> #a\n## 不要 {#c}\n");
        assert_eq!(out.matches("class=\"fm-node").count(), 3);
        assert_eq!(out.matches("class=\"fm-edge").count(), 3);
        assert_eq!(out.matches("class=\"fm-edge fm-back\"").count(), 1, "{out}");
        assert!(out.contains(">我很忙</tspan><title>我很忙</title>"), "{out}");
        assert!(out.contains("href=\"#b\""));
        assert!(out.contains("fm-start") && out.contains("fm-end"));
        assert!(out.contains(">问好</text>"));
        assert!(out.starts_with("<svg") && out.ends_with("</svg>"));
    }

    #[test]
    fn five_reactions_fit_a_desktop_column_with_every_label_whole() {
        let out = map(FIVE);
        let width: f64 = out.split("width=\"").nth(1).and_then(|w| w.split('"').next()).unwrap().parse().unwrap();
        assert!(width <= 640.0, "{width}");
        // Wrapped over lines, never cut: the words of each label are all there.
        let d = layout(FIVE);
        for (k, e) in d.edges.iter().enumerate() {
            assert_eq!(d.geo.labels[k].concat(), e.label, "{:?}", d.geo.labels[k]);
        }
        assert!(d.geo.labels.iter().any(|l| l.len() > 1), "a long label wraps");
        assert!(!out.contains('…'));
    }

    #[test]
    fn every_arrow_runs_between_boxes_never_through_one() {
        let d = layout(FIVE);
        for (k, r) in d.routes.iter().enumerate() {
            let (from, to) = (d.edges[k].from, d.edges[k].to);
            for pair in r.windows(2) {
                for step in 1..20 {
                    let (x, y) = route::along(pair[0], pair[1], f64::from(step) / 20.0);
                    for i in (0..d.ranked.nodes).filter(|&i| i != from && i != to) {
                        let (l, t, rt, b) = bounds(&d, i);
                        assert!(!(x > l && x < rt && y > t && y < b), "edge {k} crosses node {i} at {x},{y}");
                    }
                }
            }
        }
    }

    #[test]
    fn forward_arrows_go_down_a_row_and_loops_back_go_up() {
        let d = layout(FIVE);
        for (k, e) in d.edges.iter().enumerate() {
            let (a, b) = (d.ranked.row_of[e.from], d.ranked.row_of[e.to]);
            assert_eq!(d.ranked.back[k], b < a, "edge {k}");
            assert_ne!(a, b, "no arrow runs along a row");
            let r = &d.routes[k];
            assert_eq!(r.first().unwrap().1 > r.last().unwrap().1, d.ranked.back[k], "edge {k} drawn the right way");
        }
        // 介绍业务 comes after 不感兴趣 leads to it: a row below it, not beside it.
        assert!(d.ranked.row_of[4] > d.ranked.row_of[2]);
    }

    #[test]
    fn labels_cover_no_box_and_no_other_label() {
        let d = layout(FIVE);
        let mut rects = Vec::new();
        for (k, spot) in d.spots.iter().enumerate() {
            let Some(s) = spot else { continue };
            let w = d.geo.labels[k].iter().map(|l| text::width(l, place::LABEL_PX)).fold(0.0, f64::max);
            let h = d.geo.labels[k].len() as f64 * LABEL_LINE;
            rects.push((s.x - w / 2.0, s.y - h / 2.0, s.x + w / 2.0, s.y + h / 2.0));
        }
        let meets = |a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)| a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3;
        for (n, &r) in rects.iter().enumerate() {
            for i in 0..d.ranked.nodes {
                assert!(!meets(r, bounds(&d, i)), "label {n} covers node {i}");
            }
            for (m, &o) in rects.iter().enumerate().skip(n + 1) {
                assert!(!meets(r, o), "labels {n} and {m} overlap");
            }
        }
    }

    #[test]
    fn sweeps_remove_the_crossing_of_the_authors_order() {
        // In the author's order 乙 丙 over 丁 戊, with 乙 → 戊 and 丙 → 丁: a crossing.
        let body = "## 甲 {#a}\n? r\n- x -> #b\n- y -> #c\n## 乙 {#b}\n-> #e\n## 丙 {#c}\n-> #d\n## 丁 {#d}\n-> 结束\n## 戊 {#e}\n-> 结束\n";
        let d = layout(body);
        let segments: Vec<(usize, usize)> = d.ranked.segments().collect();
        assert_eq!(rank::crossings(&d.ranked.rows, &d.ranked.row_of, &segments), 0, "{:?}", d.ranked.rows);
    }

    #[test]
    fn a_self_loop_is_drawn_beside_its_node() {
        let out = map("## 甲 {#a}\n? r\n- 再说一遍 -> #a\n- 好 -> #b\n## 乙 {#b}\n");
        assert_eq!(out.matches("class=\"fm-edge").count(), 2);
        assert!(out.contains("text-anchor=\"start\"><tspan"), "{out}");
        assert!(out.contains(">再说一遍</tspan>"), "{out}");
    }

    #[test]
    fn empty_unreachable_and_long_titles() {
        assert_eq!(map(""), "");
        let out = map("## 一个非常非常长的节点标题啊 {#a}\n-> 结束\n## 孤岛 {#b}\n");
        assert!(out.contains("fm-unreachable"));
        let d = layout("## 一个非常非常长的节点标题啊 {#a}\n-> 结束\n## 孤岛 {#b}\n");
        assert_eq!(d.geo.texts[0].title.concat(), "一个非常非常长的节点标题啊");
        // The unreachable node sits in a row below the start's.
        assert!(d.ranked.row_of[1] > d.ranked.row_of[0]);
    }
}
