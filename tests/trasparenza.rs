//! The Amministrazione Trasparente publication (issue 7): every table in four formats read
//! back with independent readers (the `csv` crate, calamine, an HTML parser, a JSON Schema),
//! the ANAC art. 13 scheme, inert user text, dated immutable versions, the Portale PIAO
//! manifest, and the commands that write or skip it.

mod common;

use calamine::{Data, Reader};
use common::fixture::Fixture;
use common::*;
use scraper::{Html, Selector};
use std::path::{Path, PathBuf};

const DATE: &str = "20/01/2026";

fn build_at(input: &Path, out: &Path, date: &str) -> std::process::Output {
    piao(&[
        "build",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--data-pubblicazione",
        date,
    ])
}

/// The deliberation adopted: number and date in `ente.yaml`, so the publication is real.
fn adopt(yaml: &str) -> String {
    let adopted = yaml
        .replacen("    numero: null\n", "    numero: \"12\"\n", 1)
        .replacen("    data: null\n", "    data: 2026-01-20\n", 1)
        .replacen(
            "    numero:\n    data:\n",
            "    numero: \"12\"\n    data: 2026-01-20\n",
            1,
        );
    assert_ne!(adopted, yaml, "deliberazione non trovata");
    adopted
}

/// The fixture with its deliberation adopted.
fn adopted() -> Fixture {
    let mut f = Fixture::default();
    f.yaml = adopt(&f.yaml);
    f
}

/// One build of the demo, deliberation adopted, shared by the read-only tests.
fn demo() -> &'static (tempfile::TempDir, PathBuf) {
    static OUT: std::sync::OnceLock<(tempfile::TempDir, PathBuf)> = std::sync::OnceLock::new();
    OUT.get_or_init(|| {
        let (tmp, input) = demo_copy();
        let yaml = input.join("ente.yaml");
        std::fs::write(&yaml, adopt(&std::fs::read_to_string(&yaml).unwrap())).unwrap();
        let out = build_at(&input, tmp.path(), DATE);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            stdout(&out).contains("Amministrazione Trasparente in"),
            "{}",
            stdout(&out)
        );
        let dir = tmp.path().join("trasparenza");
        (tmp, dir)
    })
}

fn demo_model() -> piao::model::Piao {
    let (tmp, _) = demo();
    piao::pipeline::check(&tmp.path().join("input"))
        .unwrap()
        .loaded
        .piao
        .unwrap()
}

/// Every file under `dir`, relative, sorted.
fn tree(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                out.push(p.strip_prefix(base).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_path(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let header = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

fn col(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("colonna {name} assente in {header:?}"))
}

const TABLES: &[(&str, &str)] = &[
    (
        "organizzazione/articolazione-degli-uffici",
        "articolazione-uffici",
    ),
    ("personale/dotazione-organica", "dotazione-organica-2025"),
    (
        "personale/personale-non-a-tempo-indeterminato",
        "personale-non-a-tempo-indeterminato-2025",
    ),
    ("personale/posizioni-organizzative", "incarichi-eq"),
    ("bandi-di-concorso", "piano-assunzioni-2026-2028"),
    ("bandi-di-concorso", "cessazioni-previste-2026-2028"),
    ("bandi-di-concorso", "piano-assunzioni-spesa-2026-2028"),
    (
        "performance/piano-della-performance",
        "obiettivi-valore-pubblico-2026-2028",
    ),
    (
        "performance/piano-della-performance",
        "obiettivi-performance-2026-2028",
    ),
    (
        "altri-contenuti/prevenzione-della-corruzione",
        "mappa-rischi-misure-2026-2028",
    ),
    (
        "altri-contenuti/prevenzione-della-corruzione",
        "obblighi-trasparenza-2026-2028",
    ),
    (
        "altri-contenuti/dati-ulteriori",
        "lavoro-agile-strutture-2026-2028",
    ),
    (
        "altri-contenuti/dati-ulteriori",
        "lavoro-agile-contingente-2026-2028",
    ),
    ("altri-contenuti/dati-ulteriori", "piano-formazione-2026"),
];

#[test]
fn every_table_in_four_formats_dated_and_latest() {
    let (_, dir) = demo();
    let files = tree(dir);
    for (folder, slug) in TABLES {
        for ext in ["csv", "xlsx", "html", "json"] {
            for name in [
                format!("{folder}/{slug}-20260120-20260120.{ext}"),
                format!("{folder}/{slug}-latest.{ext}"),
            ] {
                assert!(files.contains(&name), "manca {name}\n{files:#?}");
            }
        }
    }
    assert!(files.contains(&"index.html".to_string()));
    assert!(files.contains(&"pubblicazioni.json".to_string()));
    // No temporary files left behind.
    assert!(!files.iter().any(|f| f.contains(".piao-")), "{files:#?}");
}

#[test]
fn every_csv_has_one_header_and_a_constant_width() {
    let (_, dir) = demo();
    for f in tree(dir).iter().filter(|f| f.ends_with(".csv")) {
        let bytes = std::fs::read(dir.join(f)).unwrap();
        let text = String::from_utf8(bytes).expect("UTF-8");
        assert!(!text.contains('\r'), "{f}: righe terminate da LF");
        assert!(!text.starts_with('\u{feff}'), "{f}: senza BOM");
        // The csv reader refuses a row whose width differs from the header's.
        let (header, rows) = read_csv(&dir.join(f));
        for h in &header {
            assert!(
                !h.is_empty()
                    && h.chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'),
                "{f}: intestazione {h:?} non in MAIUSCOLO_CON_TRATTINI"
            );
        }
        assert!(
            rows.iter().all(|r| r.len() == header.len()),
            "{f}: righe di larghezza diversa"
        );
    }
}

#[test]
fn staff_figures_are_the_workbook_figures() {
    let (_, dir) = demo();
    let piao = demo_model();
    let (header, rows) =
        read_csv(&dir.join("personale/dotazione-organica/dotazione-organica-2025-latest.csv"));
    let total: u64 = rows
        .iter()
        .map(|r| r[col(&header, "TOTALE")].parse::<u64>().unwrap())
        .sum();
    // The same total as the PDF's staff table.
    assert_eq!(total, piao.organizzazione.totale_personale().totale);
    let women: u64 = rows
        .iter()
        .map(|r| r[col(&header, "DONNE")].parse::<u64>().unwrap())
        .sum();
    let expected_women = piao.organizzazione.totale_personale().donne;
    assert_eq!(Some(women), expected_women);
    // Money with the decimal comma and two decimals, no grouping.
    let cost = &rows[0][col(&header, "COSTO_ANNUO_EUR")];
    assert!(
        cost.contains(',') && !cost.contains('.') && cost.split(',').nth(1).unwrap().len() == 2,
        "{cost}"
    );
    let sum: f64 = rows
        .iter()
        .map(|r| r[col(&header, "COSTO_ANNUO_EUR")].replace(',', "."))
        .filter(|c| !c.is_empty())
        .map(|c| c.parse::<f64>().unwrap())
        .sum();
    // The demo gives every row a cost, so the total is known.
    let expected = piao.organizzazione.totale_personale().costo.unwrap();
    assert!((sum - expected).abs() < 0.01, "{sum} ≠ {expected}");
}

#[test]
fn dates_and_percentages_in_csv() {
    let (_, dir) = demo();
    let (header, rows) = read_csv(
        &dir.join("performance/piano-della-performance/obiettivi-performance-2026-2028-latest.csv"),
    );
    let deadline = col(&header, "SCADENZA");
    let dated = rows
        .iter()
        .map(|r| &r[deadline])
        .filter(|d| d.len() == 10 && d.as_bytes()[2] == b'/' && d.as_bytes()[5] == b'/')
        .count();
    assert!(dated > 0, "nessuna scadenza GG/MM/AAAA");
    assert!(header.contains(&"TARGET_2026".to_string()));

    let (header, rows) = read_csv(
        &dir.join("altri-contenuti/dati-ulteriori/lavoro-agile-contingente-2026-2028-latest.csv"),
    );
    let piao = demo_model();
    let first = &piao.organizzazione.contingente[0];
    let pct = &rows[0][col(&header, "CONTINGENTE_PCT")];
    assert_eq!(
        pct.replace(',', ".").parse::<f64>().unwrap(),
        (first.percentuale * 1000.0).round() / 10.0
    );
}

#[test]
fn xlsx_cells_are_typed_with_a_metadata_sheet() {
    let (_, dir) = demo();
    let path = dir.join("altri-contenuti/dati-ulteriori/piano-formazione-2026-latest.xlsx");
    let mut wb = calamine::open_workbook_auto(&path).unwrap();
    assert_eq!(wb.sheet_names(), vec!["Dati", "Metadati"]);
    let range = wb.worksheet_range("Dati").unwrap();
    let header: Vec<String> = (0..range.width())
        .map(|c| range.get((0, c)).unwrap().to_string())
        .collect();
    let (csv_header, csv_rows) =
        read_csv(&dir.join("altri-contenuti/dati-ulteriori/piano-formazione-2026-latest.csv"));
    assert_eq!(header, csv_header);
    let title = col(&header, "TITOLO");
    let participants = col(&header, "PARTECIPANTI");
    assert!(matches!(range.get((1, title)), Some(Data::String(_))));
    assert!(matches!(range.get((1, participants)), Some(Data::Float(_))));
    assert_eq!(
        range.get((1, participants)).unwrap().to_string(),
        csv_rows[0][participants]
    );

    let mut wb = calamine::open_workbook_auto(
        dir.join("altri-contenuti/dati-ulteriori/lavoro-agile-contingente-2026-2028-latest.xlsx"),
    )
    .unwrap();
    let range = wb.worksheet_range("Dati").unwrap();
    let piao = demo_model();
    match range.get((1, 2)) {
        Some(Data::Float(f)) => assert_eq!(*f, piao.organizzazione.contingente[0].percentuale),
        other => panic!("percentuale come numero attesa, trovato {other:?}"),
    }

    let mut wb = calamine::open_workbook_auto(
        dir.join("performance/piano-della-performance/obiettivi-performance-2026-2028-latest.xlsx"),
    )
    .unwrap();
    let range = wb.worksheet_range("Dati").unwrap();
    let deadline = (0..range.width())
        .find(|c| range.get((0, *c)) == Some(&Data::String("SCADENZA".into())))
        .unwrap();
    let dates = (1..range.height())
        .filter(|r| matches!(range.get((*r, deadline)), Some(Data::DateTime(_))))
        .count();
    assert!(dates > 0, "nessuna scadenza come data");
    let meta = wb.worksheet_range("Metadati").unwrap();
    let text: Vec<String> = meta.rows().flatten().map(|c| c.to_string()).collect();
    assert!(text.iter().any(|t| t.contains("CC BY 4.0")), "{text:?}");
    assert!(text.iter().any(|t| t == "00999990123"), "{text:?}");
}

fn selector(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

#[test]
fn html_fragments_are_accessible_tables_without_script_or_style() {
    let (_, dir) = demo();
    for f in tree(dir)
        .iter()
        .filter(|f| f.ends_with("-latest.html") && !f.starts_with("index"))
    {
        let text = std::fs::read_to_string(dir.join(f)).unwrap();
        let doc = Html::parse_fragment(&text);
        let tables: Vec<_> = doc.select(&selector("table")).collect();
        assert_eq!(tables.len(), 1, "{f}");
        let caption = doc.select(&selector("table > caption")).next();
        assert!(
            caption.is_some_and(|c| !c.text().collect::<String>().trim().is_empty()),
            "{f}: manca la caption"
        );
        let cols = doc.select(&selector("thead th")).count();
        assert!(cols > 0, "{f}");
        assert_eq!(
            doc.select(&selector("thead th[scope=col]")).count(),
            cols,
            "{f}: ogni intestazione di colonna ha scope=col"
        );
        for row in doc.select(&selector("tbody tr")) {
            assert_eq!(
                row.select(&selector("th, td")).count(),
                cols,
                "{f}: riga di larghezza diversa"
            );
            assert_eq!(row.select(&selector("th[scope=row]")).count(), 1, "{f}");
        }
        assert_eq!(doc.select(&selector("script, style")).count(), 0, "{f}");
        assert_eq!(doc.select(&selector("[style]")).count(), 0, "{f}");
        for a in doc.select(&selector("a[href]")) {
            let href = a.value().attr("href").unwrap();
            assert!(
                href.starts_with("https://") || !href.contains(':'),
                "{f}: collegamento {href}"
            );
            if !href.contains(':') {
                assert!(
                    dir.join(f).parent().unwrap().join(href).is_file(),
                    "{f}: il collegamento {href} non porta a un file"
                );
            }
        }
    }
}

#[test]
fn index_page_lists_every_table_and_its_links_work() {
    let (_, dir) = demo();
    let text = std::fs::read_to_string(dir.join("index.html")).unwrap();
    let doc = Html::parse_document(&text);
    assert_eq!(
        doc.select(&selector("html"))
            .next()
            .unwrap()
            .value()
            .attr("lang"),
        Some("it")
    );
    assert_eq!(doc.select(&selector("h1")).count(), 1);
    assert!(doc.select(&selector("head > title")).next().is_some());
    assert!(doc.select(&selector("main")).next().is_some());
    assert_eq!(doc.select(&selector("script, style, [style]")).count(), 0);
    let h2: Vec<String> = doc
        .select(&selector("main h2"))
        .map(|h| h.text().collect())
        .collect();
    for expected in [
        "Organizzazione › Articolazione degli uffici",
        "Personale › Dotazione organica",
        "Bandi di concorso",
        "Performance › Piano della performance",
        "Altri contenuti › Prevenzione della corruzione",
    ] {
        assert!(h2.iter().any(|h| h == expected), "{expected} in {h2:?}");
    }
    // Headings do not skip levels: every h3 follows an h2.
    assert_eq!(doc.select(&selector("h4, h5, h6")).count(), 0);
    assert_eq!(
        doc.select(&selector("article > h3")).count(),
        TABLES.len() + 1,
        "una voce per tabella più lo schema ANAC"
    );
    let mut links = 0;
    for a in doc.select(&selector("a[href]")) {
        let href = a.value().attr("href").unwrap();
        assert!(!a.text().collect::<String>().trim().is_empty(), "{href}");
        if href.starts_with('#') || href.contains(':') {
            continue;
        }
        assert!(dir.join(href).is_file(), "collegamento rotto: {href}");
        links += 1;
    }
    assert!(links >= TABLES.len() * 4);
}

#[test]
fn anac_art_13_scheme_files() {
    let (_, dir) = demo();
    let folder = dir.join("organizzazione/articolazione-degli-uffici");
    for stem in ["art.13-as", "art.13-op", "art.13-oa", "art.13-org"] {
        assert!(
            folder
                .join(format!("{stem}-20260120-20260120.csv"))
                .is_file()
        );
        assert!(folder.join(format!("{stem}-latest.csv")).is_file());
    }
    assert_eq!(
        std::fs::read_to_string(folder.join("art.13-as-latest.csv")).unwrap(),
        "AMBITO_SOGGETTIVO\nPubbliche amministrazioni\n"
    );
    let verbatim = "DENOMINAZIONE_ORGANO;COMPETENZE_ORGANO;DENOMINAZIONE_UFFICIO_DIRIGENZIALE;DENOMINAZIONE_UFFICIO_NON_DIRIGENZIALE;COMPETENZE_UFFICIO;NOMINATIVO_DIRIGENTE;QUALIFICA_DIRIGENTE;RECAPITO_TELEFONICO;POSTA_ELETTRONICA_ORDINARIA;POSTA_ELETTRONICA_CERTIFICATA";
    for stem in ["art.13-op", "art.13-oa"] {
        let text = std::fs::read_to_string(folder.join(format!("{stem}-latest.csv"))).unwrap();
        assert_eq!(text.lines().next(), Some(verbatim), "{stem}");
    }
    let piao = demo_model();
    let (header, rows) = read_csv(&folder.join("art.13-oa-latest.csv"));
    assert_eq!(rows.len(), piao.organizzazione.strutture.len());
    for r in &rows {
        let dir_ = &r[col(&header, "DENOMINAZIONE_UFFICIO_DIRIGENZIALE")];
        let non = &r[col(&header, "DENOMINAZIONE_UFFICIO_NON_DIRIGENZIALE")];
        assert!(
            dir_.is_empty() != non.is_empty(),
            "una sola denominazione: {r:?}"
        );
        assert_eq!(
            r[col(&header, "DENOMINAZIONE_ORGANO")],
            "Segretario generale"
        );
    }
    let pl = rows
        .iter()
        .find(|r| {
            r[col(&header, "DENOMINAZIONE_UFFICIO_NON_DIRIGENZIALE")]
                == "Servizio autonomo Polizia locale"
        })
        .expect("Polizia locale");
    assert_eq!(
        pl[col(&header, "POSTA_ELETTRONICA_CERTIFICATA")],
        "polizialocale@pec.comune.castelvario.example.it"
    );

    let json: serde_json::Value = serde_json::from_slice(
        &std::fs::read(folder.join("art.13-pa-20260120-20260120.json")).unwrap(),
    )
    .unwrap();
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("schema/art.13-pa.schema.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&json)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(
        json["intestazione"]["amministrazione"]["codiceFiscale"],
        "00999990123"
    );
    assert_eq!(json["intestazione"]["dataPrimaPubblicazione"], DATE);
    let organi = json["orgPubblicheAmministrazioni"]["organi"]
        .as_array()
        .unwrap();
    let uffici: usize = organi
        .iter()
        .map(|o| o["uffici"].as_array().unwrap().len())
        .sum();
    assert_eq!(uffici, piao.organizzazione.strutture.len());
}

#[test]
fn portale_manifest_carries_the_pdf_hash() {
    use sha2::Digest;
    let (tmp, _) = demo();
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(tmp.path().join("portale-piao.json")).unwrap())
            .unwrap();
    let pdf = std::fs::read(tmp.path().join("PIAO_2026-2028.pdf")).unwrap();
    let hash: String = sha2::Sha256::digest(&pdf)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(manifest["pdf"]["sha256"], hash);
    assert_eq!(manifest["pdf"]["byte"], pdf.len());
    assert_eq!(manifest["triennio"], "2026-2028");
    assert_eq!(manifest["dipendenti"], "più di 50");
    assert_eq!(manifest["organo_approvante"], "Giunta comunale");
    assert_eq!(manifest["numero_atto"], "12");
    assert_eq!(
        manifest["estremi_atto"],
        "Deliberazione della Giunta comunale n. 12 del 20/01/2026"
    );
    assert!(
        manifest["url_amministrazione_trasparente"]
            .as_str()
            .unwrap()
            .starts_with("https://")
    );
}

/// A fixture whose units hold text a hostile or careless office could type.
fn hostile() -> Fixture {
    let mut f = adopted();
    f.set(
        "personale",
        "strutture",
        0,
        "nome",
        "=HYPERLINK(\"http://x.example\";\"clic\")",
    );
    f.set(
        "personale",
        "strutture",
        0,
        "competenze",
        "Protocollo; archivio \"storico\"\ne <script>alert(1)</script> @SUM(A1)",
    );
    f.set(
        "personale",
        "strutture",
        1,
        "responsabile",
        "-2+3 Rossi & <b>Figli</b>",
    );
    f
}

#[test]
fn user_text_is_inert_in_every_format() {
    let tmp = tempfile::tempdir().unwrap();
    let input = hostile().write(&tmp.path().join("in"));
    let out = tmp.path().join("out");
    let o = build_at(&input, &out, DATE);
    assert!(o.status.success(), "{}", stderr(&o));
    let folder = out.join("trasparenza/organizzazione/articolazione-degli-uffici");

    let (header, rows) = read_csv(&folder.join("articolazione-uffici-latest.csv"));
    assert_eq!(
        rows.len(),
        2,
        "il testo con ; \" e a capo resta in una cella"
    );
    assert_eq!(
        rows[0][col(&header, "DENOMINAZIONE")],
        "'=HYPERLINK(\"http://x.example\";\"clic\")"
    );
    // The line break typed in the cell is kept, inside the one quoted CSV field.
    assert_eq!(
        rows[0][col(&header, "COMPETENZE")],
        "Protocollo; archivio \"storico\"\ne <script>alert(1)</script> @SUM(A1)"
    );
    assert_eq!(
        rows[1][col(&header, "RESPONSABILE")],
        "'-2+3 Rossi & <b>Figli</b>"
    );
    let (header, rows) = read_csv(&folder.join("art.13-oa-latest.csv"));
    assert_eq!(rows.len(), 2);
    assert!(rows[0][col(&header, "DENOMINAZIONE_UFFICIO_NON_DIRIGENZIALE")].starts_with("'="));

    // XLSX: a string cell, never a formula.
    let path = folder.join("articolazione-uffici-latest.xlsx");
    let mut wb = calamine::open_workbook_auto(&path).unwrap();
    let range = wb.worksheet_range("Dati").unwrap();
    assert_eq!(
        range.get((1, 1)),
        Some(&Data::String(
            "=HYPERLINK(\"http://x.example\";\"clic\")".into()
        ))
    );
    let formulas = wb.worksheet_formula("Dati").unwrap();
    assert!(
        formulas.cells().all(|(_, _, f)| f.is_empty()),
        "nessuna formula nel foglio pubblicato"
    );

    // HTML: escaped, shown as typed.
    let html = std::fs::read_to_string(folder.join("articolazione-uffici-latest.html")).unwrap();
    assert!(!html.contains("<script>"), "{html}");
    assert!(!html.contains("<b>"), "{html}");
    let doc = Html::parse_fragment(&html);
    assert_eq!(doc.select(&selector("script, b")).count(), 0);
    let cells: Vec<String> = doc
        .select(&selector("td"))
        .map(|c| c.text().collect())
        .collect();
    assert!(
        cells.iter().any(|c| c == "-2+3 Rossi & <b>Figli</b>"),
        "{cells:?}"
    );

    // JSON: the text as typed.
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(folder.join("art.13-pa-latest.json")).unwrap())
            .unwrap();
    let uffici = &json["orgPubblicheAmministrazioni"]["organi"][3]["uffici"];
    assert_eq!(
        uffici[0]["denominazione"],
        "=HYPERLINK(\"http://x.example\";\"clic\")"
    );
}

fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>, std::time::SystemTime)> {
    tree(dir)
        .into_iter()
        .map(|f| {
            let p = dir.join(&f);
            let m = std::fs::metadata(&p).unwrap().modified().unwrap();
            (f, std::fs::read(p).unwrap(), m)
        })
        .collect()
}

#[test]
fn same_input_same_bytes_in_two_folders() {
    let tmp = tempfile::tempdir().unwrap();
    let input = adopted().write(&tmp.path().join("in"));
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    assert!(build_at(&input, &a, DATE).status.success());
    assert!(build_at(&input, &b, DATE).status.success());
    let sa: Vec<_> = snapshot(&a).into_iter().map(|(f, b, _)| (f, b)).collect();
    let sb: Vec<_> = snapshot(&b).into_iter().map(|(f, b, _)| (f, b)).collect();
    assert_eq!(sa.len(), sb.len());
    for ((fa, ba), (fb, bb)) in sa.iter().zip(&sb) {
        assert_eq!(fa, fb);
        assert!(ba == bb, "{fa} differisce tra due esecuzioni");
    }
}

#[test]
fn publications_are_dated_and_immutable() {
    let tmp = tempfile::tempdir().unwrap();
    let mut f = adopted();
    let input = f.write(&tmp.path().join("in"));
    let out = tmp.path().join("out");
    let dir = out.join("trasparenza");
    assert!(build_at(&input, &out, "20/01/2026").status.success());
    let first = snapshot(&dir);

    // Regenerating the same data later changes no byte, no date and no file time.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let o = build_at(&input, &out, "15/03/2026");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("0 nuove, 0 modificate"),
        "{}",
        stdout(&o)
    );
    assert_eq!(snapshot(&dir), first);

    // One table's data change: new dated files for that table only, the old ones kept.
    f.set("personale", "formazione", 0, "partecipanti", "99");
    f.write(&tmp.path().join("in"));
    let o = build_at(&input, &out, "15/03/2026");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("1 modificate"), "{}", stdout(&o));
    let files = tree(&dir);
    let course = "altri-contenuti/dati-ulteriori/piano-formazione-2026";
    for ext in ["csv", "xlsx", "html", "json"] {
        assert!(files.contains(&format!("{course}-20260120-20260120.{ext}")));
        assert!(files.contains(&format!("{course}-20260120-20260315.{ext}")));
        assert_eq!(
            std::fs::read(dir.join(format!("{course}-latest.{ext}"))).unwrap(),
            std::fs::read(dir.join(format!("{course}-20260120-20260315.{ext}"))).unwrap(),
            "-latest segue la nuova versione"
        );
    }
    let (header, rows) = read_csv(&dir.join(format!("{course}-latest.csv")));
    assert_eq!(rows[0][col(&header, "PARTECIPANTI")], "99");
    let (_, old) = read_csv(&dir.join(format!("{course}-20260120-20260120.csv")));
    assert_ne!(
        old[0][col(&header, "PARTECIPANTI")],
        "99",
        "la vecchia versione non cambia"
    );
    let meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join(format!("{course}-latest.json"))).unwrap())
            .unwrap();
    assert_eq!(meta["data_prima_pubblicazione"], "2026-01-20");
    assert_eq!(meta["data_ultima_modifica"], "2026-03-15");
    // The other tables kept their only version.
    assert!(
        !files
            .iter()
            .any(|f| f.contains("dotazione-organica") && f.contains("20260315"))
    );
    let index = std::fs::read_to_string(dir.join("index.html")).unwrap();
    assert!(index.contains("Versioni precedenti (1)"), "{index}");

    // A publication date before the last change is refused, and nothing changes.
    f.set("personale", "formazione", 0, "partecipanti", "98");
    f.write(&tmp.path().join("in"));
    let before = snapshot(&dir);
    let o = build_at(&input, &out, "01/03/2026");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("anteriore all'ultima modifica"),
        "{}",
        stderr(&o)
    );
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn skip_option_and_publication_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let input = adopted().write(&tmp.path().join("in"));
    let out = tmp.path().join("a");
    let o = piao(&[
        "build",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--senza-trasparenza",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.join("PIAO_2026-2028.pdf").is_file());
    assert!(!out.join("trasparenza").exists());

    let out = tmp.path().join("b");
    let o = piao(&[
        "pubblica",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--data-pubblicazione",
        DATE,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.join("trasparenza/index.html").is_file());
    assert!(!out.join("PIAO_2026-2028.pdf").exists());
}

#[test]
fn custom_html_templates_and_broken_ones() {
    let tmp = tempfile::tempdir().unwrap();
    let input = adopted().write(&tmp.path().join("in"));
    let templates = tmp.path().join("modelli");
    std::fs::create_dir_all(templates.join("trasparenza")).unwrap();
    std::fs::write(
        templates.join("main.typ"),
        include_str!("../templates/main.typ"),
    )
    .unwrap();
    std::fs::write(
        templates.join("trasparenza/tabella.html"),
        "<table><caption>{{ titolo }} – modello del Comune</caption></table>\n",
    )
    .unwrap();
    let out = tmp.path().join("out");
    let run = |out: &Path| {
        piao(&[
            "pubblica",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--templates",
            templates.to_str().unwrap(),
            "--data-pubblicazione",
            DATE,
        ])
    };
    let o = run(&out);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = std::fs::read_to_string(
        out.join("trasparenza/personale/dotazione-organica/dotazione-organica-2025-latest.html"),
    )
    .unwrap();
    assert!(html.contains("modello del Comune"), "{html}");

    std::fs::write(
        templates.join("trasparenza/tabella.html"),
        "<table>\n{% for r in righe %}\n{{ r.testo }\n</table>\n",
    )
    .unwrap();
    let out = tmp.path().join("out2");
    let o = run(&out);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("trasparenza/tabella.html, riga 3"),
        "{}",
        stderr(&o)
    );
    assert!(!out.join("trasparenza").exists(), "nulla scritto");
}

#[test]
fn check_warns_where_the_anac_scheme_lacks_data() {
    let tmp = tempfile::tempdir().unwrap();
    let mut f = adopted();
    f.set("personale", "strutture", 1, "telefono", "");
    f.set(
        "personale",
        "strutture",
        0,
        "email",
        "ufficio protocollo@comune",
    );
    f.yaml = f.yaml.replace("  codice_fiscale: \"00123450678\"\n", "");
    let dir = f.write(&tmp.path().join("in"));
    let text = piao::pipeline::check(&dir).unwrap().report.to_text();
    for expected in [
        "Strutture!G3",
        "alla struttura SET2 manca il telefono",
        "Strutture!F2",
        "'ufficio protocollo@comune' non valido per lo schema ANAC art. 13",
        "manca il codice fiscale dell'ente",
    ] {
        assert!(text.contains(expected), "{expected}\n{text}");
    }

    // An unsafe link scheme is an error at its YAML line.
    f.yaml = format!(
        "{}trasparenza:\n  organigramma: \"javascript:alert(1)\"\n",
        f.yaml
    );
    let dir = f.write(&tmp.path().join("in2"));
    let report = piao::pipeline::check(&dir).unwrap().report;
    assert!(report.has_errors());
    let text = report.to_text();
    assert!(
        text.contains("indirizzo 'javascript:alert(1)' non ammesso"),
        "{text}"
    );
    assert!(text.contains("(trasparenza.organigramma)"), "{text}");
}

#[test]
fn a_draft_is_never_recorded_as_a_publication() {
    let tmp = tempfile::tempdir().unwrap();
    let mut f = Fixture::default();
    let input = f.write(&tmp.path().join("in"));
    let out = tmp.path().join("out");
    let o = build_at(&input, &out, "10/01/2026");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Bozza"), "{}", stdout(&o));
    assert!(!out.join("trasparenza").exists());
    let draft = out.join("trasparenza-bozza");
    assert!(
        !draft.join("pubblicazioni.json").exists(),
        "nessun registro per una bozza"
    );
    let index = std::fs::read_to_string(draft.join("index.html")).unwrap();
    assert!(index.contains("<strong>Bozza</strong>"), "{index}");

    // Once adopted, the first publication carries the publication date, and the draft
    // folder is gone.
    f.yaml = adopt(&f.yaml);
    f.write(&tmp.path().join("in"));
    let o = build_at(&input, &out, DATE);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!draft.exists());
    let meta: serde_json::Value =
        serde_json::from_slice(
            &std::fs::read(out.join(
                "trasparenza/personale/dotazione-organica/dotazione-organica-2025-latest.json",
            ))
            .unwrap(),
        )
        .unwrap();
    assert_eq!(meta["data_prima_pubblicazione"], "2026-01-20");
}

#[test]
fn a_refused_publication_date_changes_no_output() {
    let tmp = tempfile::tempdir().unwrap();
    let mut f = adopted();
    let input = f.write(&tmp.path().join("in"));
    let out = tmp.path().join("out");
    assert!(build_at(&input, &out, "15/03/2026").status.success());
    f.set("personale", "formazione", 0, "partecipanti", "77");
    f.yaml = f
        .yaml
        .replace("Testo di prova.", "Testo di prova cambiato.");
    f.write(&tmp.path().join("in"));
    let before = snapshot(&out);
    let o = build_at(&input, &out, "01/02/2026");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(
        snapshot(&out),
        before,
        "né il PDF né la pubblicazione cambiano"
    );
}

#[test]
fn a_table_no_longer_produced_is_announced_and_left_as_it_was() {
    let tmp = tempfile::tempdir().unwrap();
    let mut f = adopted();
    let mut temp = f.rows("personale", "personale")[0].clone();
    temp[3] = "Tempo determinato".into();
    f.rows("personale", "personale").push(temp);
    let input = f.write(&tmp.path().join("in"));
    let out = tmp.path().join("out");
    assert!(build_at(&input, &out, "20/01/2026").status.success());
    let latest = out.join("trasparenza/personale/personale-non-a-tempo-indeterminato/personale-non-a-tempo-indeterminato-2025-latest.csv");
    let before = std::fs::read(&latest).unwrap();

    f.rows("personale", "personale").pop();
    f.write(&tmp.path().join("in"));
    let o = build_at(&input, &out, "15/03/2026");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("«Personale non a tempo indeterminato» era stata pubblicata ma il PIAO non ha più questi dati"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&latest).unwrap(), before);
}
