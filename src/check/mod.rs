//! Cross-checks on the assembled PIAO: the rules a careful office applies before sending the
//! plan to the Giunta. Each rule reports at the cell that holds the figure; what real data
//! often does on purpose (a text deadline, a phase without weight) is a warning, what makes
//! the plan wrong is an error.

use crate::diag::{Diagnostic, Location, Report};
use crate::italian;
use crate::load::convert::Sources;
use crate::model::*;

mod capacita;
mod ciclo;
pub mod completezza;
mod trasparenza;

/// The legal floor of the smart-working contingent (15% of staff on remotable activities).
pub const CONTINGENTE_MINIMO: f64 = 0.15;

/// Training hours per employee per year asked by the ministerial directive from 2025.
pub const ORE_FORMAZIONE_PRO_CAPITE: f64 = 40.0;

/// Tolerance when comparing percentages typed by hand (33,33% × 3).
const EPSILON: f64 = 0.0005;

/// Runs every cross-check.
pub fn run(piao: &Piao, sources: &Sources, report: &mut Report) {
    performance(piao, sources, report);
    personale(piao, sources, report);
    lavoro_agile(piao, sources, report);
    fabbisogni(piao, sources, report);
    capacita::run(piao, sources, report);
    formazione(piao, sources, report);
    rischi(piao, sources, report);
    trasparenza::run(piao, sources, report);
    ciclo::run(piao, sources, report);
}

fn at(sources: &Sources, sheet: &'static str, id: &str, column: &str) -> Location {
    sources
        .row(sheet, id)
        .map(|r| r.cell(column))
        .unwrap_or_else(|| Location::file(sheet))
}

fn performance(piao: &Piao, sources: &Sources, report: &mut Report) {
    let triennio = piao.piano.triennio;
    for o in &piao.performance.obiettivi {
        let here = |column: &str| at(sources, "obiettivi", &o.id, column);
        match &o.scadenza {
            None => {}
            Some(Deadline::Date(d)) if !in_triennio(*d, triennio) => report.error(
                here("scadenza"),
                format!(
                    "scadenza finale {} fuori dal triennio {}",
                    italian::date_short(*d),
                    triennio.label()
                ),
            ),
            Some(Deadline::Text(t)) => report.warning(
                here("scadenza"),
                format!("scadenza finale '{t}' non è una data: viene stampata così com'è"),
            ),
            _ => {}
        }
        if o.fasi.is_empty() {
            report.warning(
                here("codice"),
                format!("l'obiettivo {} non ha fasi nel foglio Fasi", o.codice),
            );
        }
        if o.indicatori.is_empty() {
            report.warning(
                here("codice"),
                format!(
                    "l'obiettivo {} non ha indicatori nel foglio Indicatori",
                    o.codice
                ),
            );
        }
        for f in &o.fasi {
            let cell = |column: &str| at(sources, "fasi", &f.id, column);
            if let (Some(start), Some(end)) = (f.inizio, f.scadenza.date())
                && start > end
            {
                report.warning(
                    cell("inizio"),
                    format!(
                        "la fase {} inizia il {}, dopo la sua scadenza ({})",
                        f.numero,
                        italian::date_short(start),
                        italian::date_short(end)
                    ),
                );
            }
            // A sub-phase details its phase's weight: it may have none of its own, and a phase
            // whose sub-phases carry the weights needs none either.
            if f.incidenza.is_none()
                && f.padre.is_none()
                && o.incidenza_sottofasi(&f.numero).is_none()
            {
                report.warning(
                    cell("incidenza"),
                    format!("la fase {} non ha incidenza %", f.numero),
                );
            }
            match &f.scadenza {
                Deadline::Date(d) if !in_triennio(*d, triennio) => report.error(
                    cell("scadenza"),
                    format!(
                        "scadenza {} fuori dal triennio {}",
                        italian::date_short(*d),
                        triennio.label()
                    ),
                ),
                Deadline::Date(d) => {
                    if let Some(end) = o.scadenza.as_ref().and_then(Deadline::date)
                        && *d > end
                    {
                        report.warning(
                            cell("scadenza"),
                            format!(
                                "la fase scade il {}, dopo la scadenza finale dell'obiettivo ({})",
                                italian::date_short(*d),
                                italian::date_short(end)
                            ),
                        );
                    }
                }
                Deadline::Text(t) => report.warning(
                    cell("scadenza"),
                    format!("scadenza '{t}' non è una data: viene stampata così com'è"),
                ),
            }
        }
        for parent in &o.fasi {
            let children: Vec<&Fase> = o
                .fasi
                .iter()
                .filter(|f| f.padre.as_deref() == Some(parent.numero.as_str()))
                .collect();
            let weights: Option<f64> = children.iter().map(|f| f.incidenza).sum();
            if let (Some(own), Some(sum)) = (parent.incidenza, weights)
                && !children.is_empty()
                && (own - sum).abs() > EPSILON
            {
                report.warning(
                    at(sources, "fasi", &children[0].id, "incidenza"),
                    format!(
                        "le sottofasi della fase {} sommano {}, la fase vale {}",
                        parent.numero,
                        italian::percent(sum),
                        italian::percent(own)
                    ),
                );
            }
        }
        let weighted = o.fasi.iter().any(|f| f.incidenza.is_some());
        let total = o.incidenza_totale();
        if weighted && sources.complete("fasi") && (total - 1.0).abs() > EPSILON {
            let first = &o.fasi[0];
            report.push(
                Diagnostic::error(
                    at(sources, "fasi", &first.id, "incidenza"),
                    format!(
                        "le fasi dell'obiettivo {} ({}) sommano {}: atteso 100%",
                        o.codice,
                        o.struttura,
                        italian::percent(total)
                    ),
                )
                .with_hint("correggere l'incidenza % delle fasi in modo che il totale sia 100%"),
            );
        }
    }
}

fn in_triennio(d: chrono::NaiveDate, t: Triennio) -> bool {
    d >= t.inizio() && d <= t.fine()
}

fn personale(piao: &Piao, sources: &Sources, report: &mut Report) {
    for (i, r) in piao.organizzazione.personale.iter().enumerate() {
        let id = i.to_string();
        sum_check(
            sources,
            "personale",
            &id,
            r.donne,
            r.uomini,
            r.totale,
            report,
        );
        if r.part_time > r.totale {
            report.error(
                at(sources, "personale", &id, "part_time"),
                format!(
                    "part time {} maggiore del totale della riga ({})",
                    r.part_time, r.totale
                ),
            );
        }
    }
}

/// Women + men = total when both are given, reported at the total's cell.
fn sum_check(
    sources: &Sources,
    sheet: &'static str,
    id: &str,
    donne: Option<u64>,
    uomini: Option<u64>,
    totale: u64,
    report: &mut Report,
) {
    // Only a complete split can contradict the total; a missing one is printed as such. A
    // half given can still exceed it.
    let (Some(donne), Some(uomini)) = (donne, uomini) else {
        if let Some(n) = donne.or(uomini).filter(|n| *n > totale) {
            report.error(
                at(sources, sheet, id, "totale"),
                format!("totale {totale} minore di una sua parte ({n})"),
            );
        }
        return;
    };
    if donne + uomini != totale {
        report.push(
            Diagnostic::error(
                at(sources, sheet, id, "totale"),
                format!(
                    "totale {totale} diverso da donne + uomini ({donne} + {uomini} = {})",
                    donne + uomini
                ),
            )
            .with_hint(format!(
                "scrivere {} oppure correggere donne e uomini",
                donne + uomini
            )),
        );
    }
}

fn lavoro_agile(piao: &Piao, sources: &Sources, report: &mut Report) {
    for (i, r) in piao.organizzazione.lavoro_agile.iter().enumerate() {
        let id = i.to_string();
        sum_check(
            sources,
            "lavoro_agile",
            &id,
            r.donne,
            r.uomini,
            r.totale,
            report,
        );
        if r.effettivi > r.totale {
            report.error(
                at(sources, "lavoro_agile", &id, "effettivi"),
                format!(
                    "totale effettivo {} maggiore dei dipendenti con accordo ({})",
                    r.effettivi, r.totale
                ),
            );
        } else if r.non_fruitori <= r.totale && r.effettivi != r.totale - r.non_fruitori {
            report.warning(
                at(sources, "lavoro_agile", &id, "effettivi"),
                format!(
                    "totale effettivo {} diverso da accordi − non fruitori ({} − {} = {})",
                    r.effettivi,
                    r.totale,
                    r.non_fruitori,
                    r.totale - r.non_fruitori
                ),
            );
        }
        if r.non_fruitori > r.totale {
            report.error(
                at(sources, "lavoro_agile", &id, "non_fruitori"),
                format!(
                    "non fruitori {} più dei dipendenti con accordo ({})",
                    r.non_fruitori, r.totale
                ),
            );
        }
    }
    let triennio = piao.piano.triennio;
    for (i, c) in piao.organizzazione.contingente.iter().enumerate() {
        let id = i.to_string();
        year_check(sources, "contingente", &id, c.anno, triennio, report);
        if c.percentuale + EPSILON < CONTINGENTE_MINIMO {
            report.push(
                Diagnostic::warning(
                    at(sources, "contingente", &id, "percentuale"),
                    format!(
                        "contingente {} sotto il minimo di legge del {}",
                        italian::percent(c.percentuale),
                        italian::percent(CONTINGENTE_MINIMO)
                    ),
                )
                .with_hint("il contingente minimo è il 15% del personale che svolge attività eseguibili da remoto"),
            );
        }
    }
}

fn year_check(
    sources: &Sources,
    sheet: &'static str,
    id: &str,
    year: i32,
    triennio: Triennio,
    report: &mut Report,
) {
    if !triennio.contains(year) {
        report.error(
            at(sources, sheet, id, "anno"),
            format!("anno {year} fuori dal triennio {}", triennio.label()),
        );
    }
}

fn fabbisogni(piao: &Piao, sources: &Sources, report: &mut Report) {
    let triennio = piao.piano.triennio;
    for (i, h) in piao.organizzazione.assunzioni.iter().enumerate() {
        year_check(
            sources,
            "assunzioni",
            &i.to_string(),
            h.anno,
            triennio,
            report,
        );
    }
    for (i, c) in piao.organizzazione.cessazioni.iter().enumerate() {
        year_check(
            sources,
            "cessazioni",
            &i.to_string(),
            c.anno,
            triennio,
            report,
        );
    }
}

/// The first plan year the 40-hour training target applies to (directive of 14/1/2025).
pub const PRIMO_ANNO_ORE_FORMAZIONE: i32 = 2025;

fn formazione(piao: &Piao, sources: &Sources, report: &mut Report) {
    let org = &piao.organizzazione;
    for (i, b) in org.budget_formazione.iter().enumerate() {
        let id = i.to_string();
        year_check(
            sources,
            "budget_formazione",
            &id,
            b.anno,
            piao.piano.triennio,
            report,
        );
        if let Some(d) = b.disponibile().filter(|d| *d < -EPSILON) {
            report.warning(
                at(sources, "budget_formazione", &id, "impegnato"),
                format!(
                    "impegnato oltre lo stanziamento assestato: disponibile {}",
                    italian::money(d)
                ),
            );
        }
    }
    if org.formazione.is_empty() || !sources.complete("formazione") {
        return;
    }
    let senza_ore = org.formazione.iter().filter(|c| c.ore.is_none()).count();
    if senza_ore > 0 {
        let location = sources
            .row("formazione", "0")
            .map(|r| Location::sheet(r.file(), r.sheet()))
            .unwrap_or_else(|| Location::file("personale.xlsx"));
        report.warning(
            location,
            format!(
                "{} su {} senza ore: il totale delle ore e le ore per dipendente non sono calcolati (nel PDF: n.d.)",
                if senza_ore == 1 { "1 corso".to_string() } else { format!("{senza_ore} corsi") },
                org.formazione.len()
            ),
        );
    }
    if piao.piano.triennio.primo < PRIMO_ANNO_ORE_FORMAZIONE {
        return;
    }
    if let Some(hours) = org.ore_formazione_pro_capite()
        && hours + EPSILON < ORE_FORMAZIONE_PRO_CAPITE
    {
        let location = sources
            .row("formazione", "0")
            .map(|r| Location::sheet(r.file(), r.sheet()))
            .unwrap_or_else(|| Location::file("personale.xlsx"));
        report.push(
            Diagnostic::warning(
                location,
                format!(
                    "ore di formazione programmate per dipendente: {} (obiettivo: {} ore l'anno)",
                    italian::number((hours * 10.0).round() / 10.0),
                    ORE_FORMAZIONE_PRO_CAPITE
                ),
            )
            .with_hint("la direttiva ministeriale sulla formazione chiede 40 ore per dipendente all'anno dal 2025"),
        );
    }
}

fn rischi(piao: &Piao, sources: &Sources, report: &mut Report) {
    if !sources.complete("misure") {
        return;
    }
    for r in &piao.rischi.rischi {
        if r.misure.is_empty() {
            report.warning(
                at(sources, "rischi", &r.codice, "codice"),
                format!("il rischio {} non ha misure nel foglio Misure", r.codice),
            );
        }
    }
}
