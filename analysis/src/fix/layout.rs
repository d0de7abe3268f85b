//! Frontmatter delimiters no consumer reads (formats.md §8.3–§8.4): blank lines before the
//! opening `---` removed, an indented block moved to column 1, `----` and a closing `...`
//! written `---`, a byte order mark removed where the consumer stumbles on it. Safe: the block
//! is what the file meant as its frontmatter.

use super::doc::Doc;
use super::edit::{indentation, line_end, line_start, next_line_start, TextEdit};
use super::{Fix, Safety};
use crate::syntax::LayoutProblem;
use crate::text::TextRange;
use crate::Diagnostic;

/// The lines after the one at `from`, as content ranges, up to 500 of them.
fn lines_after(text: &str, from: usize) -> impl Iterator<Item = TextRange> + '_ {
    let mut at = next_line_start(text, from);
    std::iter::from_fn(move || {
        if at >= text.len() {
            return None;
        }
        let line = TextRange::new(at, line_end(text, at));
        at = next_line_start(text, at);
        Some(line)
    })
    .take(500)
}

/// The fixes of `misplaced-frontmatter` / `unclosed-frontmatter`.
pub(super) fn delimiters(doc: &Doc, d: &Diagnostic) -> Vec<Fix> {
    let text = &doc.text;
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    if bom > 0 && d.message.starts_with("the file starts with a byte order mark") {
        let edit = TextEdit::delete(TextRange::new(0, 3));
        return vec![Fix::local(d.code, "Remove the byte order mark".into(), Safety::Safe, vec![edit])];
    }
    let Some((problem, at)) = doc.snap.parsed.top.problem.filter(|(_, r)| *r == d.range) else { return Vec::new() };
    let (title, edits) = match problem {
        LayoutProblem::AfterBlankLine | LayoutProblem::Indented => {
            let mut edits = Vec::new();
            let open_line = line_start(text, at.start);
            if open_line > bom {
                edits.push(TextEdit::delete(TextRange::new(bom, open_line)));
            }
            let indent = indentation(text, at.start);
            if !indent.is_empty() {
                let Some(close) = lines_after(text, at.start).find(|l| l.slice(text).trim() == "---") else {
                    return Vec::new();
                };
                let lines = std::iter::once(TextRange::new(open_line, at.end)).chain(lines_after(text, at.start));
                for line in lines.take_while(|l| l.start <= close.start) {
                    if line.slice(text).starts_with(indent) {
                        edits.push(TextEdit::delete(TextRange::new(line.start, line.start + indent.len())));
                    }
                }
            }
            ("Move the frontmatter to the top of the file", edits)
        }
        LayoutProblem::TooManyDashes => {
            let mut edits = vec![TextEdit::replace(at, "---")];
            let dashes = |l: &TextRange| {
                let t = l.slice(text).trim_end();
                t.len() >= 3 && t.bytes().all(|b| b == b'-')
            };
            if let Some(close) = lines_after(text, at.start).find(dashes).filter(|l| l.slice(text).trim_end().len() > 3)
            {
                edits.push(TextEdit::replace(close, "---"));
            }
            ("Write the delimiters as `---`", edits)
        }
        LayoutProblem::ClosedWithDots => {
            let Some(close) = lines_after(text, at.start).find(|l| l.slice(text).trim_end() == "...") else {
                return Vec::new();
            };
            ("Close the frontmatter with `---`", vec![TextEdit::replace(close, "---")])
        }
        LayoutProblem::Unclosed => return Vec::new(),
    };
    vec![Fix::local(d.code, title.into(), Safety::Safe, edits)]
}
