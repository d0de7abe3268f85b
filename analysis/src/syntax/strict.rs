//! The strict YAML verdict (saphyr-parser): does this text parse as YAML 1.2, and if not,
//! where and why.
//!
//! Only the event stream is read: aliases are never expanded, so an alias bomb costs nothing.

use saphyr_parser::{Event, Parser};

use crate::text::TextRange;

/// A YAML syntax error: saphyr's message and the document byte offset it points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// saphyr's description, e.g. `mapping values are not allowed in this context`.
    pub message: String,
    /// Document byte offset of the offending character.
    pub offset: usize,
}

/// Parses `range` of `text` strictly. `Err` carries the first error.
pub fn verdict(text: &str, range: TextRange) -> Result<(), YamlError> {
    let src = range.slice(text);
    let parser = Parser::new_from_str(src);
    for event in parser {
        match event {
            Ok((Event::StreamEnd, _)) => break,
            Ok(_) => {}
            Err(e) => {
                let char_index = e.marker().index();
                let byte = src.char_indices().nth(char_index).map_or(src.len(), |(b, _)| b);
                return Err(YamlError { message: e.info().to_string(), offset: range.start + byte });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unquoted_colon_is_rejected_at_the_colon() {
        let text = "---\ndescription: Owns CI: Docker\n---\n";
        let err = verdict(text, TextRange::new(4, 33)).unwrap_err();
        assert!(err.message.contains("mapping values"), "{}", err.message);
        assert_eq!(&text[err.offset..=err.offset], ":");
    }

    #[test]
    fn valid_yaml_passes() {
        let text = "a: [b, c]\nd: \"e: f\"\n";
        assert!(verdict(text, TextRange::new(0, text.len())).is_ok());
    }
}
