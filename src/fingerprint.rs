//! Cache keys. Every cache of a session (load, lint, render, search) keys what
//! it keeps by a hash of the inputs it was made from; one function makes them
//! so the steps agree on what "unchanged" means.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

/// A value's 64-bit hash (SipHash with fixed keys: the same in every run).
pub fn hash_of<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}
