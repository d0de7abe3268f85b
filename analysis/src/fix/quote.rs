//! Writing YAML scalars that read back as a given string, and the fixes of what only lenient
//! readers accept (`yaml-strict`, `yaml-crlf-colon`, `yaml-continuation`; formats.md §0.2,
//! §8.6–§8.7): the value the lenient readers see is written so that every YAML 1.2 parser reads
//! the same string — single-quoted, double-quoted when it holds characters a single-quoted
//! scalar cannot, or a folded block scalar (`>-`) when it is long.

use super::doc::Doc;
use super::edit::{indentation, line_end, line_start, TextEdit};
use super::{Fix, FixKind, Safety};
use crate::syntax::{RecoveryKind, ValueKind};
use crate::text::TextRange;
use crate::Diagnostic;

/// Values longer than this many characters are folded into a block scalar.
const FOLD_ABOVE: usize = 120;
/// The width a folded block scalar's lines are wrapped at (indentation not counted).
const FOLD_WIDTH: usize = 100;

/// True for a string that reads back as itself when written unquoted after `key: ` or `- `,
/// in block and flow context alike (conservative: anything unusual is quoted).
fn plain_ok(s: &str) -> bool {
    let Some(first) = s.chars().next() else { return false };
    let reserved =
        matches!(s.to_ascii_lowercase().as_str(), "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "~")
            || s.parse::<f64>().is_ok()
            || s.starts_with("0x")
            || s.starts_with("0o");
    !reserved
        && !"-?:,[]{}#&*!|>'\"%@`".contains(first)
        && s.trim() == s
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && !s.contains([',', '[', ']', '{', '}'])
        && s.chars().all(|c| !c.is_control())
}

/// True when `c` can stand in a single-quoted scalar as itself (printable, no line break).
fn single_quotable(c: char) -> bool {
    c == '\t' || !(c.is_control() || matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}'))
}

/// `s` as a YAML scalar: plain when that reads back as `s`, else quoted ([`quoted`]).
pub fn yaml_scalar(s: &str) -> String {
    if plain_ok(s) {
        s.to_string()
    } else {
        quoted(s)
    }
}

/// `s` quoted: single quotes (`'` doubled) unless it holds a character only a double-quoted
/// scalar can write (line breaks, control characters), then double quotes with escapes.
pub(crate) fn quoted(s: &str) -> String {
    if s.chars().all(single_quotable) {
        format!("'{}'", s.replace('\'', "''"))
    } else {
        double_quoted(s)
    }
}

/// `s` in double quotes, escaped as YAML 1.2 reads it back.
fn double_quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if !single_quotable(c) => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `s` as a folded block scalar (`>-` and its lines, each after `eol` + `indent`), when it is
/// one line of printable text without leading or trailing blanks. Lines break at single spaces
/// between words, so folding reads it back exactly.
fn folded(s: &str, indent: &str, eol: &str) -> Option<String> {
    let printable = s.chars().all(|c| c == '\t' || !c.is_control()) && s.chars().all(single_quotable);
    if !printable || s.trim() != s || s.is_empty() || s.contains("  ") || s.contains('\t') {
        return None;
    }
    let mut out = String::from(">-");
    let mut line = String::new();
    for word in s.split(' ') {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > FOLD_WIDTH {
            out.push_str(&format!("{eol}{indent}{line}"));
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    out.push_str(&format!("{eol}{indent}{line}"));
    Some(out)
}

/// The fixes of a value only lenient readers accept.
pub(super) fn recovery(doc: &Doc, d: &Diagnostic) -> Vec<Fix> {
    let Some(fm) = doc.fm else { return Vec::new() };
    let found = fm.recoveries.iter().find(|r| {
        let unindented = matches!(&r.kind, RecoveryKind::LenientScalar { unindented: Some(l) } if *l == d.range);
        unindented || r.value_range == d.range || (r.value_range.is_empty() && d.range.start == r.error.offset)
    });
    let Some(rec) = found else { return Vec::new() };
    match rec.kind {
        RecoveryKind::LenientScalar { .. } => quote_value(doc, d, rec.value_range),
        RecoveryKind::LenientFlow => reindent(doc, d, rec.value_range, false),
        RecoveryKind::TabIndented => reindent(doc, d, rec.value_range, true),
        RecoveryKind::Unparseable => Vec::new(),
    }
}

/// Quote the leniently read scalar at `range` (and fold it when long, with a one-line
/// alternative).
fn quote_value(doc: &Doc, d: &Diagnostic, range: TextRange) -> Vec<Fix> {
    let entry = doc.fm.and_then(|f| f.entries.iter().find(|e| e.value.range == range));
    let Some(value) = entry.and_then(|e| e.value.as_str()) else { return Vec::new() };
    // A comment line among the continuation lines would be swallowed by the quotes.
    let lines = &doc.text[line_start(&doc.text, range.start)..range.end];
    if lines.lines().skip(1).any(|l| l.trim_start().starts_with('#')) {
        return Vec::new();
    }
    // Blanks after the value would become part of a block scalar's last line.
    let end = line_end(&doc.text, range.end);
    let range = if doc.text[range.end..end].trim().is_empty() { TextRange::new(range.start, end) } else { range };
    let one_line = TextEdit::replace(range, quoted(value));
    let fold = (value.chars().count() > FOLD_ABOVE).then(|| folded(value, "  ", doc.eol)).flatten();
    match fold {
        Some(block) => vec![
            Fix::local(
                d.code,
                "Fold the value into a block scalar (`>-`)".into(),
                Safety::Safe,
                vec![TextEdit::replace(range, block)],
            ),
            Fix {
                kind: FixKind::Rewrite,
                preferred: false,
                ..Fix::local(d.code, "Quote the value on one line".into(), Safety::Safe, vec![one_line])
            },
        ],
        None => vec![Fix::local(d.code, "Quote the value".into(), Safety::Safe, vec![one_line])],
    }
}

/// Indent the lines of the leniently read list at `range` past its key: flow lists continued
/// at column 1 get two spaces; block lists indented with tabs get two spaces instead.
fn reindent(doc: &Doc, d: &Diagnostic, range: TextRange, tabs: bool) -> Vec<Fix> {
    let Some(entry) = doc.fm.and_then(|f| f.entries.iter().find(|e| e.value.range == range)) else {
        return Vec::new();
    };
    if !matches!(entry.value.kind, ValueKind::Sequence(_)) {
        return Vec::new();
    }
    let text = &doc.text;
    let mut edits = Vec::new();
    let mut at = line_start(text, range.start);
    while at < range.end {
        let indent = indentation(text, at);
        if tabs && indent.contains('\t') {
            edits.push(TextEdit::replace(TextRange::new(at, at + indent.len()), "  "));
        } else if !tabs && at > entry.key_range.start && indent.is_empty() {
            edits.push(TextEdit::insert(at, "  "));
        }
        at = super::edit::next_line_start(text, line_end(text, at));
    }
    let title = if tabs { "Indent the list with spaces" } else { "Indent the list's lines past the key" };
    vec![Fix::local(d.code, title.into(), Safety::Safe, edits)]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a strict YAML 1.2 parser (saphyr) reads as the value of `v: <scalar>`.
    fn reads_back(scalar: &str) -> String {
        use saphyr_parser::{Event, Parser};
        let doc = format!("v: {scalar}\n");
        let scalars: Vec<String> = Parser::new_from_str(&doc)
            .map(|e| e.unwrap_or_else(|e| panic!("{doc:?}: {e:?}")).0)
            .filter_map(|e| if let Event::Scalar(s, ..) = e { Some(s.to_string()) } else { None })
            .collect();
        assert_eq!(scalars.len(), 2, "{doc:?}");
        scalars[1].clone()
    }

    #[test]
    fn every_written_scalar_reads_back_as_its_value() {
        let long = "Use this agent when the user asks for a review: it reads the diff, runs the tests and reports what is missing, with examples.";
        for s in [
            "Owns CI: Docker",
            "it's here: yes",
            "tab\there",
            "back\\slash \"quoted\": x",
            "line\nbreak",
            "bell\u{7}",
            "true",
            "12",
            "- dash",
            "#hash",
            "ends:",
            "a, b",
            " lead",
            "plain words",
            "",
            long,
        ] {
            assert_eq!(reads_back(&yaml_scalar(s)), s, "{s:?} as {}", yaml_scalar(s));
            assert_eq!(reads_back(&quoted(s)), s, "{s:?} quoted");
        }
        let block = folded(long, "  ", "\n").unwrap();
        assert!(block.lines().count() > 2, "{block}");
        assert_eq!(reads_back(&block), long);
        assert_eq!(reads_back(&folded(long, "  ", "\r\n").unwrap()), long);
        assert_eq!(folded("two  spaces", "  ", "\n"), None);
        assert_eq!(yaml_scalar("plain words"), "plain words");
    }
}
