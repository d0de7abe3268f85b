//! Rules on the prose of a Claude `description`: "the Task tool" names the tool by its legacy
//! name (formats.md §5 seed 001, §8.8: information).

use super::Ctx;
use crate::syntax::Frontmatter;
use crate::text::TextRange;
use crate::{Diagnostic, Severity};

pub(super) fn check(ctx: &Ctx, fm: &Frontmatter, out: &mut Vec<Diagnostic>) {
    if !ctx.claude_reads() {
        return;
    }
    let Some(desc) = fm.get("description") else {
        return;
    };
    let raw = desc.value.range.slice(ctx.text);
    let bytes = raw.as_bytes();
    for (i, _) in raw.match_indices("Task tool") {
        let boundary = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
        if boundary {
            let start = desc.value.range.start + i;
            out.push(
                Diagnostic::new(
                    "renamed-tool",
                    TextRange::new(start, start + 4),
                    "the description names the `Task` tool, renamed to `Agent` in Claude Code v2.1.63 (still accepted as an alias)",
                )
                .with_severity(Severity::Information),
            );
        }
    }
}
