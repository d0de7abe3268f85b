//! Rule levels for one file: `[rules]`, then the `[[overrides]]` that match it (a later one
//! wins), then `select` / `ignore`.

use std::path::Path;

use super::{Config, Level, RuleLevels};
use crate::Diagnostic;

/// What `rules` says of `code`: its own level, off by `ignore`, off for a code outside
/// `select` (unless it sets a level itself), or nothing. `select` and `ignore` name codes,
/// groups (`security`: [`crate::diagnostic::CodeInfo::category`]) or `all`.
fn level_in(rules: &RuleLevels, code: &str) -> Option<Level> {
    let names = |c: &String| c == code || c == "all" || crate::diagnostic::in_category(code, c);
    if rules.ignore.iter().any(names) {
        return Some(Level::Off);
    }
    if let Some(level) = rules.levels.get(code) {
        return Some(*level);
    }
    match &rules.select {
        Some(select) if !select.iter().any(names) => Some(Level::Off),
        _ => None,
    }
}

impl Config {
    /// False for a finding that matters only to consumers outside the `consumers` list.
    fn matters(&self, d: &Diagnostic) -> bool {
        self.consumers.is_none() || d.affects.as_ref().is_none_or(|a| a.iter().any(|c| self.targets(c)))
    }

    /// The level of `code` in the file at `path` (`None`: the code's default).
    pub fn level(&self, path: Option<&Path>, code: &str) -> Option<Level> {
        let rel = path.and_then(|p| self.relative(p));
        let matching = self.overrides.iter().rev().filter(|o| rel.as_ref().is_some_and(|r| o.matcher.is_match(r)));
        matching.map(|o| &o.rules).chain(std::iter::once(&self.rules)).find_map(|r| level_in(r, code))
    }

    /// `diagnostics` of the file at `path` with the configured levels: turned off ones dropped,
    /// the others at their configured severity; with a `consumers` list, findings that matter
    /// only to consumers outside it are dropped too ([`Diagnostic::affects`]).
    pub fn apply(&self, path: Option<&Path>, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        diagnostics
            .into_iter()
            .filter(|d| self.matters(d))
            .filter_map(|d| match self.level(path, d.code) {
                None => Some(d),
                Some(Level::Off) => None,
                Some(Level::On(severity)) => Some(d.with_severity(severity)),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Severity;

    #[test]
    fn overrides_win_then_rules_then_select() {
        let text = "[rules]\nunknown-tool = \"hint\"\nselect = [\"unknown-tool\", \"unknown-model\"]\n\
                    [[overrides]]\nfiles = [\"legacy/**\"]\nrules = { unknown-tool = \"off\" }\n";
        let (c, problems) = Config::parse(text, Path::new("/w"));
        assert!(problems.is_empty(), "{problems:?}");
        let at = |p: &str, code: &str| c.level(Some(Path::new(p)), code);
        assert_eq!(at("/w/a.md", "unknown-tool"), Some(Level::On(Severity::Hint)));
        assert_eq!(at("/w/legacy/a.md", "unknown-tool"), Some(Level::Off));
        assert_eq!(at("/w/a.md", "unknown-model"), None);
        assert_eq!(at("/w/a.md", "self-handoff"), Some(Level::Off), "outside `select`");
    }

    #[test]
    fn groups_in_select_and_ignore() {
        let parse = |text: &str| {
            let (c, problems) = Config::parse(text, Path::new("/w"));
            assert!(problems.is_empty(), "{problems:?}");
            c
        };
        let at = |c: &Config, code: &str| c.level(Some(Path::new("/w/a.md")), code);
        let only = parse("[rules]\nselect = [\"security\"]\n");
        assert_eq!(at(&only, "secret-in-file"), None, "selected through its group");
        assert_eq!(at(&only, "unknown-tool"), Some(Level::Off));
        let without = parse("[rules]\nignore = [\"security\"]\n");
        assert_eq!(at(&without, "shell-with-web-access"), Some(Level::Off));
        assert_eq!(at(&without, "unknown-tool"), None);
        let (_, problems) = Config::parse("[rules]\nsecurity = \"error\"\n", Path::new("/w"));
        assert_eq!(problems.len(), 1, "a group is not a code a level applies to");
    }

    #[test]
    fn consumers_drop_findings_that_matter_only_to_others() {
        let finding = |affects: Option<&[&str]>| {
            let mut d = Diagnostic::new("yaml-strict", crate::text::TextRange::empty(0), "m");
            d.affects = affects.map(|a| a.iter().map(|c| (*c).to_string()).collect());
            d
        };
        let all =
            || vec![finding(None), finding(Some(&["copilot-cli"])), finding(Some(&[])), finding(Some(&["vscode"]))];
        let kept = |text: &str| {
            let (c, problems) = Config::parse(text, Path::new("/w"));
            assert!(problems.is_empty(), "{problems:?}");
            c.apply(Some(Path::new("/w/a.md")), all()).into_iter().map(|d| d.affects).collect::<Vec<_>>()
        };
        assert_eq!(kept("").len(), 4, "without `consumers` every finding stays");
        assert_eq!(kept("consumers = [\"claude-code\", \"vscode\"]\n"), vec![None, Some(vec!["vscode".to_string()])]);
    }
}
