//! The SARIF 2.1.0 format: one run whose tool lists every rule (its one-line description, its
//! documentation as help, its default level) and whose results point at files relative to the
//! current folder (`SRCROOT`), with columns in Unicode code points.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

use agentls_analysis::knowledge::DataSeverity;
use agentls_analysis::rule_docs::{rule_doc, RuleDoc};
use agentls_analysis::{codes, CodeInfo, Severity};

use super::report::{FileReport, Finding};
use super::sarif_model::{
    ArtifactLocation, Configuration, Driver, Help, Location, Log, PhysicalLocation, Region, Rule, Run, SarifResult,
    Text, Tool,
};

/// The schema the log names (the OASIS SARIF 2.1.0 schema, as schemastore serves it).
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The key of agentls's fingerprint in `partialFingerprints` (versioned: a new way of
/// computing it gets a new key).
const FINGERPRINT: &str = "agentls/v1";

/// The project's home page, when the crate names one (`repository` in `server/Cargo.toml`).
fn information_uri() -> Option<&'static str> {
    option_env!("CARGO_PKG_REPOSITORY").or(option_env!("CARGO_PKG_HOMEPAGE")).filter(|s| !s.is_empty())
}

/// The rule's documentation page, when the project has a home page.
fn help_uri(code: &str) -> Option<String> {
    information_uri().map(|home| format!("{}/blob/main/docs/rules.md#{code}", home.trim_end_matches('/')))
}

/// The whole log.
pub(super) fn write(out: &mut impl Write, reports: &[FileReport]) -> io::Result<()> {
    let driver = Driver {
        name: "agentls",
        version: env!("CARGO_PKG_VERSION"),
        information_uri: information_uri(),
        rules: codes().iter().map(rule).collect(),
    };
    let root = std::env::current_dir().ok().and_then(|c| folder_uri(&c));
    let run = Run {
        tool: Tool { driver },
        original_uri_base_ids: root
            .map(|uri| BTreeMap::from([("SRCROOT", ArtifactLocation { uri, uri_base_id: None })])),
        column_kind: "unicodeCodePoints",
        results: results(reports),
    };
    let log = Log { version: "2.1.0", schema: SCHEMA, runs: vec![run] };
    serde_json::to_writer_pretty(&mut *out, &log).map_err(io::Error::other)?;
    writeln!(out)
}

/// One `reportingDescriptor`.
fn rule(info: &CodeInfo) -> Rule {
    let doc = rule_doc(&info.code);
    let (text, markdown) = doc.map_or_else(|| (info.doc.clone(), info.doc.clone()), |d| help(info, d));
    Rule {
        id: info.code.clone(),
        short_description: Text { text: info.doc.clone() },
        full_description: Text { text: doc.map_or(info.doc.as_str(), |d| d.explanation.trim()).to_string() },
        help: Help { text, markdown },
        help_uri: help_uri(&info.code),
        default_configuration: Configuration { level: data_level(info.severity) },
    }
}

/// A rule's help as plain text and as Markdown: the explanation, the example file, the fix.
fn help(info: &CodeInfo, d: &RuleDoc) -> (String, String) {
    let explanation = d.explanation.trim();
    let text = format!(
        "{}\n\n{explanation}\n\nExample ({}):\n\n{}\n\nFix:\n\n{}",
        info.doc,
        d.example_path,
        d.example.trim_end(),
        d.fix.trim_end()
    );
    let markdown = format!(
        "{}\n\n{explanation}\n\n**Example** (`{}`):\n\n{}\n\n**Fix**:\n\n{}",
        info.doc,
        d.example_path,
        fenced(&d.example),
        fenced(&d.fix)
    );
    (text, markdown)
}

/// `text` in a Markdown code fence longer than any run of backticks inside it.
pub(super) fn fenced(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat((longest + 1).max(3));
    format!("{fence}markdown\n{}\n{fence}", text.trim_end())
}

fn data_level(s: DataSeverity) -> &'static str {
    level(s.into())
}

/// SARIF's level: hints and information are notes.
fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information | Severity::Hint => "note",
    }
}

/// Every finding as a `result`.
fn results(reports: &[FileReport]) -> Vec<SarifResult> {
    let index: HashMap<&str, usize> = codes().iter().enumerate().map(|(i, c)| (c.code.as_str(), i)).collect();
    let mut out = Vec::new();
    for r in reports {
        let path = r.relative_path();
        let mut seen: HashMap<u64, usize> = HashMap::new();
        for f in r.findings() {
            let hash = fingerprint(f.diagnostic.code, &path, &r.line_text(f.start.line));
            let occurrence = seen.entry(hash).or_default();
            *occurrence += 1;
            let rule_index = index.get(f.diagnostic.code).copied();
            out.push(result(&f, &path, rule_index, format!("{hash:016x}:{occurrence}")));
        }
    }
    out
}

/// One `result`.
fn result(f: &Finding, path: &str, rule_index: Option<usize>, fingerprint: String) -> SarifResult {
    let d = f.diagnostic;
    let artifact_location = if path.starts_with('/') {
        ArtifactLocation { uri: format!("file://{}", encode(path)), uri_base_id: None }
    } else {
        ArtifactLocation { uri: encode(path), uri_base_id: Some("SRCROOT") }
    };
    let region = Region {
        start_line: f.start.line,
        start_column: f.start.column,
        end_line: f.end.line,
        end_column: f.end.column,
    };
    SarifResult {
        rule_id: d.code,
        rule_index,
        level: level(d.severity),
        message: Text { text: d.message.clone() },
        locations: vec![Location { physical_location: PhysicalLocation { artifact_location, region } }],
        partial_fingerprints: BTreeMap::from([(FINGERPRINT, fingerprint)]),
    }
}

/// A hash of the code, the path and the finding's line text (trimmed): moving the line, or
/// editing other lines, keeps it. FNV-1a (64 bits), written out so it never changes with the
/// Rust version.
fn fingerprint(code: &str, path: &str, line: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [code, "\0", path, "\0", line.trim()] {
        for b in part.bytes() {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

/// The `file://` URI of a folder, ending in `/`.
fn folder_uri(folder: &std::path::Path) -> Option<String> {
    let s = folder.to_str()?.replace('\\', "/");
    let s = if s.starts_with('/') { s } else { format!("/{s}") };
    Some(format!("file://{}/", encode(s.trim_end_matches('/'))))
}

/// A path as a URI path: every byte but unreserved characters and `/` percent-encoded.
fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_ignore_indentation_and_depend_on_code_path_and_text() {
        let a = fingerprint("unknown-tool", ".claude/agents/a.md", "tools: Read, Docker");
        assert_eq!(a, fingerprint("unknown-tool", ".claude/agents/a.md", "  tools: Read, Docker  "));
        assert_ne!(a, fingerprint("unknown-tool", ".claude/agents/b.md", "tools: Read, Docker"));
        assert_ne!(a, fingerprint("bad-enum", ".claude/agents/a.md", "tools: Read, Docker"));
        // FNV-1a of the empty input is its offset basis: the algorithm is the documented one.
        assert_eq!(fingerprint("", "", ""), {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for _ in 0..2 {
                h = h.wrapping_mul(0x0000_0100_0000_01b3);
            }
            h
        });
    }

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(encode("a b/é#.md"), "a%20b/%C3%A9%23.md");
        assert_eq!(folder_uri(std::path::Path::new("/w/my repo")).unwrap(), "file:///w/my%20repo/");
    }

    #[test]
    fn fences_outgrow_the_backticks_inside() {
        assert_eq!(fenced("a\n"), "```markdown\na\n```");
        assert_eq!(fenced("````x````"), "`````markdown\n````x````\n`````");
    }
}
