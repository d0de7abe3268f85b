//! [`List`]: a tool-like list as written — a comma- or space-separated string, a flow sequence
//! (`[a, 'b']`) or a block sequence (`- a`) — and the edits that replace, remove or add one
//! entry while keeping how the list is written (separator, quotes, indentation).

use super::edit::{line_end, line_start, whole_lines, TextEdit};
use crate::knowledge::tools::split_outside_parens;
use crate::syntax::{Value, ValueKind};
use crate::text::TextRange;
use crate::values::scalar_text_base;

/// How the list is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// One string, entries separated by this (`", "` or `" "`).
    Separated(&'static str),
    /// `[a, b]`.
    Flow,
    /// `- a` lines.
    Block,
}

/// One entry.
#[derive(Debug, Clone)]
pub(super) struct Item {
    /// Its text.
    pub name: String,
    /// Where it is written, quotes included.
    pub range: TextRange,
    /// Its quote character, if quoted.
    quote: Option<char>,
}

/// A list and its entries.
pub(super) struct List<'a> {
    text: &'a str,
    value: &'a Value,
    form: Form,
    /// The entries, in order.
    pub items: Vec<Item>,
}

impl<'a> List<'a> {
    /// The list `value` holds, when every entry is written verbatim (`None` for escaped or
    /// folded strings and lists holding anything but strings). A string without commas is split
    /// at spaces when `spaces` (Claude Code reads `tools: Read Grep` so).
    pub fn of(value: &'a Value, text: &'a str, spaces: bool) -> Option<Self> {
        let (form, items) = match &value.kind {
            ValueKind::Sequence(items) => {
                let form = if value.range.slice(text).starts_with('[') { Form::Flow } else { Form::Block };
                let items = items.iter().map(|i| {
                    let name = i.as_str()?.to_string();
                    let raw = i.range.slice(text);
                    let quote = raw.chars().next().filter(|c| matches!(c, '\'' | '"'));
                    let verbatim = if quote.is_some() { raw.get(1..raw.len() - 1) == Some(&name) } else { raw == name };
                    verbatim.then_some(Item { name, range: i.range, quote })
                });
                (form, items.collect::<Option<Vec<_>>>()?)
            }
            ValueKind::Scalar(s) => {
                let base = scalar_text_base(value, text)?;
                let comma = s.text.contains(',');
                if !comma && !spaces {
                    return None;
                }
                let (sep, pieces) = if comma {
                    (", ", split_outside_parens(&s.text, base, |c| c == ','))
                } else {
                    (" ", split_outside_parens(&s.text, base, char::is_whitespace))
                };
                let items = pieces.into_iter().map(|(name, range)| Item { name, range, quote: None }).collect();
                (Form::Separated(sep), items)
            }
            _ => return None,
        };
        Some(Self { text, value, form, items })
    }

    /// The index of the entry written at `range` (with or without its quotes).
    pub fn find(&self, range: TextRange) -> Option<usize> {
        self.items.iter().position(|i| i.range == range || inner(i) == range)
    }

    /// `name` written as entry `like` is (its quotes).
    fn written(&self, name: &str, like: Option<&Item>) -> String {
        match (self.form, like.and_then(|i| i.quote)) {
            (Form::Separated(_), _) => name.to_string(),
            (_, Some('"')) => format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\"")),
            (_, Some(_)) => format!("'{}'", name.replace('\'', "''")),
            (_, None) => super::quote::yaml_scalar(name),
        }
    }

    /// Entry `i` replaced by `names` (at least one), each written like it.
    pub fn replace(&self, i: usize, names: &[String], eol: &str) -> Vec<TextEdit> {
        let item = &self.items[i];
        let written: Vec<String> = names.iter().map(|n| self.written(n, Some(item))).collect();
        match self.form {
            Form::Separated(sep) => vec![TextEdit::replace(item.range, written.join(sep))],
            Form::Flow => vec![TextEdit::replace(item.range, written.join(", "))],
            Form::Block => {
                let prefix = &self.text[line_start(self.text, item.range.start)..item.range.start];
                let mut edits = vec![TextEdit::replace(item.range, written[0].clone())];
                let more = written[1..].iter().fold(String::new(), |mut s, w| {
                    s.push_str(&format!("{eol}{prefix}{w}"));
                    s
                });
                if !more.is_empty() {
                    edits.push(TextEdit::insert(line_end(self.text, item.range.end), more));
                }
                edits
            }
        }
    }

    /// Entry `i` removed with its separator; `None` for the only entry (an empty list means
    /// something else).
    pub fn remove(&self, i: usize) -> Option<Vec<TextEdit>> {
        if self.items.len() < 2 {
            return None;
        }
        let item = &self.items[i];
        let range = match self.form {
            Form::Block => whole_lines(self.text, item.range),
            _ => match self.items.get(i + 1) {
                Some(next) => TextRange::new(item.range.start, next.range.start),
                None => TextRange::new(self.items[i - 1].range.end, item.range.end),
            },
        };
        Some(vec![TextEdit::delete(range)])
    }

    /// `name` added after the last entry (written like it); `None` for an empty string list.
    pub fn append(&self, name: &str, eol: &str) -> Option<Vec<TextEdit>> {
        let last = self.items.last();
        let edit = match (self.form, last) {
            (Form::Separated(sep), Some(last)) => TextEdit::insert(last.range.end, format!("{sep}{name}")),
            (Form::Flow, Some(last)) => {
                TextEdit::insert(last.range.end, format!(", {}", self.written(name, Some(last))))
            }
            (Form::Flow, None) => TextEdit::insert(self.value.range.start + 1, self.written(name, None)),
            (Form::Block, Some(last)) => {
                let prefix = &self.text[line_start(self.text, last.range.start)..last.range.start];
                TextEdit::insert(
                    line_end(self.text, last.range.end),
                    format!("{eol}{prefix}{}", self.written(name, Some(last))),
                )
            }
            _ => return None,
        };
        Some(vec![edit])
    }
}

/// An entry's range without its quotes.
fn inner(i: &Item) -> TextRange {
    if i.quote.is_some() && i.range.len() >= 2 {
        TextRange::new(i.range.start + 1, i.range.end - 1)
    } else {
        i.range
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fix::apply_edits;
    use crate::syntax::Parsed;

    /// `edit(list)` applied to the `tools` list of `text`.
    fn edited(text: &str, spaces: bool, edit: impl Fn(&List) -> Option<Vec<TextEdit>>) -> String {
        let parsed = Parsed::new(text);
        let fm = parsed.frontmatter.as_ref().unwrap();
        let list = List::of(&fm.get("tools").unwrap().value, text, spaces).unwrap();
        apply_edits(text, &edit(&list).unwrap()).unwrap()
    }

    #[test]
    fn each_form_keeps_its_style() {
        let two = ["a".to_string(), "b/c".to_string()];
        let cases = [
            (
                "---\ntools: X, Read\n---\n",
                "---\ntools: a, b/c, Read\n---\n",
                "---\ntools: Read\n---\n",
                "---\ntools: X, Read, agent\n---\n",
            ),
            (
                "---\ntools: X Read\n---\n",
                "---\ntools: a b/c Read\n---\n",
                "---\ntools: Read\n---\n",
                "---\ntools: X Read agent\n---\n",
            ),
            (
                "---\ntools: ['X', \"Read\"]\n---\n",
                "---\ntools: ['a', 'b/c', \"Read\"]\n---\n",
                "---\ntools: [\"Read\"]\n---\n",
                "---\ntools: ['X', \"Read\", \"agent\"]\n---\n",
            ),
            (
                "---\ntools:\n  - X\n  - Read\n---\n",
                "---\ntools:\n  - a\n  - b/c\n  - Read\n---\n",
                "---\ntools:\n  - Read\n---\n",
                "---\ntools:\n  - X\n  - Read\n  - agent\n---\n",
            ),
        ];
        for (before, replaced, removed, appended) in cases {
            assert_eq!(edited(before, true, |l| Some(l.replace(0, &two, "\n"))), replaced, "{before}");
            assert_eq!(edited(before, true, |l| l.remove(0)), removed, "{before}");
            assert_eq!(edited(before, true, |l| l.append("agent", "\n")), appended, "{before}");
        }
        assert_eq!(edited("---\ntools: Read, X\n---\n", false, |l| l.remove(1)), "---\ntools: Read\n---\n");
        assert_eq!(edited("---\ntools: []\n---\n", false, |l| l.append("agent", "\n")), "---\ntools: [agent]\n---\n");
    }
}
