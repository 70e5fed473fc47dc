//! Checks of the hiring capacity (DM 17 marzo 2020): the rendiconti figures are complete and
//! coherent (errors at their rows), and the hiring plan stays within the capacity (warnings
//! with the figures: the Giunta may have reasons the tool cannot see).

use super::at;
use crate::diag::{Diagnostic, Location, Report};
use crate::italian;
use crate::load::convert::Sources;
use crate::model::Piao;
use crate::model::capacita::{self, Esito, Posizione};

const SHEET: &str = "capacita";
const SHEET_NAME: &str = "Capacità assunzionale";
const FILE: &str = "personale.xlsx";

fn sheet_location(sources: &Sources) -> Location {
    sources
        .row(SHEET, "0")
        .map(|r| Location::sheet(r.file(), r.sheet()))
        .unwrap_or_else(|| Location::sheet(FILE, SHEET_NAME))
}

pub fn run(piao: &Piao, sources: &Sources, report: &mut Report) {
    let org = &piao.organizzazione;
    let righe = org.rendiconti.as_deref();
    if let Err(why) = capacita::applicabile(piao) {
        if righe.is_some_and(|r| !r.is_empty()) {
            report.warning(
                sheet_location(sources),
                format!("il foglio è compilato ma non viene usato. {why}"),
            );
        }
        return;
    }
    let Some(righe) = righe else {
        report.push(
            Diagnostic::warning(
                Location::file(FILE),
                format!("manca il foglio «{SHEET_NAME}»: il PIAO non conterrà il calcolo della capacità assunzionale del DM 17 marzo 2020"),
            )
            .with_hint("aggiungere il foglio copiandolo dal modello creato da `piao init`, e compilarlo con la Ragioneria"),
        );
        return;
    };
    if righe.is_empty() {
        report.warning(
            sheet_location(sources),
            "il foglio è vuoto: il PIAO non conterrà il calcolo della capacità assunzionale del DM 17 marzo 2020",
        );
        return;
    }
    if !sources.complete(SHEET) {
        // Rows with unreadable cells are already reported: a total without them would be
        // a wrong figure, not a missing one.
        return;
    }
    if piao.ente.popolazione.is_none() {
        report.push(
            Diagnostic::error(
                sheet_location(sources),
                "manca la popolazione residente in ente.yaml: senza di essa la fascia demografica del DM 17 marzo 2020 non è determinata",
            )
            .with_hint("aggiungere nella sezione ente di ente.yaml una riga come `popolazione: 12345`"),
        );
    }
    if let Err(problemi) = capacita::dati(righe, piao.piano.triennio.primo) {
        for p in problemi {
            let location = match p.riga {
                Some(i) => at(sources, SHEET, &i.to_string(), p.colonna),
                None => sheet_location(sources),
            };
            let mut d = Diagnostic::error(location, p.messaggio);
            if let Some(hint) = p.suggerimento {
                d = d.with_hint(hint);
            }
            if let Some(first) = p.ripete {
                let cell = at(sources, SHEET, &first.to_string(), "voce");
                d = d.with_hint(format!("tenere una sola riga: la prima è in {cell}"));
            }
            report.push(d);
        }
    }
    let Esito::Calcolato(c) = capacita::calcola(piao) else {
        return;
    };

    if piao.piano.triennio.primo <= capacita::ULTIMO_ANNO_TABELLA_2 {
        report.warning(
            sheet_location(sources),
            format!(
                "per gli anni fino al {} vale anche il limite annuo di incremento della Tabella 2 (art. 5 DM 17 marzo 2020) sulla spesa del 2018, che piao non calcola",
                capacita::ULTIMO_ANNO_TABELLA_2
            ),
        );
    }
    for (i, h) in org.assunzioni.iter().enumerate() {
        if h.costo.is_none() {
            report.warning(
                at(sources, "assunzioni", &i.to_string(), "costo"),
                format!(
                    "assunzione senza costo annuo ({}, {}): non entra nel confronto con la capacità assunzionale",
                    h.profilo, h.anno
                ),
            );
        }
    }
    let hires = sources
        .row("assunzioni", "0")
        .map(|r| Location::sheet(r.file(), r.sheet()))
        .unwrap_or_else(|| sheet_location(sources));
    for a in c.piano.iter().filter(|a| !a.entro) {
        let increment = italian::money(a.incremento);
        let message = match c.posizione {
            Posizione::SottoSoglia => format!(
                "nel {} il costo delle assunzioni al netto delle cessazioni, cumulato dal {}, è {increment}: supera l'incremento di spesa di personale consentito dal DM 17 marzo 2020 ({}, fino al valore soglia del {})",
                a.anno,
                piao.piano.triennio.primo,
                italian::money(c.incremento_massimo),
                percent(c.fascia.soglia),
            ),
            Posizione::TraLeSoglie => format!(
                "nel {} la spesa di personale cresce di {increment} (rapporto dal {} al {}): con un rapporto tra i due valori soglia ({} e {}) il DM 17 marzo 2020 non consente di aumentarlo",
                a.anno,
                percent(c.rapporto),
                percent(a.rapporto),
                percent(c.fascia.soglia),
                percent(c.fascia.rientro),
            ),
            Posizione::SopraRientro => format!(
                "nel {} la spesa di personale non diminuisce (variazione cumulata {increment}), ma il rapporto ({}) è sopra il valore soglia di rientro del {}: il DM 17 marzo 2020 chiede di ridurlo",
                a.anno,
                percent(c.rapporto),
                percent(c.fascia.rientro),
            ),
        };
        report.push(Diagnostic::warning(hires.clone(), message).with_hint(
            "verificare il piano delle assunzioni o i dati dei rendiconti; la Giunta motiva le scelte nel testo della sottosezione 3.3",
        ));
    }
}

/// A ratio with two decimals: "23,10%".
fn percent(fraction: f64) -> String {
    italian::percent_fixed(fraction, 2)
}
