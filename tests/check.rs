//! `piao check` (issue 3): every rule reports at the right cell with the right words, all
//! problems come out in one run, and the exit codes are the documented ones.

mod common;

use common::fixture::{Fixture, row};
use common::*;
use piao::diag::{Report, Severity};

fn check(f: &Fixture) -> Report {
    let tmp = tempfile::tempdir().unwrap();
    let dir = f.write(&tmp.path().join("in"));
    piao::pipeline::check(&dir).expect("check").report
}

/// The diagnostics as "severity | location | message" lines.
fn lines(r: &Report) -> Vec<String> {
    r.sorted()
        .iter()
        .map(|d| {
            let sev = match d.severity {
                Severity::Error => "errore",
                Severity::Warning => "avviso",
            };
            format!("{sev} | {} | {}", d.location, d.message)
        })
        .collect()
}

fn assert_has(r: &Report, expected: &str) {
    let all = lines(r);
    assert!(
        all.iter().any(|l| l == expected),
        "atteso:\n  {expected}\ntrovati:\n  {}",
        all.join("\n  ")
    );
}

#[test]
fn the_valid_fixture_is_clean() {
    let r = check(&Fixture::default());
    assert!(lines(&r).is_empty(), "{}", r.to_text());
}

#[test]
fn text_in_a_number_column() {
    let mut f = Fixture::default();
    f.set("personale", "personale", 0, "donne", "quaranta");
    assert_has(
        &check(&f),
        "errore | personale.xlsx › Personale!E2 (colonna «Donne») | valore 'quaranta' non numerico: atteso un numero intero ≥ 0",
    );
}

#[test]
fn negative_count() {
    let mut f = Fixture::default();
    f.set("personale", "assunzioni", 0, "numero", "-2");
    assert_has(
        &check(&f),
        "errore | personale.xlsx › Assunzioni!E2 (colonna «Numero») | valore -2 negativo: atteso un numero intero ≥ 0",
    );
}

#[test]
fn formula_error_cells() {
    let mut f = Fixture::default();
    f.set("personale", "personale", 1, "costo", "=ERR #DIV/0!");
    f.set("personale", "personale", 2, "totale", "=ERR #REF!");
    let r = check(&f);
    assert_has(
        &r,
        "errore | personale.xlsx › Personale!I3 (colonna «Costo annuo (€)») | la cella contiene l'errore di formula #DIV/0!",
    );
    assert_has(
        &r,
        "errore | personale.xlsx › Personale!G4 (colonna «Totale») | la cella contiene l'errore di formula #RIF!",
    );
}

#[test]
fn closed_list_with_suggestion() {
    let mut f = Fixture::default();
    f.set("personale", "personale", 0, "area", "Istrutori");
    let r = check(&f);
    let d = r
        .items()
        .iter()
        .find(|d| d.location.to_string().contains("Personale!B2"))
        .expect("diagnostic");
    assert!(
        d.message.starts_with(
            "valore 'Istrutori' non ammesso: atteso uno tra 'Segretario', 'Dirigenti'"
        ),
        "{}",
        d.message
    );
    assert_eq!(d.hint.as_deref(), Some("forse intendevi 'Istruttori'?"));
}

#[test]
fn accepted_spellings_of_numbers_dates_and_percentages() {
    let mut f = Fixture::default();
    f.set("personale", "personale", 0, "costo", " 160.000,00 ");
    f.set("personale", "contingente", 0, "percentuale", "0.2");
    f.set("personale", "contingente", 1, "percentuale", "20");
    f.set("performance", "fasi", 0, "scadenza", "@2026-04-30");
    f.set("performance", "fasi", 1, "scadenza", "46356");
    f.set("personale", "strutture", 0, "codice", "  SET1  ");
    let r = check(&f);
    assert!(lines(&r).is_empty(), "{}", r.to_text());
}

#[test]
fn headers_in_any_order_case_and_accents_and_extra_columns() {
    let mut f = Fixture::default();
    // Swap two columns' content and headers by writing a custom sheet: simplest is to rely on
    // the reader's matching of "probabilita" without accent and upper case.
    f.rows("anticorruzione", "rischi")[0][5] = "medio".into();
    let tmp = tempfile::tempdir().unwrap();
    let dir = f.write(&tmp.path().join("in"));
    // Rewrite the risk sheet with shuffled, differently written headers and a notes column.
    let mut wb = rust_xlsxwriter::Workbook::new();
    for sheet in piao::workbook::sheets::ANTICORRUZIONE_WB.sheets {
        let ws = wb.add_worksheet();
        ws.set_name(sheet.name).unwrap();
        let rows = f
            .sheets
            .get(&("anticorruzione", sheet.key))
            .cloned()
            .unwrap_or_default();
        let mut order: Vec<usize> = (0..sheet.columns.len()).collect();
        order.reverse();
        for (c, &i) in order.iter().enumerate() {
            let header = sheet.columns[i].header.to_uppercase().replace('À', "A");
            ws.write_string(0, c as u16, header).unwrap();
            for (r, cells) in rows.iter().enumerate() {
                ws.write_string(r as u32 + 1, c as u16, &cells[i]).unwrap();
            }
        }
        ws.write_string(0, sheet.columns.len() as u16, "Note")
            .unwrap();
        ws.write_string(1, sheet.columns.len() as u16, "da rivedere")
            .unwrap();
    }
    wb.save(dir.join("anticorruzione.xlsx")).unwrap();
    let r = piao::pipeline::check(&dir).unwrap().report;
    assert_eq!(r.count(Severity::Error), 0, "{}", r.to_text());
    assert_has(
        &r,
        "avviso | anticorruzione.xlsx › Mappa dei rischi!H1 (colonna «Note») | colonna «Note» non prevista: viene ignorata",
    );
}

#[test]
fn missing_sheet_and_missing_column() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = Fixture::default().write(&tmp.path().join("in"));
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Mappa dei rischi").unwrap();
    ws.write_string(0, 0, "Codice").unwrap();
    ws.write_string(0, 1, "Processo").unwrap();
    wb.save(dir.join("anticorruzione.xlsx")).unwrap();
    let r = piao::pipeline::check(&dir).unwrap().report;
    assert_has(
        &r,
        "errore | anticorruzione.xlsx | manca il foglio «Misure»",
    );
    assert_has(
        &r,
        "errore | anticorruzione.xlsx › Mappa dei rischi | manca la colonna obbligatoria «Evento rischioso»",
    );
}

#[test]
fn duplicate_codes() {
    let mut f = Fixture::default();
    let dup = f.rows("personale", "strutture")[0].clone();
    f.rows("personale", "strutture").push(dup);
    let obj = f.rows("performance", "obiettivi")[0].clone();
    f.rows("performance", "obiettivi").push(obj);
    let r = check(&f);
    assert_has(
        &r,
        "errore | personale.xlsx › Strutture!A4 (colonna «Codice») | codice struttura 'SET1' duplicato",
    );
    assert_has(
        &r,
        "errore | performance.xlsx › Obiettivi!B3 (colonna «Codice») | nella struttura SET1 il codice obiettivo 'A' duplicato",
    );
}

#[test]
fn phase_weights_must_total_100() {
    let mut f = Fixture::default();
    f.set("performance", "fasi", 1, "incidenza", "50%");
    assert_has(
        &check(&f),
        "errore | performance.xlsx › Fasi!E2 (colonna «Incidenza %») | le fasi dell'obiettivo A (SET1) sommano 90%: atteso 100%",
    );
}

#[test]
fn phase_deadlines() {
    let mut f = Fixture::default();
    f.set("performance", "fasi", 0, "scadenza", "in corso d'anno");
    f.set("performance", "fasi", 1, "scadenza", "31/03/2029");
    f.set("performance", "obiettivi", 0, "scadenza", "30/06/2026");
    f.rows("performance", "fasi").push(row(&[
        "SET1",
        "A",
        "3",
        "Collaudo",
        "",
        "Archivio",
        "15/07/2026",
    ]));
    let r = check(&f);
    assert_has(
        &r,
        "avviso | performance.xlsx › Fasi!G2 (colonna «Scadenza») | scadenza 'in corso d'anno' non è una data: viene stampata così com'è",
    );
    assert_has(
        &r,
        "errore | performance.xlsx › Fasi!G3 (colonna «Scadenza») | scadenza 31/03/2029 fuori dal triennio 2026–2028",
    );
    assert_has(
        &r,
        "avviso | performance.xlsx › Fasi!G4 (colonna «Scadenza») | la fase scade il 15/07/2026, dopo la scadenza finale dell'obiettivo (30/06/2026)",
    );
    assert_has(
        &r,
        "avviso | performance.xlsx › Fasi!E4 (colonna «Incidenza %») | la fase 3 non ha incidenza %",
    );
}

#[test]
fn unknown_units_are_reported_where_referenced() {
    let mut f = Fixture::default();
    f.set("performance", "obiettivi", 0, "struttura", "SET9");
    f.set("personale", "lavoro_agile", 0, "struttura", "SET3");
    f.set("personale", "assunzioni", 0, "struttura", "Settore tecnico");
    let r = check(&f);
    assert_has(
        &r,
        "errore | performance.xlsx › Obiettivi!A2 (colonna «Struttura») | struttura 'SET9' non presente nel foglio Strutture di personale.xlsx",
    );
    assert_has(
        &r,
        "errore | personale.xlsx › Lavoro agile!A2 (colonna «Struttura») | struttura 'SET3' non presente nel foglio Strutture di personale.xlsx",
    );
    // A unit written by name instead of code is accepted.
    assert!(
        !lines(&r).iter().any(|l| l.contains("Assunzioni!B2")),
        "{}",
        r.to_text()
    );
}

#[test]
fn women_plus_men_and_smart_working_totals() {
    let mut f = Fixture::default();
    f.set("personale", "personale", 0, "totale", "6");
    f.set("personale", "lavoro_agile", 0, "effettivi", "7");
    let r = check(&f);
    assert_has(
        &r,
        "errore | personale.xlsx › Personale!G2 (colonna «Totale») | totale 6 diverso da donne + uomini (3 + 2 = 5)",
    );
    assert_has(
        &r,
        "errore | personale.xlsx › Lavoro agile!F2 (colonna «Totale effettivo») | totale effettivo 7 maggiore dei dipendenti con accordo (4)",
    );
}

#[test]
fn contingent_floor_and_years_inside_the_triennio() {
    let mut f = Fixture::default();
    f.set("personale", "contingente", 0, "percentuale", "10%");
    f.set("personale", "assunzioni", 0, "anno", "2030");
    let r = check(&f);
    assert_has(
        &r,
        "avviso | personale.xlsx › Contingente lavoro agile!C2 (colonna «Contingente (%)») | contingente 10% sotto il minimo di legge del 15%",
    );
    assert_has(
        &r,
        "errore | personale.xlsx › Assunzioni!A2 (colonna «Anno») | anno 2030 fuori dal triennio 2026–2028",
    );
}

#[test]
fn training_hours_per_head_below_target() {
    let mut f = Fixture::default();
    f.set("personale", "formazione", 0, "ore", "10");
    let r = check(&f);
    assert_has(
        &r,
        "avviso | personale.xlsx › Formazione | ore di formazione programmate per dipendente: 10 (obiettivo: 40 ore l'anno)",
    );
}

#[test]
fn all_problems_in_one_run() {
    let mut f = Fixture::default();
    f.set("personale", "personale", 0, "donne", "x");
    f.set("performance", "fasi", 0, "incidenza", "abc");
    f.set("anticorruzione", "rischi", 0, "impatto", "Altissimo");
    let r = check(&f);
    assert_eq!(r.count(Severity::Error), 3, "{}", r.to_text());
}

#[test]
fn files_that_are_not_workbooks() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = Fixture::default().write(&tmp.path().join("in"));
    // A renamed text document (a zip without a workbook), a truncated file, and an OLE file
    // as a password-protected workbook is saved.
    let mut zip = b"PK\x03\x04".to_vec();
    zip.extend_from_slice(&[0u8; 64]);
    std::fs::write(dir.join("anticorruzione.xlsx"), &zip).unwrap();
    let good = std::fs::read(dir.join("performance.xlsx")).unwrap();
    std::fs::write(dir.join("performance.xlsx"), &good[..good.len() / 2]).unwrap();
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend_from_slice(&[0u8; 512]);
    std::fs::write(dir.join("personale.xlsx"), &ole).unwrap();
    let r = piao::pipeline::check(&dir).unwrap().report;
    for file in ["anticorruzione.xlsx", "performance.xlsx", "personale.xlsx"] {
        let d = r
            .items()
            .iter()
            .find(|d| d.location.to_string() == file)
            .unwrap_or_else(|| panic!("{file}: {}", r.to_text()));
        assert!(
            d.message
                .starts_with("il file non è una cartella di lavoro leggibile"),
            "{}",
            d.message
        );
    }
    let ole = r
        .items()
        .iter()
        .find(|d| d.location.to_string() == "personale.xlsx")
        .unwrap();
    assert!(
        ole.hint
            .as_deref()
            .unwrap()
            .contains("protetto da password")
    );
}

#[test]
fn empty_workbook_sheet() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = Fixture::default().write(&tmp.path().join("in"));
    let mut wb = rust_xlsxwriter::Workbook::new();
    for sheet in piao::workbook::sheets::ANTICORRUZIONE_WB.sheets {
        wb.add_worksheet().set_name(sheet.name).unwrap();
    }
    wb.save(dir.join("anticorruzione.xlsx")).unwrap();
    let r = piao::pipeline::check(&dir).unwrap().report;
    assert_has(
        &r,
        "errore | anticorruzione.xlsx › Misure | il foglio è vuoto: manca la riga di intestazione",
    );
}

#[test]
fn yaml_problems_have_line_column_and_key() {
    let mut f = Fixture::default();
    f.yaml = f.yaml.replace(
        "  popolazione: 4200",
        "  popolazione: 4200\n  sindco: \"Mario Rossi\"",
    );
    let r = check(&f);
    let d = r
        .items()
        .iter()
        .find(|d| d.location.to_string().starts_with("ente.yaml"))
        .expect("yaml");
    assert_eq!(d.location.to_string(), "ente.yaml:5:3 (ente.sindco)");
    assert_eq!(d.message, "chiave 'sindco' non prevista");
    assert_eq!(d.hint.as_deref(), Some("forse intendevi 'sindaco'?"));
}

#[test]
fn yaml_wrong_type() {
    let mut f = Fixture::default();
    f.yaml = f.yaml.replace("popolazione: 4200", "popolazione: tante");
    let r = check(&f);
    let d = r
        .items()
        .iter()
        .find(|d| d.location.to_string().starts_with("ente.yaml"))
        .expect("yaml");
    assert!(
        d.location.to_string().starts_with("ente.yaml:4:"),
        "{}",
        d.location
    );
    assert!(d.message.contains("tante"), "{}", d.message);
}

#[test]
fn yaml_alias_bomb_is_refused() {
    let mut f = Fixture::default();
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let prev = format!("*a{}", i - 1);
        bomb.push_str(&format!(
            "a{i}: &a{i} [{}]\n",
            [prev.as_str(); 10].join(", ")
        ));
    }
    f.yaml = format!("{bomb}{}", f.yaml);
    let r = check(&f);
    assert!(r.has_errors());
    assert!(
        r.items()
            .iter()
            .any(|d| d.location.to_string().starts_with("ente.yaml")),
        "{}",
        r.to_text()
    );
}

#[test]
fn exit_codes_and_json() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = Fixture::default().write(&tmp.path().join("in"));
    let d = dir.to_str().unwrap();
    assert_eq!(piao(&["check", d]).status.code(), Some(0));
    let mut f = Fixture::default();
    f.set("personale", "personale", 0, "donne", "x");
    let bad = f.write(&tmp.path().join("bad"));
    let out = piao(&["check", bad.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    assert_eq!(json["errori"], 1);
    assert_eq!(json["problemi"][0]["posizione"]["cell"], "E2");
    assert_eq!(piao(&["check", "/nonexistent/piao"]).status.code(), Some(2));
    assert_eq!(piao(&["check", "--bogus"]).status.code(), Some(2));
    // build refuses to produce anything on errors.
    let out_dir = tmp.path().join("out");
    let out = piao(&[
        "build",
        bad.to_str().unwrap(),
        "-o",
        out_dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!out_dir.exists());
}

#[test]
fn input_files_are_never_modified() {
    let (_tmp, input) = demo_copy();
    let before: Vec<(String, Vec<u8>)> = snapshot(&input);
    let out = piao(&["check", input.to_str().unwrap()]);
    assert!(out.status.success());
    assert_eq!(snapshot(&input), before);
}

fn snapshot(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect();
    files.sort();
    files
}

#[test]
fn ods_workbooks_as_libreoffice_saves_them() {
    let f = Fixture::default();
    let tmp = tempfile::tempdir().unwrap();
    let dir = f.write(&tmp.path().join("in"));
    std::fs::remove_file(dir.join("performance.xlsx")).unwrap();
    common::fixture::write_ods(
        &piao::workbook::sheets::PERFORMANCE_WB,
        &f.sheets,
        &dir.join("performance.ods"),
    );
    let checked = piao::pipeline::check(&dir).unwrap();
    assert!(
        lines(&checked.report).is_empty(),
        "{}",
        checked.report.to_text()
    );
    let piao = checked.loaded.piao.unwrap();
    let o = &piao.performance.obiettivi[0];
    assert_eq!(o.fasi[0].incidenza, Some(0.4));
    assert_eq!(
        o.fasi[1].scadenza,
        piao::model::Deadline::Date(chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap())
    );
}

/// The words offices use for closed-list values are read as the list's values and listed
/// once per column; old categories are read as the areas that replaced them.
#[test]
fn offices_words_are_read_and_listed_once() {
    let mut f = Fixture::default();
    f.set("personale", "strutture", 0, "incarico", "P.O.");
    f.set("personale", "strutture", 1, "incarico", "Titolare di P.O.");
    f.set("personale", "personale", 0, "area", "Cat. C");
    f.set("personale", "formazione", 0, "modalita", "webinar");
    let r = check(&f);
    assert!(!r.has_errors(), "{}", r.to_text());
    assert_has(
        &r,
        "avviso | personale.xlsx › Strutture!E2 (colonna «Incarico») | valori letti con il nome dell'elenco: «P.O.» come «Responsabile EQ», «Titolare di P.O.» come «Responsabile EQ»",
    );
    assert_has(
        &r,
        "avviso | personale.xlsx › Formazione!C2 (colonna «Modalità») | valori letti con il nome dell'elenco: «webinar» come «A distanza sincrona»",
    );
    let categories = r
        .items()
        .iter()
        .find(|d| d.message.contains("«Cat. C» come «Istruttori»"))
        .expect("categoria letta come area");
    assert!(
        categories
            .hint
            .as_deref()
            .unwrap()
            .contains("sostituite dalle aree")
    );

    // A plan before the 2023 contract is not told its categories are old words.
    f.yaml = f.yaml.replace("2026-2028", "2022-2024");
    let r = check(&f);
    let categories = r
        .items()
        .iter()
        .find(|d| d.message.contains("«Cat. C» come «Istruttori»"))
        .expect("categoria letta come area");
    assert!(!categories.hint.as_deref().unwrap().contains("sostituite"));

    // A word that could mean two values is not guessed.
    let mut f = Fixture::default();
    f.set("personale", "personale", 0, "contratto", "Comando");
    assert!(check(&f).has_errors());
}

#[test]
fn a_code_that_names_nothing_gets_the_likely_one() {
    let mut f = Fixture::default();
    f.set("performance", "fasi", 0, "obiettivo", "AA");
    let r = check(&f);
    let d = r
        .items()
        .iter()
        .find(|d| {
            d.message
                .contains("l'obiettivo 'AA' della struttura SET1 non è nel foglio Obiettivi")
        })
        .expect("obiettivo sconosciuto");
    assert_eq!(d.hint.as_deref(), Some("forse intendevi «A»?"));
}

/// ente.yaml is written by people: Italian numbers and counts with their unit are read, a
/// triennio with a slash too, and every wrong value of the file is reported in one run.
#[test]
fn ente_yaml_as_people_write_it() {
    let mut f = Fixture::default();
    f.yaml = f
        .yaml
        .replace(
            "popolazione: 4200",
            "popolazione: 4.200\n  dipendenti: \"n. 8 dipendenti\"\n  provincia: Verona",
        )
        .replace("triennio: \"2026-2028\"", "triennio: \"2026/2028\"");
    let tmp = tempfile::tempdir().unwrap();
    let dir = f.write(&tmp.path().join("in"));
    let checked = piao::pipeline::check(&dir).unwrap();
    assert!(!checked.report.has_errors(), "{}", checked.report.to_text());
    let piao = checked.loaded.piao.unwrap();
    assert_eq!(piao.ente.popolazione, Some(4200));
    assert_eq!(piao.ente.dipendenti, Some(8));
    assert_eq!(piao.piano.triennio.primo, 2026);

    let mut f = Fixture::default();
    f.yaml = f
        .yaml
        .replace("popolazione: 4200", "popolazione: 2.5\n  dipendenti: molti")
        .replace(
            "organo: \"Giunta comunale\"",
            "organo: \"Giunta comunale\"\n  data_documento: ieri",
        );
    let r = check(&f);
    let all = lines(&r);
    for expected in [
        "valore '2.5' non valido: atteso un numero intero, come 2087 o 2.087",
        "valore 'molti' non valido: atteso un numero intero, come 2087 o 2.087",
        "ieri",
    ] {
        assert!(
            all.iter()
                .any(|l| l.starts_with("errore | ente.yaml:") && l.contains(expected)),
            "atteso «{expected}» tra:\n{}",
            all.join("\n")
        );
    }
}

/// Each wrong value of ente.yaml is reported once, at its line, and a wrong required value
/// does not hide the next one.
#[test]
fn ente_yaml_errors_once_each_and_all_of_them() {
    let mut f = Fixture::default();
    f.yaml = f.yaml.replace(
        "triennio: \"2026-2028\"\n  tipo: automatico",
        "triennio: \"2026-2029\"\n  tipo: semplice\n  aggiornamento: ieri",
    );
    let r = check(&f);
    let yaml: Vec<String> = lines(&r)
        .into_iter()
        .filter(|l| l.contains("ente.yaml:"))
        .collect();
    assert_eq!(yaml.len(), 3, "{}", yaml.join("\n"));
    assert!(yaml[0].contains("triennio '2026-2029' non valido"));
    assert!(yaml[1].contains(
        "valore 'semplice' non ammesso: atteso uno tra automatico, ordinario, semplificato"
    ));
    assert!(yaml[2].contains("data 'ieri' non valida"));
}

/// A phase without weight whose sub-phases carry the weights adds up; "F1.10" is not a
/// sub-phase of "F1.1".
#[test]
fn phase_numbers_as_cards_write_them() {
    let mut f = Fixture::default();
    let rows = f.rows("performance", "fasi");
    rows.clear();
    // (Codes that look like numbers would be written as numbers by the fixture: "F1.1".)
    for (n, w) in [
        ("F1", ""),
        ("F1a", "30%"),
        ("F1b", "30%"),
        ("F1.1", "20%"),
        ("F1.10", "20%"),
    ] {
        rows.push(row(&["SET1", "A", n, "Attività", w, "", "@2026-06-30"]));
    }
    let r = check(&f);
    assert!(
        !lines(&r)
            .iter()
            .any(|l| l.contains("sommano") || l.contains("non ha incidenza")),
        "{}",
        r.to_text()
    );
}
