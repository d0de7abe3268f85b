//! `agentls.toml` → [`Config`], keeping every valid setting and reporting every invalid one at
//! its byte range (TOML syntax errors, unknown keys, wrong types, unknown codes, dialects,
//! consumers and levels, globs that do not compile).

use std::path::Path;

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::{Config, ConfigProblem, DialectGlob, Extra, Level, Override, RuleLevels};
use crate::knowledge::Dialect;
use crate::text::TextRange;

/// Every key the parser understands, as dotted paths (`[]` = an item of an array of tables,
/// `<code>` = any diagnostic code, `<dialect>` = any dialect id). The JSON Schema in
/// `schemas/agentls.schema.json` is kept in step with this list by a test.
pub const KEYS: &[&str] = &[
    "extend",
    "consumers",
    "rules",
    "rules.select",
    "rules.ignore",
    "rules.<code>",
    "overrides",
    "overrides[].files",
    "overrides[].rules",
    "files",
    "files.include",
    "files.exclude",
    "files.dialect",
    "files.dialect[].glob",
    "files.dialect[].dialect",
    "knowledge",
    "knowledge.tools",
    "knowledge.models",
    "knowledge.agents",
    "knowledge.mcp-servers",
    "knowledge.<dialect>",
    "knowledge.<dialect>.tools",
    "knowledge.<dialect>.models",
    "knowledge.<dialect>.agents",
    "knowledge.<dialect>.mcp-servers",
];

/// The consumer ids `consumers` accepts.
pub const CONSUMERS: &[&str] = &[
    "claude-code",
    "vscode",
    "copilot-cli",
    "github-copilot",
    "opencode",
    "gemini-cli",
    "cursor",
    "codex",
    "windsurf",
    "kiro",
];

type Item<'i> = Spanned<DeValue<'i>>;

/// The parser's state: problems found so far.
struct Reader {
    problems: Vec<ConfigProblem>,
}

fn range(span: std::ops::Range<usize>) -> TextRange {
    TextRange::new(span.start, span.end)
}

impl Reader {
    fn problem(&mut self, span: std::ops::Range<usize>, message: String) {
        self.problems.push(ConfigProblem { range: range(span), message });
    }

    fn string(&mut self, key: &str, v: &Item) -> Option<String> {
        if let DeValue::String(s) = v.get_ref() {
            Some(s.to_string())
        } else {
            self.problem(v.span(), format!("`{key}` must be a string; ignored"));
            None
        }
    }

    fn strings(&mut self, key: &str, v: &Item) -> Option<Vec<(String, std::ops::Range<usize>)>> {
        let DeValue::Array(items) = v.get_ref() else {
            self.problem(v.span(), format!("`{key}` must be a list of strings; ignored"));
            return None;
        };
        let mut out = Vec::new();
        for item in items {
            match item.get_ref() {
                DeValue::String(s) => out.push((s.to_string(), item.span())),
                _ => self.problem(item.span(), format!("`{key}` items must be strings; this one is ignored")),
            }
        }
        Some(out)
    }

    fn table<'a, 'i>(&mut self, key: &str, v: &'a Item<'i>) -> Option<&'a DeTable<'i>> {
        if let DeValue::Table(t) = v.get_ref() {
            Some(t)
        } else {
            self.problem(v.span(), format!("`{key}` must be a table; ignored"));
            None
        }
    }

    fn unknown_key(&mut self, key: &Spanned<toml::de::DeString>, within: &str, known: &[&str]) {
        let hint = crate::text::suggest::closest(key.get_ref(), known.iter().copied())
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
        let at = if within.is_empty() { String::new() } else { format!(" in `{within}`") };
        self.problem(key.span(), format!("unknown key `{}`{at}{hint}; ignored", key.get_ref()));
    }

    fn globs(&mut self, key: &str, v: &Item) -> Option<(Vec<String>, GlobSet)> {
        let list = self.strings(key, v)?;
        let mut set = GlobSetBuilder::new();
        let mut kept = Vec::new();
        for (g, span) in list {
            match compile(&g) {
                Ok(glob) => {
                    set.add(glob);
                    kept.push(g);
                }
                Err(e) => self.problem(span, format!("`{g}` is not a valid glob ({e}); ignored")),
            }
        }
        set.build().ok().map(|s| (kept, s))
    }

    fn level(&mut self, code: &str, v: &Item) -> Option<Level> {
        let s = self.string(code, v)?;
        let level = Level::parse(&s);
        if level.is_none() {
            self.problem(
                v.span(),
                format!("`{s}` is not a level; use `off`, `hint`, `information`, `warning` or `error` (ignored)"),
            );
        }
        level
    }

    fn code(&mut self, code: &str, span: std::ops::Range<usize>) -> bool {
        let known = crate::diagnostic::codes().iter().any(|c| c.code == code) || code == "all";
        if !known {
            let hint = crate::text::suggest::closest(code, crate::diagnostic::codes().iter().map(|c| c.code.as_str()))
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            self.problem(span, format!("unknown rule code `{code}`{hint}; ignored"));
        }
        known
    }

    /// A `select` / `ignore` item: a code, `all`, or a group of codes (`security`).
    fn selector(&mut self, name: &str, span: std::ops::Range<usize>) -> bool {
        crate::diagnostic::categories().contains(&name) || self.code(name, span)
    }

    fn rules(&mut self, key: &str, t: &DeTable) -> RuleLevels {
        let mut out = RuleLevels::default();
        for (k, v) in t {
            match k.get_ref().as_ref() {
                "select" | "ignore" => {
                    let Some(list) = self.strings(&format!("{key}.{}", k.get_ref()), v) else { continue };
                    let codes: Vec<String> =
                        list.into_iter().filter(|(c, span)| self.selector(c, span.clone())).map(|(c, _)| c).collect();
                    if k.get_ref() == "select" {
                        out.select = Some(codes);
                    } else {
                        out.ignore = codes;
                    }
                }
                code => {
                    if self.code(code, k.span()) {
                        if let Some(level) = self.level(code, v) {
                            out.levels.insert(code.to_string(), level);
                        }
                    }
                }
            }
        }
        out
    }

    fn overrides(&mut self, v: &Item) -> Vec<Override> {
        let DeValue::Array(items) = v.get_ref() else {
            self.problem(v.span(), "`overrides` must be an array of tables (`[[overrides]]`); ignored".into());
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            let Some(t) = self.table("overrides", item) else { continue };
            let (mut files, mut rules) = (None, RuleLevels::default());
            for (k, v) in t {
                match k.get_ref().as_ref() {
                    "files" => files = self.globs("overrides.files", v),
                    "rules" => {
                        if let Some(r) = self.table("overrides.rules", v) {
                            rules = self.rules("overrides.rules", r);
                        }
                    }
                    _ => self.unknown_key(k, "overrides", &["files", "rules"]),
                }
            }
            match files {
                Some((files, matcher)) => out.push(Override { files, matcher, rules }),
                None => self.problem(item.span(), "an override needs `files = [\"glob\", …]`; ignored".into()),
            }
        }
        out
    }

    fn files(&mut self, t: &DeTable, config: &mut Config) {
        for (k, v) in t {
            match k.get_ref().as_ref() {
                "include" => config.include = self.globs("files.include", v).map(|(_, s)| s),
                "exclude" => config.exclude = self.globs("files.exclude", v).map(|(_, s)| s),
                "dialect" => config.dialects = self.dialect_globs(v),
                _ => self.unknown_key(k, "files", &["include", "exclude", "dialect"]),
            }
        }
    }

    fn dialect_globs(&mut self, v: &Item) -> Vec<DialectGlob> {
        let DeValue::Array(items) = v.get_ref() else {
            self.problem(v.span(), "`files.dialect` must be an array of tables (`[[files.dialect]]`); ignored".into());
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            let Some(t) = self.table("files.dialect", item) else { continue };
            let (mut glob, mut dialect) = (None, None);
            for (k, v) in t {
                match k.get_ref().as_ref() {
                    "glob" => glob = self.string("files.dialect.glob", v).map(|g| (g, v.span())),
                    "dialect" => dialect = self.dialect(v),
                    _ => self.unknown_key(k, "files.dialect", &["glob", "dialect"]),
                }
            }
            let (Some((glob, span)), Some(dialect)) = (glob, dialect) else {
                self.problem(item.span(), "a `[[files.dialect]]` entry needs `glob` and `dialect`; ignored".into());
                continue;
            };
            match compile(&glob) {
                Ok(g) => out.push(DialectGlob { glob, matcher: g.compile_matcher(), dialect }),
                Err(e) => self.problem(span, format!("`{glob}` is not a valid glob ({e}); ignored")),
            }
        }
        out
    }

    fn dialect(&mut self, v: &Item) -> Option<Dialect> {
        let id = self.string("dialect", v)?;
        let found = Dialect::ALL.iter().copied().find(|d| d.id() == id);
        if found.is_none() {
            let ids: Vec<&str> = Dialect::ALL.iter().map(|d| d.id()).collect();
            let hint = crate::text::suggest::closest(&id, ids.iter().copied())
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            self.problem(v.span(), format!("unknown dialect `{id}`{hint}; ignored"));
        }
        found
    }

    fn extra(&mut self, within: &str, t: &DeTable, out: &mut Extra, dialects: Option<&mut Config>) {
        let mut nested = dialects;
        for (k, v) in t {
            let key = k.get_ref().as_ref();
            let list = |r: &mut Self| r.strings(&format!("{within}.{key}"), v).map(|l| l.into_iter().map(|(s, _)| s));
            match key {
                "tools" => out.tools.extend(list(self).into_iter().flatten()),
                "models" => out.models.extend(list(self).into_iter().flatten()),
                "agents" => out.agents.extend(list(self).into_iter().flatten()),
                "mcp-servers" => out.mcp_servers.extend(list(self).into_iter().flatten()),
                id if nested.is_some() && Dialect::ALL.iter().any(|d| d.id() == id) => {
                    let Some(sub) = self.table(&format!("knowledge.{id}"), v) else { continue };
                    let dialect = *Dialect::ALL.iter().find(|d| d.id() == id).expect("checked");
                    let mut e = Extra::default();
                    self.extra(&format!("knowledge.{id}"), sub, &mut e, None);
                    if let Some(c) = nested.as_deref_mut() {
                        c.extra_by_dialect.insert(dialect, e);
                    }
                }
                _ => {
                    let mut known = vec!["tools", "models", "agents", "mcp-servers"];
                    if nested.is_some() {
                        known.extend(Dialect::ALL.iter().map(|d| d.id()));
                    }
                    self.unknown_key(k, within, &known);
                }
            }
        }
    }

    fn consumers(&mut self, v: &Item) -> Option<Vec<String>> {
        let list = self.strings("consumers", v)?;
        let mut out = Vec::new();
        for (c, span) in list {
            if CONSUMERS.contains(&c.as_str()) {
                out.push(c);
            } else {
                let hint = crate::text::suggest::closest(&c, CONSUMERS.iter().copied())
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                self.problem(span, format!("unknown consumer `{c}`{hint}; known: {}", CONSUMERS.join(", ")));
            }
        }
        Some(out)
    }
}

/// A config glob: `/`-separated, relative to the config file's folder, `*` within one folder.
fn compile(glob: &str) -> Result<Glob, globset::Error> {
    GlobBuilder::new(glob).literal_separator(true).build()
}

impl Config {
    /// Parses the TOML `text` of a configuration file in folder `base`. Never fails: the
    /// problems come back beside the configuration made of everything valid.
    pub fn parse(text: &str, base: &Path) -> (Config, Vec<ConfigProblem>) {
        let mut reader = Reader { problems: Vec::new() };
        let (table, errors) = DeTable::parse_recoverable(text);
        for e in errors {
            let span = e.span().unwrap_or(0..0);
            reader.problem(span, format!("TOML syntax error: {}", e.message()));
        }
        let mut config = Config { base: base.to_path_buf(), ..Config::default() };
        for (k, v) in table.get_ref() {
            match k.get_ref().as_ref() {
                "extend" => config.extend = reader.string("extend", v),
                "consumers" => config.consumers = reader.consumers(v),
                "rules" => {
                    if let Some(t) = reader.table("rules", v) {
                        config.rules = reader.rules("rules", t);
                    }
                }
                "overrides" => config.overrides = reader.overrides(v),
                "files" => {
                    if let Some(t) = reader.table("files", v) {
                        reader.files(t, &mut config);
                    }
                }
                "knowledge" => {
                    if let Some(t) = reader.table("knowledge", v) {
                        let mut extra = Extra::default();
                        reader.extra("knowledge", t, &mut extra, Some(&mut config));
                        config.extra = extra;
                    }
                }
                _ => reader.unknown_key(k, "", &["extend", "consumers", "rules", "overrides", "files", "knowledge"]),
            }
        }
        let mut problems = reader.problems;
        problems.sort_by_key(|p| (p.range.start, p.range.end));
        (config, problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Severity;

    fn parse(text: &str) -> (Config, Vec<(String, String)>) {
        let (c, problems) = Config::parse(text, Path::new("/w"));
        let shown = problems.into_iter().map(|p| (p.range.slice(text).to_string(), p.message)).collect();
        (c, shown)
    }

    #[test]
    fn a_full_configuration() {
        let (c, problems) = parse(
            r#"
consumers = ["claude-code"]
[rules]
unknown-tool = "off"
unknown-model = "error"
ignore = ["self-handoff"]
[[overrides]]
files = ["legacy/**"]
rules = { unknown-field = "hint" }
[files]
exclude = ["drafts/**"]
[[files.dialect]]
glob = "agents/**/*.md"
dialect = "claude-agent"
[knowledge]
mcp-servers = ["db"]
[knowledge.claude-agent]
models = ["my-model"]
"#,
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(c.rules.levels["unknown-tool"], Level::Off);
        assert_eq!(c.rules.levels["unknown-model"], Level::On(Severity::Error));
        assert_eq!(c.rules.ignore, ["self-handoff"]);
        assert_eq!(c.overrides[0].files, ["legacy/**"]);
        assert_eq!(c.dialect_of(Path::new("/w/agents/a/b.md")), Some(Dialect::ClaudeAgent));
        assert!(c.excludes(Path::new("/w/drafts/x.md")));
        assert!(c.knows(Dialect::ClaudeAgent, |e| &e.models, "my-model"));
        assert!(!c.knows(Dialect::CopilotAgent, |e| &e.models, "my-model"));
        assert!(c.knows(Dialect::CopilotAgent, |e| &e.mcp_servers, "db"));
        assert!(c.targets("claude-code") && !c.targets("vscode"));
    }

    #[test]
    fn problems_at_their_ranges_and_the_valid_rest_applies() {
        let (c, problems) = parse(
            "consumer = [\"x\"]\n[rules]\nunknown-tol = \"off\"\nunknown-model = \"loud\"\nself-handoff = \"off\"\n[[files.dialect]]\nglob = \"a/[\"\ndialect = \"claude-agnt\"\n",
        );
        let got: Vec<&str> = problems.iter().map(|(at, _)| at.as_str()).collect();
        assert_eq!(got, ["consumer", "unknown-tol", "\"loud\"", "[[files.dialect]]", "\"claude-agnt\""]);
        assert!(problems[1].1.contains("did you mean `unknown-tool`"), "{problems:?}");
        assert_eq!(c.rules.levels.get("self-handoff"), Some(&Level::Off));
        assert!(c.dialects.is_empty());
        let (_, syntax) = parse("[rules\nx = 1\n");
        assert!(syntax[0].1.starts_with("TOML syntax error"), "{syntax:?}");
    }
}
