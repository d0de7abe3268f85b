//! Decoding YAML scalar source text: line folding, quote escapes, block scalar headers.
//!
//! Inputs are the exact source slices tree-sitter-yaml reports for a scalar node; outputs are
//! the string values YAML 1.2 gives them (close enough for agent files: indentation indicators
//! and exotic escapes are handled, tabs in indentation are treated like spaces).

/// Folds a multi-line plain scalar: lines are trimmed and joined by one space; an empty line
/// becomes a line break.
pub fn fold_plain(raw: &str) -> String {
    fold_lines(raw.lines().map(str::trim))
}

/// Joins trimmed lines the way YAML folds flow scalars.
fn fold_lines<'a>(lines: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    let mut pending_breaks = 0usize;
    let mut first = true;
    for line in lines {
        if line.is_empty() {
            pending_breaks += 1;
            continue;
        }
        if !first {
            if pending_breaks == 0 {
                out.push(' ');
            } else {
                out.extend(std::iter::repeat_n('\n', pending_breaks));
            }
        }
        pending_breaks = 0;
        first = false;
        out.push_str(line);
    }
    out
}

/// Decodes a `'…'` scalar (quotes included in `raw`).
pub fn decode_single_quoted(raw: &str) -> String {
    let inner = strip_quotes(raw, '\'');
    fold_lines(inner.split('\n').map(|l| l.trim_matches([' ', '\t', '\r']))).replace("''", "'")
}

/// Decodes a `"…"` scalar (quotes included in `raw`): escapes and line folding. An escaped
/// line break (`\` at line end) joins lines without a space.
pub fn decode_double_quoted(raw: &str) -> String {
    let inner = strip_quotes(raw, '"');
    // Fold first on raw lines, but keep escaped line ends glued.
    let mut folded = String::new();
    let lines: Vec<&str> = inner.split('\n').collect();
    let mut pending_breaks = 0usize;
    for (i, line) in lines.iter().enumerate() {
        let mut l = line.trim_end_matches('\r');
        if i > 0 {
            l = l.trim_start_matches([' ', '\t']);
        }
        if i + 1 < lines.len() {
            l = l.trim_end_matches([' ', '\t']);
        }
        if i > 0 && !l.is_empty() {
            let glued = folded.ends_with('\\') && !folded.ends_with("\\\\");
            if glued {
                folded.pop();
            } else if pending_breaks == 0 {
                folded.push(' ');
            } else {
                folded.extend(std::iter::repeat_n("\\n", pending_breaks));
            }
            pending_breaks = 0;
        } else if i > 0 {
            pending_breaks += 1;
            continue;
        }
        folded.push_str(l);
    }
    unescape(&folded)
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t' | '\t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('0') => out.push('\0'),
            Some('a') => out.push('\x07'),
            Some('b') => out.push('\x08'),
            Some('e') => out.push('\x1b'),
            Some('f') => out.push('\x0c'),
            Some('v') => out.push('\x0b'),
            Some(c @ (' ' | '/' | '"' | '\\')) => out.push(c),
            Some('N') => out.push('\u{85}'),
            Some('_') => out.push('\u{a0}'),
            Some('L') => out.push('\u{2028}'),
            Some('P') => out.push('\u{2029}'),
            Some(k @ ('x' | 'u' | 'U')) => {
                let n = match k {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let hex: String = chars.by_ref().take(n).collect();
                if let Some(ch) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    out.push(ch);
                } else {
                    out.push('\\');
                    out.push(k);
                    out.push_str(&hex);
                }
            }
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

fn strip_quotes(raw: &str, q: char) -> &str {
    let s = raw.strip_prefix(q).unwrap_or(raw);
    s.strip_suffix(q).unwrap_or(s)
}

/// The lines of a folded block scalar (`>`), indentation removed, folded as YAML 1.2 §8.1.3
/// says: a line break between two ordinary lines becomes a space, blank lines are kept, and
/// more-indented lines keep their breaks. Ends with one `\n` (chomping is applied after).
fn fold_block_lines(content: &[&str]) -> String {
    let mut out = String::new();
    let mut prev_more_indented = false;
    let mut pending = 0usize;
    let mut started = false;
    for l in content {
        if l.trim().is_empty() {
            pending += 1;
            continue;
        }
        let more = l.starts_with([' ', '\t']);
        if started {
            if pending == 0 && !more && !prev_more_indented {
                out.push(' ');
            } else {
                let breaks = if more || prev_more_indented { pending + 1 } else { pending };
                out.extend(std::iter::repeat_n('\n', breaks));
            }
        }
        pending = 0;
        started = true;
        prev_more_indented = more;
        out.push_str(l);
    }
    out.push('\n');
    out
}

/// Decodes a block scalar (`|` or `>` header line included in `raw`). Returns the text and
/// whether it was folded (`>`).
pub fn decode_block_scalar(raw: &str) -> (String, bool) {
    let mut lines = raw.split('\n');
    let header = lines.next().unwrap_or("");
    let header = header.split(" #").next().unwrap_or(header).trim();
    let folded = header.starts_with('>');
    let keep = header.contains('+');
    let strip = header.contains('-');
    let explicit: Option<usize> =
        header.chars().find(char::is_ascii_digit).and_then(|c| c.to_digit(10)).map(|d| d as usize);
    let body: Vec<&str> = lines.map(|l| l.trim_end_matches('\r')).collect();
    let indent = explicit.unwrap_or_else(|| {
        body.iter().find(|l| !l.trim().is_empty()).map_or(0, |l| l.len() - l.trim_start_matches([' ', '\t']).len())
    });
    // Strip at most `indent` leading blanks: a less-indented line (invalid, but tree-sitter may
    // still hand it over) keeps its text, and slicing never lands inside a character.
    let content: Vec<&str> =
        body.iter().map(|l| &l[l.bytes().take(indent).take_while(|b| *b == b' ' || *b == b'\t').count()..]).collect();
    let mut text = if folded {
        fold_block_lines(&content)
    } else {
        let mut out = content.join("\n");
        if !out.ends_with('\n') {
            out.push('\n');
        }
        out
    };
    if !keep {
        while text.ends_with("\n\n") {
            text.pop();
        }
    }
    if strip {
        while text.ends_with('\n') {
            text.pop();
        }
    }
    if text.trim().is_empty() {
        text.clear();
    }
    (text, folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_folding() {
        assert_eq!(fold_plain("a b\n   c\n\n   d"), "a b c\nd");
    }

    #[test]
    fn double_quoted_escapes() {
        assert_eq!(decode_double_quoted(r#""a\\nb \"q\" \u00e9""#), "a\\nb \"q\" é");
        assert_eq!(decode_double_quoted("\"a\\nb\""), "a\nb");
        assert_eq!(decode_double_quoted("\"one\n  two\""), "one two");
    }

    #[test]
    fn single_quoted() {
        assert_eq!(decode_single_quoted("'it''s'"), "it's");
    }

    #[test]
    fn block_scalars() {
        assert_eq!(decode_block_scalar("|\n  a\n  b\n").0, "a\nb\n");
        assert_eq!(decode_block_scalar(">-\n  a\n  b\n").0, "a b");
        assert_eq!(decode_block_scalar(">\n  a\n\n  b\n").0, "a\nb\n");
    }

    #[test]
    fn less_indented_multibyte_line_does_not_split_a_character() {
        // Found by the parse_file fuzzer: the indentation width fell inside `é`.
        assert_eq!(decode_block_scalar("|\n    a\n é\n").0, "a\né\n");
    }
}
