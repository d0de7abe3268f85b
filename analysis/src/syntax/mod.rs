//! Syntax: where the frontmatter is, what its YAML says, and the Markdown block tree.
//!
//! - [`frontmatter`] finds the `---` block (a line scan, no Markdown parse);
//! - [`yaml_cst`] parses it with tree-sitter-yaml on its included range;
//! - [`strict`] gives saphyr's verdict and message;
//! - [`lenient`] recovers every top-level key when the YAML is invalid;
//! - [`markdown`] keeps the tree-sitter-md block tree of open documents, edited incrementally.

pub mod frontmatter;
pub mod lenient;
pub mod markdown;
pub mod scalar;
pub mod strict;
pub mod value;
pub mod yaml_cst;

pub use frontmatter::{FrontmatterLayout, LayoutProblem, TopScan};
pub use lenient::{Recovery, RecoveryKind};
pub use strict::YamlError;
pub use value::{Entry, Scalar, ScalarStyle, Value, ValueKind};

/// The frontmatter's YAML, read as far as it can be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frontmatter {
    /// Delimiters and content range.
    pub layout: FrontmatterLayout,
    /// Top-level entries in source order (from the CST, or chunk by chunk when the YAML is
    /// invalid).
    pub entries: Vec<Entry>,
    /// The document is not a mapping (`- a`, a bare string): its root value.
    pub non_mapping_root: Option<Value>,
    /// saphyr's verdict on the whole content.
    pub strict_error: Option<YamlError>,
    /// Keys whose values needed the lenient reading.
    pub recoveries: Vec<Recovery>,
}

impl Frontmatter {
    /// Finds a top-level entry by key (the first, if duplicated).
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.key == key)
    }
}

/// Parses the YAML inside `layout`.
pub fn parse_frontmatter(text: &str, layout: &FrontmatterLayout) -> Frontmatter {
    let content = layout.content;
    let strict_error = strict::verdict(text, content).err();
    let mut fm = Frontmatter {
        layout: layout.clone(),
        entries: Vec::new(),
        non_mapping_root: None,
        strict_error,
        recoveries: Vec::new(),
    };
    if fm.strict_error.is_none() {
        let tree = yaml_cst::parse(text, content).filter(|t| !t.root_node().has_error());
        if let Some(tree) = tree {
            match yaml_cst::root_value(&tree, text) {
                None | Some(Value { kind: ValueKind::Null, .. }) => return fm,
                Some(Value { kind: ValueKind::Mapping(entries), .. }) => {
                    fm.entries = entries;
                    return fm;
                }
                Some(other) => {
                    fm.non_mapping_root = Some(other);
                    return fm;
                }
            }
        }
    }
    let (entries, recoveries) = lenient::scan(text, content);
    fm.entries = entries;
    fm.recoveries = recoveries;
    fm
}

/// The top scan and, when there is a frontmatter, its parse: all a bulk path needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// Layout of the top of the file.
    pub top: TopScan,
    /// The frontmatter's YAML.
    pub frontmatter: Option<Frontmatter>,
}

impl Parsed {
    /// Scans and parses `text`'s frontmatter (never the body).
    pub fn new(text: &str) -> Self {
        let top = frontmatter::scan(text);
        let frontmatter = top.frontmatter.as_ref().map(|l| parse_frontmatter(text, l));
        Self { top, frontmatter }
    }
}
