//! Section 2.1 (Valore pubblico), 2.2 (Performance) and 4 (Monitoraggio): filled by the
//! performance office. Objectives, phases and indicators carry stable identifiers
//! (`SET1-A`, `SET1-A-2`, `SET1-A-I1`) for monitoring and year-over-year comparison.

use super::Deadline;
use super::ciclo::{Avanzamento, Revisione, Rilevazione, Scostamento};
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
    /// The values measured during and after the year.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rilevazioni: Vec<Rilevazione>,
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
    /// When the phase starts, if the card says.
    pub inizio: Option<chrono::NaiveDate>,
    /// What closes the phase (a determina, a contract), if the card says.
    pub risultato: Option<String>,
    /// The number of the phase this one details ("1" for "1a" or "1.2"), when it is one.
    pub padre: Option<String>,
    /// Its state at each monitoring date.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub avanzamento: Vec<Avanzamento>,
}

/// A result indicator of a performance objective.
#[derive(Debug, Clone, Serialize)]
pub struct Indicatore {
    pub id: String,
    pub indicatore: String,
    pub formula: Option<String>,
    pub unita: Option<String>,
    pub target: Target,
    /// Its weight in the objective's degree of achievement (a fraction); blank: equal shares.
    pub peso: Option<f64>,
    /// The values measured during and after the year.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rilevazioni: Vec<Rilevazione>,
    /// Changes of the first-year target made during the year.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub revisioni: Vec<Revisione>,
}

impl Indicatore {
    /// The first-year target in force at `al`: the latest revision made by then, else the
    /// plan's.
    pub fn target_al(&self, al: chrono::NaiveDate) -> Option<&str> {
        super::ciclo::alla_data(&self.revisioni, al, |r| r.data)
            .map(|r| r.target.as_str())
            .or(self.target.anno1.as_deref())
    }
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
    pub descrizione: Option<String>,
    /// The final deadline; real cards sometimes give only the phases' ones.
    pub scadenza: Option<Deadline>,
    pub risultato: Option<String>,
    pub raggiunto: Option<String>,
    pub non_raggiunto: Option<String>,
    pub vincoli: Option<String>,
    pub risorse_umane: Option<String>,
    pub risorse_finanziarie: Option<String>,
    /// Who answers for the objective when it is not the unit's head.
    pub responsabile: Option<String>,
    /// How the card classifies it ("performance organizzativa - annuale").
    pub tipo: Option<String>,
    pub fasi: Vec<Fase>,
    pub indicatori: Vec<Indicatore>,
    /// Deviations and corrective actions recorded at each monitoring date.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub scostamenti: Vec<Scostamento>,
}

impl Obiettivo {
    /// Sum of the phase weights, as a fraction: the sub-phases detail their phase's weight and
    /// are not counted again, unless the phase has no weight of its own.
    pub fn incidenza_totale(&self) -> f64 {
        self.fasi
            .iter()
            .filter(|f| f.padre.is_none())
            .filter_map(|f| f.incidenza.or_else(|| self.incidenza_sottofasi(&f.numero)))
            .sum()
    }

    /// The weights of the sub-phases of phase `numero` added up, when it has any with one.
    pub fn incidenza_sottofasi(&self, numero: &str) -> Option<f64> {
        let weights: Vec<f64> = self
            .fasi
            .iter()
            .filter(|f| f.padre.as_deref() == Some(numero))
            .filter_map(|f| f.incidenza)
            .collect();
        (!weights.is_empty()).then(|| weights.iter().sum())
    }

    /// Marks each phase that details another ("1a", "1b", "1.1" under "1") with its parent.
    pub fn collega_sottofasi(&mut self) {
        let numeri: Vec<String> = self.fasi.iter().map(|f| f.numero.clone()).collect();
        for f in &mut self.fasi {
            f.padre = numeri
                .iter()
                .filter(|n| **n != f.numero && sottofase(&f.numero, n))
                .max_by_key(|n| n.len())
                .cloned();
        }
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

/// Whether phase `numero` details phase `padre`: "1a" under "1", "1.2" or "1-2" under "1",
/// "2.1b" under "2.1"; not "1.10" under "1.1", nor "12" under "1".
fn sottofase(numero: &str, padre: &str) -> bool {
    let (numero, padre) = (numero.trim(), padre.trim());
    let Some(rest) = numero.strip_prefix(padre) else {
        return false;
    };
    if padre.is_empty() || rest.is_empty() {
        return false;
    }
    let letters = padre.ends_with(|c: char| c.is_ascii_digit())
        && rest.len() <= 2
        && rest.chars().all(|c| c.is_ascii_lowercase());
    let digits = rest
        .strip_prefix(['.', '-'])
        .is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()));
    letters || digits
}

#[cfg(test)]
mod tests {
    use super::sottofase;

    #[test]
    fn sub_phases_are_recognised_by_their_number() {
        assert!(sottofase("1a", "1"));
        assert!(sottofase("1.2", "1"));
        assert!(sottofase("2.1b", "2.1"));
        assert!(!sottofase("12", "1"));
        assert!(!sottofase("1", "1"));
        assert!(!sottofase("10", "1"));
        assert!(!sottofase("1 bis", "1") && !sottofase("A", ""));
        assert!(!sottofase("1.10", "1.1"));
        assert!(sottofase("1.10", "1"));
        assert!(!sottofase("Ab", "A"));
    }
}
