//! Generated workspaces for benchmarks: `n` agent files of realistic shape (Claude subagents,
//! Copilot agents with handoffs, prompts and skills) that reference each other. Shared by
//! `benches/` and `examples/` through `#[path]`.

use std::path::Path;

/// Writes `n` agent files under `root`.
pub fn generate(root: &Path, n: usize) {
    let body = "You are a specialist. Follow the checklist below.\n\n## Checklist\n\n- Read the code\n- Run the tests\n- Report findings with file and line\n\nUse the reviewer-0 agent when done. See [guide](../../docs/guide.md).\n".repeat(8);
    for i in 0..n {
        let (rel, text) = match i % 4 {
            0 => (
                format!(".claude/agents/group-{}/agent-{i}.md", i / 500),
                format!("---\nname: agent-{i}\ndescription: Handles task {i}. Use proactively for area {}.\ntools: Read, Grep, Glob, Bash, Agent(agent-{})\nmodel: sonnet\ncolor: blue\nskills: [skill-{}]\n---\n{body}", i % 17, (i + 4) % n, (i / 4) * 4 + 3),
            ),
            1 => (
                format!(".github/agents/agent-{i}.agent.md"),
                format!("---\nname: agent-{i}\ndescription: Plans step {i}.\ntools: ['search', 'edit', 'agent']\nmodel: Claude Sonnet 4.5 (copilot)\nhandoffs:\n  - label: Next\n    agent: agent-{}\n    prompt: Continue\n---\n{body}", (i + 4) % n),
            ),
            2 => (format!(".github/prompts/prompt-{i}.prompt.md"), format!("---\nagent: agent-{}\ndescription: Runs step {i}.\n---\n{body}", (i / 4) * 4 + 1)),
            _ => (format!(".claude/skills/skill-{i}/SKILL.md"), format!("---\nname: skill-{i}\ndescription: Skill {i}.\n---\n{body}")),
        };
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
}

/// A Claude subagent whose body is `size` bytes of ordinary prose: paragraphs of ~80-character
/// lines with headings, a link, an inline-code path and a sentence that names another agent
/// now and then (what a real long agent file holds; every line shape the line scan matches).
pub fn prose_agent(size: usize) -> String {
    let mut text = String::from(
        "---\nname: prose\ndescription: Reviews long documents. Use proactively after edits.\ntools: Read, Grep, Glob\nmodel: sonnet\n---\n",
    );
    let lines = [
        "The reviewer reads each section in order and notes every claim that lacks a source.\n",
        "When a section is unclear, it asks for an example before it suggests a rewrite.\n",
        "Use the planner agent when the change spans more than one module of the system.\n",
        "See [the style guide](../../docs/style.md) and keep `docs/notes.md` current as you go.\n",
        "Findings are reported with the file, the line and a one-sentence explanation.\n",
        "\n",
    ];
    let mut i = 0;
    while text.len() < size {
        if i % 60 == 0 {
            text.push_str(&format!("## Section {}\n\n", i / 60 + 1));
        }
        text.push_str(lines[i % lines.len()]);
        i += 1;
    }
    text
}
