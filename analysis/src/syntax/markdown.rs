//! The tree-sitter-md **block** tree of a document, for the requests that need the outline
//! (`documentSymbol`); built lazily by [`crate::Snapshot::markdown`], incrementally from the
//! last tree when there is one.
//!
//! Only the block grammar is used (the inline grammar is not needed for agent files and doubles
//! the cost). Bulk paths and keystrokes never build this tree.

use std::cell::RefCell;

use tree_sitter::{Parser, Point, Tree};

use crate::text::{DocText, TextRange};

thread_local! {
    static PARSER: RefCell<Parser> = RefCell::new({
        let mut p = Parser::new();
        p.set_language(&tree_sitter_md::LANGUAGE.into()).expect("tree-sitter-md ABI matches tree-sitter");
        p
    });
}

/// Parses `text`, reusing `old` (already [`Tree::edit`]ed to match) when given.
pub fn parse(text: &DocText, old: Option<&Tree>) -> Option<Tree> {
    PARSER.with(|p| {
        let mut p = p.borrow_mut();
        match text {
            DocText::Flat(t, _) => p.parse(t.as_bytes(), old),
            DocText::Rope(rope) => {
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
            }
        }
    })
}

/// Headings of the body as (level, title range), from the block tree — the outline used by
/// document symbols.
pub fn headings(tree: &Tree, text: &DocText) -> Vec<(u8, TextRange)> {
    use tree_sitter::StreamingIterator;
    let query = heading_query();
    let mut cursor = tree_sitter::QueryCursor::new();
    let mut out = Vec::new();
    let provider = |node: tree_sitter::Node| std::iter::once(text.slice(node.byte_range().into()).into_owned());
    let mut matches = cursor.matches(query, tree.root_node(), provider);
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
            let s = text.slice(t);
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
    use ropey::Rope;

    #[test]
    fn headings_of_flat_and_rope_texts() {
        let text = "---\nname: a\n---\n\n# New Title\n\nText\n## Two\n";
        for doc in [DocText::flat(text), DocText::Rope(Rope::from_str(text))] {
            let tree = parse(&doc, None).unwrap();
            let hs: Vec<_> = headings(&tree, &doc).into_iter().map(|(l, r)| (l, r.slice(text).to_string())).collect();
            assert_eq!(hs, [(1, "New Title".to_string()), (2, "Two".to_string())]);
        }
    }

    #[test]
    fn minus_metadata_agrees_with_the_line_scan() {
        let text = "---\nname: a\nmodel: opus\n---\nbody\n";
        let tree = parse(&DocText::flat(text), None).unwrap();
        let scan = crate::syntax::frontmatter::scan(text);
        assert_eq!(metadata_content(&tree, text), Some(scan.frontmatter.unwrap().content));
    }
}
