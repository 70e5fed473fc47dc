//! Writing output files atomically: a temporary file in the destination folder, renamed over
//! the target only when complete. A failed run never leaves a half-written file and never
//! removes the previous good one.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically, creating the parent folder if needed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".piao-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    // Published files must be readable by the web server, not only by their owner.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// How old a temporary file must be to count as left over by a run that was killed (a
/// younger one may belong to a run still going on).
const LEFTOVER_AGE: std::time::Duration = std::time::Duration::from_secs(600);

/// Removes the temporary files an interrupted run left in `dir` and its sub-folders (only
/// ours: `.piao-*.tmp`, older than ten minutes). Returns how many were removed.
pub fn remove_leftovers(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if kind.is_dir() {
            removed += remove_leftovers(&path);
        } else if kind.is_file()
            && name.starts_with(".piao-")
            && name.ends_with(".tmp")
            && entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > LEFTOVER_AGE))
            && std::fs::remove_file(&path).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_leftovers_go_recent_ones_and_other_files_stay() {
        let tmp = tempfile::tempdir().unwrap();
        let sub = tmp.path().join("trasparenza/personale");
        std::fs::create_dir_all(&sub).unwrap();
        let old = sub.join(".piao-abc.tmp");
        let recent = tmp.path().join(".piao-def.tmp");
        let mine = tmp.path().join("appunti.tmp");
        for p in [&old, &recent, &mine] {
            std::fs::write(p, "x").unwrap();
        }
        let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(&old)
            .unwrap()
            .set_modified(hour_ago)
            .unwrap();
        assert_eq!(remove_leftovers(tmp.path()), 1);
        assert!(!old.exists() && recent.exists() && mine.exists());
    }
}
