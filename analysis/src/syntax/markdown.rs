//! The tree-sitter-md **block** tree of an open document, reparsed incrementally after edits.
//!
//! Only the block grammar is used (the inline grammar is not needed for agent files and doubles
//! the cost). Bulk paths never build this tree.

use std::cell::RefCell;

use ropey::Rope;
use tree_sitter::{InputEdit, Parser, Point, Tree};

use crate::text::TextRange;

thread_local! {
    static PARSER: RefCell<Parser> = RefCell::new({
        let mut p = Parser::new();
        p.set_language(&tree_sitter_md::LANGUAGE.into()).expect("tree-sitter-md ABI matches tree-sitter");
        p
    });
}

/// Parses `rope`, reusing `old` (already [`Tree::edit`]ed to match) when given.
pub fn parse(rope: &Rope, old: Option<&Tree>) -> Option<Tree> {
    PARSER.with(|p| {
        let mut p = p.borrow_mut();
        let len = rope.len_bytes();
        p.parse_with_options(
            &mut |byte: usize, _: Point| -> &[u8] {
                if byte >= len {
                    return &[];
                }
                let (chunk, chunk_start, _, _) = rope.chunk_at_byte(byte);
                &chunk.as_bytes()[byte - chunk_start..]
            },
            old,
            None,
        )
    })
}

/// Tree-sitter's point (row counted in `\n`, column in bytes) of `offset` in `rope`.
pub fn point(rope: &Rope, offset: usize) -> Point {
    // ropey (with `cr_lines`) also breaks at a lone `\r`; tree-sitter counts `\n` only, so
    // count rows ourselves over the chunks.
    let mut row = 0;
    let mut last_nl = None;
    let mut seen = 0;
    for chunk in rope.byte_slice(..offset).chunks() {
        for (i, b) in chunk.bytes().enumerate() {
            if b == b'\n' {
                row += 1;
                last_nl = Some(seen + i);
            }
        }
        seen += chunk.len();
    }
    Point { row, column: offset - last_nl.map_or(0, |i| i + 1) }
}

/// The [`InputEdit`] for replacing `old` (bytes of the old rope) by `new_len` bytes.
pub fn input_edit(old_rope: &Rope, new_rope: &Rope, old: TextRange, new_len: usize) -> InputEdit {
    InputEdit {
        start_byte: old.start,
        old_end_byte: old.end,
        new_end_byte: old.start + new_len,
        start_position: point(old_rope, old.start),
        old_end_position: point(old_rope, old.end),
        new_end_position: point(new_rope, old.start + new_len),
    }
}

/// Headings of the body as (level, title range), from the block tree — the outline used by
/// document symbols.
pub fn headings(tree: &Tree, text: &str) -> Vec<(u8, TextRange)> {
    let query = crate::syntax::markdown::heading_query();
    let mut cursor = tree_sitter::QueryCursor::new();
    let mut out = Vec::new();
    use tree_sitter::StreamingIterator;
    let mut matches = cursor.matches(query, tree.root_node(), text.as_bytes());
    while let Some(m) = matches.next() {
        let mut level = 0u8;
        let mut title = None;
        for cap in m.captures {
            let name = query.capture_names()[cap.index as usize];
            match name {
                "marker" => level = cap.node.kind().chars().nth(5).and_then(|c| c.to_digit(10)).unwrap_or(1) as u8,
                "title" => title = Some(TextRange::new(cap.node.start_byte(), cap.node.end_byte())),
                _ => {}
            }
        }
        if let Some(t) = title {
            let s = t.slice(text);
            let lead = s.len() - s.trim_start().len();
            out.push((level.max(1), TextRange::new(t.start + lead, t.start + s.trim_end().len())));
        }
    }
    out
}

/// The compiled `queries/markdown-outline.scm`.
fn heading_query() -> &'static tree_sitter::Query {
    static Q: std::sync::OnceLock<tree_sitter::Query> = std::sync::OnceLock::new();
    Q.get_or_init(|| {
        tree_sitter::Query::new(&tree_sitter_md::LANGUAGE.into(), include_str!("../../../queries/markdown-outline.scm"))
            .expect("queries/markdown-outline.scm compiles")
    })
}

/// The frontmatter content range tree-sitter-md sees (`minus_metadata` without delimiters).
pub fn metadata_content(tree: &Tree, text: &str) -> Option<TextRange> {
    let root = tree.root_node();
    let mut cursor = root.walk();
    let node = root.children(&mut cursor).find(|n| n.kind() == "minus_metadata")?;
    let r = TextRange::new(node.start_byte(), node.end_byte());
    let s = r.slice(text);
    let open_end = s.find('\n')? + 1;
    let close_start = s.trim_end_matches(['\n', '\r']).rfind('\n')? + 1;
    Some(TextRange::new(r.start + open_end, r.start + close_start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn incremental_reparse_matches_fresh_parse() {
        let before = "---\nname: a\n---\n\n# Title\n\nText\n";
        let mut rope = Rope::from_str(before);
        let old_rope = rope.clone();
        let tree = parse(&rope, None).unwrap();
        let at = before.find("Title").unwrap();
        rope.insert(rope.byte_to_char(at), "New ");
        let mut edited = tree.clone();
        edited.edit(&input_edit(&old_rope, &rope, TextRange::empty(at), 4));
        let inc = parse(&rope, Some(&edited)).unwrap();
        let fresh = parse(&rope, None).unwrap();
        assert_eq!(inc.root_node().to_sexp(), fresh.root_node().to_sexp());
        let text = rope.to_string();
        let hs = headings(&inc, &text);
        assert_eq!(hs.len(), 1);
        assert_eq!(hs[0].1.slice(&text), "New Title");
    }

    #[test]
    fn minus_metadata_agrees_with_the_line_scan() {
        let text = "---\nname: a\nmodel: opus\n---\nbody\n";
        let tree = parse(&Rope::from_str(text), None).unwrap();
        let scan = crate::syntax::frontmatter::scan(text);
        assert_eq!(metadata_content(&tree, text), Some(scan.frontmatter.unwrap().content));
    }
}
