//! The views of the cycle's two reports, read by `monitoraggio.typ` and `relazione.typ` as
//! `/data.json`: the semi-annual monitoring at a date, and the annual report on the first
//! year of the triennio. Every state and degree comes from [`crate::model::esiti`]; every
//! figure is formatted here, so the templates only lay out.

use super::view::{deadline, opt};
use crate::italian;
use crate::model::ciclo::{Esito, Regola, Relazione};
use crate::model::esiti::{self, Conteggi, EsitoObiettivo};
use crate::model::*;
use chrono::{Datelike, NaiveDate};
use serde_json::{Value, json};

/// Which report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rapporto {
    /// The monitoring at a date of the year.
    Monitoraggio(NaiveDate),
    /// The annual report: the state at 31 December of the first year.
    Relazione,
}

impl Rapporto {
    /// The date the report looks at.
    pub fn al(self, piao: &Piao) -> NaiveDate {
        match self {
            Rapporto::Monitoraggio(d) => d,
            Rapporto::Relazione => {
                NaiveDate::from_ymd_opt(piao.piano.triennio.primo, 12, 31).unwrap_or_default()
            }
        }
    }

    /// The document's title, also its PDF identifier.
    pub fn titolo(self, piao: &Piao) -> String {
        let anno = piao.piano.triennio.primo;
        match self {
            Rapporto::Monitoraggio(d) => format!(
                "Monitoraggio del PIAO {} al {} - {}",
                piao.piano.triennio.label(),
                italian::date_short(d),
                piao.ente.denominazione
            ),
            Rapporto::Relazione => format!(
                "Relazione annuale sulla performance {anno} - {}",
                piao.ente.denominazione
            ),
        }
    }

    /// `Monitoraggio_PIAO_2026_al_30-06-2026.pdf`, `Relazione_performance_2026.pdf`.
    pub fn file_name(self, piao: &Piao) -> String {
        let anno = piao.piano.triennio.primo;
        match self {
            Rapporto::Monitoraggio(d) => {
                format!("Monitoraggio_PIAO_{anno}_al_{}.pdf", d.format("%d-%m-%Y"))
            }
            Rapporto::Relazione => format!("Relazione_performance_{anno}.pdf"),
        }
    }

    /// The typst template that lays it out.
    pub fn template(self) -> &'static str {
        match self {
            Rapporto::Monitoraggio(_) => "/monitoraggio.typ",
            Rapporto::Relazione => "/relazione.typ",
        }
    }
}

/// "al 30/06/2026", "all'11/08/2026": the preposition before a date, as it is read ("otto",
/// "undici" begin with a vowel).
pub fn al(d: NaiveDate, date: String) -> String {
    if matches!(d.day(), 8 | 11) {
        format!("all'{date}")
    } else {
        format!("al {date}")
    }
}

fn pct(f: Option<f64>) -> Value {
    f.map(|f| Value::from(italian::percent(f)))
        .unwrap_or(Value::Null)
}

/// A fraction for the charts (0–1), `null` when unknown.
fn frac(f: Option<f64>) -> Value {
    f.map(|f| Value::from((f.clamp(0.0, 1.0) * 1000.0).round() / 1000.0))
        .unwrap_or(Value::Null)
}

fn esito(e: Esito) -> Value {
    json!({ "chiave": e, "etichetta": e.label() })
}

/// The rule of the degree of achievement, in words, for the report's method note.
pub fn regola_in_parole(r: &Relazione) -> String {
    let regola = match r.regola {
        Regola::Indicatori => {
            "il grado di raggiungimento di un obiettivo è la media dei gradi dei suoi indicatori, pesata con la colonna Peso % del foglio Indicatori (un indicatore senza peso ha una quota uguale di ciò che i pesi indicati lasciano); gli indicatori non misurabili non entrano nella media e i pesi degli altri si riproporzionano"
        }
        Regola::Fasi => {
            "il grado di raggiungimento di un obiettivo è l'avanzamento delle sue fasi, pesato con la loro incidenza; una fase senza rilevazione conta come non avviata"
        }
        Regola::Media => {
            "il grado di raggiungimento di un obiettivo è la media tra il grado dei suoi indicatori (pesato con la colonna Peso %) e l'avanzamento delle sue fasi (pesato con la loro incidenza)"
        }
    };
    format!(
        "Regola di calcolo (ente.yaml › relazione): {regola}. Il grado di un indicatore è il valore misurato diviso il target (al massimo 100%); per un target da non superare («≤ 25 giorni», «entro 30», «massimo 20», oppure più basso della baseline o dei target degli anni successivi, oppure pari a 0) è 100% se il valore resta entro il target, altrimenti target diviso valore; un target «Sì» è raggiunto con «Sì»; un target a parole, con una data o con più numeri non è misurabile. Un grado pari o superiore a {} è «raggiunto», da {} «parzialmente raggiunto», sotto «non raggiunto». Il grado di una struttura e quello complessivo sono la media dei gradi dei suoi obiettivi.",
        italian::percent(r.raggiunto),
        italian::percent(r.parziale)
    )
}

fn obiettivo_view(e: &EsitoObiettivo, unit: &str) -> Value {
    let o = e.obiettivo;
    json!({
        "id": o.id, "codice": o.codice, "titolo": o.titolo, "struttura": unit,
        "responsabile": opt(&o.responsabile),
        "atteso": pct(Some(e.atteso)), "atteso_f": frac(Some(e.atteso)),
        "avanzamento": pct(e.avanzamento), "avanzamento_f": frac(e.avanzamento),
        "grado_indicatori": pct(e.grado_indicatori),
        "grado": pct(e.grado), "grado_f": frac(e.grado), "esito": esito(e.esito),
        "fasi": e.fasi.iter().map(|f| json!({
            "numero": f.fase.numero,
            "sottofase": f.fase.padre.is_some(),
            "descrizione": f.fase.descrizione,
            "incidenza": f.fase.incidenza.map(italian::percent),
            "scadenza": deadline(&f.fase.scadenza),
            "stato": f.stato.map(|s| s.label()).unwrap_or("Non rilevata"),
            // A phase recorded through its sub-phases shows their progress.
            "percentuale": match f.rilevazione {
                Some(r) => r.frazione().map(italian::percent),
                None => f.stato.map(|_| italian::percent(f.frazione)),
            },
            "conclusione": f.rilevazione.and_then(|r| r.conclusione).map(italian::date_short),
            "in_ritardo": f.in_ritardo,
            "note": f.rilevazione.and_then(|r| r.note.clone()),
        })).collect::<Vec<_>>(),
        "indicatori": e.indicatori.iter().map(|i| json!({
            "indicatore": i.indicatore.indicatore,
            "unita": opt(&i.indicatore.unita),
            "peso": i.indicatore.peso.map(italian::percent),
            "target_originale": opt(&i.indicatore.target.anno1),
            "target": i.target,
            "revisione": i.revisione.map(|r| json!({
                "data": italian::date_short(r.data), "target": r.target, "motivo": r.motivo,
            })),
            "valore": i.misura.map(|m| m.valore.clone()),
            "data": i.misura.map(|m| italian::date_short(m.data)),
            "note": i.misura.and_then(|m| m.note.clone()),
            "grado": pct(i.grado), "grado_f": frac(i.grado), "esito": esito(i.esito),
        })).collect::<Vec<_>>(),
        "scostamenti": e.scostamenti.iter().map(|s| json!({
            "data": italian::date_short(s.data), "scostamenti": s.scostamenti, "azioni": s.azioni,
        })).collect::<Vec<_>>(),
    })
}

fn conteggi_view(c: &Conteggi, nome: &str) -> Value {
    json!({
        "nome": nome,
        "obiettivi": c.obiettivi,
        "fasi": c.fasi,
        "concluse": c.fasi_concluse,
        "in_corso": c.fasi_in_corso,
        "in_ritardo": c.fasi_in_ritardo,
        "non_rilevate": c.fasi_non_rilevate,
        "raggiunti": c.indicatori[0],
        "parziali": c.indicatori[1],
        "non_raggiunti": c.indicatori[2],
        "non_misurabili": c.indicatori[3],
        "atteso": pct(c.atteso), "atteso_f": frac(c.atteso),
        "avanzamento": pct(c.avanzamento), "avanzamento_f": frac(c.avanzamento),
        "grado": pct(c.grado), "grado_f": frac(c.grado),
        "obiettivi_non_misurabili": c.obiettivi_non_misurabili,
    })
}

/// The figures of the year the plan set, by voce of the Consuntivo sheet; `None` when the
/// plan does not give one.
fn previsto(piao: &Piao, voce: &str) -> Option<f64> {
    let org = &piao.organizzazione;
    let anno = piao.piano.triennio.primo;
    let some = |n: f64, any: bool| any.then_some(n);
    match voce {
        "Assunzioni" => {
            let rows: Vec<&Assunzione> = org.assunzioni.iter().filter(|a| a.anno == anno).collect();
            some(rows.iter().map(|a| a.numero as f64).sum(), !rows.is_empty())
        }
        "Cessazioni" => {
            let rows: Vec<&Cessazione> = org.cessazioni.iter().filter(|c| c.anno == anno).collect();
            some(rows.iter().map(|c| c.numero as f64).sum(), !rows.is_empty())
        }
        "Corsi di formazione" => some(org.formazione.len() as f64, !org.formazione.is_empty()),
        "Partecipanti alla formazione" => some(
            org.formazione.iter().map(|c| c.partecipanti as f64).sum(),
            !org.formazione.is_empty(),
        ),
        "Ore di formazione" => {
            let ore: Vec<f64> = org.formazione.iter().filter_map(|c| c.ore).collect();
            some(ore.iter().sum(), !ore.is_empty())
        }
        "Spesa per la formazione" => org
            .budget_formazione
            .iter()
            .find(|b| b.anno == anno)
            .map(|b| b.iniziale + b.aumenti.unwrap_or(0.0) - b.diminuzioni.unwrap_or(0.0))
            .or_else(|| {
                let costi: Vec<f64> = org.formazione.iter().filter_map(|c| c.costo).collect();
                some(costi.iter().sum(), !costi.is_empty())
            }),
        "Dipendenti in lavoro agile" => some(
            org.lavoro_agile.iter().map(|l| l.effettivi as f64).sum(),
            !org.lavoro_agile.is_empty(),
        ),
        _ => None,
    }
}

fn figura(voce: &str, n: f64) -> String {
    if voce == "Spesa per la formazione" {
        italian::money(n)
    } else {
        italian::number(n)
    }
}

/// A difference with its sign in front: "+4", "-€ 2.100,00".
fn scarto(voce: &str, d: f64) -> String {
    let sign = if d > 0.0 {
        "+"
    } else if d < 0.0 {
        "-"
    } else {
        ""
    };
    format!("{sign}{}", figura(voce, d.abs()))
}

/// Every objective at the report's date: computed once, for the view and for what the
/// command says about it.
pub fn esiti(piao: &Piao, rapporto: Rapporto) -> Vec<EsitoObiettivo<'_>> {
    let al = rapporto.al(piao);
    piao.performance
        .obiettivi
        .iter()
        .map(|o| esiti::obiettivo(o, al, &piao.relazione))
        .collect()
}

/// The report's view; `obiettivi` is [`esiti`]`(piao, rapporto)`.
pub fn view(piao: &Piao, rapporto: Rapporto, obiettivi: &[EsitoObiettivo], bozza: bool) -> Value {
    let al = rapporto.al(piao);
    let regole = &piao.relazione;
    let org = &piao.organizzazione;
    let unit_name = |code: &str| {
        org.struttura(code)
            .map(|s| s.nome.clone())
            .unwrap_or_else(|| code.to_string())
    };
    // Units in the order of the Strutture sheet, then any other cited.
    let mut units: Vec<String> = org.strutture.iter().map(|s| s.codice.clone()).collect();
    for e in obiettivi {
        if !units.contains(&e.obiettivo.struttura) {
            units.push(e.obiettivo.struttura.clone());
        }
    }
    let mut strutture = Vec::new();
    let mut riepilogo = Vec::new();
    for code in &units {
        let mine: Vec<&EsitoObiettivo> = obiettivi
            .iter()
            .filter(|e| &e.obiettivo.struttura == code)
            .collect();
        if mine.is_empty() {
            continue;
        }
        let nome = unit_name(code);
        riepilogo.push(conteggi_view(&esiti::conteggi(&mine), &nome));
        let responsabile = org.struttura(code).map(|s| s.responsabile.clone());
        strutture.push(json!({
            "codice": code, "nome": nome, "responsabile": responsabile,
            "obiettivi": mine.iter().map(|e| obiettivo_view(e, &nome)).collect::<Vec<_>>(),
        }));
    }
    let all: Vec<&EsitoObiettivo> = obiettivi.iter().collect();
    let totale = conteggi_view(&esiti::conteggi(&all), "Totale");

    let misure = esiti::misure(&piao.rischi, al);
    let conta = |esito: Option<&str>| {
        misure
            .iter()
            .filter(|m| m.attuazione.map(|a| a.esito.as_str()) == esito)
            .count()
    };
    let misure_view = json!({
        "attuate": conta(Some("Attuata")),
        "parziali": conta(Some("Attuata in parte")),
        "non_attuate": conta(Some("Non attuata")),
        "non_rilevate": conta(None),
        "righe": misure.iter().map(|m| json!({
            "rischio": m.rischio.codice,
            "processo": m.rischio.processo,
            "misura": m.misura.misura,
            "responsabile": m.misura.responsabile,
            "scadenza": deadline(&m.misura.scadenza),
            "esito": m.attuazione.map(|a| a.esito.clone()).unwrap_or_else(|| "Non rilevata".into()),
            "data": m.attuazione.map(|a| italian::date_short(a.data)),
            "note": m.attuazione.and_then(|a| a.note.clone()),
        })).collect::<Vec<_>>(),
    });

    let valore = esiti::valore_pubblico(&piao.performance, al, regole);
    let valore_view: Vec<Value> = valore
        .iter()
        .map(|v| {
            json!({
                "obiettivo": format!("{} – {}", v.obiettivo.codice, v.obiettivo.titolo),
                "indicatore": v.indicatore.indicatore,
                "baseline": opt(&v.indicatore.baseline),
                "target": opt(&v.indicatore.target.anno1),
                "valore": v.misura.map(|m| m.valore.clone()),
                "data": v.misura.map(|m| italian::date_short(m.data)),
                "note": v.misura.and_then(|m| m.note.clone()),
                "grado": pct(v.grado), "grado_f": frac(v.grado), "esito": esito(v.esito),
            })
        })
        .collect();

    let anno = piao.piano.triennio.primo;
    let consuntivo: Vec<Value> = crate::model::vocab::VOCI_CONSUNTIVO
        .iter()
        .filter_map(|voce| {
            let fatto = org
                .consuntivo
                .iter()
                .find(|c| c.anno == anno && c.voce == *voce);
            let piano = previsto(piao, voce);
            if fatto.is_none() && piano.is_none() {
                return None;
            }
            let scarto = match (piano, fatto) {
                (Some(p), Some(f)) => Some(scarto(voce, f.valore - p)),
                _ => None,
            };
            Some(json!({
                "voce": voce,
                "previsto": piano.map(|p| figura(voce, p)),
                "realizzato": fatto.map(|f| figura(voce, f.valore)),
                "scostamento": scarto,
                "note": fatto.and_then(|f| f.note.clone()),
            }))
        })
        .collect();

    let ente = &piao.ente;
    json!({
        "meta": { "titolo": rapporto.titolo(piao), "autore": ente.denominazione },
        "bozza": bozza,
        "ente": {
            "denominazione": ente.denominazione,
            "provincia": opt(&ente.provincia),
        },
        "anno": anno,
        "triennio": piao.piano.triennio.label(),
        "al": italian::date_short(al),
        "al_breve": self::al(al, italian::date_short(al)),
        "al_lungo": self::al(al, italian::date_long(al)),
        "semestre": al.month() <= 6,
        "regola": regola_in_parole(regole),
        "soglie": {
            "raggiunto": italian::percent(regole.raggiunto),
            "parziale": italian::percent(regole.parziale),
        },
        "validazione": {
            "organo": regole.validazione,
            "verbale": opt(&regole.verbale),
        },
        "totale": totale,
        "riepilogo": riepilogo,
        "strutture": strutture,
        "misure": misure_view,
        "valore_pubblico": valore_view,
        "consuntivo": consuntivo,
    })
}
