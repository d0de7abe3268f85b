//! Where the cursor is in the frontmatter, read from the lines around it (robust while the
//! user is mid-typing and the YAML is momentarily invalid).

use crate::text::TextRange;
use crate::Snapshot;

/// The list syntax the cursor is in, and its siblings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ListStyle {
    /// `key: value` — one scalar.
    Scalar,
    /// `key: a, b, |` — a comma-separated string.
    Comma,
    /// `key: [a, "b", |` — a flow sequence.
    Flow,
    /// `  - |` — a block sequence item.
    Block,
}

/// What the cursor is completing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CursorContext {
    /// A key. `parent` is `Some("handoffs")` inside a handoff item.
    Key {
        /// Range of the partial word to replace.
        prefix: TextRange,
        /// Top-level key whose item map the cursor is in.
        parent: Option<String>,
    },
    /// A value of `key` (`parent` set for a key inside a handoff item).
    Value {
        /// The key.
        key: String,
        /// Top-level key owning the item map, if nested.
        parent: Option<String>,
        /// Range of the partial value to replace.
        prefix: TextRange,
        /// List syntax.
        style: ListStyle,
        /// Entries already written in the same list (to leave out of completion).
        existing: Vec<String>,
        /// The quote the user opened before the prefix, if any.
        open_quote: Option<char>,
        /// The quote the list's other items use, if any.
        sibling_quote: Option<char>,
    },
}

fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1)
}

fn line_end(text: &str, offset: usize) -> usize {
    text[offset..].find(['\n', '\r']).map_or(text.len(), |i| offset + i)
}

/// `key:` at the start of `line` (after `indent`): the key and the byte index after the colon.
fn split_key(line: &str) -> Option<(&str, usize)> {
    let bytes = line.as_bytes();
    let colon =
        (0..bytes.len()).find(|&i| bytes[i] == b':' && bytes.get(i + 1).is_none_or(|b| *b == b' ' || *b == b'\t'))?;
    let key = line[..colon].trim();
    let key = key.strip_prefix("- ").unwrap_or(key).trim();
    (!key.is_empty() && !key.contains(['"', '\'', '[', '{'])).then_some((key, colon + 1))
}

/// The nearest top-level key above `line_start`.
fn parent_key(text: &str, content: TextRange, mut pos: usize) -> Option<String> {
    while pos > content.start {
        let start = line_start(text, pos - 1);
        let line = &text[start..line_end(text, start)];
        if !line.starts_with([' ', '\t', '-', '#']) && !line.trim().is_empty() {
            return split_key(line).map(|(k, _)| k.to_string());
        }
        pos = start;
    }
    None
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | '*' | '(' | ')' | '[' | ']')
}

/// The completion context at byte `offset`, or `None` outside the frontmatter content.
pub(crate) fn context(snap: &Snapshot, offset: usize) -> Option<CursorContext> {
    let text: &str = &snap.head;
    let content = snap.parsed.frontmatter.as_ref()?.layout.content;
    if offset < content.start || offset > content.end || !text.is_char_boundary(offset) {
        return None;
    }
    let start = line_start(text, offset);
    if start >= content.end && content.end > content.start {
        return None;
    }
    let before = &text[start..offset];
    let indent = before.len() - before.trim_start().len();
    let trimmed = before.trim_start();
    if trimmed.starts_with('#') {
        return None;
    }
    let parent = (indent > 0 || trimmed.starts_with('-')).then(|| parent_key(text, content, start)).flatten();

    if let Some((key, after_colon)) = split_key(before) {
        let value_start = start + after_colon;
        let raw = &text[value_start..offset];
        let (parent, key) = match &parent {
            Some(p) => (Some(p.clone()), key.to_string()),
            None => (None, key.to_string()),
        };
        return Some(value_context(text, key, parent, value_start, raw, offset));
    }
    if let Some(item) = trimmed.strip_prefix('-') {
        // `- prefix` in a block sequence under `parent`.
        let parent = parent?;
        let item_start = offset - item.len() + (item.len() - item.trim_start().len());
        let (open_quote, prefix_start) = match text[item_start..offset].chars().next() {
            Some(q @ ('"' | '\'')) => (Some(q), item_start + 1),
            _ => (None, item_start),
        };
        let (existing, sibling_quote) = block_siblings(text, content, start);
        return Some(CursorContext::Value {
            key: parent,
            parent: None,
            prefix: TextRange::new(prefix_start, offset),
            style: ListStyle::Block,
            existing,
            open_quote,
            sibling_quote,
        });
    }
    if trimmed.chars().all(is_word) {
        return Some(CursorContext::Key { prefix: TextRange::new(offset - trimmed.len(), offset), parent });
    }
    None
}

fn value_context(
    text: &str,
    key: String,
    parent: Option<String>,
    value_start: usize,
    raw: &str,
    offset: usize,
) -> CursorContext {
    let lead = raw.len() - raw.trim_start().len();
    let body = &raw[lead..];
    let body_start = value_start + lead;
    let (style, piece_start, existing, sibling_quote) = if let Some(inner) = body.strip_prefix('[') {
        let last_comma = inner.rfind(',').map_or(0, |i| i + 1);
        let items: Vec<&str> = inner[..last_comma].split(',').map(str::trim).filter(|s| !s.is_empty()).collect();
        let quote = items.iter().find_map(|s| s.chars().next().filter(|c| *c == '"' || *c == '\''));
        let existing = items.iter().map(|s| s.trim_matches(['"', '\'']).to_string()).collect();
        (ListStyle::Flow, body_start + 1 + last_comma, existing, quote)
    } else {
        let quote_lead = usize::from(body.starts_with(['"', '\'']));
        let inner = &body[quote_lead..];
        let mut depth = 0i32;
        let mut last_comma = None;
        for (i, c) in inner.char_indices() {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                ',' if depth <= 0 => last_comma = Some(i + 1),
                _ => {}
            }
        }
        match last_comma {
            Some(c) => {
                let existing = inner[..c].split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
                (ListStyle::Comma, body_start + quote_lead + c, existing, None)
            }
            None => (ListStyle::Scalar, body_start, Vec::new(), None),
        }
    };
    let piece = &text[piece_start..offset];
    let ws = piece.len() - piece.trim_start().len();
    let mut prefix_start = piece_start + ws;
    let open_quote = text[prefix_start..offset].chars().next().filter(|c| *c == '"' || *c == '\'');
    if open_quote.is_some() {
        prefix_start += 1;
    }
    CursorContext::Value {
        key,
        parent,
        prefix: TextRange::new(prefix_start, offset),
        style,
        existing,
        open_quote,
        sibling_quote,
    }
}

/// Items of the block sequence around `line`, and the quote they use.
fn block_siblings(text: &str, content: TextRange, line: usize) -> (Vec<String>, Option<char>) {
    let mut items = Vec::new();
    let mut quote = None;
    let region = &text[content.start..content.end];
    let rel = line - content.start;
    // Walk up and down from the cursor line while lines are `- item` or blank.
    let before = region[..rel].lines().rev().take_while(|l| l.trim_start().starts_with('-'));
    let after = region[rel..].lines().skip(1).take_while(|l| l.trim_start().starts_with('-'));
    for l in before.chain(after) {
        let item = l.trim_start().trim_start_matches('-').trim();
        if quote.is_none() {
            quote = item.chars().next().filter(|c| *c == '"' || *c == '\'');
        }
        items.push(item.trim_matches(['"', '\'']).to_string());
    }
    (items, quote)
}
