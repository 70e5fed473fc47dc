//! Why a command could not run at all: the one error type of every stage (as opposed to the
//! problems in the input data, which are diagnostics in a report). It sits at the ground
//! floor so that render and publish report failures without pointing back up at the
//! pipeline.

use std::path::Path;

/// Why a command could not run at all (exit code 2): not a problem in the input data, which
/// goes into the [`Report`] instead.
#[derive(Debug)]
pub enum Failure {
    /// Wrong arguments or a refused operation.
    Usage(String),
    /// A file could not be read or written.
    Io(String),
    /// The document engine failed on the templates.
    Template(String),
    /// A bug: it should not happen.
    Internal(String),
}

impl Failure {
    pub fn io(path: &Path, e: std::io::Error) -> Self {
        Failure::Io(format!(
            "{}: {}",
            crate::diag::terminal_safe(&path.display().to_string()),
            io_message(&e)
        ))
    }
}

/// An I/O error in Italian: the system's own text is English ("File exists").
fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    let what = match e.kind() {
        NotFound => "il file o la cartella non esiste",
        PermissionDenied => "permesso negato",
        AlreadyExists => "esiste già",
        IsADirectory => "è una cartella, non un file",
        NotADirectory => "un elemento del percorso non è una cartella",
        StorageFull => "spazio su disco esaurito",
        ReadOnlyFilesystem => "il disco è in sola lettura",
        FileTooLarge => return crate::diag::terminal_safe(&e.to_string()),
        InvalidData => "il contenuto non è testo UTF-8 valido",
        _ => "",
    };
    if what.is_empty() {
        format!("errore di lettura o scrittura ({e})")
    } else {
        what.to_string()
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Usage(m) | Failure::Io(m) => write!(f, "{m}"),
            Failure::Template(m) => write!(f, "errore nei modelli typst:\n{m}"),
            Failure::Internal(m) => write!(f, "errore interno: {m}"),
        }
    }
}

impl std::error::Error for Failure {}
