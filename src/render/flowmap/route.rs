//! The lines: each edge leaves its upper box from the bottom and enters its
//! lower box at the top, at its own port (ports spread along the side in the
//! order of the other ends, so arrows into one box do not pile up), curves
//! between rows and runs straight down through the rows it crosses. A loop back
//! is routed the same way and drawn reversed, so its arrowhead points up.

use super::place::{Geometry, LOOP_W};
use super::rank::Ranked;
use std::fmt::Write as _;

/// Points in drawing order (source to target): pairs alternate a curve between
/// rows and a straight run through a row, starting with a curve. Empty for a
/// node that loops to itself.
pub type Route = Vec<(f64, f64)>;

pub fn routes(ranked: &Ranked, geo: &Geometry) -> Vec<Route> {
    let ports = ports(ranked, geo);
    ranked
        .chains
        .iter()
        .enumerate()
        .map(|(k, chain)| {
            if chain.len() < 2 {
                return Vec::new();
            }
            let mut points = Vec::with_capacity(chain.len() * 2);
            let last = chain.len() - 1;
            for (i, &slot) in chain.iter().enumerate() {
                let top = geo.top(ranked, slot);
                let bottom = top + geo.h;
                if i > 0 {
                    points.push((ports[k][2 * i - 1], top));
                }
                if i < last {
                    points.push((ports[k][2 * i], bottom));
                }
            }
            if ranked.back[k] {
                points.reverse();
            }
            points
        })
        .collect()
}

/// For each edge, the x of each end of each of its segments: `[leave upper,
/// enter lower, leave, enter, …]`. Bends are a single point.
fn ports(ranked: &Ranked, geo: &Geometry) -> Vec<Vec<f64>> {
    let mut ports: Vec<Vec<f64>> =
        ranked.chains.iter().map(|c| c.iter().skip(1).flat_map(|_| [0.0, 0.0]).collect()).collect();
    // Every (edge, port index, other end) meeting a slot's bottom and its top.
    let mut sides: Vec<[Vec<(usize, usize, f64)>; 2]> = vec![[Vec::new(), Vec::new()]; ranked.row_of.len()];
    for (k, chain) in ranked.chains.iter().enumerate() {
        for (i, pair) in chain.windows(2).enumerate() {
            sides[pair[0]][0].push((k, 2 * i, geo.cx[pair[1]]));
            sides[pair[1]][1].push((k, 2 * i + 1, geo.cx[pair[0]]));
        }
    }
    for (slot, [bottom, top]) in sides.iter_mut().enumerate() {
        for side in [bottom, top] {
            side.sort_by(|a, b| a.2.total_cmp(&b.2));
            let m = side.len();
            let spacing =
                if ranked.is_bend(slot) || m < 2 { 0.0 } else { (12.0f64).min((geo.w - 36.0) / (m - 1) as f64) };
            for (n, &(k, p, _)) in side.iter().enumerate() {
                ports[k][p] = geo.cx[slot] + (n as f64 - (m - 1) as f64 / 2.0) * spacing;
            }
        }
    }
    ports
}

/// SVG path data through a route's points.
pub fn path(points: &Route) -> String {
    let mut d = String::new();
    if let Some(&(x, y)) = points.first() {
        let _ = write!(d, "M{},{}", num(x), num(y));
    }
    for (i, pair) in points.windows(2).enumerate() {
        let ((x1, y1), (x2, y2)) = (pair[0], pair[1]);
        if i % 2 == 0 {
            let mid = num((y1 + y2) / 2.0);
            let _ = write!(d, " C{},{mid} {},{mid} {},{}", num(x1), num(x2), num(x2), num(y2));
        } else {
            let _ = write!(d, " L{},{}", num(x2), num(y2));
        }
    }
    d
}

/// The loop of a node that leads back to itself, on its right side.
pub fn self_loop(geo: &Geometry, ranked: &Ranked, node: usize) -> String {
    let x = geo.cx[node] + geo.w / 2.0;
    let top = geo.top(ranked, node);
    let out = LOOP_W + 6.0;
    format!(
        "M{},{} C{},{} {},{} {},{}",
        num(x),
        num(top + 12.0),
        num(x + out),
        num(top),
        num(x + out),
        num(top + geo.h),
        num(x),
        num(top + geo.h - 12.0)
    )
}

/// A coordinate as SVG text: one decimal at most.
pub fn num(v: f64) -> String {
    format!("{}", (v * 10.0).round() / 10.0)
}

/// The point at `t` along the cubic between two route points (as drawn by [`path`]).
pub fn along(from: (f64, f64), to: (f64, f64), t: f64) -> (f64, f64) {
    let mid = (from.1 + to.1) / 2.0;
    let u = 1.0 - t;
    let (a, b, c) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t);
    let d = t * t * t;
    let x = a * from.0 + b * from.0 + c * to.0 + d * to.0;
    let y = a * from.1 + (b + c) * mid + d * to.1;
    (x, y)
}
