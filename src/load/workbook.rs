//! Reading one office's workbook (.xlsx or .ods) against its declaration: find each sheet,
//! match the header row (any order, any case, with or without accents), parse every cell, and
//! hand on rows of typed values that remember their cell addresses.

use super::cell::{self, Value};
use crate::diag::{Location, Report};
use crate::workbook::spec::{Sheet, Workbook};
use calamine::{Data, Range, Reader};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Where a row came from, so later checks can point at its cells.
#[derive(Debug, Clone)]
pub struct RowRef {
    pub file: String,
    pub sheet: &'static str,
    /// Zero-based row index in the sheet.
    pub row: u32,
    /// Zero-based column index and header text of each column found.
    pub columns: HashMap<&'static str, (u32, &'static str)>,
}

impl RowRef {
    /// The location of this row's cell in column `key` (or of the row when the column is
    /// absent).
    pub fn cell(&self, key: &str) -> Location {
        match self.columns.get(key) {
            Some((col, header)) => Location::cell(&self.file, self.sheet, self.row, *col, *header),
            // The column is not in the file (an optional one): point at the row's first cell.
            None => Location::Sheet {
                file: self.file.clone(),
                sheet: self.sheet.to_string(),
                cell: Some(crate::diag::a1(self.row, 0)),
                header: None,
            },
        }
    }
}

/// One data row: its typed values by column key.
#[derive(Debug, Clone)]
pub struct Row {
    pub at: RowRef,
    values: HashMap<&'static str, Value>,
}

impl Row {
    pub fn text(&self, key: &str) -> Option<String> {
        match self.values.get(key) {
            Some(Value::Text(s)) => Some(s.clone()),
            _ => None,
        }
    }

    pub fn count(&self, key: &str) -> Option<u64> {
        match self.values.get(key) {
            Some(Value::Count(n)) => Some(*n),
            _ => None,
        }
    }

    pub fn number(&self, key: &str) -> Option<f64> {
        match self.values.get(key) {
            Some(Value::Number(n)) => Some(*n),
            Some(Value::Count(n)) => Some(*n as f64),
            _ => None,
        }
    }

    pub fn percent(&self, key: &str) -> Option<f64> {
        match self.values.get(key) {
            Some(Value::Percent(n)) => Some(*n),
            _ => None,
        }
    }

    pub fn deadline(&self, key: &str) -> Option<crate::model::Deadline> {
        match self.values.get(key) {
            Some(Value::Deadline(d)) => Some(d.clone()),
            _ => None,
        }
    }
}

/// The rows of one sheet, as read.
#[derive(Debug, Clone)]
pub struct SheetData {
    pub spec: &'static Sheet,
    /// The rows read without errors.
    pub rows: Vec<Row>,
    /// Rows left out because a cell could not be read: checks on totals skip the sheet then,
    /// so one typo does not also show up as a wrong total.
    pub invalid_rows: usize,
}

/// The sheets of one workbook that could be read, by sheet key.
#[derive(Debug, Default)]
pub struct WorkbookData {
    pub file: String,
    pub sheets: HashMap<&'static str, SheetData>,
}

impl WorkbookData {
    /// Whether `sheet` was found and every one of its rows was read: only then do totals over
    /// it, or a code missing from it, mean something.
    pub fn complete(&self, sheet: &str) -> bool {
        self.sheets.get(sheet).is_some_and(|s| s.invalid_rows == 0)
    }

    pub fn rows(&self, sheet: &str) -> &[Row] {
        self.sheets
            .get(sheet)
            .map(|s| s.rows.as_slice())
            .unwrap_or(&[])
    }
}

/// The file of `spec` in `dir`: `stem.xlsx`, else `stem.ods`. A warning when both exist.
pub fn find(dir: &Path, spec: &Workbook, report: &mut Report) -> Option<PathBuf> {
    let xlsx = dir.join(format!("{}.xlsx", spec.stem));
    let ods = dir.join(format!("{}.ods", spec.stem));
    match (xlsx.is_file(), ods.is_file()) {
        (true, true) => {
            report.warning(
                Location::file(display_name(&ods)),
                format!(
                    "ci sono sia {0}.xlsx sia {0}.ods: viene letto {0}.xlsx",
                    spec.stem
                ),
            );
            Some(xlsx)
        }
        (true, false) => Some(xlsx),
        (false, true) => Some(ods),
        (false, false) => None,
    }
}

pub fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Reads every declared sheet of `spec` from `path`; problems go to `report`.
pub fn read(path: &Path, spec: &'static Workbook, report: &mut Report) -> WorkbookData {
    let file = display_name(path);
    let mut data = WorkbookData {
        file: file.clone(),
        ..Default::default()
    };
    let mut workbook = match calamine::open_workbook_auto(path) {
        Ok(wb) => wb,
        Err(e) => {
            report.push(unreadable(path, &file, &e.to_string()));
            return data;
        }
    };
    let names = workbook.sheet_names();
    if names.is_empty() {
        report.error(
            Location::file(&file),
            "la cartella di lavoro non contiene fogli",
        );
        return data;
    }
    for sheet in spec.sheets {
        let wanted = cell::normalize(sheet.name);
        let Some(name) = names.iter().find(|n| cell::normalize(n) == wanted) else {
            let mut d = crate::diag::Diagnostic::error(
                Location::file(&file),
                format!("manca il foglio «{}»", sheet.name),
            );
            if let Some(s) = cell::suggest(sheet.name, names.iter().map(String::as_str)) {
                d = d.with_hint(format!("il foglio «{s}» va rinominato «{}»", sheet.name));
            } else {
                d = d.with_hint("usare il modello creato da `piao init`");
            }
            report.push(d);
            continue;
        };
        match workbook.worksheet_range(name) {
            Ok(range) => {
                let (rows, invalid_rows) = read_sheet(&file, sheet, &range, report);
                data.sheets.insert(
                    sheet.key,
                    SheetData {
                        spec: sheet,
                        rows,
                        invalid_rows,
                    },
                );
            }
            Err(e) => report.error(
                Location::sheet(&file, sheet.name),
                format!("impossibile leggere il foglio: {e}"),
            ),
        }
    }
    data
}

/// An Italian explanation of why a file could not be opened as a workbook.
fn unreadable(path: &Path, file: &str, detail: &str) -> crate::diag::Diagnostic {
    let head = std::fs::read(path)
        .map(|b| b.into_iter().take(8).collect::<Vec<u8>>())
        .unwrap_or_default();
    let hint = if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        "il file sembra protetto da password o salvato nel vecchio formato .xls: aprirlo, togliere la password e salvarlo come .xlsx (o .ods)"
    } else if head.starts_with(b"PK") {
        "il file è un archivio ma non una cartella di lavoro (forse un documento di testo rinominato, o un file troncato): salvarlo di nuovo da Excel o LibreOffice"
    } else {
        "salvare il file da Excel o LibreOffice in formato .xlsx o .ods"
    };
    crate::diag::Diagnostic::error(
        Location::file(file),
        format!("il file non è una cartella di lavoro leggibile ({detail})"),
    )
    .with_hint(hint)
}

/// How many rows from the top are searched for the header row (offices add title rows).
const HEADER_SEARCH_ROWS: usize = 10;

fn read_sheet(
    file: &str,
    spec: &'static Sheet,
    range: &Range<Data>,
    report: &mut Report,
) -> (Vec<Row>, usize) {
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let sheet_loc = || Location::sheet(file, spec.name);
    let lookup: Vec<(String, &'static str)> = spec
        .columns
        .iter()
        .map(|c| (cell::normalize(c.header), c.key))
        .collect();
    let match_header = |text: &str| {
        let n = cell::normalize(text);
        lookup.iter().find(|(h, _)| *h == n).map(|(_, k)| *k)
    };

    // The header row is the one, among the first rows, that names the most declared columns.
    let best = range
        .rows()
        .take(HEADER_SEARCH_ROWS)
        .enumerate()
        .map(|(i, r)| {
            let hits = r
                .iter()
                .filter(|c| match_header(&cell::as_text(c)).is_some())
                .count();
            (i, hits)
        })
        .filter(|(_, hits)| *hits > 0)
        .max_by_key(|(i, hits)| (*hits, std::cmp::Reverse(*i)));
    let Some((header_idx, _)) = best else {
        if range.rows().all(|r| r.iter().all(cell::is_blank)) {
            report.error(
                sheet_loc(),
                "il foglio è vuoto: manca la riga di intestazione",
            );
        } else {
            report.error(
                sheet_loc(),
                format!(
                    "riga di intestazione non trovata: attese le colonne {}",
                    cell::quoted_list(&spec.columns.iter().map(|c| c.header).collect::<Vec<_>>())
                ),
            );
        }
        return (Vec::new(), 0);
    };

    let header_row = range.rows().nth(header_idx).unwrap_or(&[]);
    let header_abs = row0 + header_idx as u32;
    let mut columns: HashMap<&'static str, (u32, &'static str)> = HashMap::new();
    for (i, c) in header_row.iter().enumerate() {
        let text = cell::as_text(c);
        if text.is_empty() {
            continue;
        }
        let col = col0 + i as u32;
        match match_header(&text) {
            Some(key) if columns.contains_key(key) => report.warning(
                Location::cell(file, spec.name, header_abs, col, text.clone()),
                format!("colonna «{text}» ripetuta: viene letta solo la prima"),
            ),
            Some(key) => {
                let header = spec.column(key).map(|c| c.header).unwrap_or("");
                columns.insert(key, (col, header));
            }
            None => {
                let mut d = crate::diag::Diagnostic::warning(
                    Location::cell(file, spec.name, header_abs, col, text.clone()),
                    format!("colonna «{text}» non prevista: viene ignorata"),
                );
                if let Some(s) = cell::suggest(&text, spec.columns.iter().map(|c| c.header)) {
                    d = d.with_hint(format!("forse intendevi «{s}»?"));
                }
                report.push(d);
            }
        }
    }
    for column in spec.columns.iter().filter(|c| c.required) {
        if !columns.contains_key(column.key) {
            report.error(
                sheet_loc(),
                format!("manca la colonna obbligatoria «{}»", column.header),
            );
        }
    }

    let mut rows = Vec::new();
    let mut invalid = 0;
    for (i, raw) in range.rows().enumerate().skip(header_idx + 1) {
        let abs_row = row0 + i as u32;
        let is_blank_row = columns
            .values()
            .all(|(col, _)| raw.get((col - col0) as usize).is_none_or(cell::is_blank));
        if is_blank_row {
            continue;
        }
        let at = RowRef {
            file: file.to_string(),
            sheet: spec.name,
            row: abs_row,
            columns: columns.clone(),
        };
        let mut values = HashMap::new();
        let mut ok = true;
        for column in spec.columns {
            let Some((col, _)) = columns.get(column.key) else {
                continue;
            };
            let data = raw.get((col - col0) as usize).unwrap_or(&Data::Empty);
            match cell::parse(data, column.kind) {
                Ok(Value::Empty) if column.required => {
                    ok = false;
                    report.error(at.cell(column.key), "campo obbligatorio vuoto");
                }
                Ok(Value::Empty) => {}
                Ok(value) => {
                    values.insert(column.key, value);
                }
                Err(problem) => {
                    ok = false;
                    let mut d =
                        crate::diag::Diagnostic::error(at.cell(column.key), problem.message);
                    if let Some(h) = problem.hint {
                        d = d.with_hint(h);
                    }
                    report.push(d);
                }
            }
        }
        if ok {
            rows.push(Row { at, values });
        } else {
            invalid += 1;
        }
    }
    (rows, invalid)
}
