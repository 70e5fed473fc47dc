//! One table, four files: the CSV the AgID guidelines ask for, the XLSX offices open, the
//! HTML fragment the web staff paste into the site, and the JSON metadata a catalogue reads.
//! Every writer is deterministic (same table and dates, same bytes) and inert (user text
//! never becomes a formula or markup).

use super::table::{Cell, Table, Type};
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet};
use serde::Serialize;

/// The licence of every published table.
pub const LICENZA: &str = "Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)";
pub const LICENZA_URL: &str = "https://creativecommons.org/licenses/by/4.0/";

/// The widest an XLSX column gets, in characters; longer text wraps.
const MAX_WIDTH: usize = 60;

/// The publisher: the administration.
#[derive(Debug, Clone, Serialize)]
pub struct Editore {
    pub denominazione: String,
    pub codice_fiscale: Option<String>,
    pub codice_ipa: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Periodo {
    pub inizio: NaiveDate,
    pub fine: NaiveDate,
    pub descrizione: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Frequenza {
    pub etichetta: &'static str,
    pub uri: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct Licenza {
    pub nome: &'static str,
    pub url: &'static str,
}

/// One file of the table, as the metadata list it.
#[derive(Debug, Clone, Serialize)]
pub struct Distribuzione {
    pub file: String,
    pub formato: &'static str,
    pub media_type: &'static str,
    pub codifica: Option<&'static str>,
    pub separatore: Option<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Colonna {
    pub nome: String,
    pub etichetta: String,
    pub tipo: &'static str,
    pub descrizione: String,
}

/// The metadata of one version of a table: the DCAT-AP_IT fields a catalogue needs
/// (`dct:title`, `dct:description`, `dct:identifier`, `dct:publisher`, `dct:conformsTo`,
/// `dct:temporal`, `dct:issued`, `dct:modified`, `dct:accrualPeriodicity`, `dct:license`,
/// `dcat:contactPoint`, `dcat:theme`, `dcat:distribution`), in Italian.
#[derive(Debug, Clone, Serialize)]
pub struct Metadati {
    pub titolo: String,
    pub descrizione: String,
    pub identificativo: String,
    pub editore: Editore,
    pub sezione_amministrazione_trasparente: String,
    pub percorso: Vec<&'static str>,
    pub riferimento_normativo: &'static str,
    pub periodo_di_riferimento: Periodo,
    pub data_prima_pubblicazione: NaiveDate,
    pub data_ultima_modifica: NaiveDate,
    pub frequenza_aggiornamento: Frequenza,
    pub licenza: Licenza,
    pub contatto: Option<String>,
    pub lingua: &'static str,
    pub tema: &'static str,
    pub distribuzioni: Vec<Distribuzione>,
    pub colonne: Vec<Colonna>,
    pub note: &'static str,
}

/// What the metadata say about text cells starting like a formula.
pub const NOTA_TESTI: &str = "Nei file CSV i testi che iniziano con =, +, -, @, tabulazione o ritorno a capo sono preceduti da un apostrofo, perché un foglio di calcolo non li esegua come formule. Le celle vuote indicano un dato non disponibile.";

impl Metadati {
    pub fn new(
        table: &Table,
        editore: &Editore,
        contatto: Option<String>,
        dates: (NaiveDate, NaiveDate),
        distribuzioni: Vec<Distribuzione>,
    ) -> Metadati {
        let id_prefix = editore
            .codice_ipa
            .clone()
            .unwrap_or_else(|| editore.denominazione.to_lowercase().replace(' ', "-"));
        Metadati {
            titolo: table.title.clone(),
            descrizione: table.description.clone(),
            identificativo: format!("{id_prefix}:{}", table.slug),
            editore: editore.clone(),
            sezione_amministrazione_trasparente: table.section.label(),
            percorso: table.section.path.to_vec(),
            riferimento_normativo: table.section.basis,
            periodo_di_riferimento: Periodo {
                inizio: table.period.start,
                fine: table.period.end,
                descrizione: table.period.label.clone(),
            },
            data_prima_pubblicazione: dates.0,
            data_ultima_modifica: dates.1,
            frequenza_aggiornamento: Frequenza {
                etichetta: table.section.frequency.label(),
                uri: table.section.frequency.uri(),
            },
            licenza: Licenza {
                nome: LICENZA,
                url: LICENZA_URL,
            },
            contatto,
            lingua: "it",
            tema: "http://publications.europa.eu/resource/authority/data-theme/GOVE",
            distribuzioni,
            colonne: table
                .columns
                .iter()
                .map(|c| Colonna {
                    nome: c.name.clone(),
                    etichetta: c.label.clone(),
                    tipo: c.kind.label(),
                    descrizione: c.description.clone(),
                })
                .collect(),
            note: NOTA_TESTI,
        }
    }
}

/// A CSV writer with the publication's dialect: `;`, LF, quotes only where needed (a cell
/// holding `;`, `"` or a line break stays one cell, RFC 4180).
pub fn csv_writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::Any(b'\n'))
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(Vec::new())
}

/// Finishes a CSV writer into its bytes.
pub fn csv_bytes(w: csv::Writer<Vec<u8>>) -> Result<Vec<u8>, String> {
    w.into_inner().map_err(|e| e.to_string())
}

/// The table as CSV: UTF-8, one header row, data rows only.
pub fn csv(table: &Table) -> Result<Vec<u8>, String> {
    let mut w = csv_writer();
    w.write_record(table.columns.iter().map(|c| c.name.as_str()))
        .map_err(|e| e.to_string())?;
    for row in &table.rows {
        w.write_record(row.iter().map(Cell::csv))
            .map_err(|e| e.to_string())?;
    }
    csv_bytes(w)
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime, rust_xlsxwriter::XlsxError> {
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
}

/// The table as XLSX: typed cells, a bold frozen header with an autofilter, column widths
/// from the content, the totals row below the data, and a "Metadati" sheet.
pub fn xlsx(table: &Table, meta: &Metadati) -> Result<Vec<u8>, String> {
    xlsx_inner(table, meta).map_err(|e| e.to_string())
}

fn xlsx_inner(table: &Table, meta: &Metadati) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title(&table.title)
            .set_author(&meta.editore.denominazione)
            .set_creation_datetime(&excel_date(meta.data_ultima_modifica)?),
    );
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let integer = Format::new().set_num_format("#,##0");
    // "General": whole numbers without a trailing separator, decimals as they are.
    let decimal = Format::new().set_num_format("General");
    let money = Format::new().set_num_format("#,##0.00");
    let percent = Format::new().set_num_format("0.0%");
    let date = Format::new().set_num_format("dd/mm/yyyy");

    let ws = wb.add_worksheet();
    ws.set_name("Dati")?;
    for (c, col) in table.columns.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, &col.name, &bold)?;
        let longest = table
            .rows
            .iter()
            .map(|r| r[c].display().chars().count())
            .max()
            .unwrap_or(0)
            .max(col.name.chars().count());
        ws.set_column_width(c as u16, (longest.clamp(8, MAX_WIDTH) + 2) as f64)?;
    }
    let write_row = |ws: &mut Worksheet,
                     r: u32,
                     row: &[Cell],
                     bold_row: bool|
     -> Result<(), rust_xlsxwriter::XlsxError> {
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            let with = |f: &Format| {
                if bold_row {
                    f.clone().set_bold()
                } else {
                    f.clone()
                }
            };
            match cell {
                Cell::Empty => {}
                Cell::Text(s) if s.chars().count() > MAX_WIDTH => {
                    ws.write_string_with_format(r, c, s, &with(&wrap))?;
                }
                Cell::Text(s) => {
                    ws.write_string_with_format(r, c, s, &with(&Format::new()))?;
                }
                Cell::Integer(n) => {
                    ws.write_number_with_format(r, c, *n as f64, &with(&integer))?;
                }
                Cell::Number(n) => {
                    ws.write_number_with_format(r, c, *n, &with(&decimal))?;
                }
                Cell::Money(n) => {
                    ws.write_number_with_format(r, c, *n, &with(&money))?;
                }
                Cell::Percent(f) => {
                    ws.write_number_with_format(r, c, *f, &with(&percent))?;
                }
                Cell::Date(d) => {
                    ws.write_datetime_with_format(r, c, excel_date(*d)?, &with(&date))?;
                }
            }
        }
        Ok(())
    };
    for (i, row) in table.rows.iter().enumerate() {
        write_row(ws, i as u32 + 1, row, false)?;
    }
    let last = table.rows.len() as u32;
    if let Some(totals) = &table.totals {
        // One empty row keeps the totals out of the filtered range.
        write_row(ws, last + 2, totals, true)?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, last, table.columns.len().saturating_sub(1) as u16)?;

    let ws = wb.add_worksheet();
    ws.set_name("Metadati")?;
    ws.set_column_width(0, 30)?;
    ws.set_column_width(1, 80)?;
    ws.set_column_width(2, 60)?;
    let editore = &meta.editore;
    let fields: Vec<(&str, String)> = vec![
        ("Titolo", meta.titolo.clone()),
        ("Descrizione", meta.descrizione.clone()),
        ("Identificativo", meta.identificativo.clone()),
        ("Ente", editore.denominazione.clone()),
        (
            "Codice fiscale",
            editore.codice_fiscale.clone().unwrap_or_default(),
        ),
        ("Codice IPA", editore.codice_ipa.clone().unwrap_or_default()),
        (
            "Sezione di Amministrazione Trasparente",
            meta.sezione_amministrazione_trasparente.clone(),
        ),
        (
            "Riferimento normativo",
            meta.riferimento_normativo.to_string(),
        ),
        (
            "Periodo di riferimento",
            meta.periodo_di_riferimento.descrizione.clone(),
        ),
        (
            "Frequenza di aggiornamento",
            meta.frequenza_aggiornamento.etichetta.to_string(),
        ),
        (
            "Licenza",
            format!("{} – {}", meta.licenza.nome, meta.licenza.url),
        ),
        ("Contatto", meta.contatto.clone().unwrap_or_default()),
        ("Note", meta.note.to_string()),
    ];
    ws.write_string_with_format(0, 0, "Campo", &bold)?;
    ws.write_string_with_format(0, 1, "Valore", &bold)?;
    let mut r = 1;
    for (label, value) in fields {
        ws.write_string(r, 0, label)?;
        ws.write_string_with_format(r, 1, &value, &wrap)?;
        r += 1;
    }
    for (label, d) in [
        ("Data di prima pubblicazione", meta.data_prima_pubblicazione),
        ("Data di ultima modifica", meta.data_ultima_modifica),
    ] {
        ws.write_string(r, 0, label)?;
        ws.write_datetime_with_format(r, 1, excel_date(d)?, &date)?;
        r += 1;
    }
    r += 1;
    for (c, h) in ["Colonna", "Tipo", "Descrizione"].iter().enumerate() {
        ws.write_string_with_format(r, c as u16, *h, &bold)?;
    }
    for col in &meta.colonne {
        r += 1;
        ws.write_string(r, 0, &col.nome)?;
        ws.write_string(r, 1, col.tipo)?;
        ws.write_string_with_format(r, 2, &col.descrizione, &wrap)?;
    }
    wb.save_to_buffer()
}

/// The cells of the HTML fragment: display text and whether it is a number (right-aligned
/// by the site's own style sheet through the `numero` class).
#[derive(Debug, Serialize)]
pub struct HtmlCell {
    pub testo: String,
    pub numero: bool,
}

/// The rows of `table` as the HTML template receives them.
pub fn html_rows(rows: &[Vec<Cell>]) -> Vec<Vec<HtmlCell>> {
    rows.iter()
        .map(|r| {
            r.iter()
                .map(|c| HtmlCell {
                    testo: c.display(),
                    numero: c.is_numeric(),
                })
                .collect()
        })
        .collect()
}

/// Whether the column holds numbers (for the header's class).
pub fn numeric(kind: Type) -> bool {
    matches!(
        kind,
        Type::Integer | Type::Number | Type::Money | Type::Percent
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::publish::table::{Frequency, Period, Section, column};

    fn table(rows: Vec<Vec<Cell>>) -> Table {
        let day = NaiveDate::from_ymd_opt(2026, 1, 20).unwrap();
        Table {
            slug: "prova".into(),
            title: "Prova".into(),
            description: "Tabella di prova".into(),
            section: Section {
                path: &["Altri contenuti"],
                folder: "altri-contenuti",
                basis: "—",
                frequency: Frequency::Annuale,
            },
            period: Period {
                start: day,
                end: day,
                label: "al 20/01/2026".into(),
            },
            columns: vec![
                column("TESTO", "Testo", Type::Text, ""),
                column("IMPORTO_EUR", "Importo", Type::Money, ""),
                column("QUOTA_PCT", "Quota", Type::Percent, ""),
                column("DATA", "Data", Type::Date, ""),
            ],
            rows,
            totals: None,
        }
    }

    #[test]
    fn csv_keeps_separators_quotes_and_line_breaks_in_one_cell() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        let t = table(vec![
            vec![
                Cell::text("uno; \"due\"\ntre"),
                Cell::Money(1234.5),
                Cell::Percent(0.125),
                Cell::Date(day),
            ],
            vec![Cell::text("=1+1"), Cell::Empty, Cell::Empty, Cell::Empty],
        ]);
        let bytes = csv(&t).unwrap();
        let mut r = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(bytes.as_slice());
        let rows: Vec<Vec<String>> = r
            .records()
            .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
            .collect();
        assert_eq!(
            rows,
            vec![
                vec!["uno; \"due\"\ntre", "1234,50", "12,5", "05/03/2026"],
                vec!["'=1+1", "", "", ""],
            ]
        );
    }

    #[test]
    fn same_table_same_xlsx_bytes() {
        let t = table(vec![vec![
            Cell::text("a"),
            Cell::Money(1.0),
            Cell::Percent(0.5),
            Cell::Empty,
        ]]);
        let editore = Editore {
            denominazione: "Comune di Prova".into(),
            codice_fiscale: None,
            codice_ipa: None,
        };
        let day = NaiveDate::from_ymd_opt(2026, 1, 20).unwrap();
        let meta = Metadati::new(&t, &editore, None, (day, day), Vec::new());
        assert_eq!(xlsx(&t, &meta).unwrap(), xlsx(&t, &meta).unwrap());
    }
}
