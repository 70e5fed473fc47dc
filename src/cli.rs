//! The command line: clap derive structs whose doc comments are the `--help` text (in
//! Italian, for the users).

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// A date as "20/01/2026" or "2026-01-20".
fn parse_date(s: &str) -> Result<NaiveDate, String> {
    piao::italian::parse_date(s)
        .ok_or_else(|| format!("data '{s}' non valida: attesa come 20/01/2026 o 2026-01-20"))
}

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
    /// Controlla i dati e produce il PDF del PIAO, il file per il Portale PIAO e la
    /// pubblicazione per Amministrazione Trasparente (in output/ se non indicato).
    Build {
        /// Cartella di input con ente.yaml e i fogli di calcolo.
        #[arg(default_value = "input")]
        dir: PathBuf,
        /// Cartella in cui scrivere il PDF e la cartella trasparenza/.
        #[arg(short, long, default_value = "output")]
        output: PathBuf,
        /// Cartella con modelli che sostituiscono quelli incorporati (main.typ, e
        /// trasparenza/tabella.html e trasparenza/indice.html se presenti).
        #[arg(long)]
        templates: Option<PathBuf>,
        /// Non scrive la pubblicazione per Amministrazione Trasparente.
        #[arg(long)]
        senza_trasparenza: bool,
        /// Data della pubblicazione (GG/MM/AAAA): la data di ultima modifica delle tabelle
        /// cambiate. Se omessa, la data di oggi.
        #[arg(long, value_parser = parse_date)]
        data_pubblicazione: Option<NaiveDate>,
        /// Bozza da far circolare: ciò che manca per la deliberazione è segnalato come avviso e
        /// non blocca; ogni pagina del PDF porta la scritta BOZZA, il file si chiama
        /// PIAO_..._BOZZA.pdf e le tabelle vanno in trasparenza-bozza/.
        #[arg(long)]
        bozza: bool,
    },
    /// Scrive solo la pubblicazione per Amministrazione Trasparente (output/trasparenza/), senza
    /// il PDF.
    Pubblica {
        /// Cartella di input con ente.yaml e i fogli di calcolo.
        #[arg(default_value = "input")]
        dir: PathBuf,
        /// Cartella in cui scrivere la cartella trasparenza/.
        #[arg(short, long, default_value = "output")]
        output: PathBuf,
        /// Cartella con modelli HTML che sostituiscono quelli incorporati
        /// (trasparenza/tabella.html, trasparenza/indice.html).
        #[arg(long)]
        templates: Option<PathBuf>,
        /// Data della pubblicazione (GG/MM/AAAA). Se omessa, la data di oggi.
        #[arg(long, value_parser = parse_date)]
        data_pubblicazione: Option<NaiveDate>,
        /// Bozza: le tabelle vanno in trasparenza-bozza/ e ciò che manca per la deliberazione
        /// è segnalato come avviso.
        #[arg(long)]
        bozza: bool,
    },
    /// Produce il report di monitoraggio del PIAO (art. 5 DM 132/2022) a una data del primo
    /// anno: per struttura e obiettivo il programmato e il realizzato, le fasi in ritardo, gli
    /// indicatori rispetto al target, le misure anticorruzione attuate. I dati vengono dai
    /// fogli Avanzamento fasi, Misurazioni, Revisioni target e Scostamenti di
    /// performance.xlsx e Attuazione misure di anticorruzione.xlsx.
    Monitoraggio {
        #[command(flatten)]
        args: CicloArgs,
        /// Data del monitoraggio (GG/MM/AAAA): conta per ogni fase e indicatore l'ultima
        /// rilevazione fino a quel giorno. Se omessa, la data più recente dei fogli.
        #[arg(long, value_parser = parse_date)]
        al: Option<NaiveDate>,
    },
    /// Produce la Relazione annuale sulla performance del primo anno del triennio: il grado di
    /// raggiungimento di ogni obiettivo (regola in ente.yaml › relazione), per struttura e
    /// complessivo; gli indicatori di valore pubblico; personale, formazione e lavoro agile
    /// rispetto al programmato (foglio Consuntivo); le misure anticorruzione; la validazione
    /// del Nucleo di valutazione o dell'OIV.
    Relazione {
        #[command(flatten)]
        args: CicloArgs,
    },
    /// Costruisce il PIAO di molte amministrazioni in una volta: ogni sottocartella di DIR con
    /// un ente.yaml è una cartella di input, costruita come con `piao build` in
    /// OUT/<nome della sottocartella>/, in parallelo su tutti i processori.
    ///
    /// Una riga per amministrazione mentre procede, poi una tabella riassuntiva. Il rapporto
    /// del controllo di ognuna è in OUT/<nome>/controllo.txt. Codice di uscita 0 se tutte sono
    /// state costruite, 1 se qualcuna ha errori nei dati (le altre sono costruite comunque),
    /// 2 se qualcuna non è stata costruita per un altro motivo.
    Batch {
        /// Cartella che contiene una cartella di input per amministrazione.
        dir: PathBuf,
        /// Cartella in cui scrivere una cartella di risultati per amministrazione.
        #[arg(short, long, default_value = "output")]
        output: PathBuf,
        /// Cartella con modelli che sostituiscono quelli incorporati (come per build).
        #[arg(long)]
        templates: Option<PathBuf>,
        /// Non scrive la pubblicazione per Amministrazione Trasparente.
        #[arg(long)]
        senza_trasparenza: bool,
        /// Data della pubblicazione (GG/MM/AAAA). Se omessa, la data di oggi.
        #[arg(long, value_parser = parse_date)]
        data_pubblicazione: Option<NaiveDate>,
        /// Costruisce bozze (come `piao build --bozza`).
        #[arg(long)]
        bozza: bool,
        /// Quante amministrazioni costruire insieme (se omesso, una per processore).
        #[arg(short, long)]
        jobs: Option<usize>,
        /// Formato del riepilogo finale: tabella o JSON (le righe di avanzamento vanno
        /// comunque sullo standard error in formato JSON).
        #[arg(long, value_enum, default_value_t = Format::Testo)]
        format: Format,
    },
    /// Sorveglia la cartella di input e ricostruisce il PDF a ogni salvataggio di ente.yaml o
    /// dei fogli di calcolo (solo il PDF e il file per il Portale PIAO, non la pubblicazione).
    /// Se i dati hanno errori, il PDF precedente resta com'era. Si interrompe con Ctrl+C.
    Watch {
        /// Cartella di input con ente.yaml e i fogli di calcolo.
        #[arg(default_value = "input")]
        dir: PathBuf,
        /// Cartella in cui scrivere il PDF.
        #[arg(short, long, default_value = "output")]
        output: PathBuf,
        /// Cartella con modelli che sostituiscono quelli incorporati (sorvegliata anch'essa).
        #[arg(long)]
        templates: Option<PathBuf>,
        /// Costruisce una bozza (come `piao build --bozza`).
        #[arg(long)]
        bozza: bool,
    },
    /// Controlla i dati di input e riporta tutti i problemi, cella per cella.
    Check {
        /// Cartella di input con ente.yaml e i fogli di calcolo.
        #[arg(default_value = "input")]
        dir: PathBuf,
        /// Formato del rapporto.
        #[arg(long, value_enum, default_value_t = Format::Testo)]
        format: Format,
        /// Controlla come per una bozza: ciò che manca per la deliberazione è un avviso.
        #[arg(long)]
        bozza: bool,
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

/// What `piao monitoraggio` and `piao relazione` share.
#[derive(Debug, Args)]
pub struct CicloArgs {
    /// Cartella di input con ente.yaml e i fogli di calcolo.
    #[arg(default_value = "input")]
    pub dir: PathBuf,
    /// Cartella in cui scrivere il PDF.
    #[arg(short, long, default_value = "output")]
    pub output: PathBuf,
    /// Cartella con modelli che sostituiscono quelli incorporati (monitoraggio.typ,
    /// relazione.typ, ciclo.typ, stile.typ).
    #[arg(long)]
    pub templates: Option<PathBuf>,
    /// Bozza: ogni pagina porta la scritta BOZZA e il file si chiama ..._BOZZA.pdf.
    #[arg(long)]
    pub bozza: bool,
}
