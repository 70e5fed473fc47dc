//! Property tests of the loaders with arbitrary input (issue 8): random bytes as `ente.yaml`,
//! random and corrupted bytes as workbooks, arbitrary text in every cell of every sheet.
//! The property: the loader never panics and every problem is a located report entry.
//!
//! The runs are seeded and repeatable. `cargo test --test fuzz` runs a short round; set
//! `PIAO_FUZZ_ITER` for a longer one, e.g. `PIAO_FUZZ_ITER=20000 cargo test --release --test
//! fuzz`, and `PIAO_FUZZ_SEED` to explore other inputs.

mod common;

use common::fixture::Fixture;
use piao::diag::Report;

/// A small xorshift generator: no dependency, same sequence for the same seed.
struct Rng(u64);

impl Rng {
    fn new() -> Rng {
        let seed = std::env::var("PIAO_FUZZ_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0x5eed_1234_abcd_ef01u64);
        Rng(seed | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn bytes(&mut self, max: usize) -> Vec<u8> {
        let n = self.below(max + 1);
        (0..n).map(|_| self.next() as u8).collect()
    }

    /// Text that looks like what offices and attackers type: numbers in every spelling,
    /// dates, formulas, control characters, emoji, very long runs, YAML syntax.
    fn text(&mut self) -> String {
        const PIECES: &[&str] = &[
            "1.234,56",
            "15%",
            "0,15",
            "-3",
            "31/12/2026",
            "2026-13-45",
            "=SUM(A1)",
            "@x",
            "+1",
            "\u{1b}[31m",
            "\u{0}",
            "\u{7}",
            "漢",
            "😀",
            "\t",
            "\n",
            "\r",
            " ",
            "'",
            "\"",
            ";",
            "SET1",
            "Settore Tecnico",
            "Istruttori",
            "Tempo indeterminato",
            "Sì",
            "No",
            "1e308",
            "NaN",
            "inf",
            "&a *a",
            "- [",
            "{",
            "}",
            "#",
            ":",
            "ente:",
            "\u{feff}",
            "\u{202e}",
        ];
        let mut s = String::new();
        for _ in 0..self.below(6) {
            if self.below(10) == 0 {
                s.push_str(&"x".repeat(self.below(5000)));
            } else {
                s.push_str(PIECES[self.below(PIECES.len())]);
            }
        }
        s
    }
}

fn iterations(default: usize) -> usize {
    std::env::var("PIAO_FUZZ_ITER")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

#[test]
fn yaml_parser_never_panics_on_arbitrary_text() {
    let mut rng = Rng::new();
    let valid = common::fixture::ENTE_YAML;
    for _ in 0..iterations(300) {
        let text = match rng.below(3) {
            0 => String::from_utf8_lossy(&rng.bytes(400)).into_owned(),
            1 => {
                // A valid file with one line replaced.
                let mut lines: Vec<String> = valid.lines().map(str::to_string).collect();
                let i = rng.below(lines.len());
                lines[i] = format!(
                    "{}{}",
                    &lines[i][..rng.below(lines[i].len() + 1)],
                    rng.text()
                );
                lines.join("\n")
            }
            _ => format!("{valid}{}", rng.text()),
        };
        let mut report = Report::default();
        let parsed = piao::load::yaml::parse(&text, &mut report);
        assert!(
            parsed.is_some() || report.has_errors(),
            "un file rifiutato deve dire perché: {text:?}"
        );
    }
}

#[test]
fn workbook_reader_never_panics_on_arbitrary_or_corrupted_bytes() {
    let mut rng = Rng::new();
    let tmp = tempfile::tempdir().unwrap();
    let dir = Fixture::default().write(&tmp.path().join("valid"));
    let valid = std::fs::read(dir.join("personale.xlsx")).unwrap();
    let spec = &piao::workbook::sheets::PERSONALE_WB;
    for i in 0..iterations(60) {
        let bytes = if rng.below(2) == 0 {
            rng.bytes(2000)
        } else {
            let mut b = valid.clone();
            for _ in 0..1 + rng.below(8) {
                let at = rng.below(b.len());
                b[at] = rng.next() as u8;
            }
            b
        };
        let path = tmp.path().join(format!("f{i}.xlsx"));
        std::fs::write(&path, &bytes).unwrap();
        let mut report = Report::default();
        let data = piao::load::workbook::read(&path, spec, &mut report);
        assert!(
            !data.sheets.is_empty() || report.has_errors(),
            "un file illeggibile deve essere segnalato"
        );
    }
}

#[test]
fn arbitrary_cell_contents_are_reported_never_a_crash() {
    let mut rng = Rng::new();
    for _ in 0..iterations(12) {
        let mut f = Fixture::default();
        let keys: Vec<_> = f.sheets.keys().copied().collect();
        for _ in 0..10 {
            let (wb, sheet) = keys[rng.below(keys.len())];
            let rows = f.rows(wb, sheet);
            if rows.is_empty() {
                continue;
            }
            let r = rng.below(rows.len());
            let c = rng.below(rows[r].len());
            rows[r][c] = rng.text();
        }
        let tmp = tempfile::tempdir().unwrap();
        let dir = f.write(&tmp.path().join("in"));
        let checked = piao::pipeline::check(&dir).expect("la cartella esiste");
        // Every message is printable on a terminal.
        let text = checked.report.to_text();
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{text:?}"
        );
    }
}
