//! A real plan, as its offices wrote it (issue 9): the objectives and phases of the PIAO
//! 2024-2026 of the Comune di Lamezia Terme (`tests/fixtures/lamezia-terme/`, source in its
//! README) build with no errors, only the warnings a reader of the source would agree with, and
//! every objective, phase, weight, date, expected result and total of the source in the PDF.

mod common;

use common::*;
use piao::workbook::sheets::{PERFORMANCE_WB, PERSONALE_WB};
use piao::workbook::template;
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lamezia-terme")
}

/// The input folder: the fixture's ente.yaml and its CSV sheets written as workbooks.
fn input(dir: &Path) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::copy(fixture().join("ente.yaml"), dir.join("ente.yaml")).unwrap();
    for wb in [&PERSONALE_WB, &PERFORMANCE_WB] {
        let fill = template::fill_from_csv(&fixture(), wb).unwrap();
        std::fs::write(
            dir.join(wb.file_name()),
            template::write(wb, &fill).unwrap(),
        )
        .unwrap();
    }
    dir.to_path_buf()
}

#[test]
fn the_real_plan_checks_with_only_the_warnings_a_reader_agrees_with() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = input(&tmp.path().join("in"));
    let report = piao::pipeline::check(&dir).unwrap().report;
    assert!(!report.has_errors(), "{}", report.to_text());
    let mut warnings: Vec<String> = report
        .items()
        .iter()
        .map(|d| format!("{} | {}", d.location, d.message))
        .collect();
    warnings.sort();
    let expected = [
        // The source gives no indicators.
        "performance.xlsx › Obiettivi!B2 (colonna «Codice») | l'obiettivo 13 non ha indicatori nel foglio Indicatori",
        "performance.xlsx › Obiettivi!B3 (colonna «Codice») | l'obiettivo 54 non ha indicatori nel foglio Indicatori",
        "performance.xlsx › Obiettivi!B4 (colonna «Codice») | l'obiettivo 93 non ha indicatori nel foglio Indicatori",
        // The office's word for the unit type.
        "personale.xlsx › Strutture!C4 (colonna «Tipo») | valori letti con il nome dell'elenco: «U.O.A.» come «Servizio autonomo»",
        // No rendiconti in the extract.
        "personale.xlsx › Capacità assunzionale | il foglio è vuoto: il PIAO non conterrà il calcolo della capacità assunzionale del DM 17 marzo 2020",
    ];
    for e in expected {
        assert!(
            warnings.iter().any(|w| w == e),
            "atteso «{e}» tra:\n{}",
            warnings.join("\n")
        );
    }
    // The rest concern only what the extract leaves out of the publication: identity codes
    // and the units' contacts for the ANAC scheme.
    for w in &warnings {
        let known = expected.contains(&w.as_str())
            || w.contains("codice fiscale")
            || w.contains("codice IPA")
            || w.contains("indirizzo e-mail di contatto")
            || w.contains("schema ANAC");
        assert!(known, "avviso inatteso: {w}");
    }
}

#[test]
fn every_objective_phase_date_and_total_of_the_source_is_in_the_pdf() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = input(&tmp.path().join("in"));
    let out_dir = tmp.path().join("out");
    let out = piao(&[
        "build",
        dir.to_str().unwrap(),
        "-o",
        out_dir.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Long elided words may carry an invisible break opportunity in table cells.
    let text = fold(&pdf_text(&out_dir.join("PIAO_2024-2026.pdf")))
        .replace("\u{200B} ", "")
        .replace('\u{200B}', "");
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    for objective in csv_rows("performance--obiettivi.csv") {
        for expected in [
            format!("Obiettivo {} – {}", objective[1], objective[2]),
            format!("Tipo di obiettivo {}", objective[14]),
            objective[0].clone(),
        ] {
            assert!(
                text.contains(&squash(&expected)),
                "manca «{expected}» in:\n{text}"
            );
        }
    }
    // Text extraction reads a table's small type and a split row in its own order: each
    // piece of a phase is looked for on its own.
    for phase in csv_rows("performance--fasi.csv") {
        for expected in [
            phase[3].clone(),
            format!("{}%", phase[4]),
            format!("dal {} al {}", phase[7], phase[6]),
            format!("Risultato atteso: {}", phase[8]),
        ] {
            assert!(
                text.contains(&squash(&expected)),
                "manca «{expected}» in:\n{text}"
            );
        }
    }
    assert_eq!(text.matches("Totale 100%").count(), 3, "{text}");
    for expected in [
        "Comune di Lamezia Terme Provincia di Catanzaro",
        "Allegato alla deliberazione della Giunta comunale n. 240 del 09/08/2024",
        "Responsabile: Ida Virginia Bufano",
        "Scadenza finale Risultato atteso — —",
    ] {
        assert!(text.contains(expected), "manca «{expected}» in:\n{text}");
    }
}

fn csv_rows(name: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_path(fixture().join(name))
        .unwrap()
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}
