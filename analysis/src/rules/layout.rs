//! File-shape rules: missing, misplaced or unclosed frontmatter, merge-conflict markers, and the
//! legacy `.chatmode.md` kind (formats.md §0.1, §2.1, §8.2–§8.5).

use super::yaml::reading;
use super::Ctx;
use crate::knowledge::{DataSeverity, Dialect};
use crate::syntax::LayoutProblem;
use crate::text::TextRange;
use crate::Diagnostic;

pub(super) fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let top = &ctx.snap.parsed.top;
    if let (Some(e), true) = (reading(ctx, |r| r.bom.as_ref()), ctx.text.starts_with('\u{feff}')) {
        let range = first_line(ctx.text);
        out.push(
            Diagnostic::new(
                "misplaced-frontmatter",
                range,
                format!("the file starts with a byte order mark: {}; save it without one", e.effect),
            )
            .with_effect(e),
        );
    }
    let conflict = reading(ctx, |r| r.merge_conflict.as_ref());
    for &marker in &top.conflict_markers {
        let d = match conflict {
            Some(e) => Diagnostic::new(
                "merge-conflict",
                marker,
                format!("merge-conflict marker: resolve the conflict; {}", e.effect),
            )
            .with_effect(e),
            None => Diagnostic::new(
                "merge-conflict",
                marker,
                "merge-conflict marker: resolve the conflict; no tool can read this frontmatter",
            ),
        };
        out.push(d);
    }
    if let Some((problem, range)) = top.problem {
        let code = match problem {
            LayoutProblem::Unclosed | LayoutProblem::ClosedWithDots => "unclosed-frontmatter",
            _ => "misplaced-frontmatter",
        };
        let d = match reading(ctx, |r| r.misplaced.as_ref()) {
            Some(e) => Diagnostic::new(code, range, format!("{}; {}", problem.message(), e.effect)).with_effect(e),
            None => Diagnostic::new(
                code,
                range,
                format!("{}; {} does not read it as frontmatter", problem.message(), ctx.spec.consumer),
            ),
        };
        out.push(d);
    } else if top.frontmatter.is_none()
        && top.conflict_markers.is_empty()
        && ctx.spec.requires_frontmatter
        && !ctx.det.chatmode
    {
        // (A `.chatmode.md` without a header loads under its file name in VS Code 1.139.1; only
        // VS Code reads chat modes.)
        let first_line = first_line(ctx.text);
        let start = format!("Start the file with a `---` block{}", required_hint(ctx));
        let d = match reading(ctx, |r| r.missing.as_ref()) {
            Some(e) => Diagnostic::new(
                "missing-frontmatter",
                first_line,
                format!("{} file without frontmatter: {}. {start}", ctx.spec.name, e.effect),
            )
            .with_effect(e),
            None => Diagnostic::new(
                "missing-frontmatter",
                first_line,
                format!("{} file without frontmatter: {} skips it. {start}", ctx.spec.name, ctx.spec.consumer),
            ),
        };
        out.push(d);
    }
    if ctx.det.chatmode {
        let range = top.frontmatter.as_ref().map_or_else(|| first_line(ctx.text), |f| f.open);
        out.push(Diagnostic::new(
            "deprecated-field",
            range,
            "Chat modes have been renamed to agents: rename this file to `.agent.md` and move it to `.github/agents/` (VS Code 1.139.1 still loads it)",
        )
        // A legacy name that still works (VS Code 1.139.1 loads it, oracle): information.
        .with_severity(DataSeverity::Information));
    }
}

fn required_hint(ctx: &Ctx) -> String {
    let req: Vec<&str> = ctx.spec.fields.iter().filter(|f| f.required).map(|f| f.key.as_str()).collect();
    if req.is_empty() || ctx.det.dialect == Dialect::CopilotAgent {
        String::new()
    } else {
        format!(" with {}", crate::values::quoted_list(&req))
    }
}

/// The first line's content range (empty at 0 for an empty file).
fn first_line(text: &str) -> TextRange {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let end = text[start..].find(['\n', '\r']).map_or(text.len(), |i| start + i);
    TextRange::new(start, end)
}
