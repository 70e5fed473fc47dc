//! The monitoring cycle (issue 12): a small hand-made plan whose degrees of achievement are
//! worked out here by hand, the two reports built from it, the checks on monitoring data, the
//! results published once validated.
//!
//! The plan: objective SET1-A of the fixture, with
//! - phase 1 (incidence 40%, deadline 30/04/2026) and phase 2 (60%, deadline 30/11/2026);
//! - indicator 1 "Pratiche digitalizzate", target 60%, weight 80%, revised to 50% on 15/07;
//! - indicator 2 "Tempo medio di risposta", target "≤ 20" days, weight 20%.
//!
//! At 30/06/2026: phase 1 concluded on 28/04, phase 2 in progress at 30%;
//!   progress = 0.4 × 100% + 0.6 × 30% = 58%; expected = 40% (only phase 1 was due);
//!   indicator 1 measures 30% against 60% (the revision comes later): 30 ÷ 60 = 50%.
//! At 31/12/2026: phase 2 at 90% (deadline passed: late);
//!   progress = 0.4 × 100% + 0.6 × 90% = 94%;
//!   indicator 1 measures 45% against the revised 50%: 45 ÷ 50 = 90%;
//!   indicator 2 measures 40 days against "≤ 20": 20 ÷ 40 = 50%;
//!   degree by indicators = 0.8 × 90% + 0.2 × 50% = 82% (partly achieved below 100%);
//!   by phases = 94%; mean of the two = 88%.

mod common;

use chrono::NaiveDate;
use common::fixture::{Fixture, row};
use common::*;
use piao::model::ciclo::{Esito, Regola, Relazione};
use piao::model::esiti;

fn date(s: &str) -> NaiveDate {
    piao::italian::parse_date(s).unwrap()
}

/// The fixture with the monitoring data of the worked example.
fn plan() -> Fixture {
    let mut f = Fixture::default();
    f.set("performance", "indicatori", 0, "peso", "80%");
    f.rows("performance", "indicatori").push(row(&[
        "SET1",
        "A",
        "Tempo medio di risposta",
        "",
        "giorni",
        "≤ 20",
        "≤ 15",
        "≤ 15",
        "20%",
    ]));
    *f.rows("performance", "avanzamento") = vec![
        row(&[
            "SET1",
            "A",
            "1",
            "30/06/2026",
            "Conclusa",
            "",
            "28/04/2026",
            "",
        ]),
        row(&["SET1", "A", "2", "30/06/2026", "In corso", "30%", "", ""]),
        row(&[
            "SET1",
            "A",
            "1",
            "31/12/2026",
            "Conclusa",
            "",
            "28/04/2026",
            "",
        ]),
        row(&[
            "SET1",
            "A",
            "2",
            "31/12/2026",
            "In corso",
            "90%",
            "",
            "Manca l'ultimo lotto di pratiche",
        ]),
    ];
    *f.rows("performance", "misurazioni") = vec![
        row(&[
            "SET1",
            "A",
            "Pratiche digitalizzate",
            "30/06/2026",
            "30%",
            "",
        ]),
        row(&["SET1", "A", "1", "31/12/2026", "45%", ""]),
        row(&[
            "SET1",
            "A",
            "Tempo medio di risposta",
            "31/12/2026",
            "40",
            "",
        ]),
    ];
    *f.rows("performance", "revisioni") = vec![row(&[
        "SET1",
        "A",
        "Pratiche digitalizzate",
        "50%",
        "15/07/2026",
        "Il fornitore dello scanner ha consegnato a settembre",
    ])];
    *f.rows("performance", "scostamenti") = vec![row(&[
        "SET1",
        "A",
        "31/12/2026",
        "La fase 2 non è conclusa alla scadenza",
        "Completamento entro febbraio",
    ])];
    *f.rows("anticorruzione", "attuazione") = vec![
        row(&["R01", "1", "30/06/2026", "Attuata in parte", ""]),
        row(&[
            "R01",
            "Rotazione degli affidatari",
            "31/12/2026",
            "Attuata",
            "",
        ]),
    ];
    f
}

fn model(f: &Fixture) -> (tempfile::TempDir, std::path::PathBuf, piao::model::Piao) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = f.write(&tmp.path().join("in"));
    let checked = piao::pipeline::check_as(&dir, piao::model::Modo::Bozza).unwrap();
    assert!(!checked.report.has_errors(), "{}", checked.report.to_text());
    (tmp, dir, checked.loaded.piao.unwrap())
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

#[test]
fn degrees_of_achievement_are_those_worked_out_by_hand() {
    let (_tmp, _, piao) = model(&plan());
    let o = &piao.performance.obiettivi[0];
    let regole = Relazione::default();

    let mid = esiti::obiettivo(o, date("30/06/2026"), &regole);
    assert!(close(mid.avanzamento, 0.58), "{:?}", mid.avanzamento);
    assert!(close(Some(mid.atteso), 0.40), "{}", mid.atteso);
    assert_eq!(mid.indicatori[0].target, Some("60%"));
    assert!(mid.indicatori[0].revisione.is_none());
    assert!(close(mid.indicatori[0].grado, 0.5));
    assert_eq!(mid.indicatori[1].esito, Esito::NonMisurabile);
    assert!(!mid.fasi[1].in_ritardo);

    let end = esiti::obiettivo(o, date("31/12/2026"), &regole);
    assert!(close(end.avanzamento, 0.94), "{:?}", end.avanzamento);
    assert_eq!(end.indicatori[0].target, Some("50%"));
    assert!(close(end.indicatori[0].grado, 0.9));
    assert!(close(end.indicatori[1].grado, 0.5));
    assert!(close(end.grado, 0.82), "{:?}", end.grado);
    assert_eq!(end.esito, Esito::Parziale);
    assert!(end.fasi[1].in_ritardo);
    assert!(!end.fasi[0].in_ritardo);

    let by = |regola, raggiunto| Relazione {
        regola,
        raggiunto,
        ..Relazione::default()
    };
    let fasi = esiti::obiettivo(o, date("31/12/2026"), &by(Regola::Fasi, 1.0));
    assert!(close(fasi.grado, 0.94));
    let media = esiti::obiettivo(o, date("31/12/2026"), &by(Regola::Media, 0.8));
    assert!(close(media.grado, 0.88));
    assert_eq!(media.esito, Esito::Raggiunto);
}

#[test]
fn the_reports_print_the_worked_figures() {
    let (tmp, dir, _) = model(&plan());
    let out = tmp.path().join("out");
    let run = piao(&[
        "relazione",
        dir.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let pdf = out.join("Relazione_performance_2026.pdf");
    let text = pdf_text(&pdf);
    for expected in [
        "Relazione annuale sulla performance 2026",
        "dell'anno 2026 è 82%",
        "Settore Amministrativo 1 1/2 1 100% 94% 0 2/0 82%",
        "94% realizzato, 100% atteso alla data 82% 82% Parzialmente raggiunto",
        // The original target and the revised one, with date and reason.
        "originale: 60% rivisto il 15/07/2026:",
        "Target di «Pratiche digitalizzate» rivisto il 15/07/2026: da 60% a 50%. Motivo: Il fornitore dello scanner ha consegnato a settembre",
        "In corso – in ritardo 90%",
        "Scostamenti (31/12/2026): La fase 2 non è conclusa alla scadenza Azioni correttive: Completamento entro febbraio",
        "7. Validazione",
        "Nucleo di valutazione",
    ] {
        assert!(text.contains(expected), "manca «{expected}» in:\n{text}");
    }
    let xmp = pdf_xmp(&pdf);
    assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"), "{xmp}");
    assert!(xmp.contains("pdfuaid:part>1<"), "{xmp}");

    // Same input, same bytes.
    let first = std::fs::read(&pdf).unwrap();
    let again = piao(&[
        "relazione",
        dir.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(again.status.success());
    assert_eq!(first, std::fs::read(&pdf).unwrap());

    let run = piao(&[
        "monitoraggio",
        dir.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--al",
        "30/06/2026",
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let text = pdf_text(&out.join("Monitoraggio_PIAO_2026_al_30-06-2026.pdf"));
    for expected in [
        "Stato di attuazione al 30 giugno 2026",
        "58% realizzato, 40% atteso alla data",
        // Before the revision the target in force is the original one.
        "Pratiche digitalizzate (%) 80% 60% 30% 50% Parzialmente raggiunto",
        "Attuata in parte",
    ] {
        assert!(text.contains(expected), "manca «{expected}» in:\n{text}");
    }
    assert!(!text.contains("rivisto il"), "{text}");
}

#[test]
fn monitoring_data_is_checked_cell_by_cell_in_one_run() {
    let mut f = plan();
    let avanzamento = f.rows("performance", "avanzamento");
    avanzamento[0][3] = "15/01/2027".into(); // outside the year
    avanzamento[1][4] = "Conclusa".into(); // concluded at 30%
    avanzamento.push(row(&[
        "SET1",
        "A",
        "1",
        "31/03/2026",
        "Conclusa",
        "",
        "28/04/2026", // concluded after the date of the record
        "",
    ]));
    avanzamento.push(row(&[
        "SET1",
        "A",
        "7",
        "31/03/2026",
        "In corso",
        "",
        "",
        "",
    ]));
    avanzamento.push(row(&[
        "SET1",
        "A",
        "2",
        "31/03/2026",
        "In corso",
        "120%",
        "",
        "",
    ]));
    f.rows("performance", "misurazioni").push(row(&[
        "SET1",
        "A",
        "Pratiche digitalizate",
        "31/12/2026",
        "50%",
        "",
    ]));
    f.rows("performance", "misurazioni").push(row(&[
        "SET1",
        "A",
        "2",
        "30/09/2026",
        "in corso",
        "",
    ]));
    // The same indicator twice at the same date.
    f.rows("performance", "misurazioni")
        .push(row(&["SET1", "A", "1", "31/12/2026", "47%", ""]));
    // In progress, but how far?
    f.rows("performance", "avanzamento").push(row(&[
        "SET1",
        "A",
        "2",
        "30/09/2026",
        "In corso",
        "",
        "",
        "",
    ]));
    let tmp = tempfile::tempdir().unwrap();
    let dir = f.write(&tmp.path().join("in"));
    let out = piao(&["check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let text = format!("{}{}", stdout(&out), stderr(&out));
    for expected in [
        "Avanzamento fasi!D2",
        "data 15/01/2027 fuori dall'anno 2026",
        "Avanzamento fasi!F3",
        "conclusa con avanzamento 30%",
        "Avanzamento fasi!G6",
        "una fase non può risultare conclusa in una data futura",
        "Avanzamento fasi!C7",
        "la fase '7' non è nel foglio Fasi",
        "Avanzamento fasi!F8",
        "percentuale tra 0 e 100",
        "Misurazioni!C5",
        "forse intendevi «Pratiche digitalizzate»?",
        "Misurazioni!E6",
        "non si confronta con il target",
        "Misurazioni!D7",
        "due righe per lo stesso elemento alla stessa data (31/12/2026)",
        "Avanzamento fasi!F9",
        "senza Avanzamento %",
    ] {
        assert!(text.contains(expected), "manca «{expected}» in:\n{text}");
    }
    // What check refuses, the reports refuse too, and write nothing.
    let out_dir = tmp.path().join("out");
    let run = piao(&[
        "relazione",
        dir.to_str().unwrap(),
        "-o",
        out_dir.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(1));
    assert!(!out_dir.join("Relazione_performance_2026.pdf").exists());
}

#[test]
fn a_plan_without_monitoring_builds_and_the_reports_say_what_is_missing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = Fixture::default().write(&tmp.path().join("in"));
    let out = tmp.path().join("out");
    let run = piao(&[
        "relazione",
        dir.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run).contains("nessuna rilevazione dell'anno 2026"),
        "{}",
        stderr(&run)
    );
    let run = piao(&[
        "monitoraggio",
        dir.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(1));
    assert!(stderr(&run).contains("compilare i fogli Avanzamento fasi"));
    let build = piao(&[
        "build",
        dir.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--bozza",
    ]);
    assert!(build.status.success(), "{}", stderr(&build));
}

#[test]
fn results_are_published_once_the_report_is_validated() {
    let mut f = plan();
    let tmp = tempfile::tempdir().unwrap();
    let publish = |f: &Fixture, name: &str| {
        let dir = f.write(&tmp.path().join(name));
        let out = tmp.path().join(format!("{name}-out"));
        let run = piao(&[
            "pubblica",
            dir.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--bozza",
            "--data-pubblicazione",
            "20/04/2027",
        ]);
        assert!(run.status.success(), "{}", stderr(&run));
        out.join("trasparenza-bozza/performance/relazione-sulla-performance/relazione-performance-2026-latest.csv")
    };
    let csv = publish(&f, "prima");
    assert!(!csv.exists(), "pubblicata prima della validazione");

    f.yaml
        .push_str("relazione:\n  verbale: \"verbale n. 4 del 20/04/2027\"\n");
    let csv = publish(&f, "dopo");
    let text = std::fs::read_to_string(&csv).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2, "{text}");
    assert_eq!(&rows[0][col("CODICE_OBIETTIVO")], "SET1-A");
    assert_eq!(&rows[0][col("GRADO_OBIETTIVO")], "82");
    assert_eq!(&rows[0][col("TARGET_ORIGINALE")], "60%");
    assert_eq!(&rows[0][col("TARGET")], "50%");
    assert_eq!(&rows[0][col("GRADO_INDICATORE")], "90");
    assert_eq!(&rows[1][col("GRADO_INDICATORE")], "50");
    assert_eq!(&rows[1][col("ESITO_INDICATORE")], "Parzialmente raggiunto");
}

#[test]
fn the_demo_builds_both_reports() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let input = demo_input();
    let run = piao(&[
        "monitoraggio",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--al",
        "30/06/2026",
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(stdout(&run).contains("Monitoraggio_PIAO_2026_al_30-06-2026.pdf"));
    let run = piao(&[
        "relazione",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let text = pdf_text(&out.join("Relazione_performance_2026.pdf"));
    // The demo's public-value indicator whose target is below its baseline (fewer road
    // accidents: 64 → 60) measured 61: 60 ÷ 61 = 98,4%.
    assert!(
        text.contains("Incidenti stradali con feriti nel territorio comunale 64 60 61 98,4%"),
        "{text}"
    );
}

#[test]
fn long_and_irregular_monitoring_text_comes_out_as_typed() {
    let mut f = plan();
    let long = "Il ritardo dell'amministrazione dipende dall'approvvigionamento, dalla riorganizzazione del Settore e dall'assenza prolungata del responsabile del procedimento; ";
    let hostile = "=SUM(A1) #set text(red) $x$ <script>alert(1)</script> *non grassetto* [link](javascript:alert(1))";
    f.rows("performance", "avanzamento")[3][7] = format!("{}{hostile}", long.repeat(12));
    f.rows("performance", "revisioni")[0][5] =
        format!("{}\n- primo punto\n- secondo punto", long.repeat(6));
    f.rows("performance", "scostamenti")[0][3] = hostile.into();
    f.rows("performance", "misurazioni")[1][5] =
        "Dato certificato dall'Ufficio di statistica".into();
    let (tmp, dir, _) = model(&f);
    let out = tmp.path().join("out");
    for command in ["relazione", "monitoraggio"] {
        let run = piao(&[command, dir.to_str().unwrap(), "-o", out.to_str().unwrap()]);
        assert!(run.status.success(), "{command}: {}", stderr(&run));
    }
    let text = pdf_text(&out.join("Relazione_performance_2026.pdf"));
    assert!(text.contains("=SUM(A1) #set text(red) $x$ <script>alert(1)</script> *non grassetto* [link](javascript:alert(1))"), "{text}");
    assert!(text.contains("primo punto"), "{text}");
    let monitoring = pdf_text(&out.join("Monitoraggio_PIAO_2026_al_31-12-2026.pdf"));
    assert!(
        monitoring.contains("Dato certificato dall'Ufficio di statistica"),
        "{monitoring}"
    );
}

#[test]
fn a_phase_recorded_through_its_sub_phases_progresses_with_them() {
    // Phase 2 (60%) is detailed by 2a and 2b, recorded one by one; phase 2 itself is not.
    let mut f = plan();
    f.rows("performance", "fasi").extend([
        row(&[
            "SET1",
            "A",
            "2a",
            "Scansione primo lotto",
            "30%",
            "Archivio",
            "30/09/2026",
        ]),
        row(&[
            "SET1",
            "A",
            "2b",
            "Scansione secondo lotto",
            "30%",
            "Archivio",
            "30/11/2026",
        ]),
    ]);
    *f.rows("performance", "avanzamento") = vec![
        row(&[
            "SET1",
            "A",
            "1",
            "31/12/2026",
            "Conclusa",
            "",
            "28/04/2026",
            "",
        ]),
        row(&[
            "SET1",
            "A",
            "2a",
            "31/12/2026",
            "Conclusa",
            "",
            "20/09/2026",
            "",
        ]),
        row(&["SET1", "A", "2b", "31/12/2026", "In corso", "50%", "", ""]),
    ];
    let (_tmp, _, piao) = model(&f);
    let e = esiti::obiettivo(
        &piao.performance.obiettivi[0],
        date("31/12/2026"),
        &Relazione::default(),
    );
    let due = e.fasi.iter().find(|x| x.fase.numero == "2").unwrap();
    // (100% + 50%) ÷ 2 sub-phases of equal incidence; in progress; late (30/11 has passed).
    assert!((due.frazione - 0.75).abs() < 1e-9, "{}", due.frazione);
    assert_eq!(due.stato, Some(piao::model::ciclo::StatoFase::InCorso));
    assert!(due.in_ritardo && !due.foglia);
    // 0.4 × 100% + 0.6 × 75%.
    assert!(close(e.avanzamento, 0.85), "{:?}", e.avanzamento);
    // Only the phases nothing details are counted: 1, 2a, 2b.
    let c = esiti::conteggi(&[&e]);
    assert_eq!(
        (c.fasi, c.fasi_concluse, c.fasi_in_corso, c.fasi_in_ritardo),
        (3, 2, 1, 1)
    );
    assert_eq!(c.fasi_non_rilevate, 0);
}

#[test]
fn the_rule_and_thresholds_come_from_ente_yaml() {
    let mut f = plan();
    f.yaml
        .push_str("relazione:\n  regola: media\n  raggiunto: 85%\n  parziale: \"40\"\n");
    let (_tmp, _, plan_model) = model(&f);
    let r = &plan_model.relazione;
    assert_eq!(r.regola, Regola::Media);
    assert!((r.raggiunto - 0.85).abs() < 1e-12 && (r.parziale - 0.4).abs() < 1e-12);
    // (82% + 94%) ÷ 2 = 88%, at or above 85%: achieved.
    let e = esiti::obiettivo(&plan_model.performance.obiettivi[0], date("31/12/2026"), r);
    assert!(close(e.grado, 0.88));
    assert_eq!(e.esito, Esito::Raggiunto);

    // A rule that does not exist is refused at its line, in Italian.
    let mut f = plan();
    f.yaml.push_str("relazione:\n  regola: tutto\n");
    let tmp = tempfile::tempdir().unwrap();
    let dir = f.write(&tmp.path().join("in"));
    let out = piao(&["check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let text = format!("{}{}", stdout(&out), stderr(&out));
    assert!(
        text.contains("ente.yaml") && text.contains("tutto"),
        "{text}"
    );
}
