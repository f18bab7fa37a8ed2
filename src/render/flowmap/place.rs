//! Sizes and coordinates: box width chosen so the widest row fits a desktop
//! content column, titles and labels wrapped to it, rows spaced to hold the
//! labels that sit between them, and each slot pulled towards the slots it
//! connects to (keeping its row's order and spacing).

use super::rank::{Edge, Ranked};
use super::text::{width, wrap};

pub const MARGIN: f64 = 14.0;
/// The map fits a desktop content column this wide when it can (px).
const FIT: f64 = 640.0;
const MIN_W: f64 = 96.0;
const MAX_W: f64 = 150.0;
const GAP_X: f64 = 18.0;
const BEND_W: f64 = 8.0;
pub const TITLE_PX: f64 = 14.0;
pub const STEP_PX: f64 = 11.0;
pub const LABEL_PX: f64 = 12.0;
pub const TITLE_LINE: f64 = 17.0;
pub const LABEL_LINE: f64 = 14.0;
/// Room right of a node for its loop to itself (the label goes beyond it).
pub const LOOP_W: f64 = 28.0;
/// Space between rows with no label in it.
const GAP_Y: f64 = 34.0;

/// What a node box shows, wrapped to the box.
pub struct NodeText {
    pub title: Vec<String>,
    pub step: Option<String>,
}

pub struct Geometry {
    /// Box size, the same for every node.
    pub w: f64,
    pub h: f64,
    /// Centre x of every slot (nodes, then bends).
    pub cx: Vec<f64>,
    /// Top y of every row.
    pub row_top: Vec<f64>,
    pub width: f64,
    pub height: f64,
    pub texts: Vec<NodeText>,
    /// Each edge's label, wrapped.
    pub labels: Vec<Vec<String>>,
}

impl Geometry {
    pub fn top(&self, ranked: &Ranked, slot: usize) -> f64 {
        self.row_top[ranked.row_of[slot]]
    }
}

/// `texts` are each node's (title, step).
pub fn place(ranked: &Ranked, edges: &[Edge], texts: &[(String, Option<String>)]) -> Geometry {
    let w = box_width(ranked, edges);
    let texts: Vec<NodeText> = texts
        .iter()
        .map(|(title, step)| NodeText {
            title: wrap(title, TITLE_PX, w - 14.0, 3),
            step: step.as_ref().and_then(|s| wrap(s, STEP_PX, w - 12.0, 1).pop()),
        })
        .collect();
    let title_lines = texts.iter().map(|t| t.title.len()).max().unwrap_or(1).max(1);
    let with_step = texts.iter().any(|t| t.step.is_some());
    let h = 14.0 + title_lines as f64 * TITLE_LINE + if with_step { 15.0 } else { 0.0 };
    let labels: Vec<Vec<String>> = edges
        .iter()
        .map(|e| {
            // Within its box's width: labels near neighbouring boxes stay apart.
            let room = if e.from == e.to { 96.0 } else { (w - 8.0).min(112.0) };
            wrap(&e.label, LABEL_PX, room, 3)
        })
        .collect();
    let widths = slot_widths(ranked, edges, &labels, w);
    let mut cx = centres(ranked, &widths);
    let left = ranked.rows.iter().flatten().map(|&s| cx[s] - widths[s] / 2.0).fold(f64::MAX, f64::min);
    let right = ranked.rows.iter().flatten().map(|&s| cx[s] + widths[s] / 2.0).fold(f64::MIN, f64::max);
    for x in &mut cx {
        *x += MARGIN - left;
    }
    let row_top = row_tops(ranked, edges, &labels, h);
    let height = row_top.last().map_or(0.0, |t| t + h + MARGIN);
    Geometry { w, h, cx, row_top, width: right - left + 2.0 * MARGIN, height, texts, labels }
}

/// The widest box (up to MAX_W) that lets every row fit FIT, never under MIN_W.
fn box_width(ranked: &Ranked, edges: &[Edge]) -> f64 {
    let mut w = MAX_W;
    for row in &ranked.rows {
        let boxes = row.iter().filter(|&&s| !ranked.is_bend(s)).count();
        if boxes == 0 {
            continue;
        }
        let loops = row.iter().filter(|&&s| edges.iter().any(|e| e.from == s && e.to == s)).count();
        let fixed = (row.len() - boxes) as f64 * BEND_W
            + row.len().saturating_sub(1) as f64 * GAP_X
            + loops as f64 * (LOOP_W + 60.0)
            + 2.0 * MARGIN;
        w = w.min((FIT - fixed) / boxes as f64);
    }
    w.clamp(MIN_W, MAX_W).floor()
}

/// Room each slot takes in its row: a box (and its loop), or a bend.
fn slot_widths(ranked: &Ranked, edges: &[Edge], labels: &[Vec<String>], w: f64) -> Vec<f64> {
    (0..ranked.row_of.len())
        .map(|s| {
            if ranked.is_bend(s) {
                return BEND_W;
            }
            let loop_label = edges.iter().zip(labels).find(|(e, _)| e.from == s && e.to == s).map(|(_, l)| l);
            match loop_label {
                // The box stays centred on its slot: the loop's room is on both sides.
                Some(l) => w + 2.0 * (LOOP_W + l.iter().map(|t| width(t, LABEL_PX)).fold(0.0, f64::max)),
                None => w,
            }
        })
        .collect()
}

/// Centre x of every slot: rows packed and centred, then pulled towards their
/// neighbours, down and up, a few times.
fn centres(ranked: &Ranked, widths: &[f64]) -> Vec<f64> {
    let mut cx = vec![0.0; ranked.row_of.len()];
    for row in &ranked.rows {
        let mut x = -row_width(row, widths) / 2.0;
        for &s in row {
            cx[s] = x + widths[s] / 2.0;
            x += widths[s] + GAP_X;
        }
    }
    // No row reaches past the widest one: the map stays as wide as that row.
    let half = ranked.rows.iter().map(|row| row_width(row, widths)).fold(0.0, f64::max) / 2.0;
    let segments: Vec<(usize, usize)> = ranked.segments().collect();
    for round in 0..6 {
        let down = round % 2 == 0;
        let rows: Vec<usize> =
            if down { (0..ranked.rows.len()).collect() } else { (0..ranked.rows.len()).rev().collect() };
        for r in rows {
            let wanted: Vec<f64> = ranked.rows[r]
                .iter()
                .map(|&s| {
                    let other =
                        |&(a, b): &(usize, usize)| if down { (b == s).then_some(a) } else { (a == s).then_some(b) };
                    let xs: Vec<f64> = segments.iter().filter_map(other).map(|n| cx[n]).collect();
                    if xs.is_empty() {
                        cx[s]
                    } else {
                        xs.iter().sum::<f64>() / xs.len() as f64
                    }
                })
                .collect();
            spread(&ranked.rows[r], &wanted, widths, half, &mut cx);
        }
    }
    cx
}

fn row_width(row: &[usize], widths: &[f64]) -> f64 {
    row.iter().map(|&s| widths[s]).sum::<f64>() + row.len().saturating_sub(1) as f64 * GAP_X
}

/// Put `row` as near its `wanted` centres as its order and spacing allow,
/// inside `-half..half`: each wish is first kept where the slots before and
/// after it still fit, then the leftmost and the rightmost arrangements that
/// keep the spacing are averaged (both fit, so their mean does).
fn spread(row: &[usize], wanted: &[f64], widths: &[f64], half: f64, cx: &mut [f64]) {
    let n = row.len();
    if n == 0 {
        return;
    }
    let step = |k: usize| (widths[row[k]] + widths[row[k + 1]]) / 2.0 + GAP_X;
    let mut lowest = vec![-half + widths[row[0]] / 2.0; n];
    for k in 1..n {
        lowest[k] = lowest[k - 1] + step(k - 1);
    }
    let mut highest = vec![half - widths[row[n - 1]] / 2.0; n];
    for k in (0..n.saturating_sub(1)).rev() {
        highest[k] = highest[k + 1] - step(k);
    }
    let wish: Vec<f64> = (0..n).map(|k| wanted[k].min(highest[k]).max(lowest[k])).collect();
    let mut from_left = wish.clone();
    for k in 1..n {
        from_left[k] = from_left[k].max(from_left[k - 1] + step(k - 1));
    }
    let mut from_right = wish;
    for k in (0..n.saturating_sub(1)).rev() {
        from_right[k] = from_right[k].min(from_right[k + 1] - step(k));
    }
    for k in 0..n {
        cx[row[k]] = (from_left[k] + from_right[k]) / 2.0;
    }
}

/// Top y of each row: a gap above each row tall enough for the labels that sit in it.
fn row_tops(ranked: &Ranked, edges: &[Edge], labels: &[Vec<String>], h: f64) -> Vec<f64> {
    let mut gap = vec![GAP_Y; ranked.rows.len()];
    for (k, e) in edges.iter().enumerate() {
        if e.from == e.to || labels[k].is_empty() {
            continue;
        }
        let below_target = if ranked.back[k] { ranked.row_of[e.to] + 1 } else { ranked.row_of[e.to] };
        if let Some(g) = gap.get_mut(below_target) {
            *g = g.max(GAP_Y + labels[k].len() as f64 * LABEL_LINE + 8.0);
        }
    }
    let mut tops = Vec::with_capacity(ranked.rows.len());
    let mut y = MARGIN;
    for (r, g) in gap.iter().enumerate() {
        if r > 0 {
            y += g;
        }
        tops.push(y);
        y += h;
    }
    tops
}
