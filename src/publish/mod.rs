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

use crate::italian;
use crate::model::Piao;
use crate::output::write_atomic;
use crate::pipeline::Failure;
use chrono::NaiveDate;
use files::{Distribuzione, Editore, Metadati};
use serde::Serialize;
use std::path::{Path, PathBuf};
use table::{Section, Table};
use versions::{Entry, Register, Version, dated_name, fingerprint, latest_name};

/// The folder of the publication inside the output folder.
pub const FOLDER: &str = "trasparenza";

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
        env.set_fuel(Some(FUEL));
        for (name, text) in &self.files {
            env.add_template(name, text).map_err(template_error)?;
        }
        Ok(env)
    }
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
    /// Title and state of every unit, in the order of the index.
    pub units: Vec<(String, Stato)>,
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

/// Writes the publication of `piao` into `options.output/trasparenza`.
pub fn publish(piao: &Piao, options: &Options) -> Result<Published, Failure> {
    let dir = options.output.join(FOLDER);
    let mut register = Register::read(&dir)?;
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
    units.insert(
        1,
        Unit {
            stem: "art.13".into(),
            section: tables::ARTICOLAZIONE_UFFICI,
            title: "Articolazione degli uffici: schema standard ANAC (art. 13, delibera 495/2024)"
                .into(),
            period: format!("al {}", italian::date_short(piao.piano.data_documento())),
            table: None,
        },
    );

    let mut outcome = Vec::new();
    for unit in &units {
        let key = unit.key();
        let previous = register.pubblicazioni.get(&key).cloned();
        let (first, last) = previous
            .as_ref()
            .map(|e| (e.prima_pubblicazione, e.ultima_modifica))
            .unwrap_or((options.date, options.date));
        let mut files = render(&ctx, unit, first, last)?;
        let mut print = print(&files);
        let stato = match &previous {
            None => Stato::Nuova,
            Some(e) if e.impronta == print => Stato::Invariata,
            Some(e) => {
                if options.date < e.ultima_modifica {
                    return Err(Failure::Usage(format!(
                        "la data di pubblicazione {} è anteriore all'ultima modifica già pubblicata di «{}» ({}): indicare con --data-pubblicazione una data uguale o successiva",
                        italian::date_short(options.date),
                        unit.title,
                        italian::date_short(e.ultima_modifica)
                    )));
                }
                files = render(&ctx, unit, first, options.date)?;
                print = self::print(&files);
                Stato::Modificata
            }
        };
        let last = if stato == Stato::Modificata {
            options.date
        } else {
            last
        };
        let folder = dir.join(unit.section.folder);
        let mut names = Vec::new();
        for f in &files {
            let dated = dated_name(&f.stem, f.ext, first, last);
            write_if_changed(&folder.join(&dated), &f.bytes)?;
            write_if_changed(&folder.join(latest_name(&f.stem, f.ext)), &f.bytes)?;
            names.push(format!("{}/{dated}", unit.section.folder));
        }
        let entry = register.pubblicazioni.entry(key).or_insert_with(|| Entry {
            prima_pubblicazione: first,
            ultima_modifica: last,
            impronta: String::new(),
            versioni: Vec::new(),
        });
        if stato != Stato::Invariata {
            // A second change on the same day replaces that day's version: the names,
            // dated to the day, cannot tell them apart.
            entry.versioni.retain(|v| v.ultima_modifica != last);
            entry.versioni.push(Version {
                ultima_modifica: last,
                file: names,
            });
        }
        entry.ultima_modifica = last;
        entry.impronta = print;
        outcome.push((unit.title.clone(), stato));
    }

    let index = index(&ctx, &units, &register)?;
    let register_path = dir.join(versions::REGISTER);
    write_if_changed(&register_path, &register.to_json())?;
    write_if_changed(&dir.join("index.html"), index.as_bytes())?;
    Ok(Published {
        dir,
        units: outcome,
    })
}

fn print(files: &[Rendered]) -> String {
    fingerprint(
        files
            .iter()
            .map(|f| (format!("{}.{}", f.stem, f.ext), f.bytes.as_slice())),
    )
}

/// Writes `bytes` unless the file already holds exactly them (its date stays untouched).
fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    // Only a regular file is compared (a FIFO put there would block the read); anything else
    // is replaced by the rename.
    let regular = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_file());
    if regular && std::fs::read(path).is_ok_and(|old| old == bytes) {
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
    let mut html = ctx
        .env
        .get_template("tabella.html")
        .and_then(|t| t.render(minijinja::value::Serde(&value)))
        .map_err(template_error)?;
    if !html.ends_with('\n') {
        html.push('\n');
    }
    Ok(html)
}

#[derive(Serialize)]
struct IndexLink {
    href: String,
    formato: &'static str,
}

#[derive(Serialize)]
struct IndexVersion {
    ultima_modifica: String,
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
fn index(ctx: &Context, units: &[Unit], register: &Register) -> Result<String, Failure> {
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
        sezioni: sections,
    };
    let mut html = ctx
        .env
        .get_template("indice.html")
        .and_then(|t| t.render(minijinja::value::Serde(&value)))
        .map_err(template_error)?;
    if !html.ends_with('\n') {
        html.push('\n');
    }
    Ok(html)
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
