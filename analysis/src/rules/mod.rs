//! Diagnostic rules, one concern per file. Each reads a [`Ctx`] and pushes [`Diagnostic`]s.

mod body;
mod copilot;
mod fields;
mod gemini;
mod handoffs;
mod layout;
mod models;
pub(crate) mod names;
mod opencode;
mod prose;
pub(crate) mod references;
mod security;
pub(crate) mod security_download;
mod security_lines;
mod security_permission;
pub(crate) mod security_secrets;
mod security_tools;
mod tools;
mod yaml;

use crate::knowledge::{knowledge, Detected, Dialect, DialectSpec};
use crate::syntax::Frontmatter;
use crate::{Diagnostic, Snapshot};

/// What every rule may look at.
pub(crate) struct Ctx<'a> {
    /// The document.
    pub snap: &'a Snapshot,
    /// The top of its text, holding the whole frontmatter ([`Snapshot::head`]); every range
    /// in the frontmatter parse lies inside it.
    pub text: &'a str,
    /// Its dialect.
    pub det: &'a Detected,
    /// The dialect's field table.
    pub spec: &'static DialectSpec,
}

impl Ctx<'_> {
    /// True when the configuration's `[knowledge]` declares `name` (in the list `which`
    /// picks) for this file's dialect: it is known, never reported as unknown.
    pub fn declared(&self, which: fn(&crate::config::Extra) -> &Vec<String>, name: &str) -> bool {
        self.snap.config.knows(self.det.dialect, which, name)
    }

    /// True for dialects Claude Code reads (its YAML fallback applies, §0.2).
    pub fn claude_reads(&self) -> bool {
        matches!(self.det.dialect, Dialect::ClaudeAgent | Dialect::ClaudeCommand | Dialect::ClaudeRule | Dialect::Skill)
    }
}

/// Runs every rule on `snap`.
pub(crate) fn run(snap: &Snapshot) -> Vec<Diagnostic> {
    let Some(det) = &snap.detected else {
        return Vec::new();
    };
    let ctx = Ctx { snap, text: &snap.head, det, spec: knowledge().dialect(det.dialect) };
    let mut out = Vec::new();
    layout::check(&ctx, &mut out);
    copilot::location(&ctx, &mut out);
    if let Some(fm) = &snap.parsed.frontmatter {
        yaml::check(&ctx, fm, &mut out);
        fields::check(&ctx, fm, &mut out);
        body::check(&ctx, fm, &mut out);
        prose::check(&ctx, fm, &mut out);
        match det.dialect {
            Dialect::OpencodeAgent | Dialect::OpencodeCommand => opencode::check(&ctx, fm, &mut out),
            Dialect::GeminiAgent => gemini::check(&ctx, fm, &mut out),
            Dialect::CopilotAgent => copilot::check(&ctx, fm, &mut out),
            _ => {}
        }
    }
    security::check(&ctx, snap.parsed.frontmatter.as_ref(), &mut out);
    out
}

/// Runs the semantic validator a field names in the data.
pub(crate) fn run_field_check(
    ctx: &Ctx,
    fm: &Frontmatter,
    entry: &crate::syntax::Entry,
    check: crate::knowledge::FieldCheck,
    out: &mut Vec<Diagnostic>,
) {
    use crate::knowledge::FieldCheck as C;
    match check {
        C::ClaudeAgentName | C::SkillName | C::GeminiName => names::check(ctx, entry, check, out),
        C::ClaudeTools => tools::claude(ctx, entry, true, out),
        C::ClaudeAllowedTools => tools::claude(ctx, entry, false, out),
        C::VscodeTools => tools::vscode(ctx, fm, entry, out),
        C::ClaudeModel => models::claude(ctx, &entry.value, out),
        C::CopilotModel => models::copilot(ctx, &entry.value, out),
        C::OpencodeModel => models::opencode(ctx, &entry.value, out),
        C::Handoffs => handoffs::check(ctx, entry, out),
        C::GithubPermissions | C::Description => {}
    }
}
