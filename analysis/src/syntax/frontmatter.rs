//! Locating the frontmatter block at the top of a file, and the shapes that look like one but
//! are not (formats.md §0.1, §8.3–§8.5).
//!
//! A pure line scan of the first lines: no Markdown parse, so bulk paths (`agentls check`, the
//! workspace index) never touch bodies.

use crate::text::TextRange;

/// Where the frontmatter is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontmatterLayout {
    /// The opening `---` (without its line terminator).
    pub open: TextRange,
    /// The YAML between the delimiters: from the line after `open` to the start of `close`.
    pub content: TextRange,
    /// The closing `---` (without its line terminator).
    pub close: TextRange,
}

/// Something that looks like frontmatter but no consumer reads as one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LayoutProblem {
    /// `---` after blank lines.
    AfterBlankLine,
    /// `---` indented.
    Indented,
    /// Opened with four or more dashes.
    TooManyDashes,
    /// Closed with `...` instead of `---`.
    ClosedWithDots,
    /// Never closed.
    Unclosed,
}

impl LayoutProblem {
    /// The sentence a diagnostic uses.
    pub fn message(self) -> &'static str {
        match self {
            Self::AfterBlankLine => "frontmatter must start on the first line; a blank line comes before this `---`",
            Self::Indented => "frontmatter delimiter `---` must start at column 1; this one is indented",
            Self::TooManyDashes => "frontmatter must open with exactly `---`; this line has more dashes",
            Self::ClosedWithDots => "frontmatter must be closed with `---`, not `...`",
            Self::Unclosed => "frontmatter is never closed: add a `---` line after the last key",
        }
    }
}

/// What the top of a file holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TopScan {
    /// The frontmatter, when well formed.
    pub frontmatter: Option<FrontmatterLayout>,
    /// A would-be frontmatter and its problem, with the range of the line to report.
    pub problem: Option<(LayoutProblem, TextRange)>,
    /// Merge-conflict marker lines (`<<<<<<<`, `=======`, `>>>>>>>`) at the top or inside the
    /// frontmatter (formats.md §8.5).
    pub conflict_markers: Vec<TextRange>,
    /// Byte offset where the body starts (after the closing delimiter's line, or 0).
    pub body_start: usize,
    /// How far the scan read: the end (terminator included) of the last line it looked at, or
    /// `usize::MAX` when it ran into the end of the text (then its verdict — unclosed, no
    /// frontmatter after blank lines… — depends on the text ending there). The scan's result
    /// depends on `text[..scanned_to]` only: see [`TopScan::survives_edit_at`].
    pub scanned_to: usize,
}

impl TopScan {
    /// True when an edit starting at byte `offset` (of the text this scan read) cannot change
    /// the scan: it starts after everything the scan read, and the last line read ends in `\n`
    /// (so the edit cannot extend it — a lone `\r` could still pair with an inserted `\n`).
    pub fn survives_edit_at(&self, text_before: &str, offset: usize) -> bool {
        offset > self.scanned_to
            || (offset == self.scanned_to && text_before.get(..self.scanned_to).is_some_and(|t| t.ends_with('\n')))
    }
}

/// One line: content range (terminator excluded) and the offset of the next line.
#[derive(Clone, Copy)]
struct Line {
    content: TextRange,
    next: usize,
}

/// The lines of `text` from `from`; `read` is advanced to the end of each line handed out.
fn lines<'a>(text: &'a str, from: usize, read: &'a std::cell::Cell<usize>) -> impl Iterator<Item = Line> + 'a {
    let bytes = text.as_bytes();
    let mut pos = from;
    std::iter::from_fn(move || {
        if pos >= bytes.len() {
            read.set(usize::MAX);
            return None;
        }
        let start = pos;
        let mut i = pos;
        while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
            i += 1;
        }
        let end = i;
        if i < bytes.len() {
            i += if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
        }
        pos = i;
        read.set(read.get().max(i));
        Some(Line { content: TextRange::new(start, end), next: i })
    })
}

/// A merge-conflict marker line (`<<<<<<<`, `=======`, `>>>>>>>`, `|||||||`).
pub(crate) fn is_conflict_marker(line: &str) -> bool {
    ["<<<<<<<", "=======", ">>>>>>>", "|||||||"].iter().any(|m| line.starts_with(m))
}

/// Scans the top of `text`. A UTF-8 BOM before the opening `---` is accepted (§8.4).
pub fn scan(text: &str) -> TopScan {
    let read = std::cell::Cell::new(0);
    let mut out = scan_lines(text, &read);
    out.scanned_to = read.get();
    out
}

fn scan_lines(text: &str, read: &std::cell::Cell<usize>) -> TopScan {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut out = TopScan::default();
    let mut it = lines(text, start, read).peekable();
    let Some(first) = it.next() else { return out };
    let first_text = first.content.slice(text);
    let trimmed_end = first_text.trim_end_matches([' ', '\t']);

    if is_conflict_marker(first_text) {
        // A conflict at the very top: report every marker until the conflict ends.
        out.conflict_markers.push(first.content);
        for line in it {
            let t = line.content.slice(text);
            if is_conflict_marker(t) {
                out.conflict_markers.push(line.content);
                if t.starts_with(">>>>>>>") {
                    break;
                }
            }
        }
        return out;
    }
    if trimmed_end != "---" {
        out.problem = misplaced_opening(text, first, &mut it);
        return out;
    }
    for line in it {
        let t = line.content.slice(text);
        let t_end = t.trim_end_matches([' ', '\t']);
        if t_end == "---" {
            out.frontmatter = Some(FrontmatterLayout {
                open: first.content,
                content: TextRange::new(first.next, line.content.start),
                close: line.content,
            });
            out.body_start = line.next;
            return out;
        }
        if t_end == "..." {
            out.conflict_markers.clear();
            out.problem = Some((LayoutProblem::ClosedWithDots, first.content));
            return out;
        }
        if is_conflict_marker(t) {
            out.conflict_markers.push(line.content);
        }
    }
    out.conflict_markers.clear();
    out.problem = Some((LayoutProblem::Unclosed, first.content));
    out
}

/// The first line is not `---`: is it a would-be frontmatter?
fn misplaced_opening(
    text: &str,
    first: Line,
    rest: &mut impl Iterator<Item = Line>,
) -> Option<(LayoutProblem, TextRange)> {
    let t = first.content.slice(text);
    let trimmed = t.trim();
    if trimmed.len() >= 4 && trimmed.bytes().all(|b| b == b'-') && !t.starts_with([' ', '\t']) {
        return Some((LayoutProblem::TooManyDashes, first.content));
    }
    if trimmed == "---" {
        return Some((LayoutProblem::Indented, first.content));
    }
    if !trimmed.is_empty() {
        return None;
    }
    // Blank first line(s): a `---` as the first non-blank line is a misplaced frontmatter,
    // provided a key line follows (a lone thematic break is just Markdown).
    let line = rest.find(|l| !l.content.slice(text).trim().is_empty())?;
    let t = line.content.slice(text);
    if t.trim() != "---" {
        return None;
    }
    let next = rest.next()?;
    let looks_like_yaml = next
        .content
        .slice(text)
        .split_once(':')
        .is_some_and(|(k, _)| !k.is_empty() && !k.contains(' ') && !k.starts_with(['#', '-', ' ']));
    let problem = if t.starts_with([' ', '\t']) { LayoutProblem::Indented } else { LayoutProblem::AfterBlankLine };
    looks_like_yaml.then_some((problem, line.content))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_content_between_delimiters_crlf_and_bom() {
        let text = "\u{feff}---\r\nname: x\r\n---\r\nbody\r\n";
        let s = scan(text);
        let fm = s.frontmatter.unwrap();
        assert_eq!(fm.content.slice(text), "name: x\r\n");
        assert_eq!(&text[s.body_start..], "body\r\n");
        assert!(s.problem.is_none());
    }

    #[test]
    fn empty_frontmatter() {
        let s = scan("---\n---\n");
        assert_eq!(s.frontmatter.unwrap().content, TextRange::new(4, 4));
    }

    #[test]
    fn misplaced_shapes() {
        let text = "\n---\nname: x\n---\n";
        assert_eq!(scan(text).problem.unwrap(), (LayoutProblem::AfterBlankLine, TextRange::new(1, 4)));
        assert_eq!(scan("  ---\nname: x\n---\n").problem.unwrap().0, LayoutProblem::Indented);
        assert_eq!(scan("----\nname: x\n----\n").problem.unwrap().0, LayoutProblem::TooManyDashes);
        assert_eq!(scan("---\nname: x\n...\n").problem.unwrap().0, LayoutProblem::ClosedWithDots);
        assert_eq!(scan("---\nname: x\n").problem.unwrap().0, LayoutProblem::Unclosed);
        let plain = scan("# Title\n\n---\n");
        assert!(plain.frontmatter.is_none() && plain.problem.is_none());
        assert_eq!(scan("\n---\n\ntext\n").problem, None);
    }

    #[test]
    fn scanned_to_marks_what_the_verdict_depends_on() {
        let text = "---\nname: x\n---\nbody\n";
        let s = scan(text);
        assert_eq!(s.scanned_to, 16);
        assert!(s.survives_edit_at(text, 16) && s.survives_edit_at(text, 18));
        assert!(!s.survives_edit_at(text, 15));
        // Unclosed: the verdict depends on the end of the text.
        assert_eq!(scan("---\nname: x\n").scanned_to, usize::MAX);
        // Not frontmatter: only the first line was read.
        assert_eq!(scan("# Title\n---\nname: x\n").scanned_to, 8);
        // A last line without terminator may still grow into `----`.
        let text = "---\nname: x\n---";
        assert!(!scan(text).survives_edit_at(text, text.len()));
    }

    #[test]
    fn conflict_markers_inside_frontmatter() {
        let text = "---\n<<<<<<< HEAD\nname: a\n=======\nname: b\n>>>>>>> x\n---\n";
        let s = scan(text);
        assert_eq!(s.conflict_markers.len(), 3);
        assert_eq!(s.conflict_markers[0].slice(text), "<<<<<<< HEAD");
    }
}
