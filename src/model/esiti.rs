//! What the monitoring data says at a date: each phase's state and lateness, each indicator's
//! degree against the target in force, each objective's progress and degree of achievement,
//! each unit's totals. Computed here once, for the monitoring report, the annual report and
//! the transparency table alike; the rules are those of [`super::ciclo`].

use super::ciclo::{self, Esito, Regola, Relazione, StatoFase};
use super::*;
use chrono::{Datelike, NaiveDate};

/// A phase at a date.
#[derive(Debug, Clone)]
pub struct EsitoFase<'a> {
    pub fase: &'a Fase,
    /// The latest record on or before the date; `None`: never recorded.
    pub rilevazione: Option<&'a ciclo::Avanzamento>,
    /// Its state: recorded, or for a phase recorded only through its sub-phases, theirs
    /// (all concluded: concluded; none started: not started; else in progress). `None`:
    /// nothing recorded.
    pub stato: Option<StatoFase>,
    /// Its progress (0–1): recorded, or its sub-phases' weighted by their incidence; an
    /// unrecorded phase counts as not started.
    pub frazione: f64,
    /// Past its deadline and not concluded, or concluded after its deadline (for a phase
    /// recorded through its sub-phases: when one of them is late).
    pub in_ritardo: bool,
    /// Whether no other phase details it: the counts are of these, so no work counts twice.
    pub foglia: bool,
}

/// An indicator at a date.
#[derive(Debug, Clone)]
pub struct EsitoIndicatore<'a> {
    pub indicatore: &'a Indicatore,
    /// The first-year target in force at the date (revised or original).
    pub target: Option<&'a str>,
    /// The revision in force, when the target was changed.
    pub revisione: Option<&'a ciclo::Revisione>,
    pub misura: Option<&'a ciclo::Rilevazione>,
    pub grado: Option<f64>,
    pub esito: Esito,
}

/// An objective at a date.
#[derive(Debug, Clone)]
pub struct EsitoObiettivo<'a> {
    pub obiettivo: &'a Obiettivo,
    pub fasi: Vec<EsitoFase<'a>>,
    pub indicatori: Vec<EsitoIndicatore<'a>>,
    /// The share of the work due by the date (phases whose deadline has passed, by weight).
    pub atteso: f64,
    /// The share of the work done (phases' progress by weight); `None` without phases.
    pub avanzamento: Option<f64>,
    /// The indicators' weighted degree; `None` when no indicator could be measured.
    pub grado_indicatori: Option<f64>,
    /// The degree of achievement by the report's rule.
    pub grado: Option<f64>,
    pub esito: Esito,
    pub scostamenti: Vec<&'a ciclo::Scostamento>,
}

/// How many of each state a unit (or the whole plan) has.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Conteggi {
    pub obiettivi: usize,
    pub fasi_concluse: usize,
    pub fasi_in_corso: usize,
    pub fasi_in_ritardo: usize,
    pub fasi_non_rilevate: usize,
    pub fasi: usize,
    pub indicatori: [usize; 4],
    /// Mean of the objectives' expected and actual progress, and of their degrees.
    pub atteso: Option<f64>,
    pub avanzamento: Option<f64>,
    pub grado: Option<f64>,
    /// Objectives with no degree, left out of the mean.
    pub obiettivi_non_misurabili: usize,
}

/// A public-value indicator at a date.
#[derive(Debug, Clone)]
pub struct EsitoValore<'a> {
    pub obiettivo: &'a ObiettivoValore,
    pub indicatore: &'a IndicatoreValore,
    pub misura: Option<&'a ciclo::Rilevazione>,
    pub grado: Option<f64>,
    pub esito: Esito,
}

/// A prevention measure at a date.
#[derive(Debug, Clone)]
pub struct EsitoMisura<'a> {
    pub rischio: &'a Rischio,
    pub misura: &'a Misura,
    pub attuazione: Option<&'a ciclo::Attuazione>,
}

/// The index of an [`Esito`] in [`Conteggi::indicatori`].
pub fn indice(e: Esito) -> usize {
    match e {
        Esito::Raggiunto => 0,
        Esito::Parziale => 1,
        Esito::NonRaggiunto => 2,
        Esito::NonMisurabile => 3,
    }
}

fn mean(values: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    let known: Vec<f64> = values.flatten().collect();
    (!known.is_empty()).then(|| known.iter().sum::<f64>() / known.len() as f64)
}

/// Weights of the top-level phases: their incidence, or their sub-phases' added up, or equal
/// shares when the card gives none.
fn pesi(o: &Obiettivo) -> Vec<(usize, f64)> {
    let top: Vec<usize> = (0..o.fasi.len())
        .filter(|&i| o.fasi[i].padre.is_none())
        .collect();
    let weights: Vec<Option<f64>> = top
        .iter()
        .map(|&i| {
            let f = &o.fasi[i];
            f.incidenza.or_else(|| o.incidenza_sottofasi(&f.numero))
        })
        .collect();
    if weights.iter().all(Option::is_none) {
        let n = top.len().max(1) as f64;
        return top.iter().map(|&i| (i, 1.0 / n)).collect();
    }
    top.into_iter()
        .zip(weights)
        .map(|(i, w)| (i, w.unwrap_or(0.0)))
        .collect()
}

/// What tells the direction of an indicator whose target has no "≤" or "≥".
pub fn indizi<'a>(target: &'a Target, baseline: Option<&'a str>) -> ciclo::Indizi<'a> {
    ciclo::Indizi {
        baseline,
        seguenti: [target.anno2.as_deref(), target.anno3.as_deref()],
    }
}

/// An objective at date `al`, by the rules of `regole`.
pub fn obiettivo<'a>(o: &'a Obiettivo, al: NaiveDate, regole: &Relazione) -> EsitoObiettivo<'a> {
    let mut fasi: Vec<EsitoFase> = o
        .fasi
        .iter()
        .map(|f| {
            let rilevazione = ciclo::alla_data(&f.avanzamento, al, |a| a.data);
            let conclusa = rilevazione.is_some_and(|r| r.stato == StatoFase::Conclusa);
            let in_ritardo = match (f.scadenza.date(), rilevazione) {
                (Some(s), Some(r)) if conclusa => r.conclusione.is_some_and(|c| c > s),
                (Some(s), _) => s < al,
                (None, _) => false,
            };
            EsitoFase {
                fase: f,
                rilevazione,
                stato: rilevazione.map(|r| r.stato),
                frazione: rilevazione.and_then(|r| r.frazione()).unwrap_or(0.0),
                in_ritardo,
                foglia: true,
            }
        })
        .collect();
    // A phase detailed by sub-phases and not recorded itself progresses with them: the
    // deepest first, so that "2" sees "2.1" already settled from "2.1a".
    let mut order: Vec<usize> = (0..fasi.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(fasi[i].fase.numero.len()));
    for i in order {
        let numero = fasi[i].fase.numero.as_str();
        let sub: Vec<usize> = (0..fasi.len())
            .filter(|&j| fasi[j].fase.padre.as_deref() == Some(numero))
            .collect();
        if sub.is_empty() {
            continue;
        }
        fasi[i].foglia = false;
        if fasi[i].rilevazione.is_some() {
            continue;
        }
        // Sub-phases weigh by their incidence when all have one, else equally.
        let weights: Option<Vec<f64>> = sub.iter().map(|&j| fasi[j].fase.incidenza).collect();
        let weights = weights
            .filter(|w| w.iter().sum::<f64>() > 0.0)
            .unwrap_or_else(|| vec![1.0; sub.len()]);
        let total: f64 = weights.iter().sum();
        let frazione = sub
            .iter()
            .zip(&weights)
            .map(|(&j, w)| fasi[j].frazione * w)
            .sum::<f64>()
            / total;
        let stati: Vec<Option<StatoFase>> = sub.iter().map(|&j| fasi[j].stato).collect();
        let stato = if stati.iter().all(|s| *s == Some(StatoFase::Conclusa)) {
            Some(StatoFase::Conclusa)
        } else if stati.iter().all(Option::is_none) {
            None
        } else if stati
            .iter()
            .all(|s| s.is_none() || *s == Some(StatoFase::NonAvviata))
        {
            Some(StatoFase::NonAvviata)
        } else {
            Some(StatoFase::InCorso)
        };
        let late_sub = sub.iter().any(|&j| fasi[j].in_ritardo);
        fasi[i].in_ritardo = match (stato, fasi[i].fase.scadenza.date()) {
            (Some(StatoFase::Conclusa), _) => late_sub,
            (_, Some(s)) => s < al || late_sub,
            (_, None) => late_sub,
        };
        fasi[i].stato = stato;
        fasi[i].frazione = frazione;
    }
    let (mut atteso, mut fatto, mut totale) = (0.0, 0.0, 0.0);
    // A deadline in words ("entro i termini del decreto") is due by the end of the year.
    let fine_anno = NaiveDate::from_ymd_opt(al.year(), 12, 31).is_some_and(|d| al >= d);
    for (i, w) in pesi(o) {
        let f = &fasi[i];
        totale += w;
        fatto += w * f.frazione;
        if f.fase.scadenza.date().map_or(fine_anno, |s| s <= al) {
            atteso += w;
        }
    }
    let avanzamento = (totale > 0.0).then(|| fatto / totale);
    let atteso = if totale > 0.0 { atteso / totale } else { 0.0 };

    let indicatori: Vec<EsitoIndicatore> = o
        .indicatori
        .iter()
        .map(|ind| {
            let revisione = ciclo::alla_data(&ind.revisioni, al, |r| r.data);
            let target = ind.target_al(al);
            let misura = ciclo::alla_data(&ind.rilevazioni, al, |r| r.data);
            let grado = match (target, misura) {
                (Some(t), Some(m)) => ciclo::grado(t, &m.valore, indizi(&ind.target, None)),
                _ => None,
            };
            EsitoIndicatore {
                indicatore: ind,
                target,
                revisione,
                misura,
                grado,
                esito: regole.esito(grado),
            }
        })
        .collect();
    let pesati: Vec<(Option<f64>, Option<f64>)> = indicatori
        .iter()
        .map(|i| (i.indicatore.peso, i.grado))
        .collect();
    let grado_indicatori = ciclo::media_pesata(&pesati);
    let grado = match regole.regola {
        Regola::Indicatori => grado_indicatori,
        Regola::Fasi => avanzamento,
        Regola::Media => mean([grado_indicatori, avanzamento].into_iter()),
    };
    let mut scostamenti: Vec<&ciclo::Scostamento> =
        o.scostamenti.iter().filter(|s| s.data <= al).collect();
    scostamenti.sort_by_key(|s| s.data);
    EsitoObiettivo {
        obiettivo: o,
        fasi,
        indicatori,
        atteso,
        avanzamento,
        grado_indicatori,
        grado,
        esito: regole.esito(grado),
        scostamenti,
    }
}

/// The totals of a set of objectives.
pub fn conteggi(obiettivi: &[&EsitoObiettivo]) -> Conteggi {
    let mut c = Conteggi {
        obiettivi: obiettivi.len(),
        ..Default::default()
    };
    for o in obiettivi {
        for f in o.fasi.iter().filter(|f| f.foglia) {
            c.fasi += 1;
            match f.stato {
                Some(StatoFase::Conclusa) => c.fasi_concluse += 1,
                Some(StatoFase::InCorso) => c.fasi_in_corso += 1,
                None => c.fasi_non_rilevate += 1,
                _ => {}
            }
            if f.in_ritardo {
                c.fasi_in_ritardo += 1;
            }
        }
        for i in &o.indicatori {
            c.indicatori[indice(i.esito)] += 1;
        }
    }
    c.atteso = mean(
        obiettivi
            .iter()
            .filter(|o| o.avanzamento.is_some())
            .map(|o| Some(o.atteso)),
    );
    c.avanzamento = mean(obiettivi.iter().map(|o| o.avanzamento));
    c.grado = mean(obiettivi.iter().map(|o| o.grado));
    c.obiettivi_non_misurabili = obiettivi.iter().filter(|o| o.grado.is_none()).count();
    c
}

/// The public-value indicators at date `al`; the baseline gives the direction of a target
/// without "≤"/"≥".
pub fn valore_pubblico<'a>(
    perf: &'a Performance,
    al: NaiveDate,
    regole: &Relazione,
) -> Vec<EsitoValore<'a>> {
    perf.valore_pubblico
        .iter()
        .flat_map(|v| v.indicatori.iter().map(move |i| (v, i)))
        .map(|(v, i)| {
            let misura = ciclo::alla_data(&i.rilevazioni, al, |r| r.data);
            let grado = match (&i.target.anno1, misura) {
                (Some(t), Some(m)) => {
                    ciclo::grado(t, &m.valore, indizi(&i.target, i.baseline.as_deref()))
                }
                _ => None,
            };
            EsitoValore {
                obiettivo: v,
                indicatore: i,
                misura,
                grado,
                esito: regole.esito(grado),
            }
        })
        .collect()
}

/// The prevention measures at date `al`.
pub fn misure(ac: &Anticorruzione, al: NaiveDate) -> Vec<EsitoMisura<'_>> {
    ac.rischi
        .iter()
        .flat_map(|r| r.misure.iter().map(move |m| (r, m)))
        .map(|(rischio, misura)| EsitoMisura {
            rischio,
            misura,
            attuazione: ciclo::alla_data(&misura.attuazione, al, |a| a.data),
        })
        .collect()
}

/// Whether the plan holds any monitoring record, and the latest date among them in year
/// `anno`: the default date of the monitoring report.
pub fn ultima_rilevazione(piao: &Piao) -> Option<NaiveDate> {
    let perf = &piao.performance;
    let fasi = perf.obiettivi.iter().flat_map(|o| {
        o.fasi
            .iter()
            .flat_map(|f| f.avanzamento.iter().map(|a| a.data))
    });
    let indicatori = perf.obiettivi.iter().flat_map(|o| {
        o.indicatori
            .iter()
            .flat_map(|i| i.rilevazioni.iter().map(|r| r.data))
    });
    let misure = piao.rischi.rischi.iter().flat_map(|r| {
        r.misure
            .iter()
            .flat_map(|m| m.attuazione.iter().map(|a| a.data))
    });
    fasi.chain(indicatori).chain(misure).max()
}
