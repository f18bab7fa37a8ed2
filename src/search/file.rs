//! `search-index.js`: the documents as rows, written in the compact spelling
//! of [`super::compact`] after a head the browser reads first, and read back.

use super::{compact, text, Doc, SCORE_BODY, SCORE_HEADING, SCORE_TERM, SCORE_TITLE};
use serde::Serialize;

/// One document as its row of `search-index.js`:
/// `[url, title, kind, names, [[anchor, heading, text], …]]`.
pub(super) fn row(d: &Doc) -> String {
    let secs: Vec<[&str; 3]> =
        d.sections.iter().map(|s| [s.anchor.as_str(), s.heading.as_str(), s.text.as_str()]).collect();
    serde_json::to_string(&(d.url.as_str(), d.title.as_str(), d.kind.code(), d.names.as_slice(), secs))
        .unwrap_or_else(|_| "null".into())
}

/// The whole file from its rows (cached per page by `serve`): one assignment
/// the search UI picks up after loading it. The documents are written in the
/// compact spelling of [`compact`], with its table in `map`.
pub(super) fn js<R: AsRef<str>>(rows: Vec<R>, kinds: &[&'static str]) -> String {
    #[derive(Serialize)]
    struct Head<'a> {
        v: u32,
        fold: [&'a str; 2],
        kinds: &'a [&'static str],
        scores: [u32; 4],
        map: String,
    }
    let table = compact::Table::of(rows.iter().map(AsRef::as_ref));
    let mut seen = vec![0u64; 0x40000 / 64];
    for c in rows.iter().flat_map(|r| r.as_ref().chars()).filter(|&c| (c as usize) < 0x40000) {
        seen[c as usize / 64] |= 1 << (c as usize % 64);
    }
    let fold = text::fold_table(|c| seen.get(c as usize / 64).is_some_and(|b| b & (1 << (c as usize % 64)) != 0));
    let head = Head {
        v: 2,
        fold: [&fold[0], &fold[1]],
        kinds,
        scores: [SCORE_TITLE, SCORE_HEADING, SCORE_TERM, SCORE_BODY],
        map: table.chars().iter().collect(),
    };
    let head = serde_json::to_string(&head).unwrap_or_else(|_| "{}".into());
    let size: usize = rows.iter().map(|r| r.as_ref().len()).sum();
    let mut out = String::with_capacity(size * 3 / 4 + head.len() + 64);
    out.push_str(INDEX_PREFIX);
    out.push_str(head.strip_suffix('}').unwrap_or("{"));
    out.push_str(",\"docs\":[");
    // Consumed in order: a row no one else holds is freed once encoded.
    for (i, r) in rows.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        table.encode_into(&mut out, r.as_ref());
    }
    out.push_str("]};\n");
    out
}

/// How `search-index.js` starts: one assignment to this global.
pub const INDEX_PREFIX: &str = "window.coursesiteSearchIndex=";

/// The JSON of a `search-index.js` with its documents decoded back to plain
/// text: what the browser sees after loading it (for tests and tools).
pub fn read_index_js(js: &str) -> Option<serde_json::Value> {
    let json = js.trim_end().strip_prefix(INDEX_PREFIX)?.strip_suffix(';')?;
    let mut value: serde_json::Value = serde_json::from_str(json).ok()?;
    let table: Vec<char> = value.get("map")?.as_str()?.chars().collect();
    decode_strings(value.get_mut("docs")?, &table);
    Some(value)
}

fn decode_strings(v: &mut serde_json::Value, table: &[char]) {
    match v {
        serde_json::Value::String(s) => *s = compact::decode(s, table),
        serde_json::Value::Array(items) => items.iter_mut().for_each(|i| decode_strings(i, table)),
        _ => {}
    }
}
