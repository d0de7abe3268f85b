//! Writing the converted frontmatter as YAML, through `saphyr`'s emitter: it quotes every string
//! a strict YAML 1.2 (or a YAML 1.1) reader could take for something else — `: `, `#`, flow
//! indicators, leading indicators, `yes`/`on`/`null`, numbers — so each consumer reads back the
//! string that was meant.

use saphyr::{Mapping, Scalar, Yaml, YamlEmitter};

/// A frontmatter value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    /// A string.
    Str(String),
    /// An integer.
    Int(i64),
    /// A boolean.
    Bool(bool),
    /// A sequence (written as a block list).
    List(Vec<Node>),
    /// A mapping, in order.
    Map(Vec<(String, Node)>),
}

fn to_yaml(node: &Node) -> Yaml<'static> {
    match node {
        Node::Str(s) => Yaml::Value(Scalar::String(s.clone().into())),
        Node::Int(i) => Yaml::Value(Scalar::Integer(*i)),
        Node::Bool(b) => Yaml::Value(Scalar::Boolean(*b)),
        Node::List(items) => Yaml::Sequence(items.iter().map(to_yaml).collect()),
        Node::Map(entries) => Yaml::Mapping(mapping(entries)),
    }
}

fn mapping(entries: &[(String, Node)]) -> Mapping<'static> {
    entries.iter().map(|(k, v)| (Yaml::Value(Scalar::String(k.clone().into())), to_yaml(v))).collect()
}

/// The YAML of a frontmatter (without the `---` delimiters), each line ended by `newline`.
pub(crate) fn emit(entries: &[(String, Node)], newline: &str) -> String {
    if entries.is_empty() {
        return String::new();
    }
    let mut out = String::new();
    let doc = Yaml::Mapping(mapping(entries));
    // Writing into a `String` cannot fail; a value the emitter cannot represent would be a bug here.
    YamlEmitter::new(&mut out).dump(&doc).expect("saphyr emits any mapping of strings, numbers and lists");
    let body = out.strip_prefix("---\n").or_else(|| out.strip_prefix("---")).unwrap_or(&out);
    let mut text = String::with_capacity(body.len() + 16);
    for line in body.lines() {
        text.push_str(line);
        text.push_str(newline);
    }
    if text.is_empty() {
        text.push_str(newline);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Node {
        Node::Str(v.to_string())
    }

    #[test]
    fn strings_that_would_read_as_something_else_are_quoted() {
        let entries = vec![
            ("name".to_string(), s("reviewer")),
            ("description".to_string(), s("Reviews code: bugs, style # and more")),
            ("model".to_string(), s("yes")),
            ("tools".to_string(), Node::List(vec![s("read/readFile"), s("*"), s("123")])),
            ("steps".to_string(), Node::Int(5)),
            ("permission".to_string(), Node::Map(vec![("*".to_string(), s("deny")), ("read".to_string(), s("allow"))])),
        ];
        let yaml = emit(&entries, "\n");
        assert_eq!(
            yaml,
            "name: reviewer\ndescription: \"Reviews code: bugs, style # and more\"\nmodel: \"yes\"\ntools:\n  - read/readFile\n  - \"*\"\n  - \"123\"\nsteps: 5\npermission:\n  \"*\": deny\n  read: allow\n"
        );
        let parsed = crate::syntax::Parsed::new(&format!("---\n{yaml}---\n"));
        let fm = parsed.frontmatter.unwrap();
        assert_eq!(fm.get("description").and_then(|e| e.value.as_str()), Some("Reviews code: bugs, style # and more"));
        assert_eq!(emit(&entries, "\r\n").matches("\r\n").count(), yaml.matches('\n').count());
    }
}
