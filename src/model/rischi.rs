//! Section 2.3 (Rischi corruttivi e trasparenza): risk map, measures, transparency
//! obligations. Filled by the RPCT.

use super::Deadline;
use serde::Serialize;

/// A prevention measure attached to a risk.
#[derive(Debug, Clone, Serialize)]
pub struct Misura {
    pub misura: String,
    pub tipo: String,
    pub responsabile: String,
    pub scadenza: Deadline,
    pub indicatore: String,
    /// Whether it was carried out, at each monitoring date.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub attuazione: Vec<super::ciclo::Attuazione>,
}

/// A mapped risk: area, process, event and its assessment.
#[derive(Debug, Clone, Serialize)]
pub struct Rischio {
    pub codice: String,
    pub area: String,
    pub processo: String,
    pub evento: String,
    pub struttura: Option<String>,
    pub probabilita: String,
    pub impatto: String,
    /// Computed from probability and impact (see `vocab::livello_rischio`).
    pub livello: String,
    pub misure: Vec<Misura>,
}

/// A publication obligation of Amministrazione Trasparente.
#[derive(Debug, Clone, Serialize)]
pub struct Obbligo {
    pub sezione: String,
    pub obbligo: String,
    pub riferimento: String,
    pub responsabile_dati: String,
    pub responsabile_pubblicazione: String,
    pub frequenza: String,
}

/// Everything the RPCT fills.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Anticorruzione {
    pub rischi: Vec<Rischio>,
    pub trasparenza: Vec<Obbligo>,
}
