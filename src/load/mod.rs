//! Loading stage: `ente.yaml` and the offices' workbooks → the [`Piao`] model, with every
//! problem found on the way reported by location. Nothing here writes to the input folder.

pub mod cell;
pub mod convert;
pub mod guard;
mod introspect;
pub mod workbook;
pub mod yaml;

use crate::diag::{Location, Report};
use crate::model::Piao;
use crate::workbook::sheets::{ANTICORRUZIONE_WB, PERFORMANCE_WB, PERSONALE_WB};
use convert::Sources;
use std::path::Path;

/// What loading produced: the PIAO when the YAML could be read (even if workbooks have
/// errors, so the cross-checks can still run), where each row came from, and the problems.
#[derive(Debug, Default)]
pub struct Loaded {
    pub piao: Option<Piao>,
    pub sources: Sources,
    pub report: Report,
}

/// The order an office works in: `ente.yaml`, then the HR workbook (whose units sheet
/// every other table cites), performance, anti-corruption; sheets as declared.
fn office_order() -> Vec<(String, Vec<String>)> {
    let mut order = vec![(yaml::FILE.to_string(), Vec::new())];
    for wb in [&PERSONALE_WB, &PERFORMANCE_WB, &ANTICORRUZIONE_WB] {
        let sheets: Vec<String> = wb.sheets.iter().map(|s| s.name.to_string()).collect();
        for ext in ["xlsx", "ods"] {
            order.push((format!("{}.{ext}", wb.stem), sheets.clone()));
        }
    }
    order
}

/// Reads the input folder `dir`. Missing or unreadable files are reported, not returned as
/// errors: the caller decides what to do with a report that has errors.
pub fn load(dir: &Path) -> Loaded {
    let mut report = Report::default();
    report.set_order(office_order());
    let mut sources = Sources::default();
    let ente = yaml::read(&dir.join(yaml::FILE), &mut report);

    let primo_anno = ente.as_ref().map(|e| e.piano.triennio.primo);
    let read = |path: &Path, spec, report: &mut Report| {
        let wb = workbook::read(path, spec, report);
        workbook::report_letture(&wb, primo_anno, report);
        wb
    };
    let personale = workbook::find(dir, &PERSONALE_WB, &mut report)
        .map(|p| read(&p, &PERSONALE_WB, &mut report));
    if personale.is_none() {
        report.push(
            crate::diag::Diagnostic::error(
                Location::file(PERSONALE_WB.file_name()),
                "manca il file personale.xlsx (o personale.ods) dell'Ufficio Personale",
            )
            .with_hint("creare i modelli vuoti con `piao init`"),
        );
    }
    let organizzazione = personale
        .as_ref()
        .map(|wb| convert::organizzazione(wb, &mut sources, &mut report))
        .unwrap_or_default();
    let strutture = personale
        .as_ref()
        .filter(|wb| wb.complete("strutture"))
        .map(|_| organizzazione.strutture.as_slice());

    let performance = workbook::find(dir, &PERFORMANCE_WB, &mut report).map(|p| {
        let wb = read(&p, &PERFORMANCE_WB, &mut report);
        convert::performance(&wb, strutture, &mut sources, &mut report)
    });
    let anticorruzione = workbook::find(dir, &ANTICORRUZIONE_WB, &mut report).map(|p| {
        let wb = read(&p, &ANTICORRUZIONE_WB, &mut report);
        convert::anticorruzione(&wb, strutture, &mut sources, &mut report)
    });

    let Some(ente) = ente else {
        return Loaded {
            piao: None,
            sources,
            report,
        };
    };
    let missing_performance = performance.is_none();
    let missing_anticorruzione = anticorruzione.is_none();
    let piao = Piao {
        ente: ente.ente,
        piano: ente.piano,
        sottosezioni: ente.sottosezioni,
        organizzazione,
        performance: performance.unwrap_or_default(),
        rischi: anticorruzione.unwrap_or_default(),
        trasparenza: ente.trasparenza,
        relazione: ente.relazione,
    };

    // A missing workbook is an error only where the plan needs it.
    if missing_performance {
        let file = Location::file(PERFORMANCE_WB.file_name());
        if piao.semplificato() {
            report.warning(
                file,
                "manca performance.xlsx: le sottosezioni 2.1, 2.2 e 4 (facoltative nel PIAO semplificato) restano senza tabelle",
            );
        } else {
            report.push(
                crate::diag::Diagnostic::error(
                    file,
                    "manca il file performance.xlsx (o .ods), richiesto dal PIAO ordinario",
                )
                .with_hint("creare i modelli vuoti con `piao init`"),
            );
        }
    }
    if missing_anticorruzione && piao.sottosezioni.rischi_corruttivi.rinvio.is_none() {
        report.push(
            crate::diag::Diagnostic::error(
                Location::file(ANTICORRUZIONE_WB.file_name()),
                "manca il file anticorruzione.xlsx (o .ods) con la mappa dei rischi",
            )
            .with_hint(
                "compilarlo, oppure indicare in ente.yaml un rinvio al PTPCT adottato (sottosezioni › rischi_corruttivi › rinvio)",
            ),
        );
    }
    crate::check::run(&piao, &sources, &mut report);
    Loaded {
        piao: Some(piao),
        sources,
        report,
    }
}
