//! Rule documentation: for every diagnostic code, what the consumer does, an example that
//! triggers it and the fix — one source (`data/catalogues/rules.toml`) for `agentls rule CODE`,
//! the SARIF rule help, `docs/rules.md` and the link in a diagnostic's hover
//! (`codeDescription`).

use std::sync::OnceLock;

use serde::Deserialize;

/// One code's documentation.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDoc {
    /// The diagnostic code (`unknown-tool`).
    pub code: String,
    /// What the consumer does and why it matters (Markdown), naming the consumer version the
    /// behaviour was verified against.
    pub explanation: String,
    /// Where the example file lives, relative to a workspace root (its path decides the
    /// dialect): `.claude/agents/reviewer.md`.
    pub example_path: String,
    /// A file that triggers the code.
    pub example: String,
    /// The same file, fixed (the code no longer fires).
    pub fix: String,
}

#[derive(Deserialize)]
struct Catalogue {
    #[serde(default)]
    rule: Vec<RuleDoc>,
}

/// Every documented code, in file order.
///
/// # Panics
/// If the embedded data file is invalid (a test checks it).
pub fn rule_docs() -> &'static [RuleDoc] {
    static DOCS: OnceLock<Vec<RuleDoc>> = OnceLock::new();
    DOCS.get_or_init(|| {
        toml::from_str::<Catalogue>(include_str!("../data/catalogues/rules.toml"))
            .expect("data/catalogues/rules.toml is valid")
            .rule
    })
}

/// The documentation of `code`.
pub fn rule_doc(code: &str) -> Option<&'static RuleDoc> {
    rule_docs().iter().find(|d| d.code == code)
}
