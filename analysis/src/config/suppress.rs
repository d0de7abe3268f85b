//! Inline suppressions: `# agentls: ignore[code, …]` in the frontmatter (on the finding's line
//! or the line above), `<!-- agentls-ignore code … -->` in the body (the next line, or its own),
//! and the `-file` forms for the whole file; without codes, every code. A suppression that
//! suppresses nothing is itself reported (`unused-suppression`, a hint — ruff's RUF100).

use crate::index::{ItemKind, ScanItem};
use crate::{Diagnostic, Severity, Snapshot};

/// One suppression comment.
struct Suppression<'a> {
    item: &'a ScanItem,
    line: usize,
    file: bool,
    codes: Vec<&'a str>,
    used: bool,
}

impl Suppression<'_> {
    fn covers(&self, line: usize, code: &str) -> bool {
        (self.file || line == self.line || line == self.line + 1)
            && (self.codes.is_empty() || self.codes.contains(&code))
    }
}

/// `diagnostics` without the suppressed ones, plus an `unused-suppression` hint for each
/// comment that suppressed nothing.
pub fn apply(snap: &Snapshot, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut supps: Vec<Suppression> = snap
        .scan
        .suppressions()
        .map(|item| Suppression {
            item,
            line: item.span.start.line as usize,
            file: matches!(item.kind, ItemKind::Suppression { file: true }),
            codes: item.target.split([',', ' ', '\t']).filter(|c| !c.is_empty()).collect(),
            used: false,
        })
        .collect();
    if supps.is_empty() {
        return diagnostics;
    }
    let mut out: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(|d| {
            let line = snap.text.line_of(d.range.start);
            match supps.iter_mut().find(|s| s.covers(line, d.code)) {
                Some(s) => {
                    s.used = true;
                    false
                }
                None => true,
            }
        })
        .collect();
    for s in supps.iter().filter(|s| !s.used) {
        let what = if s.codes.is_empty() { "any finding".to_string() } else { format!("`{}`", s.codes.join("`, `")) };
        let place = if s.file { "in this file" } else { "on this line or the next" };
        out.push(
            Diagnostic::new(
                "unused-suppression",
                s.item.span.range,
                format!("this comment suppresses {what}, but there is none {place}"),
            )
            .with_severity(Severity::Hint),
        );
    }
    out
}
