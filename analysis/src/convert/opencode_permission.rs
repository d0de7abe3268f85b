//! `OpenCode`'s `permission` (and deprecated `tools`) ⇄ the portable allow-list, deny-list and
//! subagents (formats.md §3.1.1, §3.1.3): `"*": deny` followed by `key: allow` entries is an
//! allow-list, `key: deny` removes a tool, `task: {"*": deny, name: allow}` names the subagents
//! the agent may run. `ask` has no equivalent elsewhere: the tool is kept, and the change noted.

use super::portable::Portable;
use super::tools::{self, Tool};
use super::yaml::Node;
use super::{Note, NoteKind};
use crate::syntax::value::{Value, ValueKind};

/// The action a permission value spells; a map of patterns reads as its `"*"` pattern (or `ask`).
fn action(value: &Value, key: &str, p: &mut Portable) -> String {
    match &value.kind {
        ValueKind::Scalar(s) => s.text.trim().to_string(),
        ValueKind::Mapping(patterns) => {
            p.changed("permission", format!("`{key}` patterns have no equivalent; the tool is kept whole"));
            patterns.iter().find(|e| e.key == "*").and_then(|e| e.value.as_str()).unwrap_or("ask").to_string()
        }
        _ => "ask".to_string(),
    }
}

/// Reads `permission` into `p`.
pub(crate) fn read(value: &Value, p: &mut Portable) {
    let Some(entries) = value.as_mapping() else {
        match value.as_str().map(str::trim) {
            Some("deny") => p.tools = Some(Vec::new()),
            Some("ask") => p.changed("permission", "`ask` has no equivalent: every tool is allowed"),
            _ => {}
        }
        return;
    };
    if entries.iter().any(|e| e.key == "*" && e.value.as_str().map(str::trim) == Some("deny")) {
        p.tools = Some(Vec::new());
    }
    for e in entries.iter().filter(|e| e.key != "*") {
        if e.key == "task" {
            task(&e.value, p);
            continue;
        }
        let found = tools::from_opencode(&e.key);
        if found.is_empty() {
            p.drop_key("permission", format!("permission `{}` has no equivalent", e.key));
            continue;
        }
        match action(&e.value, &e.key, p).as_str() {
            "deny" => p.denied.extend(found),
            other => {
                if other == "ask" {
                    p.changed("permission", format!("`{}: ask` has no equivalent: the tool is allowed", e.key));
                }
                for t in found {
                    p.allow(t);
                }
            }
        }
    }
}

/// `task`: an action for every subagent, or `{"*": deny, name: allow, …}`.
fn task(value: &Value, p: &mut Portable) {
    let agent = tools::claude_row("Agent").map(Tool::Row);
    if let Some(patterns) = value.as_mapping() {
        for e in patterns.iter().filter(|e| e.key != "*" && e.value.as_str() == Some("allow")) {
            if e.key.contains(['*', '?']) {
                p.changed("permission", format!("subagent pattern `{}` has no equivalent", e.key));
            } else {
                p.allow_agent(&e.key);
            }
        }
        p.agents.get_or_insert_with(Vec::new);
        p.allow(agent.clone().expect("the Agent row"));
        return;
    }
    match value.as_str().map(str::trim) {
        Some("deny") => p.denied.extend(agent),
        _ => {
            if let Some(a) = agent {
                p.allow(a);
            }
        }
    }
}

/// Reads the deprecated `tools: {name: bool}` map: `false` removes a tool.
pub(crate) fn read_legacy_tools(value: &Value, p: &mut Portable) {
    for e in value.as_mapping().unwrap_or_default() {
        let off = e.value.as_scalar().and_then(crate::syntax::value::Scalar::as_lenient_bool) == Some(false);
        let found = tools::from_opencode(&e.key);
        if found.is_empty() {
            p.drop_key("tools", format!("tool {} has no equivalent", e.key));
        } else if off {
            p.denied.extend(found);
        }
    }
}

/// The `permission` map of `p`, or `None` when it restricts nothing.
pub(crate) fn write(p: &Portable, notes: &mut Vec<Note>) -> Option<Node> {
    let mut map: Vec<(String, Node)> = Vec::new();
    let set = |key: &str, node: Node, map: &mut Vec<(String, Node)>| {
        if !map.iter().any(|(k, _)| k == key) {
            map.push((key.to_string(), node));
        }
    };
    let allow = || Node::Str("allow".into());
    if let Some(list) = &p.tools {
        set("*", Node::Str("deny".into()), &mut map);
        for t in list {
            let keys = tools::to_opencode(t);
            if keys.is_empty() {
                notes.push(note(
                    "tools",
                    NoteKind::Dropped,
                    format!("tool {} has no equivalent in OpenCode", tools::describe(t)),
                ));
            }
            let back = tools::comes_back(t, tools::to_opencode, tools::from_opencode);
            if back.len() > 1 {
                let names: Vec<String> = back.iter().flat_map(tools::to_claude).collect();
                notes.push(note(
                    "tools",
                    NoteKind::Changed,
                    format!(
                        "{} becomes `{}`, which OpenCode reads as {}",
                        tools::describe(t),
                        keys.join("`, `"),
                        names.join(", ")
                    ),
                ));
            }
            for k in keys {
                let node = if k == "task" { task_node(p).unwrap_or_else(allow) } else { allow() };
                set(&k, node, &mut map);
            }
        }
    } else if let Some(node) = task_node(p) {
        set("task", node, &mut map);
    }
    for t in &p.denied {
        let keys = tools::to_opencode(t);
        if keys.is_empty() {
            notes.push(note(
                "disallowedTools",
                NoteKind::Dropped,
                format!("tool {} has no equivalent in OpenCode", tools::describe(t)),
            ));
        }
        for k in keys {
            map.retain(|(key, _)| *key != k);
            map.push((k, Node::Str("deny".into())));
        }
    }
    (!map.is_empty()).then_some(Node::Map(map))
}

fn note(key: &str, kind: NoteKind, message: String) -> Note {
    Note { key: key.to_string(), kind, message }
}

/// `task: {"*": deny, name: allow, …}` when the subagents are named.
fn task_node(p: &Portable) -> Option<Node> {
    let agents = p.agents.as_ref()?;
    let mut map = vec![("*".to_string(), Node::Str("deny".into()))];
    map.extend(agents.iter().map(|a| (a.clone(), Node::Str("allow".into()))));
    Some(Node::Map(map))
}
