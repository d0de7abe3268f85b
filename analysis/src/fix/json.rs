//! Adding a member to an object of a JSON (or JSONC: `//` and `/* */` comments, as VS Code's
//! `mcp.json` allows) text, as an insertion that keeps everything else as written. A scanner,
//! not a parser: it finds the top-level object and the object at one of its keys, and gives up
//! (`None`) on anything it does not understand, so a broken file is never touched.

use super::edit::{indentation, TextEdit};

/// A cursor over the text.
struct Scan<'a> {
    s: &'a [u8],
    at: usize,
}

impl Scan<'_> {
    /// Skips blanks and comments.
    fn blank(&mut self) {
        loop {
            while self.s.get(self.at).is_some_and(u8::is_ascii_whitespace) {
                self.at += 1;
            }
            match (self.s.get(self.at), self.s.get(self.at + 1)) {
                (Some(b'/'), Some(b'/')) => {
                    while self.s.get(self.at).is_some_and(|&b| b != b'\n') {
                        self.at += 1;
                    }
                }
                (Some(b'/'), Some(b'*')) => {
                    self.at += 2;
                    while self.at < self.s.len() && !self.s[self.at..].starts_with(b"*/") {
                        self.at += 1;
                    }
                    self.at = (self.at + 2).min(self.s.len());
                }
                _ => return,
            }
        }
    }

    /// A string at the cursor: its raw content (escapes kept).
    fn string(&mut self) -> Option<&[u8]> {
        if self.s.get(self.at) != Some(&b'"') {
            return None;
        }
        let start = self.at + 1;
        let mut i = start;
        loop {
            match self.s.get(i)? {
                b'\\' => i += 2,
                b'"' => break,
                _ => i += 1,
            }
        }
        self.at = i + 1;
        Some(&self.s[start..i])
    }

    /// Skips one value (string, object, array or literal).
    fn value(&mut self) -> Option<()> {
        match self.s.get(self.at)? {
            b'"' => self.string().map(|_| ()),
            b'{' | b'[' => {
                let mut depth = 0usize;
                loop {
                    self.blank();
                    match self.s.get(self.at)? {
                        b'"' => {
                            self.string()?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => depth -= 1,
                        _ => {}
                    }
                    self.at += 1;
                    if depth == 0 {
                        return Some(());
                    }
                }
            }
            _ => {
                while self.s.get(self.at).is_some_and(|b| !b",}] \t\r\n/".contains(b)) {
                    self.at += 1;
                }
                Some(())
            }
        }
    }

    /// The members of the object whose `{` is at the cursor: (key, offset of its value), and
    /// the offset of the closing `}`.
    fn members(&mut self) -> Option<(Vec<(String, usize)>, usize)> {
        if self.s.get(self.at) != Some(&b'{') {
            return None;
        }
        self.at += 1;
        let mut out = Vec::new();
        loop {
            self.blank();
            match self.s.get(self.at)? {
                b'}' => return Some((out, self.at)),
                b',' => self.at += 1,
                b'"' => {
                    let key = String::from_utf8_lossy(self.string()?).into_owned();
                    self.blank();
                    (self.s.get(self.at)? == &b':').then_some(())?;
                    self.at += 1;
                    self.blank();
                    out.push((key, self.at));
                    self.value()?;
                }
                _ => return None,
            }
        }
    }
}

/// The insertion adding `"name": value` to the object at the top-level key `section` of
/// `text` (creating `section` when absent), indented like the file; `None` when `text` is not
/// a JSON object, `section` is not an object, or it already has `name`.
pub(super) fn add_member(text: &str, section: &str, name: &str, value: &str) -> Option<TextEdit> {
    let mut scan = Scan { s: text.as_bytes(), at: 0 };
    scan.blank();
    let top_open = scan.at;
    let (members, top_close) = scan.members()?;
    scan.at = top_close + 1;
    scan.blank();
    (scan.at == text.len()).then_some(())?;
    let eol = super::edit::eol(text);
    let unit = members.first().map_or("  ", |(_, at)| indentation(text, *at)).to_string();
    let unit = if unit.is_empty() { "  ".to_string() } else { unit };
    let member = format!("\"{}\": {value}", escape(name));
    if let Some(&(_, at)) = members.iter().find(|(k, _)| k == section) {
        let mut inner = Scan { s: text.as_bytes(), at };
        let (entries, close) = inner.members()?;
        if entries.iter().any(|(k, _)| k == name) {
            return None;
        }
        let outer = indentation(text, at);
        let indent =
            entries.first().map_or_else(|| format!("{outer}{unit}"), |(_, a)| indentation(text, *a).to_string());
        return Some(if entries.is_empty() {
            TextEdit::replace((at + 1..close).into(), format!("{eol}{indent}{member}{eol}{outer}"))
        } else {
            TextEdit::insert(at + 1, format!("{eol}{indent}{member},"))
        });
    }
    let block = format!("\"{section}\": {{{eol}{unit}{unit}{member}{eol}{unit}}}");
    Some(if members.is_empty() {
        TextEdit::replace((top_open + 1..top_close).into(), format!("{eol}{unit}{block}{eol}"))
    } else {
        TextEdit::insert(top_open + 1, format!("{eol}{unit}{block},"))
    })
}

/// `s` escaped for a JSON string.
fn escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fix::apply_edits;

    fn added(text: &str) -> Option<String> {
        let edit = add_member(text, "servers", "db", "{ \"command\": \"x\" }")?;
        apply_edits(text, &[edit])
    }

    #[test]
    fn members_are_added_where_they_belong() {
        let cases = [
            ("{}", "{\n  \"servers\": {\n    \"db\": { \"command\": \"x\" }\n  }\n}"),
            ("{\n    \"inputs\": []\n}\n", "{\n    \"servers\": {\n        \"db\": { \"command\": \"x\" }\n    },\n    \"inputs\": []\n}\n"),
            (
                "{\n  // local servers\n  \"servers\": {\n    \"gh\": {\"url\": \"https://x/{a}\"}\n  }\n}\n",
                "{\n  // local servers\n  \"servers\": {\n    \"db\": { \"command\": \"x\" },\n    \"gh\": {\"url\": \"https://x/{a}\"}\n  }\n}\n",
            ),
            ("{\"servers\": {}}", "{\"servers\": {\n  \"db\": { \"command\": \"x\" }\n}}"),
        ];
        for (before, after) in cases {
            assert_eq!(added(before).as_deref(), Some(after), "{before}");
        }
        for broken in ["", "[]", "{\"servers\": []}", "{\"servers\": {\"db\": 1}}", "{\"a\": 1", "{} x"] {
            assert_eq!(added(broken), None, "{broken}");
        }
    }
}
