//! Section 2.1 (Valore pubblico), 2.2 (Performance) and 4 (Monitoraggio): filled by the
//! performance office. Objectives, phases and indicators carry stable identifiers
//! (`SET1-A`, `SET1-A-2`, `SET1-A-I1`) for monitoring and year-over-year comparison.

use super::Deadline;
use serde::Serialize;

/// Targets for the three years of the triennio, as the office writes them ("60%", "≥ 12").
#[derive(Debug, Clone, Default, Serialize)]
pub struct Target {
    pub anno1: Option<String>,
    pub anno2: Option<String>,
    pub anno3: Option<String>,
}

/// An impact indicator of a public-value objective.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatoreValore {
    pub id: String,
    pub indicatore: String,
    pub baseline: Option<String>,
    pub target: Target,
    pub fonte: Option<String>,
}

/// A public-value objective (2.1).
#[derive(Debug, Clone, Serialize)]
pub struct ObiettivoValore {
    pub codice: String,
    pub titolo: String,
    pub descrizione: Option<String>,
    pub ambito: String,
    pub stakeholder: Option<String>,
    pub responsabile: Option<String>,
    pub indicatori: Vec<IndicatoreValore>,
}

/// A phase of a performance objective.
#[derive(Debug, Clone, Serialize)]
pub struct Fase {
    pub id: String,
    pub numero: String,
    pub descrizione: String,
    /// A fraction of the objective: 0.3 is 30%. `None` when the office left it blank.
    pub incidenza: Option<f64>,
    pub responsabili: Option<String>,
    pub scadenza: Deadline,
}

/// A result indicator of a performance objective.
#[derive(Debug, Clone, Serialize)]
pub struct Indicatore {
    pub id: String,
    pub indicatore: String,
    pub formula: Option<String>,
    pub unita: Option<String>,
    pub target: Target,
}

/// A performance objective card (scheda obiettivo, PEG/PDO).
#[derive(Debug, Clone, Serialize)]
pub struct Obiettivo {
    /// `<unit code>-<objective code>`, stable across years.
    pub id: String,
    pub struttura: String,
    pub codice: String,
    pub titolo: String,
    pub valore_pubblico: Option<String>,
    pub finalita: Option<String>,
    pub descrizione: String,
    pub scadenza: Deadline,
    pub risultato: String,
    pub raggiunto: Option<String>,
    pub non_raggiunto: Option<String>,
    pub vincoli: Option<String>,
    pub risorse_umane: Option<String>,
    pub risorse_finanziarie: Option<String>,
    pub fasi: Vec<Fase>,
    pub indicatori: Vec<Indicatore>,
}

impl Obiettivo {
    /// Sum of the phase weights, as a fraction.
    pub fn incidenza_totale(&self) -> f64 {
        self.fasi.iter().filter_map(|f| f.incidenza).sum()
    }
}

/// Who monitors a sub-section, how and how often (section 4).
#[derive(Debug, Clone, Serialize)]
pub struct Monitoraggio {
    pub sottosezione: String,
    pub soggetto: String,
    pub modalita: String,
    pub frequenza: String,
}

/// Everything the performance office fills.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Performance {
    pub valore_pubblico: Vec<ObiettivoValore>,
    pub obiettivi: Vec<Obiettivo>,
    pub monitoraggio: Vec<Monitoraggio>,
}
