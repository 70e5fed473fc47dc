//! Input folders built in code: a small valid administration whose rows each test changes to
//! provoke one rule. Workbooks are written with rust_xlsxwriter so every fixture can be read
//! in a diff.

#![allow(dead_code)]

use piao::workbook::sheets::{ANTICORRUZIONE_WB, PERFORMANCE_WB, PERSONALE_WB};
use piao::workbook::spec::Workbook;
use rust_xlsxwriter::{ExcelDateTime, Format, Formula};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One cell: text as typed, unless it uses one of these forms:
/// `=ERR #DIV/0!` a formula whose cached value is that error; `=NOCACHE SUM(1,2)` a formula
/// saved without its result (as programs that do not compute formulas write it);
/// `=LONG 3000 text` the text repeated 3000 times, longer than a spreadsheet program lets
/// one type; `@2026-12-31` a real date cell; a plain number (`12`, `0.15`) a numeric cell.
pub type Rows = Vec<Vec<String>>;

pub fn row(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

pub const ENTE_YAML: &str = r#"ente:
  denominazione: "Comune di Prova"
  tipologia: "Comune"
  popolazione: 4200
  codice_fiscale: "00123450678"
  codice_ipa: "c_z999"
  email: "info@comune.prova.example.it"
piano:
  triennio: "2026-2028"
  tipo: automatico
  organo: "Giunta comunale"
  deliberazione:
    numero:
    data:
sottosezioni:
  premessa:
    testo: "Testo di prova."
"#;

/// A valid input: every sheet of every workbook with a few consistent rows.
pub struct Fixture {
    pub sheets: BTreeMap<(&'static str, &'static str), Rows>,
    pub yaml: String,
    /// Extra cells written anywhere: (workbook, sheet, row, column, text), zero-based with
    /// the header on row 0.
    pub extra: Vec<(&'static str, &'static str, u32, u16, String)>,
    /// Merged ranges: (workbook, sheet, first row, first column, last row, last column,
    /// value), zero-based with the header on row 0.
    pub merged: Vec<(&'static str, &'static str, u32, u16, u32, u16, String)>,
    /// Sheets left out of their workbook: (workbook, sheet).
    pub omitted: Vec<(&'static str, &'static str)>,
}

impl Default for Fixture {
    fn default() -> Self {
        let mut sheets = BTreeMap::new();
        let mut put = |wb: &'static str, sheet: &'static str, rows: Rows| {
            sheets.insert((wb, sheet), rows);
        };
        put(
            "personale",
            "strutture",
            vec![
                row(&[
                    "SET1",
                    "Settore Amministrativo",
                    "Settore",
                    "Anna Bianchi",
                    "Responsabile EQ",
                    "amministrativo@comune.prova.example.it",
                    "0123 456701",
                    "",
                ]),
                row(&[
                    "SET2",
                    "Settore Tecnico",
                    "Settore",
                    "Marco Verdi",
                    "Responsabile EQ",
                    "tecnico@comune.prova.example.it",
                    "0123 456702",
                    "",
                ]),
            ],
        );
        put(
            "personale",
            "personale",
            vec![
                row(&[
                    "SET1",
                    "Istruttori",
                    "Istruttore amministrativo",
                    "Tempo indeterminato",
                    "3",
                    "2",
                    "5",
                    "1",
                    "160000",
                ]),
                row(&[
                    "SET2",
                    "Funzionari e EQ",
                    "Funzionario tecnico",
                    "Tempo indeterminato",
                    "1",
                    "1",
                    "2",
                    "0",
                    "80000",
                ]),
                row(&[
                    "",
                    "Segretario",
                    "",
                    "Tempo indeterminato",
                    "1",
                    "0",
                    "1",
                    "0",
                    "90000",
                ]),
            ],
        );
        put(
            "personale",
            "cessazioni",
            vec![row(&[
                "2026",
                "Istruttori",
                "Istruttore",
                "SET1",
                "1",
                "Pensionamento",
                "",
            ])],
        );
        put(
            "personale",
            "assunzioni",
            vec![row(&[
                "2026",
                "SET2",
                "Istruttore tecnico",
                "Istruttori",
                "1",
                "Concorso pubblico",
                "Tempo pieno",
                "33500",
            ])],
        );
        put(
            "personale",
            "capacita",
            vec![
                row(&["Entrate correnti - Titolo I", "2022", "2400000"]),
                row(&["Entrate correnti - Titolo II", "2022", "450000"]),
                row(&["Entrate correnti - Titolo III", "2022", "650000"]),
                row(&["Entrate correnti - Titolo I", "2023", "2450000"]),
                row(&["Entrate correnti - Titolo II", "2023", "480000"]),
                row(&["Entrate correnti - Titolo III", "2023", "670000"]),
                row(&["Entrate correnti - Titolo I", "2024", "2500000"]),
                row(&["Entrate correnti - Titolo II", "2024", "500000"]),
                row(&["Entrate correnti - Titolo III", "2024", "700000"]),
                row(&["FCDE di parte corrente", "2024", "100000"]),
                row(&[
                    "Spesa di personale - tempo indeterminato e determinato",
                    "2024",
                    "840000",
                ]),
            ],
        );
        put(
            "personale",
            "formazione",
            vec![row(&[
                "Prevenzione della corruzione",
                "Anticorruzione",
                "E-learning",
                "Tutto il personale",
                "8",
                "40",
                "",
                "",
                "0",
                "Sì",
            ])],
        );
        put(
            "personale",
            "lavoro_agile",
            vec![row(&["SET1", "3", "1", "4", "1", "3"])],
        );
        put(
            "personale",
            "contingente",
            vec![
                row(&["2026", "6", "20%"]),
                row(&["2027", "6", "20%"]),
                row(&["2028", "6", "20%"]),
            ],
        );
        put(
            "performance",
            "obiettivi_vp",
            vec![row(&[
                "VP1",
                "Servizi digitali per tutti",
                "",
                "Digitale",
                "",
                "",
            ])],
        );
        put(
            "performance",
            "indicatori_vp",
            vec![row(&["VP1", "Servizi online", "10", "15", "20", "25", ""])],
        );
        put(
            "performance",
            "obiettivi",
            vec![row(&[
                "SET1",
                "A",
                "Digitalizzare l'archivio",
                "VP1",
                "",
                "Scansione delle pratiche",
                "31/12/2026",
                "Archivio online",
                "",
                "",
                "",
                "",
                "",
            ])],
        );
        put(
            "performance",
            "fasi",
            vec![
                row(&[
                    "SET1",
                    "A",
                    "1",
                    "Ricognizione",
                    "40%",
                    "Archivio",
                    "30/04/2026",
                ]),
                row(&[
                    "SET1",
                    "A",
                    "2",
                    "Scansione",
                    "60%",
                    "Archivio",
                    "30/11/2026",
                ]),
            ],
        );
        put(
            "performance",
            "indicatori",
            vec![row(&[
                "SET1",
                "A",
                "Pratiche digitalizzate",
                "",
                "%",
                "60%",
                "90%",
                "100%",
            ])],
        );
        put(
            "performance",
            "monitoraggio",
            vec![row(&[
                "2.2",
                "Nucleo di valutazione",
                "Verifica delle fasi",
                "Semestrale",
            ])],
        );
        put(
            "anticorruzione",
            "rischi",
            vec![row(&[
                "R01",
                "Contratti pubblici",
                "Affidamenti diretti",
                "Frazionamento",
                "SET2",
                "Medio",
                "Alto",
            ])],
        );
        put(
            "anticorruzione",
            "misure",
            vec![row(&[
                "R01",
                "Rotazione degli affidatari",
                "Specifica",
                "Marco Verdi",
                "31/12/2026",
                "Affidamenti allo stesso operatore",
            ])],
        );
        put(
            "anticorruzione",
            "trasparenza",
            vec![row(&[
                "Personale › Dotazione organica",
                "Conto annuale",
                "Art. 16 D.Lgs. 33/2013",
                "Personale",
                "Personale",
                "Annuale",
            ])],
        );
        Fixture {
            sheets,
            yaml: ENTE_YAML.to_string(),
            extra: Vec::new(),
            merged: Vec::new(),
            omitted: Vec::new(),
        }
    }
}

impl Fixture {
    /// The rows of a sheet, to change.
    pub fn rows(&mut self, wb: &'static str, sheet: &'static str) -> &mut Rows {
        assert!(workbook(wb).sheet(sheet).is_some(), "foglio {wb}/{sheet}");
        self.sheets.entry((wb, sheet)).or_default()
    }

    /// Sets one cell: row index among the data rows, column by key.
    pub fn set(&mut self, wb: &'static str, sheet: &'static str, r: usize, key: &str, value: &str) {
        let spec = workbook(wb).sheet(sheet).unwrap();
        let c = spec
            .columns
            .iter()
            .position(|c| c.key == key)
            .expect("column");
        let row = &mut self.rows(wb, sheet)[r];
        if row.len() <= c {
            row.resize(c + 1, String::new());
        }
        row[c] = value.to_string();
    }

    /// Writes the input folder into `dir`.
    pub fn write(&self, dir: &Path) -> PathBuf {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(dir.join("ente.yaml"), &self.yaml).unwrap();
        for wb in [&PERSONALE_WB, &PERFORMANCE_WB, &ANTICORRUZIONE_WB] {
            write_workbook(wb, self, &dir.join(wb.file_name()));
        }
        dir.to_path_buf()
    }
}

pub fn workbook(key: &str) -> &'static Workbook {
    piao::workbook::WORKBOOKS
        .iter()
        .find(|w| w.key == key)
        .unwrap()
}

fn write_workbook(spec: &Workbook, fixture: &Fixture, path: &Path) {
    let sheets = &fixture.sheets;
    let mut long: Option<String> = None;
    let mut wb = rust_xlsxwriter::Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for sheet in spec.sheets {
        if fixture.omitted.contains(&(spec.key, sheet.key)) {
            continue;
        }
        let ws = wb.add_worksheet();
        ws.set_name(sheet.name).unwrap();
        for (c, column) in sheet.columns.iter().enumerate() {
            ws.write_string(0, c as u16, column.header).unwrap();
        }
        let rows = sheets
            .get(&(spec.key, sheet.key))
            .cloned()
            .unwrap_or_default();
        for (r, cells) in rows.iter().enumerate() {
            for (c, text) in cells.iter().enumerate() {
                let (r, c) = (r as u32 + 1, c as u16);
                if text.is_empty() {
                    continue;
                } else if let Some(spec) = text.strip_prefix("=LONG ") {
                    let (n, piece) = spec.split_once(' ').unwrap();
                    long = Some(piece.repeat(n.parse().unwrap()));
                    ws.write_string(r, c, LONG).unwrap();
                } else if let Some(f) = text.strip_prefix("=NOCACHE ") {
                    // rust_xlsxwriter always stores a result: a marker, removed below.
                    ws.write_formula(r, c, Formula::new(format!("={f}")).set_result(NO_CACHE))
                        .unwrap();
                } else if let Some(err) = text.strip_prefix("=ERR ") {
                    ws.write_formula(r, c, Formula::new("=1/0").set_result(err))
                        .unwrap();
                } else if let Some(d) = text
                    .strip_prefix('@')
                    .and_then(|iso| ExcelDateTime::parse_from_str(iso).ok())
                {
                    ws.write_datetime_with_format(r, c, &d, &date).unwrap();
                } else if let Ok(n) = text
                    .parse::<f64>()
                    .map_err(|_| ())
                    .and_then(|n| if n.is_finite() { Ok(n) } else { Err(()) })
                {
                    ws.write_number(r, c, n).unwrap();
                } else {
                    ws.write_string(r, c, text).unwrap();
                }
            }
        }
        for (_, _, r, c, text) in fixture
            .extra
            .iter()
            .filter(|e| e.0 == spec.key && e.1 == sheet.key)
        {
            ws.write_string(*r, *c, text).unwrap();
        }
        for (_, _, r1, c1, r2, c2, text) in fixture
            .merged
            .iter()
            .filter(|m| m.0 == spec.key && m.1 == sheet.key)
        {
            ws.merge_range(*r1, *c1, *r2, *c2, text, &Format::new())
                .unwrap();
        }
    }
    wb.save(path).unwrap();
    rewrite(path, &long.unwrap_or_default());
}

const NO_CACHE: &str = "__NOCACHE__";
const LONG: &str = "__LONG__";

/// Rewrites the workbook without the marked formula results, as a program that does not
/// compute formulas saves them, and with the marked long text in full.
fn rewrite(path: &Path, long: &str) {
    use std::io::{Read, Write};
    let bytes = std::fs::read(path).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut entries = Vec::new();
    let mut marked = false;
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        let text = String::from_utf8_lossy(&data);
        let marker = format!("<v>{NO_CACHE}</v>");
        if text.contains(&marker) || text.contains(LONG) {
            data = text
                .replace(&marker, "")
                .replace(LONG, &long.replace('&', "&amp;").replace('<', "&lt;"))
                .into_bytes();
            marked = true;
        }
        entries.push((entry.name().unwrap().to_string(), data));
    }
    if !marked {
        return;
    }
    let mut out = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, data) in entries {
        out.start_file(name, options).unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap();
}

/// Writes the workbook as LibreOffice would save it in .ods: numbers as float cells,
/// percentages as percentage cells, `dd/mm/yyyy` texts as date cells.
pub fn write_ods(
    spec: &Workbook,
    sheets: &BTreeMap<(&'static str, &'static str), Rows>,
    path: &Path,
) {
    use std::io::Write;
    fn esc(s: &str) -> String {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    }
    fn cell(text: &str) -> String {
        let p = format!("<text:p>{}</text:p>", esc(text));
        if text.is_empty() {
            return "<table:table-cell/>".into();
        }
        // `MERGE2 x`: x merged over two rows; `COVERED`: a cell such a merge covers.
        if let Some(f) = text.strip_prefix("=NOCACHE ") {
            return format!(r#"<table:table-cell table:formula="of:={}"/>"#, esc(f));
        }
        if text == "COVERED" {
            return "<table:covered-table-cell/>".into();
        }
        if let Some(value) = text.strip_prefix("MERGE2 ") {
            return format!(
                r#"<table:table-cell office:value-type="string" table:number-rows-spanned="2"><text:p>{}</text:p></table:table-cell>"#,
                esc(value)
            );
        }
        if let Some(pct) = text.strip_suffix('%').and_then(|n| n.parse::<f64>().ok()) {
            return format!(
                r#"<table:table-cell office:value-type="percentage" office:value="{}">{p}</table:table-cell>"#,
                pct / 100.0
            );
        }
        if let Ok(n) = text.parse::<f64>() {
            return format!(
                r#"<table:table-cell office:value-type="float" office:value="{n}">{p}</table:table-cell>"#
            );
        }
        if let Some(d) = piao::italian::parse_date(text).filter(|_| text.contains('/')) {
            return format!(
                r#"<table:table-cell office:value-type="date" office:date-value="{}">{p}</table:table-cell>"#,
                d.format("%Y-%m-%d")
            );
        }
        format!(r#"<table:table-cell office:value-type="string">{p}</table:table-cell>"#)
    }
    let mut body = String::new();
    for sheet in spec.sheets {
        body.push_str(&format!(
            r#"<table:table table:name="{}">"#,
            esc(sheet.name)
        ));
        let header: Vec<String> = sheet.columns.iter().map(|c| c.header.to_string()).collect();
        let rows = sheets
            .get(&(spec.key, sheet.key))
            .cloned()
            .unwrap_or_default();
        for r in std::iter::once(header).chain(rows) {
            body.push_str("<table:table-row>");
            for c in &r {
                body.push_str(&cell(c));
            }
            body.push_str("</table:table-row>");
        }
        body.push_str("</table:table>");
    }
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>{body}</office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, data) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("content.xml", content.as_str()),
        ("META-INF/manifest.xml", manifest),
    ] {
        zip.start_file(name, stored).unwrap();
        zip.write_all(data.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
}
