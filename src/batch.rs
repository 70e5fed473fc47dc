//! Building the PIAO of many administrations in one run (`piao batch DIR`): a province, an
//! Unione di comuni or a support centre keeps one input folder per administration under DIR.
//! Every folder is built by [`pipeline::build_with`](crate::pipeline::build_with) exactly as
//! `piao build` would, in parallel, with the templates read once; one failing administration
//! does not stop the others.

use crate::failure::Failure;
use crate::model::Modo;
use crate::output::write_atomic;
use crate::pipeline::{self, BuildOptions, Resources};
use chrono::NaiveDate;
use serde::Serialize;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// The report of each administration, written beside its PDF.
pub const REPORT_FILE: &str = "controllo.txt";

/// What `piao batch` needs.
#[derive(Debug, Clone)]
pub struct Options {
    /// The folder holding one input folder per administration.
    pub root: PathBuf,
    /// Each administration's outputs go to `output/<its folder's name>/`.
    pub output: PathBuf,
    pub templates: Option<PathBuf>,
    pub trasparenza: bool,
    pub data_pubblicazione: NaiveDate,
    pub modo: Modo,
    /// How many administrations are built at the same time.
    pub jobs: usize,
}

/// One administration to build: its folder's name and path.
#[derive(Debug, Clone)]
pub struct Folder {
    pub name: String,
    pub path: PathBuf,
}

/// The input folders under `root`: its sub-folders holding an `ente.yaml`, by name. Hidden
/// folders and links are not followed (nothing is read outside the folders given).
pub fn folders(root: &Path) -> Result<Vec<Folder>, Failure> {
    if !root.is_dir() {
        return Err(Failure::Usage(format!(
            "la cartella {} non esiste",
            crate::diag::terminal_safe(&root.display().to_string())
        )));
    }
    let mut found = Vec::new();
    for entry in std::fs::read_dir(root).map_err(|e| Failure::io(root, e))? {
        let entry = entry.map_err(|e| Failure::io(root, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if !is_dir || name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        if path.join(crate::load::yaml::FILE).is_file() {
            found.push(Folder { name, path });
        }
    }
    if found.is_empty() {
        return Err(Failure::Usage(format!(
            "nessuna cartella con {} in {}: il lotto si aspetta una cartella di input per amministrazione (come quelle create da `piao init`)",
            crate::load::yaml::FILE,
            crate::diag::terminal_safe(&root.display().to_string())
        )));
    }
    found.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(found)
}

/// How the build of one administration ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Esito {
    /// Built, no problem found.
    Riuscito,
    /// Built, with warnings.
    ConAvvisi,
    /// Not built: the input has errors (listed in its report).
    ConErrori,
    /// Not built: a file could not be read or written, or a template failed.
    NonRiuscito,
}

impl Esito {
    pub fn label(self) -> &'static str {
        match self {
            Esito::Riuscito => "ok",
            Esito::ConAvvisi => "avvisi",
            Esito::ConErrori => "errori",
            Esito::NonRiuscito => "non riuscito",
        }
    }
}

/// The outcome of one administration.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    #[serde(rename = "amministrazione")]
    pub name: String,
    pub esito: Esito,
    pub errori: usize,
    pub avvisi: usize,
    pub pagine: Option<usize>,
    pub secondi: f64,
    /// The PDF written, when built.
    pub pdf: Option<PathBuf>,
    /// The check report written beside the outputs.
    pub rapporto: Option<PathBuf>,
    /// Why the build could not run, for [`Esito::NonRiuscito`].
    pub messaggio: Option<String>,
}

/// Builds every folder, `options.jobs` at a time, calling `done` as each one ends (in the
/// order they end). Returns the outcomes in the order of `folders`. Fails only when the
/// templates cannot be read; each administration's own failures are in its outcome.
pub fn run(
    options: &Options,
    folders: &[Folder],
    done: &(dyn Fn(&Outcome) + Sync),
) -> Result<Vec<Outcome>, Failure> {
    let resources = Resources::load(options.templates.as_deref())?;
    let next = AtomicUsize::new(0);
    let outcomes: Mutex<Vec<Option<Outcome>>> = Mutex::new(vec![None; folders.len()]);
    let jobs = options.jobs.clamp(1, folders.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(folder) = folders.get(i) else { break };
                    let outcome = build_one(options, &resources, folder);
                    // Entries no build has used lately are dropped, so the memory stays flat
                    // from the 10th administration to the 500th.
                    typst::comemo::evict(2 * jobs);
                    done(&outcome);
                    outcomes.lock().unwrap_or_else(|p| p.into_inner())[i] = Some(outcome);
                }
            });
        }
    });
    Ok(outcomes
        .into_inner()
        .unwrap_or_else(|p| p.into_inner())
        .into_iter()
        .flatten()
        .collect())
}

fn build_one(options: &Options, resources: &Resources, folder: &Folder) -> Outcome {
    let start = Instant::now();
    let output = options.output.join(&folder.name);
    let build = BuildOptions {
        input: folder.path.clone(),
        output: output.clone(),
        templates: None,
        trasparenza: options.trasparenza,
        data_pubblicazione: options.data_pubblicazione,
        modo: options.modo,
    };
    // A bug met by one administration must not take the others down with it.
    let result = catch_unwind(AssertUnwindSafe(|| pipeline::build_with(&build, resources)))
        .unwrap_or_else(|_| {
            Err(Failure::Internal(
                "il programma si è interrotto su questi dati (segnalare il caso)".into(),
            ))
        });
    let mut outcome = Outcome {
        name: folder.name.clone(),
        esito: Esito::NonRiuscito,
        errori: 0,
        avvisi: 0,
        pagine: None,
        secondi: 0.0,
        pdf: None,
        rapporto: None,
        messaggio: None,
    };
    match result {
        Ok(built) => {
            use crate::diag::Severity;
            outcome.errori = built.report.count(Severity::Error);
            outcome.avvisi = built.report.count(Severity::Warning);
            outcome.esito = match (&built.pdf, outcome.avvisi) {
                (None, _) => Esito::ConErrori,
                (Some(_), 0) => Esito::Riuscito,
                (Some(_), _) => Esito::ConAvvisi,
            };
            outcome.pagine = built.pdf.as_ref().map(|p| p.pages);
            outcome.pdf = built.pdf.map(|p| p.path);
            let path = output.join(REPORT_FILE);
            match write_atomic(&path, built.report.to_text().as_bytes()) {
                Ok(()) => outcome.rapporto = Some(path),
                Err(e) => {
                    outcome.esito = Esito::NonRiuscito;
                    outcome.messaggio = Some(Failure::io(&path, e).to_string());
                }
            }
        }
        Err(failure) => outcome.messaggio = Some(failure.to_string()),
    }
    outcome.secondi = start.elapsed().as_secs_f64();
    outcome
}

/// The exit code of a batch: 0 when every administration was built, 1 when some input had
/// errors, 2 when some build could not run at all.
pub fn exit_code(outcomes: &[Outcome]) -> u8 {
    if outcomes.iter().any(|o| o.esito == Esito::NonRiuscito) {
        2
    } else if outcomes.iter().any(|o| o.esito == Esito::ConErrori) {
        1
    } else {
        0
    }
}

/// One line per administration: "comune-a: ok, 24 pagine, 0,41 s".
pub fn line(outcome: &Outcome) -> String {
    let name = crate::diag::terminal_safe(&outcome.name);
    let secs = seconds(outcome.secondi);
    match outcome.esito {
        Esito::Riuscito => format!("{name}: ok, {} pagine, {secs}", outcome.pagine.unwrap_or(0)),
        Esito::ConAvvisi => format!(
            "{name}: {} avvis{}, {} pagine, {secs} (vedi {})",
            outcome.avvisi,
            if outcome.avvisi == 1 { "o" } else { "i" },
            outcome.pagine.unwrap_or(0),
            shown(&outcome.rapporto)
        ),
        Esito::ConErrori => format!(
            "{name}: {} error{}, PDF non prodotto (vedi {})",
            outcome.errori,
            if outcome.errori == 1 { "e" } else { "i" },
            shown(&outcome.rapporto)
        ),
        Esito::NonRiuscito => format!(
            "{name}: non riuscito: {}",
            outcome.messaggio.as_deref().unwrap_or("")
        ),
    }
}

fn shown(path: &Option<PathBuf>) -> String {
    path.as_ref()
        .map(|p| crate::diag::terminal_safe(&p.display().to_string()))
        .unwrap_or_default()
}

/// "0,41 s".
pub fn seconds(s: f64) -> String {
    format!("{} s", crate::italian::decimal(s, 2))
}

/// The final table: one row per administration, then the totals.
pub fn table(outcomes: &[Outcome], elapsed: f64) -> String {
    use std::fmt::Write;
    let names: Vec<String> = outcomes
        .iter()
        .map(|o| crate::diag::terminal_safe(&o.name))
        .collect();
    let width = names
        .iter()
        .map(|n| n.chars().count())
        .chain(["Amministrazione".len()])
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<width$}  {:<12}  {:>6}  {:>6}  {:>6}  {:>8}",
        "Amministrazione", "Esito", "Errori", "Avvisi", "Pagine", "Tempo"
    );
    for (o, name) in outcomes.iter().zip(&names) {
        let pages = o
            .pagine
            .map(|p| p.to_string())
            .unwrap_or_else(|| "—".into());
        let _ = writeln!(
            out,
            "{name:<width$}  {:<12}  {:>6}  {:>6}  {:>6}  {:>8}",
            o.esito.label(),
            o.errori,
            o.avvisi,
            pages,
            seconds(o.secondi)
        );
    }
    let count = |e| outcomes.iter().filter(|o| o.esito == e).count();
    let rate = if elapsed > 0.0 {
        outcomes.len() as f64 / elapsed
    } else {
        0.0
    };
    let _ = writeln!(
        out,
        "\n{} amministrazioni in {} ({} al secondo): {} riuscite, {} con avvisi, {} con errori, {} non riuscite.",
        outcomes.len(),
        seconds(elapsed),
        crate::italian::decimal(rate, 1),
        count(Esito::Riuscito),
        count(Esito::ConAvvisi),
        count(Esito::ConErrori),
        count(Esito::NonRiuscito),
    );
    out
}

/// The summary for scripts (`--format json`).
pub fn to_json(outcomes: &[Outcome], elapsed: f64) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        amministrazioni: usize,
        secondi: f64,
        riuscite: usize,
        con_avvisi: usize,
        con_errori: usize,
        non_riuscite: usize,
        esiti: &'a [Outcome],
    }
    let count = |e| outcomes.iter().filter(|o| o.esito == e).count();
    serde_json::to_string_pretty(&Out {
        amministrazioni: outcomes.len(),
        secondi: elapsed,
        riuscite: count(Esito::Riuscito),
        con_avvisi: count(Esito::ConAvvisi),
        con_errori: count(Esito::ConErrori),
        non_riuscite: count(Esito::NonRiuscito),
        esiti: outcomes,
    })
    .expect("outcomes always serialize")
}
