//! Benchmark of `piao build` in one process: the demo administration, and the demo with a
//! very long narrative paragraph (the layout trap of justified text with optimal line
//! breaking). Each run starts from an empty typst cache, so it measures a full compile.
//! Then the Amministrazione Trasparente publication of the demo alone (`piao pubblica`).
//!
//! Run with `cargo run --release --example bench [RUNS]` (default 5 runs); it prints the
//! median, minimum and maximum wall time of load+check+render+write for each case.

use piao::pipeline::{BuildOptions, PublishOptions, build, publish};
use std::path::Path;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(5);
    let tmp = tempfile::tempdir()?;

    let demo = Path::new("input").to_path_buf();
    let long = tmp.path().join("long");
    std::fs::create_dir_all(&long)?;
    for entry in std::fs::read_dir(&demo)? {
        let path = entry?.path();
        std::fs::copy(&path, long.join(path.file_name().unwrap()))?;
    }
    // One paragraph of about 6,000 words in the premessa.
    let sentence = "Il Comune di Castelvario programma le proprie attività in modo integrato, \
        collegando gli obiettivi di valore pubblico alla performance organizzativa e individuale, \
        alla prevenzione della corruzione e allo sviluppo delle competenze del personale. ";
    let paragraph = sentence.repeat(200);
    let yaml = std::fs::read_to_string(long.join("ente.yaml"))?;
    if !yaml.contains("  premessa:\n    testo: |\n") {
        return Err("input/ente.yaml: premessa non trovata nella forma attesa".into());
    }
    let yaml = yaml.replacen(
        "  premessa:\n    testo: |\n",
        &format!("  premessa:\n    testo: |\n      {paragraph}\n\n"),
        1,
    );
    std::fs::write(long.join("ente.yaml"), yaml)?;

    let date = chrono::NaiveDate::from_ymd_opt(2026, 1, 20).expect("valid date");
    for (name, input) in [("demo", demo.clone()), ("paragrafo lungo", long)] {
        let mut times = Vec::new();
        let mut pages = 0;
        for _ in 0..runs {
            typst::comemo::evict(0);
            let start = Instant::now();
            let built = build(&BuildOptions {
                input: input.clone(),
                output: tmp.path().join("out"),
                templates: None,
                trasparenza: false,
                data_pubblicazione: date,
                modo: Default::default(),
            })?;
            times.push(start.elapsed().as_secs_f64());
            pages = built.pdf.map(|p| p.pages).unwrap_or(0);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{name}: {pages} pagine, mediana {:.3} s (min {:.3}, max {:.3}, {runs} esecuzioni)",
            times[times.len() / 2],
            times[0],
            times[times.len() - 1]
        );
    }

    // The Amministrazione Trasparente publication alone, into a fresh folder each time.
    let mut times = Vec::new();
    for i in 0..runs {
        let start = Instant::now();
        publish(&PublishOptions {
            input: demo.clone(),
            output: tmp.path().join(format!("pub{i}")),
            templates: None,
            data_pubblicazione: date,
            modo: Default::default(),
        })?;
        times.push(start.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    println!(
        "pubblicazione (demo): mediana {:.3} s (min {:.3}, max {:.3}, {runs} esecuzioni)",
        times[times.len() / 2],
        times[0],
        times[times.len() - 1]
    );
    Ok(())
}
