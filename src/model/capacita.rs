//! The hiring capacity of comuni (art. 33 c. 2 D.L. 34/2019 and DM 17 marzo 2020, GU n. 108 of
//! 27/4/2020, codice redazionale 20A02317): the ratio of staff spending to current revenue net
//! of the FCDE, compared with the thresholds of the comune's population band, and the hiring
//! plan's cost measured against the room it leaves.
//!
//! The inputs are the rows of the `Capacità assunzionale` sheet as typed; [`dati`] checks them
//! and says what is wrong row by row, [`calcola`] turns them into the figures the PDF prints
//! line by line. Both the check and the view call these two, so they cannot disagree.

use super::Piao;
use super::organizzazione::{Organizzazione, VoceFinanziaria};
use serde::Serialize;
use std::collections::BTreeMap;

/// The kinds of line the sheet accepts, in the order the computation uses them.
pub const VOCI: &[&str] = &[
    ENTRATE_I,
    ENTRATE_II,
    ENTRATE_III,
    FCDE,
    "Spesa di personale - tempo indeterminato e determinato",
    "Spesa di personale - collaborazioni coordinate e continuative",
    "Spesa di personale - somministrazione di lavoro",
    "Spesa di personale - art. 110 TUEL",
    "Spesa di personale - personale in comando, convenzione o organismi partecipati",
    "Spesa di personale - altre voci",
];
const ENTRATE_I: &str = "Entrate correnti - Titolo I";
const ENTRATE_II: &str = "Entrate correnti - Titolo II";
const ENTRATE_III: &str = "Entrate correnti - Titolo III";
const ENTRATE: [&str; 3] = [ENTRATE_I, ENTRATE_II, ENTRATE_III];
const FCDE: &str = "FCDE di parte corrente";
const SPESA: &str = "Spesa di personale";

/// The first day the decree applies (art. 1 c. 2): plans for earlier years are not computed.
pub const PRIMO_ANNO: i32 = 2020;

/// The last year of the yearly caps of Tabella 2 (art. 5 c. 1: "fino al 31 dicembre 2024"),
/// which `piao` does not compute (they need the 2018 spending and the residual capacity).
pub const ULTIMO_ANNO_TABELLA_2: i32 = 2024;

/// One population band of art. 3 with its two thresholds, as fractions.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Fascia {
    pub lettera: char,
    /// Lowest population of the band.
    pub da: u64,
    /// Highest population of the band; `None` for the last.
    pub a: Option<u64>,
    /// Valore soglia, Tabella 1 (art. 4 c. 1).
    pub soglia: f64,
    /// Valore soglia di rientro, Tabella 3 (art. 6).
    pub rientro: f64,
}

/// The bands and thresholds of the decree, the one place they are written.
///
/// - Bands: art. 3 c. 1, read in the Gazzetta Ufficiale's text of the decree (20A02317, art. 3).
/// - Tabella 1 (art. 4 c. 1): the GU article could not be read here; the values agree in four
///   independent secondary sources (ANCI, gdc.ancidigitale.it/?p=52928; ilpersonale.it; the
///   segretari comunali Vighenzi site; La Posta del Sindaco).
/// - Tabella 3 (art. 6): a–c read in a secondary source (Bianco e associati, "Il decreto sulle
///   assunzioni dei comuni"); d–i follow the rule the same source states (Tabella 1 plus four
///   points), which a–c also obey. To be checked against GU 20A02317 art. 6 when reachable.
pub const FASCE: [Fascia; 9] = [
    fascia('a', 0, Some(999), 0.295, 0.335),
    fascia('b', 1_000, Some(1_999), 0.286, 0.326),
    fascia('c', 2_000, Some(2_999), 0.276, 0.316),
    fascia('d', 3_000, Some(4_999), 0.272, 0.312),
    fascia('e', 5_000, Some(9_999), 0.269, 0.309),
    fascia('f', 10_000, Some(59_999), 0.270, 0.310),
    fascia('g', 60_000, Some(249_999), 0.276, 0.316),
    fascia('h', 250_000, Some(1_499_999), 0.288, 0.328),
    fascia('i', 1_500_000, None, 0.253, 0.293),
];

const fn fascia(lettera: char, da: u64, a: Option<u64>, soglia: f64, rientro: f64) -> Fascia {
    Fascia {
        lettera,
        da,
        a,
        soglia,
        rientro,
    }
}

impl Fascia {
    /// The band of a population.
    pub fn di(popolazione: u64) -> &'static Fascia {
        FASCE
            .iter()
            .rev()
            .find(|f| popolazione >= f.da)
            .expect("the first band starts at 0")
    }

    /// "f) da 10.000 a 59.999 abitanti", as art. 3 words it.
    pub fn descrizione(&self) -> String {
        let n = crate::italian::integer;
        match (self.da, self.a) {
            (0, Some(a)) => format!("{}) meno di {} abitanti", self.lettera, n(a + 1)),
            (da, Some(a)) => format!("{}) da {} a {} abitanti", self.lettera, n(da), n(a)),
            (da, None) => format!("{}) {} abitanti e oltre", self.lettera, n(da)),
        }
    }
}

/// What is wrong with the sheet's rows. `riga` is the position in the list (the row to point
/// at), `None` for the sheet as a whole.
#[derive(Debug, Clone, PartialEq)]
pub struct Problema {
    pub riga: Option<usize>,
    pub colonna: &'static str,
    pub messaggio: String,
    pub suggerimento: Option<String>,
    /// For a repeated row, the position of the first one (the check names its cell).
    pub ripete: Option<usize>,
}

fn problema(riga: Option<usize>, colonna: &'static str, messaggio: String) -> Problema {
    Problema {
        riga,
        colonna,
        messaggio,
        suggerimento: None,
        ripete: None,
    }
}

impl Problema {
    fn hint(mut self, s: impl Into<String>) -> Self {
        self.suggerimento = Some(s.into());
        self
    }
}

/// The inputs, checked and arranged.
#[derive(Debug, Clone, PartialEq)]
pub struct Dati {
    /// The three rendiconti, oldest first, with titles I, II and III.
    pub entrate: [(i32, [f64; 3]); 3],
    pub fcde: f64,
    /// Components of the last rendiconto's staff spending, in the order of [`VOCI`].
    pub spesa: Vec<(String, f64)>,
}

impl Dati {
    /// The year of the last rendiconto considered.
    pub fn ultimo_rendiconto(&self) -> i32 {
        self.entrate[2].0
    }
}

/// Checks the sheet's rows against the plan's first year: three consecutive rendiconti, all
/// approved before the plan, with their three titles, the FCDE and the staff spending of the
/// last one. Every problem is returned, not only the first.
pub fn dati(righe: &[VoceFinanziaria], primo_anno: i32) -> Result<Dati, Vec<Problema>> {
    let mut problemi = Vec::new();
    let mut seen: BTreeMap<(&str, i32), usize> = BTreeMap::new();
    for (i, r) in righe.iter().enumerate() {
        if let Some(first) = seen.insert((r.voce.as_str(), r.anno), i) {
            let mut p = problema(
                Some(i),
                "voce",
                format!("la riga «{}» del {} è ripetuta", r.voce, r.anno),
            );
            p.ripete = Some(first);
            problemi.push(p);
        }
    }

    // A rendiconto of the plan's own years cannot be approved yet: those rows are wrong, and
    // the last rendiconto is the latest one before the plan.
    let entrate = |r: &&VoceFinanziaria| ENTRATE.contains(&r.voce.as_str());
    for (i, r) in righe.iter().enumerate() {
        if entrate(&r) && r.anno >= primo_anno {
            problemi.push(
                problema(
                    Some(i),
                    "anno",
                    format!(
                        "rendiconto {}: un PIAO che inizia nel {primo_anno} si basa su rendiconti già approvati, al più quello del {}",
                        r.anno,
                        primo_anno - 1
                    ),
                )
                .hint("indicare l'anno del rendiconto, non quello del piano"),
            );
        }
    }
    let Some(ultimo) = righe
        .iter()
        .filter(entrate)
        .map(|r| r.anno)
        .filter(|&a| a < primo_anno)
        .max()
    else {
        problemi.push(
            problema(
                None,
                "voce",
                "mancano le entrate correnti (titoli I, II e III) degli ultimi tre rendiconti approvati".into(),
            )
            .hint(format!(
                "una riga per titolo e per anno, per esempio «{ENTRATE_I}» {}",
                primo_anno - 2
            )),
        );
        return Err(problemi);
    };
    for (i, r) in righe.iter().enumerate() {
        if entrate(&r) && r.anno + 2 < ultimo {
            problemi.push(problema(
                Some(i),
                "anno",
                format!(
                    "entrate del {}: il calcolo usa la media degli ultimi tre rendiconti approvati ({}–{ultimo})",
                    r.anno,
                    ultimo - 2
                ),
            ));
        }
    }
    let mut tabella = [(0, [0.0; 3]); 3];
    let mut complete = true;
    for (k, anno) in (ultimo - 2..=ultimo).enumerate() {
        tabella[k].0 = anno;
        for (t, titolo) in ENTRATE.iter().enumerate() {
            match righe.iter().find(|r| r.voce == *titolo && r.anno == anno) {
                Some(r) => tabella[k].1[t] = r.importo,
                None => {
                    complete = false;
                    problemi.push(
                        problema(None, "voce", format!("manca la riga «{titolo}» del {anno}"))
                            .hint("se l'importo è zero, scrivere la riga con importo 0"),
                    );
                }
            }
        }
    }

    let mut fcde = None;
    for (i, r) in righe.iter().enumerate().filter(|(_, r)| r.voce == FCDE) {
        if r.anno == ultimo {
            fcde = Some((i, r.importo));
        } else {
            problemi.push(problema(
                Some(i),
                "anno",
                format!(
                    "FCDE del {}: va quello stanziato nel bilancio di previsione {ultimo}, l'ultimo anno dei rendiconti considerati",
                    r.anno
                ),
            ));
        }
    }
    if fcde.is_none() {
        problemi.push(problema(
            None,
            "voce",
            format!(
                "manca la riga «{FCDE}» del {ultimo}: il FCDE stanziato nel bilancio di previsione dell'ultimo anno considerato"
            ),
        ));
    }

    let mut spesa = Vec::new();
    for (i, r) in righe
        .iter()
        .enumerate()
        .filter(|(_, r)| r.voce.starts_with(SPESA))
    {
        if r.anno == ultimo {
            spesa.push((r.voce.clone(), r.importo));
        } else {
            problemi.push(problema(
                Some(i),
                "anno",
                format!(
                    "spesa di personale del {}: va quella dell'ultimo rendiconto approvato ({ultimo})",
                    r.anno
                ),
            ));
        }
    }
    spesa.sort_by_key(|(v, _)| VOCI.iter().position(|x| x == v));
    if spesa.is_empty() {
        problemi.push(problema(
            None,
            "voce",
            format!("manca la spesa di personale del rendiconto {ultimo}"),
        ));
    }

    // Net revenue must be positive for the ratio to mean anything.
    let media = tabella
        .iter()
        .map(|(_, t)| t.iter().sum::<f64>())
        .sum::<f64>()
        / 3.0;
    if let Some((i, f)) = fcde
        && complete
        && f >= media
    {
        problemi.push(problema(
            Some(i),
            "importo",
            format!(
                "il FCDE ({}) non è inferiore alla media delle entrate correnti ({}): le entrate nette sarebbero nulle o negative",
                crate::italian::money(f),
                crate::italian::money(media)
            ),
        ));
    }

    match fcde {
        Some((_, fcde)) if problemi.is_empty() => Ok(Dati {
            entrate: tabella,
            fcde,
            spesa,
        }),
        _ => Err(problemi),
    }
}

/// Where the comune stands against the two thresholds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Posizione {
    /// At or below Tabella 1: spending may grow up to the threshold (art. 4 c. 2).
    SottoSoglia,
    /// Above Tabella 1, at or below Tabella 3: the ratio may not grow (art. 6 c. 3).
    TraLeSoglie,
    /// Above Tabella 3: the ratio must come down (art. 6 c. 1).
    SopraRientro,
}

/// One year of the hiring plan against the capacity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnnoPiano {
    pub anno: i32,
    /// Yearly cost of the year's hires.
    pub assunzioni: f64,
    /// Yearly cost freed by the year's terminations (those with a cost).
    pub cessazioni: f64,
    /// Hires minus terminations, from the first year of the plan to this one.
    pub incremento: f64,
    /// Staff spending of the last rendiconto plus the increment.
    pub spesa: f64,
    pub rapporto: f64,
    /// Whether the increment stays within what the position allows: up to the room below
    /// Tabella 1, no increase between the thresholds, a decrease above Tabella 3.
    pub entro: bool,
}

/// The computation, every line of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Calcolo {
    pub entrate: [(i32, [f64; 3]); 3],
    pub media_entrate: f64,
    pub fcde: f64,
    pub entrate_nette: f64,
    pub anno_spesa: i32,
    pub spesa: Vec<(String, f64)>,
    pub spesa_totale: f64,
    pub rapporto: f64,
    pub popolazione: u64,
    pub fascia: Fascia,
    pub posizione: Posizione,
    /// The highest staff spending the position allows with the same revenue.
    pub spesa_massima: f64,
    /// How much the spending may grow over the last rendiconto's (0 when it may not).
    pub incremento_massimo: f64,
    pub piano: Vec<AnnoPiano>,
    /// Hires without a cost: left out of the plan's cost.
    pub assunzioni_senza_costo: usize,
    /// Terminations without a cost: their saving is not counted.
    pub cessazioni_senza_costo: usize,
}

/// The outcome for one plan.
#[derive(Debug, Clone, PartialEq)]
pub enum Esito {
    /// The decree does not apply (not a comune, or a plan before 2020): why, as a sentence.
    NonApplicabile(String),
    /// It applies but the inputs are missing or wrong: why, as a sentence.
    NonCalcolato(String),
    Calcolato(Box<Calcolo>),
}

/// Whether the decree applies to this plan; `Err` says why not.
pub fn applicabile(piao: &Piao) -> Result<(), String> {
    if !super::trasparenza::comune(&piao.ente.tipologia) {
        return Err(format!(
            "Il calcolo della capacità assunzionale del DM 17 marzo 2020 riguarda i comuni: per la tipologia «{}» non viene eseguito; i limiti di spesa di personale sono quelli della disciplina propria dell'ente.",
            piao.ente.tipologia
        ));
    }
    if piao.piano.triennio.primo < PRIMO_ANNO {
        return Err(format!(
            "Il DM 17 marzo 2020 si applica dal 20 aprile 2020: per il triennio {} il calcolo non viene eseguito.",
            piao.piano.triennio.label()
        ));
    }
    Ok(())
}

/// The capacity of `piao`, or why it is not computed.
pub fn calcola(piao: &Piao) -> Esito {
    if let Err(why) = applicabile(piao) {
        return Esito::NonApplicabile(why);
    }
    let org = &piao.organizzazione;
    let Some(righe) = &org.rendiconti else {
        return Esito::NonCalcolato(
            "Il foglio «Capacità assunzionale» di personale.xlsx non è presente: la capacità assunzionale non è calcolata in questo documento.".into(),
        );
    };
    if righe.is_empty() {
        return Esito::NonCalcolato(
            "Il foglio «Capacità assunzionale» di personale.xlsx è vuoto: la capacità assunzionale non è calcolata in questo documento.".into(),
        );
    }
    let Some(popolazione) = piao.ente.popolazione else {
        return Esito::NonCalcolato(
            "La popolazione residente non è indicata in ente.yaml: senza di essa la fascia demografica, e quindi la capacità assunzionale, non è determinata.".into(),
        );
    };
    match dati(righe, piao.piano.triennio.primo) {
        Ok(d) => Esito::Calcolato(Box::new(calcolo(
            &d,
            popolazione,
            org,
            piao.piano.triennio.anni(),
        ))),
        Err(_) => Esito::NonCalcolato(
            "I dati del foglio «Capacità assunzionale» sono incompleti: la capacità assunzionale non è calcolata in questo documento.".into(),
        ),
    }
}

/// Tolerance for sums of euro amounts typed with cents.
const CENT: f64 = 0.005;

/// The figures, from checked inputs.
pub fn calcolo(d: &Dati, popolazione: u64, org: &Organizzazione, anni: [i32; 3]) -> Calcolo {
    let media_entrate = d
        .entrate
        .iter()
        .map(|(_, t)| t.iter().sum::<f64>())
        .sum::<f64>()
        / 3.0;
    let entrate_nette = media_entrate - d.fcde;
    let spesa_totale: f64 = d.spesa.iter().map(|(_, v)| v).sum();
    let rapporto = spesa_totale / entrate_nette;
    let fascia = *Fascia::di(popolazione);
    // Compared in euro, to the cent: a spending that is exactly the threshold times the
    // revenue "does not exceed" it, whatever the binary rounding of the ratio.
    let posizione = if spesa_totale <= fascia.soglia * entrate_nette + CENT {
        Posizione::SottoSoglia
    } else if spesa_totale <= fascia.rientro * entrate_nette + CENT {
        Posizione::TraLeSoglie
    } else {
        Posizione::SopraRientro
    };
    let spesa_massima = match posizione {
        Posizione::SottoSoglia => (fascia.soglia * entrate_nette).max(spesa_totale),
        _ => spesa_totale,
    };
    let incremento_massimo = spesa_massima - spesa_totale;

    let mut incremento = 0.0;
    let piano = anni
        .iter()
        .map(|&anno| {
            let assunzioni: f64 = org
                .assunzioni
                .iter()
                .filter(|h| h.anno == anno)
                .filter_map(|h| h.costo)
                .sum();
            let cessazioni: f64 = org
                .cessazioni
                .iter()
                .filter(|c| c.anno == anno)
                .filter_map(|c| c.costo)
                .sum();
            incremento += assunzioni - cessazioni;
            let spesa = spesa_totale + incremento;
            AnnoPiano {
                anno,
                assunzioni,
                cessazioni,
                incremento,
                spesa,
                rapporto: spesa / entrate_nette,
                entro: match posizione {
                    Posizione::SopraRientro => incremento < -CENT,
                    _ => incremento <= incremento_massimo + CENT,
                },
            }
        })
        .collect();
    Calcolo {
        entrate: d.entrate,
        media_entrate,
        fcde: d.fcde,
        entrate_nette,
        anno_spesa: d.ultimo_rendiconto(),
        spesa: d.spesa.clone(),
        spesa_totale,
        rapporto,
        popolazione,
        fascia,
        posizione,
        spesa_massima,
        incremento_massimo,
        piano,
        assunzioni_senza_costo: org.assunzioni.iter().filter(|h| h.costo.is_none()).count(),
        cessazioni_senza_costo: org.cessazioni.iter().filter(|c| c.costo.is_none()).count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_follow_art_3_at_their_boundaries() {
        let cases = [
            (0, 'a'),
            (999, 'a'),
            (1_000, 'b'),
            (1_999, 'b'),
            (2_000, 'c'),
            (2_999, 'c'),
            (3_000, 'd'),
            (4_999, 'd'),
            (5_000, 'e'),
            (9_999, 'e'),
            (10_000, 'f'),
            (59_999, 'f'),
            (60_000, 'g'),
            (249_999, 'g'),
            (250_000, 'h'),
            (1_499_999, 'h'),
            (1_500_000, 'i'),
            (u64::MAX, 'i'),
        ];
        for (pop, lettera) in cases {
            assert_eq!(Fascia::di(pop).lettera, lettera, "popolazione {pop}");
        }
    }

    #[test]
    fn bands_are_contiguous_and_return_thresholds_sit_above() {
        for w in FASCE.windows(2) {
            assert_eq!(w[0].a.map(|a| a + 1), Some(w[1].da));
        }
        for f in FASCE {
            assert!(f.rientro > f.soglia, "fascia {}", f.lettera);
        }
        assert_eq!(Fascia::di(999).descrizione(), "a) meno di 1.000 abitanti");
        assert_eq!(
            Fascia::di(2_000_000).descrizione(),
            "i) 1.500.000 abitanti e oltre"
        );
    }
}
