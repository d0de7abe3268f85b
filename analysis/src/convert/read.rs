//! Reading an agent file's frontmatter into the [`Portable`] form: the keys each dialect shares
//! with the others; every other key is noted as dropped.

use super::portable::{Handoff, Invocation, Portable};
use super::tools::{self, Tool};
use super::{models, opencode_permission};
use crate::knowledge::tools::tool_base_name;
use crate::knowledge::Dialect;
use crate::syntax::value::{Entry, Value};
use crate::syntax::Frontmatter;
use crate::values::list_entries;

/// The keys of each dialect the portable form carries; every other key is dropped.
const CARRIED: &[(Dialect, &[&str])] = &[
    (Dialect::ClaudeAgent, &["name", "description", "tools", "disallowedTools", "model", "maxTurns"]),
    (
        Dialect::CopilotAgent,
        &[
            "name",
            "description",
            "tools",
            "agents",
            "handoffs",
            "model",
            "user-invocable",
            "user-invokable",
            "disable-model-invocation",
            "infer",
        ],
    ),
    (Dialect::OpencodeAgent, &["name", "description", "mode", "model", "steps", "maxSteps", "permission", "tools"]),
];

/// The portable form of the frontmatter `fm` (`head` is the text its ranges index) of a file of
/// `dialect` whose identity is `identity`; `target` names the dialect converted to, for notes.
pub(crate) fn read(fm: Option<&Frontmatter>, head: &str, dialect: Dialect, identity: &str, target: &str) -> Portable {
    let mut p = Portable { name: identity.to_string(), ..Portable::default() };
    let Some(fm) = fm else { return p };
    let carried = CARRIED.iter().find(|(d, _)| *d == dialect).map_or(&[][..], |(_, k)| *k);
    let text = |e: &Entry| e.value.as_str().map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    p.description = fm.get("description").and_then(text);
    for e in fm.entries.iter().filter(|e| !carried.contains(&e.key.as_str())) {
        p.drop_key(&e.key, format!("`{}` has no equivalent in {target}", e.key));
    }
    match dialect {
        Dialect::ClaudeAgent => claude(fm, head, &mut p),
        Dialect::CopilotAgent => copilot(fm, head, &mut p),
        Dialect::OpencodeAgent => opencode(fm, &mut p),
        _ => {}
    }
    p
}

fn claude(fm: &Frontmatter, head: &str, p: &mut Portable) {
    if let Some(e) = fm.get("tools") {
        let mut list = Vec::new();
        for (entry, _) in list_entries(&e.value, head) {
            let base = tool_base_name(&entry);
            if (base == "Agent" || base == "Task") && entry.contains('(') {
                let inner = entry[entry.find('(').unwrap_or(0) + 1..].trim_end_matches(')');
                for name in inner.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                    p.allow_agent(name);
                }
            }
            let specifier = entry.contains('(') && base != "Agent" && base != "Task";
            match tools::from_claude(base) {
                Some(t) => {
                    let current = tools::to_claude(&t);
                    if !base.starts_with("mcp__") && current.iter().all(|c| c != base) {
                        p.changed("tools", format!("`{base}` is an old name: written as `{}`", current.join(", ")));
                    }
                    if specifier {
                        p.changed(
                            "tools",
                            format!("`{entry}`: the specifier has no equivalent; the whole tool is allowed"),
                        );
                    }
                    if !list.contains(&t) {
                        list.push(t);
                    }
                }
                None => p.drop_key("tools", format!("tool `{entry}` has no equivalent")),
            }
        }
        p.tools = Some(list);
    }
    if let Some(e) = fm.get("disallowedTools") {
        for (entry, _) in list_entries(&e.value, head) {
            match tools::from_claude(&entry) {
                Some(t) => p.denied.push(t),
                None => p.drop_key("disallowedTools", format!("tool `{entry}` has no equivalent")),
            }
        }
    }
    if let Some(v) = fm.get("model").and_then(|e| e.value.as_str()) {
        p.model = models::from_claude(v.trim());
    }
    p.max_turns = fm.get("maxTurns").and_then(|e| e.value.as_scalar()).and_then(crate::syntax::value::Scalar::as_int);
}

fn copilot(fm: &Frontmatter, head: &str, p: &mut Portable) {
    if let Some(e) = fm.get("tools") {
        let mut list: Vec<Tool> = Vec::new();
        for (entry, _) in list_entries(&e.value, head) {
            let found = tools::from_vscode(&entry);
            if found.is_empty() {
                p.drop_key("tools", format!("tool `{entry}` has no equivalent"));
            } else if found.iter().flat_map(tools::to_vscode).collect::<Vec<_>>() != [entry.clone()] {
                let names: Vec<String> = found.iter().flat_map(tools::to_claude).collect();
                p.changed("tools", format!("`{entry}` is read as the tools {}", names.join(", ")));
            }
            for t in found {
                if !list.contains(&t) {
                    list.push(t);
                }
            }
        }
        p.tools = Some(list);
    }
    if let Some(e) = fm.get("agents") {
        for (name, _) in list_entries(&e.value, head) {
            if name != "*" {
                p.allow_agent(&name);
            }
        }
        // `agents: []` allows no subagent.
        p.agents.get_or_insert_with(Vec::new);
        if list_entries(&e.value, head).iter().any(|(n, _)| n == "*") {
            p.agents = None;
        }
    }
    if let Some(e) = fm.get("handoffs") {
        for item in crate::values::items(&e.value) {
            let field = |k: &str| item.as_mapping()?.iter().find(|x| x.key == k)?.value.as_str().map(str::to_string);
            if let Some(agent) = field("agent").or_else(|| field("target")) {
                p.handoffs.push(Handoff { label: field("label").unwrap_or_default(), agent });
            }
        }
    }
    if let Some(e) = fm.get("model") {
        let all = crate::values::items(&e.value);
        if all.len() > 1 {
            p.changed(
                "model",
                format!(
                    "only the first of {} models, `{}`, is kept",
                    all.len(),
                    first_string(&e.value).unwrap_or_default()
                ),
            );
        }
        p.model = first_string(&e.value).map(|m| models::from_copilot(&m));
    }
    let flag =
        |k: &str| fm.get(k).and_then(|e| e.value.as_scalar()).and_then(crate::syntax::value::Scalar::as_lenient_bool);
    let user = flag("user-invocable").or(flag("user-invokable")).unwrap_or(true);
    let model = flag("disable-model-invocation").map(|b| !b).or(flag("infer")).unwrap_or(true);
    p.invocation_key = if user { "disable-model-invocation" } else { "user-invocable" };
    p.invocation = match (user, model) {
        (false, true) => Invocation::ModelOnly,
        (true, false) => Invocation::UserOnly,
        (false, false) => {
            p.changed(
                "user-invocable",
                "hidden from both the picker and automatic delegation: kept as hidden from the picker only",
            );
            Invocation::ModelOnly
        }
        (true, true) => Invocation::Both,
    };
}

/// A string, or the first string of a list (VS Code model fallbacks).
fn first_string(v: &Value) -> Option<String> {
    crate::values::items(v).first().and_then(|i| i.as_str()).map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

fn opencode(fm: &Frontmatter, p: &mut Portable) {
    p.invocation_key = "mode";
    p.invocation = match fm.get("mode").and_then(|e| e.value.as_str()) {
        Some("primary") => Invocation::UserOnly,
        Some("subagent") => Invocation::ModelOnly,
        _ => Invocation::Both,
    };
    if let Some(v) = fm.get("model").and_then(|e| e.value.as_str()) {
        p.model = Some(models::from_opencode(v.trim()));
    }
    let int = |k: &str| fm.get(k).and_then(|e| e.value.as_scalar()).and_then(crate::syntax::value::Scalar::as_int);
    p.max_turns = int("steps").or_else(|| int("maxSteps"));
    if let Some(e) = fm.get("permission") {
        opencode_permission::read(&e.value, p);
    }
    if let Some(e) = fm.get("tools") {
        opencode_permission::read_legacy_tools(&e.value, p);
    }
}
