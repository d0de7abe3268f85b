//! The JSON format: one array of findings (a stable shape other tools parse).

use std::io::{self, Write};

use serde::Serialize;

use super::report::{FileReport, Pos};

#[derive(Serialize)]
struct JsonPos {
    line: u32,
    column: u32,
}

impl From<Pos> for JsonPos {
    fn from(p: Pos) -> Self {
        Self { line: p.line, column: p.column }
    }
}

#[derive(Serialize)]
struct JsonRange {
    start: JsonPos,
    end: JsonPos,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    path: String,
    dialect: &'static str,
    severity: &'static str,
    code: &'static str,
    message: &'a str,
    range: JsonRange,
}

/// One JSON array of every finding: `path` (as shown by the human format), `dialect`,
/// `severity`, `code`, `message`, `range` (1-based lines, 1-based columns in characters; `end`
/// is just after the range).
pub(super) fn write(out: &mut impl Write, reports: &[FileReport]) -> io::Result<()> {
    let all: Vec<JsonDiagnostic> = reports
        .iter()
        .flat_map(FileReport::findings)
        .map(|f| JsonDiagnostic {
            path: f.report.path.display().to_string(),
            dialect: f.report.dialect(),
            severity: f.diagnostic.severity.as_str(),
            code: f.diagnostic.code,
            message: &f.diagnostic.message,
            range: JsonRange { start: f.start.into(), end: f.end.into() },
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &all).map_err(io::Error::other)?;
    writeln!(out)
}
