//! Section 3 (Organizzazione e capitale umano): units, staff at 31/12, smart working,
//! terminations, hiring plan and training. Filled by the HR office.

use super::vocab::{AREE, CONTRATTI};
use serde::Serialize;

/// An organisational unit (Settore, Servizio autonomo, Staff...) and its head.
#[derive(Debug, Clone, Serialize)]
pub struct Struttura {
    pub codice: String,
    pub nome: String,
    pub tipo: String,
    pub responsabile: String,
    pub incarico: String,
    pub email: Option<String>,
    pub telefono: Option<String>,
    pub competenze: Option<String>,
    /// Certified e-mail (PEC) of the unit.
    pub pec: Option<String>,
}

/// One row of the staff at 31/12: a unit, an area and a contract.
#[derive(Debug, Clone, Serialize)]
pub struct RigaPersonale {
    /// Unit code, resolved against the units sheet.
    pub struttura: Option<String>,
    pub area: String,
    pub profilo: Option<String>,
    pub contratto: String,
    /// The split by sex, when the office gives it (many staff tables do not).
    pub donne: Option<u64>,
    pub uomini: Option<u64>,
    pub totale: u64,
    pub part_time: u64,
    pub costo: Option<f64>,
}

/// Headcount by sex with the part-time share: the cell of every staff summary. The split by
/// sex is `None` as soon as one counted row lacks it: a partial sum would pass for a total.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Conteggio {
    pub donne: Option<u64>,
    pub uomini: Option<u64>,
    pub totale: u64,
    pub part_time: u64,
    /// The yearly cost; `None` as soon as one counted row has none.
    pub costo: Option<f64>,
}

impl Default for Conteggio {
    fn default() -> Self {
        Conteggio {
            donne: Some(0),
            uomini: Some(0),
            totale: 0,
            part_time: 0,
            costo: Some(0.0),
        }
    }
}

/// The sum of two figures that may be unknown: unknown if either is.
pub fn somma(a: Option<u64>, b: Option<u64>) -> Option<u64> {
    Some(a? + b?)
}

impl Conteggio {
    fn add(&mut self, r: &RigaPersonale) {
        self.donne = somma(self.donne, r.donne);
        self.uomini = somma(self.uomini, r.uomini);
        self.totale += r.totale;
        self.part_time += r.part_time;
        self.costo = self.costo.zip(r.costo).map(|(a, b)| a + b);
    }
}

/// A planned termination.
#[derive(Debug, Clone, Serialize)]
pub struct Cessazione {
    pub anno: i32,
    pub area: String,
    pub profilo: Option<String>,
    pub struttura: Option<String>,
    pub numero: u64,
    pub motivo: String,
    /// Yearly cost the termination frees (for the hiring capacity).
    pub costo: Option<f64>,
}

/// A row of the hiring plan.
#[derive(Debug, Clone, Serialize)]
pub struct Assunzione {
    pub anno: i32,
    pub struttura: String,
    pub profilo: String,
    pub area: String,
    pub numero: u64,
    pub modalita: String,
    pub regime: String,
    pub costo: Option<f64>,
}

/// A training course.
#[derive(Debug, Clone, Serialize)]
pub struct Corso {
    pub titolo: String,
    pub area_tematica: String,
    pub modalita: String,
    pub destinatari: String,
    pub partecipanti: u64,
    /// Hours of the course; unknown for courses still being designed.
    pub ore: Option<f64>,
    pub periodo: Option<String>,
    pub erogatore: Option<String>,
    pub costo: Option<f64>,
    pub obbligatorio: bool,
}

/// The training budget of one year.
#[derive(Debug, Clone, Serialize)]
pub struct BudgetFormazione {
    pub anno: i32,
    pub iniziale: f64,
    pub aumenti: Option<f64>,
    pub diminuzioni: Option<f64>,
    pub impegnato: Option<f64>,
}

impl BudgetFormazione {
    /// The budget after the variations.
    pub fn assestato(&self) -> f64 {
        self.iniziale + self.aumenti.unwrap_or(0.0) - self.diminuzioni.unwrap_or(0.0)
    }

    /// What is left to commit; unknown when the committed amount is.
    pub fn disponibile(&self) -> Option<f64> {
        self.impegnato.map(|i| self.assestato() - i)
    }
}

/// Smart working in one unit.
#[derive(Debug, Clone, Serialize)]
pub struct LavoroAgile {
    pub struttura: String,
    pub donne: Option<u64>,
    pub uomini: Option<u64>,
    pub totale: u64,
    pub non_fruitori: u64,
    pub effettivi: u64,
    /// Activities of the unit that cannot be done remotely.
    pub non_remotizzabili: Option<String>,
}

/// The smart-working contingent of one year.
#[derive(Debug, Clone, Serialize)]
pub struct Contingente {
    pub anno: i32,
    pub addetti: Option<u64>,
    /// A fraction: 0.2 is 20%.
    pub percentuale: f64,
}

/// Everything the HR office fills.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Organizzazione {
    pub strutture: Vec<Struttura>,
    pub personale: Vec<RigaPersonale>,
    pub cessazioni: Vec<Cessazione>,
    pub assunzioni: Vec<Assunzione>,
    pub formazione: Vec<Corso>,
    pub lavoro_agile: Vec<LavoroAgile>,
    pub contingente: Vec<Contingente>,
    /// The training budget, one row per year.
    pub budget_formazione: Vec<BudgetFormazione>,
    /// The rendiconti figures for the hiring capacity; `None` when the sheet is absent.
    pub rendiconti: Option<Vec<VoceFinanziaria>>,
    /// The figures realised in each year, for the annual report.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub consuntivo: Vec<super::ciclo::VoceConsuntivo>,
}

/// One row of the Rendiconti sheet, as typed: what `capacita` computes the hiring capacity
/// from.
#[derive(Debug, Clone, Serialize)]
pub struct VoceFinanziaria {
    pub voce: String,
    pub anno: i32,
    pub importo: f64,
}

impl Organizzazione {
    pub fn struttura(&self, codice: &str) -> Option<&Struttura> {
        self.strutture.iter().find(|s| s.codice == codice)
    }

    /// Staff at 31/12 by area, in the order of the CCNL, with only the areas present.
    pub fn personale_per_area(&self) -> Vec<(&'static str, Conteggio)> {
        group(&self.personale, AREE, |r| &r.area)
    }

    /// Staff at 31/12 by area and, within it, by contract: the rows of the Dotazione
    /// organica published in Amministrazione Trasparente, counted as the PDF counts them.
    pub fn personale_per_area_e_contratto(&self) -> Vec<(&'static str, &'static str, Conteggio)> {
        let mut out = Vec::new();
        for area in AREE {
            let rows: Vec<RigaPersonale> = self
                .personale
                .iter()
                .filter(|r| r.area == *area)
                .cloned()
                .collect();
            out.extend(
                group(&rows, CONTRATTI, |r| &r.contratto)
                    .into_iter()
                    .map(|(contratto, c)| (*area, contratto, c)),
            );
        }
        out
    }

    /// Staff at 31/12 by professional profile, within area and contract: (area, profile,
    /// contract, headcount), in the order of the areas, then of the rows. Rows without a
    /// profile are left out (the tables by area already count them).
    pub fn personale_per_profilo(&self) -> Vec<(&str, &str, &str, u64)> {
        let mut out: Vec<(&str, &str, &str, u64)> = Vec::new();
        // Index of each (area, profile, contract) in `out`: one pass, however many profiles.
        let mut at: std::collections::HashMap<(&str, &str, &str), usize> =
            std::collections::HashMap::new();
        for area in AREE {
            for r in self.personale.iter().filter(|r| r.area == *area) {
                let Some(profilo) = r.profilo.as_deref() else {
                    continue;
                };
                let key = (*area, profilo, r.contratto.as_str());
                match at.get(&key) {
                    Some(&i) => out[i].3 += r.totale,
                    None => {
                        at.insert(key, out.len());
                        out.push((area, profilo, &r.contratto, r.totale));
                    }
                }
            }
        }
        out
    }

    /// Staff at 31/12 by contract.
    pub fn personale_per_contratto(&self) -> Vec<(&'static str, Conteggio)> {
        group(&self.personale, CONTRATTI, |r| &r.contratto)
    }

    /// Staff at 31/12 by unit, in the order of the units sheet; unassigned staff last.
    pub fn personale_per_struttura(&self) -> Vec<(String, Conteggio)> {
        let mut by_unit: std::collections::HashMap<&str, Conteggio> =
            std::collections::HashMap::new();
        for r in &self.personale {
            if let Some(unit) = r.struttura.as_deref() {
                by_unit.entry(unit).or_default().add(r);
            }
        }
        let mut out: Vec<(String, Conteggio)> = Vec::new();
        for s in &self.strutture {
            if let Some(c) = by_unit.remove(s.codice.as_str())
                && c.totale > 0
            {
                out.push((s.nome.clone(), c));
            }
        }
        let mut none = Conteggio::default();
        self.personale
            .iter()
            .filter(|r| r.struttura.is_none())
            .for_each(|r| none.add(r));
        if none.totale > 0 {
            out.push(("Non assegnato".into(), none));
        }
        out
    }

    /// Every row of the staff table added up.
    pub fn totale_personale(&self) -> Conteggio {
        let mut c = Conteggio::default();
        self.personale.iter().for_each(|r| c.add(r));
        c
    }

    /// Staff in service: everyone but those seconded to other administrations.
    pub fn in_servizio(&self) -> u64 {
        self.personale
            .iter()
            .filter(|r| r.contratto != "Comando in uscita")
            .map(|r| r.totale)
            .sum()
    }

    /// Training hours planned per employee in service (the 40-hour target from 2025); `None`
    /// without staff or when a course has no hours.
    pub fn ore_formazione_pro_capite(&self) -> Option<f64> {
        let staff = self.in_servizio();
        let ore = self.ore_formazione()?;
        (staff > 0).then(|| ore / staff as f64)
    }

    /// Total training hours: participants × hours of each course; `None` when a course has
    /// no hours.
    pub fn ore_formazione(&self) -> Option<f64> {
        self.formazione
            .iter()
            .map(|c| c.ore.map(|h| c.partecipanti as f64 * h))
            .sum()
    }
}

fn group(
    rows: &[RigaPersonale],
    order: &'static [&'static str],
    key: impl Fn(&RigaPersonale) -> &String,
) -> Vec<(&'static str, Conteggio)> {
    order
        .iter()
        .filter_map(|label| {
            let mut c = Conteggio::default();
            rows.iter()
                .filter(|r| key(r) == label)
                .for_each(|r| c.add(r));
            (c.totale > 0).then_some((*label, c))
        })
        .collect()
}
