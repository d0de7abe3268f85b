//! Replays every file of `fuzz/seeds/<target>/` (our seeds and the minimised crashes the fuzzers
//! found) through the same harness functions as the cargo-fuzz targets, with the slower extra
//! checks on. Plain `cargo test`: no nightly, no libFuzzer.

use std::path::{Path, PathBuf};

use crate::harness;

fn seeds(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/seeds").join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no seeds in {}", dir.display());
    files
}

/// Crash seeds whose bug is not fixed yet: `fuzz/known-crashes.txt`, one `<target>/<file>` a
/// line (`#` starts a comment). Such a seed must still fail (strict expected failure): once the
/// bug is fixed its line must go, so the seed guards against a regression like every other.
fn known_crashes() -> Vec<String> {
    let list = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/known-crashes.txt");
    std::fs::read_to_string(list)
        .unwrap_or_default()
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

fn panic_message(e: &(dyn std::any::Any + Send)) -> String {
    let msg =
        e.downcast_ref::<String>().cloned().or_else(|| e.downcast_ref::<&str>().map(std::string::ToString::to_string));
    msg.unwrap_or_default().chars().take(2000).collect()
}

/// Runs `f` (the target's own harness function) on every seed of `target`, and fails naming
/// every seed that panicked (unless it is a known crash) and every known crash that no longer
/// does.
fn replay(target: &str, f: impl Fn(&[u8]) + std::panic::RefUnwindSafe) {
    replay_with(target, true, f);
}

/// Runs an extra check on every seed of `target`; known crashes are skipped (they fail in
/// [`replay`]).
fn replay_extra(target: &str, f: impl Fn(&[u8]) + std::panic::RefUnwindSafe) {
    replay_with(target, false, f);
}

fn replay_with(target: &str, own: bool, f: impl Fn(&[u8]) + std::panic::RefUnwindSafe) {
    harness::THOROUGH.store(true, std::sync::atomic::Ordering::Relaxed);
    let known = known_crashes();
    let mut problems = Vec::new();
    for p in seeds(target) {
        let key = format!("{target}/{}", p.file_name().unwrap().to_string_lossy());
        let is_known = known.contains(&key);
        if is_known && !own {
            continue;
        }
        let data = std::fs::read(&p).unwrap();
        match (std::panic::catch_unwind(|| f(&data)), is_known) {
            (Err(e), false) => problems.push(format!("{}: {}", p.display(), panic_message(&*e))),
            (Ok(()), true) => problems.push(format!(
                "{key} passes now: the bug is fixed; delete its line from fuzz/known-crashes.txt so it guards as a regression seed"
            )),
            _ => {}
        }
    }
    assert!(problems.is_empty(), "{} problem(s) replaying {target}:\n{}", problems.len(), problems.join("\n\n"));
}

#[test]
fn parse_file_seeds() {
    replay("parse_file", harness::parse_file);
}

#[test]
fn parse_file_seeds_in_every_dialect() {
    replay_extra("parse_file", |data| {
        for kind in 0..harness::PATHS.len() {
            harness::parse_file_as(kind, data.get(1..).unwrap_or_default());
        }
    });
}

#[test]
fn edits_seeds() {
    replay("edits", harness::edits);
}

#[test]
fn entry_points_seeds() {
    replay("entry_points", harness::entry_points);
}

#[test]
fn fixes_seeds() {
    replay("fixes", harness::fixes);
}

#[test]
fn config_seeds() {
    replay("config", harness::config);
}

/// The `parse_file` seeds (odd shapes of frontmatter and YAML) through the fixes too.
#[test]
fn parse_file_seeds_through_the_fixes() {
    replay_extra("parse_file", harness::fixes);
}

/// Every seed of every target is also a document: open it in each dialect and ask everything
/// everywhere.
#[test]
fn all_seeds_as_documents_at_every_offset() {
    for target in ["parse_file", "edits", "entry_points"] {
        replay_extra(target, |data| {
            let text = String::from_utf8_lossy(data).into_owned();
            for kind in 0..harness::PATHS.len() {
                let snap = harness::snapshot(kind, text.clone(), agentls_analysis::TextShape::Rope);
                let index = harness::world(&snap);
                let ws = agentls_analysis::WorkspaceCtx { index: &index, exists: &harness::exists };
                let mut off = 0;
                while off <= text.len() {
                    harness::at_offset(&snap, &ws, off);
                    off += text[off..].chars().next().map_or(1, char::len_utf8);
                }
            }
        });
    }
}
