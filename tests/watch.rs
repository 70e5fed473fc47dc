//! `piao watch`: the PDF follows every saved change, an editor's save through a temporary file
//! included, and broken input never replaces the last good PDF.

mod common;

use common::fixture::Fixture;
use common::*;
use std::io::BufRead;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

/// The watcher, killed when the test ends (even when it fails).
struct Watcher {
    child: Child,
    lines: Receiver<String>,
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Watcher {
    fn start(input: &std::path::Path, output: &std::path::Path) -> Watcher {
        let mut child = Command::new(env!("CARGO_BIN_EXE_piao"))
            .args([
                "watch",
                input.to_str().unwrap(),
                "-o",
                output.to_str().unwrap(),
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("run piao watch");
        let stdout = child.stdout.take().unwrap();
        let (tx, lines) = channel();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
            {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Watcher { child, lines }
    }

    /// The next line holding `what`, within two minutes (a debug build compiles slowly).
    fn wait_for(&self, what: &str) -> String {
        let deadline = std::time::Instant::now() + Duration::from_secs(120);
        let mut seen = String::new();
        while let Some(left) = deadline.checked_duration_since(std::time::Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) if line.contains(what) => return line,
                Ok(line) => seen.push_str(&format!("{line}\n")),
                Err(_) => break,
            }
        }
        panic!("«{what}» not printed; printed:\n{seen}");
    }
}

/// Saves `text` as an editor that writes a temporary file and renames it over the original.
fn save_through_temporary(path: &std::path::Path, text: &str) {
    let tmp = path.with_file_name(".ente.yaml.swp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

#[test]
fn watch_rebuilds_on_save_and_keeps_the_good_pdf_when_input_breaks() {
    let tmp = tempfile::tempdir().unwrap();
    let input = Fixture::default().write(&tmp.path().join("in"));
    let out = tmp.path().join("out");
    let pdf = out.join("PIAO_2026-2028.pdf");
    let watcher = Watcher::start(&input, &out);

    let first = watcher.wait_for("ricostruito in");
    assert!(first.contains("PIAO_2026-2028.pdf"), "{first}");
    assert!(pdf_text(&pdf).contains("Testo di prova."));

    // A text edit, saved through a temporary file.
    let yaml = input.join("ente.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    save_through_temporary(
        &yaml,
        &text.replace("Testo di prova.", "Testo rivisto dalla segreteria."),
    );
    let changed = watcher.wait_for("modificato:");
    assert!(
        changed.contains("ente.yaml") && !changed.contains("swp"),
        "{changed}"
    );
    watcher.wait_for("ricostruito in");
    assert!(pdf_text(&pdf).contains("Testo rivisto dalla segreteria."));
    let good = std::fs::read(&pdf).unwrap();

    // Broken input: the problems are reported and the last good PDF stays as it was.
    save_through_temporary(
        &yaml,
        &text.replace("triennio: \"2026-2028\"", "triennio: \"prossimo\""),
    );
    watcher.wait_for("PDF non aggiornato");
    assert_eq!(std::fs::read(&pdf).unwrap(), good);

    // A file that is not part of the plan changes nothing.
    std::fs::write(input.join("appunti.txt"), "da ricordare").unwrap();
    // Fixed again: rebuilt again.
    save_through_temporary(&yaml, &text);
    let line = watcher.wait_for("modificato:");
    assert!(!line.contains("appunti"), "{line}");
    watcher.wait_for("ricostruito in");
    assert!(pdf_text(&pdf).contains("Testo di prova."));
}
