//! Where each arrow's label goes: on its last curve, near the box it leads to,
//! at the first of several points along that curve where it covers no box and
//! no label already placed (or where it covers least).

use super::place::{Geometry, LABEL_LINE, LABEL_PX, LOOP_W};
use super::rank::{Edge, Ranked};
use super::route::{along, Route};
use super::text::width;

/// A placed label: its lines, and the centre of their block (a self-loop's
/// label starts at `x` instead, to the right of the loop).
pub struct Spot {
    pub x: f64,
    pub y: f64,
    pub start: bool,
}

#[derive(Clone, Copy)]
struct Rect {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

impl Rect {
    fn around(x: f64, y: f64, w: f64, h: f64) -> Rect {
        Rect { x: x - w / 2.0, y: y - h / 2.0, w, h }
    }

    fn overlap(&self, o: &Rect) -> f64 {
        let dx = (self.x + self.w).min(o.x + o.w) - self.x.max(o.x);
        let dy = (self.y + self.h).min(o.y + o.h) - self.y.max(o.y);
        dx.max(0.0) * dy.max(0.0)
    }
}

/// Points along a curve: past the middle first, towards the box it leads to,
/// where a fan of arrows has spread apart.
const ALONG: [f64; 7] = [0.62, 0.74, 0.5, 0.84, 0.38, 0.26, 0.16];

pub fn spots(edges: &[Edge], ranked: &Ranked, geo: &Geometry, routes: &[Route]) -> Vec<Option<Spot>> {
    let mut taken: Vec<Rect> = (0..ranked.nodes)
        .map(|i| Rect { x: geo.cx[i] - geo.w / 2.0 - 2.0, y: geo.top(ranked, i) - 2.0, w: geo.w + 4.0, h: geo.h + 4.0 })
        .collect();
    let mut out = Vec::with_capacity(edges.len());
    for (k, e) in edges.iter().enumerate() {
        let lines = &geo.labels[k];
        if lines.is_empty() {
            out.push(None);
            continue;
        }
        let w = lines.iter().map(|l| width(l, LABEL_PX)).fold(0.0, f64::max) + 6.0;
        let h = lines.len() as f64 * LABEL_LINE + 2.0;
        let spot = if e.from == e.to {
            let x = geo.cx[e.from] + geo.w / 2.0 + LOOP_W + 8.0;
            let y = geo.top(ranked, e.from) + geo.h / 2.0;
            taken.push(Rect { x, y: y - h / 2.0, w, h });
            Spot { x, y, start: true }
        } else {
            let (x, y) = best_point(&routes[k], w, h, geo.width, &taken);
            taken.push(Rect::around(x, y, w, h));
            Spot { x, y, start: false }
        };
        out.push(Some(spot));
    }
    out
}

/// The candidate on the route's last curve (then its earlier curves) whose
/// label box covers the least, the first free one winning; kept inside the map.
fn best_point(route: &Route, w: f64, h: f64, map_width: f64, taken: &[Rect]) -> (f64, f64) {
    let curves: Vec<((f64, f64), (f64, f64))> = route.windows(2).step_by(2).map(|p| (p[0], p[1])).rev().collect();
    let mut best = (f64::MAX, (0.0, 0.0));
    for (from, to) in curves {
        for t in ALONG {
            let (x, y) = along(from, to, t);
            let x = x.clamp(w / 2.0 + 2.0, (map_width - w / 2.0 - 2.0).max(w / 2.0 + 2.0));
            let covered: f64 = taken.iter().map(|r| r.overlap(&Rect::around(x, y, w, h))).sum();
            if covered == 0.0 {
                return (x, y);
            }
            if covered < best.0 {
                best = (covered, (x, y));
            }
        }
    }
    best.1
}
