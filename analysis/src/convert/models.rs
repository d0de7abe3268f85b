//! Model names across consumers, from the model catalogue (`catalogues/models.toml`): Claude Code
//! aliases (`sonnet`) and ids (`claude-sonnet-4-5`), Copilot display names
//! (`Claude Sonnet 4.5 (copilot)`, with their `claude_alias`), `OpenCode` `provider/model`
//! (`anthropic/claude-sonnet-4-5`).
//!
//! Rules (formats.md §1.1.7, §2.11, §3.1.1): a Copilot Claude model `Claude <Family> <X.Y>` is the
//! Claude id `claude-<family>-<X>-<Y>`; an alias means the newest model of its family, which is
//! the Copilot entry of that family with the highest version; `OpenCode` names Anthropic models
//! `anthropic/<claude id>`. `inherit` and an absent `model` mean the same everywhere (the
//! caller's model), so `inherit` is left out.

use crate::knowledge::knowledge;
use crate::knowledge::models::{classify_claude_model, ClaudeModelVerdict};

/// A model as the portable form holds it: a Claude family and, optionally, a version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Model {
    /// The newest model of a family (`sonnet`).
    Alias(String),
    /// One Claude model (`claude-opus-4-5`, possibly dated).
    Id(String),
    /// A model of another vendor, as written (`GPT-5 (copilot)`, `openai/gpt-5`): no equivalent
    /// outside its consumer.
    Other(String),
}

/// `(family, version)` of a Copilot Claude model name (`Claude Opus 4.5` → `("opus", "4.5")`).
fn copilot_claude(name: &str) -> Option<(String, String)> {
    let mut parts = name.strip_prefix("Claude ")?.split(' ');
    let (family, version) = (parts.next()?, parts.next()?);
    let numeric = !version.is_empty() && version.chars().all(|c| c.is_ascii_digit() || c == '.');
    (parts.next().is_none() && numeric).then(|| (family.to_ascii_lowercase(), version.to_string()))
}

fn version_key(v: &str) -> Vec<u32> {
    v.split('.').filter_map(|p| p.parse().ok()).collect()
}

/// The Copilot Claude models of `family`, newest first: `(display name, vendor, version)`.
fn family_models(family: &str) -> Vec<(&'static str, &'static str, String)> {
    let mut out: Vec<(&str, &str, String)> = knowledge()
        .models
        .copilot
        .iter()
        .filter_map(|c| {
            copilot_claude(&c.name).filter(|(f, _)| f == family).map(|(_, v)| (c.name.as_str(), c.vendor.as_str(), v))
        })
        .collect();
    out.sort_by_key(|m| std::cmp::Reverse(version_key(&m.2)));
    out
}

/// The id of the newest model of `alias`'s family (`sonnet` → `claude-sonnet-5-5`).
fn alias_id(alias: &str) -> Option<String> {
    family_models(alias).first().map(|(_, _, v)| format!("claude-{alias}-{}", v.replace('.', "-")))
}

/// `(family, version)` of an undated Claude id (`claude-opus-4-5` → `("opus", "4.5")`).
fn id_parts(id: &str) -> Option<(String, String)> {
    let mut parts: Vec<&str> = id.strip_prefix("claude-")?.split('-').collect();
    if parts.last().is_some_and(|d| d.len() == 8) {
        parts.pop(); // a date
    }
    let (family, version) = parts.split_first()?;
    (!version.is_empty() && version.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())))
        .then(|| (family.to_string(), version.join(".")))
}

/// A Claude Code `model:` value.
pub(crate) fn from_claude(value: &str) -> Option<Model> {
    match classify_claude_model(value) {
        ClaudeModelVerdict::Alias(a) if a.name == "inherit" => None,
        ClaudeModelVerdict::Alias(a) => Some(Model::Alias(a.name.clone())),
        ClaudeModelVerdict::FullId => Some(Model::Id(value.to_string())),
        _ => Some(Model::Other(value.to_string())),
    }
}

/// A VS Code `model:` value (a display name, qualified `Name (vendor)` or not).
pub(crate) fn from_copilot(value: &str) -> Model {
    let name = value.rsplit_once(" (").map_or(value, |(n, _)| n).trim();
    match copilot_claude(name) {
        Some((family, version)) if family_models(&family).first().is_some_and(|m| m.2 == version) => {
            Model::Alias(family)
        }
        Some((family, version)) => Model::Id(format!("claude-{family}-{}", version.replace('.', "-"))),
        None => Model::Other(value.to_string()),
    }
}

/// An `OpenCode` `provider/model` value.
pub(crate) fn from_opencode(value: &str) -> Model {
    let id = value.rsplit('/').next().unwrap_or(value);
    if !matches!(classify_claude_model(id), ClaudeModelVerdict::FullId) {
        return Model::Other(value.to_string());
    }
    match id_parts(id) {
        Some((family, _)) if alias_id(&family).as_deref() == Some(id) => Model::Alias(family),
        _ => Model::Id(id.to_string()),
    }
}

/// The model in Claude Code's words; `None`: no equivalent.
pub(crate) fn to_claude(m: &Model) -> Option<String> {
    match m {
        Model::Alias(a) => Some(a.clone()),
        Model::Id(id) => Some(id.clone()),
        Model::Other(_) => None,
    }
}

/// The model in VS Code's words (`Claude Sonnet 4.5 (copilot)`); `None`: not in the catalogue.
pub(crate) fn to_copilot(m: &Model) -> Option<String> {
    let (name, vendor) = match m {
        Model::Alias(a) => family_models(a).first().map(|(n, v, _)| (*n, *v))?,
        Model::Id(id) => {
            let (family, version) = id_parts(id)?;
            family_models(&family).into_iter().find(|(_, _, v)| *v == version).map(|(n, v, _)| (n, v))?
        }
        Model::Other(_) => return None,
    };
    Some(format!("{name} ({vendor})"))
}

/// The model in `OpenCode`'s words (`anthropic/claude-sonnet-4-5`); `None`: no equivalent.
pub(crate) fn to_opencode(m: &Model) -> Option<String> {
    match m {
        Model::Alias(a) => alias_id(a).map(|id| format!("anthropic/{id}")),
        Model::Id(id) => Some(format!("anthropic/{id}")),
        Model::Other(_) => None,
    }
}

/// The model as its source wrote it, for notes.
pub(crate) fn describe(m: &Model) -> &str {
    match m {
        Model::Alias(s) | Model::Id(s) | Model::Other(s) => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_ids_and_display_names_map_through_the_catalogue() {
        let newest = alias_id("sonnet").expect("the catalogue has Copilot Sonnet models");
        assert!(newest.starts_with("claude-sonnet-"), "{newest}");
        let copilot = to_copilot(&Model::Alias("sonnet".into())).unwrap();
        assert!(copilot.starts_with("Claude Sonnet ") && copilot.ends_with(" (copilot)"), "{copilot}");
        assert_eq!(from_copilot(&copilot), Model::Alias("sonnet".into()), "the newest is the alias again");
        assert_eq!(to_opencode(&Model::Alias("sonnet".into())), Some(format!("anthropic/{newest}")));
        assert_eq!(from_opencode(&format!("anthropic/{newest}")), Model::Alias("sonnet".into()));
        assert_eq!(from_claude("inherit"), None);
        assert_eq!(from_claude("claude-opus-4-5-20251101"), Some(Model::Id("claude-opus-4-5-20251101".into())));
        assert_eq!(
            to_copilot(&Model::Id("claude-opus-4-5-20251101".into())).as_deref(),
            Some("Claude Opus 4.5 (copilot)")
        );
        assert_eq!(from_copilot("Claude Opus 4.5 (copilot)"), Model::Id("claude-opus-4-5".into()));
        assert_eq!(from_copilot("GPT-5 (copilot)"), Model::Other("GPT-5 (copilot)".into()));
        assert_eq!(to_claude(&from_opencode("openai/gpt-5")), None);
    }
}
