//! The key shards' postings (key → documents holding it), and what `serve`
//! keeps of them: a save changes one page's keys, so a rebuild moves that
//! document in and out of the lists it joined or left instead of inverting
//! every document again. The result is the same lists, in the same order.

use super::parts::{key_string, shard_of, DocPart};
use crate::fingerprint::hash_of;
use std::sync::Arc;

/// Per shard: (key, documents holding it), keys in order.
pub type Shard = Vec<(String, Vec<u32>)>;
/// Per shard: (`=name`, all names of the glossary terms so named), in order.
pub type Synonyms = Vec<(String, Vec<String>)>;

/// More documents than this changed: inverting them all is as quick.
const IN_PLACE_MAX: usize = 64;

/// Every document's keys, inverted into `shards` shards.
pub fn invert(parts: &[Arc<DocPart>], shards: usize) -> Vec<Shard> {
    // A million keys per 1,000 pages: SipHash was a tenth of the search step.
    let mut by_key: crate::fingerprint::FastMap<u64, Vec<u32>> = Default::default();
    for (doc, part) in parts.iter().enumerate() {
        for key in part.keys() {
            by_key.entry(key).or_default().push(doc as u32);
        }
    }
    let mut out: Vec<Shard> = vec![Vec::new(); shards];
    for (key, docs) in by_key {
        let key = key_string(key);
        out[shard_of(&key, shards)].push((key, docs));
    }
    for shard in &mut out {
        shard.sort_unstable();
    }
    out
}

/// What a key file is made from, hashed: a file whose hash is unchanged is
/// not encoded again.
pub fn shard_hash(docs: usize, keys: &Shard, syns: &Synonyms) -> u64 {
    hash_of(&(docs, keys, syns))
}

/// The postings of the last build of a `serve` session, with each key
/// file's hash.
#[derive(Debug, Default)]
pub struct Kept {
    parts: Vec<Arc<DocPart>>,
    pub shards: Vec<Shard>,
    pub syns: Vec<Synonyms>,
    pub hashes: Vec<u64>,
}

impl Kept {
    /// Bring the postings up to `parts` and `syns`: in place when there are as
    /// many documents and shards as last time and few documents' keys changed.
    /// `keep`: keep what the next update starts from (the documents and each
    /// key file's hash); a one-off build needs neither.
    pub fn update(&mut self, parts: &[Arc<DocPart>], shards: usize, syns: Vec<Synonyms>, keep: bool) {
        let changed: Option<Vec<usize>> = (self.parts.len() == parts.len() && self.shards.len() == shards)
            .then(|| (0..parts.len()).filter(|&d| !same_keys(&self.parts[d], &parts[d])).collect());
        match changed {
            Some(changed) if changed.len() <= IN_PLACE_MAX && self.hashes.len() == shards => {
                let mut dirty = vec![false; shards];
                for doc in changed {
                    let old = Arc::clone(&self.parts[doc]);
                    self.move_doc(doc as u32, (&old, &parts[doc]), &mut dirty);
                }
                for (i, (new, old)) in syns.iter().zip(&self.syns).enumerate() {
                    dirty[i] |= new != old;
                }
                self.syns = syns;
                for i in (0..shards).filter(|&i| dirty[i]) {
                    self.hashes[i] = shard_hash(parts.len(), &self.shards[i], &self.syns[i]);
                }
            }
            _ => {
                self.shards = invert(parts, shards);
                self.syns = syns;
                let hashes = self.shards.iter().zip(&self.syns).map(|(k, s)| shard_hash(parts.len(), k, s));
                self.hashes = if keep { hashes.collect() } else { Vec::new() };
            }
        }
        if keep {
            self.parts = parts.to_vec();
        }
    }

    /// Document `doc`'s keys were `old`'s and are `new`'s: leave the lists of
    /// keys it lost, join those it gained, marking their shards.
    fn move_doc(&mut self, doc: u32, (old, new): (&DocPart, &DocPart), dirty: &mut [bool]) {
        let (old, new): (Vec<u64>, Vec<u64>) = (old.keys().collect(), new.keys().collect());
        for &key in old.iter().filter(|k| new.binary_search(k).is_err()) {
            self.list(key, dirty, |shard, at| {
                if let Ok(at) = at {
                    let list = &mut shard[at].1;
                    if let Ok(i) = list.binary_search(&doc) {
                        list.remove(i);
                    }
                    if list.is_empty() {
                        shard.remove(at);
                    }
                }
            });
        }
        for &key in new.iter().filter(|k| old.binary_search(k).is_err()) {
            self.list(key, dirty, |shard, at| match at {
                Ok(at) => {
                    let list = &mut shard[at].1;
                    if let Err(i) = list.binary_search(&doc) {
                        list.insert(i, doc);
                    }
                }
                Err(at) => shard.insert(at, (key_string(key), vec![doc])),
            });
        }
    }

    /// Call `edit` with `key`'s shard and where the key is (or would be) in it.
    fn list(&mut self, key: u64, dirty: &mut [bool], edit: impl FnOnce(&mut Shard, Result<usize, usize>)) {
        let name = key_string(key);
        let s = shard_of(&name, self.shards.len());
        dirty[s] = true;
        let at = self.shards[s].binary_search_by(|(k, _)| k.as_str().cmp(&name));
        edit(&mut self.shards[s], at);
    }
}

fn same_keys(a: &Arc<DocPart>, b: &Arc<DocPart>) -> bool {
    Arc::ptr_eq(a, b) || a.same_keys(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::parts::DocPart;

    #[test]
    fn postings_updated_in_place_equal_postings_made_anew() {
        // Deterministic pseudo-random documents over a small alphabet of keys.
        let mut seed = 7u64;
        let mut next = move |n: u64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        let doc = |next: &mut dyn FnMut(u64) -> u64| {
            let mut keys: Vec<u64> = (0..next(12)).map(|_| 0x4E00 + next(40)).collect();
            keys.sort_unstable();
            keys.dedup();
            Arc::new(DocPart::with_keys(&keys))
        };
        let mut parts: Vec<Arc<DocPart>> = (0..50).map(|_| doc(&mut next)).collect();
        let mut kept = Kept::default();
        let syns = |n| vec![Synonyms::new(); n];
        kept.update(&parts, 8, syns(8), true);
        for _ in 0..200 {
            let d = next(50) as usize;
            parts[d] = doc(&mut next);
            kept.update(&parts, 8, syns(8), true);
            let fresh = invert(&parts, 8);
            assert_eq!(kept.shards, fresh);
            let hashes: Vec<u64> = fresh.iter().map(|k| shard_hash(50, k, &Synonyms::new())).collect();
            assert_eq!(kept.hashes, hashes);
        }
    }
}
