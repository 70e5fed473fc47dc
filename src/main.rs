//! The `piao` binary: parses the arguments, calls the pipeline, prints the diagnostics and
//! returns the documented exit code. Everything else lives in the library.

mod cli;

use clap::Parser;
use cli::{Cli, Command, Format};
use piao::model::Modo;
use piao::pipeline::{self, Failure};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build {
            dir,
            output,
            templates,
            senza_trasparenza,
            data_pubblicazione,
            bozza,
        } => build(pipeline::BuildOptions {
            input: dir,
            output,
            templates,
            trasparenza: !senza_trasparenza,
            data_pubblicazione: data_pubblicazione.unwrap_or_else(today),
            modo: modo(bozza),
        }),
        Command::Pubblica {
            dir,
            output,
            templates,
            data_pubblicazione,
            bozza,
        } => publish(pipeline::PublishOptions {
            input: dir,
            output,
            templates,
            data_pubblicazione: data_pubblicazione.unwrap_or_else(today),
            modo: modo(bozza),
        }),
        Command::Batch {
            dir,
            output,
            templates,
            senza_trasparenza,
            data_pubblicazione,
            bozza,
            jobs,
            format,
        } => batch(
            piao::batch::Options {
                root: dir,
                output,
                templates,
                trasparenza: !senza_trasparenza,
                data_pubblicazione: data_pubblicazione.unwrap_or_else(today),
                modo: modo(bozza),
                jobs: jobs
                    .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
            },
            format,
        ),
        Command::Watch {
            dir,
            output,
            templates,
            bozza,
        } => watch(pipeline::BuildOptions {
            input: dir,
            output,
            templates,
            trasparenza: false,
            data_pubblicazione: today(),
            modo: modo(bozza),
        }),
        Command::Monitoraggio { args, al } => report(args, pipeline::Ciclo::Monitoraggio(al)),
        Command::Relazione { args } => report(args, pipeline::Ciclo::Relazione),
        Command::Check { dir, format, bozza } => check(&dir, format, modo(bozza)),
        Command::Init { dir, force } => init(&dir, force),
    };
    match result {
        Ok(code) => code,
        Err(failure) => {
            eprintln!("errore: {failure}");
            ExitCode::from(2)
        }
    }
}

fn modo(bozza: bool) -> Modo {
    if bozza { Modo::Bozza } else { Modo::Definitivo }
}

/// Exit code 1 when the input has errors, 0 otherwise.
fn input_code(report: &piao::diag::Report) -> ExitCode {
    if report.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn build(options: pipeline::BuildOptions) -> Result<ExitCode, Failure> {
    let built = pipeline::build(&options)?;
    eprint!("{}", built.report.to_text());
    match &built.pdf {
        Some(pdf) => println!(
            "PIAO scritto in {} ({} pagine).",
            pdf.path.display(),
            pdf.pages
        ),
        None => eprintln!("Il PDF non è stato prodotto: correggere gli errori e riprovare."),
    }
    if let Some(portale) = &built.portale {
        println!("Dati per il Portale PIAO in {}.", portale.display());
    }
    if let Some(p) = &built.publication {
        print_publication(p, options.modo);
    }
    Ok(input_code(&built.report))
}

fn report(args: cli::CicloArgs, ciclo: pipeline::Ciclo) -> Result<ExitCode, Failure> {
    let options = pipeline::ReportOptions {
        input: args.dir,
        output: args.output,
        templates: args.templates,
        ciclo,
        bozza: args.bozza,
    };
    let run = pipeline::report(&options)?;
    eprint!("{}", run.report.to_text());
    let what = match options.ciclo {
        pipeline::Ciclo::Monitoraggio(_) => "Report di monitoraggio scritto",
        pipeline::Ciclo::Relazione => "Relazione sulla performance scritta",
    };
    match &run.pdf {
        Some(pdf) => println!("{what} in {} ({} pagine).", pdf.path.display(), pdf.pages),
        None => eprintln!("Il PDF non è stato prodotto: correggere gli errori e riprovare."),
    }
    Ok(input_code(&run.report))
}

fn publish(options: pipeline::PublishOptions) -> Result<ExitCode, Failure> {
    let run = pipeline::publish(&options)?;
    eprint!("{}", run.report.to_text());
    match &run.publication {
        Some(p) => print_publication(p, options.modo),
        None => {
            eprintln!("La pubblicazione non è stata prodotta: correggere gli errori e riprovare.")
        }
    }
    Ok(input_code(&run.report))
}

fn print_publication(p: &piao::publish::Published, modo: Modo) {
    use piao::publish::Stato;
    for title in &p.withdrawn {
        eprintln!(
            "avviso: «{title}» era stata pubblicata ma il PIAO non ha più questi dati: i suoi file restano come erano e non vengono più aggiornati (toglierli dal sito se non sono più dovuti)"
        );
    }
    for title in &p.replaced {
        eprintln!(
            "avviso: «{title}» era già stata modificata oggi: i file di oggi sono stati sostituiti"
        );
    }
    if p.draft {
        let why = match modo {
            Modo::Bozza => "costruita come bozza",
            Modo::Definitivo => "mancano numero e data della deliberazione in ente.yaml",
        };
        println!(
            "Bozza delle tabelle di Amministrazione Trasparente in {} (da non pubblicare: {why}); elenco in {}.",
            p.dir.display(),
            p.dir.join("index.html").display()
        );
        return;
    }
    println!(
        "Amministrazione Trasparente in {} ({} pubblicazioni: {} nuove, {} modificate, {} invariate); elenco in {}.",
        p.dir.display(),
        p.units.len(),
        p.count(Stato::Nuova),
        p.count(Stato::Modificata),
        p.count(Stato::Invariata),
        p.dir.join("index.html").display()
    );
}

/// Today's date on this computer: the default publication date.
fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

fn batch(options: piao::batch::Options, format: Format) -> Result<ExitCode, Failure> {
    use indicatif::{ProgressBar, ProgressStyle};
    use std::io::IsTerminal;
    let folders = piao::batch::folders(&options.root)?;
    // On a terminal a progress bar, with each administration's line printed above it;
    // otherwise plain lines (on stderr when stdout carries the JSON summary).
    let bar = if std::io::stderr().is_terminal() {
        ProgressBar::new(folders.len() as u64).with_style(
            ProgressStyle::with_template(
                "{bar:40} {pos}/{len} amministrazioni, {elapsed} ({eta} al termine)",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        )
    } else {
        ProgressBar::hidden()
    };
    let start = std::time::Instant::now();
    let outcomes = piao::batch::run(&options, &folders, &|outcome| {
        let line = piao::batch::line(outcome);
        if !bar.is_hidden() {
            bar.println(line);
        } else if format == Format::Json {
            eprintln!("{line}");
        } else {
            println!("{line}");
        }
        bar.inc(1);
    })?;
    bar.finish_and_clear();
    let elapsed = start.elapsed().as_secs_f64();
    match format {
        Format::Testo => print!("\n{}", piao::batch::table(&outcomes, elapsed)),
        Format::Json => println!("{}", piao::batch::to_json(&outcomes, elapsed)),
    }
    Ok(ExitCode::from(piao::batch::exit_code(&outcomes)))
}

fn watch(options: pipeline::BuildOptions) -> Result<ExitCode, Failure> {
    use piao::watch::Event;
    println!(
        "Sorveglio {}: il PDF si ricostruisce a ogni salvataggio (Ctrl+C per terminare).",
        options.input.display()
    );
    piao::watch::watch(&options, &mut |event| match event {
        Event::Start { changed } if !changed.is_empty() => {
            println!("\n[{}] modificato: {}", clock(), changed.join(", "));
        }
        Event::Start { .. } => {}
        Event::Built { built, seconds } => {
            let report = built.report.to_text();
            eprint!("{report}");
            match &built.pdf {
                Some(pdf) => println!(
                    "[{}] ricostruito in {}: {} ({} pagine).",
                    clock(),
                    piao::batch::seconds(seconds),
                    pdf.path.display(),
                    pdf.pages
                ),
                None => println!(
                    "[{}] PDF non aggiornato: i dati hanno errori (il PDF precedente resta com'era). Correggerli e salvare di nuovo.",
                    clock()
                ),
            }
        }
        Event::Failed { failure } => {
            eprintln!("errore: {failure}");
            println!(
                "[{}] PDF non aggiornato (il PDF precedente resta com'era).",
                clock()
            );
        }
        Event::Problem { message } => eprintln!("avviso: {message}"),
    })?;
    Ok(ExitCode::SUCCESS)
}

/// The time of day, for the watcher's lines.
fn clock() -> String {
    chrono::Local::now().format("%H:%M:%S").to_string()
}

fn check(dir: &std::path::Path, format: Format, modo: Modo) -> Result<ExitCode, Failure> {
    let checked = pipeline::check_as(dir, modo)?;
    match format {
        Format::Testo => print!("{}", checked.report.to_text()),
        Format::Json => println!("{}", checked.report.to_json()),
    }
    Ok(input_code(&checked.report))
}

fn init(dir: &std::path::Path, force: bool) -> Result<ExitCode, Failure> {
    let written = piao::init::init(dir, force)?;
    println!("Cartella {} pronta:", dir.display());
    for file in written {
        println!("  {file}");
    }
    println!(
        "Completare ente.yaml e i fogli di calcolo, poi eseguire `piao check {}`.",
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}
