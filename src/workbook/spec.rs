//! The types that declare a workbook: its sheets and their columns. One declaration writes the
//! blank template (`piao init`) and reads and checks the filled file (`piao check`), so the two
//! cannot drift apart.

/// What a column holds. It decides how a cell is parsed, which validation the template carries
/// and which number format it shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    /// Free text on one line.
    Text,
    /// Free text that may be long (a wider, wrapped column).
    LongText,
    /// A whole number ≥ 0 (headcounts, hours, participants).
    Count,
    /// A year, such as 2026.
    Year,
    /// An amount in euro, ≥ 0.
    Money,
    /// A decimal number ≥ 0.
    Decimal,
    /// A percentage: 0.15, 15 or "15%" all mean 15%.
    Percent,
    /// A date: a real date cell, a serial number or "31/12/2026".
    Date,
    /// A deadline: a date, or text such as "in corso d'anno" (accepted with a warning).
    Deadline,
    /// One value of a closed list.
    Choice(&'static [&'static str]),
    /// A unit declared in the `Strutture` sheet, by code or by name.
    Unit,
}

/// One column of a sheet.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// Stable key used by the code (`donne`, `scadenza`).
    pub key: &'static str,
    /// Header text written in the template and looked for in the filled file.
    pub header: &'static str,
    pub kind: Kind,
    pub required: bool,
    /// One line of help, shown as the header's input message and in the instructions sheet.
    pub help: &'static str,
    /// A sample value for the instructions sheet.
    pub example: &'static str,
}

/// One sheet of a workbook.
#[derive(Debug, Clone, Copy)]
pub struct Sheet {
    /// Stable key used by the code.
    pub key: &'static str,
    /// Sheet name, as it appears on the tab.
    pub name: &'static str,
    /// What the sheet is for, for the instructions sheet.
    pub purpose: &'static str,
    /// The PIAO sub-section it feeds, such as "3.1".
    pub section: &'static str,
    /// Whether a workbook may lack the sheet (one added after offices had filled their files,
    /// or one only some administrations need): then it is read as empty, without an error.
    pub optional: bool,
    pub columns: &'static [Column],
}

impl Sheet {
    pub fn column(&self, key: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.key == key)
    }
}

/// One workbook, filled by one office.
#[derive(Debug, Clone, Copy)]
pub struct Workbook {
    pub key: &'static str,
    /// File name without extension: `personale` is read from `personale.xlsx` or `.ods`.
    pub stem: &'static str,
    /// The office that fills it.
    pub office: &'static str,
    pub sheets: &'static [Sheet],
}

impl Workbook {
    pub fn sheet(&self, key: &str) -> Option<&Sheet> {
        self.sheets.iter().find(|s| s.key == key)
    }

    pub fn file_name(&self) -> String {
        format!("{}.xlsx", self.stem)
    }
}

/// Shorthand used by the declarations.
pub const fn col(
    key: &'static str,
    header: &'static str,
    kind: Kind,
    required: bool,
    help: &'static str,
    example: &'static str,
) -> Column {
    Column {
        key,
        header,
        kind,
        required,
        help,
        example,
    }
}
