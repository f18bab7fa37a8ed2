//! Cache keys. Every cache of a session (load, lint, render, search) keys what
//! it keeps by a hash of the inputs it was made from; one function makes them
//! so the steps agree on what "unchanged" means.

use std::hash::{Hash, Hasher};

/// The hasher of every cache key: XXH3 with its default secret, the same in
/// every run and on every platform (a key saved by one build is compared by
/// the next), and several times faster than SipHash on page-sized inputs.
pub type KeyHasher = xxhash_rust::xxh3::Xxh3Default;

/// A value's 64-bit hash (see [`KeyHasher`]).
pub fn hash_of<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut h = KeyHasher::new();
    value.hash(&mut h);
    h.finish()
}

/// A hash map for small integer keys (code points, pairs of them, a few
/// indexes) looked up in hot loops, where SipHash showed up in profiles.
pub type FastMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<FastHasher>>;

/// FxHash's step (rotate, mix in, multiply by a large odd constant), then the
/// high bits folded into the low ones that pick a bucket: keys that differ only
/// in their high bits (the first code point of a pair) must not share buckets.
/// Not for cache keys: those are [`hash_of`], stable and collision-resistant.
#[derive(Default)]
pub struct FastHasher(u64);

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 29)
    }

    fn write(&mut self, bytes: &[u8]) {
        bytes.iter().for_each(|&b| self.write_u64(u64::from(b)));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn write_u8(&mut self, n: u8) {
        self.write_u64(u64::from(n));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_differing_only_in_high_bits_land_in_different_buckets() {
        let bucket = |key: u64| {
            let mut h = FastHasher::default();
            h.write_u64(key);
            h.finish() & 0xFF
        };
        // Pairs of code points (a << 21 | b) with the same second one.
        let buckets: std::collections::BTreeSet<u64> = (0x4E00u64..0x4E40).map(|a| bucket(a << 21 | 0x5BA2)).collect();
        assert!(buckets.len() > 32, "{} buckets of 64 keys", buckets.len());
    }
}
