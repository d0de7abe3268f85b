//! The editors start the server for exactly the files the server's dialect data knows: their
//! pattern lists are generated from it (`scripts/gen-editor-config.py`), and this test fails when
//! a data change was not carried over (or an editor file was edited by hand).

use std::process::Command;

use crate::support::repo;

#[test]
fn editor_patterns_are_generated_from_the_dialect_data() {
    let out = Command::new("python3")
        .arg(repo().join("scripts/gen-editor-config.py"))
        .arg("--check")
        .output()
        .expect("python3 runs the generator");
    assert!(
        out.status.success(),
        "editor configs differ from the dialect data:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Every glob of every dialect reaches all three editors (not only the ones the test above
/// compares: a glob dropped by the generator would pass `--check`).
#[test]
fn every_discovery_glob_is_in_every_editor() {
    let vscode = std::fs::read_to_string(repo().join("editors/vscode/src/patterns.ts")).unwrap();
    let neovim = std::fs::read_to_string(repo().join("editors/neovim/lsp/agentls.lua")).unwrap();
    let helix = std::fs::read_to_string(repo().join("editors/helix/languages.toml")).unwrap();
    for &d in agentls_analysis::knowledge::Dialect::ALL {
        for g in &agentls_analysis::knowledge::knowledge().dialect(d).discovery.globs {
            assert!(vscode.contains(&format!("'{}'", g.glob)), "VS Code lacks {}", g.glob);
            assert!(neovim.contains(&format!("'{}'", g.glob)), "Neovim lacks {}", g.glob);
            let helix_glob = g.glob.strip_prefix("**/").unwrap_or(&g.glob);
            assert!(helix.contains(&format!("glob = \"{helix_glob}\"")), "Helix lacks {}", g.glob);
        }
    }
}
