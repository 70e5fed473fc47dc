//! Helpers shared by the integration tests: a copy of the demo input in a temporary folder,
//! the `piao` binary, and poppler's tools to read the PDFs it writes.

#![allow(dead_code)]

pub mod fixture;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository's demo input folder.
pub fn demo_input() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("input")
}

/// A temporary folder holding a copy of the demo input in `input/`.
pub fn demo_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let input = tmp.path().join("input");
    std::fs::create_dir_all(&input).unwrap();
    for entry in std::fs::read_dir(demo_input()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, input.join(path.file_name().unwrap())).unwrap();
        }
    }
    (tmp, input)
}

/// Runs `piao` with `args`.
pub fn piao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_piao"))
        .args(args)
        .output()
        .expect("run piao")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} non disponibile ({e}): installare poppler-utils"));
    assert!(
        out.status.success(),
        "{name} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The text of a PDF, with runs of white space folded to one space (table cells and wrapped
/// lines then compare as the user reads them).
pub fn pdf_text(pdf: &Path) -> String {
    let raw = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    fold(&raw)
}

pub fn fold(s: &str) -> String {
    // A word hyphenated at a line end comes out as "formazio\u{ad}" + newline + "ne".
    // Typst sets apostrophes as typographic ones: compare them as typed.
    let joined = s
        .replace("\u{ad}\n", "")
        .replace('\u{ad}', "")
        .replace('’', "'");
    joined.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `pdfinfo` output.
pub fn pdf_info(pdf: &Path) -> String {
    tool("pdfinfo", &[pdf.to_str().unwrap()])
}

/// The XMP metadata of a PDF.
pub fn pdf_xmp(pdf: &Path) -> String {
    tool("pdfinfo", &["-meta", pdf.to_str().unwrap()])
}

/// `pdffonts` output.
pub fn pdf_fonts(pdf: &Path) -> String {
    tool("pdffonts", &[pdf.to_str().unwrap()])
}

/// The page count from `pdfinfo`.
pub fn pages(pdf: &Path) -> usize {
    pdf_info(pdf)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("page count")
}

/// Replaces `from` with `to` in a text file of the input, failing if `from` is absent.
pub fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(
        text.contains(from),
        "{} non contiene {from:?}",
        path.display()
    );
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// The PDF bookmarks as (depth, title), in document order, read with qpdf.
pub fn pdf_bookmarks(pdf: &Path) -> Vec<(usize, String)> {
    let json = tool(
        "qpdf",
        &["--json", "--json-key=outlines", pdf.to_str().unwrap()],
    );
    let doc: serde_json::Value = serde_json::from_str(&json).expect("qpdf json");
    let mut out = Vec::new();
    fn walk(items: &serde_json::Value, depth: usize, out: &mut Vec<(usize, String)>) {
        for item in items.as_array().into_iter().flatten() {
            out.push((depth, item["title"].as_str().unwrap_or("").to_string()));
            walk(&item["kids"], depth + 1, out);
        }
    }
    walk(&doc["outlines"], 0, &mut out);
    out
}
