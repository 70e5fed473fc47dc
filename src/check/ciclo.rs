//! Checks on the monitoring data (sheets Avanzamento fasi, Misurazioni, Revisioni target,
//! Misurazioni VP, Attuazione misure, Consuntivo): dates inside the year they report on,
//! states that agree with their percentages, measures that can be set against their target.

use super::at;
use crate::diag::Report;
use crate::italian;
use crate::load::convert::Sources;
use crate::model::ciclo::{self, StatoFase};
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
                    && ciclo::grado(t, &r.valore, None).is_none()
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
            for (n, r) in ind.revisioni.iter().enumerate() {
                let id = format!("{}#{n}", ind.id);
                in_year("revisioni", &id, "data", r.data, report);
                if ind.target.anno1.is_none() {
                    report.warning(
                        at(sources, "revisioni", &id, "target"),
                        format!(
                            "l'indicatore «{}» non aveva un target per il primo anno: il target rivisto è il primo",
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
                in_year(
                    "misurazioni_vp",
                    &format!("{}#{n}", ind.id),
                    "data",
                    r.data,
                    report,
                );
            }
        }
    }
    for r in &piao.rischi.rischi {
        for (i, m) in r.misure.iter().enumerate() {
            for (n, a) in m.attuazione.iter().enumerate() {
                let id = format!("{}-{i}#{n}", r.codice);
                in_year("attuazione", &id, "data", a.data, report);
            }
        }
    }
}
