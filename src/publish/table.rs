//! A publishable table: typed columns and cells, its place in the Amministrazione Trasparente
//! tree, its legal basis and reference period. Each output format (CSV, XLSX, HTML, JSON
//! metadata) is written from this one value, so the formats cannot disagree.

use crate::italian;
use chrono::NaiveDate;

/// How often a table must be updated, as the 1310/2016 grid says it, with the EU frequency
/// vocabulary code a data catalogue (DCAT-AP_IT `dct:accrualPeriodicity`) expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frequency {
    Tempestivo,
    Trimestrale,
    Annuale,
}

impl Frequency {
    pub fn label(self) -> &'static str {
        match self {
            Frequency::Tempestivo => "Tempestivo",
            Frequency::Trimestrale => "Trimestrale",
            Frequency::Annuale => "Annuale",
        }
    }

    pub fn uri(self) -> &'static str {
        match self {
            Frequency::Tempestivo => {
                "http://publications.europa.eu/resource/authority/frequency/IRREG"
            }
            Frequency::Trimestrale => {
                "http://publications.europa.eu/resource/authority/frequency/QUARTERLY"
            }
            Frequency::Annuale => {
                "http://publications.europa.eu/resource/authority/frequency/ANNUAL"
            }
        }
    }
}

/// A sub-section of Amministrazione Trasparente (D.Lgs. 33/2013, delibera ANAC 1310/2016).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section {
    /// The path in the AT tree: `["Personale", "Dotazione organica"]`.
    pub path: &'static [&'static str],
    /// The output folder under `trasparenza/`.
    pub folder: &'static str,
    /// The legal basis of the publication.
    pub basis: &'static str,
    pub frequency: Frequency,
}

impl Section {
    /// "Personale › Dotazione organica".
    pub fn label(&self) -> String {
        self.path.join(" › ")
    }
}

/// The period the data refer to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// As a reader says it: "al 31/12/2025", "triennio 2026–2028".
    pub label: String,
}

/// What a column holds: it decides the CSV text, the XLSX cell type and the HTML display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    Text,
    Integer,
    Number,
    /// Euro, two decimals.
    Money,
    /// A fraction shown as a percentage; the CSV holds the percentage (18 for 18%).
    Percent,
    Date,
    /// A deadline as offices write it: a date, or a sentence.
    DateOrText,
}

impl Type {
    /// The name the metadata give the type.
    pub fn label(self) -> &'static str {
        match self {
            Type::Text => "testo",
            Type::Integer => "intero",
            Type::Number => "decimale",
            Type::Money => "importo in euro",
            Type::Percent => "percentuale",
            Type::Date => "data (GG/MM/AAAA)",
            Type::DateOrText => "data (GG/MM/AAAA) o testo",
        }
    }
}

/// One column: the machine name (the CSV header, UPPER_SNAKE_CASE with the unit, such as
/// `COSTO_EUR`), the label a reader sees, the type and a description for the metadata.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub name: String,
    pub label: String,
    pub kind: Type,
    pub description: String,
}

pub fn column(name: &str, label: &str, kind: Type, description: &str) -> Column {
    Column {
        name: name.into(),
        label: label.into(),
        kind,
        description: description.into(),
    }
}

/// One value.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Integer(u64),
    Number(f64),
    Money(f64),
    /// A fraction: 0.18 is 18%.
    Percent(f64),
    Date(NaiveDate),
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        let s = s.into();
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s)
        }
    }

    pub fn opt_text(s: &Option<String>) -> Cell {
        s.as_deref().map(Cell::text).unwrap_or(Cell::Empty)
    }

    pub fn opt_money(n: Option<f64>) -> Cell {
        n.map(Cell::Money).unwrap_or(Cell::Empty)
    }

    pub fn opt_integer(n: Option<u64>) -> Cell {
        n.map(Cell::Integer).unwrap_or(Cell::Empty)
    }

    /// The CSV text: numbers with the decimal comma and no grouping, dates GG/MM/AAAA, text
    /// made inert (see [`inert`]).
    pub fn csv(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => inert(s),
            Cell::Integer(n) => n.to_string(),
            Cell::Number(n) => plain_decimal(*n, None),
            Cell::Money(n) => plain_decimal(*n, Some(2)),
            Cell::Percent(f) => plain_decimal((f * 1000.0).round() / 10.0, None),
            Cell::Date(d) => italian::date_short(*d),
        }
    }

    /// What a reader sees in the HTML page: Italian grouping, "€", "%", and a dash for an
    /// empty cell.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => "—".into(),
            Cell::Text(s) => s.clone(),
            Cell::Integer(n) => italian::integer(*n),
            Cell::Number(n) => italian::number(*n),
            Cell::Money(n) => italian::money(*n),
            Cell::Percent(f) => italian::percent(*f),
            Cell::Date(d) => italian::date_short(*d),
        }
    }

    pub fn is_numeric(&self) -> bool {
        matches!(
            self,
            Cell::Integer(_) | Cell::Number(_) | Cell::Money(_) | Cell::Percent(_)
        )
    }
}

/// "1234,5" or, with `decimals`, "1234,50": the decimal comma without thousands separators,
/// so that spreadsheets and scripts read the number back.
fn plain_decimal(n: f64, decimals: Option<usize>) -> String {
    // 25 × 2.2 is 55.00000000000001 in binary: six decimals are more than any figure has.
    let n = (n * 1e6).round() / 1e6;
    let s = match decimals {
        Some(d) => format!("{n:.d$}"),
        None if n.fract() == 0.0 => format!("{n:.0}"),
        None => {
            let s = format!("{n:.6}");
            s.trim_end_matches('0').to_string()
        }
    };
    s.replace('.', ",")
}

/// Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return at
/// the start) gets a leading apostrophe, the convention spreadsheets themselves use for
/// "this is text" (OWASP, CSV injection).
pub fn inert(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// A table to publish.
#[derive(Debug, Clone)]
pub struct Table {
    /// The file stem, stable for the same data set: `dotazione-organica-2025`.
    pub slug: String,
    pub title: String,
    pub description: String,
    pub section: Section,
    pub period: Period,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    /// A totals row, shown under the table in HTML and XLSX (the CSV holds only data rows).
    pub totals: Option<Vec<Cell>>,
}
