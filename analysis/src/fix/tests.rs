//! Each family of fixes on a small file: the finding, its fixes, and the text after each.

use super::*;

/// The snapshot of `text` at `/w/<rel>`.
fn snap(rel: &str, text: &str) -> Snapshot {
    Snapshot::at_path(&format!("/w/{rel}"), text)
}

/// (title, safety, text after) of every fix of every `code` finding of `text`.
fn fixed(rel: &str, text: &str, code: &str) -> Vec<(String, Safety, String)> {
    let s = snap(rel, text);
    let found: Vec<Diagnostic> = crate::diagnostics(&s).into_iter().filter(|d| d.code == code).collect();
    assert!(!found.is_empty(), "no {code} in {:?}", crate::diagnostics(&s));
    found
        .iter()
        .flat_map(|d| fixes(&s, d, &FixCtx::local()))
        .map(|f| {
            let edits: Vec<TextEdit> = f.document_edits().cloned().collect();
            let after = apply_edits(text, &edits).expect("edits apply");
            (f.title, f.safety, after)
        })
        .collect()
}

/// The text after the first fix of the first `code` finding.
fn first(rel: &str, text: &str, code: &str) -> String {
    fixed(rel, text, code).into_iter().next().map_or_else(|| panic!("no fix for {code}"), |f| f.2)
}

#[test]
fn unquoted_colons_are_quoted_and_strict_yaml_reads_the_same_value() {
    let before = "---\nname: a\ndescription: Owns CI: Docker, it's fast\nmodel: sonnet\n---\n";
    let after = first(".claude/agents/a.md", before, "yaml-strict");
    assert_eq!(after, "---\nname: a\ndescription: 'Owns CI: Docker, it''s fast'\nmodel: sonnet\n---\n");
    let crlf = before.replace('\n', "\r\n");
    let after = first(".claude/agents/a.md", &crlf, "yaml-crlf-colon");
    assert_eq!(after, "---\r\nname: a\r\ndescription: 'Owns CI: Docker, it''s fast'\r\nmodel: sonnet\r\n---\r\n");
    let cont = "---\nname: a\ndescription: Use it: now\n<example>\nhi there\n---\n";
    let after = first(".claude/agents/a.md", cont, "yaml-continuation");
    assert_eq!(after, "---\nname: a\ndescription: 'Use it: now <example> hi there'\n---\n");
    let parsed = crate::syntax::Parsed::new(&after);
    assert!(parsed.frontmatter.unwrap().strict_error.is_none());
}

#[test]
fn long_values_fold_and_keep_a_one_line_alternative() {
    let long = format!("Use this agent when: {}", "the diff needs a careful review ".repeat(6).trim_end());
    let before = format!("---\nname: a\ndescription: {long}\n---\n");
    let all = fixed(".claude/agents/a.md", &before, "yaml-strict");
    assert_eq!(all.len(), 2);
    assert!(all[0].2.contains("description: >-\n  Use this agent when:"), "{}", all[0].2);
    let fm = crate::syntax::Parsed::new(&all[0].2).frontmatter.unwrap();
    assert!(fm.strict_error.is_none());
    assert_eq!(fm.get("description").unwrap().value.as_str(), Some(long.as_str()));
    assert_eq!(all[1].2, format!("---\nname: a\ndescription: '{long}'\n---\n"));
}

#[test]
fn tabs_and_flow_lists_are_indented() {
    let tabs = "---\nname: a\ndescription: d\ntools:\n\t- Read\n\t- Grep\n---\n";
    assert_eq!(
        first(".claude/agents/a.md", tabs, "yaml-strict"),
        "---\nname: a\ndescription: d\ntools:\n  - Read\n  - Grep\n---\n"
    );
    let flow = "---\ndescription: d\ntools: ['read',\n'edit']\n---\n";
    assert_eq!(
        first(".github/agents/a.agent.md", flow, "yaml-strict"),
        "---\ndescription: d\ntools: ['read',\n  'edit']\n---\n"
    );
}

#[test]
fn renamed_tools_become_their_replacements_without_repeats() {
    let agent = ".claude/agents/a.md";
    assert_eq!(
        first(agent, "---\nname: a\ndescription: d\ntools: Read, MultiEdit\n---\n", "renamed-tool"),
        "---\nname: a\ndescription: d\ntools: Read, Edit\n---\n"
    );
    assert_eq!(
        first(agent, "---\nname: a\ndescription: d\ntools: Edit, MultiEdit, Read\n---\n", "renamed-tool"),
        "---\nname: a\ndescription: d\ntools: Edit, Read\n---\n"
    );
    assert_eq!(
        first(agent, "---\nname: a\ndescription: d\ntools:\n  - LS\n  - Bash\n---\n", "renamed-tool"),
        "---\nname: a\ndescription: d\ntools:\n  - Glob\n  - Bash\n---\n"
    );
    assert_eq!(
        first(agent, "---\nname: a\ndescription: d\ntools: Task(reviewer), Read\n---\n", "renamed-tool"),
        "---\nname: a\ndescription: d\ntools: Agent(reviewer), Read\n---\n"
    );
    let vscode = ".github/agents/a.agent.md";
    let (title, safety, after) =
        fixed(vscode, "---\ndescription: d\ntools: ['codebase', 'read']\n---\n", "renamed-tool").remove(0);
    assert_eq!((title.as_str(), safety), ("Replace `codebase` with `search/codebase`", Safety::Safe));
    assert_eq!(after, "---\ndescription: d\ntools: ['search/codebase', 'read']\n---\n");
}

#[test]
fn did_you_mean_offers_each_candidate() {
    let agent = ".claude/agents/a.md";
    let all = fixed(agent, "---\nname: a\ndescription: d\ntools: Read, Grpe\nmodle: sonnet\n---\n", "unknown-tool");
    assert_eq!(all[0].0, "Replace `Grpe` with `Grep`");
    assert_eq!(all[0].1, Safety::Unsafe);
    assert!(all[0].2.contains("tools: Read, Grep\n"));
    assert!(first(agent, "---\nname: a\ndescription: d\nmodle: sonnet\n---\n", "unknown-field")
        .contains("\nmodel: sonnet\n"));
    assert!(first(agent, "---\nname: a\ndescription: d\nmodel: claude-4-5-opus\n---\n", "unknown-model")
        .contains("model: claude-opus-4-5\n"));
    assert!(first(agent, "---\nname: a\ndescription: d\npermissionMode: acceptEdit\n---\n", "bad-enum")
        .contains("permissionMode: acceptEdits\n"));
}

#[test]
fn keys_and_values() {
    let handoff =
        "---\ndescription: d\nhandoffs:\n  - label: Go\n    target: impl\n    prompt: p\n    send: \"false\"\n---\n";
    let vscode = ".github/agents/a.agent.md";
    assert!(first(vscode, handoff, "handoff-target-key").contains("    agent: impl\n"));
    assert!(first(vscode, handoff, "bad-type").contains("    send: false\n"));
    let prompt = ".github/prompts/p.prompt.md";
    assert_eq!(
        first(prompt, "---\nmode: agent\n---\nDo it.\n", "deprecated-field"),
        "---\nagent: agent\n---\nDo it.\n"
    );
    assert_eq!(
        first(prompt, "---\nagent: ask\nmode: agent\n---\nDo it.\n", "deprecated-field"),
        "---\nagent: ask\n---\nDo it.\n"
    );
    assert_eq!(
        first(vscode, "---\ndescription: d\ninfer: false\n---\n", "deprecated-field"),
        "---\ndescription: d\nuser-invocable: false\ndisable-model-invocation: true\n---\n"
    );
    assert_eq!(
        first(vscode, "---\ndescription: d\ninfer: true\n---\n", "deprecated-field"),
        "---\ndescription: d\n---\n"
    );
    assert!(first(vscode, "---\ndescription: d\nuser-invokable: false\n---\n", "deprecated-field")
        .contains("\nuser-invocable: false\n"));
    let dup = fixed(".claude/agents/a.md", "---\nname: a\ndescription: one\ndescription: two\n---\n", "duplicate-key")
        .remove(0);
    assert_eq!((dup.1, dup.2.as_str()), (Safety::Unsafe, "---\nname: a\ndescription: two\n---\n"));
    let same = fixed(".claude/agents/a.md", "---\nname: a\nname: a\ndescription: d\n---\n", "duplicate-key").remove(0);
    assert_eq!(same.1, Safety::Safe);
}

#[test]
fn missing_things_are_inserted() {
    let agent = ".claude/agents/code-reviewer.md";
    assert_eq!(
        first(agent, "Review the diff.\n", "missing-frontmatter"),
        "---\nname: code-reviewer\ndescription: 'TODO: describe what this agent does and when to use it'\n---\nReview the diff.\n"
    );
    assert_eq!(
        first(agent, "---\ndescription: d\n---\n", "missing-required"),
        "---\nname: code-reviewer\ndescription: d\n---\n"
    );
    let handoff = "---\ndescription: d\nhandoffs:\n  - label: Go\n    agent: impl\n---\n";
    assert_eq!(
        first(".github/agents/a.agent.md", handoff, "missing-required"),
        "---\ndescription: d\nhandoffs:\n  - label: Go\n    agent: impl\n    prompt: 'TODO: what impl should do'\n---\n"
    );
    let flow = "---\ndescription: d\nhandoffs: [{label: Go, agent: impl}]\n---\n";
    assert!(
        first(".github/agents/a.agent.md", flow, "missing-required").contains("{label: Go, agent: impl, prompt: 'TODO")
    );
}

#[test]
fn names_and_tools_lists() {
    let agent = ".claude/agents/a.md";
    assert!(first(agent, "---\nname: SEO Expert\ndescription: d\n---\n", "invalid-name").contains("name: seo-expert\n"));
    let skill = ".claude/skills/pdf-tools/SKILL.md";
    assert!(first(skill, "---\nname: pdf\ndescription: d\n---\n", "name-dir-mismatch").contains("name: pdf-tools\n"));
    let vscode = ".github/agents/a.agent.md";
    let both = "---\ndescription: d\nagents: ['b']\ntools: ['read']\n---\n";
    assert!(first(vscode, both, "agents-needs-agent-tool").contains("tools: ['read', 'agent']\n"));
}

#[test]
fn delimiters_are_repaired() {
    let agent = ".claude/agents/a.md";
    assert_eq!(
        first(agent, "\n\n---\nname: a\ndescription: d\n---\n", "misplaced-frontmatter"),
        "---\nname: a\ndescription: d\n---\n"
    );
    assert_eq!(
        first(agent, "  ---\n  name: a\n  description: d\n  ---\nBody\n", "misplaced-frontmatter"),
        "---\nname: a\ndescription: d\n---\nBody\n"
    );
    assert_eq!(
        first(agent, "----\nname: a\ndescription: d\n----\n", "misplaced-frontmatter"),
        "---\nname: a\ndescription: d\n---\n"
    );
    assert_eq!(
        first(agent, "---\nname: a\ndescription: d\n...\n", "unclosed-frontmatter"),
        "---\nname: a\ndescription: d\n---\n"
    );
    let gemini = ".gemini/agents/a.md";
    assert_eq!(
        first(gemini, "\u{feff}---\nname: a\ndescription: d\n---\nBody\n", "misplaced-frontmatter"),
        "---\nname: a\ndescription: d\n---\nBody\n"
    );
}

#[test]
fn fixes_applied_together_never_write_a_key_twice() {
    let all = |rel: &str, text: &str, allow: Safety| {
        let s = snap(rel, text);
        fix_document(&s, &|s: &Snapshot| crate::diagnostics(s), &FixCtx::local(), allow).unwrap().text
    };
    let vscode = ".github/agents/a.agent.md";
    assert_eq!(
        all(vscode, "---\ndescription: d\ninfer: false\nuser-invokable: true\n---\n", Safety::Safe),
        "---\ndescription: d\ndisable-model-invocation: true\nuser-invocable: true\n---\n"
    );
    // `nmae` is renamed; no placeholder `name` is added beside it.
    assert_eq!(
        all(".claude/agents/a.md", "---\nnmae: a\ndescription: d\n---\n", Safety::Unsafe),
        "---\nname: a\ndescription: d\n---\n"
    );
    // Alternatives of a legacy tool: the first is safe, the others are guesses.
    let ls = fixed(".claude/agents/a.md", "---\nname: a\ndescription: d\ntools: Read, LS\n---\n", "renamed-tool");
    let shown: Vec<(&str, Safety)> = ls.iter().map(|(t, s, _)| (t.as_str(), *s)).collect();
    assert_eq!(shown, [("Replace `LS` with `Glob`", Safety::Safe), ("Replace `LS` with `Bash`", Safety::Unsafe)]);
}

#[test]
fn the_catalogue_says_which_codes_are_fixable() {
    // Every code the dispatcher fixes is marked fixable, and only those.
    let handled = [
        "yaml-strict",
        "yaml-crlf-colon",
        "yaml-continuation",
        "renamed-tool",
        "agents-needs-agent-tool",
        "unknown-tool",
        "unknown-model",
        "bad-enum",
        "unknown-agent-ref",
        "unknown-skill",
        "unknown-field",
        "unknown-mcp-server",
        "handoff-target-key",
        "deprecated-field",
        "bad-type",
        "duplicate-key",
        "missing-required",
        "missing-frontmatter",
        "invalid-name",
        "name-dir-mismatch",
        "misplaced-frontmatter",
        "unclosed-frontmatter",
    ];
    for c in crate::codes() {
        assert_eq!(c.fix.is_some(), handled.contains(&c.code.as_str()), "{}", c.code);
    }
}
