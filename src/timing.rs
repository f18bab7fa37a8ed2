//! Opt-in step timings for profiling: `COURSESITE_TIMINGS=1 coursesite build`
//! prints how long each step took on stderr, and the resident memory after it
//! (Linux). Off, it costs one env lookup.

use std::time::Instant;

pub struct Timer {
    last: Option<Instant>,
}

impl Timer {
    pub fn from_env() -> Timer {
        let on = std::env::var_os("COURSESITE_TIMINGS").is_some_and(|v| !v.is_empty() && v != "0");
        Timer { last: on.then(Instant::now) }
    }

    /// Print the time since the previous lap, labelled.
    pub fn lap(&mut self, step: &str) {
        if let Some(last) = self.last {
            let now = Instant::now();
            eprintln!(
                "coursesite: timing: {step:<12} {:8.2} ms {:>6} MB resident",
                (now - last).as_secs_f64() * 1000.0,
                resident_mb().map_or("?".into(), |mb| mb.to_string())
            );
            self.last = Some(now);
        }
    }
}

/// Resident set size in MB, from /proc/self/statm (pages of 4 KiB).
fn resident_mb() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096 / (1024 * 1024))
}

/// Hand memory freed by a finished step back to the system. glibc keeps freed
/// blocks for reuse, so after rendering thousands of pages on several threads
/// the resident size stays at its high-water mark; trimming between steps kept
/// a 10,000-page build's peak lower. The `coursesite` binary allocates with
/// jemalloc, which hands memory back on its own (src/main.rs), so there this
/// matters only for what little glibc still holds; it is for the library used
/// on its own (the tests, other programs). Elsewhere a no-op.
pub fn release_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        extern "C" {
            fn malloc_trim(pad: usize) -> i32;
        }
        // SAFETY: malloc_trim only returns free heap memory to the kernel; it
        // takes no pointers and is safe to call at any time from any thread.
        unsafe {
            malloc_trim(0);
        }
    }
}
