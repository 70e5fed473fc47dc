//! Render stage: the model → the view (`/data.json`) → typst → a PDF/A-2a + PDF/UA-1
//! document. Same model, same bytes: the date, the PDF identifier and the timestamp are all
//! fixed from the plan's data.

pub mod ciclo;
pub mod view;
pub mod world;

use crate::failure::Failure;
use crate::model::Piao;
use chrono::Datelike;
use std::path::Path;
use typst::WorldExt;
use typst::diag::SourceDiagnostic;
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};
use world::PiaoWorld;

/// The embedded templates, by path in the virtual project.
const EMBEDDED: &[(&str, &str)] = &[
    ("/main.typ", include_str!("../../templates/main.typ")),
    ("/stile.typ", include_str!("../../templates/stile.typ")),
    ("/ciclo.typ", include_str!("../../templates/ciclo.typ")),
    (
        "/monitoraggio.typ",
        include_str!("../../templates/monitoraggio.typ"),
    ),
    (
        "/relazione.typ",
        include_str!("../../templates/relazione.typ"),
    ),
];

/// The typst templates of a build: the embedded ones, or a folder's `.typ` files.
#[derive(Debug, Clone)]
pub struct Templates {
    files: Vec<(String, String)>,
}

impl Templates {
    /// The embedded templates, or those of `dir` (which must hold `main.typ`).
    pub fn load(dir: Option<&Path>) -> Result<Templates, Failure> {
        let Some(dir) = dir else {
            return Ok(Templates::embedded());
        };
        let entries = std::fs::read_dir(dir).map_err(|e| Failure::io(dir, e))?;
        let mut files = Vec::new();
        for entry in entries {
            let path = entry.map_err(|e| Failure::io(dir, e))?.path();
            if path.extension().is_some_and(|e| e == "typ") {
                let name = path
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned();
                let path = crate::load::guard::regular_file(dir, &name)
                    .map_err(|refused| {
                        Failure::Usage(format!("modelli in {}: {}", dir.display(), refused.0))
                    })?
                    .unwrap_or(path);
                let text = crate::load::guard::read_text(&path, &name)
                    .map_err(|e| Failure::io(&path, e))?;
                files.push((format!("/{name}"), text));
            }
        }
        if !files.iter().any(|(p, _)| p == "/main.typ") {
            return Err(Failure::Usage(format!(
                "la cartella dei modelli {} non contiene main.typ",
                dir.display()
            )));
        }
        // The reports' templates a folder does not restyle are the embedded ones.
        for (path, text) in EMBEDDED {
            if !files.iter().any(|(p, _)| p == path) {
                files.push((path.to_string(), text.to_string()));
            }
        }
        files.sort();
        Ok(Templates { files })
    }

    /// The template files, by path in the virtual project (`/main.typ`).
    pub fn files(&self) -> &[(String, String)] {
        &self.files
    }

    pub fn embedded() -> Templates {
        Templates {
            files: EMBEDDED
                .iter()
                .map(|(p, t)| (p.to_string(), t.to_string()))
                .collect(),
        }
    }
}

/// A rendered PDF.
#[derive(Debug)]
pub struct Document {
    pub bytes: Vec<u8>,
    pub pages: usize,
}

/// Texts of the plan holding characters no bundled font can print, with the first such
/// character. PDF/A forbids missing glyphs, so these must be fixed in the input.
pub fn unprintable(view: &serde_json::Value) -> Vec<(String, char)> {
    fn walk(v: &serde_json::Value, out: &mut Vec<(String, char)>) {
        match v {
            serde_json::Value::String(s) => {
                if let Some(c) = s.chars().find(|c| !crate::fonts::printable(*c))
                    && !out.iter().any(|(t, _)| t == s)
                {
                    out.push((s.clone(), c));
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|i| walk(i, out)),
            serde_json::Value::Object(map) => map.values().for_each(|i| walk(i, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(view, &mut out);
    out
}

/// The environment variable that changes the layout's time limit, in seconds.
pub const LIMIT_VAR: &str = "PIAO_LIMITE_SECONDI";

/// How long the layout may take: 300 seconds, or [`LIMIT_VAR`].
fn time_limit() -> std::time::Duration {
    let secs = std::env::var(LIMIT_VAR)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|s| *s > 0)
        .unwrap_or(300);
    std::time::Duration::from_secs(secs)
}

/// What happens to typst's memoized layouts once a document is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cache {
    /// Kept for the next build: `piao watch` relays out only what an edit changed.
    Keep,
    /// Dropped before the PDF export, which then reuses their memory: a one-shot build's peak
    /// is the larger of the two stages instead of their sum. typst's cache is global to the
    /// process (`comemo::evict(0)`): this also drops what other threads' builds memoized, so
    /// only a process that builds one document at a time should ask for it.
    Release,
}

/// Renders the PIAO as PDF/A-2a and PDF/UA-1; `view` is `view::view(piao)`.
pub fn pdf(
    piao: &Piao,
    view: &serde_json::Value,
    templates: &Templates,
) -> Result<Document, Failure> {
    start_pdf(piao, view, templates, Cache::Keep)?.wait()
}

/// [`pdf`] on its own thread: the caller prepares other outputs while typst lays out (on a
/// large plan the publication then costs no time of its own), and takes the document with
/// [`Pending::wait`].
pub fn start_pdf(
    piao: &Piao,
    view: &serde_json::Value,
    templates: &Templates,
    cache: Cache,
) -> Result<Pending, Failure> {
    start(
        "/main.typ",
        view,
        piao.piano.data_documento(),
        view::meta(piao).titolo,
        templates,
        cache,
    )
}

/// Renders a report of the monitoring cycle (same standards as the PIAO); `view` is
/// `ciclo::view(piao, rapporto, …)`. Its date is the date the report looks at.
pub fn report_pdf(
    piao: &Piao,
    rapporto: ciclo::Rapporto,
    view: &serde_json::Value,
    templates: &Templates,
) -> Result<Document, Failure> {
    start(
        rapporto.template(),
        view,
        rapporto.al(piao),
        rapporto.titolo(piao),
        templates,
        Cache::Keep,
    )?
    .wait()
}

/// A document being laid out and exported on its own thread.
pub struct Pending {
    rx: std::sync::mpsc::Receiver<Result<Document, Failure>>,
    /// When the layout and the export together must be done: the limit counts from the start,
    /// not from the call to [`Pending::wait`].
    deadline: std::time::Instant,
    limit: std::time::Duration,
}

impl Pending {
    /// The document, or why there is none. A custom template may compute for ever: after
    /// the time limit (layout and PDF export together) the work is abandoned (the process ends
    /// soon after, taking it along).
    pub fn wait(self) -> Result<Document, Failure> {
        use std::sync::mpsc::RecvTimeoutError;
        let left = self
            .deadline
            .saturating_duration_since(std::time::Instant::now());
        match self.rx.recv_timeout(left) {
            Ok(result) => result,
            Err(RecvTimeoutError::Timeout) => Err(Failure::Template(format!(
                "l'impaginazione e l'esportazione in PDF non sono terminate entro {} secondi: il modello fa troppo lavoro o non termina (il limite si cambia con la variabile {LIMIT_VAR})",
                self.limit.as_secs()
            ))),
            // The thread sends on every path, a panic included: only a failure to send lands here.
            Err(RecvTimeoutError::Disconnected) => Err(Failure::Internal(
                "l'impaginazione si è interrotta senza un esito (segnalare il caso)".into(),
            )),
        }
    }
}

/// Starts laying out template `main` with `view` as `/data.json` and exporting it as
/// PDF/A-2a and PDF/UA-1, dated `date` (the same input gives the same bytes).
fn start(
    main: &str,
    view: &serde_json::Value,
    date: chrono::NaiveDate,
    title: String,
    templates: &Templates,
    cache: Cache,
) -> Result<Pending, Failure> {
    let data = serde_json::to_vec(view)
        .map_err(|e| Failure::Internal(format!("serializzazione dei dati: {e}")))?;
    let today = Datetime::from_ymd(date.year(), date.month() as u8, date.day() as u8)
        .ok_or_else(|| Failure::Internal(format!("data non valida: {date}")))?;
    let standards = PdfStandards::new(&[PdfStandard::A_2a, PdfStandard::Ua_1])
        .map_err(|e| Failure::Internal(format!("standard PDF: {}", e.message())))?;
    let options = PdfOptions {
        ident: Smart::Custom(title),
        creator: Smart::Custom(Some(format!("piao {}", env!("CARGO_PKG_VERSION")))),
        timestamp: Some(Timestamp::new_utc(today)),
        page_ranges: None,
        standards,
        tagged: true,
        pretty: false,
    };
    let world = PiaoWorld::new(&templates.files, main, data, today);
    let (tx, rx) = std::sync::mpsc::channel();
    let limit = time_limit();
    let deadline = std::time::Instant::now() + limit;
    std::thread::spawn(move || {
        // A bug in typst met by these data is reported as such, not as a time-out.
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            lay_out_and_export(&world, &options, cache)
        }))
        .unwrap_or_else(|_| {
            Err(Failure::Internal(
                "l'impaginazione si è interrotta su questi dati (segnalare il caso)".into(),
            ))
        });
        // The receiver is gone only when the time limit passed: nobody waits for the result.
        let _ = tx.send(result);
    });
    Ok(Pending {
        rx,
        deadline,
        limit,
    })
}

fn lay_out_and_export(
    world: &PiaoWorld,
    options: &PdfOptions,
    cache: Cache,
) -> Result<Document, Failure> {
    let document = typst::compile::<PagedDocument>(world)
        .output
        .map_err(|errors| Failure::Template(describe(world, &errors)))?;
    if cache == Cache::Release {
        typst::comemo::evict(0);
    }
    let bytes = typst_pdf::pdf(&document, options)
        .map_err(|errors| Failure::Template(describe(world, &errors)))?;
    Ok(Document {
        bytes,
        pages: document.pages().len(),
    })
}

/// typst diagnostics as text: file, line and column, message and hints.
fn describe(world: &PiaoWorld, diagnostics: &[SourceDiagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let place = match (d.span.id(), world.range(d.span)) {
            (Some(id), Some(range)) => {
                let (line, col) = typst::World::source(world, id)
                    .ok()
                    .and_then(|s| s.lines().byte_to_line_column(range.start))
                    .unwrap_or((0, 0));
                format!(
                    "modello {}, riga {}, colonna {}: ",
                    world.path(id).trim_start_matches('/'),
                    line + 1,
                    col + 1
                )
            }
            _ => String::new(),
        };
        out.push_str(&format!("{place}{}\n", italian_message(&d.message)));
        for hint in &d.hints {
            out.push_str(&format!("  suggerimento: {}\n", italian_message(&hint.v)));
        }
    }
    out
}

/// typst's most frequent template errors in Italian; any other keeps typst's own words,
/// marked as such.
fn italian_message(message: &str) -> String {
    const KNOWN: &[(&str, &str)] = &[
        ("unknown variable: ", "variabile sconosciuta: "),
        ("unknown field ", "campo sconosciuto "),
        ("unclosed delimiter", "delimitatore non chiuso"),
        ("unclosed string", "stringa non chiusa"),
        ("unexpected ", "inatteso: "),
        ("expected ", "atteso "),
        ("file not found", "file non trovato"),
        (
            "dictionary does not contain key ",
            "il dizionario non contiene la chiave ",
        ),
        ("array index out of bounds", "indice fuori dall'elenco"),
        ("cannot add ", "impossibile sommare "),
        ("loop seems to be infinite", "il ciclo sembra non terminare"),
        (
            "maximum function call depth exceeded",
            "troppe chiamate di funzione annidate",
        ),
    ];
    for (en, it) in KNOWN {
        if let Some(rest) = message.strip_prefix(en) {
            return crate::diag::terminal_safe(&format!("{it}{rest}"));
        }
    }
    crate::diag::terminal_safe(&format!("{message} (messaggio di typst)"))
}
