//! The frontmatter value model: what the analysis sees of YAML, with byte ranges.
//!
//! Built either from the tree-sitter-yaml CST ([`super::yaml_cst`]) or, for keys whose YAML
//! does not parse, from the lenient line scanner ([`super::lenient`]). Every node carries the
//! [`TextRange`] (document byte offsets) of its source text.

use crate::text::TextRange;

/// How a scalar was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarStyle {
    /// Unquoted.
    Plain,
    /// `'…'`.
    SingleQuoted,
    /// `"…"`.
    DoubleQuoted,
    /// `|` block scalar.
    Literal,
    /// `>` block scalar.
    Folded,
    /// Not valid YAML; the text is the rest of the key line plus continuation lines, the way
    /// Claude Code's fallback reads it (formats.md §0.2).
    Lenient,
}

/// A scalar's decoded text and style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scalar {
    /// The value after unescaping and line folding.
    pub text: String,
    /// How it was written.
    pub style: ScalarStyle,
}

impl Scalar {
    /// True for an unquoted scalar (plain or lenient), whose type YAML infers.
    pub fn is_plain(&self) -> bool {
        matches!(self.style, ScalarStyle::Plain | ScalarStyle::Lenient)
    }

    /// The boolean a plain scalar spells under the YAML 1.2 core schema (`true`, `False`, …).
    pub fn as_core_bool(&self) -> Option<bool> {
        if !self.is_plain() {
            return None;
        }
        match self.text.as_str() {
            "true" | "True" | "TRUE" => Some(true),
            "false" | "False" | "FALSE" => Some(false),
            _ => None,
        }
    }

    /// The boolean under Claude Code's lenient reading for skills and plugins
    /// (`yes/no/on/off/1/0`, any case; formats.md §0.3).
    pub fn as_lenient_bool(&self) -> Option<bool> {
        match self.text.to_ascii_lowercase().as_str() {
            "true" | "yes" | "on" | "1" => Some(true),
            "false" | "no" | "off" | "0" => Some(false),
            _ => None,
        }
    }

    /// The integer a plain scalar spells, if any.
    pub fn as_int(&self) -> Option<i64> {
        if !self.is_plain() {
            return None;
        }
        self.text.parse().ok()
    }

    /// True when a plain scalar is a finite number (integer or float).
    pub fn is_number(&self) -> bool {
        self.is_plain() && self.text.parse::<f64>().is_ok_and(f64::is_finite)
    }
}

/// A YAML node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Value {
    /// Source range of the node (for a block scalar: header to last content line).
    pub range: TextRange,
    /// What it is.
    pub kind: ValueKind,
}

/// The kinds of node the analysis distinguishes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueKind {
    /// Empty value or `null` / `~`.
    Null,
    /// A string, number or boolean, by style.
    Scalar(Scalar),
    /// A block (`- a`) or flow (`[a, b]`) sequence.
    Sequence(Vec<Value>),
    /// A block or flow mapping.
    Mapping(Vec<Entry>),
    /// An alias, or a node nested deeper than the converter follows.
    Other,
    /// The YAML of this value does not parse even leniently (a `yaml-parse` error is reported).
    Invalid,
}

impl Value {
    /// The scalar, when this is one.
    pub fn as_scalar(&self) -> Option<&Scalar> {
        match &self.kind {
            ValueKind::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// The scalar text, when this is a scalar.
    pub fn as_str(&self) -> Option<&str> {
        self.as_scalar().map(|s| s.text.as_str())
    }

    /// The entries, when this is a mapping.
    pub fn as_mapping(&self) -> Option<&[Entry]> {
        match &self.kind {
            ValueKind::Mapping(e) => Some(e),
            _ => None,
        }
    }

    /// A short name of the kind for messages ("a list", "a map", "a string"…).
    pub fn kind_name(&self) -> &'static str {
        match &self.kind {
            ValueKind::Null => "empty",
            ValueKind::Scalar(s) if s.as_core_bool().is_some() => "a boolean",
            ValueKind::Scalar(s) if s.is_number() => "a number",
            ValueKind::Scalar(_) => "a string",
            ValueKind::Sequence(_) => "a list",
            ValueKind::Mapping(_) => "a map",
            ValueKind::Other => "an alias",
            ValueKind::Invalid => "invalid YAML",
        }
    }

    /// Finds an entry by key when this is a mapping.
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.as_mapping()?.iter().find(|e| e.key == key)
    }
}

/// One `key: value` pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The key's decoded text.
    pub key: String,
    /// Source range of the key.
    pub key_range: TextRange,
    /// The value; for `key:` with nothing after it, a [`ValueKind::Null`] with an empty range
    /// just after the colon.
    pub value: Value,
}

impl Entry {
    /// From the key's start to the value's end.
    pub fn range(&self) -> TextRange {
        TextRange::new(self.key_range.start, self.value.range.end.max(self.key_range.end))
    }
}
