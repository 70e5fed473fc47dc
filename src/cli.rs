//! The command line: clap derive structs whose doc comments are the `--help` text (in
//! Italian, for the users).

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Produce il PIAO (Piano Integrato di Attività e Organizzazione) dai fogli di calcolo degli
/// uffici e da ente.yaml.
///
/// Codici di uscita: 0 riuscito (anche con avvisi), 1 i dati di input hanno errori,
/// 2 errore di utilizzo, di lettura/scrittura o interno.
#[derive(Debug, Parser)]
#[command(name = "piao", version, about, long_about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Controlla i dati e produce il PDF del PIAO (in output/ se non indicato).
    Build {
        /// Cartella di input con ente.yaml e i fogli di calcolo.
        #[arg(default_value = "input")]
        dir: PathBuf,
        /// Cartella in cui scrivere il PDF.
        #[arg(short, long, default_value = "output")]
        output: PathBuf,
        /// Cartella con modelli typst che sostituiscono quelli incorporati (main.typ).
        #[arg(long)]
        templates: Option<PathBuf>,
    },
    /// Controlla i dati di input e riporta tutti i problemi, cella per cella.
    Check {
        /// Cartella di input con ente.yaml e i fogli di calcolo.
        #[arg(default_value = "input")]
        dir: PathBuf,
        /// Formato del rapporto.
        #[arg(long, value_enum, default_value_t = Format::Testo)]
        format: Format,
    },
    /// Crea una nuova cartella di input: ente.yaml da completare e i fogli di calcolo vuoti.
    Init {
        /// Cartella da creare.
        dir: PathBuf,
        /// Sovrascrive i file già presenti.
        #[arg(long)]
        force: bool,
    },
}

/// Format of the `check` report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Testo leggibile, raggruppato per file e foglio.
    Testo,
    /// JSON, per altri programmi.
    Json,
}
