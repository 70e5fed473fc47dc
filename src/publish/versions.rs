//! Dated, immutable publications. The register `trasparenza/pubblicazioni.json` remembers,
//! for every published unit, the dates of first publication and of last change and a
//! fingerprint of its files. A unit whose files come out the same keeps its files and its
//! dates; a changed one gets new dated files, the old ones stay where they are, and the
//! `-latest` copies follow the newest.

use crate::failure::Failure;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;

/// The register's file name, in the `trasparenza/` folder.
pub const REGISTER: &str = "pubblicazioni.json";

/// The register of every publication written into one output folder.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Register {
    pub formato: u32,
    /// By unit key (`personale/dotazione-organica/dotazione-organica-2025`).
    pub pubblicazioni: BTreeMap<String, Entry>,
}

/// The history of one unit.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    /// The table's title when it was last published.
    #[serde(default)]
    pub titolo: String,
    pub prima_pubblicazione: NaiveDate,
    pub ultima_modifica: NaiveDate,
    /// SHA-256 of the files of the current version.
    pub impronta: String,
    /// Every version, oldest first, with its dated files (relative to `trasparenza/`).
    pub versioni: Vec<Version>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Version {
    pub ultima_modifica: NaiveDate,
    pub file: Vec<String>,
}

impl Register {
    /// Reads the register of `dir`; none yet is an empty register, an unreadable one stops
    /// the publication (overwriting it would lose the history).
    pub fn read(dir: &Path) -> Result<Register, Failure> {
        let path = dir.join(REGISTER);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Register {
                    formato: 1,
                    ..Register::default()
                });
            }
            Err(e) => return Err(Failure::io(&path, e)),
        };
        serde_json::from_str(&text).map_err(|e| {
            Failure::Usage(format!(
                "il registro delle pubblicazioni {} non è leggibile ({e}): ripristinarlo da una copia, oppure spostarlo altrove per ripartire da una nuova prima pubblicazione",
                path.display()
            ))
        })
    }

    pub fn to_json(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(self).expect("register serializes");
        bytes.push(b'\n');
        bytes
    }
}

/// `art.13-op-20260120-20260315.csv`: first publication, then last change.
pub fn dated_name(stem: &str, ext: &str, first: NaiveDate, last: NaiveDate) -> String {
    format!(
        "{stem}-{}-{}.{ext}",
        first.format("%Y%m%d"),
        last.format("%Y%m%d")
    )
}

/// `art.13-op-latest.csv`.
pub fn latest_name(stem: &str, ext: &str) -> String {
    format!("{stem}-latest.{ext}")
}

/// The fingerprint of a set of files: names (without dates) and bytes.
pub fn fingerprint<'a>(files: impl Iterator<Item = (String, &'a [u8])>) -> String {
    let mut h = Sha256::new();
    for (name, bytes) in files {
        h.update(name.as_bytes());
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    }
    hex(&h.finalize())
}

/// Lowercase hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
