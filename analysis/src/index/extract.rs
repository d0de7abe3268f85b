//! Finding references: in frontmatter values (by dialect) and in bodies (regular expressions,
//! formats.md §4.3; fenced code is skipped for links only).

use std::sync::OnceLock;

use regex::Regex;

use super::span::Span;
use super::summary::{FileSummary, RefKind, Reference};
use crate::knowledge::tools::{classify_vscode_tool, is_mcp_tool, VsCodeToolVerdict};
use crate::knowledge::Dialect;
use crate::syntax::{Parsed, Value, ValueKind};
use crate::text::{LineIndex, TextRange};
use crate::values::{inner_range, list_entries};

/// The file references are read from: its text and line table.
#[derive(Clone, Copy)]
pub(super) struct Source<'a> {
    /// The whole file.
    pub text: &'a str,
    /// Its line table.
    pub line_index: &'a LineIndex,
}

fn push(out: &mut Vec<Reference>, kind: RefKind, target: &str, range: TextRange, src: Source) {
    if !target.is_empty() {
        let verbatim = range.slice(src.text) == target;
        out.push(Reference {
            kind,
            target: target.to_string(),
            span: Span::new(src.text, src.line_index, range),
            verbatim,
        });
    }
}

/// References written in the frontmatter.
pub(super) fn frontmatter_refs(parsed: &Parsed, dialect: Dialect, src: Source, out: &mut FileSummary) {
    let text = src.text;
    let Some(fm) = &parsed.frontmatter else { return };
    let refs = &mut out.references;
    let scalar = |v: &Value| v.as_str().map(|s| (s.trim().to_string(), inner_range(v, text)));
    for e in &fm.entries {
        match (dialect, e.key.as_str()) {
            (Dialect::CopilotAgent | Dialect::CopilotPrompt, "handoffs") => {
                let ValueKind::Sequence(items) = &e.value.kind else { continue };
                for item in items {
                    for p in item.as_mapping().unwrap_or_default() {
                        if p.key == "agent" || p.key == "target" {
                            if let Some((t, r)) = scalar(&p.value) {
                                push(refs, RefKind::HandoffAgent, &t, r, src);
                            }
                        }
                    }
                }
            }
            (Dialect::CopilotAgent, "agents") => {
                for (t, r) in list_entries(&e.value, text) {
                    if t != "*" {
                        push(refs, RefKind::AgentsItem, &t, r, src);
                    }
                }
            }
            (Dialect::CopilotPrompt, "agent" | "mode") => {
                if let Some((t, r)) = scalar(&e.value) {
                    push(refs, RefKind::PromptAgent, &t, r, src);
                }
            }
            (Dialect::Skill | Dialect::ClaudeCommand, "agent") => {
                if let Some((t, r)) = scalar(&e.value) {
                    push(refs, RefKind::SkillAgent, &t, r, src);
                }
            }
            (Dialect::OpencodeCommand, "agent") => {
                if let Some((t, r)) = scalar(&e.value) {
                    push(refs, RefKind::OpencodeAgent, &t, r, src);
                }
            }
            (Dialect::ClaudeAgent, "skills") => {
                for (t, r) in list_entries(&e.value, text) {
                    push(refs, RefKind::SkillsItem, &t, r, src);
                }
            }
            (Dialect::ClaudeAgent, "tools" | "disallowedTools")
            | (Dialect::Skill | Dialect::ClaudeCommand, "allowed-tools" | "disallowed-tools") => {
                for (t, r) in list_entries(&e.value, text) {
                    claude_tool_refs(&t, r, src, refs);
                }
            }
            (Dialect::CopilotAgent | Dialect::CopilotPrompt, "tools") => {
                for (t, r) in list_entries(&e.value, text) {
                    if let Some((server, _)) = t.split_once('/') {
                        if matches!(classify_vscode_tool(&t), VsCodeToolVerdict::External) && !server.contains('.') {
                            push(refs, RefKind::McpServer, server, sub_range(src, r, &t, 0, server.len()), src);
                        }
                    }
                }
            }
            (Dialect::ClaudeAgent, "mcpServers") => {
                for item in crate::values::items(&e.value) {
                    match &item.kind {
                        ValueKind::Scalar(s) => {
                            push(refs, RefKind::McpServer, s.text.trim(), inner_range(item, text), src)
                        }
                        ValueKind::Mapping(m) => out.mcp_servers.extend(m.iter().map(|p| p.key.clone())),
                        _ => {}
                    }
                }
            }
            (Dialect::CopilotAgent, "mcp-servers") | (Dialect::GeminiAgent, "mcpServers") => {
                out.mcp_servers.extend(e.value.as_mapping().unwrap_or_default().iter().map(|p| p.key.clone()));
            }
            _ => {}
        }
    }
}

/// The range of `entry[from..from + len]` when `range` holds `entry` verbatim; else the whole
/// `range` (an escaped or folded scalar: offsets inside the decoded text do not map to the
/// source).
fn sub_range(src: Source, range: TextRange, entry: &str, from: usize, len: usize) -> TextRange {
    if range.slice(src.text) == entry {
        TextRange::new(range.start + from, range.start + from + len)
    } else {
        range
    }
}

/// `Agent(a, b)` / `Task(a)` → agent references; `mcp__srv__x` → server reference.
fn claude_tool_refs(entry: &str, range: TextRange, src: Source, refs: &mut Vec<Reference>) {
    if let Some(rest) = entry.strip_prefix("mcp__") {
        if is_mcp_tool(entry) && rest != "*" {
            let server = rest.split("__").next().unwrap_or(rest);
            push(refs, RefKind::McpServer, server, sub_range(src, range, entry, 5, server.len()), src);
        }
        return;
    }
    let (Some(open), Some(close)) = (entry.find('('), entry.rfind(')')) else { return };
    let name = entry[..open].trim();
    if name != "Agent" && name != "Task" {
        return;
    }
    let inner = &entry[open + 1..close];
    let mut offset = open + 1;
    for piece in inner.split(',') {
        let lead = piece.len() - piece.trim_start().len();
        let t = piece.trim();
        push(refs, RefKind::AgentTool, t, sub_range(src, range, entry, offset + lead, t.len()), src);
        offset += piece.len() + 1;
    }
}

struct BodyPatterns {
    mention: Regex,
    mention_quoted: Regex,
    subagent_type: Regex,
    natural: Regex,
    link: Regex,
    file_ref: Regex,
    absolute: Regex,
    agent_word: Regex,
}

fn patterns() -> &'static BodyPatterns {
    static P: OnceLock<BodyPatterns> = OnceLock::new();
    P.get_or_init(|| BodyPatterns {
        mention: Regex::new(r"@agent-([A-Za-z0-9][\w.:-]*[\w])").unwrap(),
        mention_quoted: Regex::new(r#"@"([^"\n]+) \(agent\)""#).unwrap(),
        subagent_type: Regex::new(r#"["']?subagent_type["']?\s*[:=]\s*["']([^"'\n]+)["']"#).unwrap(),
        // ASCII word boundaries keep the regex on its fast engines (Unicode `\b` does not).
        natural: Regex::new(
            r"(?i)(?-u:\b)(?:use|launch|engage|invoke|have|run|delegate to|hand off to) the ([A-Za-z0-9_-]+) (?:sub-?agent|agent)(?-u:\b)",
        )
        .unwrap(),
        link: Regex::new(r"!?\[[^\]\n]*\]\(([^)\s]+)(?:\s+[^)]*)?\)").unwrap(),
        file_ref: Regex::new(r"#file:([^\s)`'\x22,]+)").unwrap(),
        // Only the literal start of an absolute path (a fast literal search); the character
        // before it and the rest of the path are read by `absolute_paths`.
        absolute: Regex::new(r"/(?:home|Users|opt|usr|var|etc|tmp|root|mnt|srv|private|Volumes)/").unwrap(),
        agent_word: Regex::new(r"(?i)agent").unwrap(),
    })
}

/// References in the body (and, for mentions and prose, in the frontmatter's description too).
pub(super) fn body_refs(body_start: usize, dialect: Dialect, src: Source, refs: &mut Vec<Reference>) {
    let p = patterns();
    let all = src.text;
    let claude_like =
        matches!(dialect, Dialect::ClaudeAgent | Dialect::ClaudeCommand | Dialect::Skill | Dialect::ClaudeRule);
    let capture = |re: &Regex, hay_start: usize, hay: &str, kind: RefKind, refs: &mut Vec<Reference>| {
        for c in re.captures_iter(hay) {
            let m = c.get(1).expect("group 1");
            push(refs, kind, m.as_str(), TextRange::new(hay_start + m.start(), hay_start + m.end()), src);
        }
    };
    // Each pattern runs only when its literal part occurs at all (memchr is far cheaper than a
    // regex scan). Mentions and prose also appear in descriptions (the `/agents` generator's
    // <example> blocks), so they are searched in the whole text.
    let has = |needle: &str, hay: &str| memchr::memmem::find(hay.as_bytes(), needle.as_bytes()).is_some();
    if has("@agent-", all) {
        capture(&p.mention, 0, all, RefKind::Mention, refs);
    }
    if has("(agent)", all) {
        capture(&p.mention_quoted, 0, all, RefKind::Mention, refs);
    }
    if has("subagent_type", all) {
        capture(&p.subagent_type, 0, all, RefKind::SubagentType, refs);
    }
    if claude_like || dialect == Dialect::CopilotAgent {
        // A prose reference lies on one line and contains "agent": only such lines are matched.
        let mut line_end = 0;
        for m in p.agent_word.find_iter(all) {
            if m.start() < line_end {
                continue;
            }
            let line_start = all[..m.start()].rfind('\n').map_or(0, |i| i + 1);
            line_end = all[m.end()..].find('\n').map_or(all.len(), |i| m.end() + i);
            capture(&p.natural, line_start, &all[line_start..line_end], RefKind::NaturalLanguage, refs);
        }
    }
    let body = &all[body_start.min(all.len())..];
    absolute_paths(&p.absolute, body_start, body, src, refs);
    let (links, file_refs) = (has("](", body), has("#file:", body));
    if !links && !file_refs {
        refs.sort_by_key(|r| r.span.range.start);
        return;
    }
    // Links and #file: outside fenced code blocks and inline code.
    let mut in_fence: Option<&str> = None;
    let mut line_start = body_start;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let fence = ["```", "~~~"].into_iter().find(|f| trimmed.starts_with(f));
        match (in_fence, fence) {
            (None, Some(f)) => in_fence = Some(f),
            (Some(open), Some(f)) if open == f => in_fence = None,
            (None, None) if (links && has("](", line)) || (file_refs && has("#file:", line)) => {
                let code = inline_code_spans(line);
                let in_code = |i: usize| code.iter().any(|(a, b)| *a <= i && i < *b);
                for c in p.link.captures_iter(line) {
                    let m = c.get(1).expect("group 1");
                    let target = m.as_str();
                    let external = target.contains("://")
                        || target.starts_with("mailto:")
                        || target.starts_with('#')
                        || target.starts_with('<');
                    if !external && !in_code(m.start()) {
                        push(
                            refs,
                            RefKind::Link,
                            target,
                            TextRange::new(line_start + m.start(), line_start + m.end()),
                            src,
                        );
                    }
                }
                for c in p.file_ref.captures_iter(line) {
                    let m = c.get(1).expect("group 1");
                    if !in_code(m.start()) {
                        push(
                            refs,
                            RefKind::FileRef,
                            m.as_str(),
                            TextRange::new(line_start + m.start(), line_start + m.end()),
                            src,
                        );
                    }
                }
            }
            _ => {}
        }
        line_start += line.len();
    }
    refs.sort_by_key(|r| r.span.range.start);
}

/// Absolute paths in `body` (offset `body_start` in the document) that start the body or
/// follow a blank, `(`, a backquote, a quote or `=`, up to the next blank or one of
/// `` )`'"<>,; `` (formats.md §4.3). Linear: each byte is looked at a bounded number of times.
fn absolute_paths(re: &Regex, body_start: usize, body: &str, src: Source, refs: &mut Vec<Reference>) {
    let is_end = |c: char| c.is_whitespace() || ")`'\"<>,;".contains(c);
    let mut at = 0;
    while let Some(m) = re.find_at(body, at) {
        at = m.end();
        let before = body[..m.start()].chars().next_back();
        if !before.is_none_or(|c| c.is_whitespace() || "(`'\"=".contains(c)) {
            // Not a path start; no other start lies inside the literal (`/` after a letter).
            continue;
        }
        let end = body[m.end()..].find(is_end).map_or(body.len(), |i| m.end() + i);
        if end == m.end() {
            continue; // `/home/` alone names no file
        }
        let range = TextRange::new(body_start + m.start(), body_start + end);
        push(refs, RefKind::AbsolutePath, &body[m.start()..end], range, src);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// `(kind, target, the text at its range)` of every body reference in `text`.
    fn refs(text: &str, body_start: usize, dialect: Dialect) -> Vec<(RefKind, String, String)> {
        let index = LineIndex::new(text);
        let mut out = Vec::new();
        body_refs(body_start, dialect, Source { text, line_index: &index }, &mut out);
        out.into_iter().map(|r| (r.kind, r.target, r.span.range.slice(text).to_string())).collect()
    }

    #[test]
    fn prose_references_on_lines_that_mention_agents() {
        let text = "---\ndescription: Use the planner agent first\n---\nThen invoke the tester subagent. \
                    Also USE THE Reviewer Agent,\nand run the x\nagent (not one line). An agent.\n";
        let body_start = text.find("Then").unwrap();
        let found = refs(text, body_start, Dialect::ClaudeAgent);
        let n = RefKind::NaturalLanguage;
        assert_eq!(
            found,
            [
                (n, "planner".into(), "planner".into()),
                (n, "tester".into(), "tester".into()),
                (n, "Reviewer".into(), "Reviewer".into()),
            ]
        );
        // Prompt files do not name agents in prose.
        assert!(refs(text, body_start, Dialect::CopilotPrompt).is_empty());
    }

    #[test]
    fn absolute_paths_need_a_separator_before_them() {
        let text = "---\nname: a\n---\n/home/me/x and (`/usr/bin/env`) x/home/no but=/opt/yes, é/tmp/no /var/ end\n";
        let paths: Vec<_> = refs(text, 15, Dialect::ClaudeAgent).into_iter().map(|(_, t, _)| t).collect();
        assert_eq!(paths, ["/home/me/x", "/usr/bin/env", "/opt/yes"]);
        // A path may start inside a rejected candidate: `x/home/a=/usr/b` holds `/usr/b`.
        let text = "---\nname: a\n---\nx/home/a=/usr/b\n";
        let paths: Vec<_> = refs(text, 15, Dialect::ClaudeAgent).into_iter().map(|(_, t, _)| t).collect();
        assert_eq!(paths, ["/usr/b"]);
    }
}
