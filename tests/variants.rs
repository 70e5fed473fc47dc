//! Variants of the plan a real administration meets: the simplified PIAO, a sub-section that
//! refers to a separate act, restyled templates.

mod common;

use common::fixture::Fixture;
use common::*;

fn build(dir: &std::path::Path, out: &std::path::Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["build", dir.to_str().unwrap(), "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    piao(&args)
}

#[test]
fn simplified_piao_marks_optional_sections_and_can_be_forced_ordinary() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = Fixture::default().write(&tmp.path().join("in"));
    std::fs::remove_file(dir.join("performance.xlsx")).unwrap();
    let out = build(&dir, &tmp.path().join("out"), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("manca performance.xlsx: le sottosezioni 2.1, 2.2 e 4"));
    let text = pdf_text(&tmp.path().join("out/PIAO_2026-2028.pdf"));
    assert!(text.contains("PIAO semplificato (art. 6 DM 132/2022)"));
    assert!(text.contains(
        "2.2 Performance Sottosezione non obbligatoria per le amministrazioni con non più di 50 dipendenti (art. 6 DM 132/2022)."
    ), "{text}");

    // Forced ordinary, the same input lacks a required workbook.
    let yaml = dir.join("ente.yaml");
    edit(&yaml, "tipo: automatico", "tipo: ordinario");
    let out = build(&dir, &tmp.path().join("out2"), &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out)
            .contains("manca il file performance.xlsx (o .ods), richiesto dal PIAO ordinario")
    );
}

#[test]
fn rinvio_replaces_the_risk_workbook() {
    let mut f = Fixture::default();
    f.yaml.push_str(
        "  rischi_corruttivi:\n    rinvio:\n      atto: \"PTPCT 2026-2028 approvato con deliberazione n. 12 del 20/01/2026\"\n      url: \"https://www.comune.prova.example.it/ptpct\"\n",
    );
    let tmp = tempfile::tempdir().unwrap();
    let dir = f.write(&tmp.path().join("in"));
    std::fs::remove_file(dir.join("anticorruzione.xlsx")).unwrap();
    let out = build(&dir, &tmp.path().join("out"), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = pdf_text(&tmp.path().join("out/PIAO_2026-2028.pdf"));
    assert!(text.contains(
        "Per i contenuti di questa sottosezione si rinvia a: PTPCT 2026-2028 approvato con deliberazione n. 12 del 20/01/2026, pubblicato all'indirizzo https://www.comune.prova.example.it/ptpct"
    ), "{text}");
}

#[test]
fn templates_override_and_refused_packages() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = Fixture::default().write(&tmp.path().join("in"));
    let tpl = tmp.path().join("tpl");
    std::fs::create_dir_all(&tpl).unwrap();
    std::fs::write(
        tpl.join("main.typ"),
        "#let d = json(\"/data.json\")\n#set document(title: d.meta.titolo)\n#set text(font: \"Titillium Web\", lang: \"it\")\nModello della casa: #d.ente.denominazione\n",
    )
    .unwrap();
    let t = tpl.to_str().unwrap();
    let out = build(&dir, &tmp.path().join("out"), &["--templates", t]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = pdf_text(&tmp.path().join("out/PIAO_2026-2028.pdf"));
    assert_eq!(text, "Modello della casa: Comune di Prova");

    std::fs::write(
        tpl.join("main.typ"),
        "#import \"@preview/cetz:0.3.0\"\nciao\n",
    )
    .unwrap();
    let out = build(&dir, &tmp.path().join("out2"), &["--templates", t]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("modello main.typ, riga 1, colonna"),
        "{}",
        stderr(&out)
    );
    assert!(!tmp.path().join("out2").exists());

    std::fs::write(tpl.join("main.typ"), "#read(\"../../etc/passwd\")\n").unwrap();
    let out = build(&dir, &tmp.path().join("out3"), &["--templates", t]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn characters_without_glyph_are_an_input_error_not_a_crash() {
    let mut f = Fixture::default();
    f.yaml = f.yaml.replace(
        "  popolazione: 4200",
        "  popolazione: 4200\n  indirizzo: \"Via 漢 1\"",
    );
    let tmp = tempfile::tempdir().unwrap();
    let dir = f.write(&tmp.path().join("in"));
    let out = build(&dir, &tmp.path().join("out"), &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("errore: ente.yaml:5:19: il carattere '漢' (U+6F22) non si può stampare con i caratteri del documento, nel testo «Via 漢 1»"),
        "{}",
        stderr(&out)
    );
    assert!(!tmp.path().join("out").exists());
}

/// A folder fresh from `piao init` with only the name filled is not a plan: `check` says what
/// is missing; a final build refuses it; a draft builds, marked BOZZA on every page.
#[test]
fn an_incomplete_plan_is_refused_as_final_and_built_as_a_marked_draft() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("nuovo");
    assert!(piao(&["init", dir.to_str().unwrap()]).status.success());
    edit(
        &dir.join("ente.yaml"),
        "denominazione: \"Comune di ...\"",
        "denominazione: \"Comune di Nuovo\"",
    );

    let check = piao(&["check", dir.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(1), "{}", stdout(&check));
    let report = stdout(&check);
    for expected in [
        "errore: personale.xlsx › Personale: nessun dipendente indicato: senza il personale in servizio non si può stabilire se il PIAO è ordinario o semplificato (soglia di 50 dipendenti)",
        "errore: ente.yaml: sottosezione 2.2 Performance vuota: è obbligatoria nel PIAO ordinario",
        "errore: ente.yaml: sottosezione 2.3 Rischi corruttivi e trasparenza vuota: è obbligatoria nel PIAO ordinario",
        "errore: ente.yaml: sottosezione 3.3.1 Piano triennale dei fabbisogni di personale vuota: è obbligatoria nel PIAO ordinario",
        "per far circolare una bozza con i dati mancanti: `piao build --bozza`",
    ] {
        assert!(
            report.contains(expected),
            "manca «{expected}» in:\n{report}"
        );
    }
    assert!(!report.contains("Nessun problema trovato"));

    let out = tmp.path().join("out");
    let final_build = piao(&["build", dir.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(final_build.status.code(), Some(1));
    assert!(!out.join("PIAO_2026-2028.pdf").exists());

    let draft = piao(&[
        "build",
        dir.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--bozza",
    ]);
    assert!(draft.status.success(), "{}", stderr(&draft));
    assert!(stderr(&draft).contains("avviso: ente.yaml: sottosezione 2.2 Performance vuota"));
    let pdf = out.join("PIAO_2026-2028_BOZZA.pdf");
    assert!(!out.join("PIAO_2026-2028.pdf").exists());
    let pages = pages(&pdf);
    for page in 1..=pages {
        let text = std::process::Command::new("pdftotext")
            .args([
                "-f",
                &page.to_string(),
                "-l",
                &page.to_string(),
                pdf.to_str().unwrap(),
                "-",
            ])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&text.stdout);
        assert!(text.contains("BOZZA"), "pagina {page} senza BOZZA:\n{text}");
    }
    let text = fold(&pdf_text(&pdf));
    assert!(text.contains("BOZZA – documento non approvato, da non pubblicare"));
    assert!(
        text.contains(
            "PIAO ordinario o semplificato: da stabilire (manca il personale in servizio)"
        )
    );
    assert!(text.contains("Dipendenti in servizio n.d."), "{text}");
    assert!(!text.contains("Dipendenti in servizio 0"));
    assert!(out.join("trasparenza-bozza/index.html").exists());
    assert!(!out.join("trasparenza").exists());
}

#[test]
fn a_complete_plan_carries_no_draft_mark_and_dates_its_staff_figures() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = Fixture::default().write(&tmp.path().join("in"));
    let out = build(&dir, &tmp.path().join("out"), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = fold(&pdf_text(&tmp.path().join("out/PIAO_2026-2028.pdf")));
    assert!(!text.contains("BOZZA"));
    assert!(
        text.contains("Dipendenti in servizio 8 al 31/12/2025"),
        "{text}"
    );
    assert!(text.contains("Personale in servizio al 31 dicembre 2025"));
}

/// What real plans leave blank is accepted and printed as a dash or "n.d.", never as a zero;
/// what an office fills is printed (a course's period and provider, a unit's competences).
#[test]
fn blanks_are_printed_as_unknown_and_every_filled_column_is_printed() {
    let mut f = Fixture::default();
    // A staff row without the split by sex.
    f.set("personale", "personale", 1, "donne", "");
    f.set("personale", "personale", 1, "uomini", "");
    // A course still being designed: no hours, no cost; another with period and provider.
    f.set("personale", "formazione", 0, "ore", "");
    f.set("personale", "formazione", 0, "costo", "");
    f.set(
        "personale",
        "formazione",
        0,
        "periodo",
        "secondo semestre, dopo l'approvazione del bilancio",
    );
    f.set(
        "personale",
        "formazione",
        0,
        "erogatore",
        "Unione dei comuni della Valle",
    );
    // A qualitative indicator: no numeric target for the first year.
    f.set("performance", "indicatori", 0, "target1", "");
    f.set(
        "personale",
        "strutture",
        0,
        "competenze",
        "Segreteria, protocollo e servizi demografici",
    );
    let tmp = tempfile::tempdir().unwrap();
    let dir = f.write(&tmp.path().join("in"));
    let out = build(&dir, &tmp.path().join("out"), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("errore"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("1 corso su 1 senza ore"),
        "{}",
        stderr(&out)
    );
    // In table cells a long elided word may break after its apostrophe, where the PDF holds
    // an invisible zero-width space.
    let text = fold(&pdf_text(&tmp.path().join("out/PIAO_2026-2028.pdf")))
        .replace("\u{200B} ", "")
        .replace('\u{200B}', "");
    for expected in [
        // Staff by area: the Funzionari row and the totals have no split by sex.
        "Funzionari e EQ — — 2 0",
        "Totale — — 8 1",
        // Training: hours and cost unknown, totals say so.
        "Tutto il personale 8 — — Sì",
        "Periodo: secondo semestre, dopo l'approvazione del bilancio; Erogatore: Unione dei comuni della Valle",
        "Ore di formazione programmate: n.d. (un corso non indica le ore). Costo complessivo: non indicato.",
        // The indicator without a first-year target.
        "Pratiche digitalizzate — % — 90% 100%",
        "Competenze: Segreteria, protocollo e servizi demografici",
    ] {
        assert!(text.contains(expected), "manca «{expected}» in:\n{text}");
    }
    assert!(!text.contains("0 ore"), "{text}");
}

/// Line breaks typed inside a cell (Alt+Invio) stay line breaks, and lines that start with a
/// dash become a bulleted list, with their text untouched.
#[test]
fn line_breaks_and_lists_inside_a_cell_reach_the_pdf() {
    let mut f = Fixture::default();
    f.set(
        "performance",
        "obiettivi",
        0,
        "descrizione",
        "Digitalizzare l'archivio corrente.\nPriorità:\n- pratiche edilizie dal 2015\n- contratti *rogati* dal Segretario\nSegue la verifica #1 del Nucleo.",
    );
    let tmp = tempfile::tempdir().unwrap();
    let dir = f.write(&tmp.path().join("in"));
    let out = build(&dir, &tmp.path().join("out"), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let raw = std::process::Command::new("pdftotext")
        .args([
            tmp.path().join("out/PIAO_2026-2028.pdf").to_str().unwrap(),
            "-",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&raw.stdout);
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let at = lines
        .iter()
        .position(|l| l.ends_with("Digitalizzare l'archivio corrente."))
        .unwrap_or_else(|| panic!("{text}"));
    assert_eq!(lines[at + 1], "Priorità:", "{text}");
    assert!(
        lines[at + 2].starts_with('•') && lines[at + 2].ends_with("pratiche edilizie dal 2015"),
        "{text}"
    );
    assert!(
        lines[at + 3].ends_with("contratti *rogati* dal Segretario"),
        "{text}"
    );
    assert_eq!(lines[at + 4], "Segue la verifica #1 del Nucleo.", "{text}");
}

/// What real plans have: a responsible per objective, sub-phases, the EQ posts, the activities
/// that cannot be done remotely, the training budget, the administration's own titles.
#[test]
fn what_real_plans_have_reaches_the_pdf() {
    let mut f = Fixture::default();
    f.set(
        "performance",
        "obiettivi",
        0,
        "responsabile",
        "Dott. Paolo Neri",
    );
    // Phase 2 (60%) detailed by 2a and 2b: the total stays 100%.
    f.rows("performance", "fasi").push(common::fixture::row(&[
        "SET1",
        "A",
        "2a",
        "Scansione dei fascicoli edilizi",
        "40%",
        "Archivio",
        "@2026-09-30",
    ]));
    f.rows("performance", "fasi").push(common::fixture::row(&[
        "SET1",
        "A",
        "2b",
        "Indicizzazione",
        "20%",
        "Archivio",
        "@2026-11-30",
    ]));
    f.set(
        "personale",
        "lavoro_agile",
        0,
        "non_remotizzabili",
        "Sportello del protocollo; celebrazione dei matrimoni",
    );
    f.rows("personale", "budget_formazione")
        .push(common::fixture::row(&["2026", "5000", "1000", "", "2500"]));
    f.yaml
        .push_str("  formazione:\n    titolo: \"Piano delle competenze 2026\"\n");
    let tmp = tempfile::tempdir().unwrap();
    let dir = f.write(&tmp.path().join("in"));
    let out = build(&dir, &tmp.path().join("out"), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("sommano"), "{}", stderr(&out));
    let text = fold(&pdf_text(&tmp.path().join("out/PIAO_2026-2028.pdf")));
    for expected in [
        "Responsabile dell'obiettivo Dott. Paolo Neri",
        "2a Scansione dei fascicoli edilizi 40% Archivio 30/09/2026",
        "Totale 100%",
        "Incarichi di Elevata Qualificazione Struttura Titolare dell'incarico Settore Amministrativo Anna Bianchi Settore Tecnico Marco Verdi",
        "Attività che non possono essere svolte da remoto Struttura Attività Settore Amministrativo Sportello del protocollo; celebrazione dei matrimoni",
        "2026 € 5.000,00 € 1.000,00 — € 6.000,00 € 2.500,00 € 3.500,00",
        "3.3.2 Piano delle competenze 2026 Sottosezione «Formazione del personale» del Piano tipo (DM 132/2022)",
    ] {
        assert!(text.contains(expected), "manca «{expected}» in:\n{text}");
    }

    // Sub-phases that do not add up to their phase are pointed out, at the first of them.
    f.set("performance", "fasi", 2, "incidenza", "30%");
    let dir = f.write(&tmp.path().join("in2"));
    let report = piao::pipeline::check(&dir).unwrap().report.to_text();
    assert!(
        report.contains("Fasi!E4 (colonna «Incidenza %»): le sottofasi della fase 2 sommano 50%, la fase vale 60%"),
        "{report}"
    );
}
