//! Tool-list fixes: a renamed or legacy tool becomes its replacements (Claude Code's legacy
//! names, formats.md §8.8–§8.9; VS Code's renamed tools and tool sets, §9), without repeating
//! a name the list already has; `agents` without the `agent` tool gets it (VS Code 1.139.1).

use super::doc::Doc;
use super::list::List;
use super::{Fix, FixHint, Safety};
use crate::knowledge::tools::{
    classify_claude_tool, classify_vscode_tool, tool_base_name, ClaudeToolVerdict, VsCodeToolVerdict,
};
use crate::knowledge::FieldCheck;
use crate::syntax::Entry;
use crate::values::{list_entries, quoted_list};
use crate::Diagnostic;

/// Which catalogue a tools key is read against.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Catalogue {
    Claude,
    VsCode,
}

/// The catalogue of `entry`'s field, and whether its string form may be space-separated.
fn catalogue(doc: &Doc, entry: &Entry) -> Option<Catalogue> {
    match doc.spec.field(&entry.key)?.check? {
        FieldCheck::ClaudeTools | FieldCheck::ClaudeAllowedTools => Some(Catalogue::Claude),
        FieldCheck::VscodeTools => Some(Catalogue::VsCode),
        _ => None,
    }
}

/// What `name` stands for when it is a renamed or legacy tool: the groups of names that may
/// replace it, the one that keeps the meaning first. A VS Code tool set is one group (the set
/// is its tools); a Claude Code legacy name with several replacements has alternatives (`LS` →
/// `Glob`, or `ls` through `Bash`), each a group — granting them all would grant more than the
/// file did. A `(…)` specifier stays on a single replacement (`Task(reviewer)` →
/// `Agent(reviewer)`).
fn replacements(catalogue: Catalogue, name: &str) -> Option<Vec<Vec<String>>> {
    match catalogue {
        Catalogue::Claude => match classify_claude_tool(name) {
            ClaudeToolVerdict::Legacy(l) => {
                let spec = name[tool_base_name(name).len()..].trim_start();
                Some(match l.replacement.as_slice() {
                    [one] if !spec.is_empty() => vec![vec![format!("{one}{spec}")]],
                    many => many.iter().map(|r| vec![r.clone()]).collect(),
                })
            }
            _ => None,
        },
        Catalogue::VsCode => match classify_vscode_tool(name) {
            VsCodeToolVerdict::Renamed(r) => Some(vec![r.replacements.clone()]),
            _ => None,
        },
    }
}

/// `renamed-tool`: the entry at the range becomes its replacements (the first group safely,
/// alternatives as unsafe fixes); those the list already has (or that an earlier renamed entry
/// becomes) are not repeated, and an entry whose replacements are all there is removed.
pub(super) fn renamed(doc: &Doc, d: &Diagnostic) -> Vec<Fix> {
    let Some(FixHint::Replace { with }) = &d.fix else { return Vec::new() };
    if !doc.verbatim(d.range) {
        return Vec::new();
    }
    let Some(entry) = doc.entry_holding(d.range) else { return Vec::new() };
    let Some(cat) = catalogue(doc, entry) else { return Vec::new() };
    let Some(list) = List::of(&entry.value, &doc.text, cat == Catalogue::Claude) else { return Vec::new() };
    let Some(i) = list.find(d.range) else { return Vec::new() };
    let old = &list.items[i].name;
    let groups = replacements(cat, old).unwrap_or_else(|| vec![with.clone()]);
    let mut present: Vec<String> = Vec::new();
    for (j, item) in list.items.iter().enumerate().filter(|(j, _)| *j != i) {
        match replacements(cat, &item.name) {
            Some(r) if j < i => present.extend(r.into_iter().next().unwrap_or_default()),
            Some(_) => {}
            None => present.push(item.name.clone()),
        }
    }
    let mut out = Vec::new();
    for (g, group) in groups.iter().enumerate() {
        let mut add: Vec<String> = Vec::new();
        for w in group.iter().filter(|w| !present.contains(w)) {
            if !add.contains(w) {
                add.push(w.clone());
            }
        }
        let (title, edits) = if add.is_empty() {
            let Some(edits) = list.remove(i) else { continue };
            (format!("Remove `{old}` ({} already listed)", quoted_list(group)), edits)
        } else {
            (format!("Replace `{old}` with {}", quoted_list(&add)), list.replace(i, &add, doc.eol))
        };
        let safety = if g == 0 { Safety::Safe } else { Safety::Unsafe };
        out.push(Fix { preferred: g == 0, ..Fix::local(d.code, title, safety, edits) });
    }
    out
}

/// `agents-needs-agent-tool`: add `agent` to `tools` — to the first `tools` entry that lacks it
/// (the rule checks every one when the key is duplicated, so a fix-all ends with all of them
/// having it instead of adding `agent` to the first again and again: fuzz target `fixes`).
pub(super) fn add_agent_tool(doc: &Doc, d: &Diagnostic) -> Vec<Fix> {
    let lacks_agent = |e: &&Entry| !list_entries(&e.value, &doc.text).iter().any(|(n, _)| n == "agent");
    let entries = doc.fm.into_iter().flat_map(|f| f.entries.iter());
    let Some(tools) = entries.filter(|e| e.key == "tools").find(lacks_agent) else { return Vec::new() };
    if tools.value.as_str().is_some_and(crate::knowledge::tools::ends_inside_parens) {
        return Vec::new(); // `agent` appended there would be read as part of the open `Tool(…`
    }
    let Some(list) = List::of(&tools.value, &doc.text, false) else { return Vec::new() };
    let Some(edits) = list.append("agent", doc.eol) else { return Vec::new() };
    vec![Fix::local(d.code, "Add `agent` to `tools`".into(), Safety::Unsafe, edits)]
}
