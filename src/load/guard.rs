//! What the loader agrees to read: regular files inside the input folder (or the templates
//! folder), within documented limits. A symbolic link that leads outside the folder, a FIFO,
//! a device or a directory where a file is expected is refused with a message before it is
//! opened, so it can neither leak another file into the PDF nor hang the program.

use std::path::{Path, PathBuf};

/// The largest workbook file read (bytes on disk).
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;
/// The largest total a workbook's archive may declare once uncompressed.
pub const MAX_UNCOMPRESSED_BYTES: u64 = 500 * 1024 * 1024;
/// The largest `ente.yaml` or template read.
pub const MAX_TEXT_BYTES: u64 = 5 * 1024 * 1024;
/// The most rows a sheet may use.
pub const MAX_ROWS: u32 = 200_000;
/// The most columns a sheet may use.
pub const MAX_COLUMNS: u32 = 64;
/// The longest text of one cell (Excel's own limit).
pub const MAX_CELL_CHARS: usize = 32_767;
/// The most cells a merged range may cover.
pub const MAX_MERGED_CELLS: u64 = 10_000;

/// Why a path was refused, in Italian.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub String);

/// `dir/name` when it is a regular file inside `dir` (possibly through a symbolic link that
/// stays inside), `Ok(None)` when it does not exist, `Err` when it must not be read.
pub fn regular_file(dir: &Path, name: &str) -> Result<Option<PathBuf>, Refused> {
    let path = dir.join(name);
    let meta = match std::fs::symlink_metadata(&path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Refused(format!("impossibile leggere {name}: {e}"))),
    };
    if meta.file_type().is_symlink() {
        let target = std::fs::canonicalize(&path);
        let root = std::fs::canonicalize(dir);
        return match (target, root) {
            (Ok(target), Ok(root)) if target.starts_with(&root) => {
                check_kind(&target, name).map(|_| Some(path))
            }
            (Ok(_), _) => Err(Refused(format!(
                "{name} è un collegamento simbolico a un file fuori dalla cartella: per sicurezza non viene letto (copiare il file nella cartella)"
            ))),
            (Err(_), _) => Err(Refused(format!(
                "{name} è un collegamento simbolico a un file che non esiste"
            ))),
        };
    }
    check_kind(&path, name).map(|_| Some(path))
}

fn check_kind(path: &Path, name: &str) -> Result<(), Refused> {
    let meta =
        std::fs::metadata(path).map_err(|e| Refused(format!("impossibile leggere {name}: {e}")))?;
    if meta.is_file() {
        Ok(())
    } else if meta.is_dir() {
        Err(Refused(format!("{name} è una cartella, non un file")))
    } else {
        Err(Refused(format!(
            "{name} non è un file normale (è una pipe, un dispositivo o un socket): non viene letto"
        )))
    }
}

/// Reads a text file already accepted by [`regular_file`], refusing one above
/// [`MAX_TEXT_BYTES`].
pub fn read_text(path: &Path, name: &str) -> Result<String, std::io::Error> {
    let len = std::fs::metadata(path)?.len();
    if len > MAX_TEXT_BYTES {
        return Err(std::io::Error::new(
            std::io::ErrorKind::FileTooLarge,
            format!(
                "{name} è di {} MB, oltre il limite di {} MB",
                len / (1024 * 1024),
                MAX_TEXT_BYTES / (1024 * 1024)
            ),
        ));
    }
    std::fs::read_to_string(path)
}

/// Why a workbook was not read, in Italian.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unread {
    /// The file could not be read (permissions, a disk error).
    Io(String),
    /// The file, or what it declares once uncompressed, is beyond the limits.
    TooLarge(String),
}

/// Reads a workbook accepted by [`regular_file`] into memory, once: the cells, the merged
/// ranges and the diagnosis of an unreadable file then all look at the same version of it,
/// even if an editor replaces the file meanwhile. Refuses a file above [`MAX_FILE_BYTES`] and,
/// for the zip formats (.xlsx, .ods), one whose archive declares more than
/// [`MAX_UNCOMPRESSED_BYTES`] once uncompressed, before a byte of it is parsed.
pub fn read_workbook(path: &Path) -> Result<std::sync::Arc<[u8]>, Unread> {
    use std::io::Read;
    let too_large = |len: u64| {
        format!(
            "il file è di {} MB, oltre il limite di {} MB",
            len / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        )
    };
    let io = |e: std::io::Error| Unread::Io(format!("impossibile leggere il file: {e}"));
    let file = std::fs::File::open(path).map_err(io)?;
    let len = file.metadata().map_err(io)?.len();
    if len > MAX_FILE_BYTES {
        return Err(Unread::TooLarge(too_large(len)));
    }
    // Bounded even if the file grows after its size was read.
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Unread::TooLarge(too_large(bytes.len() as u64)));
    }
    // Not a zip archive: the workbook reader says what is wrong with it.
    if let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(&bytes[..])) {
        let mut total: u64 = 0;
        for i in 0..zip.len() {
            if let Ok(entry) = zip.by_index_raw(i) {
                total = total.saturating_add(entry.size());
            }
        }
        if total > MAX_UNCOMPRESSED_BYTES {
            return Err(Unread::TooLarge(format!(
                "il file compresso si espande a {} MB, oltre il limite di {} MB (è davvero una cartella di lavoro?)",
                total / (1024 * 1024),
                MAX_UNCOMPRESSED_BYTES / (1024 * 1024)
            )));
        }
    }
    Ok(bytes.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn links_outside_fifos_and_folders_are_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("in");
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(tmp.path().join("secret.txt"), "segreto").unwrap();
        std::fs::write(dir.join("ok.yaml"), "x").unwrap();
        std::os::unix::fs::symlink(tmp.path().join("secret.txt"), dir.join("out.yaml")).unwrap();
        std::os::unix::fs::symlink(dir.join("ok.yaml"), dir.join("in.yaml")).unwrap();
        let fifo = dir.join("pipe.yaml");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        assert_eq!(regular_file(&dir, "ok.yaml"), Ok(Some(dir.join("ok.yaml"))));
        assert_eq!(regular_file(&dir, "in.yaml"), Ok(Some(dir.join("in.yaml"))));
        assert_eq!(regular_file(&dir, "none.yaml"), Ok(None));
        assert!(
            regular_file(&dir, "out.yaml")
                .unwrap_err()
                .0
                .contains("fuori")
        );
        assert!(
            regular_file(&dir, "pipe.yaml")
                .unwrap_err()
                .0
                .contains("pipe")
        );
        assert!(
            regular_file(&dir, "sub")
                .unwrap_err()
                .0
                .contains("cartella")
        );
    }
}
