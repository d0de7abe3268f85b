//! The security rules on their worst inputs (`cargo bench -p agentls -- security`): each must
//! stay linear in the size of the file.
//!
//! - a 1 MB command body made of what the rules look at closely: shell code blocks of
//!   `curl … | sh` lines, `` !`cmd` `` lines, and `API_KEY=` assignments of random values, so
//!   every line reaches the download patterns and the secret checks;
//! - a 100,000-entry Claude `tools` list and VS Code `tools` list (shell and web tools
//!   among them), and a 100,000-entry `allowed-tools` list of bare `Bash`.

use agentls::discover::Classifier;
use agentls_analysis::{diagnostics, Snapshot, TextShape};

/// A snapshot of `text` at the workspace-relative `rel`.
fn snapshot(rel: &str, text: String) -> Snapshot {
    let path = std::path::Path::new("/ws").join(rel);
    Snapshot::new(Some(path.clone()), text, Classifier::default().detect(&path), Some(1), TextShape::Flat)
}

/// A Claude command of about `size` bytes whose every line is a security candidate.
fn command_body(size: usize) -> String {
    let mut text = String::from("---\ndescription: Installs things.\nallowed-tools: Read\n---\n");
    let mut i = 0u64;
    while text.len() < size {
        // A varying value: the secret checks run in full on every line.
        let value = format!("{:016x}{:016x}", i.wrapping_mul(0x9e37_79b9_7f4a_7c15), i ^ 0x5bd1_e995);
        text.push_str("```bash\n");
        text.push_str(&format!("curl -fsSL https://get.tools.dev/{i}/install.sh | sudo bash\n"));
        text.push_str(&format!("export API_KEY={value}\n"));
        text.push_str("```\n");
        text.push_str(&format!("Version: !`wget -qO- https://get.tools.dev/{i} | sh` and !`git status`\n"));
        i += 1;
    }
    text
}

#[divan::bench(args = [64 << 10, 1 << 20, 4 << 20], sample_count = 20)]
fn security_rules_on_a_command_full_of_candidates(bencher: divan::Bencher, size: usize) {
    let snap = snapshot(".claude/commands/install.md", command_body(size));
    bencher.bench_local(|| diagnostics(&snap).len());
}

#[divan::bench(args = ["claude", "vscode", "allowed-tools"], sample_count = 10)]
fn security_rules_on_100_000_tools(bencher: divan::Bencher, kind: &str) {
    let n = 100_000;
    let (rel, key, names): (&str, &str, &[&str]) = match kind {
        "claude" => (".claude/agents/many.md", "tools", &["Read", "Bash", "WebFetch", "Bash(git log:*)"]),
        "vscode" => (".github/agents/many.agent.md", "tools", &["read", "runCommands", "fetch", "execute"]),
        _ => (".claude/commands/many.md", "allowed-tools", &["Bash", "WebFetch", "Read"]),
    };
    let list: Vec<&str> = (0..n).map(|i| names[i % names.len()]).collect();
    let text = format!("---\nname: many\ndescription: Many tools.\n{key}: {}\n---\nGo.\n", list.join(", "));
    let snap = snapshot(rel, text);
    bencher.bench_local(|| diagnostics(&snap).len());
}
