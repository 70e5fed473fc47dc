//! The validated PIAO: plain serde types, one file per section. This is the ground floor: it
//! knows no workbook, no typst and no terminal. Every section is modelled, even those that
//! render later, and every objective, phase and indicator has a stable identifier, because the
//! monitoring reports and the year-over-year comparison will need them.

pub mod capacita;
pub mod ciclo;
pub mod ente;
pub mod esiti;
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

/// How a plan is being built: as the act the Giunta deliberates, or as a draft the offices
/// circulate. A draft builds with what is missing reported as warnings, and every page of its
/// PDF says BOZZA; a final build refuses a plan that lacks what the DM requires.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Modo {
    #[default]
    Definitivo,
    Bozza,
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
    /// How the annual report computes the degrees of achievement.
    pub relazione: ciclo::Relazione,
}

impl Piao {
    /// Whether this is the simplified PIAO (art. 6 DM 132/2022): forced by the YAML, or
    /// following from a headcount of 50 or fewer. A plan that gives no headcount at all is
    /// held to the ordinary one (the completeness check says the count is missing).
    pub fn semplificato(&self) -> bool {
        match self.piano.tipo {
            Tipo::Ordinario => false,
            Tipo::Semplificato => true,
            Tipo::Automatico => self.dipendenti_noti() && self.dipendenti() <= 50,
        }
    }

    /// Employees for the threshold: the YAML's figure when given, otherwise the staff in
    /// service at 31/12 without those seconded elsewhere.
    pub fn dipendenti(&self) -> u64 {
        self.ente
            .dipendenti
            .unwrap_or_else(|| self.organizzazione.in_servizio())
    }

    /// Whether the plan says how many employees the administration has (a staff table or
    /// `ente.dipendenti`): without it the kind of PIAO cannot be decided.
    pub fn dipendenti_noti(&self) -> bool {
        self.ente.dipendenti.is_some() || !self.organizzazione.personale.is_empty()
    }

    /// The sub-sections of the Piano tipo, each with whether the plan fills it (with text,
    /// a rinvio or tables) and whether the DM requires it of this plan: all of them in the
    /// ordinary PIAO; 2.3, 3.1, 3.2 and 3.3.1 in the simplified one (art. 6 DM 132/2022).
    pub fn sottosezioni(&self) -> Vec<StatoSottosezione> {
        let s = &self.sottosezioni;
        let org = &self.organizzazione;
        let perf = &self.performance;
        let semplificato = self.semplificato();
        let stato = |chiave, titolo, sezione: &Sottosezione, dati: bool, nel_semplificato: bool| {
            StatoSottosezione {
                chiave,
                titolo,
                compilata: sezione.compilata() || dati,
                obbligatoria: !semplificato || nel_semplificato,
                fogli: match chiave {
                    "valore_pubblico" => {
                        "i fogli Valore pubblico e Indicatori VP di performance.xlsx"
                    }
                    "performance" => "i fogli Obiettivi, Fasi e Indicatori di performance.xlsx",
                    "rischi_corruttivi" => "anticorruzione.xlsx",
                    "struttura_organizzativa" => "i fogli Strutture e Personale di personale.xlsx",
                    "lavoro_agile" => {
                        "i fogli Lavoro agile e Contingente lavoro agile di personale.xlsx"
                    }
                    "fabbisogni" => "i fogli Assunzioni e Cessazioni di personale.xlsx",
                    "formazione" => "i fogli Formazione e Budget formazione di personale.xlsx",
                    _ => "il foglio Monitoraggio di performance.xlsx",
                },
            }
        };
        vec![
            stato(
                "valore_pubblico",
                "2.1 Valore pubblico",
                &s.valore_pubblico,
                !perf.valore_pubblico.is_empty(),
                false,
            ),
            stato(
                "performance",
                "2.2 Performance",
                &s.performance,
                !perf.obiettivi.is_empty(),
                false,
            ),
            stato(
                "rischi_corruttivi",
                "2.3 Rischi corruttivi e trasparenza",
                &s.rischi_corruttivi,
                !self.rischi.rischi.is_empty() || !self.rischi.trasparenza.is_empty(),
                true,
            ),
            stato(
                "struttura_organizzativa",
                "3.1 Struttura organizzativa",
                &s.struttura_organizzativa,
                !org.strutture.is_empty() || !org.personale.is_empty(),
                true,
            ),
            stato(
                "lavoro_agile",
                "3.2 Organizzazione del lavoro agile",
                &s.lavoro_agile,
                !org.lavoro_agile.is_empty() || !org.contingente.is_empty(),
                true,
            ),
            stato(
                "fabbisogni",
                "3.3.1 Piano triennale dei fabbisogni di personale",
                &s.fabbisogni,
                !org.assunzioni.is_empty() || !org.cessazioni.is_empty(),
                true,
            ),
            stato(
                "formazione",
                "3.3.2 Formazione del personale",
                &s.formazione,
                !org.formazione.is_empty() || !org.budget_formazione.is_empty(),
                false,
            ),
            stato(
                "monitoraggio",
                "4. Monitoraggio",
                &s.monitoraggio,
                !perf.monitoraggio.is_empty(),
                false,
            ),
        ]
    }
}

/// One sub-section of the Piano tipo in this plan (see [`Piao::sottosezioni`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatoSottosezione {
    /// The key of the sub-section in `ente.yaml` (`sottosezioni › chiave`).
    pub chiave: &'static str,
    pub titolo: &'static str,
    pub compilata: bool,
    pub obbligatoria: bool,
    /// The workbook sheets whose tables fill it, for the hint of a check.
    pub fogli: &'static str,
}
