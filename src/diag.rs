//! Diagnostics: every problem found in the input is a value, collected in one pass and
//! printed at the end, grouped by file and sheet. Messages are in Italian: they are read by
//! the offices that fill the workbooks.

use serde::Serialize;
use std::fmt::Write as _;

/// How serious a problem is: errors stop the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    #[serde(rename = "errore")]
    Error,
    #[serde(rename = "avviso")]
    Warning,
}

/// Where a problem is, as precisely as the input allows.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "tipo", rename_all = "lowercase")]
pub enum Location {
    /// A whole file (missing, unreadable).
    #[serde(rename = "file")]
    File { file: String },
    /// A position in a YAML file; `path` is the key path (`ente.rpct.nome`).
    #[serde(rename = "yaml")]
    Yaml {
        file: String,
        line: usize,
        column: usize,
        path: String,
    },
    /// A sheet of a workbook, or one of its cells (A1 notation) with the column header.
    #[serde(rename = "foglio")]
    Sheet {
        file: String,
        sheet: String,
        cell: Option<String>,
        header: Option<String>,
    },
}

impl Location {
    pub fn file(file: impl Into<String>) -> Self {
        Location::File { file: file.into() }
    }

    pub fn sheet(file: impl Into<String>, sheet: impl Into<String>) -> Self {
        Location::Sheet {
            file: file.into(),
            sheet: sheet.into(),
            cell: None,
            header: None,
        }
    }

    /// A cell, from zero-based row and column indices.
    pub fn cell(
        file: impl Into<String>,
        sheet: impl Into<String>,
        row: u32,
        col: u32,
        header: impl Into<String>,
    ) -> Self {
        Location::Sheet {
            file: file.into(),
            sheet: sheet.into(),
            cell: Some(a1(row, col)),
            header: Some(header.into()),
        }
    }

    /// The file this location belongs to, used to group the report.
    pub fn file_name(&self) -> &str {
        match self {
            Location::File { file }
            | Location::Yaml { file, .. }
            | Location::Sheet { file, .. } => file,
        }
    }
}

/// A1 notation for zero-based row and column indices (`a1(6, 3)` is `D7`).
pub fn a1(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut c = col + 1;
    while c > 0 {
        let rem = (c - 1) % 26;
        letters.push(b'A' + rem as u8);
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Location::File { file } => write!(f, "{file}"),
            Location::Yaml {
                file,
                line,
                column,
                path,
            } => {
                write!(f, "{file}:{line}:{column}")?;
                if !path.is_empty() {
                    write!(f, " ({path})")?;
                }
                Ok(())
            }
            Location::Sheet {
                file,
                sheet,
                cell,
                header,
            } => {
                write!(f, "{file} › {sheet}")?;
                if let Some(cell) = cell {
                    write!(f, "!{cell}")?;
                }
                if let Some(header) = header {
                    write!(f, " (colonna «{header}»)")?;
                }
                Ok(())
            }
        }
    }
}

/// One problem: what, where, and how to fix it when that is obvious.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    #[serde(rename = "gravita")]
    pub severity: Severity,
    #[serde(rename = "posizione")]
    pub location: Location,
    #[serde(rename = "messaggio")]
    pub message: String,
    #[serde(rename = "suggerimento", skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            location,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            location,
            message: message.into(),
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// All the problems of one run.
#[derive(Debug, Default, Clone)]
pub struct Report {
    items: Vec<Diagnostic>,
    /// The order in which an office works through its files and sheets (see
    /// [`Report::set_order`]); files and sheets not listed come after, by name.
    order: Vec<(String, Vec<String>)>,
}

/// `s` safe to print on a terminal: every control character (an escape sequence from a
/// cell, a bell, a line break inside a value) is shown escaped, as `\u{1b}`.
pub fn terminal_safe(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

impl Location {
    fn make_safe(&mut self) {
        match self {
            Location::File { file } => *file = terminal_safe(file),
            Location::Yaml { file, path, .. } => {
                *file = terminal_safe(file);
                *path = terminal_safe(path);
            }
            Location::Sheet {
                file,
                sheet,
                header,
                ..
            } => {
                *file = terminal_safe(file);
                *sheet = terminal_safe(sheet);
                if let Some(h) = header {
                    *h = terminal_safe(h);
                }
            }
        }
    }
}

impl Report {
    /// Adds a problem; user text it quotes is made terminal-safe here, once for the text and
    /// the JSON report alike.
    pub fn push(&mut self, mut diagnostic: Diagnostic) {
        diagnostic.message = terminal_safe(&diagnostic.message);
        diagnostic.hint = diagnostic.hint.map(|h| terminal_safe(&h));
        diagnostic.location.make_safe();
        self.items.push(diagnostic);
    }

    pub fn error(&mut self, location: Location, message: impl Into<String>) {
        self.push(Diagnostic::error(location, message));
    }

    pub fn warning(&mut self, location: Location, message: impl Into<String>) {
        self.push(Diagnostic::warning(location, message));
    }

    pub fn extend(&mut self, other: Report) {
        self.items.extend(other.items);
    }

    /// Files, each with its sheets, in the order the report lists them: the secretariat's
    /// `ente.yaml` first, then the units sheet every other table cites, then the rest.
    pub fn set_order(&mut self, order: Vec<(String, Vec<String>)>) {
        self.order = order;
    }

    pub fn items(&self) -> &[Diagnostic] {
        &self.items
    }

    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|d| d.severity == severity).count()
    }

    /// Diagnostics in a stable order: by file, then sheet, then position.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut items: Vec<&Diagnostic> = self.items.iter().collect();
        items.sort_by_key(|d| (self.rank(&d.location), sort_key(&d.location)));
        items
    }

    /// The position of a location's file and sheet in the office order.
    fn rank(&self, location: &Location) -> (usize, usize) {
        let file = location.file_name();
        let Some(f) = self.order.iter().position(|(name, _)| name == file) else {
            return (self.order.len(), 0);
        };
        let sheets = &self.order[f].1;
        let s = match location {
            Location::Sheet { sheet, .. } => sheets
                .iter()
                .position(|name| name == sheet)
                .unwrap_or(sheets.len()),
            // A file-wide problem (missing, unreadable) comes before its sheets' ones.
            _ => 0,
        };
        (f, s)
    }

    /// The report as text for a terminal: grouped by file and sheet, errors and warnings kept
    /// apart by their label, and a summary line.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let mut group = String::new();
        for d in self.sorted() {
            let this_group = match &d.location {
                Location::Sheet { file, sheet, .. } => format!("{file} › {sheet}"),
                other => other.file_name().to_string(),
            };
            if this_group != group {
                if !group.is_empty() {
                    out.push('\n');
                }
                let _ = writeln!(out, "== {this_group}");
                group = this_group;
            }
            let label = match d.severity {
                Severity::Error => "errore",
                Severity::Warning => "avviso",
            };
            let _ = writeln!(out, "{label}: {}: {}", d.location, d.message);
            if let Some(hint) = &d.hint {
                let _ = writeln!(out, "  suggerimento: {hint}");
            }
        }
        if !self.items.is_empty() {
            out.push('\n');
        }
        let _ = writeln!(out, "{}", self.summary());
        out
    }

    /// "2 errori, 1 avviso".
    pub fn summary(&self) -> String {
        let e = self.count(Severity::Error);
        let w = self.count(Severity::Warning);
        if e == 0 && w == 0 {
            return "Nessun problema trovato.".to_string();
        }
        let errors = if e == 1 {
            "1 errore".to_string()
        } else {
            format!("{e} errori")
        };
        let warnings = if w == 1 {
            "1 avviso".to_string()
        } else {
            format!("{w} avvisi")
        };
        format!("Riepilogo: {errors}, {warnings}.")
    }

    /// The report as JSON, for other programs (`piao check --format json`).
    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct Out<'a> {
            errori: usize,
            avvisi: usize,
            problemi: Vec<&'a Diagnostic>,
        }
        let out = Out {
            errori: self.count(Severity::Error),
            avvisi: self.count(Severity::Warning),
            problemi: self.sorted(),
        };
        serde_json::to_string_pretty(&out).expect("diagnostics always serialize")
    }
}

/// Sorting key: file, sheet, then row and column of the cell (so D10 comes after D9).
fn sort_key(location: &Location) -> (String, String, u32, u32, usize, usize) {
    match location {
        Location::File { file } => (file.clone(), String::new(), 0, 0, 0, 0),
        Location::Yaml {
            file, line, column, ..
        } => (file.clone(), String::new(), 0, 0, *line, *column),
        Location::Sheet {
            file, sheet, cell, ..
        } => {
            let (row, col) = cell.as_deref().map(parse_a1).unwrap_or((0, 0));
            (file.clone(), sheet.clone(), row, col, 0, 0)
        }
    }
}

fn parse_a1(cell: &str) -> (u32, u32) {
    let split = cell
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(cell.len());
    let (letters, digits) = cell.split_at(split);
    let col = letters
        .bytes()
        .filter(u8::is_ascii_uppercase)
        .fold(0u32, |acc, b| acc * 26 + u32::from(b - b'A' + 1));
    (digits.parse().unwrap_or(0), col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a1_notation() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(6, 3), "D7");
        assert_eq!(a1(9, 25), "Z10");
        assert_eq!(a1(0, 26), "AA1");
        assert_eq!(parse_a1("AA12"), (12, 27));
    }

    #[test]
    fn control_characters_are_shown_escaped() {
        let mut r = Report::default();
        r.error(
            Location::cell("a.xlsx", "Foglio\u{7}", 0, 0, "Nome\u{1b}[31m"),
            "valore '\u{1b}]0;titolo\u{7}' non valido",
        );
        let text = r.to_text();
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{text:?}"
        );
        assert!(
            text.contains("valore '\\u{1b}]0;titolo\\u{7}' non valido"),
            "{text}"
        );
        assert!(text.contains("«Nome\\u{1b}[31m»"), "{text}");
        assert!(r.to_json().contains("\\\\u{1b}"), "{}", r.to_json());
    }

    #[test]
    fn problems_follow_the_office_order() {
        let mut r = Report::default();
        r.set_order(vec![
            ("ente.yaml".into(), vec![]),
            (
                "personale.xlsx".into(),
                vec!["Strutture".into(), "Personale".into()],
            ),
        ]);
        r.error(
            Location::cell("personale.xlsx", "Personale", 1, 0, "S"),
            "b",
        );
        r.error(Location::file("anticorruzione.xlsx"), "d");
        r.error(
            Location::cell("personale.xlsx", "Strutture", 6, 0, "C"),
            "a",
        );
        r.error(Location::file("ente.yaml"), "0");
        let order: Vec<&str> = r.sorted().iter().map(|d| d.message.as_str()).collect();
        assert_eq!(order, ["0", "a", "b", "d"]);
    }

    #[test]
    fn summary_counts_both_kinds() {
        let mut r = Report::default();
        r.error(Location::file("a.xlsx"), "x");
        r.warning(Location::file("a.xlsx"), "y");
        r.warning(Location::file("a.xlsx"), "z");
        assert_eq!(r.summary(), "Riepilogo: 1 errore, 2 avvisi.");
        assert!(r.has_errors());
    }
}
