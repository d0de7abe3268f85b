//! The lenient line scanner: splits frontmatter YAML into top-level `key: value` chunks so that
//! every key survives when the YAML as a whole is invalid (formats.md §0.2, §8.6–§8.7).
//!
//! A chunk starts at a column-0 line that looks like `key:` and runs to the next one. Each
//! chunk is parsed on its own (tree-sitter-yaml + the strict verdict); one that still fails is
//! read the way Claude Code's fallback reads it: the rest of the key line plus continuation
//! lines, folded into one plain string.

use super::scalar::fold_plain;
use super::strict::{self, YamlError};
use super::value::{Entry, Scalar, ScalarStyle, Value, ValueKind};
use super::yaml_cst;
use crate::text::TextRange;

/// How a key's value was recovered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecoveryKind {
    /// A plain scalar that is not valid YAML (typically an unquoted `: `), read as one string.
    /// `unindented` is the first continuation line at column 0, if any (formats.md §8.7).
    LenientScalar {
        /// First continuation line that is not indented.
        unindented: Option<TextRange>,
    },
    /// A flow list (`[a,` / `b]`) whose continuation lines are not indented past the key: read
    /// item by item (VS Code, OpenCode, Gemini CLI and the Copilot CLI read it so).
    LenientFlow,
    /// A block list whose items are indented with tabs (`\t- Read`): read item by item (Claude
    /// Code reads it so).
    TabIndented,
    /// Nothing sensible could be read; the value is [`ValueKind::Invalid`].
    Unparseable,
}

/// A key whose YAML did not parse on its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovery {
    /// The key (empty for lines before the first key).
    pub key: String,
    /// Range of the recovered value (or of the stray lines).
    pub value_range: TextRange,
    /// How it was recovered.
    pub kind: RecoveryKind,
    /// The strict parser's complaint about this chunk.
    pub error: YamlError,
}

/// One top-level chunk of lines.
struct Chunk {
    /// `None` for stray lines before the first key.
    key: Option<(String, TextRange)>,
    /// From the start of the key line to the end of the chunk's last line.
    range: TextRange,
    /// After `key:` and its spaces, to the end of the key line's content.
    rest: TextRange,
    /// Content ranges of the following lines (excluding blank lines and comments).
    continuation: Vec<TextRange>,
}

/// `key:` at column 0 → (key, key range, offset after the colon).
fn key_line(text: &str, line: TextRange) -> Option<(String, TextRange, usize)> {
    let s = line.slice(text);
    let first = s.chars().next()?;
    if first.is_whitespace() || "#-[]{}&*!|>%@`'\",?:".contains(first) {
        return None;
    }
    let bytes = s.as_bytes();
    let colon =
        (0..bytes.len()).find(|&i| bytes[i] == b':' && bytes.get(i + 1).is_none_or(|b| *b == b' ' || *b == b'\t'))?;
    let key = s[..colon].trim_end();
    Some((key.to_string(), TextRange::new(line.start, line.start + key.len()), line.start + colon + 1))
}

fn split_chunks(text: &str, content: TextRange) -> Vec<Chunk> {
    let mut chunks: Vec<Chunk> = Vec::new();
    let mut pos = content.start;
    let bytes = text.as_bytes();
    while pos < content.end {
        let start = pos;
        let mut end = pos;
        while end < content.end && bytes[end] != b'\n' && bytes[end] != b'\r' {
            end += 1;
        }
        let mut next = end;
        if next < content.end {
            next += if bytes[next] == b'\r' && bytes.get(next + 1) == Some(&b'\n') { 2 } else { 1 };
        }
        let line = TextRange::new(start, end);
        pos = if next > end { next } else { end + 1 };
        let line_text = line.slice(text);
        if let Some((key, key_range, after_colon)) = key_line(text, line) {
            let rest_start = after_colon + (text[after_colon..end].len() - text[after_colon..end].trim_start().len());
            let rest_end = rest_start + text[rest_start..end].trim_end().len();
            chunks.push(Chunk {
                key: Some((key, key_range)),
                range: TextRange::new(start, next),
                rest: TextRange::new(rest_start, rest_end),
                continuation: Vec::new(),
            });
            continue;
        }
        let trimmed = line_text.trim();
        if super::frontmatter::is_conflict_marker(line_text) {
            // Reported as `merge-conflict`; not part of any value.
            if let Some(c) = chunks.last_mut() {
                c.range.end = start;
            }
            chunks.push(Chunk {
                key: None,
                range: TextRange::new(start, start),
                rest: TextRange::empty(start),
                continuation: Vec::new(),
            });
            continue;
        }
        if chunks.is_empty() {
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            chunks.push(Chunk { key: None, range: TextRange::new(start, next), rest: line, continuation: Vec::new() });
            continue;
        }
        let chunk = chunks.last_mut().expect("non-empty");
        chunk.range.end = next;
        if !trimmed.is_empty() && !trimmed.starts_with('#') {
            let lead = line_text.len() - line_text.trim_start().len();
            let trail = line_text.len() - line_text.trim_end().len();
            chunk.continuation.push(TextRange::new(start + lead, end - trail));
        }
    }
    chunks
}

/// Reads `content` chunk by chunk. Returns the top-level entries (in source order) and the
/// keys that needed recovery.
pub fn scan(text: &str, content: TextRange) -> (Vec<Entry>, Vec<Recovery>) {
    let mut entries = Vec::new();
    let mut recoveries = Vec::new();
    for chunk in split_chunks(text, content) {
        if chunk.key.is_none() && chunk.range.is_empty() {
            continue;
        }
        let verdict = strict::verdict(text, chunk.range);
        let Some((key, key_range)) = chunk.key.clone() else {
            let error = verdict.err().unwrap_or(YamlError {
                message: "expected `key: value` at the top level of the frontmatter".into(),
                offset: chunk.range.start,
            });
            recoveries.push(Recovery {
                key: String::new(),
                value_range: trim_range(text, chunk.range),
                kind: RecoveryKind::Unparseable,
                error,
            });
            continue;
        };
        let parsed = yaml_cst::parse(text, chunk.range)
            .filter(|t| !t.root_node().has_error())
            .and_then(|t| yaml_cst::root_value(&t, text))
            .and_then(|v| match v.kind {
                ValueKind::Mapping(mut es) if es.len() == 1 => es.pop(),
                _ => None,
            });
        match (parsed, verdict) {
            (Some(entry), Ok(())) => entries.push(entry),
            // A flow collection continued at or left of its key's column, inside a nested map:
            // tree-sitter-yaml (and the consumers' parsers) read it, strict YAML does not.
            (Some(entry), Err(error)) if flow_indentation(text, &chunk, &error) => {
                recoveries.push(Recovery {
                    key: key.clone(),
                    value_range: entry.value.range,
                    kind: RecoveryKind::LenientFlow,
                    error,
                });
                entries.push(entry);
            }
            (parsed, verdict) => {
                let (value, kind) = recover_value(text, &chunk);
                match verdict {
                    // Strict YAML accepts it but tree-sitter does not: keep tree-sitter's
                    // entry if it has one, else the lenient reading, without a complaint.
                    Ok(()) => entries.push(parsed.unwrap_or(Entry { key, key_range, value })),
                    Err(error) => {
                        recoveries.push(Recovery { key: key.clone(), value_range: value.range, kind, error });
                        entries.push(Entry { key, key_range, value });
                    }
                }
            }
        }
    }
    (entries, recoveries)
}

/// True when strict YAML's `error` is the indentation of a line inside a flow collection (`[`
/// … `]`, `{` … `}`) of the chunk: the collection is open on an earlier line.
fn flow_indentation(text: &str, chunk: &Chunk, error: &YamlError) -> bool {
    if !error.message.contains("indentation") || !(chunk.range.start..=chunk.range.end).contains(&error.offset) {
        return false;
    }
    let before = &text[chunk.range.start..error.offset.min(chunk.range.end)];
    let depth = before.chars().fold(0i32, |d, c| match c {
        '[' | '{' => d + 1,
        ']' | '}' => d - 1,
        _ => d,
    });
    depth > 0
}

fn trim_range(text: &str, r: TextRange) -> TextRange {
    let s = r.slice(text);
    let lead = s.len() - s.trim_start().len();
    TextRange::new(r.start + lead, r.start + lead + s.trim().len())
}

/// The fallback reading of a chunk's value.
fn recover_value(text: &str, chunk: &Chunk) -> (Value, RecoveryKind) {
    let rest = chunk.rest.slice(text);
    let end = chunk.continuation.last().map_or(chunk.rest.end, |c| c.end);
    if rest.starts_with('[') {
        if let Some(list) = flow_list(text, chunk.rest.start, chunk.range.end) {
            return (list, RecoveryKind::LenientFlow);
        }
    }
    if rest.is_empty() {
        if let Some(list) = tab_list(text, chunk) {
            return (list, RecoveryKind::TabIndented);
        }
    }
    let structured = rest.is_empty() || rest.starts_with(['[', '{', '"', '\'', '|', '>', '&', '*', '!']);
    if structured {
        let start = if rest.is_empty() {
            chunk.continuation.first().map_or(chunk.rest.start, |c| c.start)
        } else {
            chunk.rest.start
        };
        let value = Value { range: TextRange::new(start, end), kind: ValueKind::Invalid };
        return (value, RecoveryKind::Unparseable);
    }
    let mut folded = rest.to_string();
    for c in &chunk.continuation {
        folded.push('\n');
        folded.push_str(c.slice(text));
    }
    let unindented = chunk.continuation.iter().copied().find(|c| {
        let line_start = text[..c.start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        c.start == line_start
    });
    let value = Value {
        range: TextRange::new(chunk.rest.start, end),
        kind: ValueKind::Scalar(Scalar { text: fold_plain(&folded), style: ScalarStyle::Lenient }),
    };
    (value, RecoveryKind::LenientScalar { unindented })
}

/// A scalar item of a leniently read list: `raw` (trimmed) at `start`, quotes removed.
fn item(raw: &str, start: usize) -> Value {
    let quoted =
        raw.len() >= 2 && (raw.starts_with('"') && raw.ends_with('"') || raw.starts_with('\'') && raw.ends_with('\''));
    let (text, style) = if quoted {
        (
            raw[1..raw.len() - 1].to_string(),
            if raw.starts_with('"') { ScalarStyle::DoubleQuoted } else { ScalarStyle::SingleQuoted },
        )
    } else {
        (raw.to_string(), ScalarStyle::Plain)
    };
    Value { range: TextRange::new(start, start + raw.len()), kind: ValueKind::Scalar(Scalar { text, style }) }
}

/// A flow list of scalars starting at `open` (a `[`), possibly continued on any line before
/// `end`: the items split at commas outside quotes. `None` when it is not closed or holds
/// anything but scalars.
fn flow_list(text: &str, open: usize, end: usize) -> Option<Value> {
    let body = &text[open + 1..end];
    let mut items = Vec::new();
    let (mut quote, mut piece_start) = (None, open + 1);
    for (i, c) in body.char_indices() {
        let at = open + 1 + i;
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => return None,
            (None, ',' | ']') => {
                let raw = &text[piece_start..at];
                let lead = raw.len() - raw.trim_start().len();
                if !raw.trim().is_empty() {
                    items.push(item(raw.trim(), piece_start + lead));
                }
                if c == ']' {
                    let rest = &text[at + 1..end];
                    return rest
                        .trim()
                        .is_empty()
                        .then(|| Value { range: TextRange::new(open, at + 1), kind: ValueKind::Sequence(items) });
                }
                piece_start = at + 1;
            }
            _ => {}
        }
    }
    None
}

/// A block list whose item lines start with tabs (`\t- Read`): every continuation line must
/// be such an item.
fn tab_list(text: &str, chunk: &Chunk) -> Option<Value> {
    let first = chunk.continuation.first()?;
    let tabbed = chunk.continuation.iter().all(|c| {
        let line_start = text[..c.start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        text[line_start..c.start].contains('\t') && c.slice(text).starts_with("- ")
    });
    if !tabbed {
        return None;
    }
    let items = chunk.continuation.iter().map(|c| {
        let raw = &c.slice(text)[2..];
        let lead = raw.len() - raw.trim_start().len();
        item(raw.trim(), c.start + 2 + lead)
    });
    let last = chunk.continuation.last().expect("non-empty");
    Some(Value { range: TextRange::new(first.start, last.end), kind: ValueKind::Sequence(items.collect()) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovers_unquoted_colon_and_keeps_other_keys() {
        let text = "---\nname: x\ndescription: Owns CI: Docker\nmodel: sonnet\ntools: [Read, Grep]\n---\n";
        let content = TextRange::new(4, text.len() - 4);
        let (entries, rec) = scan(text, content);
        let keys: Vec<_> = entries.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["name", "description", "model", "tools"]);
        assert_eq!(rec.len(), 1);
        assert_eq!(rec[0].key, "description");
        assert_eq!(rec[0].value_range.slice(text), "Owns CI: Docker");
        assert_eq!(entries[1].value.as_str(), Some("Owns CI: Docker"));
        assert!(matches!(entries[3].value.kind, ValueKind::Sequence(_)));
    }

    #[test]
    fn unindented_continuation_is_found() {
        let text = "description: Use it: now\n<example>\nuser: hi\n";
        let (entries, rec) = scan(text, TextRange::new(0, text.len()));
        assert_eq!(entries[0].key, "description");
        let RecoveryKind::LenientScalar { unindented } = &rec[0].kind else { panic!() };
        assert_eq!(unindented.unwrap().slice(text), "<example>");
    }

    #[test]
    fn flow_lists_at_column_one_and_tab_indented_lists() {
        let text = "tools: ['read',\n'execute', \"x\"]\nskills:\n\t- a\n\t- b\n";
        let (entries, rec) = scan(text, TextRange::new(0, text.len()));
        assert_eq!(
            rec.iter().map(|r| r.kind.clone()).collect::<Vec<_>>(),
            [RecoveryKind::LenientFlow, RecoveryKind::TabIndented]
        );
        let names = |v: &Value| match &v.kind {
            ValueKind::Sequence(items) => items.iter().map(|i| i.as_str().unwrap().to_string()).collect::<Vec<_>>(),
            _ => panic!("{v:?}"),
        };
        assert_eq!(names(&entries[0].value), ["read", "execute", "x"]);
        assert_eq!(names(&entries[1].value), ["a", "b"]);
        let ValueKind::Sequence(items) = &entries[0].value.kind else { panic!() };
        assert_eq!(items[1].range.slice(text), "'execute'");
    }

    /// A flow list nested in a block map whose closing bracket sits at its key's column
    /// (awesome-copilot's `mcp-servers` … `args: [` … `    ]`): the Copilot CLI 1.0.102 and VS
    /// Code read it (oracle, corpus); only strict YAML parsers reject it.
    #[test]
    fn nested_flow_list_closed_at_the_key_column() {
        let text = "name: t\nmcp-servers:\n  terraform:\n    type: 'local'\n    args: [\n      'run',\n      '-i'\n    ]\n    tools: [\"*\"]\ndescription: d\n";
        let (entries, rec) = scan(text, TextRange::new(0, text.len()));
        let keys: Vec<_> = entries.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["name", "mcp-servers", "description"]);
        assert_eq!(rec.iter().map(|r| r.kind.clone()).collect::<Vec<_>>(), [RecoveryKind::LenientFlow]);
        let ValueKind::Mapping(servers) = &entries[1].value.kind else { panic!("{:?}", entries[1].value) };
        let ValueKind::Mapping(terraform) = &servers[0].value.kind else { panic!() };
        let args = terraform.iter().find(|e| e.key == "args").unwrap();
        assert!(matches!(&args.value.kind, ValueKind::Sequence(items) if items.len() == 2), "{args:?}");
    }
}
