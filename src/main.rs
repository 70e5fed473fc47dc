//! The `piao` binary: parses the arguments, calls the pipeline, prints the diagnostics and
//! returns the documented exit code. Everything else lives in the library.

mod cli;

use clap::Parser;
use cli::{Cli, Command, Format};
use piao::pipeline::{self, Failure};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build {
            dir,
            output,
            templates,
        } => build(pipeline::BuildOptions {
            input: dir,
            output,
            templates,
        }),
        Command::Check { dir, format } => check(&dir, format),
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
    Ok(input_code(&built.report))
}

fn check(dir: &std::path::Path, format: Format) -> Result<ExitCode, Failure> {
    let checked = pipeline::check(dir)?;
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
