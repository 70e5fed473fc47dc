//! `piao init` (issue 3): the templates it writes carry the declared sheets and headers, it
//! never overwrites without `--force`, and a user who fills them gets a PIAO.

mod common;

use common::fixture::Fixture;
use common::*;
use piao::workbook::spec::Kind;

#[test]
fn init_refuses_to_overwrite_unless_forced() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("nuovo");
    let d = dir.to_str().unwrap();
    let out = piao(&["init", d]);
    assert!(out.status.success(), "{}", stderr(&out));
    for f in [
        "ente.yaml",
        "personale.xlsx",
        "performance.xlsx",
        "anticorruzione.xlsx",
    ] {
        assert!(dir.join(f).is_file(), "{f} mancante");
    }
    std::fs::write(dir.join("ente.yaml"), "mio testo").unwrap();
    let out = piao(&["init", d]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("esistono già ente.yaml"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("ente.yaml")).unwrap(),
        "mio testo"
    );
    assert!(piao(&["init", d, "--force"]).status.success());
    assert_ne!(
        std::fs::read_to_string(dir.join("ente.yaml")).unwrap(),
        "mio testo"
    );
}

#[test]
fn templates_have_instructions_declared_sheets_and_headers() {
    use calamine::Reader;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("nuovo");
    assert!(piao(&["init", dir.to_str().unwrap()]).status.success());
    for wb in piao::workbook::WORKBOOKS {
        let mut book = calamine::open_workbook_auto(dir.join(wb.file_name())).unwrap();
        let names = book.sheet_names();
        assert_eq!(names[0], "Istruzioni");
        for sheet in wb.sheets {
            let range = book.worksheet_range(sheet.name).unwrap();
            let headers: Vec<String> = range
                .rows()
                .next()
                .unwrap()
                .iter()
                .map(|c| c.to_string())
                .collect();
            for (h, c) in headers.iter().zip(sheet.columns) {
                let expected = if c.required {
                    format!("{} *", c.header)
                } else {
                    c.header.to_string()
                };
                assert_eq!(h, &expected);
            }
        }
    }
}

/// Opens the templates `init` wrote, types the fixture's rows into them as a user would
/// (numbers as numbers, dates as text), saves, and builds.
#[test]
fn filled_templates_build_a_piao() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ente");
    assert!(piao(&["init", dir.to_str().unwrap()]).status.success());
    let fixture = Fixture::default();
    for wb in piao::workbook::WORKBOOKS {
        let path = dir.join(wb.file_name());
        let mut book = umya_spreadsheet::reader::xlsx::read(&path).unwrap();
        for sheet in wb.sheets {
            let ws = book.get_sheet_by_name_mut(sheet.name).unwrap();
            let rows = fixture.sheets.get(&(wb.key, sheet.key));
            for (r, cells) in rows.into_iter().flatten().enumerate() {
                for (c, (text, column)) in cells.iter().zip(sheet.columns).enumerate() {
                    if text.is_empty() {
                        continue;
                    }
                    let cell = ws.get_cell_mut(((c + 1) as u32, (r + 2) as u32));
                    match (column.kind, text.parse::<f64>()) {
                        (Kind::Count | Kind::Year | Kind::Money | Kind::Decimal, Ok(n)) => {
                            cell.set_value_number(n);
                        }
                        _ => {
                            cell.set_value_string(text);
                        }
                    }
                }
            }
        }
        umya_spreadsheet::writer::xlsx::write(&book, &path).unwrap();
    }
    let yaml = dir.join("ente.yaml");
    edit(
        &yaml,
        "denominazione: \"Comune di ...\"",
        "denominazione: \"Comune di Prova\"",
    );
    // The fixture's capacity figures need the comune's population.
    edit(&yaml, "popolazione:          #", "popolazione: 4200 #");
    edit(
        &yaml,
        "testo: \"\"",
        "testo: \"Il Comune di Prova adotta il suo primo PIAO.\"",
    );

    let check = piao(&["check", dir.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    let out_dir = tmp.path().join("out");
    let out = piao(&[
        "build",
        dir.to_str().unwrap(),
        "-o",
        out_dir.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = pdf_text(&out_dir.join("PIAO_2026-2028.pdf"));
    assert!(text.contains("Il Comune di Prova adotta il suo primo PIAO."));
    assert!(
        text.contains("Obiettivo A – Digitalizzare l’archivio")
            || text.contains("Obiettivo A – Digitalizzare l'archivio"),
        "{text}"
    );
    // 8 employees: the simplified PIAO follows from the headcount.
    assert!(text.contains("PIAO semplificato (art. 6 DM 132/2022)"));
}
