//! Parsing one cell as Excel and LibreOffice really save it: dates as date cells, serial
//! numbers or "31/12/2026" text; percentages as 0.15, 15 or "15%"; numbers typed as text with
//! Italian separators; stray spaces. A failure says what was found and what was expected.

use crate::italian;
use crate::model::Deadline;
use crate::workbook::spec::Kind;
use calamine::{CellErrorType, Data};
use chrono::{Duration, NaiveDate};

/// A parsed cell value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    Count(u64),
    Number(f64),
    /// A fraction: 15% is 0.15.
    Percent(f64),
    Date(NaiveDate),
    Deadline(Deadline),
    /// A closed-list value written with another name the offices use: the value, and how the
    /// cell said it (reported once per column, see [`crate::load::workbook::Lettura`]).
    Read {
        value: &'static str,
        typed: String,
        how: crate::model::vocab::Lettura,
    },
}

/// Why a cell could not be read: the message, and an optional hint.
#[derive(Debug, Clone, PartialEq)]
pub struct CellProblem {
    pub message: String,
    pub hint: Option<String>,
}

impl CellProblem {
    pub fn new(message: impl Into<String>) -> Self {
        CellProblem {
            message: message.into(),
            hint: None,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// Parses `data` as a value of `kind`. Empty cells (and cells holding only spaces) are
/// `Value::Empty`; whether that is allowed is the caller's business.
pub fn parse(data: &Data, kind: Kind) -> Result<Value, CellProblem> {
    if let Data::Error(e) = data {
        return Err(CellProblem::new(format!(
            "la cella contiene l'errore di formula {}",
            error_name(e)
        ))
        .hint("correggere la formula o scrivere direttamente il valore"));
    }
    if is_blank(data) {
        return Ok(Value::Empty);
    }
    match kind {
        Kind::Text | Kind::LongText => Ok(Value::Text(as_lines(data))),
        Kind::Unit => Ok(Value::Text(as_text(data))),
        Kind::Choice(list) => parse_choice(data, list),
        Kind::Count => parse_count(data),
        Kind::Year => parse_year(data),
        Kind::Money | Kind::Decimal => parse_decimal(data, kind == Kind::Money),
        Kind::Percent => parse_percent(data),
        Kind::Date => parse_date(data).map(Value::Date),
        Kind::Deadline => match parse_date(data) {
            Ok(date) => Ok(Value::Deadline(Deadline::Date(date))),
            Err(_) => Ok(Value::Deadline(Deadline::Text(as_lines(data)))),
        },
    }
}

/// True for empty cells and cells holding only white space.
pub fn is_blank(data: &Data) -> bool {
    match data {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// Free text as typed, with the line breaks the office put inside the cell (Alt+Invio): each
/// line's spaces tidied, blank lines dropped. The PDF prints the lines as lines, and lines
/// starting with "-", "•" or "*" as a list.
pub fn as_lines(data: &Data) -> String {
    match data {
        Data::String(s) => {
            let mut out = String::with_capacity(s.len());
            for line in s.lines().filter(|l| !l.trim().is_empty()) {
                if !out.is_empty() {
                    out.push('\n');
                }
                push_squeezed(&mut out, line);
            }
            out
        }
        _ => as_text(data),
    }
}

/// `s` with its ends trimmed and each run of white space made one space.
fn squeeze(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_squeezed(&mut out, s);
    out
}

/// Appends [`squeeze`]`(s)` to `out` (one allocation per cell on a 100,000-row sheet).
fn push_squeezed(out: &mut String, s: &str) {
    for (i, word) in s.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// The cell as text, as the user sees it: integers without ".0", dates as dd/mm/yyyy.
pub fn as_text(data: &Data) -> String {
    match data {
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => squeeze(s),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string().replace('.', ","),
        Data::Bool(true) => "VERO".into(),
        Data::Bool(false) => "FALSO".into(),
        Data::DateTime(dt) => dt
            .as_datetime()
            .map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_else(|| dt.as_f64().to_string()),
        Data::Error(e) => error_name(e).into(),
        Data::Empty => String::new(),
    }
}

/// The Italian name of a formula error, as LibreOffice and the Italian Excel show it.
fn error_name(e: &CellErrorType) -> &'static str {
    match e {
        CellErrorType::Div0 => "#DIV/0!",
        CellErrorType::NA => "#N/D",
        CellErrorType::Name => "#NOME?",
        CellErrorType::Null => "#NULLO!",
        CellErrorType::Num => "#NUM!",
        CellErrorType::Ref => "#RIF!",
        CellErrorType::Value => "#VALORE!",
        CellErrorType::GettingData => "#DATI_IN_ARRIVO",
    }
}

/// Lower case, accents removed, punctuation and runs of spaces folded: the form in which
/// headers and list values are compared.
pub fn normalize(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let folded: String = s
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| {
            if c.is_alphanumeric() || c == '%' {
                c
            } else {
                ' '
            }
        })
        .collect();
    squeeze(&folded)
}

/// The list value closest to `found`, when it is close enough to be a likely typo.
pub fn suggest<'a>(found: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let found = normalize(found);
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&found, &normalize(c)), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

fn parse_choice(data: &Data, list: &'static [&'static str]) -> Result<Value, CellProblem> {
    let text = as_text(data);
    // Most cells hold a value of the list as the template's dropdown wrote it.
    if let Some(value) = list.iter().find(|v| **v == text) {
        return Ok(Value::Text((*value).to_string()));
    }
    let key = normalize(&text);
    if let Some(value) = list.iter().find(|v| normalize(v) == key) {
        return Ok(Value::Text((*value).to_string()));
    }
    // The same words with other punctuation or spacing ("Elearning", "Part-time").
    let compact = crate::model::vocab::chiave(&text);
    if let Some(value) = list
        .iter()
        .find(|v| crate::model::vocab::chiave(v) == compact)
    {
        return Ok(Value::Text((*value).to_string()));
    }
    if let Some(how) = crate::model::vocab::leggi(list, &text) {
        return Ok(Value::Read {
            value: how.valore(),
            typed: text,
            how,
        });
    }
    let mut problem = CellProblem::new(format!(
        "valore '{text}' non ammesso: atteso uno tra {}",
        quoted_list(list)
    ));
    if let Some(s) = suggest(&text, list.iter().copied()) {
        problem = problem.hint(format!("forse intendevi '{s}'?"));
    }
    Err(problem)
}

pub fn quoted_list(list: &[&str]) -> String {
    list.iter()
        .map(|v| format!("'{v}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The largest whole number a cell may hold (people, hours, participants): far above any real
/// figure, low enough that no total can overflow.
pub const MAX_COUNT: f64 = 1e9;

/// The largest amount or decimal a cell may hold: beyond it a figure would lose digits in the
/// tables (and a typo like 1e308 would print as nonsense).
pub const MAX_DECIMAL: f64 = 1e12;

fn parse_count(data: &Data) -> Result<Value, CellProblem> {
    let n = number(data).ok_or_else(|| {
        CellProblem::new(format!(
            "valore '{}' non numerico: atteso un numero intero ≥ 0",
            as_text(data)
        ))
    })?;
    if n < 0.0 {
        return Err(CellProblem::new(format!(
            "valore {} negativo: atteso un numero intero ≥ 0",
            as_text(data)
        )));
    }
    if n.fract() != 0.0 {
        return Err(CellProblem::new(format!(
            "valore '{}' con decimali: atteso un numero intero ≥ 0",
            as_text(data)
        )));
    }
    if n > MAX_COUNT {
        return Err(CellProblem::new(format!(
            "valore {} troppo grande: atteso un numero intero tra 0 e 1.000.000.000",
            as_text(data)
        )));
    }
    Ok(Value::Count(n as u64))
}

fn parse_year(data: &Data) -> Result<Value, CellProblem> {
    match number(data) {
        Some(n) if n.fract() == 0.0 && (2000.0..=2100.0).contains(&n) => Ok(Value::Count(n as u64)),
        _ => Err(CellProblem::new(format!(
            "valore '{}' non valido: atteso un anno di quattro cifre, come 2026",
            as_text(data)
        ))),
    }
}

fn parse_decimal(data: &Data, money: bool) -> Result<Value, CellProblem> {
    let what = if money {
        "un importo in euro ≥ 0, come 1.234,56"
    } else {
        "un numero ≥ 0, come 12,5"
    };
    let n = number(data).ok_or_else(|| {
        CellProblem::new(format!(
            "valore '{}' non numerico: atteso {what}",
            as_text(data)
        ))
    })?;
    if n < 0.0 {
        return Err(CellProblem::new(format!(
            "valore {} negativo: atteso {what}",
            as_text(data)
        )));
    }
    if n > MAX_DECIMAL {
        return Err(CellProblem::new(format!(
            "valore {} troppo grande: atteso {what}, fino a 1.000.000.000.000",
            as_text(data)
        )));
    }
    Ok(Value::Number(n))
}

fn parse_percent(data: &Data) -> Result<Value, CellProblem> {
    let bad = || {
        CellProblem::new(format!(
            "valore '{}' non valido: attesa una percentuale tra 0 e 100, come 15%",
            as_text(data)
        ))
    };
    let fraction = match data {
        Data::String(s) if s.trim().ends_with('%') => {
            italian::parse_number(s.trim().trim_end_matches('%')).ok_or_else(bad)? / 100.0
        }
        _ => {
            let n = number(data).ok_or_else(bad)?;
            // 0.15 (a percent-formatted cell) and 15 (typed as points) both mean 15%.
            if n > 1.0 { n / 100.0 } else { n }
        }
    };
    if !(0.0..=1.0).contains(&fraction) {
        return Err(bad());
    }
    Ok(Value::Percent(fraction))
}

/// A number from a numeric cell or from text with Italian (or plain) separators.
fn number(data: &Data) -> Option<f64> {
    match data {
        Data::Int(i) => Some(*i as f64),
        Data::Float(f) => Some(*f),
        Data::String(s) => italian::parse_number(s),
        _ => None,
    }
}

fn parse_date(data: &Data) -> Result<NaiveDate, CellProblem> {
    let bad = || {
        CellProblem::new(format!(
            "valore '{}' non è una data: attesa una data come 31/12/2026",
            as_text(data)
        ))
    };
    match data {
        Data::DateTime(dt) => dt.as_datetime().map(|d| d.date()).ok_or_else(bad),
        Data::Float(_) | Data::Int(_) => {
            let serial = number(data).ok_or_else(bad)?;
            serial_to_date(serial).ok_or_else(bad)
        }
        Data::String(s) | Data::DateTimeIso(s) => italian::parse_date(s).ok_or_else(bad),
        _ => Err(bad()),
    }
}

/// Spreadsheet serial day numbers (1900 system, as both Excel and LibreOffice save them).
fn serial_to_date(serial: f64) -> Option<NaiveDate> {
    if !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    epoch.checked_add_signed(Duration::days(serial.trunc() as i64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_in_three_forms() {
        for data in [
            Data::Float(0.15),
            Data::Float(15.0),
            Data::String("15%".into()),
            Data::String(" 15 % ".into()),
        ] {
            assert_eq!(
                parse(&data, Kind::Percent),
                Ok(Value::Percent(0.15)),
                "{data:?}"
            );
        }
        assert!(parse(&Data::Float(150.0), Kind::Percent).is_err());
    }

    #[test]
    fn figures_too_large_to_add_up_are_refused() {
        // Found by the property test: 1e308 people overflowed the sum of a row.
        for (data, kind) in [
            (Data::String("1e308".into()), Kind::Count),
            (Data::Float(2e9), Kind::Count),
            (Data::Float(1e15), Kind::Money),
        ] {
            let e = parse(&data, kind).unwrap_err();
            assert!(e.message.contains("troppo grande"), "{}", e.message);
        }
        assert_eq!(
            parse(&Data::Float(1e9), Kind::Count),
            Ok(Value::Count(1_000_000_000))
        );
    }

    #[test]
    fn dates_in_three_forms() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
        assert_eq!(parse(&Data::Float(46387.0), Kind::Date), Ok(Value::Date(d)));
        assert_eq!(
            parse(&Data::String("31/12/2026".into()), Kind::Date),
            Ok(Value::Date(d))
        );
        assert_eq!(
            parse(&Data::DateTimeIso("2026-12-31".into()), Kind::Date),
            Ok(Value::Date(d))
        );
    }

    #[test]
    fn deadline_text_is_kept() {
        assert_eq!(
            parse(&Data::String("in corso d'anno".into()), Kind::Deadline),
            Ok(Value::Deadline(Deadline::Text("in corso d'anno".into())))
        );
    }

    #[test]
    fn counts_refuse_text_negatives_and_fractions() {
        assert_eq!(
            parse(&Data::String("quaranta".into()), Kind::Count)
                .unwrap_err()
                .message,
            "valore 'quaranta' non numerico: atteso un numero intero ≥ 0"
        );
        assert!(parse(&Data::Float(-1.0), Kind::Count).is_err());
        assert!(parse(&Data::Float(1.5), Kind::Count).is_err());
        assert_eq!(
            parse(&Data::String("1.234".into()), Kind::Count),
            Ok(Value::Count(1234))
        );
    }

    #[test]
    fn choices_ignore_case_and_accents_and_suggest() {
        let list = crate::model::vocab::AREE;
        assert_eq!(
            parse(&Data::String(" istruttori ".into()), Kind::Choice(list)),
            Ok(Value::Text("Istruttori".into()))
        );
        let err = parse(&Data::String("Istrutori".into()), Kind::Choice(list)).unwrap_err();
        assert_eq!(err.hint.as_deref(), Some("forse intendevi 'Istruttori'?"));
        assert_eq!(
            parse(
                &Data::String("si".into()),
                Kind::Choice(crate::model::vocab::SI_NO)
            ),
            Ok(Value::Text("Sì".into()))
        );
    }

    #[test]
    fn formula_errors_are_named() {
        let err = parse(&Data::Error(CellErrorType::Div0), Kind::Count).unwrap_err();
        assert_eq!(err.message, "la cella contiene l'errore di formula #DIV/0!");
    }
}
