//! Body rules: the GitHub cloud agent's 30,000-character limit (formats.md §2.5).

use super::Ctx;
use crate::syntax::Frontmatter;
use crate::text::TextRange;
use crate::Diagnostic;

pub(super) fn check(ctx: &Ctx, _fm: &Frontmatter, out: &mut Vec<Diagnostic>) {
    let Some(max) = ctx.spec.max_body_chars else {
        return;
    };
    let start = ctx.snap.parsed.top.body_start;
    let body = &ctx.text[start..];
    let Some((cut, _)) = body.char_indices().nth(max) else {
        return;
    };
    let total = body.chars().count();
    let from = start + cut;
    let line_end = ctx.text[from..].find(['\n', '\r']).map_or(ctx.text.len(), |i| from + i);
    out.push(Diagnostic::new(
        "body-too-long",
        TextRange::new(from, line_end.max(from)),
        format!("the body is {total} characters long; the GitHub cloud agent keeps only the first {max}"),
    ));
}
