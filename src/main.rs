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
