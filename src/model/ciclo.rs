//! The monitoring cycle (art. 5 and 6 DM 132/2022): what the offices record during and after
//! the year about the plan's phases, indicators and measures, and the rules that turn it into
//! states and degrees of achievement. Every rule is here, in one place, and the reports state
//! it in words, so that a reader can redo each figure by hand.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The state of a phase at a monitoring date (the closed list `vocab::STATI_FASE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum StatoFase {
    NonAvviata,
    InCorso,
    Conclusa,
    Sospesa,
}

impl StatoFase {
    /// From the list value the sheet holds.
    pub fn from_label(label: &str) -> Option<StatoFase> {
        match label {
            "Non avviata" => Some(StatoFase::NonAvviata),
            "In corso" => Some(StatoFase::InCorso),
            "Conclusa" => Some(StatoFase::Conclusa),
            "Sospesa" => Some(StatoFase::Sospesa),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            StatoFase::NonAvviata => "Non avviata",
            StatoFase::InCorso => "In corso",
            StatoFase::Conclusa => "Conclusa",
            StatoFase::Sospesa => "Sospesa",
        }
    }
}

/// The progress of a phase recorded at a date (sheet Avanzamento fasi).
#[derive(Debug, Clone, Serialize)]
pub struct Avanzamento {
    pub data: NaiveDate,
    pub stato: StatoFase,
    /// A fraction (0.6 is 60%); blank means 100% for a concluded phase, 0% for one not
    /// started, unknown otherwise.
    pub percentuale: Option<f64>,
    /// When a concluded phase ended.
    pub conclusione: Option<NaiveDate>,
    pub note: Option<String>,
}

impl Avanzamento {
    /// The progress as a fraction, with the blanks read as the sheet's help says.
    pub fn frazione(&self) -> Option<f64> {
        self.percentuale.or(match self.stato {
            StatoFase::Conclusa => Some(1.0),
            StatoFase::NonAvviata => Some(0.0),
            _ => None,
        })
    }
}

/// A value measured at a date (sheets Misurazioni and Misurazioni VP).
#[derive(Debug, Clone, Serialize)]
pub struct Rilevazione {
    pub data: NaiveDate,
    pub valore: String,
    pub note: Option<String>,
}

/// A first-year target changed during the year (sheet Revisioni target).
#[derive(Debug, Clone, Serialize)]
pub struct Revisione {
    pub data: NaiveDate,
    pub target: String,
    pub motivo: String,
}

/// Deviations of an objective and the corrective actions, at a date (sheet Scostamenti).
#[derive(Debug, Clone, Serialize)]
pub struct Scostamento {
    pub data: NaiveDate,
    pub scostamenti: String,
    pub azioni: Option<String>,
}

/// Whether a prevention measure was carried out, at a date (sheet Attuazione misure).
#[derive(Debug, Clone, Serialize)]
pub struct Attuazione {
    pub data: NaiveDate,
    /// One of `vocab::ESITI_MISURA`.
    pub esito: String,
    pub note: Option<String>,
}

/// One figure of the year, realised (sheet Consuntivo).
#[derive(Debug, Clone, Serialize)]
pub struct VoceConsuntivo {
    pub anno: i32,
    /// One of `vocab::VOCI_CONSUNTIVO`.
    pub voce: String,
    pub valore: f64,
    pub note: Option<String>,
}

/// The latest record of a list dated on or before `al`: what was known at that date.
pub fn alla_data<T>(items: &[T], al: NaiveDate, data: impl Fn(&T) -> NaiveDate) -> Option<&T> {
    items
        .iter()
        .filter(|i| data(i) <= al)
        .max_by_key(|i| data(i))
}

/// How an objective's degree of achievement is computed (`ente.yaml › relazione › regola`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Regola {
    /// The weighted mean of its indicators' degrees (weights from the Peso % column, equal
    /// when blank).
    #[default]
    Indicatori,
    /// The phases' progress weighted by their incidence.
    Fasi,
    /// The mean of the two.
    Media,
}

/// The rules of the annual report, from `ente.yaml › relazione`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Relazione {
    #[serde(default)]
    pub regola: Regola,
    /// From this degree an objective or indicator is achieved (a fraction).
    #[serde(default = "soglia_raggiunto", deserialize_with = "percentuale")]
    pub raggiunto: f64,
    /// From this degree it is partly achieved; below it, not achieved.
    #[serde(default = "soglia_parziale", deserialize_with = "percentuale")]
    pub parziale: f64,
    /// Who validates the report (art. 14 c. 4 lett. c D.Lgs. 150/2009).
    #[serde(default = "organo_validazione")]
    pub validazione: String,
    /// The validation's record, once it is done ("verbale n. 3 del 20/04/2027").
    #[serde(default)]
    pub verbale: Option<String>,
}

impl Default for Relazione {
    fn default() -> Self {
        Relazione {
            regola: Regola::default(),
            raggiunto: soglia_raggiunto(),
            parziale: soglia_parziale(),
            validazione: organo_validazione(),
            verbale: None,
        }
    }
}

fn soglia_raggiunto() -> f64 {
    1.0
}

fn soglia_parziale() -> f64 {
    0.5
}

fn organo_validazione() -> String {
    "Nucleo di valutazione".into()
}

/// A threshold written as "90%", "90" or 0.9.
fn percentuale<'de, D: serde::Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Number(f64),
        Text(String),
    }
    let fraction = match Raw::deserialize(d)? {
        // 0.9 and 90 both mean 90%.
        Raw::Number(n) if n > 1.0 => n / 100.0,
        Raw::Number(n) => n,
        // "90%" and "1%" are percentages whatever their size; "0,9" is a fraction.
        Raw::Text(t) => {
            let number = crate::italian::parse_number(t.trim().trim_end_matches('%').trim())
                .ok_or_else(|| {
                    serde::de::Error::custom(format!(
                        "'{t}' non è una percentuale: attesa come 90%"
                    ))
                })?;
            if t.trim().ends_with('%') || number > 1.0 {
                number / 100.0
            } else {
                number
            }
        }
    };
    if !(0.0..=1.0).contains(&fraction) {
        return Err(serde::de::Error::custom(format!(
            "{} non è una percentuale tra 0 e 100",
            crate::italian::percent(fraction)
        )));
    }
    Ok(fraction)
}

/// The state a degree of achievement falls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Esito {
    Raggiunto,
    Parziale,
    NonRaggiunto,
    NonMisurabile,
}

impl Esito {
    pub fn label(self) -> &'static str {
        match self {
            Esito::Raggiunto => "Raggiunto",
            Esito::Parziale => "Parzialmente raggiunto",
            Esito::NonRaggiunto => "Non raggiunto",
            Esito::NonMisurabile => "Non misurabile",
        }
    }
}

impl Relazione {
    /// The state of a degree (a fraction), by the thresholds.
    /// The degree is classified as printed (to a tenth of a point), so that "100%" is never
    /// shown as partly achieved.
    pub fn esito(&self, grado: Option<f64>) -> Esito {
        match grado.map(|g| (g * 1000.0).round() / 1000.0) {
            None => Esito::NonMisurabile,
            Some(g) if g + 1e-9 >= self.raggiunto => Esito::Raggiunto,
            Some(g) if g + 1e-9 >= self.parziale => Esito::Parziale,
            Some(_) => Esito::NonRaggiunto,
        }
    }
}

/// Which way an indicator improves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verso {
    /// More is better: "80%", "≥ 12".
    Crescente,
    /// Less is better: "≤ 25 giorni", "entro 30 giorni", or a target below the baseline.
    Decrescente,
}

/// A target or a measure as a number, with what its words say about the direction.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Valore {
    numero: f64,
    verso: Option<Verso>,
}

/// The number in a text the way offices write it ("≤ 25 giorni", "2.050 MWh", "72,5%",
/// "-4 giorni"), with the direction its words give. `None` for a text that holds a date or
/// more than one number ("entro il 30/06/2026", "da 3 a 5"): it is not one figure.
fn valore(text: &str) -> Option<Valore> {
    let t = text.trim().to_lowercase();
    let starts = |words: &[&str]| words.iter().any(|w| t.starts_with(w));
    let verso = if starts(&[
        "≤",
        "<",
        "max",
        "massimo",
        "entro",
        "non oltre",
        "non superiore",
        "al massimo",
        "inferiore",
        "minore",
        "meno di",
    ]) {
        Some(Verso::Decrescente)
    } else if starts(&[
        "≥",
        ">",
        "almeno",
        "minimo",
        "min.",
        "non meno",
        "non inferiore",
        "superiore",
        "maggiore",
        "più di",
    ]) {
        Some(Verso::Crescente)
    } else {
        None
    };
    let numbers: Vec<(usize, &str)> = t
        .match_indices(|c: char| c.is_ascii_digit() || c == '.' || c == ',')
        .fold(Vec::new(), |mut runs: Vec<(usize, usize)>, (i, m)| {
            match runs.last_mut() {
                Some((_, end)) if *end == i => *end = i + m.len(),
                _ => runs.push((i, i + m.len())),
            }
            runs
        })
        .into_iter()
        .map(|(a, b)| (a, t[a..b].trim_matches(['.', ','])))
        .filter(|(_, n)| n.chars().any(|c| c.is_ascii_digit()))
        .collect();
    let [(start, digits)] = numbers.as_slice() else {
        return None;
    };
    let before = t[..*start].trim_end();
    let negative = before.ends_with(['-', '−']) && !before.contains(|c: char| c.is_alphabetic());
    let numero = crate::italian::parse_number(digits)?;
    Some(Valore {
        numero: if negative { -numero } else { numero },
        verso,
    })
}

/// "Sì" or "No" as a target or a measure (compared without case, accents or spaces).
fn si_no(text: &str) -> Option<bool> {
    match super::vocab::chiave(text).as_str() {
        "si" | "yes" | "fatto" | "raggiunto" | "approvato" | "adottato" => Some(true),
        "no" | "nonfatto" | "nonraggiunto" => Some(false),
        _ => None,
    }
}

/// What tells which way an indicator improves when its target has no "≤" or "≥": the
/// baseline of a public-value indicator, or the targets of the following years.
#[derive(Debug, Clone, Copy, Default)]
pub struct Indizi<'a> {
    pub baseline: Option<&'a str>,
    /// The targets of the second and third year.
    pub seguenti: [Option<&'a str>; 2],
}

impl Indizi<'_> {
    fn verso(&self, target: f64) -> Option<Verso> {
        if let Some(b) = self.baseline.and_then(valore) {
            if b.numero > target {
                return Some(Verso::Decrescente);
            }
            if b.numero < target {
                return Some(Verso::Crescente);
            }
        }
        // Targets that go down over the triennio (95, 85, 75 kg per inhabitant) are to be
        // kept under; going up, to be reached.
        let next: Vec<f64> = self
            .seguenti
            .iter()
            .flatten()
            .filter_map(|t| valore(t))
            .map(|v| v.numero)
            .collect();
        let first = *next.first()?;
        if first < target {
            Some(Verso::Decrescente)
        } else if first > target {
            Some(Verso::Crescente)
        } else {
            None
        }
    }
}

/// The degree (0–1) to which `misurato` reaches `target`, or `None` when the two cannot be
/// compared (a target in words or with a date, a blank, a measure in other words). The rule:
/// - a yes/no target is reached by "Sì" (1) and not by "No" (0);
/// - which way the indicator improves: the target's words ("≤ 25 giorni", "entro 30": not to
///   exceed; "≥ 12", "almeno 3": to reach), else the baseline (a target below it is not to
///   exceed), else the following years' targets (going down: not to exceed), else a target of
///   0 is not to exceed and any other is to reach;
/// - a target to reach: measured ÷ target, at most 1 (a target ≤ 0 is reached by any measure
///   at or above it);
/// - a target not to exceed: 1 when the measure stays within it, else target ÷ measured (0
///   when the target is ≤ 0);
/// - a measure written as a fraction of one ("0,8") against a target in percent ("80%"), or
///   the other way round, is read in percent.
pub fn grado(target: &str, misurato: &str, indizi: Indizi) -> Option<f64> {
    if let Some(atteso) = si_no(target) {
        let fatto = si_no(misurato)?;
        return Some(if fatto == atteso { 1.0 } else { 0.0 });
    }
    let t = valore(target)?;
    let mut m = valore(misurato)?.numero;
    let mut tn = t.numero;
    match (target.contains('%'), misurato.contains('%')) {
        (true, false) if m.abs() <= 1.0 => m *= 100.0,
        (false, true) if tn.abs() <= 1.0 => tn *= 100.0,
        _ => {}
    }
    let verso = t
        .verso
        .or_else(|| indizi.verso(tn))
        .unwrap_or(if tn == 0.0 {
            Verso::Decrescente
        } else {
            Verso::Crescente
        });
    let g = match verso {
        Verso::Crescente if tn <= 0.0 => {
            if m >= tn {
                1.0
            } else {
                0.0
            }
        }
        Verso::Crescente => m / tn,
        Verso::Decrescente if m <= tn => 1.0,
        Verso::Decrescente if tn <= 0.0 || m <= 0.0 => 0.0,
        Verso::Decrescente => tn / m,
    };
    Some(g.clamp(0.0, 1.0))
}

/// A weighted mean of the degrees that are known; `None` when none is. The weights are
/// settled on every item, measurable or not, before the unmeasurable ones drop out: a blank
/// weight is an equal share of what the given weights leave (all blank: all equal; nothing
/// left: nothing). The measurable items' weights are then scaled to make 100%.
pub fn media_pesata(items: &[(Option<f64>, Option<f64>)]) -> Option<f64> {
    let given: f64 = items.iter().filter_map(|(w, _)| *w).sum();
    let blanks = items.iter().filter(|(w, _)| w.is_none()).count();
    let share = if blanks == 0 || given >= 1.0 {
        0.0
    } else {
        (1.0 - given) / blanks as f64
    };
    let known: Vec<(f64, f64)> = items
        .iter()
        .filter_map(|(w, g)| g.map(|g| (w.unwrap_or(share), g)))
        .collect();
    let total: f64 = known.iter().map(|(w, _)| w).sum();
    if known.is_empty() || total <= 0.0 {
        return None;
    }
    Some(known.iter().map(|(w, g)| w * g).sum::<f64>() / total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_read_as_offices_write_them() {
        let none = Indizi::default();
        assert_eq!(grado("80%", "60%", none), Some(0.75));
        assert_eq!(grado("80%", "92%", none), Some(1.0));
        assert_eq!(grado("≤ 25", "20", none), Some(1.0));
        assert_eq!(grado("≤ 25 giorni", "50 giorni", none), Some(0.5));
        let baseline = Indizi {
            baseline: Some("2.150 MWh"),
            ..none
        };
        assert_eq!(
            grado("2.050 MWh", "2.100 MWh", baseline),
            Some(2050.0 / 2100.0)
        );
        assert_eq!(grado("≤ 0", "-3", none), Some(1.0));
        assert_eq!(grado("≤ 0", "4", none), Some(0.0));
        assert_eq!(grado("Sì", "sì", none), Some(1.0));
        assert_eq!(grado("Sì", "No", none), Some(0.0));
        assert_eq!(grado("Sì", "Non raggiunto", none), Some(0.0));
        assert_eq!(grado("si", "Raggiunto", none), Some(1.0));
        assert_eq!(grado("2,5", "2", none), Some(0.8));
        assert_eq!(grado("Applicazione al ciclo", "fatto", none), None);
        assert_eq!(grado("60%", "in corso", none), None);
        // Dates and ranges are not one figure.
        assert_eq!(grado("entro il 30/06/2026", "15/10/2026", none), None);
        assert_eq!(grado("da 3 a 5", "4", none), None);
        // A target of 0 is not to exceed.
        assert_eq!(grado("0", "5", none), Some(0.0));
        assert_eq!(grado("0", "0", none), Some(1.0));
        // Targets going down over the triennio are not to exceed: 95 ÷ 99.
        let seguenti = Indizi {
            seguenti: [Some("85"), Some("75")],
            ..none
        };
        assert_eq!(grado("95", "99", seguenti), Some(95.0 / 99.0));
        assert_eq!(grado("95", "90", seguenti), Some(1.0));
        assert_eq!(grado("massimo 20", "40", none), Some(0.5));
        assert_eq!(grado("minore di 20", "40", none), Some(0.5));
        // A percent cell read as a fraction.
        assert_eq!(grado("80%", "0,6", none), Some(0.75));
    }

    #[test]
    fn blank_weights_share_what_is_left() {
        assert_eq!(
            media_pesata(&[(None, Some(1.0)), (None, Some(0.5))]),
            Some(0.75)
        );
        assert_eq!(
            media_pesata(&[(Some(0.8), Some(1.0)), (Some(0.2), Some(0.5))]),
            Some(0.9)
        );
        // An indicator that cannot be measured drops out: the others are re-weighted.
        assert_eq!(
            media_pesata(&[(Some(0.5), Some(0.6)), (Some(0.5), None)]),
            Some(0.6)
        );
        // The blank gets what the given weights leave, counted before dropping any: 20%.
        let g = media_pesata(&[(Some(0.5), None), (Some(0.3), Some(1.0)), (None, Some(0.5))]);
        assert!((g.unwrap() - (0.3 + 0.2 * 0.5) / 0.5).abs() < 1e-12);
        // Given weights already make 100%: a blank one weighs nothing.
        assert_eq!(
            media_pesata(&[
                (Some(0.6), Some(1.0)),
                (Some(0.4), Some(1.0)),
                (None, Some(0.0))
            ]),
            Some(1.0)
        );
        assert_eq!(media_pesata(&[(None, None)]), None);
    }

    #[test]
    fn a_degree_shown_as_100_is_achieved() {
        let r = Relazione::default();
        assert_eq!(r.esito(Some(0.9996)), Esito::Raggiunto);
        assert_eq!(r.esito(Some(0.994)), Esito::Parziale);
    }
}
