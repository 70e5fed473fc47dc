//! Is the plan complete enough to be deliberated? The identity a deliberation needs, a staff
//! count to decide the kind of PIAO, and every sub-section the DM requires of that kind. For a
//! final build these are errors; for a draft (`--bozza`) warnings, and the draft builds.

use crate::diag::{Diagnostic, Location, Report, Severity};
use crate::load::yaml::FILE as YAML;
use crate::model::{Modo, Piao, Tipo};

const BOZZA_HINT: &str = "per far circolare una bozza con i dati mancanti: `piao build --bozza`";

pub fn run(piao: &Piao, modo: Modo, report: &mut Report) {
    let severity = match modo {
        Modo::Definitivo => Severity::Error,
        Modo::Bozza => Severity::Warning,
    };
    let mut push = |location: Location, message: String, hint: String| {
        let d = match severity {
            Severity::Error => {
                Diagnostic::error(location, message).with_hint(format!("{hint}; {BOZZA_HINT}"))
            }
            Severity::Warning => Diagnostic::warning(location, message).with_hint(hint),
        };
        report.push(d);
    };

    let nome = piao.ente.denominazione.trim();
    if nome.is_empty() || nome.contains("...") || nome.contains('…') {
        push(
            Location::file(YAML),
            format!("denominazione dell'ente non compilata ('{nome}')"),
            "scrivere in ente.yaml il nome completo (ente › denominazione), come apparirà sulla copertina".into(),
        );
    }
    if piao.piano.tipo == Tipo::Automatico && !piao.dipendenti_noti() {
        push(
            Location::sheet("personale.xlsx", "Personale"),
            "nessun dipendente indicato: senza il personale in servizio non si può stabilire se il PIAO è ordinario o semplificato (soglia di 50 dipendenti)".into(),
            "compilare il foglio Personale, oppure indicare in ente.yaml il numero (ente › dipendenti) o il tipo di piano (piano › tipo)".into(),
        );
    }
    let tipo = if piao.semplificato() {
        "anche nel PIAO semplificato (art. 6 DM 132/2022)"
    } else {
        "nel PIAO ordinario"
    };
    for s in piao.sottosezioni() {
        if s.obbligatoria && !s.compilata {
            push(
                Location::file(YAML),
                format!("sottosezione {} vuota: è obbligatoria {tipo}", s.titolo),
                format!(
                    "scrivere il testo in ente.yaml (sottosezioni › {} › testo), compilare {}, oppure indicare un rinvio a un atto già adottato",
                    s.chiave, s.fogli
                ),
            );
        }
    }
}
