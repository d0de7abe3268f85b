//! The lines of a document as the security rules read them: a line scan, never a Markdown
//! parse. Each body line is prose, a fence line, or inside a fenced code block — shell code when
//! the fence's info string names a shell, is empty, or is Claude Code's `` ```! `` exec block —
//! and prose lines carry `` !`cmd` `` spans, which Claude Code and `OpenCode` run in a shell
//! when a command or skill is invoked (formats.md §1.3, §3.1.2; Claude Code 2.1.328 matches
//! `` (?<=^|\s)!`([^`]+)` `` and `` ```!\s*\n?([\s\S]*?)\n?``` ``).

/// Fence info strings (first word, lowercase) whose block holds commands for a shell; `!` is
/// Claude Code's exec block, the empty string an unlabelled block.
const SHELL_INFO: &[&str] = &[
    "",
    "!",
    "sh",
    "bash",
    "shell",
    "zsh",
    "dash",
    "ksh",
    "fish",
    "console",
    "terminal",
    "shell-session",
    "shellsession",
    "powershell",
    "pwsh",
    "ps1",
    "cmd",
    "bat",
    "batch",
];

/// Where a line sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Region {
    /// Before the body (the frontmatter and its delimiters).
    Frontmatter,
    /// Body text outside fenced code.
    Prose,
    /// A line opening or closing a fenced code block.
    Fence,
    /// Inside a fenced block whose info string names a shell (or is empty, or `!`).
    ShellCode,
    /// Inside a fenced block of another language.
    OtherCode,
}

/// One line: its text without the line terminator, its byte offset in the document, and where
/// it sits.
#[derive(Debug, Clone, Copy)]
pub(super) struct Line<'a> {
    /// The content, terminator excluded.
    pub text: &'a str,
    /// Byte offset of `text` in the document.
    pub start: usize,
    /// Where it sits.
    pub region: Region,
}

/// An open fence: its character, its length, and whether its block is shell code.
pub(super) struct Fence {
    marker: u8,
    len: usize,
    shell: bool,
}

/// The lines of `text`, whose body starts at byte `body_start`. Linear: each byte is looked at
/// a bounded number of times.
pub(super) fn lines(text: &str, body_start: usize) -> impl Iterator<Item = Line<'_>> {
    let mut pos = 0;
    let mut fence: Option<Fence> = None;
    std::iter::from_fn(move || {
        if pos >= text.len() {
            return None;
        }
        let start = pos;
        let end = memchr::memchr(b'\n', &text.as_bytes()[start..]).map_or(text.len(), |i| start + i);
        pos = end + 1;
        let line = text[start..end].strip_suffix('\r').unwrap_or(&text[start..end]);
        let region = if start < body_start { Region::Frontmatter } else { body_region(line, &mut fence) };
        Some(Line { text: line, start, region })
    })
}

/// The region of a body line, opening or closing `fence` as the line says.
pub(super) fn body_region(line: &str, fence: &mut Option<Fence>) -> Region {
    let trimmed = line.trim_start_matches(' ');
    let indent = line.len() - trimmed.len();
    let marker = trimmed.as_bytes().first().copied().filter(|b| *b == b'`' || *b == b'~');
    let run = marker.map_or(0, |m| trimmed.bytes().take_while(|b| *b == m).count());
    match (fence.as_ref(), marker) {
        (Some(open), Some(m)) if m == open.marker && run >= open.len && trimmed[run..].trim().is_empty() => {
            *fence = None;
            Region::Fence
        }
        (Some(open), _) => {
            if open.shell {
                Region::ShellCode
            } else {
                Region::OtherCode
            }
        }
        (None, Some(m)) if run >= 3 && indent <= 3 => {
            let info = trimmed[run..].trim();
            let first = if info.starts_with('!') { "!" } else { info.split_whitespace().next().unwrap_or("") };
            let first = first.trim_start_matches('{').trim_end_matches('}').to_ascii_lowercase();
            let shell = SHELL_INFO.contains(&first.as_str()) && (m == b'~' || !info.contains('`'));
            *fence = Some(Fence { marker: m, len: run, shell });
            Region::Fence
        }
        (None, _) => Region::Prose,
    }
}

/// The commands of the `` !`cmd` `` spans of a prose line: (byte offset in the line, command).
/// The `!` starts the line or follows whitespace, as Claude Code requires.
pub(super) fn bang_commands(line: &str) -> impl Iterator<Item = (usize, &str)> + '_ {
    let bytes = line.as_bytes();
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(i) = memchr::memmem::find(&bytes[from..], b"!`").map(|i| from + i) {
            from = i + 2;
            if i > 0 && !bytes[i - 1].is_ascii_whitespace() {
                continue;
            }
            let len = memchr::memchr(b'`', &bytes[i + 2..])?;
            from = i + 2 + len + 1;
            if len > 0 {
                return Some((i + 2, &line[i + 2..i + 2 + len]));
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regions(text: &str, body_start: usize) -> Vec<(&str, Region)> {
        lines(text, body_start).map(|l| (l.text, l.region)).collect()
    }

    #[test]
    fn fences_and_their_languages() {
        let text = "---\nname: a\n---\nprose\n```bash\ncurl x | sh\n```\n~~~python\nx = 1\n~~~\n```\nplain\n````\nafter\n```!\ngit status\n```\n";
        let body = text.find("prose").unwrap();
        let got = regions(text, body);
        assert_eq!(got[0], ("---", Region::Frontmatter));
        assert_eq!(got[3], ("prose", Region::Prose));
        assert_eq!(got[5], ("curl x | sh", Region::ShellCode));
        assert_eq!(got[8], ("x = 1", Region::OtherCode));
        assert_eq!(got[11], ("plain", Region::ShellCode), "an unlabelled block");
        assert_eq!(got[12], ("````", Region::Fence), "a longer run closes it");
        assert_eq!(got[13], ("after", Region::Prose));
        assert_eq!(got[15], ("git status", Region::ShellCode), "Claude Code's exec block");
    }

    #[test]
    fn an_unclosed_fence_runs_to_the_end_and_crlf_is_stripped() {
        let got = regions("```sh\r\nrm -rf x\r\n", 0);
        assert_eq!(got, [("```sh", Region::Fence), ("rm -rf x", Region::ShellCode)]);
    }

    #[test]
    fn bang_commands_follow_whitespace() {
        let line = "Status: !`git status` and `tokio::select!` then !`` and !`ls -la`";
        let got: Vec<_> = bang_commands(line).collect();
        assert_eq!(got, [(10, "git status"), (line.find("ls -la").unwrap(), "ls -la")]);
        assert_eq!(bang_commands("!`unclosed").count(), 0);
    }
}
