//! The GitHub format: one workflow command per finding, which GitHub Actions turns into an
//! annotation on the file and line (`::error file=…,line=…::message`).

use std::io::{self, Write};

use agentls_analysis::Severity;

use super::report::FileReport;

/// `::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=agentls CODE::MESSAGE` per
/// finding (warnings `::warning`, information and hints `::notice`). Columns are given only
/// when the range is on one line, as GitHub ignores them otherwise.
pub(super) fn write(out: &mut impl Write, reports: &[FileReport]) -> io::Result<()> {
    for f in reports.iter().flat_map(FileReport::findings) {
        let d = f.diagnostic;
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information | Severity::Hint => "notice",
        };
        let mut props = format!("file={},line={}", property(&f.report.relative_path()), f.start.line);
        if f.end.line == f.start.line {
            props.push_str(&format!(",col={},endLine={},endColumn={}", f.start.column, f.end.line, f.end.column));
        } else {
            props.push_str(&format!(",endLine={}", f.end.line));
        }
        let title = property(&format!("agentls {}", d.code));
        writeln!(out, "::{command} {props},title={title}::{}", data(&d.message))?;
    }
    Ok(())
}

/// A command's message: `%`, `\r` and `\n` escaped (GitHub's `escapeData`).
fn data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A command's property value: also `:` and `,` escaped (GitHub's `escapeProperty`).
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_github_documents() {
        assert_eq!(data("50% done\r\nnext: a, b"), "50%25 done%0D%0Anext: a, b");
        assert_eq!(property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
