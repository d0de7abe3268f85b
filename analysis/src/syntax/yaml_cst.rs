//! tree-sitter-yaml on a frontmatter's included range, converted to the [`Value`] model.
//!
//! The parser sees the whole document but reads only the included byte range, so every node's
//! byte offsets are document offsets and need no shifting.

use std::cell::RefCell;

use tree_sitter::{Node, Parser, Point, Range, Tree};

use super::scalar::{decode_block_scalar, decode_double_quoted, decode_single_quoted, fold_plain};
use super::value::{Entry, Scalar, ScalarStyle, Value, ValueKind};
use crate::text::TextRange;

/// Nesting deeper than this becomes [`ValueKind::Other`]: bounds recursion on hostile input.
const MAX_DEPTH: usize = 64;

thread_local! {
    static PARSER: RefCell<Parser> = RefCell::new({
        let mut p = Parser::new();
        p.set_language(&tree_sitter_yaml::LANGUAGE.into()).expect("tree-sitter-yaml ABI matches tree-sitter");
        p
    });
}

/// Deepest block-indentation column tree-sitter-yaml may see. Its external scanner serialises
/// the indentation stack into tree-sitter's 1,024-byte buffer (10 bytes + 4 per level) and
/// aborts the process beyond that; every level has its own column, so bounding the column
/// bounds the levels.
const MAX_BLOCK_COLUMN: usize = 240;

/// True when no line of `range` starts a block node beyond [`MAX_BLOCK_COLUMN`] (leading
/// spaces, plus `- `, `? ` and `: ` indicators that open nested block nodes on the same line).
fn shallow_enough(text: &str, range: TextRange) -> bool {
    range.slice(text).lines().all(|line| {
        let bytes = line.as_bytes();
        let mut col = 0;
        while col < bytes.len() && (bytes[col] == b' ' || bytes[col] == b'\t') {
            col += 1;
        }
        while col + 1 < bytes.len() && matches!(bytes[col], b'-' | b'?' | b':') && bytes[col + 1] == b' ' {
            col += 2;
            while col < bytes.len() && bytes[col] == b' ' {
                col += 1;
            }
        }
        col <= MAX_BLOCK_COLUMN
    })
}

/// Parses `range` of `text` as YAML. Returns `None` when the YAML nests deeper than
/// tree-sitter-yaml can handle ([`MAX_BLOCK_COLUMN`]) or tree-sitter gives up; the caller then
/// falls back to the lenient scanner.
pub fn parse(text: &str, range: TextRange) -> Option<Tree> {
    if !shallow_enough(text, range) {
        return None;
    }
    // Points only label nodes' positions, which agentls never reads (it uses byte offsets);
    // tree-sitter validates included ranges by bytes. Rows are counted within the range only,
    // so parsing many small ranges of a large text stays linear.
    let included = Range {
        start_byte: range.start,
        end_byte: range.end,
        start_point: Point { row: 0, column: 0 },
        end_point: point_at(range.slice(text), range.len()),
    };
    PARSER.with(|p| {
        let mut p = p.borrow_mut();
        p.set_included_ranges(&[included]).ok()?;
        p.parse(text, None)
    })
}

/// Row/column (bytes) of `offset` in `text`, counting `\n` only as tree-sitter does.
fn point_at(text: &str, offset: usize) -> Point {
    let before = &text.as_bytes()[..offset];
    let row = memchr::memchr_iter(b'\n', before).count();
    let col = offset - before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    Point { row, column: col }
}

/// The top-level node of the first document: `Some(value)` for a document with content,
/// `None` for an empty one.
pub fn root_value(tree: &Tree, text: &str) -> Option<Value> {
    let root = tree.root_node();
    let mut cursor = root.walk();
    let document = root.named_children(&mut cursor).find(|n| n.kind() == "document")?;
    let mut cursor = document.walk();
    let node = document.named_children(&mut cursor).find(|n| matches!(n.kind(), "block_node" | "flow_node"))?;
    Some(convert(node, text, 0))
}

/// The node's byte range without trailing whitespace and line breaks (block collections and
/// block scalars end after their last line terminator).
fn node_range(node: Node, text: &str) -> TextRange {
    let (start, end) = (node.start_byte(), node.end_byte());
    let trimmed = text[start..end].trim_end_matches([' ', '\t', '\n', '\r']).len();
    TextRange::new(start, start + trimmed)
}

/// Converts a `block_node` / `flow_node` / inner node to a [`Value`].
fn convert(node: Node, text: &str, depth: usize) -> Value {
    let range = node_range(node, text);
    if depth > MAX_DEPTH {
        return Value { range, kind: ValueKind::Other };
    }
    let kind = match node.kind() {
        "block_node" | "flow_node" => {
            // Skip anchors and tags; the content node is the last named non-comment child.
            let mut cursor = node.walk();
            let inner =
                node.named_children(&mut cursor).filter(|n| !matches!(n.kind(), "anchor" | "tag" | "comment")).last();
            return match inner {
                Some(inner) => convert(inner, text, depth + 1),
                None => Value { range: TextRange::empty(range.end), kind: ValueKind::Null },
            };
        }
        "plain_scalar" | "double_quote_scalar" | "single_quote_scalar" | "block_scalar" => {
            scalar(node, range.slice(text))
        }
        "block_sequence" => ValueKind::Sequence(block_items(node, text, depth)),
        "flow_sequence" => ValueKind::Sequence(flow_items(node, text, depth)),
        "block_mapping" | "flow_mapping" => ValueKind::Mapping(mapping_entries(node, text, depth)),
        _ => ValueKind::Other, // `alias` and anything unexpected
    };
    Value { range, kind }
}

/// A scalar node's decoded text (`raw` is its source): plain (folded, or null), quoted
/// (escapes decoded), or a block scalar.
fn scalar(node: Node, raw: &str) -> ValueKind {
    let (text, style) = match node.kind() {
        "plain_scalar" => {
            let mut cursor = node.walk();
            if node.named_children(&mut cursor).any(|c| c.kind() == "null_scalar") {
                return ValueKind::Null;
            }
            (fold_plain(raw), ScalarStyle::Plain)
        }
        "double_quote_scalar" => (decode_double_quoted(raw), ScalarStyle::DoubleQuoted),
        "single_quote_scalar" => (decode_single_quoted(raw), ScalarStyle::SingleQuoted),
        _ => {
            let (text, folded) = decode_block_scalar(raw);
            (text, if folded { ScalarStyle::Folded } else { ScalarStyle::Literal })
        }
    };
    ValueKind::Scalar(Scalar { text, style })
}

/// The items of a `block_sequence` (an empty item `-` is a null value).
fn block_items(node: Node, text: &str, depth: usize) -> Vec<Value> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .filter(|n| n.kind() == "block_sequence_item")
        .map(|item| {
            let mut c = item.walk();
            let content = item.named_children(&mut c).find(|n| n.kind() != "comment");
            match content {
                Some(n) => convert(n, text, depth + 1),
                None => Value { range: TextRange::empty(item.end_byte()), kind: ValueKind::Null },
            }
        })
        .collect()
}

/// The items of a `flow_sequence` (a `k: v` item is a one-entry mapping).
fn flow_items(node: Node, text: &str, depth: usize) -> Vec<Value> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .filter(|n| n.kind() != "comment")
        .map(|n| {
            if n.kind() == "flow_pair" {
                let r = node_range(n, text);
                Value { range: r, kind: ValueKind::Mapping(pair(n, text, depth).into_iter().collect()) }
            } else {
                convert(n, text, depth + 1)
            }
        })
        .collect()
}

/// The entries of a block or flow mapping (`{a}` is a key with a null value).
fn mapping_entries(node: Node, text: &str, depth: usize) -> Vec<Entry> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .filter(|n| matches!(n.kind(), "block_mapping_pair" | "flow_pair" | "flow_node"))
        .filter_map(|n| {
            if n.kind() != "flow_node" {
                return pair(n, text, depth);
            }
            let key = convert(n, text, depth + 1);
            let key_text = key.as_str()?.to_string();
            let value = Value { range: TextRange::empty(key.range.end), kind: ValueKind::Null };
            Some(Entry { key: key_text, key_range: key.range, value })
        })
        .collect()
}

/// A `block_mapping_pair` / `flow_pair` as an [`Entry`]; `None` for a complex (non-scalar) key.
fn pair(node: Node, text: &str, depth: usize) -> Option<Entry> {
    let key_node = node.child_by_field_name("key")?;
    let key = convert(key_node, text, depth + 1);
    let key_text = match &key.kind {
        ValueKind::Scalar(s) => s.text.clone(),
        ValueKind::Null => String::new(),
        _ => return None,
    };
    let value = if let Some(v) = node.child_by_field_name("value") {
        convert(v, text, depth + 1)
    } else {
        // Just after the colon that follows the key.
        let after_key = key.range.end;
        let colon =
            text[after_key..node.end_byte().max(after_key)].find(':').map_or(node.end_byte(), |i| after_key + i + 1);
        Value { range: TextRange::empty(colon), kind: ValueKind::Null }
    };
    Some(Entry { key: key_text, key_range: key.range, value })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value_of(src: &str) -> Value {
        let tree = parse(src, TextRange::new(0, src.len())).unwrap();
        assert!(!tree.root_node().has_error(), "{}", tree.root_node().to_sexp());
        root_value(&tree, src).unwrap()
    }

    #[test]
    fn mapping_with_scalars_lists_and_ranges() {
        let src = "name: a-b\ntools: [Read, \"Grep\"]\nlist:\n  - x\n  - 'y'\nempty:\n";
        let v = value_of(src);
        let name = v.get("name").unwrap();
        assert_eq!(name.value.as_str(), Some("a-b"));
        assert_eq!(name.value.range.slice(src), "a-b");
        let ValueKind::Sequence(items) = &v.get("tools").unwrap().value.kind else { panic!() };
        assert_eq!(items[1].as_str(), Some("Grep"));
        assert_eq!(items[1].range.slice(src), "\"Grep\"");
        let ValueKind::Sequence(items) = &v.get("list").unwrap().value.kind else { panic!() };
        assert_eq!(items[1].as_str(), Some("y"));
        let empty = v.get("empty").unwrap();
        assert_eq!(empty.value.kind, ValueKind::Null);
        assert_eq!(empty.value.range, TextRange::empty(src.len() - 1));
    }

    #[test]
    fn included_range_keeps_document_offsets() {
        let src = "---\nmodel: opus\n---\nbody: not yaml\n";
        let tree = parse(src, TextRange::new(4, 16)).unwrap();
        let v = root_value(&tree, src).unwrap();
        assert_eq!(v.get("model").unwrap().value.range.slice(src), "opus");
        assert!(v.get("body").is_none());
    }
}
