//! The one way coursesite runs per-page work on several threads (rayon): the
//! slots a cache could not fill are computed in parallel and each result lands
//! in its own slot, so every later step sees pages in page order and the output
//! is byte-identical for any number of threads (`RAYON_NUM_THREADS=1` included).

use rayon::prelude::*;

/// Worker stack size: deeply nested Markdown recurses deep in the parser and
/// renderer, and pages are rendered on the workers (the binary's main thread
/// has the same size, see main.rs).
pub const STACK_BYTES: usize = 256 * 1024 * 1024;

/// Set up the thread pool once per process: `jobs` threads (0 or `None`: one
/// per core, or `RAYON_NUM_THREADS`), each with a [`STACK_BYTES`] stack.
/// Later calls change nothing.
pub fn configure(jobs: Option<usize>) {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let mut pool = rayon::ThreadPoolBuilder::new().stack_size(STACK_BYTES);
        if let Some(n) = jobs.filter(|n| *n > 0) {
            pool = pool.num_threads(n);
        }
        // Fails only if a pool was already built (by a library user): keep theirs.
        let _ = pool.build_global();
    });
}

/// `slots` with every `None` replaced by `compute(index)`, computed in parallel.
pub fn fill<T, F>(slots: Vec<Option<T>>, compute: F) -> Vec<T>
where
    T: Send,
    F: Fn(usize) -> T + Sync,
{
    configure(None);
    let missing: Vec<usize> = slots.iter().enumerate().filter(|(_, s)| s.is_none()).map(|(i, _)| i).collect();
    let fresh: Vec<T> = missing.par_iter().map(|&i| compute(i)).collect();
    let mut fresh = fresh.into_iter();
    slots.into_iter().filter_map(|slot| slot.or_else(|| fresh.next())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_land_in_their_slots_whatever_the_thread_count() {
        let slots: Vec<Option<usize>> = (0..1000).map(|i| (i % 3 == 0).then_some(i * 10)).collect();
        let expected: Vec<usize> = (0..1000).map(|i| if i % 3 == 0 { i * 10 } else { i * 7 }).collect();
        for threads in [1, 4] {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            assert_eq!(pool.install(|| fill(slots.clone(), |i| i * 7)), expected);
        }
    }
}
