//! The view: the model turned into the data the typst template reads as `/data.json`. Every
//! figure is formatted here the Italian way and every total is computed here, so the template
//! only lays out, and every user text stays a JSON string (shown literally, never parsed as
//! markup).

use crate::italian;
use crate::model::*;
use serde::Serialize;
use serde_json::{Value, json};

/// The line on the cover: filled when the YAML gives the deliberation's number and date.
pub fn riga_delibera(piano: &Piano) -> String {
    let numero = piano.deliberazione.numero.as_deref().unwrap_or("____");
    let data = piano
        .deliberazione
        .data
        .map(italian::date_short)
        .unwrap_or_else(|| "__________".into());
    let organo = if piano.organo.to_lowercase().starts_with("giunta") {
        format!("della {}", piano.organo)
    } else {
        format!("del {}", piano.organo)
    };
    format!("Allegato alla deliberazione {organo} n. {numero} del {data}")
}

/// "Provincia di Verona" from "Verona"; a name that already says what it is ("Città
/// metropolitana di Torino", "Provincia autonoma di Trento") as written.
fn provincia(p: &str) -> String {
    let lower = p.to_lowercase();
    if ["provincia", "città", "citta", "libero consorzio", "regione"]
        .iter()
        .any(|k| lower.starts_with(k))
    {
        p.to_string()
    } else {
        format!("Provincia di {p}")
    }
}

pub(crate) fn opt(s: &Option<String>) -> Value {
    s.as_deref().map(Value::from).unwrap_or(Value::Null)
}

pub(crate) fn deadline(d: &Deadline) -> String {
    match d {
        Deadline::Date(d) => italian::date_short(*d),
        Deadline::Text(t) => t.clone(),
    }
}

fn money(n: Option<f64>) -> Value {
    n.map(|n| Value::from(italian::money(n)))
        .unwrap_or(Value::Null)
}

fn count(c: &Conteggio, label: &str) -> Value {
    json!({
        "etichetta": label,
        "donne": c.donne.map(italian::integer),
        "uomini": c.uomini.map(italian::integer),
        "totale": italian::integer(c.totale),
        "part_time": italian::integer(c.part_time),
        "costo": c.costo.map(italian::money),
    })
}

fn targets(t: &Target) -> Value {
    json!([opt(&t.anno1), opt(&t.anno2), opt(&t.anno3)])
}

/// Why a sub-section shows no content, when it has none: not required in the simplified
/// PIAO, or not yet filled (only a draft gets this far: a final build refuses it).
fn nota(s: &StatoSottosezione) -> Value {
    if s.compilata {
        Value::Null
    } else if !s.obbligatoria {
        Value::from(
            "Sottosezione non obbligatoria per le amministrazioni con non più di 50 dipendenti (art. 6 DM 132/2022).",
        )
    } else {
        Value::from("Sottosezione non ancora compilata: nessun dato è stato fornito.")
    }
}

fn testo(s: &Sottosezione) -> Value {
    json!({
        "blocchi": s.testo,
        "rinvio": s.rinvio.as_ref().map(|r| json!({"atto": r.atto, "url": r.url})),
    })
}

/// Document metadata shared by the template and the PDF export.
#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    pub titolo: String,
    pub autore: String,
}

pub fn meta(piao: &Piao) -> Meta {
    Meta {
        titolo: format!(
            "PIAO {} - {}",
            piao.piano.triennio.label(),
            piao.ente.denominazione
        ),
        autore: piao.ente.denominazione.clone(),
    }
}

/// The whole view; a draft carries the BOZZA mark.
pub fn view(piao: &Piao, modo: Modo) -> Value {
    let semplificato = piao.semplificato();
    let s = &piao.sottosezioni;
    let org = &piao.organizzazione;
    let perf = &piao.performance;
    let anni = piao.piano.triennio.anni();
    let unit_name = |code: &str| {
        org.struttura(code)
            .map(|s| s.nome.clone())
            .unwrap_or_else(|| code.to_string())
    };

    let valore_pubblico: Vec<Value> = perf
        .valore_pubblico
        .iter()
        .map(|v| {
            json!({
                "codice": v.codice, "titolo": v.titolo, "descrizione": opt(&v.descrizione),
                "ambito": v.ambito, "stakeholder": opt(&v.stakeholder),
                "responsabile": opt(&v.responsabile),
                "indicatori": v.indicatori.iter().map(|i| json!({
                    "indicatore": i.indicatore, "baseline": opt(&i.baseline),
                    "target": targets(&i.target), "fonte": opt(&i.fonte),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();

    let mut gruppi: Vec<Value> = Vec::new();
    let mut codes: Vec<&str> = org.strutture.iter().map(|s| s.codice.as_str()).collect();
    for o in &perf.obiettivi {
        if !codes.contains(&o.struttura.as_str()) {
            codes.push(&o.struttura);
        }
    }
    for code in codes {
        let cards: Vec<Value> = perf
            .obiettivi
            .iter()
            .filter(|o| o.struttura == code)
            .map(|o| card(o, perf))
            .collect();
        if cards.is_empty() {
            continue;
        }
        let unit = org.struttura(code);
        gruppi.push(json!({
            "struttura": unit_name(code),
            "responsabile": unit.map(|u| u.responsabile.clone()),
            "incarico": unit.map(|u| u.incarico.clone()).filter(|i| !i.is_empty()),
            "obiettivi": cards,
        }));
    }

    let rischi: Vec<Value> = piao
        .rischi
        .rischi
        .iter()
        .map(|r| {
            json!({
                "codice": r.codice, "area": r.area, "processo": r.processo, "evento": r.evento,
                "struttura": r.struttura.as_deref().map(unit_name),
                "probabilita": r.probabilita, "impatto": r.impatto, "livello": r.livello,
                "misure": r.misure.iter().map(|m| json!({
                    "misura": m.misura, "tipo": m.tipo, "responsabile": m.responsabile,
                    "scadenza": deadline(&m.scadenza), "indicatore": m.indicatore,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();

    let totale = org.totale_personale();
    let personale = json!({
        "per_area": org.personale_per_area().iter().map(|(l, c)| count(c, l)).collect::<Vec<_>>(),
        "per_contratto": org.personale_per_contratto().iter().map(|(l, c)| count(c, l)).collect::<Vec<_>>(),
        "per_struttura": org.personale_per_struttura().iter().map(|(l, c)| count(c, l)).collect::<Vec<_>>(),
        "totale": count(&totale, "Totale"),
        "in_servizio": italian::integer(org.in_servizio()),
        "per_profilo": org.personale_per_profilo().iter().map(|(a, p, c, n)| json!([
            a, p, c, italian::integer(*n),
        ])).collect::<Vec<_>>(),
    });

    let la = &org.lavoro_agile;
    let la_tot = json!([
        la.iter()
            .map(|r| r.donne)
            .sum::<Option<u64>>()
            .map(italian::integer),
        la.iter()
            .map(|r| r.uomini)
            .sum::<Option<u64>>()
            .map(italian::integer),
        italian::integer(la.iter().map(|r| r.totale).sum()),
        italian::integer(la.iter().map(|r| r.non_fruitori).sum()),
        italian::integer(la.iter().map(|r| r.effettivi).sum()),
    ]);
    let lavoro_agile = json!({
        "righe": la.iter().map(|r| json!({
            "struttura": unit_name(&r.struttura),
            "valori": [
                r.donne.map(italian::integer), r.uomini.map(italian::integer),
                Some(italian::integer(r.totale)), Some(italian::integer(r.non_fruitori)),
                Some(italian::integer(r.effettivi)),
            ],
        })).collect::<Vec<_>>(),
        "totale": la_tot,
        "non_remotizzabili": la.iter().filter_map(|r| {
            r.non_remotizzabili.as_ref().map(|t| json!([unit_name(&r.struttura), t]))
        }).collect::<Vec<_>>(),
        "contingente": org.contingente.iter().map(|c| json!({
            "anno": c.anno.to_string(),
            "addetti": c.addetti.map(italian::integer),
            "percentuale": italian::percent(c.percentuale),
        })).collect::<Vec<_>>(),
    });

    let per_anno: Vec<Value> = anni
        .iter()
        .map(|&anno| {
            let hires: Vec<&Assunzione> =
                org.assunzioni.iter().filter(|h| h.anno == anno).collect();
            let out: u64 = org
                .cessazioni
                .iter()
                .filter(|c| c.anno == anno)
                .map(|c| c.numero)
                .sum();
            json!({
                "anno": anno.to_string(),
                "assunzioni": italian::integer(hires.iter().map(|h| h.numero).sum()),
                "costo": hires
                    .iter()
                    .map(|h| h.costo)
                    .sum::<Option<f64>>()
                    .map_or("n.d.".to_string(), |c| italian::money(c + 0.0)),
                "cessazioni": italian::integer(out),
            })
        })
        .collect();
    let fabbisogni = json!({
        "assunzioni": org.assunzioni.iter().map(|h| json!({
            "anno": h.anno.to_string(), "struttura": unit_name(&h.struttura), "profilo": h.profilo,
            "area": h.area, "numero": italian::integer(h.numero), "modalita": h.modalita,
            "regime": h.regime, "costo": money(h.costo),
        })).collect::<Vec<_>>(),
        "cessazioni": org.cessazioni.iter().map(|c| json!({
            "anno": c.anno.to_string(), "area": c.area, "profilo": opt(&c.profilo),
            "struttura": c.struttura.as_deref().map(unit_name),
            "numero": italian::integer(c.numero), "motivo": c.motivo,
            "costo": c.costo.map(italian::money),
        })).collect::<Vec<_>>(),
        "costo_cessazioni": org.cessazioni.iter().any(|c| c.costo.is_some()),
        "per_anno": per_anno,
        "capacita": capacita(piao),
    });

    // Totals say how many courses they leave out, never a partial sum passed for the whole.
    let senza = |n: usize, cosa: &str| match n {
        1 => format!("un corso non indica {cosa}"),
        n => format!("{n} corsi non indicano {cosa}"),
    };
    let senza_ore = org.formazione.iter().filter(|c| c.ore.is_none()).count();
    let ore_totali = match org.ore_formazione() {
        Some(h) => italian::number(h),
        None => format!("n.d. ({})", senza(senza_ore, "le ore")),
    };
    let costi: Vec<f64> = org.formazione.iter().filter_map(|c| c.costo).collect();
    let senza_costo = org.formazione.len() - costi.len();
    let costo_totale = match (costi.is_empty(), senza_costo) {
        (true, _) => "non indicato".to_string(),
        (false, 0) => italian::money(costi.iter().sum()),
        (false, n) => format!(
            "{} ({})",
            italian::money(costi.iter().sum()),
            senza(n, "il costo")
        ),
    };
    let formazione = json!({
        "corsi": org.formazione.iter().map(|c| json!({
            "titolo": c.titolo, "area": c.area_tematica, "modalita": c.modalita,
            "destinatari": c.destinatari, "partecipanti": italian::integer(c.partecipanti),
            "ore": c.ore.map(italian::number), "periodo": opt(&c.periodo),
            "erogatore": opt(&c.erogatore), "costo": money(c.costo),
            "obbligatorio": if c.obbligatorio { "Sì" } else { "No" },
        })).collect::<Vec<_>>(),
        "ore_totali": ore_totali,
        "ore_pro_capite": org.ore_formazione_pro_capite().map(|h| italian::decimal(h, 1)),
        "costo_totale": costo_totale,
        "budget": org.budget_formazione.iter().map(|b| json!([
            b.anno.to_string(),
            italian::money(b.iniziale),
            b.aumenti.map(italian::money),
            b.diminuzioni.map(italian::money),
            italian::money(b.assestato()),
            b.impegnato.map(italian::money),
            b.disponibile().map(italian::money),
        ])).collect::<Vec<_>>(),
        "obiettivo_ore": (piao.piano.triennio.primo >= crate::check::PRIMO_ANNO_ORE_FORMAZIONE)
            .then(|| italian::number(crate::check::ORE_FORMAZIONE_PRO_CAPITE)),
    });

    let ente = &piao.ente;
    let mut anagrafica: Vec<(&str, String)> = vec![
        ("Denominazione", ente.denominazione.clone()),
        ("Tipologia", ente.tipologia.clone()),
    ];
    let optional = [
        ("Provincia", &ente.provincia),
        ("Indirizzo della sede", &ente.indirizzo),
        ("Codice fiscale", &ente.codice_fiscale),
        ("Partita IVA", &ente.partita_iva),
        ("Codice ISTAT", &ente.codice_istat),
        ("Codice IPA", &ente.codice_ipa),
        ("Telefono", &ente.telefono),
        ("Sito istituzionale", &ente.sito),
        ("E-mail", &ente.email),
        ("PEC", &ente.pec),
        ("Sindaco", &ente.sindaco),
        ("Segretario generale", &ente.segretario),
    ];
    anagrafica.extend(
        optional
            .iter()
            .filter_map(|(l, v)| v.as_ref().map(|v| (*l, v.clone()))),
    );
    if let Some(p) = ente.popolazione {
        anagrafica.push(("Popolazione residente", italian::integer(p)));
    }
    let al_31_12 = format!("al 31/12/{}", piao.piano.triennio.primo - 1);
    anagrafica.push((
        "Dipendenti in servizio",
        if piao.dipendenti_noti() {
            format!("{} {al_31_12}", italian::integer(piao.dipendenti()))
        } else {
            "n.d.".to_string()
        },
    ));
    for (label, persona) in [
        ("RPCT", &ente.rpct),
        ("Responsabile per la transizione digitale (RTD)", &ente.rtd),
    ] {
        if let Some(p) = persona.as_ref().filter(|p| !p.nome.trim().is_empty()) {
            let mut v = p.nome.clone();
            if let Some(r) = &p.ruolo {
                v.push_str(&format!(" ({r})"));
            }
            if let Some(d) = p.nomina {
                v.push_str(&format!(", nominato il {}", italian::date_short(d)));
            }
            anagrafica.push((label, v));
        }
    }

    let titoli: serde_json::Map<String, Value> = [
        ("valore_pubblico", &s.valore_pubblico),
        ("performance", &s.performance),
        ("rischi_corruttivi", &s.rischi_corruttivi),
        ("struttura_organizzativa", &s.struttura_organizzativa),
        ("lavoro_agile", &s.lavoro_agile),
        ("fabbisogni", &s.fabbisogni),
        ("formazione", &s.formazione),
        ("azioni_positive", &s.azioni_positive),
        ("monitoraggio", &s.monitoraggio),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), opt(&v.titolo)))
    .collect();
    json!({
        "meta": meta(piao),
        "ente": {
            "denominazione": ente.denominazione,
            "provincia": ente.provincia.as_deref().map(provincia),
            "anagrafica": anagrafica.iter().map(|(l, v)| json!([l, v])).collect::<Vec<_>>(),
        },
        "piano": {
            "triennio": piao.piano.triennio.label(),
            "anni": anni.map(|a| a.to_string()),
            "semplificato": semplificato,
            "bozza": modo == Modo::Bozza,
            "al_31_12": format!("{}", piao.piano.triennio.primo - 1),
            "tipo": if !piao.dipendenti_noti() && piao.piano.tipo == Tipo::Automatico {
                "PIAO ordinario o semplificato: da stabilire (manca il personale in servizio)"
            } else if semplificato {
                "PIAO semplificato (art. 6 DM 132/2022)"
            } else {
                "PIAO ordinario"
            },
            "delibera": riga_delibera(&piao.piano),
            "versione": match piao.piano.aggiornamento {
                Some(d) => format!("Aggiornamento del {}", italian::date_short(d)),
                None => "Prima versione".to_string(),
            },
            "data": italian::date_long(piao.piano.data_documento()),
        },
        "testi": {
            "premessa": testo(&s.premessa),
            "valore_pubblico": testo(&s.valore_pubblico),
            "performance": testo(&s.performance),
            "rischi_corruttivi": testo(&s.rischi_corruttivi),
            "struttura_organizzativa": testo(&s.struttura_organizzativa),
            "lavoro_agile": testo(&s.lavoro_agile),
            "fabbisogni": testo(&s.fabbisogni),
            "formazione": testo(&s.formazione),
            "azioni_positive": testo(&s.azioni_positive),
            "monitoraggio": testo(&s.monitoraggio),
        },
        "titoli": titoli,
        "note": piao
            .sottosezioni()
            .iter()
            .map(|s| (s.chiave.to_string(), nota(s)))
            .collect::<serde_json::Map<_, _>>(),
        "valore_pubblico": valore_pubblico,
        "performance": gruppi,
        "rischi": rischi,
        "trasparenza": piao.rischi.trasparenza,
        "strutture": org.strutture.iter().map(|u| json!({
            "codice": u.codice, "nome": u.nome, "tipo": u.tipo, "responsabile": u.responsabile,
            "incarico": (!u.incarico.is_empty()).then_some(&u.incarico), "competenze": opt(&u.competenze),
            "contatti": ([u.email.clone(), u.pec.as_ref().map(|p| format!("PEC {p}")), u.telefono.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()),
        })).collect::<Vec<_>>(),
        "personale": personale,
        "eq": org.strutture.iter().filter(|u| u.incarico == "Responsabile EQ").map(|u| json!([
            u.nome, u.responsabile,
        ])).collect::<Vec<_>>(),
        "lavoro_agile": lavoro_agile,
        "fabbisogni": fabbisogni,
        "formazione": formazione,
        "monitoraggio": perf.monitoraggio,
    })
}

/// The hiring capacity of DM 17 marzo 2020, as lines a revisore can follow: the inputs, each
/// step of the computation with its formula, then the plan's cost year by year.
fn capacita(piao: &Piao) -> Value {
    use crate::model::capacita::{Esito, Posizione, calcola};
    let c = match calcola(piao) {
        Esito::NonApplicabile(why) | Esito::NonCalcolato(why) => {
            return json!({ "nota": why, "calcolo": null });
        }
        Esito::Calcolato(c) => c,
    };
    let pct = |f: f64| italian::percent_fixed(f, 2);
    let money = italian::money;
    let anni: Vec<String> = c.entrate.iter().map(|(a, _)| a.to_string()).collect();
    let ultimo = c.anno_spesa;
    let formula_l = match c.posizione {
        Posizione::SottoSoglia => "H × C",
        Posizione::TraLeSoglie => "D (rapporto da non aumentare)",
        Posizione::SopraRientro => "D (rapporto da ridurre)",
    };
    let righe = vec![
        json!([
            "A",
            format!(
                "Media delle entrate correnti dei rendiconti {}, {} e {}",
                anni[0], anni[1], anni[2]
            ),
            "tabella delle entrate",
            money(c.media_entrate)
        ]),
        json!([
            "B",
            format!("FCDE di parte corrente stanziato nel bilancio di previsione {ultimo}"),
            "",
            money(c.fcde)
        ]),
        json!([
            "C",
            "Entrate correnti al netto del FCDE",
            "A − B",
            money(c.entrate_nette)
        ]),
        json!([
            "D",
            format!("Spesa di personale del rendiconto {ultimo}"),
            "tabella della spesa",
            money(c.spesa_totale)
        ]),
        json!([
            "E",
            "Rapporto tra spesa di personale ed entrate correnti nette",
            "D ÷ C",
            pct(c.rapporto)
        ]),
        json!([
            "F",
            "Popolazione residente",
            "ente.yaml",
            italian::integer(c.popolazione)
        ]),
        json!([
            "G",
            "Fascia demografica (art. 3)",
            "da F",
            c.fascia.descrizione()
        ]),
        json!([
            "H",
            "Valore soglia della fascia (Tabella 1, art. 4)",
            "",
            pct(c.fascia.soglia)
        ]),
        json!([
            "I",
            "Valore soglia di rientro della fascia (Tabella 3, art. 6)",
            "",
            pct(c.fascia.rientro)
        ]),
        json!([
            "L",
            "Spesa di personale massima",
            formula_l,
            money(c.spesa_massima)
        ]),
        json!([
            "M",
            "Incremento massimo della spesa di personale",
            "L − D",
            money(c.incremento_massimo)
        ]),
    ];
    let collocazione = match c.posizione {
        Posizione::SottoSoglia => format!(
            "Il rapporto (E = {}) non supera il valore soglia della Tabella 1 (H = {}): il comune può incrementare la spesa di personale fino a {} (L), cioè di {} rispetto al rendiconto {ultimo} (M), nel rispetto dell'equilibrio pluriennale di bilancio asseverato dall'organo di revisione (art. 4 DM 17 marzo 2020).",
            pct(c.rapporto),
            pct(c.fascia.soglia),
            money(c.spesa_massima),
            money(c.incremento_massimo)
        ),
        Posizione::TraLeSoglie => format!(
            "Il rapporto (E = {}) è compreso tra il valore soglia della Tabella 1 (H = {}) e il valore soglia di rientro della Tabella 3 (I = {}): il comune non può incrementare il rapporto tra spesa di personale ed entrate correnti (DM 17 marzo 2020).",
            pct(c.rapporto),
            pct(c.fascia.soglia),
            pct(c.fascia.rientro)
        ),
        Posizione::SopraRientro => format!(
            "Il rapporto (E = {}) supera il valore soglia di rientro della Tabella 3 (I = {}): il comune adotta un percorso di graduale riduzione del rapporto (art. 6 DM 17 marzo 2020) e non può incrementare la spesa di personale.",
            pct(c.rapporto),
            pct(c.fascia.rientro)
        ),
    };
    let mut note = vec![format!(
        "Costi annui a regime; le entrate sono quelle dei rendiconti considerati. L'incremento cumulato somma, dal primo anno del triennio, il costo delle assunzioni meno il costo liberato dalle cessazioni; le assunzioni e le cessazioni avvenute dopo il rendiconto {ultimo} e prima del triennio non sono comprese e vanno considerate nel testo della sottosezione."
    )];
    if c.assunzioni_senza_costo > 0 {
        note.push(match c.assunzioni_senza_costo {
            1 => "Una riga del piano delle assunzioni non indica il costo annuo e non è compresa nel calcolo.".to_string(),
            n => format!("{n} righe del piano delle assunzioni non indicano il costo annuo e non sono comprese nel calcolo."),
        });
    }
    if c.cessazioni_senza_costo > 0 {
        note.push(match c.cessazioni_senza_costo {
            1 => "Una riga delle cessazioni non indica il costo liberato: il suo risparmio non è considerato (calcolo prudenziale).".to_string(),
            n => format!("{n} righe delle cessazioni non indicano il costo liberato: il loro risparmio non è considerato (calcolo prudenziale)."),
        });
    }
    if piao.piano.triennio.primo <= crate::model::capacita::ULTIMO_ANNO_TABELLA_2 {
        note.push(format!(
            "Fino al {} vale anche il limite annuo di incremento della Tabella 2 (art. 5) sulla spesa di personale del 2018, non compreso in questo prospetto.",
            crate::model::capacita::ULTIMO_ANNO_TABELLA_2
        ));
    }
    let esito = |entro: bool| match (c.posizione, entro) {
        (Posizione::SottoSoglia, true) => "entro la capacità",
        (Posizione::SottoSoglia, false) => "oltre la capacità",
        (Posizione::TraLeSoglie, true) => "spesa non in aumento",
        (Posizione::TraLeSoglie, false) => "spesa in aumento",
        (Posizione::SopraRientro, true) => "spesa in riduzione",
        (Posizione::SopraRientro, false) => "spesa non in riduzione",
    };
    json!({
        "nota": null,
        "calcolo": {
            "entrate": c.entrate.iter().map(|(anno, t)| json!({
                "anno": anno.to_string(),
                "titoli": t.map(money),
                "totale": money(t.iter().sum()),
            })).collect::<Vec<_>>(),
            "media": money(c.media_entrate),
            "anno_spesa": ultimo.to_string(),
            "spesa": c.spesa.iter().map(|(v, x)| {
                let voce = v.strip_prefix("Spesa di personale - ").unwrap_or(v);
                json!([voce, money(*x)])
            }).collect::<Vec<_>>(),
            "spesa_totale": money(c.spesa_totale),
            "righe": righe,
            "collocazione": collocazione,
            "piano": c.piano.iter().map(|a| json!({
                "anno": a.anno.to_string(),
                "assunzioni": money(a.assunzioni),
                "cessazioni": money(a.cessazioni),
                "incremento": money(a.incremento),
                "spesa": money(a.spesa),
                "rapporto": pct(a.rapporto),
                "esito": esito(a.entro),
            })).collect::<Vec<_>>(),
            "note": note,
        },
    })
}

fn card(o: &Obiettivo, perf: &Performance) -> Value {
    let vp = o.valore_pubblico.as_ref().map(|code| {
        perf.valore_pubblico
            .iter()
            .find(|v| &v.codice == code)
            .map(|v| format!("{} – {}", v.codice, v.titolo))
            .unwrap_or_else(|| code.clone())
    });
    json!({
        "id": o.id,
        "codice": o.codice,
        "titolo": o.titolo,
        "valore_pubblico": vp,
        "finalita": opt(&o.finalita),
        "descrizione": opt(&o.descrizione),
        "scadenza": o.scadenza.as_ref().map(deadline),
        "risultato": opt(&o.risultato),
        "raggiunto": opt(&o.raggiunto),
        "non_raggiunto": opt(&o.non_raggiunto),
        "vincoli": opt(&o.vincoli),
        "risorse_umane": opt(&o.risorse_umane),
        "risorse_finanziarie": opt(&o.risorse_finanziarie),
        "responsabile": opt(&o.responsabile),
        "tipo": opt(&o.tipo),
        "fasi": o.fasi.iter().map(|f| json!({
            "numero": f.numero,
            "descrizione": f.descrizione,
            "incidenza": f.incidenza.map(italian::percent).unwrap_or_default(),
            "responsabili": opt(&f.responsabili),
            // "dal 01/01/2024 al 31/07/2024" when the card gives the start too.
            "scadenza": match (f.inizio, &f.scadenza) {
                (Some(start), Deadline::Date(end)) => format!("dal {} al {}", italian::date_short(start), italian::date_short(*end)),
                (Some(start), Deadline::Text(t)) => format!("dal {}; scadenza: {t}", italian::date_short(start)),
                (None, d) => deadline(d),
            },
            "risultato": opt(&f.risultato),
            "sottofase": f.padre.is_some(),
        })).collect::<Vec<_>>(),
        "incidenza_totale": italian::percent(o.incidenza_totale()),
        "indicatori": o.indicatori.iter().map(|i| json!({
            "indicatore": i.indicatore, "formula": opt(&i.formula), "unita": opt(&i.unita),
            "target": targets(&i.target),
        })).collect::<Vec<_>>(),
    })
}
