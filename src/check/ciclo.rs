//! Checks on the monitoring data (sheets Avanzamento fasi, Misurazioni, Revisioni target,
//! Misurazioni VP, Attuazione misure, Consuntivo): dates inside the year they report on,
//! states that agree with their percentages, measures that can be set against their target.

use super::at;
use crate::diag::Report;
use crate::italian;
use crate::load::convert::Sources;
use crate::model::ciclo::{self, StatoFase};
use crate::model::esiti;
use crate::model::*;
use chrono::{Datelike, NaiveDate};

/// Runs every check on the monitoring data.
pub fn run(piao: &Piao, sources: &Sources, report: &mut Report) {
    let anno = piao.piano.triennio.primo;
    let in_year = |sheet: &'static str,
                   id: &str,
                   column: &str,
                   d: NaiveDate,
                   report: &mut Report| {
        if d.year() != anno {
            report.error(
                at(sources, sheet, id, column),
                format!(
                    "data {} fuori dall'anno {anno}: il monitoraggio di questo PIAO riguarda il primo anno del triennio",
                    italian::date_short(d)
                ),
            );
        }
    };
    for o in &piao.performance.obiettivi {
        for f in &o.fasi {
            for (n, a) in f.avanzamento.iter().enumerate() {
                let id = format!("{}#{n}", f.id);
                in_year("avanzamento", &id, "data", a.data, report);
                let cell = |column: &str| at(sources, "avanzamento", &id, column);
                match (a.stato, a.percentuale) {
                    (StatoFase::Conclusa, Some(p)) if p < 1.0 => report.error(
                        cell("percentuale"),
                        format!(
                            "fase {} conclusa con avanzamento {}: una fase conclusa è al 100%",
                            f.id,
                            italian::percent(p)
                        ),
                    ),
                    (StatoFase::InCorso | StatoFase::Sospesa, None) => report.push(
                        crate::diag::Diagnostic::error(
                            cell("percentuale"),
                            format!(
                                "fase {} «{}» senza Avanzamento %: il report non può dire quanto è compiuta",
                                f.id,
                                a.stato.label()
                            ),
                        )
                        .with_hint("indicare la percentuale compiuta alla data (per esempio 40%)"),
                    ),
                    (StatoFase::NonAvviata, Some(p)) if p > 0.0 => report.error(
                        cell("percentuale"),
                        format!(
                            "fase {} non avviata con avanzamento {}",
                            f.id,
                            italian::percent(p)
                        ),
                    ),
                    _ => {}
                }
                if let Some(fine) = a.conclusione {
                    if a.stato != StatoFase::Conclusa {
                        report.warning(
                            cell("conclusione"),
                            format!(
                                "data di conclusione indicata per la fase {} che risulta «{}»: non viene considerata",
                                f.id,
                                a.stato.label()
                            ),
                        );
                    } else if fine > a.data {
                        report.error(
                            cell("conclusione"),
                            format!(
                                "fase {} conclusa il {}, dopo la data della rilevazione ({}): una fase non può risultare conclusa in una data futura",
                                f.id,
                                italian::date_short(fine),
                                italian::date_short(a.data)
                            ),
                        );
                    }
                }
            }
        }
        for ind in &o.indicatori {
            for (n, r) in ind.rilevazioni.iter().enumerate() {
                let id = format!("{}#{n}", ind.id);
                in_year("misurazioni", &id, "data", r.data, report);
                let target = ind.target_al(r.data);
                if let Some(t) = target
                    && ciclo::grado(t, &r.valore, esiti::indizi(&ind.target, None)).is_none()
                {
                    report.warning(
                        at(sources, "misurazioni", &id, "valore"),
                        format!(
                            "il valore '{}' non si confronta con il target '{t}' dell'indicatore «{}»: nei report l'indicatore risulta non misurabile",
                            r.valore, ind.indicatore
                        ),
                    );
                }
            }
            same_date(
                sources,
                "misurazioni",
                &ind.id,
                ind.rilevazioni.iter().map(|r| r.data),
                report,
            );
            same_date(
                sources,
                "revisioni",
                &ind.id,
                ind.revisioni.iter().map(|r| r.data),
                report,
            );
            for (n, r) in ind.revisioni.iter().enumerate() {
                let id = format!("{}#{n}", ind.id);
                in_year("revisioni", &id, "data", r.data, report);
                if ind.target.anno1.is_none() {
                    report.warning(
                        at(sources, "revisioni", &id, "target"),
                        format!(
                            "l'indicatore «{}» non aveva un target per il primo anno: il target rivisto è il primo target fissato",
                            ind.indicatore
                        ),
                    );
                }
            }
        }
        let pesi: Vec<f64> = o.indicatori.iter().filter_map(|i| i.peso).collect();
        let totale: f64 = pesi.iter().sum();
        if !pesi.is_empty() && (totale - 1.0).abs() > super::EPSILON {
            let first = &o.indicatori[0];
            report.warning(
                at(sources, "indicatori", &first.id, "peso"),
                format!(
                    "i pesi degli indicatori dell'obiettivo {} sommano a {} invece che a 100%: il grado di raggiungimento usa i pesi in proporzione",
                    o.id,
                    italian::percent(totale)
                ),
            );
        }
        for (n, s) in o.scostamenti.iter().enumerate() {
            in_year(
                "scostamenti",
                &format!("{}#{n}", o.id),
                "data",
                s.data,
                report,
            );
        }
    }
    for vp in &piao.performance.valore_pubblico {
        for ind in &vp.indicatori {
            for (n, r) in ind.rilevazioni.iter().enumerate() {
                let id = format!("{}#{n}", ind.id);
                in_year("misurazioni_vp", &id, "data", r.data, report);
                if let Some(t) = &ind.target.anno1
                    && ciclo::grado(
                        t,
                        &r.valore,
                        esiti::indizi(&ind.target, ind.baseline.as_deref()),
                    )
                    .is_none()
                {
                    report.warning(
                        at(sources, "misurazioni_vp", &id, "valore"),
                        format!(
                            "il valore '{}' non si confronta con il target '{t}' dell'indicatore «{}»: nella Relazione l'indicatore risulta non misurabile",
                            r.valore, ind.indicatore
                        ),
                    );
                }
            }
            same_date(
                sources,
                "misurazioni_vp",
                &ind.id,
                ind.rilevazioni.iter().map(|r| r.data),
                report,
            );
        }
    }
    for r in &piao.rischi.rischi {
        for (i, m) in r.misure.iter().enumerate() {
            for (n, a) in m.attuazione.iter().enumerate() {
                let id = format!("{}-{i}#{n}", r.codice);
                in_year("attuazione", &id, "data", a.data, report);
            }
            let id = format!("{}-{i}", r.codice);
            same_date(
                sources,
                "attuazione",
                &id,
                m.attuazione.iter().map(|a| a.data),
                report,
            );
        }
    }
}

/// Two records of the same element at the same date: which one counts would be a guess. The
/// rows of element `id` are keyed `id#n` in `sources`, in the order of `dates`.
fn same_date(
    sources: &Sources,
    sheet: &'static str,
    id: &str,
    dates: impl Iterator<Item = NaiveDate>,
    report: &mut Report,
) {
    let mut seen: std::collections::HashMap<NaiveDate, usize> = Default::default();
    for (n, d) in dates.enumerate() {
        if let Some(first) = seen.insert(d, n) {
            let hint = sources
                .row(sheet, &format!("{id}#{first}"))
                .map(|r| format!("l'altra rilevazione è alla riga {}", r.row + 1))
                .unwrap_or_default();
            report.push(
                crate::diag::Diagnostic::error(
                    at(sources, sheet, &format!("{id}#{n}"), "data"),
                    format!(
                        "due righe per lo stesso elemento alla stessa data ({}): non si sa quale valga",
                        italian::date_short(d)
                    ),
                )
                .with_hint(hint),
            );
        }
    }
}
