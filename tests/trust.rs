//! Trust (issue 8): no figure changes silently between the workbook and the outputs, what
//! `check` refuses `build` refuses with the same place, bounded resources, nothing read from
//! outside the input, terminal-safe messages.

mod common;

use common::fixture::Fixture;
use common::*;
use piao::diag::Report;
use std::path::Path;

fn check(f: &Fixture) -> Report {
    let tmp = tempfile::tempdir().unwrap();
    let dir = f.write(&tmp.path().join("in"));
    piao::pipeline::check(&dir).expect("check").report
}

/// The fixture's input folder with `personale` saved as .ods instead of .xlsx.
fn with_personale_as_ods(f: &Fixture, tmp: &Path) -> std::path::PathBuf {
    let dir = f.write(&tmp.join("in"));
    std::fs::remove_file(dir.join("personale.xlsx")).unwrap();
    common::fixture::write_ods(
        &piao::workbook::sheets::PERSONALE_WB,
        &f.sheets,
        &dir.join("personale.ods"),
    );
    dir
}

fn build(input: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "build",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    piao(&args)
}

#[test]
fn a_far_away_cell_is_refused_without_allocating_the_sheet() {
    let mut f = Fixture::default();
    f.extra.push((
        "personale",
        "strutture",
        1_048_575,
        16_383,
        "nota dimenticata".into(),
    ));
    let text = check(&f).to_text();
    assert!(
        text.contains("personale.xlsx › Strutture!XFD1048576: il foglio usa celle lontanissime"),
        "{text}"
    );
    // The other sheets are read as usual.
    assert!(!text.contains("Personale!"), "{text}");
}

#[test]
fn a_formula_without_its_result_is_an_error_even_in_an_optional_column() {
    let mut f = Fixture::default();
    f.set(
        "personale",
        "personale",
        0,
        "costo",
        "=NOCACHE 100000+60000",
    );
    let text = check(&f).to_text();
    assert!(
        text.contains("errore: personale.xlsx › Personale!I2 (colonna «Costo annuo (€)»): la cella contiene la formula =100000+60000 ma non il suo risultato"),
        "{text}"
    );
}

#[test]
fn merged_cells_give_their_value_to_every_row_they_cover() {
    let mut f = Fixture::default();
    f.set("personale", "personale", 1, "struttura", "");
    f.set("personale", "personale", 2, "struttura", "");
    f.merged
        .push(("personale", "personale", 2, 0, 3, 0, "SET2".into()));
    let tmp = tempfile::tempdir().unwrap();
    let dir = f.write(&tmp.path().join("in"));
    let checked = piao::pipeline::check(&dir).unwrap();
    let text = checked.report.to_text();
    assert!(
        text.contains("celle unite A3:A4: il valore «SET2» è letto in ognuna delle celle unite"),
        "{text}"
    );
    let piao = checked.loaded.piao.unwrap();
    let per_unit = piao.organizzazione.personale_per_struttura();
    let set2 = per_unit
        .iter()
        .find(|(name, _)| name == "Settore Tecnico")
        .expect("SET2");
    assert_eq!(
        set2.1.totale, 3,
        "2 dalla riga di SET2 e 1 dalla riga unita"
    );
    assert!(!per_unit.iter().any(|(name, _)| name == "Non assegnato"));

    // The figure reaches the PDF: the per-unit table shows SET2 with 3.
    let out = build(&dir, &tmp.path().join("out"), &["--senza-trasparenza"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = pdf_text(&tmp.path().join("out/PIAO_2026-2028.pdf"));
    assert!(pdf.contains("Settore Tecnico 2 1 3 0"), "{pdf}");
}

#[test]
fn control_characters_are_refused_at_their_cell_and_shown_escaped() {
    let mut f = Fixture::default();
    f.set(
        "personale",
        "strutture",
        0,
        "nome",
        "Settore \u{1b}[31mRosso\u{1b}[0m",
    );
    let tmp = tempfile::tempdir().unwrap();
    let dir = f.write(&tmp.path().join("in"));
    let out = piao(&["check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("Strutture!B2 (colonna «Denominazione»): il testo contiene il carattere di controllo U+001B"),
        "{text}"
    );
    assert!(
        !text.contains('\u{1b}'),
        "nessuna sequenza di escape sul terminale"
    );
    let json = stdout(&piao(&["check", dir.to_str().unwrap(), "--format", "json"]));
    assert!(!json.contains('\u{1b}'));
    serde_json::from_str::<serde_json::Value>(&json).unwrap();
}

#[test]
fn check_and_build_refuse_an_unprintable_cell_at_the_same_place() {
    let mut f = Fixture::default();
    f.set("personale", "formazione", 0, "titolo", "Corso di 漢字");
    let tmp = tempfile::tempdir().unwrap();
    let dir = f.write(&tmp.path().join("in"));
    let expected = "personale.xlsx › Formazione!A2 (colonna «Titolo del corso»): il carattere '漢' (U+6F22) non si può stampare";
    let checked = piao(&["check", dir.to_str().unwrap()]);
    assert_eq!(checked.status.code(), Some(1));
    assert!(stdout(&checked).contains(expected), "{}", stdout(&checked));
    let built = build(&dir, &tmp.path().join("out"), &[]);
    assert_eq!(built.status.code(), Some(1));
    assert!(stderr(&built).contains(expected), "{}", stderr(&built));
    assert!(!tmp.path().join("out").exists());
}

#[cfg(unix)]
#[test]
fn files_outside_the_input_and_fifos_are_never_read() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = Fixture::default().write(&tmp.path().join("in"));
    let secret = tmp.path().join("segreto.yaml");
    std::fs::rename(dir.join("ente.yaml"), &secret).unwrap();
    std::os::unix::fs::symlink(&secret, dir.join("ente.yaml")).unwrap();
    std::fs::remove_file(dir.join("anticorruzione.xlsx")).unwrap();
    let fifo = dir.join("anticorruzione.xlsx");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let out = piao(&["check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(
        text.contains("ente.yaml è un collegamento simbolico a un file fuori dalla cartella"),
        "{text}"
    );
    assert!(
        text.contains("anticorruzione.xlsx non è un file normale"),
        "{text}"
    );
}

#[cfg(unix)]
#[test]
fn a_template_linked_to_a_file_elsewhere_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = Fixture::default().write(&tmp.path().join("in"));
    let templates = tmp.path().join("modelli");
    std::fs::create_dir_all(&templates).unwrap();
    let elsewhere = tmp.path().join("altrove.typ");
    std::fs::write(&elsewhere, "= TESTO SEGRETO DI UN ALTRO FILE").unwrap();
    std::os::unix::fs::symlink(&elsewhere, templates.join("main.typ")).unwrap();
    let out = build(
        &dir,
        &tmp.path().join("out"),
        &["--templates", templates.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out)
            .contains("main.typ è un collegamento simbolico a un file fuori dalla cartella"),
        "{}",
        stderr(&out)
    );
    assert!(!tmp.path().join("out/PIAO_2026-2028.pdf").exists());
}

#[test]
fn an_unsafe_link_in_the_text_is_an_error_at_its_line() {
    let mut f = Fixture::default();
    f.yaml = f.yaml.replace(
        "Testo di prova.",
        "Vedere [la pagina](javascript:alert(1)) del Comune.",
    );
    let text = check(&f).to_text();
    assert!(
        text.contains("errore: ente.yaml:17:32 (sottosezioni.premessa.testo): collegamento 'javascript:alert(1)' non ammesso"),
        "{text}"
    );
}

#[test]
fn a_compressed_file_that_expands_to_gigabytes_is_refused_before_reading() {
    use std::io::Write;
    let tmp = tempfile::tempdir().unwrap();
    let dir = Fixture::default().write(&tmp.path().join("in"));
    let path = dir.join("personale.xlsx");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("xl/worksheets/sheet1.xml", deflated)
        .unwrap();
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..600 {
        zip.write_all(&zeros).unwrap();
    }
    zip.finish().unwrap();
    assert!(std::fs::metadata(&path).unwrap().len() < 10 << 20);
    let report = piao::pipeline::check(&dir).unwrap().report.to_text();
    assert!(
        report.contains(
            "personale.xlsx: il file compresso si espande a 600 MB, oltre il limite di 500 MB"
        ),
        "{report}"
    );
}

#[test]
fn a_template_that_never_ends_is_stopped_with_a_message() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = Fixture::default().write(&tmp.path().join("in"));
    let templates = tmp.path().join("modelli");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("main.typ"),
        "#let n = 0\n#for i in range(2000000000) { n = n + i }\n#n\n",
    )
    .unwrap();
    let start = std::time::Instant::now();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_piao"))
        .args([
            "build",
            dir.to_str().unwrap(),
            "-o",
            tmp.path().join("out").to_str().unwrap(),
            "--templates",
            templates.to_str().unwrap(),
        ])
        .env("PIAO_LIMITE_SECONDI", "2")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out)
            .contains("l'impaginazione e l'esportazione in PDF non sono terminate entro 2 secondi"),
        "{}",
        stderr(&out)
    );
    assert!(start.elapsed().as_secs() < 60);
    assert!(!tmp.path().join("out/PIAO_2026-2028.pdf").exists());
}

#[test]
fn one_broken_unit_code_is_one_message_that_names_its_row() {
    let mut f = Fixture::default();
    f.set("personale", "strutture", 1, "codice", "SETT2");
    let template = f.rows("personale", "personale")[1].clone();
    for _ in 0..6 {
        f.rows("personale", "personale").push(template.clone());
    }
    let report = check(&f);
    let text = report.to_text();
    assert!(
        text.contains("errore: personale.xlsx › Personale!A3 (colonna «Struttura»): struttura 'SET2' non presente nel foglio Strutture di personale.xlsx: la citano 7 righe del foglio Personale (questa è la prima); nessuna di esse viene letta"),
        "{text}"
    );
    assert!(
        text.contains("suggerimento: forse intendevi 'SETT2' (Strutture!A3)?"),
        "{text}"
    );
    assert_eq!(
        text.lines()
            .filter(|l| l.contains("Personale!") && l.contains("'SET2'"))
            .count(),
        1,
        "{text}"
    );
    // The report starts with ente.yaml and the units, in the order an office works.
    let files: Vec<&str> = text.lines().filter_map(|l| l.strip_prefix("== ")).collect();
    let personale = files
        .iter()
        .position(|f| f.starts_with("personale.xlsx › Personale"));
    let performance = files.iter().position(|f| f.starts_with("performance.xlsx"));
    assert!(
        personale < performance || performance.is_none(),
        "{files:?}"
    );
}

#[test]
fn a_password_protected_workbook_is_an_input_error_exit_1() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = Fixture::default().write(&tmp.path().join("in"));
    // The OLE container Excel saves an encrypted workbook in.
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend_from_slice(&[0u8; 512]);
    std::fs::write(dir.join("personale.xlsx"), &ole).unwrap();
    for args in [vec!["check"], vec!["build", "-o"]] {
        let mut args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        if args[0] == "build" {
            args.push(tmp.path().join("out").to_string_lossy().into_owned());
        }
        args.insert(1, dir.to_string_lossy().into_owned());
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = piao(&argv);
        assert_eq!(out.status.code(), Some(1), "{argv:?}");
        let text = format!("{}{}", stdout(&out), stderr(&out));
        assert!(text.contains("protetto da password"), "{text}");
    }
}

#[test]
fn a_template_error_is_in_italian_with_the_template_line() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = Fixture::default().write(&tmp.path().join("in"));
    let templates = tmp.path().join("modelli");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(templates.join("main.typ"), "= Titolo\n\n#pippo\n").unwrap();
    let out = build(
        &dir,
        &tmp.path().join("out"),
        &["--templates", templates.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("modello main.typ, riga 3, colonna 2: variabile sconosciuta: pippo"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn merged_cells_of_an_ods_file_are_read_the_same_way() {
    let mut f = Fixture::default();
    f.set("personale", "personale", 1, "struttura", "MERGE2 SET2");
    f.set("personale", "personale", 2, "struttura", "COVERED");
    let tmp = tempfile::tempdir().unwrap();
    let dir = with_personale_as_ods(&f, tmp.path());
    let checked = piao::pipeline::check(&dir).unwrap();
    let text = checked.report.to_text();
    assert!(
        text.contains("personale.ods › Personale: celle unite A3:A4: il valore «SET2» è letto in ognuna delle celle unite"),
        "{text}"
    );
    let piao = checked.loaded.piao.unwrap();
    let per_unit = piao.organizzazione.personale_per_struttura();
    let set2 = per_unit
        .iter()
        .find(|(n, _)| n == "Settore Tecnico")
        .unwrap();
    assert_eq!(set2.1.totale, 3);
}

#[test]
fn a_formula_without_its_result_in_an_ods_file_too() {
    let mut f = Fixture::default();
    f.set(
        "personale",
        "personale",
        0,
        "costo",
        "=NOCACHE 100000+60000",
    );
    let tmp = tempfile::tempdir().unwrap();
    let dir = with_personale_as_ods(&f, tmp.path());
    let text = piao::pipeline::check(&dir).unwrap().report.to_text();
    assert!(
        text.contains("personale.ods › Personale!I2 (colonna «Costo annuo (€)»): la cella contiene la formula =100000+60000 ma non il suo risultato"),
        "{text}"
    );
}

#[test]
fn phases_citing_a_missing_objective_are_one_message() {
    let mut f = Fixture::default();
    let template = f.rows("performance", "fasi")[0].clone();
    for n in 0..5 {
        let mut r = template.clone();
        r[1] = "Z".into();
        r[2] = format!("{}", n + 1);
        f.rows("performance", "fasi").push(r);
    }
    let text = check(&f).to_text();
    assert!(
        text.contains("l'obiettivo 'Z' della struttura SET1 non è nel foglio Obiettivi: la citano 5 righe del foglio Fasi (questa è la prima); nessuna di esse viene letta"),
        "{text}"
    );
    assert_eq!(text.matches("l'obiettivo 'Z'").count(), 1, "{text}");
}

#[test]
fn figures_typed_as_text_reach_the_pdf_as_typed() {
    let mut f = Fixture::default();
    // A cost typed as Italian text, a percentage as "0,175", a deadline as text.
    f.set("personale", "formazione", 0, "costo", "1.234,56");
    f.set("personale", "contingente", 1, "percentuale", "0,175");
    f.set("anticorruzione", "misure", 0, "scadenza", "30/06/2027");
    let tmp = tempfile::tempdir().unwrap();
    let dir = f.write(&tmp.path().join("in"));
    let out = build(&dir, &tmp.path().join("out"), &["--senza-trasparenza"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = pdf_text(&tmp.path().join("out/PIAO_2026-2028.pdf"));
    assert!(
        pdf.contains("Tutto il personale 8 40 € 1.234,56 Sì"),
        "{pdf}"
    );
    assert!(pdf.contains("2027 6 17,5%"), "{pdf}");
    assert!(pdf.contains("Marco Verdi 30/06/2027"), "{pdf}");
}

#[test]
fn a_cell_of_megabytes_is_refused_at_its_cell() {
    let mut f = Fixture::default();
    f.set(
        "personale",
        "strutture",
        0,
        "competenze",
        "=LONG 3000 Protocollo. ",
    );
    let text = check(&f).to_text();
    assert!(
        text.contains("Strutture!H2 (colonna «Competenze»): testo di 35.999 caratteri, oltre il limite di 32.767 caratteri per cella"),
        "{text}"
    );
}

#[test]
fn hundreds_of_thousands_of_blank_rows_cost_nothing() {
    let mut f = Fixture::default();
    // Cells that hold only a space, as a careless clear-with-spacebar leaves them.
    for r in (10..150_000).step_by(3) {
        f.extra.push(("personale", "strutture", r, 0, " ".into()));
    }
    let report = check(&f);
    assert!(!report.has_errors(), "{}", report.to_text());
}
