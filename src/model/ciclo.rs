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
    let value = match Raw::deserialize(d)? {
        Raw::Number(n) => n,
        Raw::Text(t) => crate::italian::parse_number(t.trim().trim_end_matches('%').trim())
            .ok_or_else(|| {
                serde::de::Error::custom(format!("'{t}' non è una percentuale: attesa come 90%"))
            })?,
    };
    let fraction = if value > 1.0 { value / 100.0 } else { value };
    if !(0.0..=1.0).contains(&fraction) {
        return Err(serde::de::Error::custom(format!(
            "{value} non è una percentuale tra 0 e 100"
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
    pub fn esito(&self, grado: Option<f64>) -> Esito {
        match grado {
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

/// The first number in a text the way offices write it ("≤ 25 giorni", "2.050 MWh", "72,5%",
/// "3 giorni di anticipo"), with the direction its words give.
fn valore(text: &str) -> Option<Valore> {
    let t = text.trim().to_lowercase();
    let verso = if [
        "≤",
        "<",
        "max",
        "entro",
        "non oltre",
        "al massimo",
        "inferiore",
    ]
    .iter()
    .any(|w| t.starts_with(w))
    {
        Some(Verso::Decrescente)
    } else if ["≥", ">", "min", "almeno", "non meno", "superiore"]
        .iter()
        .any(|w| t.starts_with(w))
    {
        Some(Verso::Crescente)
    } else {
        None
    };
    let start = t.find(|c: char| c.is_ascii_digit())?;
    let negative = t[..start].trim_end().ends_with(['-', '−'])
        && !t[..start].contains(|c: char| c.is_alphabetic());
    let digits: String = t[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .collect();
    let digits = digits.trim_end_matches(['.', ',']);
    let numero = crate::italian::parse_number(digits)?;
    Some(Valore {
        numero: if negative { -numero } else { numero },
        verso,
    })
}

/// "Sì" or "No" as a target or a measure.
fn si_no(text: &str) -> Option<bool> {
    match crate::load::cell::normalize(text).as_str() {
        "si" | "sì" | "yes" | "fatto" | "raggiunto" | "approvato" | "adottato" => Some(true),
        "no" | "nonfatto" | "nonraggiunto" => Some(false),
        _ => None,
    }
}

/// The degree (0–1) to which `misurato` reaches `target`, or `None` when the two cannot be
/// compared (a target in words, a blank, a measure in other words). The rule:
/// - a yes/no target is reached by "Sì" (1) and not by "No" (0);
/// - a target to reach or exceed ("80%", "≥ 12"): measured ÷ target, at most 1;
/// - a target not to exceed ("≤ 25 giorni", "entro 30", or a target below the `baseline`):
///   1 when the measure stays within it, else target ÷ measured;
/// - a target of 0 to reach or exceed is reached by any measure ≥ 0; one not to exceed is
///   reached only by a measure ≤ 0.
pub fn grado(target: &str, misurato: &str, baseline: Option<&str>) -> Option<f64> {
    if let Some(atteso) = si_no(target) {
        let fatto = si_no(misurato)?;
        return Some(if fatto == atteso { 1.0 } else { 0.0 });
    }
    let t = valore(target)?;
    let m = valore(misurato)?.numero;
    let verso = t.verso.unwrap_or_else(|| match baseline.and_then(valore) {
        Some(b) if b.numero > t.numero => Verso::Decrescente,
        _ => Verso::Crescente,
    });
    let g = match verso {
        Verso::Crescente if t.numero <= 0.0 => {
            if m >= t.numero {
                1.0
            } else {
                0.0
            }
        }
        Verso::Crescente => m / t.numero,
        Verso::Decrescente if m <= t.numero => 1.0,
        Verso::Decrescente if t.numero <= 0.0 || m <= 0.0 => 0.0,
        Verso::Decrescente => t.numero / m,
    };
    Some(g.clamp(0.0, 1.0))
}

/// A weighted mean of the degrees that are known; `None` when none is. Blank weights count as
/// equal shares of what the given weights leave (all blank: all equal).
pub fn media_pesata(items: &[(Option<f64>, Option<f64>)]) -> Option<f64> {
    let known: Vec<(Option<f64>, f64)> = items
        .iter()
        .filter_map(|(w, g)| g.map(|g| (*w, g)))
        .collect();
    if known.is_empty() {
        return None;
    }
    let given: f64 = known.iter().filter_map(|(w, _)| *w).sum();
    let blanks = known.iter().filter(|(w, _)| w.is_none()).count();
    let share = if blanks == 0 {
        0.0
    } else if given < 1.0 && given > 0.0 {
        (1.0 - given) / blanks as f64
    } else {
        1.0
    };
    let weights: Vec<f64> = known.iter().map(|(w, _)| w.unwrap_or(share)).collect();
    let total: f64 = weights.iter().sum();
    if total <= 0.0 {
        return Some(known.iter().map(|(_, g)| g).sum::<f64>() / known.len() as f64);
    }
    Some(
        known
            .iter()
            .zip(&weights)
            .map(|((_, g), w)| g * w)
            .sum::<f64>()
            / total,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_read_as_offices_write_them() {
        assert_eq!(grado("80%", "60%", None), Some(0.75));
        assert_eq!(grado("80%", "92%", None), Some(1.0));
        assert_eq!(grado("≤ 25", "20", None), Some(1.0));
        assert_eq!(grado("≤ 25 giorni", "50 giorni", None), Some(0.5));
        assert_eq!(
            grado("2.050 MWh", "2.100 MWh", Some("2.150 MWh")),
            Some(2050.0 / 2100.0)
        );
        assert_eq!(grado("≤ 0", "-3", None), Some(1.0));
        assert_eq!(grado("≤ 0", "4", None), Some(0.0));
        assert_eq!(grado("Sì", "sì", None), Some(1.0));
        assert_eq!(grado("Sì", "No", None), Some(0.0));
        assert_eq!(grado("2,5", "2", None), Some(0.8));
        assert_eq!(grado("Applicazione al ciclo", "fatto", None), None);
        assert_eq!(grado("60%", "in corso", None), None);
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
        assert_eq!(media_pesata(&[(None, None)]), None);
    }
}
