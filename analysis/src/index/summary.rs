//! [`FileSummary`]: what the workspace index keeps of one file — its definition (identity) and
//! the references it makes — built from the frontmatter and the line scan of the body (never a
//! Markdown parse).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::extract;
use super::span::Span;
use crate::knowledge::{knowledge, DefinitionKind, Detected, IdentityRule, ReferenceKind};
use crate::syntax::Parsed;
use crate::text::TextRange;
use crate::values::inner_range;
use crate::Snapshot;

/// A definition others can refer to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    /// The identity as the dialect computes it (`name:` value, file stem or folder name).
    pub identity: String,
    /// Kind.
    pub kind: DefinitionKind,
    /// Where the identity is written (`name:` value), when it comes from `name:`.
    pub name_span: Option<Span>,
    /// First paragraph of the description, for hover and completion.
    pub description: Option<String>,
    /// The identity is the file stem (renaming it renames the file).
    pub from_stem: bool,
    /// `disable-model-invocation: true` (or, where the dialect still knows it, the retired
    /// `infer: false`, which GitHub documents as the same): no model invokes it on its own — a
    /// skill cannot be preloaded (formats.md §1.1.9), a VS Code agent is no automatic subagent
    /// (§2.2, §2.5). Only keys the dialect's field table knows count.
    pub model_invocation_disabled: bool,
    /// `user-invocable: false` (or the misspelt `user-invokable: false`), where the dialect
    /// knows the key: hidden from the agents picker / slash menu (§1.2.2, §2.2).
    pub user_invocation_disabled: bool,
    /// Where a `name:` line can be inserted: the start of the line after the frontmatter's
    /// opening `---`, when the file has a frontmatter.
    pub name_insert: Option<Span>,
}

/// The syntaxes that refer to another definition or file (formats.md §1.5, §2.12, §4.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RefKind {
    /// VS Code `handoffs[].agent` (and the erroneous `handoffs[].target`).
    HandoffAgent,
    /// VS Code `agents:` item.
    AgentsItem,
    /// Prompt file `agent:` (legacy `mode:`).
    PromptAgent,
    /// Claude skill / command `agent:` (with `context: fork`).
    SkillAgent,
    /// `OpenCode` command `agent:`.
    OpencodeAgent,
    /// Claude `skills:` item.
    SkillsItem,
    /// `Agent(x)` / `Task(x)` in Claude `tools`.
    AgentTool,
    /// `@agent-x` or `@"x (agent)"` in a body.
    Mention,
    /// `subagent_type: "x"` in a body.
    SubagentType,
    /// "use the x agent" and similar prose.
    NaturalLanguage,
    /// A relative Markdown link `[t](path)`.
    Link,
    /// VS Code `#file:path`.
    FileRef,
    /// An absolute path in a body.
    AbsolutePath,
    /// An MCP server named by a tool (`mcp__srv__tool`, `srv/tool`) or an agent's `mcpServers` string item.
    McpServer,
}

impl RefKind {
    /// The reference a key of this data kind makes, for kinds whose value names a definition
    /// (`None` for tool lists and MCP server tables, which make several kinds).
    pub fn of(kind: ReferenceKind) -> Option<RefKind> {
        Some(match kind {
            ReferenceKind::HandoffAgent => RefKind::HandoffAgent,
            ReferenceKind::AgentsItem => RefKind::AgentsItem,
            ReferenceKind::PromptAgent => RefKind::PromptAgent,
            ReferenceKind::SkillAgent => RefKind::SkillAgent,
            ReferenceKind::OpencodeAgent => RefKind::OpencodeAgent,
            ReferenceKind::SkillsItem => RefKind::SkillsItem,
            _ => return None,
        })
    }

    /// True for references to agents, prompts or skills (as opposed to files and servers).
    pub fn is_definition_ref(self) -> bool {
        !matches!(self, RefKind::Link | RefKind::FileRef | RefKind::AbsolutePath | RefKind::McpServer)
    }
}

/// One reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// Syntax.
    pub kind: RefKind,
    /// The name or path as written (shared with the line scan that found it).
    pub target: Arc<str>,
    /// Where it is written (the name only, without quotes or syntax).
    pub span: Span,
    /// True when the text at `span` is exactly `target`. False inside an escaped, folded or
    /// padded scalar (`tools: "Agent(a)\x2c Read"`, a plain scalar continued on the next line):
    /// there the span is the whole scalar, so the reference is found and reported but rename
    /// cannot rewrite it.
    pub verbatim: bool,
}

/// The index's record of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSummary {
    /// Absolute path.
    pub path: PathBuf,
    /// Dialect and plugin.
    pub detected: Detected,
    /// Its definition, if it defines something.
    pub definition: Option<Definition>,
    /// References it makes, in source order.
    pub references: Vec<Reference>,
    /// MCP servers it declares inline (`mcpServers` map items, `mcp-servers` keys).
    pub mcp_servers: Vec<String>,
}

impl FileSummary {
    /// Summarises `snap` (the file at `path`, classified as `detected`).
    pub fn build(path: &Path, snap: &Snapshot, detected: &Detected) -> Self {
        let mut out = Self {
            path: path.to_path_buf(),
            detected: detected.clone(),
            definition: None,
            references: Vec::new(),
            mcp_servers: Vec::new(),
        };
        let src = extract::Source { text: &snap.head, doc: &snap.text };
        out.definition = definition(path, &snap.parsed, detected, src);
        extract::frontmatter_refs(&snap.parsed, detected.dialect, src, &mut out);
        extract::body_refs(snap, detected.dialect, &mut out.references);
        out.references.sort_by_key(|r| r.span.range.start);
        out
    }

    /// The identity qualified with its plugin (`plugin:name`), as `@agent-plugin:name` writes it.
    pub fn qualified_identity(&self) -> Option<String> {
        let d = self.definition.as_ref()?;
        Some(match &self.detected.plugin {
            Some(p) => format!("{p}:{}", d.identity),
            None => d.identity.clone(),
        })
    }
}

/// The file name without its dialect suffix (`x.agent.md` → `x`).
pub fn file_stem(path: &Path) -> String {
    let name = path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
    for suffix in [".agent.md", ".chatmode.md", ".prompt.md", ".instructions.md", ".md", ".mdc"] {
        if let Some(stem) = name.strip_suffix(suffix) {
            return stem.to_string();
        }
    }
    name
}

fn definition(path: &Path, parsed: &Parsed, detected: &Detected, src: extract::Source) -> Option<Definition> {
    let spec = knowledge().dialect(detected.dialect);
    let kind = spec.defines?;
    let fm = parsed.frontmatter.as_ref();
    let name = fm.and_then(|f| f.get("name")).filter(|e| e.value.as_str().is_some_and(|s| !s.trim().is_empty()));
    let (identity, name_span, from_stem) = match (spec.identity, name) {
        (IdentityRule::Name | IdentityRule::NameOrStem, Some(e)) => {
            (e.value.as_str()?.to_string(), Some(Span::new(src.doc, inner_range(&e.value, src.text))), false)
        }
        (IdentityRule::NameOrStem | IdentityRule::Stem, _) => (file_stem(path), None, true),
        // A plugin agent without a name loads under its file name (formats.md §1.1.2).
        (IdentityRule::Name, None) if detected.plugin.is_some() => (file_stem(path), None, true),
        (IdentityRule::Directory, _) => (path.parent()?.file_name()?.to_string_lossy().into_owned(), None, false),
        _ => return None,
    };
    let description = fm.and_then(|f| f.get("description")).and_then(|e| e.value.as_str()).map(first_paragraph);
    // A key the dialect does not know does nothing for its consumer (a Claude subagent's
    // `user-invocable: false` is ignored by Claude Code).
    let flag = |key: &str| {
        spec.field(key)?;
        fm?.get(key)?.value.as_scalar()?.as_lenient_bool()
    };
    let model_invocation_disabled = flag("disable-model-invocation").or(flag("infer").map(|b| !b)).unwrap_or(false);
    let user_invocation_disabled = flag("user-invocable").or(flag("user-invokable")).is_some_and(|b| !b);
    let name_insert = parsed.frontmatter.as_ref().map(|f| Span::new(src.doc, TextRange::empty(f.layout.content.start)));
    Some(Definition {
        identity,
        kind,
        name_span,
        description,
        from_stem,
        model_invocation_disabled,
        user_invocation_disabled,
        name_insert,
    })
}

/// The first paragraph of a description, at most 400 characters.
pub fn first_paragraph(s: &str) -> String {
    let para = s.split("\n\n").next().unwrap_or(s).split("\\n\\n").next().unwrap_or(s).trim();
    if para.chars().count() > 400 {
        format!("{}…", para.chars().take(400).collect::<String>())
    } else {
        para.to_string()
    }
}
