//! Writing the blank workbook of an office from its declaration (`piao init`): an
//! instructions sheet, then one sheet per table with a frozen, locked header row, an input
//! message on every header, dropdowns for closed lists, number/date/percentage validation and
//! Italian number formats. Optional rows fill it, typed as a user would (the demo uses this).

use super::spec::{Column, Kind, Sheet, Workbook};
use crate::italian;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format, FormatAlign,
    FormatBorder, Formula, ProtectionOptions, Worksheet, XlsxError,
};
use std::collections::HashMap;

/// Rows of data by sheet key, as text typed in the cells (numbers and dates are converted to
/// real numbers and dates as the spreadsheet would).
pub type Fill<'a> = HashMap<&'a str, Vec<Vec<String>>>;

/// How many rows below the header carry validation and formats.
const DATA_ROWS: u32 = 500;

/// Name of the hidden sheet with the values of the dropdowns.
const LISTS_SHEET: &str = "Elenchi";

const HEADER_BG: u32 = 0x0066CC;
const INSTRUCTIONS_TITLE: &str = "Istruzioni";

/// The workbook as .xlsx bytes. The same declaration and rows always give the same bytes.
pub fn write(spec: &Workbook, fill: &Fill) -> Result<Vec<u8>, XlsxError> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let fixed = ExcelDateTime::from_ymd(2026, 1, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("PIAO - {}", spec.office))
            .set_author("piao")
            .set_creation_datetime(&fixed),
    );

    let lists = collect_lists(spec);
    instructions(wb.add_worksheet(), spec)?;
    for sheet in spec.sheets {
        let ws = wb.add_worksheet();
        data_sheet(ws, spec, sheet, &lists, fill.get(sheet.key))?;
    }
    let ws = wb.add_worksheet();
    ws.set_name(LISTS_SHEET)?;
    for (i, values) in lists.iter().enumerate() {
        for (r, v) in values.iter().enumerate() {
            ws.write_string(r as u32, i as u16, *v)?;
        }
    }
    ws.set_hidden(true);
    wb.save_to_buffer()
}

/// The closed lists used by the workbook, each given a column of the hidden lists sheet.
type Lists = Vec<&'static [&'static str]>;

fn collect_lists(spec: &Workbook) -> Lists {
    let mut lists: Lists = Vec::new();
    for sheet in spec.sheets {
        for c in sheet.columns {
            if let Kind::Choice(values) = c.kind
                && !lists.iter().any(|v| std::ptr::eq(*v, values))
            {
                lists.push(values);
            }
        }
    }
    lists
}

fn list_range(lists: &Lists, values: &[&str]) -> String {
    let i = lists
        .iter()
        .position(|v| std::ptr::eq(*v, values))
        .unwrap_or(0);
    let col = crate::diag::a1(0, i as u32);
    let letters = col.trim_end_matches(|c: char| c.is_ascii_digit());
    format!("={LISTS_SHEET}!${letters}$1:${letters}${}", values.len())
}

fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_font_color(Color::White)
        .set_background_color(Color::RGB(HEADER_BG))
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
}

fn instructions(ws: &mut Worksheet, spec: &Workbook) -> Result<(), XlsxError> {
    ws.set_name(INSTRUCTIONS_TITLE)?;
    let title = Format::new().set_bold().set_font_size(16);
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let head = header_format();
    ws.set_column_width(0, 28)?;
    ws.set_column_width(1, 14)?;
    ws.set_column_width(2, 22)?;
    ws.set_column_width(3, 60)?;
    ws.set_column_width(4, 30)?;
    ws.write_string_with_format(0, 0, format!("PIAO - {}", spec.file_name()), &title)?;
    ws.write_string(1, 0, format!("Compilato da: {}", spec.office))?;
    ws.write_string(
        2,
        0,
        "Compilare un foglio per tabella, dalla riga 2 in giù, senza cambiare le intestazioni. \
         Le colonne con * sono obbligatorie (i dati che il DM 132/2022 chiede o senza i quali la riga non ha senso); \
         le altre si possono lasciare vuote quando il dato non è noto: nel PIAO la cella vuota è stampata «—» e un totale \
         che ne dipende «n.d.», mai come zero. Poi eseguire `piao check` per sapere, cella per cella, che cosa correggere.",
    )?;
    let mut row = 4;
    for sheet in spec.sheets {
        ws.write_string_with_format(
            row,
            0,
            format!("Foglio «{}» (sottosezione {})", sheet.name, sheet.section),
            &bold,
        )?;
        row += 1;
        ws.write_string_with_format(row, 0, sheet.purpose, &wrap)?;
        row += 1;
        for (i, h) in [
            "Colonna",
            "Obbligatoria",
            "Tipo di dato",
            "Descrizione",
            "Esempio",
        ]
        .iter()
        .enumerate()
        {
            ws.write_string_with_format(row, i as u16, *h, &head)?;
        }
        row += 1;
        for c in sheet.columns {
            ws.write_string_with_format(row, 0, c.header, &wrap)?;
            ws.write_string(row, 1, if c.required { "Sì" } else { "No" })?;
            ws.write_string_with_format(row, 2, kind_label(c.kind), &wrap)?;
            ws.write_string_with_format(row, 3, help_text(c, spec), &wrap)?;
            ws.write_string_with_format(row, 4, c.example, &wrap)?;
            row += 1;
        }
        row += 1;
    }
    ws.set_active(true);
    Ok(())
}

fn kind_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Text => "Testo",
        Kind::LongText => "Testo lungo",
        Kind::Count => "Numero intero ≥ 0",
        Kind::Year => "Anno (aaaa)",
        Kind::Money => "Importo in euro",
        Kind::Decimal => "Numero",
        Kind::Percent => "Percentuale",
        Kind::Date => "Data (gg/mm/aaaa)",
        Kind::Deadline => "Data (gg/mm/aaaa) o testo",
        Kind::Choice(_) => "Scelta da elenco",
        Kind::Unit => "Struttura (codice o nome)",
    }
}

/// The column's help, with its allowed values when it has a closed list.
fn help_text(c: &Column, spec: &Workbook) -> String {
    match c.kind {
        Kind::Choice(values) => format!("{} Valori: {}.", c.help, values.join(", ")),
        Kind::Unit if spec.sheet("strutture").is_none() => format!(
            "{} Deve essere una struttura del foglio Strutture di personale.xlsx.",
            c.help
        ),
        _ => c.help.to_string(),
    }
}

fn width(kind: Kind) -> f64 {
    match kind {
        Kind::LongText => 50.0,
        Kind::Text => 28.0,
        // Wide enough for the longest value of the list, within reason.
        Kind::Choice(values) => values
            .iter()
            .map(|v| v.chars().count() as f64 + 2.0)
            .fold(24.0, f64::max)
            .min(60.0),
        Kind::Unit => 16.0,
        Kind::Date | Kind::Deadline => 14.0,
        Kind::Money => 16.0,
        _ => 12.0,
    }
}

fn cell_format(kind: Kind) -> Format {
    let f = Format::new().set_unlocked();
    match kind {
        Kind::Text | Kind::Unit | Kind::Choice(_) => f.set_num_format("@"),
        Kind::LongText => f.set_num_format("@").set_text_wrap(),
        Kind::Count | Kind::Year => f.set_num_format("0"),
        Kind::Money => f.set_num_format("#,##0.00 [$€-410]"),
        Kind::Decimal => f.set_num_format("General"),
        Kind::Percent => f.set_num_format("0%"),
        Kind::Date | Kind::Deadline => f.set_num_format("dd/mm/yyyy"),
    }
}

/// The data validation of a column, with the help as input message.
fn validation(c: &Column, spec: &Workbook, lists: &Lists) -> Result<DataValidation, XlsxError> {
    let base = DataValidation::new();
    let (dv, error) = match c.kind {
        Kind::Count => (
            base.allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0)),
            "Scrivere un numero intero maggiore o uguale a zero.",
        ),
        Kind::Year => (
            base.allow_whole_number(DataValidationRule::Between(2000, 2100)),
            "Scrivere un anno di quattro cifre, come 2026.",
        ),
        Kind::Money | Kind::Decimal => (
            base.allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0)),
            "Scrivere un numero maggiore o uguale a zero.",
        ),
        Kind::Percent => (
            base.allow_decimal_number(DataValidationRule::Between(0.0, 1.0)),
            "Scrivere una percentuale tra 0% e 100%.",
        ),
        Kind::Date => (
            base.allow_date(DataValidationRule::Between(
                ExcelDateTime::from_ymd(2000, 1, 1)?,
                ExcelDateTime::from_ymd(2100, 12, 31)?,
            )),
            "Scrivere una data come 31/12/2026.",
        ),
        Kind::Choice(values) => (
            base.allow_list_formula(Formula::new(list_range(lists, values))),
            "Scegliere un valore dall'elenco.",
        ),
        Kind::Unit if spec.sheet("strutture").is_some() => (
            base.allow_list_formula(Formula::new(format!(
                "=Strutture!$A$2:$A${}",
                DATA_ROWS + 1
            ))),
            "Scegliere il codice di una struttura del foglio Strutture.",
        ),
        _ => (base.allow_any_value(), ""),
    };
    let mut dv = dv
        .set_input_title(truncate(c.header, 32))?
        .set_input_message(truncate(&help_text(c, spec), 255))?;
    if !error.is_empty() {
        dv = dv
            .set_error_title("Valore non valido")?
            .set_error_message(error)?;
    }
    Ok(dv)
}

/// Excel limits input titles to 32 and messages to 255 characters.
fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max - 1).collect();
    out.push('…');
    out
}

fn data_sheet(
    ws: &mut Worksheet,
    spec: &Workbook,
    sheet: &Sheet,
    lists: &Lists,
    rows: Option<&Vec<Vec<String>>>,
) -> Result<(), XlsxError> {
    ws.set_name(sheet.name)?;
    let head = header_format();
    ws.set_row_height(0, 32)?;
    for (i, c) in sheet.columns.iter().enumerate() {
        let col = i as u16;
        let header = if c.required {
            format!("{} *", c.header)
        } else {
            c.header.to_string()
        };
        ws.write_string_with_format(0, col, header, &head)?;
        ws.set_column_width(col, width(c.kind))?;
        ws.set_column_format(col, &cell_format(c.kind))?;
        let dv = validation(c, spec, lists)?;
        let header_help = DataValidation::new()
            .allow_any_value()
            .set_input_title(truncate(c.header, 32))?
            .set_input_message(truncate(&help_text(c, spec), 255))?;
        ws.add_data_validation(0, col, 0, col, &header_help)?;
        ws.add_data_validation(1, col, DATA_ROWS, col, &dv)?;
    }
    if let Some(rows) = rows {
        for (r, values) in rows.iter().enumerate() {
            for (c, (column, text)) in sheet.columns.iter().zip(values).enumerate() {
                write_typed(ws, r as u32 + 1, c as u16, column.kind, text)?;
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    let options = ProtectionOptions {
        insert_rows: true,
        delete_rows: true,
        format_columns: true,
        format_rows: true,
        sort: true,
        use_autofilter: true,
        ..ProtectionOptions::default()
    };
    ws.protect_with_options(&options);
    Ok(())
}

/// Writes `text` as the spreadsheet would store it when typed: numbers as numbers,
/// percentages as fractions, dates as dates, the rest as text.
fn write_typed(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    kind: Kind,
    text: &str,
) -> Result<(), XlsxError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(());
    }
    let format = cell_format(kind);
    let number = italian::parse_number(text.trim_end_matches('%'));
    match (kind, number) {
        (Kind::Count | Kind::Year | Kind::Money | Kind::Decimal, Some(n)) => {
            ws.write_number_with_format(row, col, n, &format)?;
        }
        (Kind::Percent, Some(n)) => {
            let fraction = if text.ends_with('%') || n > 1.0 {
                n / 100.0
            } else {
                n
            };
            ws.write_number_with_format(row, col, fraction, &format)?;
        }
        (Kind::Date | Kind::Deadline, _) if italian::parse_date(text).is_some() => {
            let d = italian::parse_date(text).expect("checked above");
            ws.write_datetime_with_format(row, col, d, &format)?;
        }
        _ => {
            ws.write_string_with_format(row, col, text, &format)?;
        }
    }
    Ok(())
}

/// The rows of every sheet of `spec` read from a folder of `;`-separated CSV files named
/// `<workbook>--<sheet>.csv` (the readable source of the demo and of the test fixtures). A
/// file may leave out trailing optional columns, and a sheet without a file stays empty.
pub fn fill_from_csv(dir: &std::path::Path, spec: &Workbook) -> Result<Fill<'static>, String> {
    let mut fill = Fill::new();
    for sheet in spec.sheets {
        let path = dir.join(format!("{}--{}.csv", spec.stem, sheet.key));
        if !path.exists() {
            continue;
        }
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_path(&path)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let headers: Vec<String> = reader
            .headers()
            .map_err(|e| format!("{}: {e}", path.display()))?
            .iter()
            .map(str::to_string)
            .collect();
        let expected: Vec<&str> = sheet.columns.iter().map(|c| c.header).collect();
        if headers.len() > expected.len() || headers.iter().zip(&expected).any(|(h, e)| h != e) {
            return Err(format!(
                "{}: intestazioni {headers:?}, attese (almeno le prime) {expected:?}",
                path.display()
            ));
        }
        let rows = reader
            .records()
            .map(|r| r.map(|r| r.iter().map(str::to_string).collect()))
            .collect::<Result<Vec<Vec<String>>, _>>()
            .map_err(|e| format!("{}: {e}", path.display()))?;
        fill.insert(sheet.key, rows);
    }
    Ok(fill)
}
