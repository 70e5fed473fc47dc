//! The hiring capacity of DM 17 marzo 2020 (issue 11): the figures of sub-section 3.3 worked
//! out by hand on the fixture's comune, its position against the thresholds, the warnings on
//! a plan that goes beyond them, and the located errors on missing or wrong inputs.
//!
//! The fixture's comune has 4,200 inhabitants (band d: Tabella 1 27,2%, Tabella 3 31,2%),
//! current revenue of 3,500,000 / 3,600,000 / 3,700,000 € in 2022–2024 (mean 3,600,000), a
//! FCDE of 100,000 € (net revenue 3,500,000) and staff spending of 840,000 € in 2024: a ratio
//! of 24%, a ceiling of 0,272 × 3,500,000 = 952,000 € and room for 112,000 € more. Its
//! hiring plan is one hire of 33,500 € in 2026.

mod common;

use common::fixture::{Fixture, row};
use common::*;
use piao::diag::{Report, Severity};
use piao::model::capacita::{Calcolo, Esito, Posizione, calcola};

fn check(f: &Fixture) -> (Report, Esito) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = f.write(&tmp.path().join("in"));
    let checked = piao::pipeline::check(&dir).expect("check");
    let esito = calcola(checked.loaded.piao.as_ref().expect("piao"));
    (checked.report, esito)
}

fn computed(f: &Fixture) -> (Report, Calcolo) {
    match check(f) {
        (r, Esito::Calcolato(c)) => (r, *c),
        (r, other) => panic!("calcolo non eseguito: {other:?}\n{}", r.to_text()),
    }
}

/// The diagnostics as "severity | location | message" lines.
fn lines(r: &Report) -> Vec<String> {
    r.sorted()
        .iter()
        .map(|d| {
            let sev = match d.severity {
                Severity::Error => "errore",
                Severity::Warning => "avviso",
            };
            format!("{sev} | {} | {}", d.location, d.message)
        })
        .collect()
}

fn assert_has(r: &Report, expected: &str) {
    let all = lines(r);
    assert!(
        all.iter().any(|l| l == expected),
        "atteso:\n  {expected}\ntrovati:\n  {}",
        all.join("\n  ")
    );
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 0.005
}

/// The fixture with the 2024 staff spending set to `euro`.
fn with_spending(euro: &str) -> Fixture {
    let mut f = Fixture::default();
    f.set("personale", "capacita", 10, "importo", euro);
    f
}

#[test]
fn below_the_threshold_the_room_is_threshold_times_net_revenue_minus_spending() {
    let (r, c) = computed(&Fixture::default());
    assert!(lines(&r).is_empty(), "{}", r.to_text());
    assert!(close(c.media_entrate, 3_600_000.0));
    assert!(close(c.entrate_nette, 3_500_000.0));
    assert!(close(c.spesa_totale, 840_000.0));
    assert!((c.rapporto - 0.24).abs() < 1e-12);
    assert_eq!(c.fascia.lettera, 'd');
    assert_eq!(c.posizione, Posizione::SottoSoglia);
    assert!(close(c.spesa_massima, 952_000.0), "{}", c.spesa_massima);
    assert!(close(c.incremento_massimo, 112_000.0));
    let years: Vec<(i32, f64, bool)> = c
        .piano
        .iter()
        .map(|a| (a.anno, a.incremento, a.entro))
        .collect();
    assert_eq!(
        years,
        vec![
            (2026, 33_500.0, true),
            (2027, 33_500.0, true),
            (2028, 33_500.0, true)
        ]
    );
}

#[test]
fn exactly_at_the_threshold_the_comune_is_still_below_it() {
    // 0,272 × 3,500,000 = 952,000: the ratio equals Tabella 1, which "non supera" it.
    let mut f = with_spending("952000");
    f.set("personale", "assunzioni", 0, "costo", "0");
    let (_, c) = computed(&f);
    assert_eq!(c.posizione, Posizione::SottoSoglia);
    assert!(close(c.incremento_massimo, 0.0));
    assert!(c.piano.iter().all(|a| a.entro));
}

#[test]
fn a_plan_beyond_the_room_gets_a_warning_with_its_figures() {
    let mut f = Fixture::default();
    f.set("personale", "assunzioni", 0, "costo", "150000");
    let (r, c) = computed(&f);
    assert!(!c.piano[0].entro);
    assert!(!r.has_errors(), "{}", r.to_text());
    assert_has(
        &r,
        "avviso | personale.xlsx › Assunzioni | nel 2026 il costo delle assunzioni al netto delle cessazioni, cumulato dal 2026, è € 150.000,00: supera l'incremento di spesa di personale consentito dal DM 17 marzo 2020 (€ 112.000,00, fino al valore soglia del 27,20%)",
    );
}

#[test]
fn terminations_with_a_cost_make_room_for_the_hires() {
    // The same 150,000 € hire, with a termination freeing 40,000 € in the same year.
    let mut f = Fixture::default();
    f.set("personale", "assunzioni", 0, "costo", "150000");
    f.set("personale", "cessazioni", 0, "costo", "40000");
    let (r, c) = computed(&f);
    assert!(close(c.piano[0].incremento, 110_000.0));
    assert!(c.piano[0].entro, "{}", r.to_text());
    assert!(lines(&r).is_empty(), "{}", r.to_text());
}

#[test]
fn between_the_thresholds_the_ratio_may_not_grow() {
    // 1,000,000 / 3,500,000 = 28,57%: above 27,2%, below 31,2%.
    let (r, c) = computed(&with_spending("1000000"));
    assert_eq!(c.posizione, Posizione::TraLeSoglie);
    assert!(close(c.spesa_massima, 1_000_000.0));
    assert!(close(c.incremento_massimo, 0.0));
    assert_has(
        &r,
        "avviso | personale.xlsx › Assunzioni | nel 2026 la spesa di personale cresce di € 33.500,00 (rapporto dal 28,57% al 29,53%): con un rapporto tra i due valori soglia (27,20% e 31,20%) il DM 17 marzo 2020 non consente di aumentarlo",
    );
}

#[test]
fn above_the_return_threshold_spending_must_come_down() {
    // 1,120,000 / 3,500,000 = 32%: above 31,2%.
    let (r, c) = computed(&with_spending("1120000"));
    assert_eq!(c.posizione, Posizione::SopraRientro);
    assert_has(
        &r,
        "avviso | personale.xlsx › Assunzioni | nel 2026 la spesa di personale non diminuisce (variazione cumulata € 33.500,00), ma il rapporto (32,00%) è sopra il valore soglia di rientro del 31,20%: il DM 17 marzo 2020 chiede di ridurlo",
    );
    // Replacing a leaver at the same cost does not bring the ratio down either.
    let mut f = with_spending("1120000");
    f.set("personale", "cessazioni", 0, "costo", "33500");
    let (r, c) = computed(&f);
    assert!(!c.piano[0].entro);
    assert!(lines(&r).iter().any(|l| l.contains("non diminuisce")));
    // A leaver who costs more than the hire does.
    let mut f = with_spending("1120000");
    f.set("personale", "cessazioni", 0, "costo", "40000");
    let (r, c) = computed(&f);
    assert!(c.piano.iter().all(|a| a.entro));
    assert!(lines(&r).is_empty(), "{}", r.to_text());
}

#[test]
fn a_spending_equal_to_the_threshold_to_the_cent_is_not_above_it() {
    // Revenue with cents: 0,272 × net revenue = 2.086.403,4284 €, so a spending of
    // 2.086.403,43 € equals the threshold to the cent, while the ratio in binary is
    // 0,2720000003.
    let mut f = Fixture::default();
    let amounts = [
        "3597703.40",
        "1134512.42",
        "4174878.86",
        "2910308.53",
        "1496291.56",
        "410956.83",
        "4284318.19",
        "4950049.47",
        "533738.66",
        "160318.47",
        "2086403.43",
    ];
    for (i, a) in amounts.iter().enumerate() {
        f.set("personale", "capacita", i, "importo", a);
    }
    let (_, c) = computed(&f);
    assert!(c.rapporto > c.fascia.soglia, "the binary ratio is above");
    assert_eq!(c.posizione, Posizione::SottoSoglia);
}

#[test]
fn the_population_band_decides_the_thresholds_at_its_boundaries() {
    for (pop, lettera, soglia) in [
        (999, 'a', 0.295),
        (1000, 'b', 0.286),
        (59_999, 'f', 0.270),
        (60_000, 'g', 0.276),
    ] {
        let mut f = Fixture::default();
        f.yaml = f
            .yaml
            .replace("popolazione: 4200", &format!("popolazione: {pop}"));
        let (_, c) = computed(&f);
        assert_eq!(c.fascia.lettera, lettera, "popolazione {pop}");
        assert_eq!(c.fascia.soglia, soglia, "popolazione {pop}");
    }
}

#[test]
fn missing_and_wrong_inputs_are_reported_at_their_place_all_at_once() {
    let mut f = Fixture::default();
    let rows = f.rows("personale", "capacita");
    rows.retain(|r| r[0] != "FCDE di parte corrente" && r[0] != "Entrate correnti - Titolo II");
    // Staff spending of the wrong year, and a revenue row written twice.
    rows.push(row(&[
        "Spesa di personale - art. 110 TUEL",
        "2023",
        "50000",
    ]));
    rows.push(row(&["Entrate correnti - Titolo I", "2024", "2500000"]));
    let (r, esito) = check(&f);
    assert!(matches!(esito, Esito::NonCalcolato(_)));
    let sheet = "personale.xlsx › Capacità assunzionale";
    for expected in [
        format!("errore | {sheet} | manca la riga «Entrate correnti - Titolo II» del 2022"),
        format!("errore | {sheet} | manca la riga «Entrate correnti - Titolo II» del 2024"),
        format!(
            "errore | {sheet} | manca la riga «FCDE di parte corrente» del 2024: il FCDE stanziato nel bilancio di previsione dell'ultimo anno considerato"
        ),
        format!(
            "errore | {sheet}!B9 (colonna «Anno») | spesa di personale del 2023: va quella dell'ultimo rendiconto approvato (2024)"
        ),
        format!(
            "errore | {sheet}!A10 (colonna «Voce») | la riga «Entrate correnti - Titolo I» del 2024 è ripetuta"
        ),
    ] {
        assert_has(&r, &expected);
    }
}

#[test]
fn a_rendiconto_not_yet_approved_is_refused() {
    let mut f = Fixture::default();
    for r in f.rows("personale", "capacita").iter_mut() {
        let year: i32 = r[1].parse().unwrap();
        r[1] = (year + 2).to_string();
    }
    let (r, _) = check(&f);
    assert_has(
        &r,
        "errore | personale.xlsx › Capacità assunzionale!B8 (colonna «Anno») | rendiconto 2026: un PIAO che inizia nel 2026 si basa su rendiconti già approvati, al più quello del 2025",
    );
}

#[test]
fn without_the_sheet_the_plan_builds_and_says_why_there_is_no_computation() {
    let mut f = Fixture::default();
    f.omitted.push(("personale", "capacita"));
    let (r, esito) = check(&f);
    assert!(!r.has_errors(), "{}", r.to_text());
    assert_has(
        &r,
        "avviso | personale.xlsx | manca il foglio «Capacità assunzionale»: il PIAO non conterrà il calcolo della capacità assunzionale del DM 17 marzo 2020",
    );
    assert!(matches!(esito, Esito::NonCalcolato(_)));

    // A comune without its population cannot be placed in a band.
    let mut f = Fixture::default();
    f.yaml = f.yaml.replace("  popolazione: 4200\n", "");
    let (r, _) = check(&f);
    assert_has(
        &r,
        "errore | personale.xlsx › Capacità assunzionale | manca la popolazione residente in ente.yaml: senza di essa la fascia demografica del DM 17 marzo 2020 non è determinata",
    );
}

#[test]
fn not_a_comune_skips_the_computation_with_a_sentence_in_the_pdf() {
    let mut f = Fixture::default();
    f.yaml = f
        .yaml
        .replace("tipologia: \"Comune\"", "tipologia: \"Unione di comuni\"");
    let tmp = tempfile::tempdir().unwrap();
    let dir = f.write(&tmp.path().join("in"));
    let out = piao(&[
        "build",
        dir.to_str().unwrap(),
        "-o",
        tmp.path().join("out").to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("il foglio è compilato ma non viene usato"));
    let text = fold(&pdf_text(&tmp.path().join("out/PIAO_2026-2028.pdf")));
    assert!(
        text.contains("Il calcolo della capacità assunzionale del DM 17 marzo 2020 riguarda i comuni: per la tipologia «Unione di comuni» non viene eseguito"),
        "{text}"
    );
}

#[test]
fn the_pdf_shows_every_line_of_the_computation_and_the_publication_the_spending() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = Fixture::default().write(&tmp.path().join("in"));
    let out_dir = tmp.path().join("out");
    let out = piao(&[
        "build",
        dir.to_str().unwrap(),
        "-o",
        out_dir.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = fold(&pdf_text(&out_dir.join("PIAO_2026-2028.pdf")));
    for expected in [
        "2022 € 2.400.000,00 € 450.000,00 € 650.000,00 € 3.500.000,00",
        "Media (A) € 3.600.000,00",
        "tempo indeterminato e determinato € 840.000,00",
        // Text extraction puts the right-aligned figures of a table after its rows, and
        // drops the thin spaces around the operators.
        "C Entrate correnti al netto del FCDE A−B",
        "E Rapporto tra spesa di personale ed entrate correnti nette D÷C 24,00%",
        "H Valore soglia della fascia (Tabella 1, art. 4) 27,20%",
        "I Valore soglia di rientro della fascia (Tabella 3, art. 6) 31,20%",
        "L Spesa di personale massima H×C € 952.000,00",
        "M Incremento massimo della spesa di personale L−D € 112.000,00",
        "€ 3.600.000,00 € 100.000,00 € 3.500.000,00 € 840.000,00 d) da 3.000 a 4.999 abitanti",
        "2026 € 33.500,00 € 0,00 € 33.500,00 € 873.500,00 24,96% entro la capacità",
        "Una riga delle cessazioni non indica il costo liberato: il suo risparmio non è considerato",
    ] {
        assert!(text.contains(expected), "manca «{expected}» in:\n{text}");
    }

    // The draft publication carries the spending year by year.
    let csv = std::fs::read_dir(out_dir.join("trasparenza-bozza/bandi-di-concorso"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            name.contains("piano-assunzioni-spesa") && name.ends_with(".csv")
        })
        .expect("tabella della spesa di personale");
    let body = std::fs::read_to_string(csv).unwrap();
    let mut lines = body.lines();
    assert_eq!(
        lines.next().unwrap(),
        "ANNO;NUMERO_ASSUNZIONI;COSTO_ASSUNZIONI_EUR;NUMERO_CESSAZIONI;COSTO_CESSAZIONI_EUR;SPESA_PERSONALE_PREVISTA_EUR;SPESA_PERSONALE_MASSIMA_EUR"
    );
    assert_eq!(
        lines.next().unwrap(),
        "2026;1;33500,00;1;;873500,00;952000,00"
    );
    // A year without hires costs nothing (0, not unknown); the fixture's leaver has no cost.
    assert_eq!(
        lines.next().unwrap(),
        "2027;0;0,00;0;0,00;873500,00;952000,00"
    );
}
