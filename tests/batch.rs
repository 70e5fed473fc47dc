//! `piao batch`: many administrations in one run, each built exactly as `piao build` would,
//! one failing without stopping the others.

mod common;

use common::fixture::Fixture;
use common::*;

/// A batch folder: two valid administrations, one with an error in its data, a folder without
/// `ente.yaml` and a hidden one (both ignored).
fn batch_root(root: &std::path::Path) {
    Fixture::default().write(&root.join("comune-a"));
    let mut other = Fixture::default();
    other.yaml = other.yaml.replace("Comune di Prova", "Comune di Altrove");
    other.write(&root.join("comune-c"));
    let broken = Fixture::default().write(&root.join("comune-b"));
    edit(
        &broken.join("ente.yaml"),
        "triennio: \"2026-2028\"",
        "triennio: \"prossimo\"",
    );
    std::fs::create_dir_all(root.join("appunti")).unwrap();
    std::fs::write(root.join("appunti/note.txt"), "niente").unwrap();
    Fixture::default().write(&root.join(".nascosta"));
}

#[test]
fn batch_builds_every_administration_and_reports_each() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("enti");
    batch_root(&root);
    let out = tmp.path().join("out");
    let run = piao(&["batch", root.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let text = stdout(&run);
    // One administration has errors: exit 1, the others are built anyway.
    assert_eq!(run.status.code(), Some(1), "{text}{}", stderr(&run));
    for name in ["comune-a", "comune-c"] {
        assert!(
            out.join(name).join("PIAO_2026-2028.pdf").is_file(),
            "{name}"
        );
        // No deliberation data in the fixture: the publication is a draft.
        assert!(
            out.join(name)
                .join("trasparenza-bozza/index.html")
                .is_file(),
            "{name}"
        );
        assert!(
            text.contains(&format!("{name}: ")),
            "a line for {name}:\n{text}"
        );
    }
    assert!(pdf_text(&out.join("comune-c/PIAO_2026-2028.pdf")).contains("Comune di Altrove"));
    // The broken one: no PDF, its report beside where the PDF would be.
    assert!(!out.join("comune-b/PIAO_2026-2028.pdf").exists());
    let report = std::fs::read_to_string(out.join("comune-b/controllo.txt")).unwrap();
    assert!(report.contains("errore: ente.yaml"), "{report}");
    assert!(report.contains("triennio"), "{report}");
    assert!(
        text.lines()
            .any(|l| l.starts_with("comune-b: ") && l.contains("PDF non prodotto")),
        "{text}"
    );
    // The final table, and nothing about the folders that are not administrations.
    assert!(text.contains("Amministrazione"), "{text}");
    assert!(
        text.contains("3 amministrazioni in ") && text.contains("1 con errori"),
        "{text}"
    );
    assert!(
        !text.contains("appunti") && !text.contains("nascosta"),
        "{text}"
    );
    assert!(!out.join("appunti").exists() && !out.join(".nascosta").exists());
}

#[test]
fn a_batch_builds_the_same_bytes_as_build_and_has_a_json_summary() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("enti");
    batch_root(&root);
    std::fs::remove_dir_all(root.join("comune-b")).unwrap();
    let out = tmp.path().join("out");
    let date = "20/01/2026";
    let run = piao(&[
        "batch",
        root.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--format",
        "json",
        "--jobs",
        "2",
        "--data-pubblicazione",
        date,
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let json: serde_json::Value = serde_json::from_str(&stdout(&run)).expect("JSON on stdout");
    assert_eq!(json["amministrazioni"], 2);
    assert_eq!(json["con_errori"], 0);
    let esiti = json["esiti"].as_array().unwrap();
    assert_eq!(esiti[0]["amministrazione"], "comune-a");
    assert_eq!(esiti[1]["amministrazione"], "comune-c");
    for e in esiti {
        assert!(e["pagine"].as_u64().unwrap() > 5, "{e}");
        assert!(
            ["riuscito", "con_avvisi"].contains(&e["esito"].as_str().unwrap()),
            "{e}"
        );
    }
    // The progress lines went to stderr, not into the JSON.
    assert!(stderr(&run).contains("comune-a: "));

    // Built alone, the same administration gives the same bytes.
    let single = tmp.path().join("single");
    let built = piao(&[
        "build",
        root.join("comune-c").to_str().unwrap(),
        "-o",
        single.to_str().unwrap(),
        "--data-pubblicazione",
        date,
    ]);
    assert!(built.status.success(), "{}", stderr(&built));
    for file in ["PIAO_2026-2028.pdf", "portale-piao.json"] {
        assert_eq!(
            std::fs::read(out.join("comune-c").join(file)).unwrap(),
            std::fs::read(single.join(file)).unwrap(),
            "{file}"
        );
    }
}

#[test]
fn a_batch_folder_without_administrations_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("vuota/altro")).unwrap();
    let run = piao(&["batch", tmp.path().join("vuota").to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("nessuna cartella con ente.yaml"),
        "{}",
        stderr(&run)
    );
    let run = piao(&["batch", tmp.path().join("manca").to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("non esiste"), "{}", stderr(&run));
}
