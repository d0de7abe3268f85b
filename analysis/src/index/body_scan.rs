//! [`BodyScan`]: every reference-shaped match of a document's lines (mentions, `subagent_type`,
//! prose, links, `#file:`, absolute paths) and its code-fence lines, found by regular
//! expressions (formats.md §4.3) — never a Markdown parse.
//!
//! Every pattern matches inside one line, so an edit re-scans only the lines it touched
//! ([`BodyScan::edited`]): a keystroke costs O(edited lines + matches), not O(document). Which
//! matches count (links only in the body and outside fenced code, prose only for dialects that
//! delegate in prose) is decided when [`BodyScan::references`] reads them.

use std::sync::{Arc, OnceLock};

use regex::Regex;

use super::span::{Span, SpanPos};
use super::summary::RefKind;
use crate::text::{ByteEdit, ColumnUnit, DocText, LineIndex, TextRange};

/// What a [`ScanItem`] matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    /// A reference of this kind.
    Ref(RefKind),
    /// A line opening or closing a fenced code block with this marker (`` ``` `` or `~~~`).
    Fence(&'static str),
    /// An inline suppression comment (`# agentls: ignore[code]` in the frontmatter,
    /// `<!-- agentls-ignore code -->` in the body); `file` for the `-file` form. The target is
    /// the list of codes as written (empty: every code).
    Suppression {
        /// Applies to the whole file.
        file: bool,
    },
    /// A credential (`secret-in-file`); the target is the finding's message (which never shows
    /// the secret).
    Secret,
    /// A command that pipes a download into a shell (`download-piped-to-shell`): the whole line
    /// (`bang: false`, counts in shell code) or a `` !`cmd` `` span (`bang: true`, counts in
    /// prose); the target says what it does.
    Download {
        /// In a `` !`cmd` `` span.
        bang: bool,
    },
}

/// One match: its kind, where its target (or the fence marker) is, and the target text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanItem {
    /// What matched.
    pub kind: ItemKind,
    /// Byte range in the document, with line data (kept current by [`BodyScan::edited`], so
    /// references need no position lookups per keystroke).
    pub span: Span,
    /// The matched name or path (empty for fences), shared with the references made from it.
    pub target: Arc<str>,
    /// Inside an inline code span (`` `…` ``) of its line (links and `#file:` there are code).
    pub in_code: bool,
}

impl ScanItem {
    /// The byte range.
    pub fn range(&self) -> TextRange {
        self.span.range
    }
}

/// The matches of a whole document, sorted by position.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BodyScan {
    items: Vec<ScanItem>,
}

struct Patterns {
    mention: Regex,
    mention_quoted: Regex,
    subagent_type: Regex,
    natural: Regex,
    link: Regex,
    file_ref: Regex,
    absolute: Regex,
    agent_word: Regex,
    suppression: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        mention: Regex::new(r"@agent-([A-Za-z0-9][\w.:-]*[\w])").unwrap(),
        mention_quoted: Regex::new(r#"@"([^"\n\r]+) \(agent\)""#).unwrap(),
        subagent_type: Regex::new(r#"["']?subagent_type["']?[ \t]*[:=][ \t]*["']([^"'\n\r]+)["']"#).unwrap(),
        // ASCII word boundaries keep the regex on its fast engines (Unicode `\b` does not).
        natural: Regex::new(
            r"(?i)(?-u:\b)(?:use|launch|engage|invoke|have|run|delegate to|hand off to) the ([A-Za-z0-9_-]+) (?:sub-?agent|agent)(?-u:\b)",
        )
        .unwrap(),
        link: Regex::new(r"!?\[[^\]\n\r]*\]\(([^)\s]+)(?:[ \t]+[^)\n\r]*)?\)").unwrap(),
        file_ref: Regex::new(r"#file:([^\s)`'\x22,]+)").unwrap(),
        // Only the literal start of an absolute path (a fast literal search); the character
        // before it and the rest of the path are read by `absolute_paths`. Only places that
        // belong to one machine, user or deployment (homes, mounts, `/opt` and `/srv` apps):
        // system paths (`/tmp`, `/etc`, `/usr`, `/var`) exist everywhere and are what shell
        // snippets name.
        absolute: Regex::new(r"/(?:home|Users|root|mnt|Volumes|opt|srv)/").unwrap(),
        agent_word: Regex::new(r"(?i)agent").unwrap(),
        // `<!-- agentls-ignore[-file] code code -->` or `# agentls: ignore[-file][code, code]`.
        suppression: Regex::new(
            r"(?:<!--[ \t]*agentls-ignore(-file)?((?:[ \t,]+[A-Za-z0-9-]+)*)[ \t]*-->|#[ \t]*agentls:[ \t]*ignore(-file)?(?:\[([^\]\n\r]*)\])?)",
        )
        .unwrap(),
    })
}

fn has(needle: &str, hay: &str) -> bool {
    memchr::memmem::find(hay.as_bytes(), needle.as_bytes()).is_some()
}

/// An item whose span's line data is still to be filled in ([`with_lines`]).
fn item(kind: ItemKind, range: TextRange, target: &str, in_code: bool) -> ScanItem {
    ScanItem { kind, span: Span { range, ..Span::default() }, target: target.into(), in_code }
}

/// Fills in the line data of `items`, found in `region` (whole lines starting at byte `base`,
/// line `base_line`, with `lines` its line table).
fn with_lines(items: &mut [ScanItem], region: &str, base: usize, base_line: usize, lines: &LineIndex) {
    for i in items {
        let (start, end) = (i.span.range.start - base, i.span.range.end - base);
        let line = lines.line_of(start);
        let line_start = lines.line_range(line).map_or(0, |r| r.start);
        // O(1) per item whatever the line's length (the table of the region's line index).
        let units = |off: usize| lines.units_before(region, off, ColumnUnit::Utf16);
        let col = |off: usize| (units(off) - units(line_start)) as u32;
        let pos = SpanPos { line: (base_line + line) as u32, line_start: (base + line_start) as u32, col16: 0 };
        i.span.start = SpanPos { col16: col(start), ..pos };
        i.span.end = SpanPos { col16: col(end), ..pos };
    }
}

/// The matches of `region`, whole lines of a document starting at byte `base` on line
/// `base_line`; `lines` is the region's line table.
fn scan_region(region: &str, base: usize, base_line: usize, lines: &LineIndex) -> Vec<ScanItem> {
    let mut out = matches(region, base);
    with_lines(&mut out, region, base, base_line, lines);
    out
}

/// The matches of `region` (starting at byte `base`), without line data.
fn matches(region: &str, base: usize) -> Vec<ScanItem> {
    let p = patterns();
    let mut out = Vec::new();
    let capture = |re: &Regex, hay_start: usize, hay: &str, kind: RefKind, out: &mut Vec<ScanItem>| {
        for c in re.captures_iter(hay) {
            let m = c.get(1).expect("group 1");
            let range = TextRange::new(base + hay_start + m.start(), base + hay_start + m.end());
            out.push(item(ItemKind::Ref(kind), range, m.as_str(), false));
        }
    };
    // Each pattern runs only when its literal part occurs at all (memchr is far cheaper than a
    // regex scan).
    if has("@agent-", region) {
        capture(&p.mention, 0, region, RefKind::Mention, &mut out);
    }
    if has("(agent)", region) {
        capture(&p.mention_quoted, 0, region, RefKind::Mention, &mut out);
    }
    if has("subagent_type", region) {
        capture(&p.subagent_type, 0, region, RefKind::SubagentType, &mut out);
    }
    // A prose reference lies on one line and contains "agent": only such lines are matched.
    let mut line_end = 0;
    for m in p.agent_word.find_iter(region) {
        if m.start() < line_end {
            continue;
        }
        let line_start = region[..m.start()].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        line_end = region[m.end()..].find(['\n', '\r']).map_or(region.len(), |i| m.end() + i);
        capture(&p.natural, line_start, &region[line_start..line_end], RefKind::NaturalLanguage, &mut out);
    }
    absolute_paths(&p.absolute, region, base, &mut out);
    if has("agentls", region) {
        for c in p.suppression.captures_iter(region) {
            let whole = c.get(0).expect("match");
            let file = c.get(1).or(c.get(3)).is_some();
            let codes = c.get(2).or(c.get(4)).map_or("", |m| m.as_str());
            let range = TextRange::new(base + whole.start(), base + whole.end());
            out.push(item(ItemKind::Suppression { file }, range, codes.trim(), false));
        }
    }
    links_and_fences(p, region, base, &mut out);
    // The security rules' line findings, kept here so a keystroke re-scans only its lines.
    for d in crate::rules::security_secrets::scan(region, base) {
        out.push(item(ItemKind::Secret, d.range, &d.message, false));
    }
    for (range, what, bang) in crate::rules::security_download::scan(region, base) {
        out.push(item(ItemKind::Download { bang }, range, &what, false));
    }
    out.sort_by_key(|i| i.span.range.start);
    out
}

/// Links, `#file:` references and fence lines of `region`.
fn links_and_fences(p: &Patterns, region: &str, base: usize, out: &mut Vec<ScanItem>) {
    let (links, file_refs) = (has("](", region), has("#file:", region));
    let fences = has("```", region) || has("~~~", region);
    if !links && !file_refs && !fences {
        return;
    }
    let mut line_start = 0;
    for line in region.split_inclusive(['\n', '\r']) {
        let at = base + line_start;
        line_start += line.len();
        let trimmed = line.trim_start();
        if let Some(f) = ["```", "~~~"].into_iter().find(|f| trimmed.starts_with(f)) {
            let start = at + line.len() - trimmed.len();
            out.push(item(ItemKind::Fence(f), TextRange::new(start, start + 3), "", false));
            continue;
        }
        let wanted = (links && has("](", line)) || (file_refs && has("#file:", line));
        if !wanted {
            continue;
        }
        let code = inline_code_spans(line);
        let in_code = |i: usize| code.iter().any(|(a, b)| *a <= i && i < *b);
        for (re, kind) in [(&p.link, RefKind::Link), (&p.file_ref, RefKind::FileRef)] {
            for c in re.captures_iter(line) {
                let m = c.get(1).expect("group 1");
                let target = m.as_str();
                let external = kind == RefKind::Link
                    && (target.contains("://")
                        || target.starts_with("mailto:")
                        || target.starts_with('#')
                        || target.starts_with('<'));
                if !external {
                    let range = TextRange::new(at + m.start(), at + m.end());
                    out.push(item(ItemKind::Ref(kind), range, target, in_code(m.start())));
                }
            }
        }
    }
}

/// Absolute paths in `region` that start a line or follow a blank, `(`, a backquote, a quote
/// or `=`, up to the next blank or one of `` )`'"<>,; `` (formats.md §4.3). Linear: each byte
/// is looked at a bounded number of times.
fn absolute_paths(re: &Regex, region: &str, base: usize, out: &mut Vec<ScanItem>) {
    let is_end = |c: char| c.is_whitespace() || ")`'\"<>,;".contains(c);
    let mut at = 0;
    while let Some(m) = re.find_at(region, at) {
        at = m.end();
        let before = region[..m.start()].chars().next_back();
        if !before.is_none_or(|c| c.is_whitespace() || "(`'\"=".contains(c)) {
            // Not a path start; no other start lies inside the literal (`/` after a letter).
            continue;
        }
        let end = region[m.end()..].find(is_end).map_or(region.len(), |i| m.end() + i);
        if end == m.end() {
            continue; // `/home/` alone names no file
        }
        let range = TextRange::new(base + m.start(), base + end);
        out.push(item(ItemKind::Ref(RefKind::AbsolutePath), range, &region[m.start()..end], false));
        at = end;
    }
}

/// Byte ranges of inline code spans (`` `…` ``) in one line.
fn inline_code_spans(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'`' {
            i += 1;
            continue;
        }
        let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
        let fence = &line[i..i + run];
        match line[i + run..].find(fence) {
            Some(close) => {
                out.push((i, i + run + close + run));
                i += run + close + run;
            }
            None => break,
        }
    }
    out
}

impl BodyScan {
    /// Scans a whole text (`lines`: its line table).
    pub fn new(text: &str, lines: &LineIndex) -> Self {
        Self { items: scan_region(text, 0, 0, lines) }
    }

    /// The scan of `new`, which is `old` (this scan's text) with `edit` applied: the lines
    /// around the edit are scanned again, the other matches are kept (shifted after it).
    pub fn edited(&self, old: &DocText, new: &DocText, edit: ByteEdit) -> Self {
        // One line of margin on each side: a `\r` before the edit may pair with an inserted
        // `\n`, and matches never cross a line end.
        let first = old.line_of(edit.old.start).saturating_sub(1);
        let lo = old.line_range(first).map_or(0, |r| r.start);
        let hi_old = old.line_range(old.line_of(edit.old.end) + 1).map_or(old.len(), |r| r.end);
        let hi_new = (hi_old as isize + edit.delta()).clamp(lo as isize, new.len() as isize) as usize;
        let before = self.items.partition_point(|i| i.span.range.start < lo);
        let after = self.items.partition_point(|i| i.span.range.start < hi_old);
        let mut items = Vec::with_capacity(self.items.len() + 4);
        items.extend_from_slice(&self.items[..before]);
        let region = new.slice(TextRange::new(lo, hi_new));
        items.extend(scan_region(&region, lo, first, &LineIndex::new(&region)));
        // Lines after the region are unchanged: their matches move by the edit's bytes and by
        // the lines it added or removed.
        let lines = new.line_count() as i64 - old.line_count() as i64;
        let (delta, shift) = (edit.delta() as i64, |v: u32, by: i64| (i64::from(v) + by) as u32);
        items.extend(self.items[after..].iter().map(|i| {
            let mut i = i.clone();
            let r = i.span.range;
            i.span.range = TextRange::new(shift(r.start as u32, delta) as usize, shift(r.end as u32, delta) as usize);
            for p in [&mut i.span.start, &mut i.span.end] {
                p.line = shift(p.line, lines);
                p.line_start = shift(p.line_start, delta);
            }
            i
        }));
        Self { items }
    }

    /// The references of the scanned text: mentions, `subagent_type` and (when `prose`) prose
    /// references anywhere; links, `#file:` references and absolute paths only from
    /// `body_start` on, and links and `#file:` only outside fenced and inline code.
    pub fn references(&self, body_start: usize, prose: bool) -> impl Iterator<Item = &ScanItem> + '_ {
        let mut fence: Option<&str> = None;
        self.items.iter().filter(move |i| {
            let in_body = i.span.range.start >= body_start;
            match i.kind {
                ItemKind::Fence(f) => {
                    if in_body {
                        match fence {
                            None => fence = Some(f),
                            Some(open) if open == f => fence = None,
                            Some(_) => {}
                        }
                    }
                    false
                }
                ItemKind::Suppression { .. } | ItemKind::Secret | ItemKind::Download { .. } => false,
                ItemKind::Ref(RefKind::NaturalLanguage) => prose,
                ItemKind::Ref(RefKind::Link | RefKind::FileRef) => in_body && fence.is_none() && !i.in_code,
                ItemKind::Ref(RefKind::AbsolutePath) => in_body,
                ItemKind::Ref(_) => true,
            }
        })
    }

    /// The inline suppression comments, in order.
    pub fn suppressions(&self) -> impl Iterator<Item = &ScanItem> + '_ {
        self.items.iter().filter(|i| matches!(i.kind, ItemKind::Suppression { .. }))
    }

    /// Every match, in order (tests and the incremental-equals-fresh property).
    pub fn items(&self) -> &[ScanItem] {
        &self.items
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(kind, target, the text at its range)` of every reference in `text`.
    fn refs(text: &str, body_start: usize, prose: bool) -> Vec<(RefKind, String, String)> {
        let scan = BodyScan::new(text, &LineIndex::new(text));
        scan.references(body_start, prose)
            .map(|i| {
                let ItemKind::Ref(k) = i.kind else { unreachable!() };
                (k, i.target.to_string(), i.range().slice(text).to_string())
            })
            .collect()
    }

    #[test]
    fn prose_references_on_lines_that_mention_agents() {
        let text = "---\ndescription: Use the planner agent first\n---\nThen invoke the tester subagent. \
                    Also USE THE Reviewer Agent,\nand run the x\nagent (not one line). An agent.\n";
        let body_start = text.find("Then").unwrap();
        let n = RefKind::NaturalLanguage;
        assert_eq!(
            refs(text, body_start, true),
            [
                (n, "planner".into(), "planner".into()),
                (n, "tester".into(), "tester".into()),
                (n, "Reviewer".into(), "Reviewer".into()),
            ]
        );
        assert!(refs(text, body_start, false).is_empty());
    }

    #[test]
    fn absolute_paths_need_a_separator_before_them() {
        let text = "---\nname: a\n---\n/home/me/x and (`/Users/a/env`) x/home/no but=/mnt/yes, é/root/no /root/ end\n";
        let paths: Vec<_> = refs(text, 15, true).into_iter().map(|(_, t, _)| t).collect();
        assert_eq!(paths, ["/home/me/x", "/Users/a/env", "/mnt/yes"]);
        // A path may start inside a rejected candidate: `x/home/a=/root/b` holds `/root/b`.
        let paths: Vec<_> =
            refs("---\nname: a\n---\nx/home/a=/root/b\n", 15, true).into_iter().map(|(_, t, _)| t).collect();
        assert_eq!(paths, ["/root/b"]);
        // System paths, which shell snippets name, exist on every machine: no finding.
        assert!(refs("---\nname: a\n---\nrm -rf /tmp/x; cat /etc/hosts /usr/bin/env /var/log/y\n", 15, true).is_empty());
    }

    #[test]
    fn links_outside_code_only() {
        let text = "---\nname: a\n---\n[a](a.md) `[b](b.md)`\n```\n[c](c.md)\n```\n[d](d.md) [w](https://x)\n";
        let links: Vec<_> = refs(text, 15, true).into_iter().map(|(_, t, _)| t).collect();
        assert_eq!(links, ["a.md", "d.md"]);
    }

    /// Editing a scan equals scanning the edited text, for edits anywhere.
    #[test]
    fn edited_equals_fresh() {
        let base = "---\nname: a\ndescription: use the b agent\n---\nSee [x](x.md) and @agent-c.\n```\n[y](y.md)\n```\n/home/u/f\r\nlast @agent-d";
        let inserts = ["", "\n", "```\n", "@agent-zz ", "[q](q.md)", "\r", "use the k agent"];
        for at in 0..=base.len() {
            if !base.is_char_boundary(at) {
                continue;
            }
            for del in [0, 1, 5] {
                let end = (at + del).min(base.len());
                for ins in inserts {
                    let new = format!("{}{}{}", &base[..at], ins, &base[end..]);
                    let (old_t, new_t) = (DocText::flat(base), DocText::flat(new.as_str()));
                    let edit = ByteEdit { old: TextRange::new(at, end), new_len: ins.len() };
                    let incremental = BodyScan::new(base, &LineIndex::new(base)).edited(&old_t, &new_t, edit);
                    let fresh = BodyScan::new(&new, &LineIndex::new(&new));
                    assert_eq!(incremental, fresh, "at {at} del {del} ins {ins:?}");
                    for i in fresh.items() {
                        assert_eq!(i.span, Span::new(&new_t, i.range()), "line data at {at} del {del} ins {ins:?}");
                    }
                }
            }
        }
    }
}
