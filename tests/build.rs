//! `piao build` end to end on the demo administration (issue 2): the PDF's content, layout
//! landmarks, standards and reproducibility, and what a failed build leaves behind.

mod common;

use common::*;
use piao::model::Piao;

fn build(input: &std::path::Path, out: &std::path::Path) -> std::process::Output {
    piao(&[
        "build",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ])
}

fn demo_model() -> Piao {
    let checked = piao::pipeline::check(&demo_input()).expect("demo input");
    assert!(!checked.report.has_errors(), "{}", checked.report.to_text());
    checked.loaded.piao.expect("model")
}

/// One build of the demo shared by the content tests.
fn demo_pdf() -> &'static (tempfile::TempDir, std::path::PathBuf, String) {
    static PDF: std::sync::OnceLock<(tempfile::TempDir, std::path::PathBuf, String)> =
        std::sync::OnceLock::new();
    PDF.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let out = build(&demo_input(), tmp.path());
        assert!(out.status.success(), "{}", stderr(&out));
        let pdf = tmp.path().join("PIAO_2026-2028.pdf");
        assert!(
            stdout(&out).contains("PIAO_2026-2028.pdf"),
            "{}",
            stdout(&out)
        );
        let text = pdf_text(&pdf);
        (tmp, pdf, text)
    })
}

#[test]
fn demo_pdf_has_a_sane_number_of_pages() {
    let (_, pdf, _) = demo_pdf();
    let n = pages(pdf);
    assert!((25..=250).contains(&n), "{n} pagine");
}

#[test]
fn every_section_title_in_order() {
    let (_, _, text) = demo_pdf();
    let titles = [
        "1. Scheda anagrafica dell'amministrazione",
        "2. Valore pubblico, performance e anticorruzione",
        "2.1 Valore pubblico",
        "2.2 Performance",
        "2.3 Rischi corruttivi e trasparenza",
        "3. Organizzazione e capitale umano",
        "3.1 Struttura organizzativa",
        "3.2 Organizzazione del lavoro agile",
        "3.3 Piano triennale dei fabbisogni di personale",
        "3.3.1 Fabbisogno del personale",
        // The demo gives 3.3.2 its own title; the Piano tipo's name follows it.
        "3.3.2 Piano della formazione e dello sviluppo delle competenze",
        "Sottosezione «Formazione del personale» del Piano tipo (DM 132/2022)",
        "4. Monitoraggio",
    ];
    // Each title appears in the table of contents and then as a heading, in schema order.
    let body_start = text.find("Indice").expect("indice");
    let mut from = text[body_start..].find("4. Monitoraggio").unwrap() + body_start + 1;
    for title in titles {
        let title = title.replace('\'', "’");
        let plain = titles_match(&text[from..], &title);
        let at = plain.unwrap_or_else(|| panic!("titolo «{title}» assente o fuori ordine"));
        from += at + title.len();
    }
}

/// Typst may print the apostrophe as a typographic one: accept both.
fn titles_match(text: &str, title: &str) -> Option<usize> {
    text.find(title)
        .or_else(|| text.find(&title.replace('’', "'")))
}

#[test]
fn objective_cards_with_their_phases() {
    let (_, _, text) = demo_pdf();
    let piao = demo_model();
    let objectives = &piao.performance.obiettivi;
    assert!(objectives.len() >= 20, "{} obiettivi", objectives.len());
    for o in objectives {
        let heading = fold(&format!("Obiettivo {} – {}", o.codice, o.titolo));
        assert!(text.contains(&heading), "scheda «{heading}» assente");
    }
    // Phase rows of the first card: number, description and weight on the same row.
    let first = &objectives[0];
    for f in &first.fasi {
        let weight = piao::italian::percent(f.incidenza.unwrap());
        let row = fold(&format!("{} {}", f.numero, f.descrizione));
        assert!(text.contains(&row), "fase «{row}» assente");
        assert!(text.contains(&weight));
    }
    assert!(
        text.contains("Totale 100%"),
        "riga del totale delle fasi assente"
    );
    assert!(text.contains("Visto di validazione: il Nucleo di Valutazione"));
}

#[test]
fn staff_total_is_computed() {
    let (_, _, text) = demo_pdf();
    let piao = demo_model();
    let rows = &piao.organizzazione.personale;
    // The demo gives the split by sex on every row.
    let donne: u64 = rows.iter().map(|r| r.donne.unwrap()).sum();
    let uomini: u64 = rows.iter().map(|r| r.uomini.unwrap()).sum();
    let totale = donne + uomini;
    assert!(totale > 100, "{totale}");
    let row = format!("Totale {donne} {uomini} {totale}");
    assert!(text.contains(&row), "riga «{row}» assente");
}

#[test]
fn cover_has_blank_deliberation_line_until_known() {
    let (_, _, text) = demo_pdf();
    assert!(text.contains("Piano Integrato di Attività e Organizzazione 2026–2028"));
    assert!(
        text.contains("Allegato alla deliberazione della Giunta comunale n. ____ del __________"),
        "riga della deliberazione assente"
    );
    assert!(text.contains("Pagina 2 di"), "piè di pagina assente");
}

#[test]
fn cover_deliberation_line_filled_from_yaml() {
    let (tmp, input) = demo_copy();
    let yaml = input.join("ente.yaml");
    edit(&yaml, "numero: null", "numero: 15");
    edit(&yaml, "data: null", "data: 2026-01-28");
    let out = build(&input, &tmp.path().join("out"));
    assert!(out.status.success(), "{}", stderr(&out));
    let text = pdf_text(&tmp.path().join("out/PIAO_2026-2028.pdf"));
    assert!(
        text.contains("Allegato alla deliberazione della Giunta comunale n. 15 del 28/01/2026"),
        "{}",
        &text[..400]
    );
}

#[test]
fn pdf_declares_pdfa_and_pdfua_and_embeds_fonts() {
    let (_, pdf, _) = demo_pdf();
    let xmp = pdf_xmp(pdf);
    assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"), "{xmp}");
    assert!(
        xmp.contains("<pdfaid:conformance>A</pdfaid:conformance>"),
        "{xmp}"
    );
    assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"), "{xmp}");
    assert!(
        xmp.contains("<rdf:li>it-IT</rdf:li>"),
        "lingua it-IT assente"
    );
    let info = fold(&pdf_info(pdf));
    assert!(info.contains("Tagged: yes"), "{info}");
    assert!(
        info.contains("Page size: 595.276 x 841.89 pts (A4)"),
        "{info}"
    );
    assert!(
        info.contains("Title: PIAO 2026–2028 - Comune di Castelvario"),
        "{info}"
    );
    assert!(info.contains("Author: Comune di Castelvario"), "{info}");
    let fonts = pdf_fonts(pdf);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty());
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type encoding emb sub uni object ID: "emb" is the 4th column from the end.
        assert_eq!(cols[cols.len() - 5], "yes", "font non incorporato: {row}");
    }
}

#[test]
fn same_input_same_bytes_in_two_processes() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    let b = tmp.path().join("b");
    assert!(build(&demo_input(), &a).status.success());
    assert!(build(&demo_input(), &b).status.success());
    let pa = std::fs::read(a.join("PIAO_2026-2028.pdf")).unwrap();
    let pb = std::fs::read(b.join("PIAO_2026-2028.pdf")).unwrap();
    assert!(pa == pb, "i due PDF differiscono");
}

#[test]
fn user_text_appears_literally() {
    let (tmp, input) = demo_copy();
    let yaml = input.join("ente.yaml");
    let tricky = r#"Via #set page(width: 1cm) $x^2$ * _a_ @ref <b> [c] \ // = #let x = 1"#;
    let text = std::fs::read_to_string(&yaml).unwrap();
    let start = text.find("  indirizzo:").expect("indirizzo");
    let end = start + text[start..].find('\n').unwrap();
    let yaml_value = tricky.replace('\\', "\\\\").replace('"', "\\\"");
    let text = format!(
        "{}  indirizzo: \"{yaml_value}\"{}",
        &text[..start],
        &text[end..]
    );
    std::fs::write(&yaml, text).unwrap();
    let out = build(&input, &tmp.path().join("out"));
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = pdf_text(&tmp.path().join("out/PIAO_2026-2028.pdf"));
    assert!(pdf.contains(&fold(tricky)), "testo non letterale");
}

#[test]
fn failed_build_keeps_previous_pdf_and_exits_1() {
    let (tmp, input) = demo_copy();
    let out_dir = tmp.path().join("out");
    assert!(build(&input, &out_dir).status.success());
    let pdf = out_dir.join("PIAO_2026-2028.pdf");
    let good = std::fs::read(&pdf).unwrap();
    edit(&input.join("ente.yaml"), "triennio:", "trienio:");
    let out = build(&input, &out_dir);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("ente.yaml:"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(&pdf).unwrap(),
        good,
        "il PDF precedente è cambiato"
    );
    let mut leftovers: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    leftovers.sort();
    assert_eq!(
        leftovers,
        [
            "PIAO_2026-2028.pdf",
            "portale-piao.json",
            "trasparenza-bozza"
        ],
        "file temporanei rimasti"
    );
}

#[test]
fn bookmarks_for_every_section_and_sub_section() {
    let (_, pdf, _) = demo_pdf();
    let marks = pdf_bookmarks(pdf);
    let expected = [
        (0, "1. Scheda anagrafica dell'amministrazione"),
        (0, "2. Valore pubblico, performance e anticorruzione"),
        (1, "2.1 Valore pubblico"),
        (1, "2.2 Performance"),
        (1, "2.3 Rischi corruttivi e trasparenza"),
        (0, "3. Organizzazione e capitale umano"),
        (1, "3.1 Struttura organizzativa"),
        (1, "3.2 Organizzazione del lavoro agile"),
        (1, "3.3 Piano triennale dei fabbisogni di personale"),
        (2, "3.3.1 Fabbisogno del personale"),
        (
            2,
            "3.3.2 Piano della formazione e dello sviluppo delle competenze",
        ),
        (0, "4. Monitoraggio"),
    ];
    let mut from = 0;
    for (depth, title) in expected {
        let at = marks[from..]
            .iter()
            .position(|(d, t)| *d == depth && t == title)
            .unwrap_or_else(|| panic!("segnalibro «{title}» assente o fuori ordine: {marks:?}"));
        from += at + 1;
    }
}
