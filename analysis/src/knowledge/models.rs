//! Model names: Claude Code aliases and ids (formats.md §1.1.7, §8.17) and Copilot display
//! names (§2.11, §8.16).

use super::{knowledge, ClaudeModelAlias, CopilotModel};

/// What a Claude Code `model:` value is.
#[derive(Debug, Clone, PartialEq)]
pub enum ClaudeModelVerdict {
    /// `sonnet`, `opus`, `haiku`, `fable`, `inherit`.
    Alias(&'static ClaudeModelAlias),
    /// A `/model` alias a subagent does not follow (`opusplan`: a subagent always runs Sonnet,
    /// Claude Code 2.1.328, oracle).
    SessionAlias(&'static ClaudeModelAlias),
    /// A well-formed full id (`claude-opus-4-5`, `claude-sonnet-4-5-20250929`, `claude-3-5-haiku-latest`).
    FullId,
    /// A Copilot display name; `alias` is the Claude alias to use instead.
    CopilotName {
        /// The matching Claude alias.
        alias: Option<String>,
    },
    /// Neither; `suggestion` is the likely intended value.
    Unknown {
        /// A corrected id or alias.
        suggestion: Option<String>,
    },
}

fn is_date(s: &str) -> bool {
    s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit())
}

fn is_num(s: &str) -> bool {
    !s.is_empty() && s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit())
}

/// `claude-<family>-<major>[-<minor>][-<yyyymmdd>][[1m]]` or the legacy
/// `claude-3[-5|-7]-<family>[-<yyyymmdd>|-latest]`.
fn is_claude_id(id: &str, families: &[String]) -> bool {
    let id = id.strip_suffix("[1m]").unwrap_or(id);
    let parts: Vec<&str> = id.split('-').collect();
    if parts.first() != Some(&"claude") || parts.len() < 3 {
        return false;
    }
    if families.iter().any(|f| f == parts[1]) {
        let rest = &parts[2..];
        return match rest {
            [m] => is_num(m),
            [m, x] => is_num(m) && (is_num(x) || is_date(x)),
            [m, n, d] => is_num(m) && is_num(n) && is_date(d),
            _ => false,
        };
    }
    let legacy_family = |f: &str| matches!(f, "opus" | "sonnet" | "haiku");
    let tail_ok = |t: &[&str]| matches!(t, [] | ["latest"]) || matches!(t, [d] if is_date(d));
    match &parts[1..] {
        ["3", "5" | "7", f, tail @ ..] if legacy_family(f) => tail_ok(tail),
        ["3", f, tail @ ..] => legacy_family(f) && tail_ok(tail),
        _ => false,
    }
}

/// Classifies a Claude Code model value.
///
/// Claude Code 2.1.328 matches aliases ignoring case and reads any alias with `[1m]` appended
/// (`Bj()` in its binary; `Opus`, `haiku[1m]`, `best[1m]` resolve — oracle drift check).
pub fn classify_claude_model(value: &str) -> ClaudeModelVerdict {
    let m = &knowledge().models;
    let lower = value.trim().to_lowercase();
    let base = lower.strip_suffix("[1m]").unwrap_or(&lower);
    let find = |list: &'static [ClaudeModelAlias]| list.iter().find(|a| a.name == lower || a.name == base);
    if let Some(a) = find(&m.claude_alias) {
        return ClaudeModelVerdict::Alias(a);
    }
    if let Some(a) = find(&m.claude_session_alias) {
        return ClaudeModelVerdict::SessionAlias(a);
    }
    if is_claude_id(value, &m.claude_families) {
        return ClaudeModelVerdict::FullId;
    }
    if let Some(c) = find_copilot(value) {
        return ClaudeModelVerdict::CopilotName { alias: c.claude_alias.clone() };
    }
    ClaudeModelVerdict::Unknown { suggestion: suggest_claude(value, &m.claude_families) }
}

/// Repairs common mistakes: wrong case, `.` for `-`, family after the version
/// (`claude-4-5-opus` → `claude-opus-4-5`), `claude-sonnet` → `sonnet`.
fn suggest_claude(value: &str, families: &[String]) -> Option<String> {
    let lower = value.trim().to_lowercase().replace(['.', '_', ' '], "-");
    let m = &knowledge().models;
    if let Some(a) = m.claude_alias.iter().find(|a| a.name == lower) {
        return Some(a.name.clone());
    }
    if is_claude_id(&lower, families) {
        return Some(lower);
    }
    let parts: Vec<&str> = lower.split('-').filter(|p| !p.is_empty()).collect();
    let family = parts.iter().find(|p| families.iter().any(|f| f == *p))?;
    let numbers: Vec<&str> = parts.iter().copied().filter(|p| is_num(p) || is_date(p)).collect();
    if numbers.is_empty() {
        return m.claude_alias.iter().find(|a| a.name == *family).map(|a| a.name.clone());
    }
    let candidate = format!("claude-{family}-{}", numbers.join("-"));
    is_claude_id(&candidate, families).then_some(candidate)
}

/// Splits `Name (vendor)` into its parts.
pub fn split_qualified(value: &str) -> (&str, Option<&str>) {
    let v = value.trim();
    if let Some(open) = v.rfind(" (") {
        if let Some(vendor) = v[open + 2..].strip_suffix(')') {
            return (&v[..open], Some(vendor));
        }
    }
    (v, None)
}

fn find_copilot(value: &str) -> Option<&'static CopilotModel> {
    let (name, _) = split_qualified(value);
    knowledge().models.copilot.iter().find(|c| c.name == name)
}

/// What a Copilot / VS Code `model:` value is.
#[derive(Debug, Clone, PartialEq)]
pub enum CopilotModelVerdict {
    /// A known display name, bare or qualified.
    Known(&'static CopilotModel),
    /// Qualified with a vendor other than `copilot` (bring-your-own-key): not checkable.
    OtherVendor,
    /// A Claude Code alias or id; `suggestion` is the Copilot display name of that family.
    ClaudeStyle {
        /// Qualified display name to use instead.
        suggestion: Option<String>,
    },
    /// Unknown; `suggestion` is the closest display name.
    Unknown {
        /// Qualified display name to use instead.
        suggestion: Option<String>,
    },
}

/// Classifies a Copilot model value (formats.md §2.11).
pub fn classify_copilot_model(value: &str) -> CopilotModelVerdict {
    let models = &knowledge().models.copilot;
    let (name, vendor) = split_qualified(value);
    if let Some(c) = models.iter().find(|c| c.name == name) {
        return CopilotModelVerdict::Known(c);
    }
    if vendor.is_some_and(|v| !v.eq_ignore_ascii_case("copilot")) {
        return CopilotModelVerdict::OtherVendor;
    }
    let qualified = |c: &CopilotModel| format!("{} ({})", c.name, c.vendor);
    let claude = classify_claude_model(value);
    if matches!(claude, ClaudeModelVerdict::Alias(_) | ClaudeModelVerdict::FullId) {
        let family = knowledge().models.claude_families.iter().find(|f| value.contains(f.as_str())).cloned();
        let same_family = |c: &&CopilotModel| family.as_deref().is_some_and(|f| c.claude_alias.as_deref() == Some(f));
        // `claude-sonnet-4-5[-date]` → `Claude Sonnet 4.5`, else the family's newest model.
        let version: Vec<&str> =
            value.split('-').filter(|p| p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit())).collect();
        let exact = family.as_deref().map(|f| {
            let mut name = format!("Claude {}{}", f[..1].to_uppercase(), &f[1..]);
            if !version.is_empty() {
                name.push(' ');
                name.push_str(&version.join("."));
            }
            name
        });
        let suggestion = models
            .iter()
            .find(|c| Some(&c.name) == exact.as_ref())
            .or_else(|| models.iter().filter(same_family).max_by(|a, b| a.name.cmp(&b.name)))
            .map(qualified);
        return CopilotModelVerdict::ClaudeStyle { suggestion };
    }
    let suggestion = crate::text::suggest::closest(name, models.iter().map(|c| c.name.as_str()))
        .and_then(|n| models.iter().find(|c| c.name == n))
        .map(qualified);
    CopilotModelVerdict::Unknown { suggestion }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claude_models() {
        assert!(matches!(classify_claude_model("opus"), ClaudeModelVerdict::Alias(_)));
        assert!(matches!(classify_claude_model("opusplan"), ClaudeModelVerdict::SessionAlias(_)));
        for id in [
            "claude-opus-4-5",
            "claude-sonnet-4-5-20250929",
            "claude-opus-5",
            "claude-3-5-haiku-latest",
            "claude-3-opus-20240229",
            "claude-opus-4-6[1m]",
        ] {
            assert_eq!(classify_claude_model(id), ClaudeModelVerdict::FullId, "{id}");
        }
        assert_eq!(
            classify_claude_model("claude-4-5-opus"),
            ClaudeModelVerdict::Unknown { suggestion: Some("claude-opus-4-5".into()) }
        );
        for alias in ["Opus", "haiku[1m]", "best[1m]", "SONNET"] {
            assert!(matches!(classify_claude_model(alias), ClaudeModelVerdict::Alias(_)), "{alias}");
        }
        assert!(matches!(classify_claude_model("opusplan[1m]"), ClaudeModelVerdict::SessionAlias(_)));
        assert_eq!(
            classify_claude_model("claude-opus-4.5"),
            ClaudeModelVerdict::Unknown { suggestion: Some("claude-opus-4-5".into()) }
        );
        assert_eq!(classify_claude_model("gpt-4"), ClaudeModelVerdict::Unknown { suggestion: None });
        assert!(matches!(
            classify_claude_model("Claude Sonnet 4.5"),
            ClaudeModelVerdict::CopilotName { alias: Some(_) }
        ));
    }

    #[test]
    fn copilot_models() {
        assert!(matches!(classify_copilot_model("Claude Sonnet 4.5 (copilot)"), CopilotModelVerdict::Known(_)));
        assert!(matches!(classify_copilot_model("GPT-5"), CopilotModelVerdict::Known(_)));
        assert_eq!(classify_copilot_model("My Model (ollama)"), CopilotModelVerdict::OtherVendor);
        assert!(matches!(classify_copilot_model("sonnet"), CopilotModelVerdict::ClaudeStyle { suggestion: Some(_) }));
        assert!(matches!(
            classify_copilot_model("claude sonnet 4.5"),
            CopilotModelVerdict::Unknown { suggestion: Some(_) }
        ));
    }
}
