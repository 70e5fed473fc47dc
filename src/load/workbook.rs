//! Reading one office's workbook (.xlsx or .ods) against its declaration: find each sheet,
//! match the header row (any order, any case, with or without accents), parse every cell, and
//! hand on rows of typed values that remember their cell addresses.

use super::cell::{self, CellProblem, Value};
use super::guard;
use crate::diag::{Location, Report};
use crate::workbook::spec::{Sheet, Workbook};
use calamine::{Cell, Data, Dimensions, Range, Reader, Sheets};
use std::collections::HashMap;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where the rows of one sheet came from: the file, the sheet and the column of each header,
/// shared by all its rows (a large sheet does not copy them per row).
#[derive(Debug)]
pub struct SheetAt {
    pub file: String,
    pub sheet: &'static str,
    /// Zero-based column index and header text of each column found.
    pub columns: HashMap<&'static str, (u32, &'static str)>,
}

/// Where a row came from, so later checks can point at its cells.
#[derive(Debug, Clone)]
pub struct RowRef {
    pub at: Arc<SheetAt>,
    /// Zero-based row index in the sheet.
    pub row: u32,
}

impl RowRef {
    pub fn file(&self) -> &str {
        &self.at.file
    }

    pub fn sheet(&self) -> &'static str {
        self.at.sheet
    }

    /// The location of this row's cell in column `key` (or of the row when the column is
    /// absent).
    pub fn cell(&self, key: &str) -> Location {
        match self.at.columns.get(key) {
            Some((col, header)) => {
                Location::cell(&self.at.file, self.at.sheet, self.row, *col, *header)
            }
            // The column is not in the file (an optional one): point at the row's first cell.
            None => Location::Sheet {
                file: self.at.file.clone(),
                sheet: self.at.sheet.to_string(),
                cell: Some(crate::diag::a1(self.row, 0)),
                header: None,
            },
        }
    }
}

/// One data row: its typed values by column key. A sheet has a dozen columns, so the values
/// are a short list searched in order: cheaper than a hash map per row on 100,000 rows.
#[derive(Debug, Clone)]
pub struct Row {
    pub at: RowRef,
    values: Vec<(&'static str, Value)>,
}

impl Row {
    fn get(&self, key: &str) -> Option<&Value> {
        self.values.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    pub fn text(&self, key: &str) -> Option<String> {
        match self.get(key) {
            Some(Value::Text(s)) => Some(s.clone()),
            _ => None,
        }
    }

    pub fn count(&self, key: &str) -> Option<u64> {
        match self.get(key) {
            Some(Value::Count(n)) => Some(*n),
            _ => None,
        }
    }

    pub fn number(&self, key: &str) -> Option<f64> {
        match self.get(key) {
            Some(Value::Number(n)) => Some(*n),
            Some(Value::Count(n)) => Some(*n as f64),
            _ => None,
        }
    }

    pub fn percent(&self, key: &str) -> Option<f64> {
        match self.get(key) {
            Some(Value::Percent(n)) => Some(*n),
            _ => None,
        }
    }

    pub fn date(&self, key: &str) -> Option<chrono::NaiveDate> {
        match self.get(key) {
            Some(Value::Date(d)) => Some(*d),
            _ => None,
        }
    }

    pub fn deadline(&self, key: &str) -> Option<crate::model::Deadline> {
        match self.get(key) {
            Some(Value::Deadline(d)) => Some(d.clone()),
            _ => None,
        }
    }
}

/// The words of one column read as values of its closed list under another name ("P.O." as
/// "Responsabile EQ"), reported once for the column, at its first such cell.
#[derive(Debug, Clone)]
pub struct Letture {
    pub first: Location,
    /// Each word as typed, the value it was read as, how, and in how many cells.
    pub words: Vec<(String, &'static str, crate::model::vocab::Lettura, usize)>,
}

/// The rows of one sheet, as read.
#[derive(Debug, Clone)]
pub struct SheetData {
    pub spec: &'static Sheet,
    /// The rows read without errors.
    pub rows: Vec<Row>,
    /// Closed-list words read under another name, by column, in the order of the columns.
    pub letture: Vec<Letture>,
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

    /// Whether `sheet` is in the file (an optional sheet may be absent).
    pub fn has(&self, sheet: &str) -> bool {
        self.sheets.contains_key(sheet)
    }

    pub fn rows(&self, sheet: &str) -> &[Row] {
        self.sheets
            .get(sheet)
            .map(|s| s.rows.as_slice())
            .unwrap_or(&[])
    }
}

/// The file of `spec` in `dir`: `stem.xlsx`, else `stem.ods`. A warning when both exist; an
/// error (and `None`) for a path that must not be read (see [`guard::regular_file`]).
pub fn find(dir: &Path, spec: &Workbook, report: &mut Report) -> Option<PathBuf> {
    let mut accept = |ext: &str| {
        let name = format!("{}.{ext}", spec.stem);
        match guard::regular_file(dir, &name) {
            Ok(path) => path,
            Err(refused) => {
                report.error(Location::file(&name), refused.0);
                None
            }
        }
    };
    let (xlsx, ods) = (accept("xlsx"), accept("ods"));
    match (xlsx, ods) {
        (Some(xlsx), Some(ods)) => {
            report.warning(
                Location::file(display_name(&ods)),
                format!(
                    "ci sono sia {0}.xlsx sia {0}.ods: viene letto {0}.xlsx",
                    spec.stem
                ),
            );
            Some(xlsx)
        }
        (xlsx, ods) => xlsx.or(ods),
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
    let bytes = match guard::read_workbook(path) {
        Ok(bytes) => bytes,
        Err(guard::Unread::TooLarge(why)) => {
            report.push(
                crate::diag::Diagnostic::error(Location::file(&file), why)
                    .with_hint("salvare di nuovo il file da Excel o LibreOffice, senza righe e colonne vuote in eccesso"),
            );
            return data;
        }
        Err(guard::Unread::Io(why)) => {
            report.error(Location::file(&file), why);
            return data;
        }
    };
    let opened = match path.extension().and_then(|e| e.to_str()) {
        Some("ods") => calamine::Ods::new(Source::new(bytes.clone()))
            .map(Sheets::Ods)
            .map_err(|e| e.to_string()),
        _ => calamine::Xlsx::new(Source::new(bytes.clone()))
            .map(Sheets::Xlsx)
            .map_err(|e| e.to_string()),
    };
    let mut workbook = match opened {
        Ok(wb) => wb,
        Err(e) => {
            report.push(unreadable(&bytes, &file, &e));
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
    let ods = matches!(workbook, Sheets::Ods(_));
    let declared: Vec<String> = names
        .iter()
        .filter(|n| {
            let n = cell::normalize(n);
            spec.sheets.iter().any(|s| cell::normalize(s.name) == n)
        })
        .cloned()
        .collect();
    std::thread::scope(|scope| {
        let mut merged = Merged::start(scope, &bytes, ods, &declared);
        read_sheets(
            &mut workbook,
            &mut merged,
            &names,
            spec,
            &file,
            &mut data,
            report,
        );
        if !merged.finish() {
            report.push(
                crate::diag::Diagnostic::error(
                    Location::file(&file),
                    "errore interno nella lettura delle celle unite: il contenuto dei fogli potrebbe essere incompleto",
                )
                .with_hint("segnalare il caso; nel frattempo, separare le celle unite e ripetere il valore in ogni cella"),
            );
        }
    });
    data
}

/// A workbook's bytes, read once by [`guard::read_workbook`], as calamine reads them.
type Source = std::io::Cursor<Arc<[u8]>>;

/// The merged ranges of every sheet, by sheet name, read on another thread while the cells
/// are streamed: both calamine (.xlsx) and [`ods_merged`] find them in a pass of their own
/// over the sheet's XML, a third of the reading time of a large sheet.
struct Merged<'scope> {
    pending: Option<std::thread::ScopedJoinHandle<'scope, HashMap<String, Vec<Dimensions>>>>,
    ready: HashMap<String, Vec<Dimensions>>,
    /// The other thread stopped on a bug: the ranges are unknown.
    failed: bool,
}

impl<'scope> Merged<'scope> {
    /// Starts reading the merged ranges of the sheets `names` of the workbook `bytes`.
    fn start<'env>(
        scope: &'scope std::thread::Scope<'scope, 'env>,
        bytes: &Arc<[u8]>,
        ods: bool,
        names: &'env [String],
    ) -> Merged<'scope> {
        let bytes = bytes.clone();
        let pending = scope.spawn(move || match ods {
            true => ods_merged(bytes),
            false => xlsx_merged(bytes, names),
        });
        Merged {
            pending: Some(pending),
            ready: HashMap::new(),
            failed: false,
        }
    }

    /// The merged ranges of sheet `name` (waits for the other thread the first time). A
    /// file whose ranges cannot be read gives none: reading its cells says what is wrong.
    fn of(&mut self, name: &str) -> Vec<Dimensions> {
        self.join();
        self.ready.get(name).cloned().unwrap_or_default()
    }

    /// Waits for the other thread; false when it stopped on a bug (a panic joined here does
    /// not cross the scope).
    fn finish(mut self) -> bool {
        self.join();
        !self.failed
    }

    fn join(&mut self) {
        if let Some(pending) = self.pending.take() {
            match pending.join() {
                Ok(ready) => self.ready = ready,
                Err(_) => self.failed = true,
            }
        }
    }
}

/// The merged ranges of the sheets `names` of an .xlsx file, by sheet name.
fn xlsx_merged(bytes: Arc<[u8]>, names: &[String]) -> HashMap<String, Vec<Dimensions>> {
    let Ok(mut xlsx) = calamine::Xlsx::new(Source::new(bytes)) else {
        return HashMap::new();
    };
    names
        .iter()
        .filter_map(|name| {
            let ranges = xlsx.merge_cells_by_sheet_name(name).ok()?;
            Some((name.clone(), ranges))
        })
        .collect()
}

/// Reads the declared sheets of `spec` into `data`.
fn read_sheets(
    workbook: &mut Sheets<Source>,
    merged: &mut Merged,
    names: &[String],
    spec: &'static Workbook,
    file: &str,
    data: &mut WorkbookData,
    report: &mut Report,
) {
    for sheet in spec.sheets {
        let wanted = cell::normalize(sheet.name);
        let Some(name) = names.iter().find(|n| cell::normalize(n) == wanted) else {
            if sheet.optional {
                continue;
            }
            let mut d = crate::diag::Diagnostic::error(
                Location::file(file),
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
        match raw_sheet(workbook, merged, name, file, sheet.name, report) {
            Ok(Some(raw)) => {
                let (rows, invalid_rows, letture) = read_sheet(file, sheet, &raw, report);
                data.sheets.insert(
                    sheet.key,
                    SheetData {
                        spec: sheet,
                        rows,
                        letture,
                        invalid_rows,
                    },
                );
            }
            // Refused within the limits: the reason is already in the report.
            Ok(None) => {}
            Err(e) => report.error(
                Location::sheet(file, sheet.name),
                format!("impossibile leggere il foglio: {e}"),
            ),
        }
    }
}

/// A sheet's cells as read within the limits, the merged ranges, and the cells that hold
/// something that cannot be read as a value (reported when they are in a declared column).
struct RawSheet {
    range: Range<Data>,
    merged: Vec<Dimensions>,
    problems: HashMap<(u32, u32), CellProblem>,
}

/// Reads a sheet. An .xlsx sheet is streamed cell by cell, so that a far-away cell or a
/// million empty rows cost nothing: cells beyond [`guard::MAX_ROWS`] or
/// [`guard::MAX_COLUMNS`] refuse the sheet (`Ok(None)`) before anything large is allocated.
fn raw_sheet(
    workbook: &mut Sheets<Source>,
    merged: &mut Merged,
    name: &str,
    file: &str,
    sheet: &str,
    report: &mut Report,
) -> Result<Option<RawSheet>, String> {
    let Sheets::Xlsx(xlsx) = workbook else {
        let mut range = workbook.worksheet_range(name).map_err(|e| e.to_string())?;
        // calamine leaves the covered cells of an .ods merged range empty: give them the
        // value, as for .xlsx.
        let merged = merged.of(name);
        let mut kept = Vec::new();
        for m in merged {
            let Some(value) = range.get_value(m.start).cloned() else {
                continue;
            };
            if !merged_fits(&m, file, sheet, report) {
                return Ok(None);
            }
            for r in m.start.0..=m.end.0 {
                for c in m.start.1..=m.end.1 {
                    if (r, c) != m.start {
                        range.set_value((r, c), value.clone());
                    }
                }
            }
            kept.push(m);
        }
        // A formula saved without its result reads as an empty cell: say so instead.
        let mut problems = HashMap::new();
        if let Ok(formulas) = workbook.worksheet_formula(name) {
            for (r, c, f) in formulas.used_cells() {
                let pos = (
                    formulas.start().unwrap_or((0, 0)).0 + r as u32,
                    formulas.start().unwrap_or((0, 0)).1 + c as u32,
                );
                if !f.trim().is_empty() && range.get_value(pos).is_none_or(cell::is_blank) {
                    problems.insert(pos, no_result(f));
                }
            }
        }
        return Ok(Some(RawSheet {
            range,
            merged: kept,
            problems,
        }));
    };
    let mut reader = xlsx
        .worksheet_cells_reader(name)
        .map_err(|e| e.to_string())?;
    let mut cells: Vec<Cell<Data>> = Vec::new();
    let mut problems = HashMap::new();
    let mut far: Option<((u32, u32), usize)> = None;
    while let Some(c) = reader.next_cell_with_formula().map_err(|e| e.to_string())? {
        let value: Data = c.value.into();
        let formula = c.formula.filter(|f| !f.trim().is_empty());
        let blank = cell::is_blank(&value);
        if blank && formula.is_none() {
            continue;
        }
        let (row, col) = c.pos;
        if row >= guard::MAX_ROWS || col >= guard::MAX_COLUMNS {
            let entry = far.get_or_insert((c.pos, 0));
            entry.1 += 1;
            continue;
        }
        if let Some(f) = formula.filter(|_| blank) {
            problems.insert(c.pos, no_result(&f));
            continue;
        }
        if let Data::String(s) = &value
            && s.chars().count() > guard::MAX_CELL_CHARS
        {
            problems.insert(
                c.pos,
                CellProblem::new(format!(
                    "testo di {} caratteri, oltre il limite di {} caratteri per cella",
                    crate::italian::integer(s.chars().count() as u64),
                    crate::italian::integer(guard::MAX_CELL_CHARS as u64)
                ))
                .hint("accorciare il testo: una cella non può contenere un documento"),
            );
            continue;
        }
        cells.push(Cell::new(c.pos, value));
    }
    if let Some(((row, col), n)) = far {
        report.push(
            crate::diag::Diagnostic::error(
                Location::Sheet {
                    file: file.to_string(),
                    sheet: sheet.to_string(),
                    cell: Some(crate::diag::a1(row, col)),
                    header: None,
                },
                format!(
                    "il foglio usa celle lontanissime dai dati ({n} oltre la riga {} o la colonna {}): il foglio non viene letto",
                    crate::italian::integer(guard::MAX_ROWS as u64),
                    crate::diag::a1(0, guard::MAX_COLUMNS - 1).trim_end_matches('1')
                ),
            )
            .with_hint("cancellare quelle celle (o le righe e colonne vuote fino a esse) e salvare il file"),
        );
        return Ok(None);
    }
    // A merged range is read as a person reads it: its value in every cell it covers. The
    // top-left values are found in one pass over the cells, not one pass per range.
    let merged = merged.of(name);
    let mut tops: HashMap<(u32, u32), Data> =
        merged.iter().map(|m| (m.start, Data::Empty)).collect();
    if !tops.is_empty() {
        for c in &cells {
            if let Some(v) = tops.get_mut(&c.get_position()) {
                *v = c.get_value().clone();
            }
        }
    }
    let mut kept = Vec::new();
    for m in merged {
        if !merged_fits(&m, file, sheet, report) {
            return Ok(None);
        }
        let value = tops.remove(&m.start).unwrap_or_default();
        if cell::is_blank(&value) {
            continue;
        }
        for r in m.start.0..=m.end.0 {
            for c in m.start.1..=m.end.1 {
                if (r, c) != m.start {
                    cells.push(Cell::new((r, c), value.clone()));
                }
            }
        }
        kept.push(m);
    }
    Ok(Some(RawSheet {
        range: Range::from_sparse(cells),
        merged: kept,
        problems,
    }))
}

/// A formula whose result the file does not hold.
fn no_result(formula: &str) -> CellProblem {
    // LibreOffice writes "of:=A1+B1" (OpenFormula namespace).
    let formula = formula.trim_start_matches("of:").trim_start_matches('=');
    CellProblem::new(format!(
        "la cella contiene la formula ={formula} ma non il suo risultato: il file è stato scritto da un programma che non calcola le formule"
    ))
    .hint("aprire il file in Excel o LibreOffice e salvarlo: il risultato viene calcolato e memorizzato")
}

/// Whether a merged range is small enough to be read as one value in every cell; reports it
/// when it is not.
fn merged_fits(m: &Dimensions, file: &str, sheet: &str, report: &mut Report) -> bool {
    let area = (m.end.0 - m.start.0 + 1) as u64 * (m.end.1 - m.start.1 + 1) as u64;
    let fits = area <= guard::MAX_MERGED_CELLS
        && m.end.0 < guard::MAX_ROWS
        && m.end.1 < guard::MAX_COLUMNS;
    if !fits {
        report.error(
            Location::sheet(file, sheet),
            format!(
                "le celle unite {} coprono {area} celle, troppe per essere lette come un solo valore: il foglio non viene letto",
                range_name(m)
            ),
        );
    }
    fits
}

/// The merged ranges of every sheet of an .ods file, by sheet name, read from `content.xml`
/// (`table:number-rows-spanned`, `table:number-columns-spanned`), which calamine does not
/// report. An unreadable file gives none: calamine then says what is wrong with it.
fn ods_merged(bytes: Arc<[u8]>) -> HashMap<String, Vec<Dimensions>> {
    use quick_xml::events::Event;
    let mut out: HashMap<String, Vec<Dimensions>> = HashMap::new();
    let Ok(mut zip) = zip::ZipArchive::new(Source::new(bytes)) else {
        return out;
    };
    let Ok(content) = zip.by_name("content.xml") else {
        return out;
    };
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(content));
    let attr = |e: &quick_xml::events::BytesStart, name: &str| -> Option<String> {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == name)
            .map(|a| a.value.to_string())
    };
    let number = |v: Option<String>| v.and_then(|v| v.parse::<u32>().ok()).unwrap_or(1);
    let (mut sheet, mut row, mut col, mut row_repeat) = (String::new(), 0u32, 0u32, 1u32);
    let mut buf = Vec::new();
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(event) => event,
        };
        match &event {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "table:table" => {
                    sheet = attr(e, "table:name").unwrap_or_default();
                    row = 0;
                }
                "table:table-row" => {
                    col = 0;
                    row_repeat = number(attr(e, "table:number-rows-repeated"));
                    if matches!(event, Event::Empty(_)) {
                        row = row.saturating_add(row_repeat);
                    }
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    let rows = number(attr(e, "table:number-rows-spanned"));
                    let cols = number(attr(e, "table:number-columns-spanned"));
                    if rows > 1 || cols > 1 {
                        out.entry(sheet.clone()).or_default().push(Dimensions {
                            start: (row, col),
                            end: (row.saturating_add(rows - 1), col.saturating_add(cols - 1)),
                        });
                    }
                    let repeat = number(attr(e, "table:number-columns-repeated"));
                    col = col.saturating_add(repeat);
                }
                _ => {}
            },
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                row = row.saturating_add(row_repeat);
            }
            _ => {}
        }
        buf.clear();
    }
    out
}

/// "A5:A9".
fn range_name(m: &Dimensions) -> String {
    format!(
        "{}:{}",
        crate::diag::a1(m.start.0, m.start.1),
        crate::diag::a1(m.end.0, m.end.1)
    )
}

/// An Italian explanation of why a file could not be opened as a workbook.
fn unreadable(bytes: &[u8], file: &str, detail: &str) -> crate::diag::Diagnostic {
    if detail.contains("Cell limit exceeded") {
        // calamine's own bound for .ods sheets (100 million cells).
        return crate::diag::Diagnostic::error(
            Location::file(file),
            "un foglio usa celle lontanissime dai dati (oltre 100 milioni di celle): il file non viene letto",
        )
        .with_hint("cancellare le celle in fondo al foglio (o le righe e colonne vuote fino a esse) e salvare il file");
    }
    let head = &bytes[..bytes.len().min(8)];
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
    raw: &RawSheet,
    report: &mut Report,
) -> (Vec<Row>, usize, Vec<Letture>) {
    let mut letture: Vec<(&'static str, Letture)> = Vec::new();
    let range = &raw.range;
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
        return (Vec::new(), 0, Vec::new());
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

    for m in raw.merged.iter().filter(|m| m.start.0 > header_abs) {
        let value = range
            .get_value(m.start)
            .map(cell::as_text)
            .unwrap_or_default();
        report.warning(
            Location::sheet(file, spec.name),
            format!(
                "celle unite {}: il valore «{value}» è letto in ognuna delle celle unite",
                range_name(m)
            ),
        );
    }

    let sheet_at = Arc::new(SheetAt {
        file: file.to_string(),
        sheet: spec.name,
        columns: columns.clone(),
    });
    // The declared columns found, in declaration order, with their index in the range.
    let present: Vec<(&'static crate::workbook::spec::Column, u32, usize)> = spec
        .columns
        .iter()
        .filter_map(|c| {
            let (col, _) = columns.get(c.key)?;
            Some((c, *col, (col - col0) as usize))
        })
        .collect();
    let mut rows = Vec::new();
    let mut invalid = 0;
    let problems = &raw.problems;
    for (i, raw) in range.rows().enumerate().skip(header_idx + 1) {
        let abs_row = row0 + i as u32;
        let is_blank_row = present.iter().all(|(_, col, index)| {
            raw.get(*index).is_none_or(cell::is_blank)
                && (problems.is_empty() || !problems.contains_key(&(abs_row, *col)))
        });
        if is_blank_row {
            continue;
        }
        let at = RowRef {
            at: Arc::clone(&sheet_at),
            row: abs_row,
        };
        let mut values = Vec::with_capacity(present.len());
        let mut ok = true;
        for &(column, col, index) in &present {
            let data = raw.get(index).unwrap_or(&Data::Empty);
            let parsed = match problems.get(&(abs_row, col)) {
                Some(problem) => Err(problem.clone()),
                None => cell::parse(data, column.kind),
            };
            match parsed {
                Ok(Value::Empty) if column.required => {
                    ok = false;
                    report.error(at.cell(column.key), "campo obbligatorio vuoto");
                }
                Ok(Value::Empty) => {}
                Ok(Value::Read { value, typed, how }) => {
                    record(
                        &mut letture,
                        column.key,
                        at.cell(column.key),
                        typed,
                        value,
                        how,
                    );
                    values.push((column.key, Value::Text(value.to_string())));
                }
                Ok(value) => match unprintable(&value) {
                    Some(problem) => {
                        ok = false;
                        report.push(
                            crate::diag::Diagnostic::error(at.cell(column.key), problem.message)
                                .with_hint(problem.hint.unwrap_or_default()),
                        );
                    }
                    None => {
                        values.push((column.key, value));
                    }
                },
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
    letture.sort_by_key(|(key, _)| spec.columns.iter().position(|c| c.key == *key));
    (rows, invalid, letture.into_iter().map(|(_, l)| l).collect())
}

/// The year the CCNL Funzioni Locali of 16/11/2022 replaced the categories with the areas:
/// plans from this year on are told that a category is an old word.
const PRIMO_ANNO_AREE: i32 = 2023;

/// Reports, once per column, the words read under another name, so that no value changes
/// between the workbook and the PIAO without a word.
pub fn report_letture(wb: &WorkbookData, primo_anno: Option<i32>, report: &mut Report) {
    use crate::model::vocab::Lettura;
    for sheet in wb.sheets.values() {
        for l in &sheet.letture {
            let words: Vec<String> = l
                .words
                .iter()
                .map(|(typed, value, _, n)| match n {
                    1 => format!("«{typed}» come «{value}»"),
                    n => format!("«{typed}» come «{value}» ({n} celle)"),
                })
                .collect();
            let mut d = crate::diag::Diagnostic::warning(
                l.first.clone(),
                format!("valori letti con il nome dell'elenco: {}", words.join(", ")),
            );
            let categories = l.words.iter().any(|w| matches!(w.2, Lettura::Categoria(_)));
            d = match (categories, primo_anno) {
                (true, Some(year)) if year >= PRIMO_ANNO_AREE => d.with_hint(
                    "le categorie A, B, C e D sono sostituite dalle aree dal CCNL Funzioni Locali del 16/11/2022 (art. 13): aggiornare il foglio con i valori dell'elenco",
                ),
                (true, _) => d.with_hint(
                    "categorie lette come le aree corrispondenti (art. 13 CCNL Funzioni Locali del 16/11/2022)",
                ),
                (false, _) => d.with_hint(
                    "nessuna correzione necessaria; per non vedere l'avviso scrivere i valori come nel menu a tendina",
                ),
            };
            report.push(d);
        }
    }
}

/// Records that the cell at `at` said `typed` for `value`.
fn record(
    letture: &mut Vec<(&'static str, Letture)>,
    key: &'static str,
    at: Location,
    typed: String,
    value: &'static str,
    how: crate::model::vocab::Lettura,
) {
    let i = match letture.iter().position(|(k, _)| *k == key) {
        Some(i) => i,
        None => {
            letture.push((
                key,
                Letture {
                    first: at,
                    words: Vec::new(),
                },
            ));
            letture.len() - 1
        }
    };
    let words = &mut letture[i].1.words;
    match words.iter_mut().find(|w| w.0 == typed) {
        Some(w) => w.3 += 1,
        None => words.push((typed, value, how, 1)),
    }
}

/// A character of a text cell that the PDF could not hold: a control character, or one no
/// bundled font has a glyph for. Found here so that `piao check` names the cell.
fn unprintable(value: &Value) -> Option<CellProblem> {
    let text = match value {
        Value::Text(s) | Value::Deadline(crate::model::Deadline::Text(s)) => s,
        _ => return None,
    };
    let c = text.chars().find(|c| !crate::fonts::printable(*c))?;
    let problem = if c.is_control() {
        CellProblem::new(format!(
            "il testo contiene il carattere di controllo U+{:04X}, che un PDF/A non può contenere",
            c as u32
        ))
    } else {
        CellProblem::new(format!(
            "il carattere '{c}' (U+{:04X}) non si può stampare con i caratteri del documento",
            c as u32
        ))
    };
    Some(problem.hint(
        "sostituirlo o toglierlo (spesso arriva da un copia e incolla): un PDF/A non può contenere caratteri senza glifo",
    ))
}
