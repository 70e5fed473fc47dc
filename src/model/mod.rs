//! The validated PIAO: plain serde types, one file per section. This is the ground floor: it
//! knows no workbook, no typst and no terminal. Every section is modelled, even those that
//! render later, and every objective, phase and indicator has a stable identifier, because the
//! monitoring reports and the year-over-year comparison will need them.

pub mod capacita;
pub mod ente;
pub mod organizzazione;
pub mod performance;
pub mod rischi;
pub mod text;
pub mod trasparenza;
pub mod vocab;

pub use ente::{Deliberazione, Ente, Persona, Piano, Sottosezione, Sottosezioni, Tipo, Triennio};
pub use organizzazione::*;
pub use performance::*;
pub use rischi::*;
pub use text::{Block, Inline, RichText};
pub use trasparenza::Trasparenza;

use chrono::NaiveDate;
use serde::Serialize;

/// A deadline as offices write it: a date, or text such as "in corso d'anno".
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Deadline {
    Date(NaiveDate),
    Text(String),
}

impl Deadline {
    pub fn date(&self) -> Option<NaiveDate> {
        match self {
            Deadline::Date(d) => Some(*d),
            Deadline::Text(_) => None,
        }
    }
}

/// The whole plan of one administration for one triennio.
#[derive(Debug, Clone, Serialize)]
pub struct Piao {
    pub ente: Ente,
    pub piano: Piano,
    pub sottosezioni: Sottosezioni,
    pub organizzazione: Organizzazione,
    pub performance: Performance,
    pub rischi: Anticorruzione,
    /// What the Amministrazione Trasparente publication needs beyond the plan.
    pub trasparenza: Trasparenza,
}

impl Piao {
    /// Whether this is the simplified PIAO (art. 6 DM 132/2022): forced by the YAML, or
    /// following from a headcount of 50 or fewer.
    pub fn semplificato(&self) -> bool {
        match self.piano.tipo {
            Tipo::Ordinario => false,
            Tipo::Semplificato => true,
            Tipo::Automatico => self.dipendenti() <= 50,
        }
    }

    /// Employees for the threshold: the YAML's figure when given, otherwise the staff in
    /// service at 31/12 without those seconded elsewhere.
    pub fn dipendenti(&self) -> u64 {
        self.ente
            .dipendenti
            .unwrap_or_else(|| self.organizzazione.in_servizio())
    }
}
