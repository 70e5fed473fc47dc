//! Italian conventions for numbers and dates, both ways: reading what offices type
//! ("1.234,56", "31/12/2026") and writing what the PDF and the tables show
//! ("€ 8.200,00", "31 gennaio 2026", "15%").

use chrono::{Datelike, NaiveDate};

const MESI: [&str; 12] = [
    "gennaio",
    "febbraio",
    "marzo",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "agosto",
    "settembre",
    "ottobre",
    "novembre",
    "dicembre",
];

/// Parses "1.234,56", "1234,56", "1234.56", "1.234", "€ 8.200,00", " 15 ".
pub fn parse_number(s: &str) -> Option<f64> {
    let s: String = s
        .trim()
        .trim_start_matches('€')
        .trim_end_matches('€')
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if s.is_empty() {
        return None;
    }
    let normalized = if s.contains(',') {
        s.replace('.', "").replace(',', ".")
    } else if is_thousands_grouped(&s) {
        s.replace('.', "")
    } else {
        s
    };
    let n: f64 = normalized.parse().ok()?;
    n.is_finite().then_some(n)
}

/// "1.234" and "12.345.678" are grouped thousands; "1.5" is a decimal.
fn is_thousands_grouped(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let mut groups = digits.split('.');
    let first = groups.next().unwrap_or("");
    let rest: Vec<&str> = groups.collect();
    !rest.is_empty()
        && (1..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_digit())
        && rest
            .iter()
            .all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()))
}

/// "31/12/2026", "31-12-2026", "31.12.2026", "2026-12-31" (also followed by a time).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let date_part = s.split(['T', ' ']).next().unwrap_or(s);
    ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(date_part, format).ok())
}

/// "31/01/2026", for tables.
pub fn date_short(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// "31 gennaio 2026", for prose.
pub fn date_long(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), MESI[d.month0() as usize], d.year())
}

/// An integer with thousands separators: "1.234".
pub fn integer(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A number with `decimals` digits after the comma: "1.234,56".
pub fn decimal(n: f64, decimals: usize) -> String {
    let rounded = format!("{:.*}", decimals, n.abs());
    let (int_part, frac_part) = rounded.split_once('.').unwrap_or((&rounded, ""));
    let int: u64 = int_part.parse().unwrap_or(0);
    let sign = if n < 0.0 && rounded.chars().any(|c| c.is_ascii_digit() && c != '0') {
        "-"
    } else {
        ""
    };
    if frac_part.is_empty() {
        format!("{sign}{}", integer(int))
    } else {
        format!("{sign}{},{frac_part}", integer(int))
    }
}

/// A number without needless decimals: "16", "12,5".
pub fn number(n: f64) -> String {
    // 25 × 2.2 is 55.00000000000001 in binary: round away the noise first.
    let n = (n * 100.0).round() / 100.0;
    if n.fract() == 0.0 {
        decimal(n, 0)
    } else {
        decimal(n, 2).trim_end_matches('0').to_string()
    }
}

/// "€ 8.200,00".
pub fn money(n: f64) -> String {
    format!("€ {}", decimal(n, 2))
}

/// A fraction as a percentage: 0.15 is "15%", 0.125 is "12,5%".
pub fn percent(fraction: f64) -> String {
    format!("{}%", number((fraction * 1000.0).round() / 10.0))
}

/// A fraction as a percentage with a fixed number of decimals: 0.231 is "23,10%" with two,
/// as ratios and legal thresholds are quoted.
pub fn percent_fixed(fraction: f64, decimals: usize) -> String {
    format!("{}%", decimal(fraction * 100.0, decimals))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_italian_numbers() {
        assert_eq!(parse_number("1.234,56"), Some(1234.56));
        assert_eq!(parse_number("€ 8.200,00"), Some(8200.0));
        assert_eq!(parse_number(" 15 "), Some(15.0));
        assert_eq!(parse_number("1.234"), Some(1234.0));
        assert_eq!(parse_number("1.5"), Some(1.5));
        assert_eq!(parse_number("quaranta"), None);
    }

    #[test]
    fn writes_italian_numbers_and_dates() {
        assert_eq!(money(8200.0), "€ 8.200,00");
        assert_eq!(decimal(1234.56, 2), "1.234,56");
        assert_eq!(integer(1234567), "1.234.567");
        assert_eq!(percent(0.15), "15%");
        assert_eq!(percent(0.125), "12,5%");
        assert_eq!(number(12.5), "12,5");
        assert_eq!(number(25.0 * 2.2), "55");
        let d = NaiveDate::from_ymd_opt(2026, 1, 31).unwrap();
        assert_eq!(date_short(d), "31/01/2026");
        assert_eq!(date_long(d), "31 gennaio 2026");
        assert_eq!(parse_date("31/01/2026"), Some(d));
        assert_eq!(parse_date("2026-01-31"), Some(d));
    }
}
