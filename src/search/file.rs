//! Reading the search files back (for tests and tools): what the browser sees
//! once it has loaded every one of them.

use super::compact;
use super::shards::{CALLBACK, DIR, MANIFEST};
use serde_json::Value;

/// The data a search file hands to `search.js`, its strings decoded.
pub fn read_part(js: &str) -> Option<(String, Value)> {
    let rest = js.trim_end().strip_prefix(CALLBACK)?.strip_prefix("(\"")?.strip_suffix(");")?;
    let (name, json) = rest.split_once("\",")?;
    let mut value: Value = serde_json::from_str(json).ok()?;
    // Heads and texts are in the compact spelling; key shards and the manifest are not.
    if !name.starts_with('k') && name != MANIFEST {
        decode_strings(&mut value);
    }
    Some((name.to_string(), value))
}

/// The whole index, from the site's files (`read` gets one by its path under
/// the site): the manifest's fields, and `docs` as
/// `[url, title, kind, names, [[anchor, heading, text], …]]` per document.
pub fn read_index(read: impl Fn(&str) -> Option<String>) -> Option<Value> {
    let (_, mut manifest) = read_part(&read(&format!("{DIR}/{MANIFEST}.js"))?)?;
    let n = manifest.get("docs")?.as_u64()? as usize;
    let per = |k: &str| manifest.get(k).and_then(Value::as_u64).map(|v| v as usize);
    let (heads, texts) = (per("heads")?.max(1), per("texts")?.max(1));
    let load = |prefix: &str, i: usize| -> Option<Vec<Value>> {
        let (_, v) = read_part(&read(&format!("{DIR}/{prefix}-{i}.js"))?)?;
        v.as_array().cloned()
    };
    let mut docs = Vec::with_capacity(n);
    for h in 0..n.div_ceil(heads) {
        docs.extend(load("h", h)?);
    }
    for t in 0..n.div_ceil(texts) {
        for (j, text) in load("t", t)?.into_iter().enumerate() {
            let doc = docs.get_mut(t * texts + j)?;
            let secs = doc.get_mut(4)?.as_array_mut()?;
            for (sec, text) in secs.iter_mut().zip(text.as_array()?) {
                sec.as_array_mut()?.push(text.clone());
            }
        }
    }
    manifest.as_object_mut()?.insert("docs".into(), Value::Array(docs));
    Some(manifest)
}

fn decode_strings(v: &mut Value) {
    match v {
        Value::String(s) => *s = compact::decode(s),
        Value::Array(items) => items.iter_mut().for_each(decode_strings),
        _ => {}
    }
}
