//! Section 1 (Scheda anagrafica) and the plan's own data: triennio, approving body,
//! deliberation, and the narrative text of every sub-section. Read from `ente.yaml`.

use super::text::RichText;
use crate::italian;
use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize};

/// The identity of the administration (Scheda anagrafica).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Ente {
    pub denominazione: String,
    #[serde(default = "default_tipologia")]
    pub tipologia: String,
    #[serde(default, deserialize_with = "opt_string")]
    pub indirizzo: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub codice_fiscale: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub partita_iva: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub codice_istat: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub codice_ipa: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub telefono: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub sito: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub email: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub pec: Option<String>,
    /// The provincia (or città metropolitana), for the cover: "Verona" or "Provincia di Verona".
    #[serde(default, deserialize_with = "opt_string")]
    pub provincia: Option<String>,
    #[serde(default, deserialize_with = "opt_count")]
    pub popolazione: Option<u64>,
    /// Employees for the simplified-PIAO threshold; computed from the staff sheet when absent.
    #[serde(default, deserialize_with = "opt_count")]
    pub dipendenti: Option<u64>,
    #[serde(default, deserialize_with = "opt_string")]
    pub sindaco: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub segretario: Option<String>,
    pub rpct: Option<Persona>,
    pub rtd: Option<Persona>,
}

fn default_tipologia() -> String {
    "Comune".into()
}

/// A person with a role: the RPCT, the RTD.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Persona {
    pub nome: String,
    #[serde(default, deserialize_with = "opt_string")]
    pub ruolo: Option<String>,
    #[serde(default, deserialize_with = "opt_date")]
    pub nomina: Option<NaiveDate>,
}

/// Ordinary or simplified PIAO; `Automatico` follows the headcount.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tipo {
    #[default]
    Automatico,
    Ordinario,
    Semplificato,
}

/// The three years of the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Triennio {
    pub primo: i32,
}

impl Triennio {
    pub fn ultimo(&self) -> i32 {
        self.primo + 2
    }

    pub fn anni(&self) -> [i32; 3] {
        [self.primo, self.primo + 1, self.primo + 2]
    }

    pub fn contains(&self, year: i32) -> bool {
        (self.primo..=self.ultimo()).contains(&year)
    }

    pub fn inizio(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.primo, 1, 1).expect("valid year")
    }

    pub fn fine(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.ultimo(), 12, 31).expect("valid year")
    }

    /// "2026–2028", with an en dash, as the cover prints it.
    pub fn label(&self) -> String {
        format!("{}–{}", self.primo, self.ultimo())
    }
}

impl<'de> Deserialize<'de> for Triennio {
    /// Accepts "2026-2028", "2026–2028" or just the first year, 2026.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        /// The triennio as written, a year or a text, with an Italian message otherwise.
        struct Raw;
        impl serde::de::Visitor<'_> for Raw {
            type Value = String;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("un triennio come 2026-2028")
            }
            fn visit_str<E: Error>(self, v: &str) -> Result<String, E> {
                Ok(v.to_string())
            }
            fn visit_i64<E: Error>(self, v: i64) -> Result<String, E> {
                Ok(v.to_string())
            }
            fn visit_u64<E: Error>(self, v: u64) -> Result<String, E> {
                Ok(v.to_string())
            }
            fn visit_unit<E: Error>(self) -> Result<String, E> {
                Err(E::custom(
                    "manca il triennio: atteso come 2026-2028 (tre anni consecutivi)",
                ))
            }
        }
        let raw = d.deserialize_any(Raw)?;
        // "2026-2028", "2026/2028", "2026 – 2028", "triennio 2026-2028": the years in it.
        let years: Vec<&str> = raw
            .split(|c: char| !c.is_ascii_digit())
            .filter(|t| !t.is_empty())
            .collect();
        let bad = || {
            D::Error::custom(format!(
                "triennio '{raw}' non valido: atteso come 2026-2028 (tre anni consecutivi)"
            ))
        };
        let primo: i32 = years.first().and_then(|y| y.parse().ok()).ok_or_else(bad)?;
        if !(2000..=2100).contains(&primo) {
            return Err(bad());
        }
        match years.get(1) {
            None => Ok(Triennio { primo }),
            Some(last) if last.parse::<i32>().ok() == Some(primo + 2) && years.len() == 2 => {
                Ok(Triennio { primo })
            }
            Some(_) => Err(bad()),
        }
    }
}

/// The plan: triennio, kind, approving body and deliberation.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Piano {
    pub triennio: Triennio,
    #[serde(default)]
    pub tipo: Tipo,
    #[serde(default = "default_organo")]
    pub organo: String,
    #[serde(default)]
    pub deliberazione: Deliberazione,
    /// The date of the update this document is, when it updates a plan already adopted in the
    /// same triennio; the cover says "Aggiornamento del …" (else "Prima versione").
    #[serde(default, deserialize_with = "opt_date")]
    pub aggiornamento: Option<NaiveDate>,
    /// The document's date; defaults to the deliberation date, then to 1 January of the first
    /// year, so that the same input always gives the same PDF.
    #[serde(default, deserialize_with = "opt_date")]
    pub data_documento: Option<NaiveDate>,
}

fn default_organo() -> String {
    "Giunta comunale".into()
}

impl Piano {
    pub fn data_documento(&self) -> NaiveDate {
        self.data_documento
            .or(self.deliberazione.data)
            .unwrap_or_else(|| self.triennio.inizio())
    }
}

/// The adopting deliberation; number and date are unknown until the meeting.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Deliberazione {
    #[serde(default, deserialize_with = "opt_string")]
    pub numero: Option<String>,
    #[serde(default, deserialize_with = "opt_date")]
    pub data: Option<NaiveDate>,
}

/// A separate adopted act a sub-section refers to instead of holding its content.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Rinvio {
    /// The act: "PTPCT 2026-2028 approvato con deliberazione di Giunta n. 12 del 20/01/2026".
    pub atto: String,
    #[serde(default, deserialize_with = "opt_string")]
    pub url: Option<String>,
}

/// The narrative of one sub-section, or a *rinvio* to another act (or both: a short text
/// introducing the reference).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Sottosezione {
    /// The administration's own title for the sub-section, when it differs from the Piano
    /// tipo's; the PDF prints it with the Piano tipo's name beside it.
    #[serde(default, deserialize_with = "opt_string")]
    pub titolo: Option<String>,
    #[serde(default)]
    pub testo: RichText,
    pub rinvio: Option<Rinvio>,
}

impl Sottosezione {
    /// Whether it has a text or a rinvio.
    pub fn compilata(&self) -> bool {
        !self.testo.is_empty() || self.rinvio.is_some()
    }
}

/// The narrative text of every sub-section, as the secretariat writes it.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Sottosezioni {
    #[serde(default)]
    pub premessa: Sottosezione,
    #[serde(default)]
    pub valore_pubblico: Sottosezione,
    #[serde(default)]
    pub performance: Sottosezione,
    #[serde(default)]
    pub rischi_corruttivi: Sottosezione,
    #[serde(default)]
    pub struttura_organizzativa: Sottosezione,
    #[serde(default)]
    pub lavoro_agile: Sottosezione,
    #[serde(default)]
    pub fabbisogni: Sottosezione,
    #[serde(default)]
    pub formazione: Sottosezione,
    #[serde(default)]
    pub azioni_positive: Sottosezione,
    #[serde(default)]
    pub monitoraggio: Sottosezione,
}

/// A whole number as people write it in `ente.yaml`: 2087, 2.087 (the Italian thousands
/// separator), "n. 8 dipendenti", "19.812 abitanti". A figure that could be read two ways
/// (2.5, "2000 o 2100") is refused with the form expected.
fn opt_count<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    use serde::de::Error;
    // Read as the text written (a YAML plain scalar comes as typed: "2.087", not 2.087).
    let Some(text) = Option::<String>::deserialize(d)? else {
        return Ok(None);
    };
    if text.trim().is_empty() {
        return Ok(None);
    }
    count_in_text(&text).map(Some).ok_or_else(|| {
        D::Error::custom(format!(
            "valore '{text}' non valido: atteso un numero intero, come 2087 o 2.087"
        ))
    })
}

/// The one number in a text like "n. 8 dipendenti" or "19.812 abitanti", with dots as
/// thousands separators; `None` for none, two, or a decimal.
fn count_in_text(text: &str) -> Option<u64> {
    let tokens: Vec<&str> = text
        .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .map(|t| t.trim_matches('.'))
        .filter(|t| t.chars().any(|c| c.is_ascii_digit()))
        .collect();
    let [token] = tokens.as_slice() else {
        return None;
    };
    let groups: Vec<&str> = token.split('.').collect();
    let grouped =
        groups.len() > 1 && groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3);
    if token.contains(',') || (groups.len() > 1 && !grouped) {
        return None;
    }
    token.replace('.', "").parse().ok()
}

/// Optional text; an empty value counts as absent. YAML scalars reach a `String` exactly as
/// written, so `codice_fiscale: 00123450678` keeps its leading zeros.
pub(crate) fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Option::<String>::deserialize(d)?
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty()))
}

/// Dates as "2026-01-20" or "20/01/2026".
fn opt_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    use serde::de::Error;
    match opt_string(d)? {
        None => Ok(None),
        Some(s) => italian::parse_date(&s).map(Some).ok_or_else(|| {
            D::Error::custom(format!(
                "data '{s}' non valida: attesa come 2026-01-20 o 20/01/2026"
            ))
        }),
    }
}
