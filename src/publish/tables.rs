//! The tables of Amministrazione Trasparente built from the checked plan: one function per
//! table, each saying where it goes (the AT sub-section), on which legal basis and for which
//! period. They read the same model the PDF prints, so the two cannot disagree.

use super::table::{Cell, Column, Frequency, Period, Section, Table, Type, column};
use crate::model::trasparenza::Ruolo;
use crate::model::*;
use chrono::NaiveDate;

pub const DOTAZIONE_ORGANICA: Section = Section {
    path: &["Personale", "Dotazione organica"],
    folder: "personale/dotazione-organica",
    basis: "Art. 16 c. 1-2 D.Lgs. 33/2013",
    frequency: Frequency::Annuale,
};
pub const NON_INDETERMINATO: Section = Section {
    path: &["Personale", "Personale non a tempo indeterminato"],
    folder: "personale/personale-non-a-tempo-indeterminato",
    // The list is annual (c. 1), its cost quarterly (c. 2): the table holds the cost.
    basis: "Art. 17 D.Lgs. 33/2013",
    frequency: Frequency::Trimestrale,
};
pub const POSIZIONI_ORGANIZZATIVE: Section = Section {
    path: &["Personale", "Posizioni organizzative"],
    folder: "personale/posizioni-organizzative",
    basis: "Art. 14 c. 1-quinquies D.Lgs. 33/2013",
    frequency: Frequency::Tempestivo,
};
pub const BANDI_DI_CONCORSO: Section = Section {
    path: &["Bandi di concorso"],
    folder: "bandi-di-concorso",
    basis: "Art. 19 D.Lgs. 33/2013",
    frequency: Frequency::Tempestivo,
};
pub const PIANO_PERFORMANCE: Section = Section {
    path: &["Performance", "Piano della performance"],
    folder: "performance/piano-della-performance",
    basis: "Art. 10 c. 8 lett. b D.Lgs. 33/2013",
    frequency: Frequency::Tempestivo,
};
pub const RELAZIONE_PERFORMANCE: Section = Section {
    path: &["Performance", "Relazione sulla Performance"],
    folder: "performance/relazione-sulla-performance",
    basis: "Art. 10 c. 8 lett. b D.Lgs. 33/2013",
    frequency: Frequency::Tempestivo,
};
pub const PREVENZIONE_CORRUZIONE: Section = Section {
    path: &["Altri contenuti", "Prevenzione della corruzione"],
    folder: "altri-contenuti/prevenzione-della-corruzione",
    basis: "Art. 1 c. 8 L. 190/2012; art. 10 D.Lgs. 33/2013",
    frequency: Frequency::Annuale,
};
pub const DATI_ULTERIORI: Section = Section {
    path: &["Altri contenuti", "Dati ulteriori"],
    folder: "altri-contenuti/dati-ulteriori",
    basis: "Art. 7-bis c. 3 D.Lgs. 33/2013",
    frequency: Frequency::Annuale,
};
pub const ARTICOLAZIONE_UFFICI: Section = Section {
    path: &["Organizzazione", "Articolazione degli uffici"],
    folder: "organizzazione/articolazione-degli-uffici",
    basis: "Art. 13 c. 1 lett. b-c D.Lgs. 33/2013; delibera ANAC 495/2024",
    frequency: Frequency::Tempestivo,
};

/// Contracts that are not permanent employment (art. 17 D.Lgs. 33/2013).
const NON_PERMANENTI: &[&str] = &[
    "Tempo determinato",
    "Art. 110 c. 1 TUEL",
    "Art. 110 c. 2 TUEL",
    "Art. 90 TUEL",
];

/// Every table with at least one row, in the order of the AT tree.
pub fn all(piao: &Piao) -> Vec<Table> {
    [
        articolazione_uffici(piao),
        dotazione_organica(piao),
        non_indeterminato(piao),
        posizioni_organizzative(piao),
        assunzioni(piao),
        cessazioni(piao),
        spesa_personale(piao),
        obiettivi_valore_pubblico(piao),
        obiettivi_performance(piao),
        relazione_performance(piao),
        rischi(piao),
        obblighi(piao),
        lavoro_agile(piao),
        contingente(piao),
        formazione(piao),
    ]
    .into_iter()
    .filter(|t| !t.rows.is_empty())
    .collect()
}

fn triennio(piao: &Piao) -> Period {
    let t = piao.piano.triennio;
    Period {
        start: t.inizio(),
        end: t.fine(),
        label: format!("triennio {}", t.label()),
    }
}

/// The staff figures are those at 31 December of the year before the triennio.
fn al_31_12(piao: &Piao) -> Period {
    let year = piao.piano.triennio.primo - 1;
    let day = NaiveDate::from_ymd_opt(year, 12, 31).expect("valid year");
    Period {
        start: day,
        end: day,
        label: format!("al 31/12/{year}"),
    }
}

fn primo_anno(piao: &Piao) -> Period {
    let t = piao.piano.triennio;
    Period {
        start: t.inizio(),
        end: NaiveDate::from_ymd_opt(t.primo, 12, 31).expect("valid year"),
        label: format!("anno {}", t.primo),
    }
}

fn slug(piao: &Piao, stem: &str) -> String {
    let t = piao.piano.triennio;
    format!("{stem}-{}-{}", t.primo, t.ultimo())
}

fn unit_name(piao: &Piao, code: &str) -> String {
    piao.organizzazione
        .struttura(code)
        .map(|s| s.nome.clone())
        .unwrap_or_else(|| code.to_string())
}

fn target_columns(piao: &Piao) -> Vec<Column> {
    piao.piano
        .triennio
        .anni()
        .iter()
        .map(|y| {
            column(
                &format!("TARGET_{y}"),
                &format!("Target {y}"),
                Type::Text,
                &format!("Valore atteso nel {y}, come indicato dall'ufficio"),
            )
        })
        .collect()
}

fn targets(t: &Target) -> [Cell; 3] {
    [
        Cell::opt_text(&t.anno1),
        Cell::opt_text(&t.anno2),
        Cell::opt_text(&t.anno3),
    ]
}

fn deadline(d: &Deadline) -> Cell {
    match d {
        Deadline::Date(d) => Cell::Date(*d),
        Deadline::Text(t) => Cell::text(t.clone()),
    }
}

/// The rows of a parent with its children, one row each, the parent's cells repeated in
/// front ("una riga per indicatore"); a parent without children gets one row whose `width`
/// child cells are empty, so it is still published.
fn one_row_per_child(
    head: Vec<Cell>,
    children: impl IntoIterator<Item = Vec<Cell>>,
    width: usize,
) -> Vec<Vec<Cell>> {
    let mut rows: Vec<Vec<Cell>> = children
        .into_iter()
        .map(|child| head.iter().cloned().chain(child).collect())
        .collect();
    if rows.is_empty() {
        rows.push(
            head.into_iter()
                .chain(std::iter::repeat_n(Cell::Empty, width))
                .collect(),
        );
    }
    rows
}

/// The sum of amounts that must all be known: empty when any is missing, so that a partial
/// sum never passes for a total.
fn known_sum(values: impl Iterator<Item = Option<f64>>) -> Cell {
    // A float sum starts from -0.0: adding 0.0 makes the sum of nothing a plain 0.
    values
        .sum::<Option<f64>>()
        .map_or(Cell::Empty, |s| Cell::Money(s + 0.0))
}

fn articolazione_uffici(piao: &Piao) -> Table {
    let mut rows = Vec::new();
    for ruolo in [Ruolo::Indirizzo, Ruolo::Gestione] {
        for gruppo in piao.articolazione(ruolo) {
            for s in gruppo.uffici {
                rows.push(vec![
                    Cell::text(&s.codice),
                    Cell::text(&s.nome),
                    Cell::text(&s.tipo),
                    Cell::text(&gruppo.organo.denominazione),
                    Cell::text(&s.responsabile),
                    Cell::text(&s.incarico),
                    Cell::opt_text(&s.telefono),
                    Cell::opt_text(&s.email),
                    Cell::opt_text(&s.pec),
                    Cell::opt_text(&s.competenze),
                ]);
            }
        }
    }
    let day = piao.piano.data_documento();
    Table {
        slug: "articolazione-uffici".into(),
        title: "Articolazione degli uffici".into(),
        description: format!(
            "Le strutture organizzative di {}, l'organo da cui dipendono, il responsabile, i recapiti e le competenze (sottosezione 3.1 del PIAO {}).",
            piao.ente.denominazione,
            piao.piano.triennio.label()
        ),
        section: ARTICOLAZIONE_UFFICI,
        period: Period {
            start: day,
            end: day,
            label: format!("al {}", crate::italian::date_short(day)),
        },
        columns: vec![
            column("CODICE", "Codice", Type::Text, "Codice della struttura"),
            column(
                "DENOMINAZIONE",
                "Struttura",
                Type::Text,
                "Denominazione della struttura",
            ),
            column(
                "TIPO",
                "Tipo",
                Type::Text,
                "Settore, servizio, ufficio o staff",
            ),
            column(
                "ORGANO",
                "Organo",
                Type::Text,
                "Organo da cui la struttura dipende",
            ),
            column(
                "RESPONSABILE",
                "Responsabile",
                Type::Text,
                "Nome del responsabile",
            ),
            column(
                "INCARICO",
                "Incarico",
                Type::Text,
                "Dirigente, responsabile EQ o Segretario",
            ),
            column("TELEFONO", "Telefono", Type::Text, "Recapito telefonico"),
            column(
                "POSTA_ELETTRONICA",
                "E-mail",
                Type::Text,
                "Posta elettronica ordinaria",
            ),
            column("PEC", "PEC", Type::Text, "Posta elettronica certificata"),
            column(
                "COMPETENZE",
                "Competenze",
                Type::Text,
                "Competenze della struttura",
            ),
        ],
        rows,
        totals: None,
    }
}

/// Per area and contract, in the order of the CCNL, with the split by sex.
fn dotazione_organica(piao: &Piao) -> Table {
    // Counted as the PDF's staff table counts them: a secondment out is its own row.
    let org = &piao.organizzazione;
    let counts = |c: &Conteggio| {
        [
            Cell::opt_integer(c.donne),
            Cell::opt_integer(c.uomini),
            Cell::Integer(c.totale),
            Cell::Integer(c.part_time),
            // No cost known is a blank, as in the PDF.
            if let Some(costo) = c.costo.filter(|c| *c > 0.0) {
                Cell::Money(costo)
            } else {
                Cell::Empty
            },
        ]
    };
    let rows = org
        .personale_per_area_e_contratto()
        .iter()
        .map(|(area, contratto, c)| {
            let mut row = vec![Cell::text(*area), Cell::text(*contratto)];
            row.extend(counts(c));
            row
        })
        .collect();
    let mut totals = vec![Cell::text("Totale"), Cell::Empty];
    totals.extend(counts(&org.totale_personale()));
    Table {
        slug: format!("dotazione-organica-{}", piao.piano.triennio.primo - 1),
        title: "Dotazione organica: personale in servizio".into(),
        description: "Personale in servizio al 31 dicembre per area di inquadramento (CCNL Funzioni Locali 2019-2021) e tipo di contratto, con la suddivisione per sesso, il part time e il costo annuo. I dipendenti comandati presso altre amministrazioni sono nella riga «Comando in uscita», come nella tabella del PIAO.".into(),
        section: DOTAZIONE_ORGANICA,
        period: al_31_12(piao),
        columns: vec![
            column("AREA", "Area", Type::Text, "Area di inquadramento o qualifica"),
            column("CONTRATTO", "Contratto", Type::Text, "Tipo di rapporto di lavoro"),
            column("DONNE", "Donne", Type::Integer, "Dipendenti donne"),
            column("UOMINI", "Uomini", Type::Integer, "Dipendenti uomini"),
            column("TOTALE", "Totale", Type::Integer, "Dipendenti in servizio"),
            column("DI_CUI_PART_TIME", "Di cui part time", Type::Integer, "Dipendenti a tempo parziale"),
            column("COSTO_ANNUO_EUR", "Costo annuo", Type::Money, "Costo annuo in euro, quando indicato"),
        ],
        rows,
        totals: Some(totals),
    }
}

fn non_indeterminato(piao: &Piao) -> Table {
    let rows = piao
        .organizzazione
        .personale
        .iter()
        .filter(|r| NON_PERMANENTI.contains(&r.contratto.as_str()))
        .map(|r| {
            vec![
                r.struttura
                    .as_deref()
                    .map(|c| Cell::text(unit_name(piao, c)))
                    .unwrap_or(Cell::Empty),
                Cell::text(&r.area),
                Cell::opt_text(&r.profilo),
                Cell::text(&r.contratto),
                Cell::opt_integer(r.donne),
                Cell::opt_integer(r.uomini),
                Cell::Integer(r.totale),
                Cell::opt_money(r.costo),
            ]
        })
        .collect();
    Table {
        slug: format!(
            "personale-non-a-tempo-indeterminato-{}",
            piao.piano.triennio.primo - 1
        ),
        title: "Personale non a tempo indeterminato".into(),
        description: "Personale con contratto a tempo determinato, incarichi ex art. 110 TUEL e addetti agli uffici di staff ex art. 90 TUEL in servizio al 31 dicembre, con il costo annuo.".into(),
        section: NON_INDETERMINATO,
        period: al_31_12(piao),
        columns: vec![
            column("STRUTTURA", "Struttura", Type::Text, "Struttura di assegnazione"),
            column("AREA", "Area", Type::Text, "Area di inquadramento o qualifica"),
            column("PROFILO", "Profilo", Type::Text, "Profilo professionale"),
            column("CONTRATTO", "Contratto", Type::Text, "Tipo di rapporto di lavoro"),
            column("DONNE", "Donne", Type::Integer, "Dipendenti donne"),
            column("UOMINI", "Uomini", Type::Integer, "Dipendenti uomini"),
            column("TOTALE", "Totale", Type::Integer, "Dipendenti"),
            column("COSTO_ANNUO_EUR", "Costo annuo", Type::Money, "Costo annuo in euro, quando indicato"),
        ],
        rows,
        totals: None,
    }
}

fn posizioni_organizzative(piao: &Piao) -> Table {
    let rows = piao
        .organizzazione
        .strutture
        .iter()
        .filter(|s| s.incarico == "Responsabile EQ")
        .map(|s| {
            vec![
                Cell::text(&s.responsabile),
                Cell::text(&s.nome),
                Cell::text(&s.tipo),
                Cell::text(&s.incarico),
                Cell::opt_text(&s.telefono),
                Cell::opt_text(&s.email),
            ]
        })
        .collect();
    let day = piao.piano.data_documento();
    Table {
        slug: "incarichi-eq".into(),
        title: "Incarichi di Elevata Qualificazione".into(),
        description: "I titolari di incarico di Elevata Qualificazione (già posizioni organizzative) con la struttura diretta e i recapiti.".into(),
        section: POSIZIONI_ORGANIZZATIVE,
        period: Period {
            start: day,
            end: day,
            label: format!("al {}", crate::italian::date_short(day)),
        },
        columns: vec![
            column("NOMINATIVO", "Nominativo", Type::Text, "Titolare dell'incarico"),
            column("STRUTTURA", "Struttura", Type::Text, "Struttura diretta"),
            column("TIPO_STRUTTURA", "Tipo di struttura", Type::Text, "Settore, servizio o ufficio"),
            column("INCARICO", "Incarico", Type::Text, "Tipo di incarico"),
            column("TELEFONO", "Telefono", Type::Text, "Recapito telefonico"),
            column("POSTA_ELETTRONICA", "E-mail", Type::Text, "Posta elettronica"),
        ],
        rows,
        totals: None,
    }
}

fn assunzioni(piao: &Piao) -> Table {
    let hires = &piao.organizzazione.assunzioni;
    let rows = hires
        .iter()
        .map(|h| {
            vec![
                Cell::Integer(h.anno as u64),
                Cell::text(unit_name(piao, &h.struttura)),
                Cell::text(&h.profilo),
                Cell::text(&h.area),
                Cell::Integer(h.numero),
                Cell::text(&h.modalita),
                Cell::text(&h.regime),
                Cell::opt_money(h.costo),
            ]
        })
        .collect();
    Table {
        slug: slug(piao, "piano-assunzioni"),
        title: "Piano dei fabbisogni: assunzioni programmate".into(),
        description: "Le assunzioni programmate nel triennio dal piano dei fabbisogni di personale (sottosezione 3.3 del PIAO): i concorsi e le altre procedure che saranno bandite.".into(),
        section: BANDI_DI_CONCORSO,
        period: triennio(piao),
        columns: vec![
            column("ANNO", "Anno", Type::Integer, "Anno dell'assunzione"),
            column("STRUTTURA", "Struttura", Type::Text, "Struttura di destinazione"),
            column("PROFILO", "Profilo", Type::Text, "Profilo professionale"),
            column("AREA", "Area", Type::Text, "Area di inquadramento"),
            column("NUMERO", "Numero", Type::Integer, "Posti"),
            column("MODALITA_RECLUTAMENTO", "Modalità di reclutamento", Type::Text, "Concorso, scorrimento di graduatoria, mobilità…"),
            column("REGIME", "Regime", Type::Text, "Tempo pieno o part time"),
            column("COSTO_ANNUO_EUR", "Costo annuo", Type::Money, "Costo annuo a regime in euro"),
        ],
        rows,
        totals: Some(vec![
            Cell::text("Totale"),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Integer(hires.iter().map(|h| h.numero).sum()),
            Cell::Empty,
            Cell::Empty,
            known_sum(hires.iter().map(|h| h.costo)),
        ]),
    }
}

fn cessazioni(piao: &Piao) -> Table {
    let out = &piao.organizzazione.cessazioni;
    let rows = out
        .iter()
        .map(|c| {
            vec![
                Cell::Integer(c.anno as u64),
                Cell::text(&c.area),
                Cell::opt_text(&c.profilo),
                c.struttura
                    .as_deref()
                    .map(|s| Cell::text(unit_name(piao, s)))
                    .unwrap_or(Cell::Empty),
                Cell::Integer(c.numero),
                Cell::text(&c.motivo),
                Cell::opt_money(c.costo),
            ]
        })
        .collect();
    Table {
        slug: slug(piao, "cessazioni-previste"),
        title: "Piano dei fabbisogni: cessazioni previste".into(),
        description: "Le cessazioni dal servizio previste nel triennio, che il piano dei fabbisogni copre con le assunzioni programmate.".into(),
        section: BANDI_DI_CONCORSO,
        period: triennio(piao),
        columns: vec![
            column("ANNO", "Anno", Type::Integer, "Anno della cessazione"),
            column("AREA", "Area", Type::Text, "Area di inquadramento"),
            column("PROFILO", "Profilo", Type::Text, "Profilo professionale"),
            column("STRUTTURA", "Struttura", Type::Text, "Struttura"),
            column("NUMERO", "Numero", Type::Integer, "Cessazioni"),
            column("MOTIVO", "Motivo", Type::Text, "Pensionamento, dimissioni, mobilità…"),
            column("COSTO_LIBERATO_EUR", "Costo annuo liberato", Type::Money, "Spesa annua a regime che la cessazione libera, in euro"),
        ],
        rows,
        totals: Some(vec![
            Cell::text("Totale"),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Integer(out.iter().map(|c| c.numero).sum()),
            Cell::Empty,
            known_sum(out.iter().map(|c| c.costo)),
        ]),
    }
}

/// The hiring plan year by year: hires and terminations with their cost, and, when the
/// hiring capacity of DM 17 marzo 2020 is computed, the staff spending they lead to and the
/// most the comune may spend.
fn spesa_personale(piao: &Piao) -> Table {
    use crate::model::capacita::{Esito, calcola};
    let org = &piao.organizzazione;
    let calcolo = match calcola(piao) {
        Esito::Calcolato(c) => Some(c),
        _ => None,
    };
    let rows = if org.assunzioni.is_empty() && org.cessazioni.is_empty() {
        Vec::new()
    } else {
        piao.piano
            .triennio
            .anni()
            .iter()
            .enumerate()
            .map(|(i, &anno)| {
                let hires: Vec<&Assunzione> =
                    org.assunzioni.iter().filter(|h| h.anno == anno).collect();
                let out: Vec<&Cessazione> =
                    org.cessazioni.iter().filter(|c| c.anno == anno).collect();
                // A spending figure that leaves out a hire without cost, up to this year,
                // would look complete and be too low: it stays empty.
                let costed = org
                    .assunzioni
                    .iter()
                    .filter(|h| h.anno <= anno)
                    .all(|h| h.costo.is_some());
                let year = calcolo.as_ref().map(|c| &c.piano[i]).filter(|_| costed);
                vec![
                    Cell::Integer(anno as u64),
                    Cell::Integer(hires.iter().map(|h| h.numero).sum()),
                    known_sum(hires.iter().map(|h| h.costo)),
                    Cell::Integer(out.iter().map(|c| c.numero).sum()),
                    known_sum(out.iter().map(|c| c.costo)),
                    year.map_or(Cell::Empty, |y| Cell::Money(y.spesa)),
                    calcolo
                        .as_ref()
                        .map_or(Cell::Empty, |c| Cell::Money(c.spesa_massima)),
                ]
            })
            .collect()
    };
    let base = match &calcolo {
        Some(c) => format!(
            " La spesa prevista, a regime, è quella del rendiconto {} ({}) più il costo cumulato delle assunzioni al netto delle cessazioni con un costo indicato; la spesa massima è quella consentita dal DM 17 marzo 2020.",
            c.anno_spesa,
            crate::italian::money(c.spesa_totale)
        ),
        None => String::new(),
    };
    Table {
        slug: slug(piao, "piano-assunzioni-spesa"),
        title: "Piano dei fabbisogni: spesa di personale per anno".into(),
        description: format!(
            "Per ciascun anno del triennio, le assunzioni e le cessazioni del piano dei fabbisogni (sottosezione 3.3 del PIAO) con il loro costo annuo a regime (vuoto se una riga dell'anno non lo indica).{base}"
        ),
        section: BANDI_DI_CONCORSO,
        period: triennio(piao),
        columns: vec![
            column("ANNO", "Anno", Type::Integer, "Anno del triennio"),
            column(
                "NUMERO_ASSUNZIONI",
                "Assunzioni",
                Type::Integer,
                "Posti da coprire nell'anno",
            ),
            column(
                "COSTO_ASSUNZIONI_EUR",
                "Costo delle assunzioni",
                Type::Money,
                "Costo annuo a regime delle assunzioni dell'anno, in euro",
            ),
            column(
                "NUMERO_CESSAZIONI",
                "Cessazioni",
                Type::Integer,
                "Cessazioni previste nell'anno",
            ),
            column(
                "COSTO_CESSAZIONI_EUR",
                "Costo liberato dalle cessazioni",
                Type::Money,
                "Spesa annua a regime liberata dalle cessazioni dell'anno, in euro",
            ),
            column(
                "SPESA_PERSONALE_PREVISTA_EUR",
                "Spesa di personale prevista",
                Type::Money,
                "Spesa di personale a regime secondo il piano, in euro (solo se la capacità assunzionale è calcolata e ogni assunzione fino a quell'anno ha un costo)",
            ),
            column(
                "SPESA_PERSONALE_MASSIMA_EUR",
                "Spesa di personale massima",
                Type::Money,
                "Spesa massima consentita dal DM 17 marzo 2020, in euro (solo se la capacità assunzionale è calcolata)",
            ),
        ],
        rows,
        totals: Some(vec![
            Cell::text("Totale"),
            Cell::Integer(org.assunzioni.iter().map(|h| h.numero).sum()),
            known_sum(org.assunzioni.iter().map(|h| h.costo)),
            Cell::Integer(org.cessazioni.iter().map(|c| c.numero).sum()),
            known_sum(org.cessazioni.iter().map(|c| c.costo)),
            Cell::Empty,
            Cell::Empty,
        ]),
    }
}

fn obiettivi_valore_pubblico(piao: &Piao) -> Table {
    let mut rows = Vec::new();
    for o in &piao.performance.valore_pubblico {
        let head = |i: Option<&IndicatoreValore>| {
            let mut row = vec![
                Cell::text(&o.codice),
                Cell::text(&o.titolo),
                Cell::text(&o.ambito),
                Cell::opt_text(&o.responsabile),
            ];
            match i {
                Some(i) => {
                    row.push(Cell::text(&i.indicatore));
                    row.push(Cell::opt_text(&i.baseline));
                    row.extend(targets(&i.target));
                    row.push(Cell::opt_text(&i.fonte));
                }
                None => row.extend(std::iter::repeat_n(Cell::Empty, 6)),
            }
            row
        };
        if o.indicatori.is_empty() {
            rows.push(head(None));
        }
        rows.extend(o.indicatori.iter().map(|i| head(Some(i))));
    }
    let mut columns = vec![
        column(
            "CODICE_OBIETTIVO",
            "Codice",
            Type::Text,
            "Codice dell'obiettivo di valore pubblico",
        ),
        column(
            "OBIETTIVO",
            "Obiettivo",
            Type::Text,
            "Obiettivo di valore pubblico",
        ),
        column("AMBITO", "Ambito", Type::Text, "Dimensione di impatto"),
        column(
            "RESPONSABILE",
            "Responsabile",
            Type::Text,
            "Responsabile dell'obiettivo",
        ),
        column(
            "INDICATORE",
            "Indicatore",
            Type::Text,
            "Indicatore di impatto",
        ),
        column(
            "BASELINE",
            "Valore di partenza",
            Type::Text,
            "Valore di partenza (baseline)",
        ),
    ];
    columns.extend(target_columns(piao));
    columns.push(column("FONTE", "Fonte", Type::Text, "Fonte del dato"));
    Table {
        slug: slug(piao, "obiettivi-valore-pubblico"),
        title: "Obiettivi di valore pubblico".into(),
        description: "Gli obiettivi di valore pubblico della sottosezione 2.1 del PIAO, con gli indicatori di impatto, il valore di partenza e i valori attesi per ciascun anno del triennio. Una riga per indicatore.".into(),
        section: PIANO_PERFORMANCE,
        period: triennio(piao),
        columns,
        rows,
        totals: None,
    }
}

fn obiettivi_performance(piao: &Piao) -> Table {
    let mut rows = Vec::new();
    for o in &piao.performance.obiettivi {
        let unit = piao.organizzazione.struttura(&o.struttura);
        let head = |i: Option<&Indicatore>| {
            let mut row = vec![
                Cell::text(&o.id),
                Cell::text(unit_name(piao, &o.struttura)),
                unit.map(|u| Cell::text(&u.responsabile))
                    .unwrap_or(Cell::Empty),
                Cell::text(&o.titolo),
                Cell::opt_text(&o.valore_pubblico),
                o.scadenza.as_ref().map_or(Cell::Empty, deadline),
                Cell::opt_text(&o.risultato),
            ];
            match i {
                Some(i) => {
                    row.push(Cell::text(&i.indicatore));
                    row.push(Cell::opt_text(&i.formula));
                    row.push(Cell::opt_text(&i.unita));
                    row.extend(targets(&i.target));
                }
                None => row.extend(std::iter::repeat_n(Cell::Empty, 6)),
            }
            row
        };
        if o.indicatori.is_empty() {
            rows.push(head(None));
        }
        rows.extend(o.indicatori.iter().map(|i| head(Some(i))));
    }
    let mut columns = vec![
        column(
            "CODICE_OBIETTIVO",
            "Codice",
            Type::Text,
            "Codice stabile dell'obiettivo (struttura-codice)",
        ),
        column(
            "STRUTTURA",
            "Struttura",
            Type::Text,
            "Struttura a cui è assegnato",
        ),
        column(
            "RESPONSABILE",
            "Responsabile",
            Type::Text,
            "Responsabile della struttura",
        ),
        column(
            "OBIETTIVO",
            "Obiettivo",
            Type::Text,
            "Titolo dell'obiettivo",
        ),
        column(
            "OBIETTIVO_VALORE_PUBBLICO",
            "Valore pubblico",
            Type::Text,
            "Codice dell'obiettivo di valore pubblico a cui contribuisce",
        ),
        column("SCADENZA", "Scadenza", Type::DateOrText, "Scadenza finale"),
        column(
            "RISULTATO_ATTESO",
            "Risultato atteso",
            Type::Text,
            "Risultato atteso",
        ),
        column(
            "INDICATORE",
            "Indicatore",
            Type::Text,
            "Indicatore di risultato",
        ),
        column("FORMULA", "Formula", Type::Text, "Formula di calcolo"),
        column(
            "UNITA_MISURA",
            "Unità di misura",
            Type::Text,
            "Unità di misura",
        ),
    ];
    columns.extend(target_columns(piao));
    Table {
        slug: slug(piao, "obiettivi-performance"),
        title: "Obiettivi di performance".into(),
        description: "Gli obiettivi di performance organizzativa della sottosezione 2.2 del PIAO (obiettivi del PEG), per struttura, con gli indicatori di risultato e i valori attesi per ciascun anno del triennio. Una riga per indicatore.".into(),
        section: PIANO_PERFORMANCE,
        period: triennio(piao),
        columns,
        rows,
        totals: None,
    }
}

/// The results of the first year, one row per indicator: published once the annual report
/// is validated (`ente.yaml › relazione › verbale`), as art. 10 c. 8 lett. b wants the
/// Relazione with its validation; before that the table has no rows and is not written.
fn relazione_performance(piao: &Piao) -> Table {
    use crate::model::esiti;
    let al = crate::render::ciclo::Rapporto::Relazione.al(piao);
    let validata = piao.relazione.verbale.is_some() && esiti::ultima_rilevazione(piao).is_some();
    let mut rows = Vec::new();
    for o in piao.performance.obiettivi.iter().filter(|_| validata) {
        let e = esiti::obiettivo(o, al, &piao.relazione);
        let head = vec![
            Cell::text(&o.id),
            Cell::text(unit_name(piao, &o.struttura)),
            Cell::text(&o.titolo),
            e.grado.map_or(Cell::Empty, Cell::Percent),
            Cell::text(e.esito.label()),
        ];
        let indicators = e.indicatori.iter().map(|i| {
            vec![
                Cell::text(&i.indicatore.indicatore),
                Cell::opt_text(&i.indicatore.target.anno1),
                i.target.map_or(Cell::Empty, Cell::text),
                i.misura.map_or(Cell::Empty, |m| Cell::text(&m.valore)),
                i.misura.map_or(Cell::Empty, |m| Cell::Date(m.data)),
                i.grado.map_or(Cell::Empty, Cell::Percent),
                Cell::text(i.esito.label()),
            ]
        });
        rows.extend(one_row_per_child(head, indicators, 7));
    }
    let year = piao.piano.triennio.primo;
    let columns = vec![
        column(
            "CODICE_OBIETTIVO",
            "Codice",
            Type::Text,
            "Codice stabile dell'obiettivo (struttura-codice), lo stesso del PIAO",
        ),
        column(
            "STRUTTURA",
            "Struttura",
            Type::Text,
            "Struttura a cui è assegnato",
        ),
        column(
            "OBIETTIVO",
            "Obiettivo",
            Type::Text,
            "Titolo dell'obiettivo",
        ),
        column(
            "GRADO_OBIETTIVO",
            "Grado di raggiungimento",
            Type::Percent,
            "Grado di raggiungimento dell'obiettivo, con la regola indicata nella Relazione",
        ),
        column(
            "ESITO_OBIETTIVO",
            "Esito",
            Type::Text,
            "Raggiunto, parzialmente raggiunto, non raggiunto o non misurabile",
        ),
        column(
            "INDICATORE",
            "Indicatore",
            Type::Text,
            "Indicatore di risultato",
        ),
        column(
            "TARGET_ORIGINALE",
            &format!("Target {year} (PIAO)"),
            Type::Text,
            "Valore atteso nel primo anno, come adottato nel PIAO",
        ),
        column(
            "TARGET",
            &format!("Target {year} (in vigore)"),
            Type::Text,
            "Valore atteso in vigore a fine anno: diverso dall'originale se rivisto in corso d'anno",
        ),
        column(
            "VALORE_MISURATO",
            "Valore misurato",
            Type::Text,
            "Ultimo valore rilevato nell'anno",
        ),
        column(
            "DATA_RILEVAZIONE",
            "Data rilevazione",
            Type::Date,
            "Data a cui si riferisce il valore",
        ),
        column(
            "GRADO_INDICATORE",
            "Grado dell'indicatore",
            Type::Percent,
            "Valore misurato rispetto al target in vigore",
        ),
        column(
            "ESITO_INDICATORE",
            "Esito dell'indicatore",
            Type::Text,
            "Raggiunto, parzialmente raggiunto, non raggiunto o non misurabile",
        ),
    ];
    Table {
        slug: format!("relazione-performance-{year}"),
        title: format!("Relazione sulla performance {year}: risultati"),
        description: format!(
            "I risultati degli obiettivi di performance dell'anno {year} del PIAO {}, dalla Relazione annuale sulla performance validata dall'organo di validazione ({}, {}). Una riga per indicatore.",
            piao.piano.triennio.label(),
            piao.relazione.validazione,
            piao.relazione.verbale.as_deref().unwrap_or_default()
        ),
        section: RELAZIONE_PERFORMANCE,
        period: primo_anno(piao),
        columns,
        rows,
        totals: None,
    }
}

fn rischi(piao: &Piao) -> Table {
    let mut rows = Vec::new();
    for r in &piao.rischi.rischi {
        let head = vec![
            Cell::text(&r.codice),
            Cell::text(&r.area),
            Cell::text(&r.processo),
            Cell::text(&r.evento),
            r.struttura
                .as_deref()
                .map(|s| Cell::text(unit_name(piao, s)))
                .unwrap_or(Cell::Empty),
            Cell::text(&r.probabilita),
            Cell::text(&r.impatto),
            Cell::text(&r.livello),
        ];
        let measures = r.misure.iter().map(|m| {
            vec![
                Cell::text(&m.misura),
                Cell::text(&m.tipo),
                Cell::text(&m.responsabile),
                deadline(&m.scadenza),
                Cell::text(&m.indicatore),
            ]
        });
        rows.extend(one_row_per_child(head, measures, 5));
    }
    Table {
        slug: slug(piao, "mappa-rischi-misure"),
        title: "Mappa dei rischi corruttivi e misure di prevenzione".into(),
        description: "I processi a rischio della sottosezione 2.3 del PIAO con l'evento rischioso, la valutazione (probabilità, impatto, livello) e le misure di prevenzione con responsabile, scadenza e indicatore di monitoraggio. Una riga per misura.".into(),
        section: PREVENZIONE_CORRUZIONE,
        period: triennio(piao),
        columns: vec![
            column("CODICE_RISCHIO", "Codice", Type::Text, "Codice del rischio"),
            column("AREA_RISCHIO", "Area di rischio", Type::Text, "Area di rischio (PNA, art. 1 c. 16 L. 190/2012)"),
            column("PROCESSO", "Processo", Type::Text, "Processo"),
            column("EVENTO_RISCHIOSO", "Evento rischioso", Type::Text, "Evento rischioso"),
            column("STRUTTURA", "Struttura", Type::Text, "Struttura responsabile del processo"),
            column("PROBABILITA", "Probabilità", Type::Text, "Basso, medio o alto"),
            column("IMPATTO", "Impatto", Type::Text, "Basso, medio o alto"),
            column("LIVELLO_RISCHIO", "Livello di rischio", Type::Text, "Basso, medio o alto"),
            column("MISURA", "Misura", Type::Text, "Misura di prevenzione"),
            column("TIPO_MISURA", "Tipo", Type::Text, "Generale o specifica"),
            column("RESPONSABILE_MISURA", "Responsabile", Type::Text, "Responsabile dell'attuazione"),
            column("SCADENZA_MISURA", "Scadenza", Type::DateOrText, "Termine di attuazione"),
            column("INDICATORE_MONITORAGGIO", "Indicatore", Type::Text, "Indicatore di monitoraggio"),
        ],
        rows,
        totals: None,
    }
}

fn obblighi(piao: &Piao) -> Table {
    let rows = piao
        .rischi
        .trasparenza
        .iter()
        .map(|o| {
            vec![
                Cell::text(&o.sezione),
                Cell::text(&o.obbligo),
                Cell::text(&o.riferimento),
                Cell::text(&o.responsabile_dati),
                Cell::text(&o.responsabile_pubblicazione),
                Cell::text(&o.frequenza),
            ]
        })
        .collect();
    Table {
        slug: slug(piao, "obblighi-trasparenza"),
        title: "Obblighi di pubblicazione".into(),
        description: "Per ogni sottosezione di Amministrazione Trasparente: l'obbligo, il riferimento normativo, il responsabile della produzione del dato, il responsabile della pubblicazione e la frequenza di aggiornamento.".into(),
        section: PREVENZIONE_CORRUZIONE,
        period: triennio(piao),
        columns: vec![
            column("SOTTOSEZIONE_AT", "Sottosezione", Type::Text, "Sottosezione di Amministrazione Trasparente"),
            column("OBBLIGO", "Obbligo", Type::Text, "Contenuto dell'obbligo"),
            column("RIFERIMENTO_NORMATIVO", "Riferimento", Type::Text, "Norma che impone la pubblicazione"),
            column("RESPONSABILE_DATI", "Responsabile dei dati", Type::Text, "Chi produce il dato"),
            column("RESPONSABILE_PUBBLICAZIONE", "Responsabile della pubblicazione", Type::Text, "Chi lo pubblica"),
            column("FREQUENZA_AGGIORNAMENTO", "Aggiornamento", Type::Text, "Tempestivo, trimestrale, semestrale, annuale"),
        ],
        rows,
        totals: None,
    }
}

fn lavoro_agile(piao: &Piao) -> Table {
    let la = &piao.organizzazione.lavoro_agile;
    let rows = la
        .iter()
        .map(|r| {
            let mut row = vec![Cell::text(unit_name(piao, &r.struttura))];
            row.extend([r.donne, r.uomini].map(Cell::opt_integer));
            row.extend([r.totale, r.non_fruitori, r.effettivi].map(Cell::Integer));
            row
        })
        .collect();
    let sum = |f: fn(&LavoroAgile) -> u64| Cell::Integer(la.iter().map(f).sum());
    // The split by sex is totalled only when every unit gives it.
    let sum_known = |f: fn(&LavoroAgile) -> Option<u64>| Cell::opt_integer(la.iter().map(f).sum());
    Table {
        slug: slug(piao, "lavoro-agile-strutture"),
        title: "Lavoro agile per struttura".into(),
        description: "Per ogni struttura, i dipendenti con accordo individuale di lavoro agile (donne, uomini, totale), quelli che non ne fruiscono e i fruitori effettivi (sottosezione 3.2 del PIAO).".into(),
        section: DATI_ULTERIORI,
        period: triennio(piao),
        columns: vec![
            column("STRUTTURA", "Struttura", Type::Text, "Struttura"),
            column("DONNE", "Donne", Type::Integer, "Dipendenti donne con accordo individuale"),
            column("UOMINI", "Uomini", Type::Integer, "Dipendenti uomini con accordo individuale"),
            column("TOTALE_ACCORDI", "Totale accordi", Type::Integer, "Dipendenti con accordo individuale"),
            column("NON_FRUITORI", "Non fruitori", Type::Integer, "Dipendenti con accordo che non ne fruiscono"),
            column("FRUITORI_EFFETTIVI", "Fruitori effettivi", Type::Integer, "Dipendenti che lavorano in modalità agile"),
        ],
        rows,
        totals: Some(vec![
            Cell::text("Totale"),
            sum_known(|r| r.donne),
            sum_known(|r| r.uomini),
            sum(|r| r.totale),
            sum(|r| r.non_fruitori),
            sum(|r| r.effettivi),
        ]),
    }
}

fn contingente(piao: &Piao) -> Table {
    let rows = piao
        .organizzazione
        .contingente
        .iter()
        .map(|c| {
            vec![
                Cell::Integer(c.anno as u64),
                c.addetti.map(Cell::Integer).unwrap_or(Cell::Empty),
                Cell::Percent(c.percentuale),
            ]
        })
        .collect();
    Table {
        slug: slug(piao, "lavoro-agile-contingente"),
        title: "Contingente del lavoro agile".into(),
        description: "Il contingente di lavoro agile per ciascun anno del triennio, in percentuale del personale addetto ad attività eseguibili da remoto (soglia minima 15%).".into(),
        section: DATI_ULTERIORI,
        period: triennio(piao),
        columns: vec![
            column("ANNO", "Anno", Type::Integer, "Anno"),
            column("ADDETTI_ATTIVITA_REMOTIZZABILI", "Addetti ad attività remotizzabili", Type::Integer, "Personale addetto ad attività eseguibili da remoto"),
            column("CONTINGENTE_PCT", "Contingente", Type::Percent, "Contingente in percentuale degli addetti (18 vale 18%)"),
        ],
        rows,
        totals: None,
    }
}

fn formazione(piao: &Piao) -> Table {
    let corsi = &piao.organizzazione.formazione;
    let rows = corsi
        .iter()
        .map(|c| {
            vec![
                Cell::text(&c.titolo),
                Cell::text(&c.area_tematica),
                Cell::text(&c.modalita),
                Cell::text(&c.destinatari),
                Cell::Integer(c.partecipanti),
                c.ore.map_or(Cell::Empty, Cell::Number),
                c.ore
                    .map_or(Cell::Empty, |h| Cell::Number(c.partecipanti as f64 * h)),
                Cell::opt_text(&c.periodo),
                Cell::opt_text(&c.erogatore),
                Cell::opt_money(c.costo),
                Cell::text(if c.obbligatorio { "Sì" } else { "No" }),
            ]
        })
        .collect();
    Table {
        slug: format!("piano-formazione-{}", piao.piano.triennio.primo),
        title: "Piano della formazione".into(),
        description: "I corsi di formazione programmati (sottosezione 3.3 del PIAO) con area tematica, modalità, destinatari, partecipanti, ore per partecipante e complessive, periodo, soggetto erogatore e costo.".into(),
        section: DATI_ULTERIORI,
        period: primo_anno(piao),
        columns: vec![
            column("TITOLO", "Corso", Type::Text, "Titolo del corso"),
            column("AREA_TEMATICA", "Area tematica", Type::Text, "Area tematica"),
            column("MODALITA", "Modalità", Type::Text, "In presenza, a distanza, e-learning, blended"),
            column("DESTINATARI", "Destinatari", Type::Text, "Destinatari"),
            column("PARTECIPANTI", "Partecipanti", Type::Integer, "Numero di partecipanti"),
            column("ORE_PER_PARTECIPANTE", "Ore", Type::Number, "Durata in ore per partecipante"),
            column("ORE_TOTALI", "Ore totali", Type::Number, "Partecipanti × ore"),
            column("PERIODO", "Periodo", Type::Text, "Periodo di svolgimento"),
            column("EROGATORE", "Erogatore", Type::Text, "Soggetto erogatore"),
            column("COSTO_EUR", "Costo", Type::Money, "Costo in euro, quando indicato"),
            column("OBBLIGATORIO", "Obbligatorio", Type::Text, "Sì o No"),
        ],
        rows,
        totals: Some(vec![
            Cell::text("Totale"),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Integer(corsi.iter().map(|c| c.partecipanti).sum()),
            Cell::Empty,
            piao.organizzazione
                .ore_formazione()
                .map_or(Cell::Empty, Cell::Number),
            Cell::Empty,
            Cell::Empty,
            known_sum(corsi.iter().map(|c| c.costo)),
            Cell::Empty,
        ]),
    }
}
