//! The one entry point for every front end (the CLI today; a batch runner, a watcher and a
//! web page tomorrow): load → check → render → publish, with outputs written atomically.

use crate::diag::{Location, Report};
use crate::load;
use crate::model::Modo;
use crate::output::write_atomic;
use crate::publish::{self, Published};
use crate::render;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

pub use crate::failure::Failure;

/// The result of `piao check`.
#[derive(Debug)]
pub struct Checked {
    pub loaded: load::Loaded,
    pub report: Report,
}

/// Loads and checks the input folder as for a final build.
pub fn check(dir: &Path) -> Result<Checked, Failure> {
    check_as(dir, Modo::Definitivo)
}

/// Loads and checks the input folder for a final build or a draft: what a draft may lack is
/// reported as a warning.
pub fn check_as(dir: &Path, modo: Modo) -> Result<Checked, Failure> {
    checked_with_view(dir, modo).map(|(checked, _)| checked)
}

/// [`check_as`], keeping the view it computed for the glyph check so that `build` lays out
/// the same view without computing it again.
fn checked_with_view(
    dir: &Path,
    modo: Modo,
) -> Result<(Checked, Option<serde_json::Value>), Failure> {
    if !dir.is_dir() {
        return Err(Failure::Usage(format!(
            "la cartella di input {} non esiste (crearla con `piao init {}`)",
            dir.display(),
            dir.display()
        )));
    }
    let mut loaded = load::load(dir);
    let mut report = std::mem::take(&mut loaded.report);
    if let Some(piao) = &loaded.piao {
        crate::check::completezza::run(piao, modo, &mut report);
    }
    // What the PDF could not hold is an input error for check too, not only for build.
    let view = loaded.piao.as_ref().map(|p| render::view::view(p, modo));
    if let Some(view) = &view {
        report.extend(unprintable_report(dir, view));
    }
    Ok((Checked { loaded, report }, view))
}

/// What `piao build` needs.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub input: PathBuf,
    pub output: PathBuf,
    /// A folder whose `main.typ` replaces the embedded template (and whose
    /// `trasparenza/*.html` replace the publication's HTML templates).
    pub templates: Option<PathBuf>,
    /// Whether to write the Amministrazione Trasparente publication beside the PDF.
    pub trasparenza: bool,
    /// The date of the publication: the last-change date of a table whose data changed.
    pub data_pubblicazione: NaiveDate,
    /// A final build, or a draft marked BOZZA on every page (see [`Modo`]).
    pub modo: Modo,
}

/// A PDF that was written.
#[derive(Debug)]
pub struct Pdf {
    pub path: PathBuf,
    pub pages: usize,
}

/// The result of `piao build`: the report, and the PDF unless the input had errors.
#[derive(Debug)]
pub struct Built {
    pub report: Report,
    pub pdf: Option<Pdf>,
    /// The Amministrazione Trasparente publication, when asked for and the input was valid.
    pub publication: Option<Published>,
    /// The Portale PIAO manifest written beside the PDF.
    pub portale: Option<PathBuf>,
}

/// The templates of a build, read once: a batch or a watcher builds many times with the same
/// ones (the typst library and the fonts are loaded once per process anyway).
#[derive(Debug, Clone)]
pub struct Resources {
    pub typst: render::Templates,
    pub html: publish::HtmlTemplates,
}

impl Resources {
    /// The embedded templates, or those of a `--templates` folder.
    pub fn load(templates: Option<&Path>) -> Result<Resources, Failure> {
        Ok(Resources {
            typst: render::Templates::load(templates)?,
            html: publish::HtmlTemplates::load(templates)?,
        })
    }
}

/// Checks the input and, when it has no errors, writes the PIAO PDF into the output folder.
pub fn build(options: &BuildOptions) -> Result<Built, Failure> {
    let (checked, view) = checked_with_view(&options.input, options.modo)?;
    if checked.report.has_errors() {
        return Ok(Built::nothing(checked.report));
    }
    // Templates are all read before anything is written: a broken one leaves every output
    // as it was.
    let resources = Resources::load(options.templates.as_deref())?;
    build_checked(options, &resources, checked, view, render::Cache::Release)
}

/// [`build`] with templates already loaded (`options.templates` is not read again), for
/// builds that follow one another: typst's memoized layouts are kept for the next one.
pub fn build_with(options: &BuildOptions, resources: &Resources) -> Result<Built, Failure> {
    let (checked, view) = checked_with_view(&options.input, options.modo)?;
    build_checked(options, resources, checked, view, render::Cache::Keep)
}

impl Built {
    fn nothing(report: Report) -> Built {
        Built {
            report,
            pdf: None,
            publication: None,
            portale: None,
        }
    }
}

fn build_checked(
    options: &BuildOptions,
    resources: &Resources,
    checked: Checked,
    view: Option<serde_json::Value>,
    cache: render::Cache,
) -> Result<Built, Failure> {
    let mut report = checked.report;
    // Where each row came from only serves the checks: it is not kept through the layout.
    drop(checked.loaded.sources);
    let (piao, view) = match (checked.loaded.piao, view) {
        (Some(piao), Some(view)) if !report.has_errors() => (piao, view),
        _ => return Ok(Built::nothing(report)),
    };
    let layout = render::start_pdf(&piao, &view, &resources.typst, cache)?;
    drop(view);
    // The publication is rendered while typst lays out, and before anything is written: a
    // refused publication date or template leaves the PDF and every published file as they
    // were.
    let prepared = if options.trasparenza {
        Some(publish::prepare(
            &piao,
            &publish::Options {
                output: &options.output,
                date: options.data_pubblicazione,
                templates: &resources.html,
                bozza: options.modo == Modo::Bozza,
            },
        )?)
    } else {
        None
    };
    let document = layout.wait()?;
    let name = pdf_name(&piao, options.modo);
    let path = options.output.join(&name);
    crate::output::remove_leftovers(&options.output);
    write_atomic(&path, &document.bytes).map_err(|e| Failure::io(&path, e))?;

    if piao.piano.deliberazione.numero.is_none() || piao.piano.deliberazione.data.is_none() {
        report.warning(
            Location::file(load::yaml::FILE),
            format!(
                "numero e data della deliberazione non indicati (piano › deliberazione): {} li lascia vuoti",
                publish::portale::FILE
            ),
        );
    }
    let manifest = publish::portale::manifest(&piao, &name, &document.bytes);
    let portale = options.output.join(publish::portale::FILE);
    write_atomic(&portale, &manifest.to_json()).map_err(|e| Failure::io(&portale, e))?;

    let publication = prepared.map(publish::Prepared::write).transpose()?;
    Ok(Built {
        report,
        pdf: Some(Pdf {
            path,
            pages: document.pages,
        }),
        publication,
        portale: Some(portale),
    })
}

/// What `piao pubblica` needs.
#[derive(Debug, Clone)]
pub struct PublishOptions {
    pub input: PathBuf,
    pub output: PathBuf,
    /// A folder whose `trasparenza/*.html` replace the embedded HTML templates.
    pub templates: Option<PathBuf>,
    pub data_pubblicazione: NaiveDate,
    /// A draft publication goes to `trasparenza-bozza/` whatever the deliberation data.
    pub modo: Modo,
}

/// The result of `piao pubblica`.
#[derive(Debug)]
pub struct PublishedRun {
    pub report: Report,
    pub publication: Option<Published>,
}

/// Checks the input and, when it has no errors, writes only the Amministrazione Trasparente
/// publication (no PDF).
pub fn publish(options: &PublishOptions) -> Result<PublishedRun, Failure> {
    let checked = check_as(&options.input, options.modo)?;
    let report = checked.report;
    let piao = match checked.loaded.piao {
        Some(piao) if !report.has_errors() => piao,
        _ => {
            return Ok(PublishedRun {
                report,
                publication: None,
            });
        }
    };
    let html = publish::HtmlTemplates::load(options.templates.as_deref())?;
    crate::output::remove_leftovers(&options.output);
    let publication = publish::publish(
        &piao,
        &publish::Options {
            output: &options.output,
            date: options.data_pubblicazione,
            templates: &html,
            bozza: options.modo == Modo::Bozza,
        },
    )?;
    Ok(PublishedRun {
        report,
        publication: Some(publication),
    })
}

/// Characters the bundled fonts cannot print left in the plan's texts, reported at their
/// line in `ente.yaml` (the workbooks' cells are checked as they are read, with their cell).
fn unprintable_report(input: &Path, view: &serde_json::Value) -> Report {
    use crate::diag::Diagnostic;
    let yaml = std::fs::read_to_string(input.join(load::yaml::FILE)).unwrap_or_default();
    let mut report = Report::default();
    for (text, c) in render::unprintable(view) {
        let location = yaml
            .lines()
            .position(|l| l.contains(c))
            .map(|i| Location::Yaml {
                file: load::yaml::FILE.into(),
                line: i + 1,
                column: yaml
                    .lines()
                    .nth(i)
                    .and_then(|l| l.chars().position(|x| x == c))
                    .unwrap_or(0)
                    + 1,
                path: String::new(),
            })
            .unwrap_or_else(|| Location::file("fogli di calcolo"));
        let shown: String = text.chars().take(60).collect();
        report.push(
            Diagnostic::error(
                location,
                format!(
                    "il carattere '{c}' (U+{:04X}) non si può stampare con i caratteri del documento, nel testo «{shown}»",
                    c as u32
                ),
            )
            .with_hint("sostituirlo o toglierlo: un PDF/A non può contenere caratteri senza glifo"),
        );
    }
    report
}

/// `PIAO_2026-2028.pdf`; a draft is `PIAO_2026-2028_BOZZA.pdf`, so that its file cannot be
/// taken for the act's.
pub fn pdf_name(piao: &crate::model::Piao, modo: Modo) -> String {
    let t = piao.piano.triennio;
    match modo {
        Modo::Definitivo => format!("PIAO_{}-{}.pdf", t.primo, t.ultimo()),
        Modo::Bozza => format!("PIAO_{}-{}_BOZZA.pdf", t.primo, t.ultimo()),
    }
}

/// Which report of the cycle `piao monitoraggio` or `piao relazione` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ciclo {
    /// The monitoring at a date (`None`: the latest date recorded in the sheets).
    Monitoraggio(Option<NaiveDate>),
    /// The annual report on the first year.
    Relazione,
}

/// What `piao monitoraggio` and `piao relazione` need.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    pub input: PathBuf,
    pub output: PathBuf,
    /// A folder whose `monitoraggio.typ` / `relazione.typ` replace the embedded ones.
    pub templates: Option<PathBuf>,
    pub ciclo: Ciclo,
    /// A draft marked BOZZA on every page.
    pub bozza: bool,
}

/// The result of a report of the cycle: the problems found, and the PDF unless they stop it.
#[derive(Debug)]
pub struct Reported {
    pub report: Report,
    pub pdf: Option<Pdf>,
}

/// Checks the input as `piao check --bozza` does (a report does not need the narrative a
/// deliberation needs, but every figure must be right), then writes the monitoring report or
/// the annual report into the output folder.
pub fn report(options: &ReportOptions) -> Result<Reported, Failure> {
    use crate::model::esiti;
    use render::ciclo::Rapporto;
    let checked = check_as(&options.input, Modo::Bozza)?;
    let mut report = checked.report;
    let Some(piao) = checked.loaded.piao.filter(|_| !report.has_errors()) else {
        return Ok(Reported { report, pdf: None });
    };
    let anno = piao.piano.triennio.primo;
    let sheets = "i fogli Avanzamento fasi e Misurazioni di performance.xlsx, Attuazione misure di anticorruzione.xlsx";
    let rapporto = match options.ciclo {
        Ciclo::Relazione => Rapporto::Relazione,
        Ciclo::Monitoraggio(Some(al)) => {
            use chrono::Datelike;
            if al.year() != anno {
                return Err(Failure::Usage(format!(
                    "la data del monitoraggio {} non è nel primo anno del triennio ({anno})",
                    crate::italian::date_short(al)
                )));
            }
            Rapporto::Monitoraggio(al)
        }
        Ciclo::Monitoraggio(None) => match esiti::ultima_rilevazione(&piao) {
            Some(al) => Rapporto::Monitoraggio(al),
            None => {
                report.push(
                    crate::diag::Diagnostic::error(
                        Location::file(PERFORMANCE_FILE),
                        "nessuna rilevazione di monitoraggio: il report non ha dati da esporre",
                    )
                    .with_hint(format!(
                        "compilare {sheets} (i modelli vuoti si creano con `piao init`)"
                    )),
                );
                return Ok(Reported { report, pdf: None });
            }
        },
    };
    let al = rapporto.al(&piao);
    // Every date is in the first year (checked), so any record is one of the year.
    if rapporto == Rapporto::Relazione && esiti::ultima_rilevazione(&piao).is_none() {
        report.push(
            crate::diag::Diagnostic::error(
                Location::file(PERFORMANCE_FILE),
                format!(
                    "nessuna rilevazione dell'anno {anno}: la Relazione non ha risultati da esporre"
                ),
            )
            .with_hint(format!("compilare {sheets}")),
        );
        return Ok(Reported { report, pdf: None });
    }
    // What the report counts in a way the sheets do not say is said here.
    let all = render::ciclo::esiti(&piao, rapporto);
    let counts = esiti::conteggi(&all.iter().collect::<Vec<_>>());
    if counts.fasi_non_rilevate > 0 {
        report.warning(
            Location::sheet(PERFORMANCE_FILE, "Avanzamento fasi"),
            format!(
                "fasi senza rilevazione fino {}: {} su {}; il report le indica come «Non rilevata» e nell'avanzamento contano come non avviate",
                render::ciclo::al(al, crate::italian::date_short(al)),
                counts.fasi_non_rilevate,
                counts.fasi
            ),
        );
    }
    let templates = render::Templates::load(options.templates.as_deref())?;
    let view = render::ciclo::view(&piao, rapporto, &all, options.bozza);
    let document = render::report_pdf(&piao, rapporto, &view, &templates)?;
    let mut name = rapporto.file_name(&piao);
    if options.bozza {
        name = name.replace(".pdf", "_BOZZA.pdf");
    }
    let path = options.output.join(name);
    crate::output::remove_leftovers(&options.output);
    write_atomic(&path, &document.bytes).map_err(|e| Failure::io(&path, e))?;
    Ok(Reported {
        report,
        pdf: Some(Pdf {
            path,
            pages: document.pages,
        }),
    })
}

const PERFORMANCE_FILE: &str = "performance.xlsx";
