//! Checks for the Amministrazione Trasparente publication: what the ANAC art. 13 scheme
//! needs of each unit (contacts, lengths). Everything here is a warning: the PDF does not
//! need it, but the published files would lack it, and the office must know which cell.

use super::at;
use crate::diag::Report;
use crate::load::convert::Sources;
use crate::model::Piao;
use crate::model::trasparenza::{MAX_TELEFONO, MAX_TESTO};

/// Warns about every unit that the ANAC files will publish incompletely.
pub fn run(piao: &Piao, sources: &Sources, report: &mut Report) {
    for s in &piao.organizzazione.strutture {
        let here = |column: &str| at(sources, "strutture", &s.codice, column);
        let contatti = s.contatti_anac();
        if let Some(t) = s.telefono.as_ref().filter(|_| contatti.telefono.is_none()) {
            report.warning(
                here("telefono"),
                format!(
                    "telefono '{t}' non pubblicabile nello schema ANAC art. 13: atteso un numero di non più di {MAX_TELEFONO} caratteri; nei file ANAC resta vuoto"
                ),
            );
        }
        for (key, value, got) in [
            ("email", &s.email, &contatti.email),
            ("pec", &s.pec, &contatti.pec),
        ] {
            if let Some(v) = value.as_ref().filter(|_| got.is_none()) {
                report.warning(
                    here(key),
                    format!(
                        "indirizzo '{v}' non valido per lo schema ANAC art. 13 (atteso come nome@dominio.it, senza spazi né lettere accentate): nei file ANAC resta vuoto"
                    ),
                );
            }
        }
        // What is absent (not what is invalid, already reported above).
        let mut missing = Vec::new();
        if s.telefono.is_none() {
            missing.push(("telefono", "il telefono"));
        }
        if s.email.is_none() && s.pec.is_none() {
            missing.push(("email", "un indirizzo e-mail o PEC"));
        }
        if let Some((column, _)) = missing.first() {
            let what: Vec<&str> = missing.iter().map(|(_, w)| *w).collect();
            report.warning(
                here(column),
                format!(
                    "alla struttura {} manca {}: lo schema ANAC art. 13 (Articolazione degli uffici) la pubblica nel CSV ma non nel file JSON, che richiede telefono ed e-mail per ogni ufficio",
                    s.codice,
                    what.join(" e ")
                ),
            );
        } else if !contatti.completi() {
            report.warning(
                here("codice"),
                format!(
                    "la struttura {} non compare nel file JSON dello schema ANAC art. 13: senza un telefono e un'e-mail validi l'ufficio non è pubblicabile",
                    s.codice
                ),
            );
        }
        for (key, value) in [
            ("nome", Some(&s.nome)),
            ("responsabile", Some(&s.responsabile)),
            ("competenze", s.competenze.as_ref()),
        ] {
            let n = value.map(|v| v.chars().count()).unwrap_or(0);
            if n > MAX_TESTO {
                report.warning(
                    here(key),
                    format!(
                        "testo di {n} caratteri: lo schema ANAC art. 13 ne ammette {MAX_TESTO}; nei file ANAC sono pubblicati i primi {} seguiti da «…»",
                        MAX_TESTO - 1
                    ),
                );
            }
        }
    }
}
