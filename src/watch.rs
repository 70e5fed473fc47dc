//! Rebuilding the PIAO on every saved change (`piao watch DIR`): a secretary editing the
//! narrative in `ente.yaml`, or an office its workbook, sees the PDF change as she saves.
//!
//! The input folder is watched (not its files: editors and spreadsheet programs often save
//! through a temporary file renamed over the original), events are debounced, and only the
//! files the plan is read from start a rebuild. Each rebuild is an ordinary
//! [`pipeline::build_with`](crate::pipeline::build_with): input with errors writes nothing,
//! so the last good PDF stays. typst's caches stay warm between rebuilds, so an edit pays
//! only for what it changed.

use crate::failure::Failure;
use crate::pipeline::{self, BuildOptions, Built, Resources};
use crate::workbook::WORKBOOKS;
use notify_debouncer_full::notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, new_debouncer};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long the folder must stay quiet before a rebuild: a spreadsheet program's save is
/// several writes.
const QUIET: Duration = Duration::from_millis(300);

/// Cached typst work not used in this many rebuilds is dropped (memory stays bounded over a
/// long session, and what the last edits used stays warm).
const KEEP_REBUILDS: usize = 3;

/// What the watcher reports to its front end.
pub enum Event<'a> {
    /// A rebuild starts, because these files changed (empty for the first build).
    Start { changed: &'a [String] },
    /// A rebuild ended (the PDF is written only if the input had no errors).
    Built { built: &'a Built, seconds: f64 },
    /// A rebuild could not run (a template error, a file that cannot be written).
    Failed { failure: &'a Failure },
    /// The watcher itself met an error it survives (an event it could not read).
    Problem { message: String },
}

/// Whether a changed file is one the plan is read from: `ente.yaml`, an office's workbook, or
/// a template of the `--templates` folder. Lock and temporary files (`~$personale.xlsx`,
/// `.~lock.personale.xlsx#`, `ente.yaml.swp`) are not.
pub fn is_input(path: &Path, input: &Path, templates: Option<&Path>) -> bool {
    if let Some(t) = templates
        && path.starts_with(t)
    {
        return path.extension().is_some_and(|e| e == "typ" || e == "html");
    }
    if path.parent() != Some(input) {
        return false;
    }
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    name == crate::load::yaml::FILE
        || WORKBOOKS.iter().any(|wb| {
            name.strip_prefix(wb.stem)
                .is_some_and(|ext| ext == ".xlsx" || ext == ".ods")
        })
}

/// Builds once, then again after every saved change of the input, until the process ends.
/// Returns only if the folder cannot be watched.
pub fn watch(options: &BuildOptions, on: &mut dyn FnMut(Event)) -> Result<(), Failure> {
    let input = absolute(&options.input)?;
    let templates = match &options.templates {
        Some(t) => Some(absolute(t)?),
        None => None,
    };
    let (tx, rx) = std::sync::mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(QUIET, None, tx).map_err(watch_failure)?;
    debouncer
        .watch(&input, RecursiveMode::NonRecursive)
        .map_err(watch_failure)?;
    if let Some(t) = &templates {
        debouncer
            .watch(t, RecursiveMode::Recursive)
            .map_err(watch_failure)?;
    }

    rebuild(options, &[], on);
    for result in rx {
        let events = match result {
            Ok(events) => events,
            Err(errors) => {
                for e in errors {
                    on(Event::Problem {
                        message: format!("evento non leggibile: {e}"),
                    });
                }
                continue;
            }
        };
        let mut changed: Vec<String> = events
            .iter()
            .filter(|e| !e.kind.is_access())
            .flat_map(|e| e.paths.iter())
            .filter(|p| is_input(p, &input, templates.as_deref()))
            .map(|p| p.strip_prefix(&input).unwrap_or(p).display().to_string())
            .collect();
        changed.sort();
        changed.dedup();
        if !changed.is_empty() {
            rebuild(options, &changed, on);
        }
    }
    Ok(())
}

fn rebuild(options: &BuildOptions, changed: &[String], on: &mut dyn FnMut(Event)) {
    on(Event::Start { changed });
    let start = Instant::now();
    // The templates are read again: with `--templates` they may be what was edited.
    let result = Resources::load(options.templates.as_deref())
        .and_then(|resources| pipeline::build_with(options, &resources));
    let seconds = start.elapsed().as_secs_f64();
    match result {
        Ok(built) => on(Event::Built {
            built: &built,
            seconds,
        }),
        Err(failure) => on(Event::Failed { failure: &failure }),
    }
    typst::comemo::evict(KEEP_REBUILDS);
}

fn absolute(path: &Path) -> Result<PathBuf, Failure> {
    if !path.is_dir() {
        return Err(Failure::Usage(format!(
            "la cartella {} non esiste",
            crate::diag::terminal_safe(&path.display().to_string())
        )));
    }
    std::path::absolute(path).map_err(|e| Failure::io(path, e))
}

fn watch_failure(e: notify_debouncer_full::notify::Error) -> Failure {
    Failure::Io(format!(
        "impossibile sorvegliare la cartella: {}",
        crate::diag::terminal_safe(&e.to_string())
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_plans_files_start_a_rebuild() {
        let input = Path::new("/enti/comune");
        let t = Some(Path::new("/enti/modelli"));
        for yes in [
            "/enti/comune/ente.yaml",
            "/enti/comune/personale.xlsx",
            "/enti/comune/performance.ods",
            "/enti/comune/anticorruzione.xlsx",
            "/enti/modelli/main.typ",
            "/enti/modelli/trasparenza/tabella.html",
        ] {
            assert!(is_input(Path::new(yes), input, t), "{yes}");
        }
        for no in [
            "/enti/comune/~$personale.xlsx",
            "/enti/comune/.~lock.personale.xlsx#",
            "/enti/comune/.ente.yaml.swp",
            "/enti/comune/ente.yaml~",
            "/enti/comune/personale.xlsx.tmp",
            "/enti/comune/note.txt",
            "/enti/comune/vecchi/personale.xlsx",
            "/enti/modelli/appunti.txt",
        ] {
            assert!(!is_input(Path::new(no), input, t), "{no}");
        }
    }
}
