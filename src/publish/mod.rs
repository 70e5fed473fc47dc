//! Publish stage: the checked plan → the files of *Amministrazione Trasparente* in
//! `trasparenza/`, one sub-folder per AT path. Every table is written as CSV, XLSX, an HTML
//! fragment and JSON metadata; the ANAC art. 13 scheme as its own CSV and JSON files; an
//! `index.html` lists them all. Publications are dated and immutable (see [`versions`]):
//! regenerating the same data changes no byte and no date.

pub mod anac;
pub mod files;
pub mod portale;
pub mod table;
pub mod tables;
pub mod versions;

use crate::failure::Failure;
use crate::italian;
use crate::model::Piao;
use crate::output::write_atomic;
use chrono::NaiveDate;
use files::{Distribuzione, Editore, Metadati};
use serde::Serialize;
use std::path::{Path, PathBuf};
use table::{Section, Table};
use versions::{Entry, Register, Version, dated_name, fingerprint, latest_name};

/// The folder of the publication inside the output folder.
pub const FOLDER: &str = "trasparenza";
/// The folder of a draft publication (deliberation not yet adopted).
pub const DRAFT_FOLDER: &str = "trasparenza-bozza";

/// The embedded HTML templates, by name.
const EMBEDDED: &[(&str, &str)] = &[
    (
        "tabella.html",
        include_str!("../../templates/trasparenza/tabella.html"),
    ),
    (
        "indice.html",
        include_str!("../../templates/trasparenza/indice.html"),
    ),
];

/// The most work a template may do (minijinja fuel): enough for tables of a hundred thousand
/// rows, and a stop for a custom template that would run for ever.
const FUEL: u64 = 500_000_000;

/// The minijinja templates of the publication: the embedded ones, each replaced by the file
/// of the same name in `<templates>/trasparenza/` when there is one.
#[derive(Debug, Clone)]
pub struct HtmlTemplates {
    files: Vec<(&'static str, String)>,
}

impl HtmlTemplates {
    pub fn load(dir: Option<&Path>) -> Result<HtmlTemplates, Failure> {
        let mut files = Vec::new();
        for (name, embedded) in EMBEDDED {
            let folder = dir.map(|d| d.join(FOLDER));
            let custom = match &folder {
                Some(folder) => crate::load::guard::regular_file(folder, name).map_err(|r| {
                    Failure::Usage(format!("modelli in {}: {}", folder.display(), r.0))
                })?,
                None => None,
            };
            let text = match custom {
                Some(path) => {
                    crate::load::guard::read_text(&path, name).map_err(|e| Failure::io(&path, e))?
                }
                None => embedded.to_string(),
            };
            files.push((*name, text));
        }
        let templates = HtmlTemplates { files };
        // Parse them now: a broken template stops the build before anything is written.
        templates.environment()?;
        Ok(templates)
    }

    fn environment(&self) -> Result<minijinja::Environment<'_>, Failure> {
        let mut env = minijinja::Environment::new();
        env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
        env.set_formatter(html_formatter);
        env.set_fuel(Some(FUEL));
        for (name, text) in &self.files {
            env.add_template(name, text).map_err(template_error)?;
        }
        Ok(env)
    }
}

/// Text is escaped for HTML (`&`, `<`, `>`, `"`, `'`), but not `/`, which minijinja escapes
/// too: dates stay "31/12/2025" in the source the web staff paste and read.
fn html_formatter(
    out: &mut minijinja::Output,
    state: &mut minijinja::State,
    value: &minijinja::Value,
) -> Result<(), minijinja::Error> {
    match value.as_str() {
        Some(text) if !value.is_safe() => {
            let mut escaped = String::with_capacity(text.len());
            for c in text.chars() {
                match c {
                    '&' => escaped.push_str("&amp;"),
                    '<' => escaped.push_str("&lt;"),
                    '>' => escaped.push_str("&gt;"),
                    '"' => escaped.push_str("&quot;"),
                    '\'' => escaped.push_str("&#39;"),
                    c => escaped.push(c),
                }
            }
            out.write_str(&escaped).map_err(minijinja::Error::from)
        }
        _ => minijinja::escape_formatter(out, state, value),
    }
}

/// Renders one of the publication's templates, ending the file with a newline.
fn render_template(
    env: &minijinja::Environment,
    name: &str,
    value: &impl Serialize,
) -> Result<String, Failure> {
    let mut html = env
        .get_template(name)
        .and_then(|t| t.render(minijinja::value::Serde(value)))
        .map_err(template_error)?;
    if !html.ends_with('\n') {
        html.push('\n');
    }
    Ok(html)
}

/// A template error with the template's name and line, in Italian.
fn template_error(e: minijinja::Error) -> Failure {
    let place = match (e.name(), e.line()) {
        (Some(name), Some(line)) => format!("{FOLDER}/{name}, riga {line}: "),
        (Some(name), None) => format!("{FOLDER}/{name}: "),
        _ => String::new(),
    };
    let what = match e.kind() {
        minijinja::ErrorKind::OutOfFuel => {
            "il modello HTML fa troppo lavoro (ciclo senza fine?) ed è stato interrotto".to_string()
        }
        minijinja::ErrorKind::SyntaxError => format!(
            "errore di sintassi nel modello HTML: {}",
            e.detail().unwrap_or_default()
        ),
        _ => format!("errore nel modello HTML: {e}"),
    };
    Failure::Template(format!("{place}{what}"))
}

/// What a publication needs.
#[derive(Debug, Clone)]
pub struct Options<'a> {
    /// The output folder: the publication goes into its `trasparenza/` sub-folder.
    pub output: &'a Path,
    /// The date of this publication: a changed table's last-change date.
    pub date: NaiveDate,
    pub templates: &'a HtmlTemplates,
    /// A draft build (`--bozza`): the publication is a draft whatever the deliberation says.
    pub bozza: bool,
}

/// What happened to one published unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stato {
    /// First publication.
    Nuova,
    /// New dated files: the data changed.
    Modificata,
    /// Same data: files and dates kept.
    Invariata,
}

/// The result of a publication.
#[derive(Debug)]
pub struct Published {
    pub dir: PathBuf,
    /// A draft: the deliberation has no number and date yet, nothing was recorded.
    pub draft: bool,
    /// Title and state of every unit, in the order of the index.
    pub units: Vec<(String, Stato)>,
    /// Units changed twice on the same day: that day's earlier files were replaced.
    pub replaced: Vec<String>,
    /// Tables published by an earlier run that this plan no longer has: their files (and
    /// `-latest` copies) are left as they were, no longer updated.
    pub withdrawn: Vec<String>,
}

impl Published {
    pub fn count(&self, stato: Stato) -> usize {
        self.units.iter().filter(|(_, s)| *s == stato).count()
    }
}

/// A set of files that change together and share their dates: a table, or the ANAC scheme.
struct Unit {
    stem: String,
    section: Section,
    title: String,
    period: String,
    table: Option<Table>,
}

impl Unit {
    fn key(&self) -> String {
        format!("{}/{}", self.section.folder, self.stem)
    }
}

/// One file of a unit.
struct Rendered {
    stem: String,
    ext: &'static str,
    bytes: Vec<u8>,
}

struct Context<'a> {
    piao: &'a Piao,
    editore: Editore,
    contatto: Option<String>,
    env: minijinja::Environment<'a>,
}

/// A publication rendered in memory, ready to be written: everything that can fail on the
/// data or the templates has failed before the first byte is written.
#[derive(Debug)]
pub struct Prepared {
    dir: PathBuf,
    /// The draft folder of an earlier run, removed once a real publication is written.
    stale_draft: Option<PathBuf>,
    files: Vec<(PathBuf, Vec<u8>, Mode)>,
    register: Option<Vec<u8>>,
    published: Published,
}

/// How a file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Written unless it already holds the same bytes.
    Replace,
    /// Written only when missing: a published version is never rewritten.
    Keep,
}

/// The date every fingerprint is computed with, so that only the data count.
fn fingerprint_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2000, 1, 1).expect("valid date")
}

/// Renders the publication of `piao` for `options.output`. A draft build, or a plan whose
/// deliberation has no number and date yet, is a draft: its files go to `trasparenza-bozza/`, dated with the
/// publication date, and nothing is recorded in the register, so that a draft never becomes
/// the first publication of a table.
pub fn prepare(piao: &Piao, options: &Options) -> Result<Prepared, Failure> {
    let d = &piao.piano.deliberazione;
    let draft = options.bozza || d.numero.is_none() || d.data.is_none();
    let dir = options
        .output
        .join(if draft { DRAFT_FOLDER } else { FOLDER });
    let mut register = if draft {
        Register::default()
    } else {
        Register::read(&dir)?
    };
    let ctx = Context {
        piao,
        editore: Editore {
            denominazione: piao.ente.denominazione.clone(),
            codice_fiscale: piao.ente.codice_fiscale.clone(),
            codice_ipa: piao.ente.codice_ipa.clone(),
        },
        contatto: piao
            .trasparenza
            .contatto
            .clone()
            .or_else(|| piao.ente.email.clone())
            .filter(|m| crate::model::trasparenza::email_valida(m)),
        env: options.templates.environment()?,
    };

    let mut units: Vec<Unit> = tables::all(piao)
        .into_iter()
        .map(|t| Unit {
            stem: t.slug.clone(),
            section: t.section,
            title: t.title.clone(),
            period: t.period.label.clone(),
            table: Some(t),
        })
        .collect();
    // The ANAC scheme right after the human table of the same AT sub-section.
    let at = units
        .iter()
        .position(|u| u.section == tables::ARTICOLAZIONE_UFFICI)
        .map_or(0, |i| i + 1);
    units.insert(
        at,
        Unit {
            stem: "art.13".into(),
            section: tables::ARTICOLAZIONE_UFFICI,
            title: "Articolazione degli uffici: schema standard ANAC (art. 13, delibera 495/2024)"
                .into(),
            period: format!("al {}", italian::date_short(piao.piano.data_documento())),
            table: None,
        },
    );

    let mut files = Vec::new();
    let mut outcome = Vec::new();
    let mut replaced = Vec::new();
    for unit in &units {
        let key = unit.key();
        let print = data_print(&ctx, unit)?;
        let previous = register.pubblicazioni.get(&key).cloned();
        let (stato, first, last) = match &previous {
            None => (Stato::Nuova, options.date, options.date),
            Some(e) if e.impronta == print => {
                (Stato::Invariata, e.prima_pubblicazione, e.ultima_modifica)
            }
            Some(e) if options.date < e.ultima_modifica => {
                return Err(Failure::Usage(format!(
                    "la data di pubblicazione {} è anteriore all'ultima modifica già pubblicata di «{}» ({}): indicare con --data-pubblicazione una data uguale o successiva",
                    italian::date_short(options.date),
                    unit.title,
                    italian::date_short(e.ultima_modifica)
                )));
            }
            Some(e) => {
                if e.ultima_modifica == options.date {
                    replaced.push(unit.title.clone());
                }
                (Stato::Modificata, e.prima_pubblicazione, options.date)
            }
        };
        let mode = if stato == Stato::Invariata {
            Mode::Keep
        } else {
            Mode::Replace
        };
        let folder = dir.join(unit.section.folder);
        let mut names = Vec::new();
        for f in render(&ctx, unit, first, last)? {
            let dated = dated_name(&f.stem, f.ext, first, last);
            names.push(format!("{}/{dated}", unit.section.folder));
            files.push((
                folder.join(latest_name(&f.stem, f.ext)),
                f.bytes.clone(),
                mode,
            ));
            files.push((folder.join(dated), f.bytes, mode));
        }
        let entry = register.pubblicazioni.entry(key).or_insert_with(|| Entry {
            titolo: String::new(),
            prima_pubblicazione: first,
            ultima_modifica: last,
            impronta: String::new(),
            versioni: Vec::new(),
        });
        if stato != Stato::Invariata {
            // A second change on the same day replaces that day's version: the names,
            // dated to the day, cannot tell them apart (the caller says so).
            entry.versioni.retain(|v| v.ultima_modifica != last);
            entry.versioni.push(Version {
                ultima_modifica: last,
                file: names,
            });
        }
        entry.ultima_modifica = last;
        entry.impronta = print;
        entry.titolo = unit.title.clone();
        outcome.push((unit.title.clone(), stato));
    }
    // Tables published before and no longer produced (say, no more fixed-term staff): their
    // files stay published, and the caller says they are no longer updated.
    let current: Vec<String> = units.iter().map(Unit::key).collect();
    let withdrawn: Vec<String> = register
        .pubblicazioni
        .iter()
        .filter(|(key, _)| !current.contains(key))
        .map(|(key, e)| {
            if e.titolo.is_empty() {
                key.clone()
            } else {
                e.titolo.clone()
            }
        })
        .collect();

    let index = index(&ctx, &units, &register, draft)?;
    files.push((dir.join("index.html"), index.into_bytes(), Mode::Replace));
    let draft_dir = options.output.join(DRAFT_FOLDER);
    Ok(Prepared {
        stale_draft: (!draft && draft_dir.is_dir()).then_some(draft_dir),
        register: (!draft).then(|| register.to_json()),
        files,
        published: Published {
            dir: dir.clone(),
            draft,
            units: outcome,
            replaced,
            withdrawn,
        },
        dir,
    })
}

impl Prepared {
    /// Writes the prepared files: the dated ones and the `-latest` copies, then the register
    /// and the index. A draft folder replaces the previous draft entirely.
    pub fn write(self) -> Result<Published, Failure> {
        if self.published.draft && self.dir.is_dir() {
            std::fs::remove_dir_all(&self.dir).map_err(|e| Failure::io(&self.dir, e))?;
        }
        for (path, bytes, mode) in &self.files {
            match mode {
                Mode::Keep if is_regular(path) => {}
                _ => write_if_changed(path, bytes)?,
            }
        }
        if let Some(register) = &self.register {
            write_if_changed(&self.dir.join(versions::REGISTER), register)?;
        }
        if let Some(draft) = &self.stale_draft {
            std::fs::remove_dir_all(draft).map_err(|e| Failure::io(draft, e))?;
        }
        Ok(self.published)
    }
}

/// Renders and writes the publication of `piao` (see [`prepare`]).
pub fn publish(piao: &Piao, options: &Options) -> Result<Published, Failure> {
    prepare(piao, options)?.write()
}

/// The fingerprint of a unit's data and metadata, without dates and without presentation
/// (XLSX styling, HTML template): a new template or a new version of piao is not a change.
fn data_print(ctx: &Context, unit: &Unit) -> Result<String, Failure> {
    let day = fingerprint_date();
    let internal = |e: String| Failure::Internal(format!("scrittura di «{}»: {e}", unit.title));
    let parts: Vec<(String, Vec<u8>)> = match &unit.table {
        None => anac::files(ctx.piao, day, day)
            .map_err(internal)?
            .into_iter()
            .map(|f| (format!("{}.{}", f.stem, f.ext), f.bytes))
            .collect(),
        Some(table) => {
            let meta = Metadati::new(
                table,
                &ctx.editore,
                ctx.contatto.clone(),
                (day, day),
                Vec::new(),
            );
            vec![
                ("csv".into(), files::csv(table).map_err(internal)?),
                (
                    "json".into(),
                    serde_json::to_vec(&meta).map_err(|e| internal(e.to_string()))?,
                ),
            ]
        }
    };
    Ok(fingerprint(
        parts
            .iter()
            .map(|(name, bytes)| (name.clone(), bytes.as_slice())),
    ))
}

fn is_regular(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_file())
}

/// Writes `bytes` unless the file already holds exactly them (its date stays untouched).
fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    // Only a regular file is compared (a FIFO put there would block the read); anything else
    // is replaced by the rename.
    if is_regular(path) && std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    write_atomic(path, bytes).map_err(|e| Failure::io(path, e))
}

/// The files of `unit` dated `first` and `last`.
fn render(
    ctx: &Context,
    unit: &Unit,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Vec<Rendered>, Failure> {
    let internal = |e: String| Failure::Internal(format!("scrittura di «{}»: {e}", unit.title));
    let Some(table) = &unit.table else {
        return Ok(anac::files(ctx.piao, first, last)
            .map_err(internal)?
            .into_iter()
            .map(|f| Rendered {
                stem: f.stem.to_string(),
                ext: f.ext,
                bytes: f.bytes,
            })
            .collect());
    };
    let name = |ext| dated_name(&table.slug, ext, first, last);
    let distribuzioni = vec![
        Distribuzione {
            file: name("csv"),
            formato: "CSV",
            media_type: "text/csv",
            codifica: Some("UTF-8"),
            separatore: Some(";"),
        },
        Distribuzione {
            file: name("xlsx"),
            formato: "XLSX",
            media_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            codifica: None,
            separatore: None,
        },
        Distribuzione {
            file: name("html"),
            formato: "HTML",
            media_type: "text/html",
            codifica: Some("UTF-8"),
            separatore: None,
        },
    ];
    let meta = Metadati::new(
        table,
        &ctx.editore,
        ctx.contatto.clone(),
        (first, last),
        distribuzioni,
    );
    let csv = files::csv(table).map_err(internal)?;
    let xlsx = files::xlsx(table, &meta).map_err(internal)?;
    let html = fragment(ctx, table, &meta)?;
    let mut json = serde_json::to_vec_pretty(&meta).map_err(|e| internal(e.to_string()))?;
    json.push(b'\n');
    let file = |ext, bytes| Rendered {
        stem: table.slug.clone(),
        ext,
        bytes,
    };
    Ok(vec![
        file("csv", csv),
        file("xlsx", xlsx),
        file("html", html.into_bytes()),
        file("json", json),
    ])
}

#[derive(Serialize)]
struct HtmlColumn<'a> {
    etichetta: &'a str,
    numero: bool,
}

#[derive(Serialize)]
struct HtmlFile {
    nome: String,
    formato: &'static str,
}

/// What `tabella.html` receives.
#[derive(Serialize)]
struct FragmentContext<'a> {
    id: &'a str,
    titolo: &'a str,
    descrizione: &'a str,
    periodo: &'a str,
    riferimento: &'static str,
    frequenza: &'static str,
    ultima_modifica: String,
    licenza: &'static str,
    licenza_url: &'static str,
    colonne: Vec<HtmlColumn<'a>>,
    righe: Vec<Vec<files::HtmlCell>>,
    totali: Option<Vec<files::HtmlCell>>,
    file: Vec<HtmlFile>,
}

/// What `indice.html` receives.
#[derive(Serialize)]
struct IndexContext<'a> {
    titolo: String,
    ente: &'a str,
    triennio: String,
    licenza: &'static str,
    licenza_url: &'static str,
    contatto: Option<&'a str>,
    bozza: bool,
    sezioni: Vec<IndexSection>,
}

/// The HTML fragment of a table.
fn fragment(ctx: &Context, table: &Table, meta: &Metadati) -> Result<String, Failure> {
    let value = FragmentContext {
        id: &table.slug,
        titolo: &table.title,
        descrizione: &table.description,
        periodo: &table.period.label,
        riferimento: table.section.basis,
        frequenza: table.section.frequency.label(),
        ultima_modifica: italian::date_short(meta.data_ultima_modifica),
        licenza: files::LICENZA,
        licenza_url: files::LICENZA_URL,
        colonne: table
            .columns
            .iter()
            .map(|c| HtmlColumn {
                etichetta: &c.label,
                numero: files::numeric(c.kind),
            })
            .collect(),
        righe: files::html_rows(&table.rows),
        totali: table
            .totals
            .as_ref()
            .map(|t| files::html_rows(std::slice::from_ref(t)).remove(0)),
        file: meta
            .distribuzioni
            .iter()
            .filter(|d| d.formato != "HTML")
            .map(|d| HtmlFile {
                nome: d.file.clone(),
                formato: d.formato,
            })
            .collect(),
    };
    render_template(&ctx.env, "tabella.html", &value)
}

#[derive(Serialize)]
struct IndexLink {
    href: String,
    formato: &'static str,
}

#[derive(Serialize)]
struct IndexVersion {
    ultima_modifica: String,
    /// The first publication, not a change.
    prima: bool,
    file: Vec<IndexLink>,
}

#[derive(Serialize)]
struct IndexTable {
    id: String,
    titolo: String,
    riferimento: &'static str,
    periodo: String,
    frequenza: &'static str,
    prima_pubblicazione: String,
    ultima_modifica: String,
    file: Vec<IndexLink>,
    versioni: Vec<IndexVersion>,
}

#[derive(Serialize)]
struct IndexSection {
    id: String,
    percorso: String,
    tabelle: Vec<IndexTable>,
}

/// What the index calls a file, from its extension (and ANAC stem).
fn formato(name: &str) -> &'static str {
    let ext = name.rsplit('.').next().unwrap_or("");
    match ext {
        "csv" => "CSV",
        "xlsx" => "XLSX",
        "html" => "HTML (frammento)",
        _ if name.contains("art.13-pa") => "JSON file unico",
        _ => "JSON (metadati)",
    }
}

/// `trasparenza/index.html`: every unit by AT section, with its latest files and history.
fn index(
    ctx: &Context,
    units: &[Unit],
    register: &Register,
    draft: bool,
) -> Result<String, Failure> {
    let mut sections: Vec<IndexSection> = Vec::new();
    for unit in units {
        let Some(entry) = register.pubblicazioni.get(&unit.key()) else {
            continue;
        };
        let current = entry.versioni.last();
        let file = current
            .map(|v| {
                v.file
                    .iter()
                    .map(|f| {
                        let (stem, ext) = latest_of(f);
                        IndexLink {
                            href: format!("{}/{}", unit.section.folder, latest_name(&stem, ext)),
                            formato: anac_or(f),
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        let versioni = entry
            .versioni
            .iter()
            .rev()
            .skip(1)
            .map(|v| IndexVersion {
                ultima_modifica: italian::date_short(v.ultima_modifica),
                prima: v.ultima_modifica == entry.prima_pubblicazione,
                file: v
                    .file
                    .iter()
                    .map(|f| IndexLink {
                        href: f.clone(),
                        formato: anac_or(f),
                    })
                    .collect(),
            })
            .collect();
        let table = IndexTable {
            id: unit.stem.replace('.', "-"),
            titolo: unit.title.clone(),
            riferimento: unit.section.basis,
            periodo: unit.period.clone(),
            frequenza: unit.section.frequency.label(),
            prima_pubblicazione: italian::date_short(entry.prima_pubblicazione),
            ultima_modifica: italian::date_short(entry.ultima_modifica),
            file,
            versioni,
        };
        let percorso = unit.section.label();
        match sections.iter_mut().find(|s| s.percorso == percorso) {
            Some(s) => s.tabelle.push(table),
            None => sections.push(IndexSection {
                id: unit.section.folder.replace('/', "-"),
                percorso,
                tabelle: vec![table],
            }),
        }
    }
    let t = ctx.piao.piano.triennio.label();
    let value = IndexContext {
        titolo: format!("Amministrazione Trasparente: le tabelle del PIAO {t}"),
        ente: &ctx.piao.ente.denominazione,
        triennio: t,
        licenza: files::LICENZA,
        licenza_url: files::LICENZA_URL,
        contatto: ctx.contatto.as_deref(),
        bozza: draft,
        sezioni: sections,
    };
    render_template(&ctx.env, "indice.html", &value)
}

/// The stem and extension of a dated file path (`folder/stem-AAAAMMGG-AAAAMMGG.ext`).
fn latest_of(path: &str) -> (String, &str) {
    let name = path.rsplit('/').next().unwrap_or(path);
    let (base, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    // Drop the two dates: "-20260120-20260120".
    let stem = base.get(..base.len().saturating_sub(18)).unwrap_or(base);
    (stem.to_string(), ext)
}

fn anac_or(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    for (prefix, label) in [
        ("art.13-as-", "CSV ambito soggettivo"),
        ("art.13-op-", "CSV organi di indirizzo politico"),
        ("art.13-oa-", "CSV organi di amministrazione e gestione"),
        ("art.13-org-", "CSV organigramma"),
    ] {
        if name.starts_with(prefix) {
            return label;
        }
    }
    formato(name)
}
