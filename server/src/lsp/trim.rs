//! Giving memory back after documents close. glibc's allocator keeps the pages of freed
//! blocks for reuse; after thousands of documents opened and closed (an editor restoring a
//! session, then closing the tabs) the process's resident set stays at its high-water mark
//! although the server holds no more than before (heaptrack: the live heap stays under 9 MB
//! while the resident set grows by about 1 KiB per document; `tests/e2e/memory.rs`). Once
//! closes pause for [`QUIET`], `malloc_trim(0)` returns the free pages of every arena to the
//! system. Other platforms and allocators: nothing to do.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

/// How long closes must pause before the allocator is trimmed.
const QUIET: Duration = Duration::from_millis(500);

/// Moves with every close, so the waiting task sees whether the burst is over.
static SEQ: AtomicU64 = AtomicU64::new(0);
/// A task waits for the burst of closes to end.
static WAITING: AtomicBool = AtomicBool::new(false);

/// Called after a document is closed: trims the allocator once the closes pause. Never
/// blocks: the wait is a tokio task, the trim runs on a blocking thread.
pub fn after_close() {
    SEQ.fetch_add(1, Ordering::SeqCst);
    if WAITING.swap(true, Ordering::SeqCst) {
        return;
    }
    tokio::spawn(async {
        loop {
            let seen = SEQ.load(Ordering::SeqCst);
            tokio::time::sleep(QUIET).await;
            if SEQ.load(Ordering::SeqCst) == seen {
                break;
            }
        }
        WAITING.store(false, Ordering::SeqCst);
        let _ = tokio::task::spawn_blocking(trim).await;
    });
}

/// Returns free heap pages to the system (glibc only).
fn trim() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` only releases memory the allocator holds free; it takes no
    // pointers and is thread-safe (glibc locks each arena while trimming it).
    unsafe {
        libc::malloc_trim(0);
    }
}
