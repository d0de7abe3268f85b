//! The `JUnit` XML format: one test suite for the run, one test case per checked file, a
//! `<failure>` per error or warning (information and hints go to the case's `<system-out>`).
//!
//! Written by hand rather than with an XML crate: the document is four element kinds with a
//! fixed shape, and [`escape`] covers all that XML 1.0 needs (the five markup characters, line
//! breaks in attributes, and the control characters XML cannot carry).

use std::io::{self, Write};

use agentls_analysis::Severity;

use super::report::{FileReport, Finding};

/// The whole document.
pub(super) fn write(out: &mut impl Write, reports: &[FileReport]) -> io::Result<()> {
    let fails = |r: &FileReport| r.diagnostics.iter().any(|d| d.severity <= Severity::Warning);
    let (tests, failures) = (reports.len(), reports.iter().filter(|r| fails(r)).count());
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<testsuites name="agentls" tests="{tests}" failures="{failures}" errors="0">"#)?;
    writeln!(
        out,
        r#"  <testsuite name="agentls check" tests="{tests}" failures="{failures}" errors="0" skipped="0">"#
    )?;
    for r in reports {
        test_case(out, r)?;
    }
    writeln!(out, "  </testsuite>")?;
    writeln!(out, "</testsuites>")
}

/// One file's test case.
fn test_case(out: &mut impl Write, r: &FileReport) -> io::Result<()> {
    let path = escape(&r.relative_path());
    let open = format!(r#"    <testcase name="{path}" classname="agentls.{}" file="{path}""#, r.dialect());
    if r.diagnostics.is_empty() {
        return writeln!(out, "{open}/>");
    }
    writeln!(out, "{open}>")?;
    let (failing, other): (Vec<Finding>, Vec<Finding>) =
        r.findings().partition(|f| f.diagnostic.severity <= Severity::Warning);
    for f in &failing {
        let d = f.diagnostic;
        writeln!(
            out,
            r#"      <failure type="{}" message="{}">{}</failure>"#,
            d.code,
            escape(&d.message),
            escape_text(&line(f))
        )?;
    }
    if !other.is_empty() {
        let lines: Vec<String> = other.iter().map(line).collect();
        writeln!(out, "      <system-out>{}</system-out>", escape_text(&lines.join("\n")))?;
    }
    writeln!(out, "    </testcase>")
}

/// `path:line:col: severity[code]: message`.
fn line(f: &Finding) -> String {
    let d = f.diagnostic;
    format!(
        "{}:{}:{}: {}[{}]: {}",
        f.report.relative_path(),
        f.start.line,
        f.start.column,
        d.severity.as_str(),
        d.code,
        d.message
    )
}

/// `s` as an XML 1.0 attribute value: markup characters and line breaks as references,
/// characters XML cannot carry (most C0 controls, U+FFFE, U+FFFF) as U+FFFD.
fn escape(s: &str) -> String {
    escape_with(s, true)
}

/// `s` as XML 1.0 element text: as [`escape`], but line feeds and tabs kept as they are.
fn escape_text(s: &str) -> String {
    escape_with(s, false)
}

fn escape_with(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\t' if !attribute => out.push(c),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_breaks_and_controls() {
        assert_eq!(escape("a<b & \"c\" 'd'>"), "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;");
        assert_eq!(escape("x\ny\u{1}\u{ffff}é"), "x&#10;y\u{fffd}\u{fffd}é");
        assert_eq!(escape_text("x\n\ty\r<"), "x\n\ty&#13;&lt;");
    }
}
