//! Tables hold any real text (issue 9): with the longest realistic text in every free-text
//! column of every sheet, no column of any table is squeezed to a word per line and no text
//! overprints another, measured on the word positions of the PDF; the same for the monitoring
//! sheets' free text in the two reports of the cycle (issue 12).

mod common;

use common::fixture::{Fixture, row, workbook};
use common::*;
use piao::workbook::spec::Kind;

/// Columns that hold codes or contacts other rows refer to: they keep the fixture's values.
const CODES: &[&str] = &[
    "codice",
    "obiettivo",
    "rischio",
    "fase",
    "valore_pubblico",
    "email",
    "pec",
    "telefono",
];

/// A text as offices write it in a narrow column: a deadline as a sentence, a long name.
const SENTENCE: &str = "entro il 30 giugno e comunque prima dell'approvazione del rendiconto della gestione da parte del Consiglio comunale, previa verifica con il Servizio finanziario e con i referenti dei settori interessati";

/// One word of the PDF: its page, position and text, in the order the PDF draws them.
#[derive(Debug)]
struct Word {
    page: usize,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    text: String,
}

fn words(pdf: &std::path::Path) -> Vec<Word> {
    let out = std::process::Command::new("pdftotext")
        .args(["-bbox", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext");
    let html = String::from_utf8_lossy(&out.stdout);
    let attr = |line: &str, name: &str| -> f64 {
        let start = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        line[start..].split('"').next().unwrap().parse().unwrap()
    };
    let mut page = 0;
    let mut words = Vec::new();
    for line in html.lines() {
        let line = line.trim();
        if line.starts_with("<page") {
            page += 1;
        } else if line.starts_with("<word") {
            let text = line
                .split('>')
                .nth(1)
                .and_then(|t| t.split('<').next())
                .unwrap_or_default()
                .to_string();
            words.push(Word {
                page,
                x0: attr(line, "xMin"),
                y0: attr(line, "yMin"),
                x1: attr(line, "xMax"),
                y1: attr(line, "yMax"),
                text,
            });
        }
    }
    words
}

#[test]
fn every_table_column_keeps_a_readable_width_with_long_texts() {
    let mut f = Fixture::default();
    let mut markers = Vec::new();
    for wb in ["personale", "performance", "anticorruzione"] {
        let spec = workbook(wb);
        for sheet in spec.sheets {
            let rows = f.rows(wb, sheet.key).len();
            for (c, column) in sheet.columns.iter().enumerate() {
                let free = matches!(column.kind, Kind::Text | Kind::LongText | Kind::Deadline);
                if !free || CODES.contains(&column.key) {
                    continue;
                }
                for r in 0..rows {
                    let marker = format!("Q{}x{}x{}", markers.len(), c, r);
                    f.set(
                        wb,
                        sheet.key,
                        r,
                        column.key,
                        &format!("{marker} {SENTENCE}"),
                    );
                    markers.push((marker, format!("{wb} › {} › {}", sheet.name, column.header)));
                }
            }
        }
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = f.write(&tmp.path().join("in"));
    let out_dir = std::env::var("PIAO_LAYOUT_OUT")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| tmp.path().join("out"));
    let out = piao(&[
        "build",
        dir.to_str().unwrap(),
        "-o",
        out_dir.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let words = words(&out_dir.join("PIAO_2026-2028.pdf"));
    // What is read is printed: every filled column reaches the PDF or the publication.
    let published: String = walk(&out_dir.join("trasparenza-bozza"))
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    assert_readable(&[&words], &markers, &published);
}

/// The monitoring sheets' free text (notes, reasons, deviations, measured values) in the two
/// reports of the cycle: readable columns, nothing drawn over anything, every column printed.
#[test]
fn the_reports_of_the_cycle_keep_readable_columns_with_long_texts() {
    let mut f = Fixture::default();
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
        row(&["SET1", "A", "2", "31/12/2026", "In corso", "80%", "", ""]),
    ];
    *f.rows("performance", "misurazioni") = vec![row(&["SET1", "A", "1", "31/12/2026", "", ""])];
    *f.rows("performance", "revisioni") = vec![row(&["SET1", "A", "1", "", "15/07/2026", ""])];
    *f.rows("performance", "scostamenti") = vec![row(&["SET1", "A", "30/06/2026", "", ""])];
    *f.rows("performance", "misurazioni_vp") = vec![row(&["VP1", "1", "31/12/2026", "", ""])];
    *f.rows("anticorruzione", "attuazione") =
        vec![row(&["R01", "1", "31/12/2026", "Attuata in parte", ""])];
    *f.rows("personale", "consuntivo") = vec![row(&["2026", "Assunzioni", "1", ""])];
    let mut markers = Vec::new();
    let filled = [
        ("performance", "avanzamento", &["note"][..]),
        ("performance", "misurazioni", &["valore", "note"][..]),
        ("performance", "revisioni", &["target", "motivo"][..]),
        ("performance", "scostamenti", &["scostamenti", "azioni"][..]),
        ("performance", "misurazioni_vp", &["valore", "note"][..]),
        ("anticorruzione", "attuazione", &["note"][..]),
        ("personale", "consuntivo", &["note"][..]),
    ];
    for (wb, sheet, keys) in filled {
        let name = workbook(wb).sheet(sheet).unwrap().name;
        for key in keys {
            for r in 0..f.rows(wb, sheet).len() {
                let marker = format!("Q{}x{r}", markers.len());
                f.set(wb, sheet, r, key, &format!("{marker} {SENTENCE}"));
                markers.push((marker, format!("{wb} › {name} › {key}")));
            }
        }
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = f.write(&tmp.path().join("in"));
    let out_dir = tmp.path().join("out");
    let mut pages = Vec::new();
    for (command, file) in [
        ("relazione", "Relazione_performance_2026.pdf"),
        ("monitoraggio", "Monitoraggio_PIAO_2026_al_31-12-2026.pdf"),
    ] {
        let out = piao(&[
            command,
            dir.to_str().unwrap(),
            "-o",
            out_dir.to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{command}: {}", stderr(&out));
        pages.push(words(&out_dir.join(file)));
    }
    assert_readable(&pages.iter().collect::<Vec<_>>(), &markers, "");
}

/// Every marked text is printed in one of the documents (or published), no column holding
/// one is squeezed to a word a line or about 2 cm, and no word overprints another.
fn assert_readable(documents: &[&Vec<Word>], markers: &[(String, String)], published: &str) {
    let n = SENTENCE.split_whitespace().count() + 1;
    let mut squeezed = Vec::new();
    let mut printed = 0;
    for words in documents {
        for (marker, column) in markers {
            for start in (0..words.len()).filter(|&i| words[i].text == *marker) {
                printed += 1;
                // The cell's words follow the marker in drawing order, on its page.
                let page = words[start].page;
                let cell: Vec<&Word> = words[start..]
                    .iter()
                    .take(n)
                    .take_while(|w| w.page == page)
                    .collect();
                let mut lines: Vec<i64> = cell.iter().map(|w| w.y0.round() as i64).collect();
                lines.sort_unstable();
                lines.dedup();
                let width = cell.iter().map(|w| w.x1).fold(f64::MIN, f64::max)
                    - cell.iter().map(|w| w.x0).fold(f64::MAX, f64::min);
                let per_line = cell.len() as f64 / lines.len() as f64;
                // Two words a line and about 2 cm: a narrow column, still read as text.
                if cell.len() >= 6 && (per_line < 2.0 || width < 60.0) {
                    squeezed.push(format!(
                        "{column}: {:.1} parole per riga, larghezza {width:.0} pt (pagina {page})",
                        per_line
                    ));
                }
            }
        }
    }
    let dropped: Vec<&String> = markers
        .iter()
        .filter(|(m, _)| {
            !documents
                .iter()
                .any(|words| words.iter().any(|w| w.text == *m))
                && !published.contains(m.as_str())
        })
        .map(|(_, column)| column)
        .collect();
    assert!(
        dropped.is_empty(),
        "colonne lette e non stampate: {dropped:?}"
    );
    assert!(printed >= markers.len() / 2, "testi non trovati nel PDF");
    assert!(
        squeezed.is_empty(),
        "colonne troppo strette:\n{}",
        squeezed.join("\n")
    );

    // No word is drawn over another.
    let mut overlaps = Vec::new();
    for words in documents {
        for (i, a) in words.iter().enumerate() {
            for b in words[i + 1..].iter().filter(|b| b.page == a.page) {
                let dx = a.x1.min(b.x1) - a.x0.max(b.x0);
                let dy = a.y1.min(b.y1) - a.y0.max(b.y0);
                // Word boxes of adjacent lines touch (the font's box is taller than the
                // line): an overprint shares most of the height.
                let height = (a.y1 - a.y0).min(b.y1 - b.y0);
                if dx > 1.0 && dy > 0.5 * height {
                    overlaps.push(format!("«{}» e «{}» a pagina {}", a.text, b.text, a.page));
                }
            }
        }
    }
    assert!(
        overlaps.is_empty(),
        "testi sovrapposti:\n{}",
        overlaps.join("\n")
    );
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}
