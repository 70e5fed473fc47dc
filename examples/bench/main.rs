//! Benchmark of `piao` on inputs generated in code from the demo:
//!
//! 1. the demo, and the demo with one paragraph of about 6,000 words (the layout trap of
//!    justified text), built whole;
//! 2. a large administration (about 50 cards of 4 phases, 40 units, 1,000 staff rows, 200
//!    courses, 300 risks): median time per stage (read+check, view, typst layout, PDF export,
//!    publication files), the whole build (check, PDF and publication, as `piao build`),
//!    pages per second, peak memory, and the ratio of the whole build to typst compiling the
//!    same template and data alone;
//! 3. a batch of 200 small administrations (simplified PIAO) on all cores: administrations
//!    per second, and the memory after the 10th and after the last;
//! 4. the scaling of `check`: 1k, 10k and 100k staff rows; 100, 1,000 and 10,000 risks.
//!
//! Every timed run starts from an empty typst cache. Run with
//! `cargo run --release --example bench [RUNS]` (default 5 runs; the batch and the largest
//! sizes run at most 3 times); `cargo run --release --example bench genera DIR RIGHE RISCHI`
//! only writes such an input folder, to profile one command on it. Times are measured in this
//! process; the peak memory of a build or check is the resident high-water mark of a fresh
//! process doing only that (`bench picco`; Linux only, elsewhere it is not shown).

mod generate;

use generate::{Demo, Error, Size};
use piao::model::Modo;
use piao::pipeline::{self, BuildOptions, Ciclo, ReportOptions};
use piao::render::{self, world::PiaoWorld};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() -> Result<(), Error> {
    // `bench genera DIR RIGHE RISCHI [piccola]`: only writes an input folder (the large
    // administration with that many staff rows and risks, or a small one), to profile a
    // single command on it (for example `perf record piao check DIR`).
    let args: Vec<String> = std::env::args().collect();
    // `bench picco build|check DIR OUT`: one build or check in this fresh process, then its
    // peak memory in kB on stdout (what the other measures read, see [`fresh_peak`]).
    if args.get(1).map(String::as_str) == Some("picco") {
        let (Some(what), Some(dir), Some(out)) = (args.get(2), args.get(3), args.get(4)) else {
            return Err("uso: bench picco build|check CARTELLA USCITA".into());
        };
        let dir = Path::new(dir);
        match what.as_str() {
            "build" => {
                build(&build_options(dir, PathBuf::from(out), true))?;
            }
            "check" => {
                pipeline::check(dir)?;
            }
            other => return Err(format!("bench picco: «{other}» non è build né check").into()),
        }
        let kb = memory_mb("VmHWM:").map_or(0.0, |m| m * 1024.0);
        println!("{kb:.0}");
        return Ok(());
    }
    if args.get(1).map(String::as_str) == Some("genera") {
        let number = |i: usize| args.get(i).and_then(|a| a.parse().ok());
        let (Some(dir), Some(staff), Some(risks)) = (args.get(2), number(3), number(4)) else {
            return Err("uso: bench genera CARTELLA RIGHE_DI_PERSONALE RISCHI".into());
        };
        let size = if args.get(5).map(String::as_str) == Some("piccola") {
            small()
        } else {
            Size {
                staff_rows: Some(staff),
                risks: Some(risks),
                ..large_size()
            }
        };
        return generate::write(&Demo::read()?, Path::new(dir), "Comune di Prova", size);
    }
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(5)
        .max(1);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("piao bench: {runs} esecuzioni per caso, {cores} processori\n");
    let tmp = tempfile::tempdir()?;
    let demo = Demo::read()?;

    whole_builds(&demo, tmp.path(), runs)?;
    large(&demo, tmp.path(), runs)?;
    batch(&demo, tmp.path(), runs.min(3), cores)?;
    scaling(&demo, tmp.path(), runs)?;
    Ok(())
}

fn date() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 1, 20).expect("valid date")
}

fn build_options(input: &Path, output: PathBuf, trasparenza: bool) -> BuildOptions {
    BuildOptions {
        input: input.to_path_buf(),
        output,
        templates: None,
        trasparenza,
        data_pubblicazione: date(),
        modo: Modo::Definitivo,
    }
}

/// The median of the times of `runs` calls of `f` (each after emptying typst's cache), and
/// the last call's result.
fn timed<T>(runs: usize, mut f: impl FnMut() -> Result<T, Error>) -> Result<(f64, T), Error> {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        typst::comemo::evict(0);
        let start = Instant::now();
        let out = f()?;
        times.push(start.elapsed().as_secs_f64());
        last = Some(out);
    }
    times.sort_by(f64::total_cmp);
    Ok((times[times.len() / 2], last.expect("runs ≥ 1")))
}

/// The peak memory of one `what` ("build" or "check") of `dir`, in a fresh process: in this
/// one, earlier measures leave memory the allocator keeps, and a process-wide peak would
/// count it (Linux only; elsewhere "n.d."). `out` is emptied first, so that the build writes
/// into a fresh folder as a first build does. Why a measure failed goes to stderr.
fn fresh_peak(what: &str, dir: &Path, out: &Path) -> String {
    let measured = (|| -> Result<f64, String> {
        match std::fs::remove_dir_all(out) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(format!("{}: {e}", out.display()));
            }
            _ => {}
        }
        let exe = std::env::current_exe().map_err(|e| e.to_string())?;
        let output = std::process::Command::new(exe)
            .args(["picco", what])
            .arg(dir)
            .arg(out)
            .output()
            .map_err(|e| e.to_string())?;
        if !output.status.success() {
            return Err(String::from_utf8_lossy(&output.stderr).trim().to_string());
        }
        let kb: f64 = String::from_utf8_lossy(&output.stdout)
            .trim()
            .parse()
            .map_err(|e| format!("risposta non numerica: {e}"))?;
        // 0 when /proc is missing (not Linux): no measure, not a failure.
        Ok(kb / 1024.0)
    })();
    match measured {
        Ok(mb) if mb > 0.0 => format!("{mb:.0} MB"),
        Ok(_) => "n.d.".into(),
        Err(why) => {
            eprintln!("picco di memoria di {what} non misurato: {why}");
            "n.d.".into()
        }
    }
}

/// `VmHWM` (peak) or `VmRSS` (current) of this process, in MB.
fn memory_mb(field: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn build(options: &BuildOptions) -> Result<usize, Error> {
    let built = pipeline::build(options)?;
    match built.pdf {
        Some(pdf) => Ok(pdf.pages),
        None => Err(format!(
            "{}: il PDF non è stato prodotto\n{}",
            options.input.display(),
            built.report.to_text()
        )
        .into()),
    }
}

fn whole_builds(demo: &Demo, tmp: &Path, runs: usize) -> Result<(), Error> {
    println!("== Costruzione completa (controllo, impaginazione, PDF; senza pubblicazione)");
    let long = tmp.join("lungo");
    generate::write(demo, &long, "Comune di Castelvario", Size::default())?;
    let sentence = "Il Comune di Castelvario programma le proprie attività in modo integrato, \
        collegando gli obiettivi di valore pubblico alla performance organizzativa e individuale, \
        alla prevenzione della corruzione e allo sviluppo delle competenze del personale. ";
    let yaml = std::fs::read_to_string(long.join("ente.yaml"))?;
    let anchor = "  premessa:\n    testo: |\n";
    if !yaml.contains(anchor) {
        return Err("input/ente.yaml: premessa non trovata nella forma attesa".into());
    }
    let yaml = yaml.replacen(
        anchor,
        &format!("{anchor}      {}\n\n", sentence.repeat(200)),
        1,
    );
    std::fs::write(long.join("ente.yaml"), yaml)?;
    for (name, input) in [("demo", Path::new("input")), ("paragrafo lungo", &long)] {
        let options = build_options(input, tmp.join("out"), false);
        let (t, pages) = timed(runs, || build(&options))?;
        println!("{name}: {pages} pagine, mediana {t:.3} s");
    }
    let options = build_options(Path::new("input"), tmp.join("out-pub"), true);
    let (t, _) = timed(runs, || build(&options))?;
    println!("demo con pubblicazione: mediana {t:.3} s");
    for (name, ciclo) in [
        (
            "monitoraggio al 30/06",
            Ciclo::Monitoraggio(chrono::NaiveDate::from_ymd_opt(2026, 6, 30)),
        ),
        ("relazione annuale", Ciclo::Relazione),
    ] {
        let options = ReportOptions {
            input: PathBuf::from("input"),
            output: tmp.join("out-ciclo"),
            templates: None,
            ciclo,
            bozza: false,
        };
        let (t, pages) = timed(runs, || {
            let run = pipeline::report(&options)?;
            run.pdf
                .map(|p| p.pages)
                .ok_or_else(|| format!("{name}: PDF non prodotto\n{}", run.report.to_text()).into())
        })?;
        println!("demo, {name}: {pages} pagine, mediana {t:.3} s");
    }
    println!();
    watch_rebuild(demo, tmp, runs)
}

/// What `piao watch` does after a one-word edit of the narrative: a rebuild with typst's
/// caches warm from the previous build (and evicted as the watcher evicts them).
fn watch_rebuild(demo: &Demo, tmp: &Path, runs: usize) -> Result<(), Error> {
    let dir = tmp.join("sorvegliata");
    generate::write(demo, &dir, "Comune di Castelvario", Size::default())?;
    let yaml = std::fs::read_to_string(dir.join("ente.yaml"))?;
    let word = "capoluogo";
    if !yaml.contains(word) {
        return Err(format!("input/ente.yaml: la parola «{word}» non c'è più").into());
    }
    let options = build_options(&dir, tmp.join("out-sorvegliata"), false);
    typst::comemo::evict(0);
    build(&options)?;
    let mut times = Vec::new();
    for i in 0..runs.max(3) {
        let edited = yaml.replacen(word, &format!("capoluogo{i}"), 1);
        std::fs::write(dir.join("ente.yaml"), edited)?;
        let start = Instant::now();
        let resources = pipeline::Resources::load(None)?;
        let built = pipeline::build_with(&options, &resources)?;
        times.push(start.elapsed().as_secs_f64());
        typst::comemo::evict(3);
        if built.pdf.is_none() {
            return Err(built.report.to_text().into());
        }
    }
    times.sort_by(f64::total_cmp);
    println!(
        "piao watch, demo dopo una parola cambiata: mediana {:.3} s\n",
        times[times.len() / 2]
    );
    Ok(())
}

/// The large administration: 50 objective cards, 40 units, 1,000 staff rows, 200 courses,
/// 300 risks.
fn large_size() -> Size {
    Size {
        performance_copies: Some(2),
        units: Some(40),
        staff_rows: Some(1000),
        courses: Some(200),
        risks: Some(300),
        ..Size::default()
    }
}

fn large(demo: &Demo, tmp: &Path, runs: usize) -> Result<(), Error> {
    let dir = tmp.join("grande");
    generate::write(demo, &dir, "Comune Grande di Prova", large_size())?;
    println!(
        "== Amministrazione grande (50 schede di obiettivo, 40 strutture, 1.000 righe di personale, 200 corsi, 300 rischi)"
    );

    let (t_check, loaded) = timed(runs, || Ok(piao::load::load(&dir)))?;
    if loaded.report.has_errors() {
        return Err(format!("dati generati con errori:\n{}", loaded.report.to_text()).into());
    }
    let piao = loaded.piao.ok_or("piano non letto")?;
    let (t_view, view) = timed(runs, || Ok(render::view::view(&piao, Modo::Definitivo)))?;

    // typst alone: the same template and data, compiled and exported with nothing around.
    let templates = render::Templates::embedded();
    let data = serde_json::to_vec(&view)?;
    let today = typst::foundations::Datetime::from_ymd(2026, 1, 20).ok_or("data")?;
    let world = PiaoWorld::new(templates.files(), "/main.typ", data, today);
    let (t_layout, document) = timed(runs, || {
        typst::compile::<typst_layout::PagedDocument>(&world)
            .output
            .map_err(|e| format!("{e:?}").into())
    })?;
    let options = typst_pdf::PdfOptions {
        standards: typst_pdf::PdfStandards::new(&[
            typst_pdf::PdfStandard::A_2a,
            typst_pdf::PdfStandard::Ua_1,
        ])
        .map_err(|e| e.message().to_string())?,
        tagged: true,
        timestamp: Some(typst_pdf::Timestamp::new_utc(today)),
        ..Default::default()
    };
    let (t_export, _) = timed(runs, || {
        typst_pdf::pdf(&document, &options).map_err(|e| format!("{e:?}").into())
    })?;
    let (t_publish, _) = timed(runs, || {
        let html = piao::publish::HtmlTemplates::load(None)?;
        let out = tempfile::tempdir()?;
        piao::publish::publish(
            &piao,
            &piao::publish::Options {
                output: out.path(),
                date: date(),
                templates: &html,
                bozza: false,
            },
        )?;
        Ok(())
    })?;

    // The whole build is what `piao build` does: check, PDF and publication.
    let out = tmp.join("out-grande");
    let options = build_options(&dir, out.clone(), true);
    let (t_build, pages) = timed(runs, || build(&options))?;
    let peak = fresh_peak("build", &dir, &tmp.join("out-grande-picco"));
    let alone = t_layout + t_export;
    println!("lettura e controllo   {t_check:.3} s");
    println!("vista (dati per typst) {t_view:.3} s");
    println!("impaginazione typst   {t_layout:.3} s");
    println!("esportazione PDF      {t_export:.3} s");
    println!("pubblicazione         {t_publish:.3} s");
    println!(
        "costruzione completa  {t_build:.3} s: {pages} pagine, {:.0} pagine al secondo, picco di memoria {peak}",
        pages as f64 / t_build
    );
    println!(
        "rapporto con typst da solo (impaginazione + PDF, {alone:.3} s): {:.2}; la costruzione \
         comprende anche lettura, controllo e pubblicazione, typst da solo no\n",
        t_build / alone
    );
    Ok(())
}

/// A small comune's plan: 40 people, 6 objectives, 5 risks, 4 courses (a simplified PIAO).
fn small() -> Size {
    Size {
        max_staff: Some(40),
        first: Some((6, 5, 4)),
        ..Size::default()
    }
}

fn batch(demo: &Demo, tmp: &Path, runs: usize, cores: usize) -> Result<(), Error> {
    const COUNT: usize = 200;
    let root = tmp.join("lotto");
    for i in 0..COUNT {
        let size = small();
        let name = format!("Comune di Prova {}", i + 1);
        generate::write(demo, &root.join(format!("ente-{:03}", i + 1)), &name, size)?;
    }
    println!(
        "== Lotto di {COUNT} amministrazioni piccole (PIAO semplificato), {cores} in parallelo"
    );
    let folders = piao::batch::folders(&root)?;
    let options = piao::batch::Options {
        root: root.clone(),
        output: tmp.join("out-lotto"),
        templates: None,
        trasparenza: true,
        data_pubblicazione: date(),
        modo: Modo::Definitivo,
        jobs: cores,
    };
    let mut rates = Vec::new();
    for _ in 0..runs {
        typst::comemo::evict(0);
        let done = std::sync::atomic::AtomicUsize::new(0);
        let memory = std::sync::Mutex::new((None, None));
        let start = Instant::now();
        let outcomes = piao::batch::run(&options, &folders, &|_| {
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            let mut m = memory.lock().unwrap_or_else(|p| p.into_inner());
            if n == 10 {
                m.0 = memory_mb("VmRSS:");
            }
            if n == COUNT {
                m.1 = memory_mb("VmRSS:");
            }
        })?;
        let elapsed = start.elapsed().as_secs_f64();
        if piao::batch::exit_code(&outcomes) != 0 {
            return Err(piao::batch::table(&outcomes, elapsed).into());
        }
        rates.push(COUNT as f64 / elapsed);
        let (after10, last) = memory.into_inner().unwrap_or_else(|p| p.into_inner());
        let mb = |m: Option<f64>| m.map_or("n.d.".into(), |m| format!("{m:.0} MB"));
        println!(
            "{COUNT} amministrazioni in {elapsed:.2} s: {:.1} al secondo; memoria dopo la 10ª {}, dopo la {COUNT}ª {}",
            COUNT as f64 / elapsed,
            mb(after10),
            mb(last)
        );
    }
    rates.sort_by(f64::total_cmp);
    println!(
        "mediana: {:.1} amministrazioni al secondo\n",
        rates[rates.len() / 2]
    );
    Ok(())
}

/// What grows, its sizes, and the input of each size.
type Series = (&'static str, [usize; 3], fn(usize) -> Size);

fn scaling(demo: &Demo, tmp: &Path, runs: usize) -> Result<(), Error> {
    println!("== Scala di `piao check` (lettura, controlli, vista)");
    let series: [Series; 2] = [
        ("righe di personale", [1_000, 10_000, 100_000], |n| Size {
            units: Some(40),
            staff_rows: Some(n),
            ..Size::default()
        }),
        ("rischi", [100, 1_000, 10_000], |n| Size {
            units: Some(40),
            risks: Some(n),
            ..Size::default()
        }),
    ];
    for (what, sizes, size) in series {
        let mut previous: Option<f64> = None;
        for n in sizes {
            let dir = tmp.join(format!("scala-{n}-{}", what.len()));
            generate::write(demo, &dir, "Comune di Prova", size(n))?;
            let runs = if n >= 10_000 { runs.min(3) } else { runs };
            let (t, checked) = timed(runs, || Ok(pipeline::check(&dir)?))?;
            let peak = fresh_peak("check", &dir, &tmp.join("out-scala"));
            if checked.report.has_errors() {
                return Err(
                    format!("dati generati con errori:\n{}", checked.report.to_text()).into(),
                );
            }
            let ratio =
                previous.map_or(String::new(), |p| format!(", ×{:.1} del precedente", t / p));
            println!("{n:>7} {what}: mediana {t:.3} s, picco di memoria {peak}{ratio}");
            previous = Some(t);
            std::fs::remove_dir_all(&dir)?;
        }
    }
    Ok(())
}
