//! Body rules: the GitHub cloud agent's 30,000-character limit (formats.md §2.5).

use super::Ctx;
use crate::syntax::Frontmatter;
use crate::text::TextRange;
use crate::Diagnostic;

pub(super) fn check(ctx: &Ctx, _fm: &Frontmatter, out: &mut Vec<Diagnostic>) {
    let Some(max) = ctx.spec.max_body_chars else {
        return;
    };
    let text = &ctx.snap.text;
    let start = ctx.snap.body_start();
    let Some(from) = text.char_after(start, max) else {
        return;
    };
    let total = text.chars_from(start);
    out.push(Diagnostic::new(
        "body-too-long",
        TextRange::new(from, text.line_content_at(from).end.max(from)),
        format!("the body is {total} characters long; the GitHub cloud agent keeps only the first {max}"),
    ));
}
