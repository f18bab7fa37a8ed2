//! The sharded search files under `search/`, each a classic script (a
//! `<script>` tag loads it from `file://`, where fetch fails) that hands its
//! data to `search.js` with `coursesiteSearchPart(name, data)`:
//!
//! - `manifest.js`: counts, labels, scores, the fold and compact tables;
//! - `k-N.js`: key → documents. A key is a CJK character or the first one or two
//!   letters of a word; it lives in shard `fnv1a(key) mod shards`. A posting list
//!   is written as deltas, or as a base64 bitmap over all documents when shorter.
//!   A glossary name's other names (its synonyms) are there too, as `"=name"`,
//!   in the shard of the name's first key, which its query loads anyway;
//! - `h-N.js`: [`HEAD_BUCKET`] documents' heads (URL, title, kind, names,
//!   section anchors and headings): enough to rank title and heading matches;
//! - `t-N.js`: [`TEXT_BUCKET`] documents' section texts, loaded only for the
//!   results shown, where every candidate is checked as an exact substring.
//!
//! A file's name and bytes depend only on its documents, so `serve` re-encodes
//! only the files whose documents changed ([`FileCache`]) and its output stays
//! byte-identical to a clean build's.

use super::parts::{first_key, shard_of, DocPart};
use super::postings::{shard_hash, Kept, Shard, Synonyms};
use super::{compact, text, SCORE_BODY, SCORE_HEADING, SCORE_TERM, SCORE_TITLE};
use crate::fingerprint::hash_of;
use crate::render::cache::Cached;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

/// The folder of the search files, under the site root.
pub const DIR: &str = "search";
/// Documents per head file: a query that matches most pages loads them all
/// (11 KB gzip per 1,000 pages), a rare one the few its candidates are in.
pub const HEAD_BUCKET: usize = 512;
/// Documents per text file: a shown result costs its bucket (~8 KB gzip).
pub const TEXT_BUCKET: usize = 8;
// A text file's documents are in one head file: search.js reads a text
// only once its head is in.
const _: () = assert!(HEAD_BUCKET.is_multiple_of(TEXT_BUCKET));
/// The manifest's name (`search/manifest.js`): the file the search box loads first.
pub const MANIFEST: &str = "manifest";
/// The global each file calls.
pub const CALLBACK: &str = "coursesiteSearchPart";
const VERSION: u32 = 3;

/// One generated search file: its path under the site and its bytes (or, with
/// a restored build cache, the knowledge that the output folder holds them).
pub struct File {
    pub path: String,
    pub bytes: Cached,
}

/// Key shards for a course of `docs` documents: about 64 documents' worth of
/// postings each, a power of two.
pub fn shard_count(docs: usize) -> usize {
    docs.div_ceil(64).next_power_of_two().clamp(1, 1024)
}

/// Files kept from the last build, each with the hash of what it was made
/// from: a file whose inputs are unchanged is not encoded again. `serve` keeps
/// the bytes; a one-off build keeps only the hash, for the build cache (`store`).
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct FileCache {
    files: HashMap<String, (u64, Cached)>,
    /// `serve`'s postings, updated by each rebuild (see [`Kept`]).
    #[serde(skip)]
    kept: Kept,
}

/// Where this build's files come from: made afresh (a one-off build with no
/// cache to fill, nothing to hash), or through the cache, which keeps them
/// for the next build.
struct Maker<'a> {
    cache: Option<&'a mut FileCache>,
    /// Keep each file's bytes in the cache (`serve`), not only its hash.
    hold: bool,
    next: HashMap<String, (u64, Cached)>,
}

impl<'a> Maker<'a> {
    /// The file `name`, made by `make` from inputs that `hash` hashes: the
    /// cached one when they hash as last time.
    fn get(&mut self, name: String, hash: impl FnOnce() -> u64, make: impl FnOnce() -> String) -> File {
        let path = format!("{DIR}/{name}");
        let Some(cache) = self.cache.as_deref_mut() else {
            return File { path, bytes: Cached::Held(Arc::new(make().into_bytes())) };
        };
        let hash = hash();
        let bytes = match cache.files.remove(&name) {
            Some((h, bytes)) if h == hash => bytes,
            _ => Cached::Held(Arc::new(make().into_bytes())),
        };
        let kept = if self.hold { bytes.clone() } else { Cached::Written };
        self.next.insert(name, (hash, kept));
        File { path, bytes }
    }

    /// The cache, now holding this build's files.
    fn finish(self) -> Option<&'a mut FileCache> {
        let cache = self.cache?;
        cache.files = self.next;
        Some(cache)
    }
}

/// What the manifest says besides counts.
pub struct Meta<'a> {
    pub kinds: &'a [&'static str],
    /// Each glossary term's normalised names (title first).
    pub synonyms: Vec<Vec<String>>,
    /// The build cache's text file, for heads and texts filed there (see [`super::filed`]).
    pub filed: &'a [u8],
}

/// Every search file of a course whose documents are `parts` (pages, then
/// glossary terms). With `cache` (serve), unchanged files are reused.
pub fn files(parts: &[Arc<DocPart>], meta: &Meta, mut cache: Option<&mut FileCache>, hold: bool) -> Vec<File> {
    let shards = shard_count(parts.len());
    let syns = synonyms(&meta.synonyms, shards);
    // serve updates the postings it kept; a one-off build inverts them once.
    let mut kept = match cache.as_deref_mut() {
        Some(cache) if hold => std::mem::take(&mut cache.kept),
        _ => Kept::default(),
    };
    kept.update(parts, shards, syns, hold);
    let mut maker = Maker { cache, hold, next: HashMap::new() };
    let mut out = vec![manifest(parts, meta, shards, &kept.shards)];
    for (i, chunk) in parts.chunks(HEAD_BUCKET).enumerate() {
        let hash = || hash_of(&chunk.iter().map(|p| p.head_hash()).collect::<Vec<_>>());
        out.push(
            maker.get(format!("h-{i}.js"), hash, || part_file(&format!("h-{i}"), chunk, |p| p.head.get(meta.filed))),
        );
    }
    for (i, chunk) in parts.chunks(TEXT_BUCKET).enumerate() {
        let hash = || hash_of(&chunk.iter().map(|p| p.text_hash()).collect::<Vec<_>>());
        out.push(
            maker.get(format!("t-{i}.js"), hash, || part_file(&format!("t-{i}"), chunk, |p| p.text.get(meta.filed))),
        );
    }
    for (i, (keys, syns)) in kept.shards.iter().zip(&kept.syns).enumerate() {
        let hash = || kept.hashes.get(i).copied().unwrap_or_else(|| shard_hash(parts.len(), keys, syns));
        out.push(maker.get(format!("k-{i}.js"), hash, || key_file(i, keys, syns, parts.len())));
    }
    if let Some(cache) = maker.finish().filter(|_| hold) {
        cache.kept = kept;
    }
    out
}

/// Each glossary name with the names it stands for, in the shard of its first key.
fn synonyms(groups: &[Vec<String>], shards: usize) -> Vec<Synonyms> {
    let mut out: Vec<Synonyms> = vec![Vec::new(); shards];
    for (name, all) in super::synonym_map(groups) {
        let Some(first) = text::terms(&name).first().map(first_key) else { continue };
        out[shard_of(&first, shards)].push((format!("={name}"), all));
    }
    out
}

fn wrap(name: &str, json: &str) -> String {
    format!("{CALLBACK}(\"{name}\",{json});\n")
}

/// A head or text file: the documents' JSON (already compact) in an array.
fn part_file<'a>(name: &str, chunk: &'a [Arc<DocPart>], field: impl Fn(&'a DocPart) -> &'a str) -> String {
    let size: usize = chunk.iter().map(|p| field(p).len() + 1).sum();
    let mut json = String::with_capacity(size + 2);
    json.push('[');
    for (i, part) in chunk.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        json.push_str(field(part));
    }
    json.push(']');
    wrap(name, &json)
}

/// A key shard: one JSON object, written by hand (a 10,000-page course has
/// millions of postings; a `serde_json::Value` each cost more than the rest of
/// the search step).
fn key_file(shard: usize, keys: &Shard, syns: &Synonyms, docs: usize) -> String {
    let mut json = String::with_capacity(keys.iter().map(|(_, l)| l.len() * 3 + 8).sum::<usize>() + 2);
    json.push('{');
    let json_str = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into());
    for (key, list) in keys {
        if json.len() > 1 {
            json.push(',');
        }
        json.push_str(&json_str(key));
        json.push(':');
        encode_postings(&mut json, list, docs);
    }
    for (name, all) in syns {
        if json.len() > 1 {
            json.push(',');
        }
        json.push_str(&json_str(name));
        json.push(':');
        json.push_str(&serde_json::to_string(all).unwrap_or_else(|_| "[]".into()));
    }
    json.push('}');
    wrap(&format!("k-{shard}"), &json)
}

/// Deltas (`[3,1,4]` for documents 3, 4, 8), or a base64 bitmap over all
/// documents (bit `d % 8` of byte `d / 8`) in quotes when that is shorter.
fn encode_postings(out: &mut String, list: &[u32], docs: usize) {
    use std::fmt::Write;
    let delta = |i: usize| if i == 0 { list[0] } else { list[i] - list[i - 1] };
    let list_len: usize = (0..list.len()).map(|i| delta(i).checked_ilog10().unwrap_or(0) as usize + 2).sum();
    let bitmap_len = docs.div_ceil(8).div_ceil(3) * 4 + 2;
    if bitmap_len >= list_len {
        out.push('[');
        for i in 0..list.len() {
            if i > 0 {
                out.push(',');
            }
            let _ = write!(out, "{}", delta(i));
        }
        out.push(']');
        return;
    }
    let mut bits = vec![0u8; docs.div_ceil(8)];
    for &d in list {
        bits[d as usize / 8] |= 1 << (d % 8);
    }
    out.push('"');
    out.push_str(&base64(&bits));
    out.push('"');
}

fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            let c = if i <= chunk.len() { ABC[(n >> (18 - 6 * i)) as usize & 63] } else { b'=' };
            out.push(c as char);
        }
    }
    out
}

fn manifest(parts: &[Arc<DocPart>], meta: &Meta, shards: usize, postings: &[Shard]) -> File {
    #[derive(Serialize)]
    struct Manifest<'a> {
        v: u32,
        docs: usize,
        shards: usize,
        heads: usize,
        texts: usize,
        fold: [&'a str; 2],
        kinds: &'a [&'static str],
        scores: [u32; 4],
        map: String,
    }
    // The traditional → simplified pairs whose simplified form the index holds
    // (every text character is a key, folded): only those can make a match.
    let present: std::collections::HashSet<char> =
        postings.iter().flatten().filter_map(|(k, _)| k.chars().next().filter(|c| text::is_cjk(*c))).collect();
    let fold = text::fold_table(|c| present.contains(&c));
    let m = Manifest {
        v: VERSION,
        docs: parts.len(),
        shards,
        heads: HEAD_BUCKET,
        texts: TEXT_BUCKET,
        fold: [&fold[0], &fold[1]],
        kinds: meta.kinds,
        scores: [SCORE_TITLE, SCORE_HEADING, SCORE_TERM, SCORE_BODY],
        map: compact::chars().iter().collect(),
    };
    let json = serde_json::to_string(&m).unwrap_or_else(|_| "{}".into());
    File { path: format!("{DIR}/{MANIFEST}.js"), bytes: Cached::Held(Arc::new(wrap(MANIFEST, &json).into_bytes())) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_are_deltas_or_a_bitmap_whichever_is_shorter() {
        let encode = |list: &[u32], docs| {
            let mut out = String::new();
            encode_postings(&mut out, list, docs);
            out
        };
        assert_eq!(encode(&[3, 4, 8], 1000), "[3,1,4]");
        let all: Vec<u32> = (0..100).collect();
        let bits: Vec<u8> = [255u8; 12].iter().chain(&[15]).copied().collect();
        assert_eq!(encode(&all, 100), format!("\"{}\"", base64(&bits)));
        assert_eq!(base64(b"Man"), "TWFu");
        assert_eq!(base64(b"Ma"), "TWE=");
        assert_eq!(base64(b"M"), "TQ==");
    }

    #[test]
    fn shards_grow_with_the_course_in_powers_of_two() {
        assert_eq!(shard_count(0), 1);
        assert_eq!(shard_count(29), 1);
        assert_eq!(shard_count(1200), 32);
        assert_eq!(shard_count(10_200), 256);
    }
}
