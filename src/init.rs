//! `piao init`: a new input folder with an `ente.yaml` to complete and the blank workbook of
//! each office, written from the same declarations the reader uses.

use crate::failure::Failure;
use crate::output::write_atomic;
use crate::workbook::{WORKBOOKS, template};
use std::path::Path;

/// The commented skeleton of `ente.yaml`.
pub const ENTE_MODELLO: &str = include_str!("ente-modello.yaml");

/// Writes the skeleton into `dir`; refuses to overwrite existing files unless `force`.
/// Returns the names of the files written.
pub fn init(dir: &Path, force: bool) -> Result<Vec<String>, Failure> {
    let mut files: Vec<(String, Vec<u8>)> =
        vec![("ente.yaml".into(), ENTE_MODELLO.as_bytes().to_vec())];
    for wb in WORKBOOKS {
        let bytes = template::write(wb, &template::Fill::new()).map_err(|e| {
            Failure::Internal(format!("scrittura del modello {}: {e}", wb.file_name()))
        })?;
        files.push((wb.file_name(), bytes));
    }
    if !force {
        let existing: Vec<&str> = files
            .iter()
            .filter(|(name, _)| dir.join(name).exists())
            .map(|(name, _)| name.as_str())
            .collect();
        if !existing.is_empty() {
            return Err(Failure::Usage(format!(
                "in {} esistono già {}: nessun file è stato modificato (usare --force per sovrascriverli)",
                dir.display(),
                existing.join(", ")
            )));
        }
    }
    for (name, bytes) in &files {
        let path = dir.join(name);
        write_atomic(&path, bytes).map_err(|e| Failure::io(&path, e))?;
    }
    Ok(files.into_iter().map(|(name, _)| name).collect())
}
