//! `name` rules per dialect: Claude subagents (formats.md §1.1.2–§1.1.3), skills (§1.2.3,
//! §2.9, §8.18: Claude Code profile, so Agent Skills rules are warnings), Gemini (§3.2).

use super::Ctx;
use crate::knowledge::FieldCheck;
use crate::syntax::Entry;
use crate::{Diagnostic, Severity};

pub(super) fn check(ctx: &Ctx, entry: &Entry, check: FieldCheck, out: &mut Vec<Diagnostic>) {
    let Some(name) = entry.value.as_str() else {
        return;
    };
    let range = entry.value.range;
    let slug = |extra: &[char]| {
        name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || extra.contains(&c))
    };
    match check {
        FieldCheck::ClaudeAgentName => {
            // Claude Code 2.1.328 (oracle): such a project agent is dropped; a plugin agent loads.
            let (fate, severity) = if ctx.det.plugin.is_some() {
                (
                    "Claude Code loads this plugin agent, but project agents with such a name are dropped",
                    Severity::Warning,
                )
            } else {
                ("Claude Code skips the agent", Severity::Error)
            };
            if name.starts_with('-') {
                out.push(
                    Diagnostic::new("invalid-name", range, format!("`{name}` starts with `-`: {fate}"))
                        .with_severity(severity),
                );
            } else if name.contains(':') {
                out.push(
                    Diagnostic::new(
                        "invalid-name",
                        range,
                        format!("`{name}` contains `:`, which is reserved for plugin-scoped ids: {fate}"),
                    )
                    .with_severity(severity),
                );
            } else if !slug(&[]) {
                out.push(
                    Diagnostic::new("invalid-name", range, format!("`{name}`: Claude Code documents names as lowercase letters, digits and hyphens (e.g. `{}`)", to_slug(name)))
                        .with_severity(Severity::Warning),
                );
            }
        }
        FieldCheck::GeminiName if !slug(&['_']) || name.is_empty() => {
            out.push(Diagnostic::new("invalid-name", range, format!("`{name}` is not a valid Gemini CLI agent name: use lowercase letters, digits, `-` and `_` (e.g. `{}`)", to_slug(name))));
        }
        FieldCheck::SkillName => skill_name(ctx, name, range, out),
        _ => {}
    }
}

fn skill_name(ctx: &Ctx, name: &str, range: crate::text::TextRange, out: &mut Vec<Diagnostic>) {
    let warn = |msg: String| Diagnostic::new("invalid-name", range, msg).with_severity(Severity::Warning);
    if name.chars().any(char::is_uppercase) {
        out.push(warn(format!("Skill name `{name}` must be lowercase (Agent Skills)")));
    } else if name.starts_with('-') || name.ends_with('-') {
        out.push(warn(format!("Skill name `{name}` cannot start or end with a hyphen (Agent Skills)")));
    } else if name.contains("--") {
        out.push(warn(format!("Skill name `{name}` cannot contain consecutive hyphens (Agent Skills)")));
    } else if !name.chars().all(|c| c.is_alphanumeric() || c == '-') {
        out.push(warn(format!(
            "Skill name `{name}` may contain only lowercase letters, digits and hyphens (Agent Skills)"
        )));
    }
    if name.chars().count() > 64 {
        out.push(warn(format!("Skill name `{name}` exceeds the 64 character limit (Agent Skills)")));
    }
    if crate::knowledge::knowledge().builtin_agents.claude_commands.iter().any(|c| c == name) {
        out.push(warn(format!(
            "`/{name}` is a built-in Claude Code command: a skill with this name clashes with it, so `/{name}` may not run the skill; choose another name"
        )));
    }
    let folder = ctx.snap.path.as_deref().and_then(|p| p.parent()).and_then(|p| p.file_name()).and_then(|f| f.to_str());
    if let Some(folder) = folder {
        if folder != name {
            out.push(Diagnostic::new(
                "name-dir-mismatch",
                range,
                format!("The skill name `{name}` should match the folder name `{folder}`; the command name comes from the folder"),
            ));
        }
    }
}

/// A lowercase-hyphen version of `name` for suggestions: words split at anything that is not
/// a letter or digit and at camelCase boundaries (`SEO Expert` → `seo-expert`,
/// `codeReviewer` → `code-reviewer`, `XMLParser` → `xml-parser`).
pub(crate) fn to_slug(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1);
        let boundary = c.is_ascii_uppercase()
            && (prev.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit())
                || (prev.is_some_and(|p| p.is_ascii_uppercase()) && next.is_some_and(char::is_ascii_lowercase)));
        if boundary && !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        out.push(c.to_ascii_lowercase());
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::to_slug;

    #[test]
    fn slugs() {
        assert_eq!(to_slug("SEO Expert"), "seo-expert");
        assert_eq!(to_slug("codeReviewer"), "code-reviewer");
        assert_eq!(to_slug("XMLParser"), "xml-parser");
        assert_eq!(to_slug("Docs_Writer"), "docs-writer");
        assert_eq!(to_slug("API v2 helper"), "api-v2-helper");
    }
}
