//! Closed lists of the domain: the values the law or the contracts fix. Workbook dropdowns and
//! checks use them; the order here is the order of the dropdowns and of the printed tables.

/// Rows of the staff table: the four areas of the CCNL Funzioni Locali 2019-2021, plus the
/// roles outside the areas.
pub const AREE: &[&str] = &[
    "Segretario",
    "Dirigenti",
    "Funzionari e EQ",
    "Istruttori",
    "Operatori esperti",
    "Operatori",
];

/// Employment contracts.
pub const CONTRATTI: &[&str] = &[
    "Tempo indeterminato",
    "Tempo determinato",
    "Art. 110 c. 1 TUEL",
    "Art. 110 c. 2 TUEL",
    "Art. 90 TUEL",
    "Comando in entrata",
    "Comando in uscita",
    "Distacco",
    "Convenzione",
    "Somministrazione",
];

/// Recruitment methods of the hiring plan.
pub const MODALITA_ASSUNZIONE: &[&str] = &[
    "Concorso pubblico",
    "Scorrimento graduatoria",
    "Mobilità",
    "Progressione verticale",
    "Art. 110 TUEL",
    "Stabilizzazione",
    "Categorie protette L. 68/1999",
    "Centro per l'impiego",
];

/// Why a post becomes vacant.
pub const MOTIVI_CESSAZIONE: &[&str] = &[
    "Pensionamento",
    "Dimissioni",
    "Mobilità in uscita",
    "Scadenza contratto",
    "Altro",
];

pub const REGIMI: &[&str] = &["Tempo pieno", "Part time"];

pub const MODALITA_FORMAZIONE: &[&str] = &[
    "In presenza",
    "A distanza sincrona",
    "E-learning",
    "Blended",
    "Affiancamento",
];

pub const SI_NO: &[&str] = &["Sì", "No"];

pub const LIVELLI_RISCHIO: &[&str] = &["Basso", "Medio", "Alto"];

pub const TIPI_MISURA: &[&str] = &["Generale", "Specifica"];

pub const FREQUENZE: &[&str] = &[
    "Tempestivo",
    "Trimestrale",
    "Semestrale",
    "Annuale",
    "Triennale",
];

pub const TIPI_STRUTTURA: &[&str] = &[
    "Area",
    "Direzione",
    "Settore",
    "Servizio autonomo",
    "Servizio",
    "Ufficio",
    "Unità di progetto",
    "Staff",
];

pub const INCARICHI: &[&str] = &[
    "Dirigente",
    "Responsabile EQ",
    "Segretario generale",
    "Segretario comunale",
];

/// Impact dimensions of public-value objectives.
pub const AMBITI_VALORE: &[&str] = &[
    "Sociale",
    "Economico",
    "Ambientale",
    "Sanitario",
    "Istituzionale",
    "Digitale",
    "Culturale",
];

/// Sub-sections a monitoring row can refer to.
pub const SOTTOSEZIONI: &[&str] = &["2.1", "2.2", "2.3", "3.1", "3.2", "3.3"];

/// The state of a phase at a monitoring date.
pub const STATI_FASE: &[&str] = &["Non avviata", "In corso", "Conclusa", "Sospesa"];

/// Whether a prevention measure was carried out, at a monitoring date.
pub const ESITI_MISURA: &[&str] = &["Attuata", "Attuata in parte", "Non attuata"];

/// The figures of the year the annual report sets against the plan (sheet Consuntivo).
pub const VOCI_CONSUNTIVO: &[&str] = &[
    "Assunzioni",
    "Cessazioni",
    "Corsi di formazione",
    "Partecipanti alla formazione",
    "Ore di formazione",
    "Spesa per la formazione",
    "Dipendenti in lavoro agile",
];

/// Areas at risk of corruption of art. 1 c. 16 L. 190/2012, plus the general areas of the PNA.
pub const AREE_RISCHIO: &[&str] = &[
    "Autorizzazioni e concessioni",
    "Contratti pubblici",
    "Sovvenzioni, contributi e vantaggi economici",
    "Concorsi e selezioni del personale",
    "Gestione delle entrate, delle spese e del patrimonio",
    "Controlli, verifiche, ispezioni e sanzioni",
    "Incarichi e nomine",
    "Affari legali e contenzioso",
    "Governo del territorio",
    "Gestione dei rifiuti",
];

/// A closed list of values.
type Lista = &'static [&'static str];
/// A word the offices use, and the list value it means.
type Sinonimo = (&'static str, &'static str);

/// The words real plans use for a value of a closed list, with the value they mean. Matching
/// ignores case, accents, spaces and punctuation ("P.O." is "po", "Part-time" is "parttime"),
/// so each entry is written once, as offices write it. A word that could mean two values
/// ("Comando": in entrata or in uscita? "Art. 110": comma 1 or 2?) is not here: it gets a
/// "forse intendevi" instead of a guess.
const SINONIMI: &[(Lista, &[Sinonimo])] = &[
    (
        AREE,
        &[
            ("Segretario comunale", "Segretario"),
            ("Segretario generale", "Segretario"),
            ("Dirigente", "Dirigenti"),
            ("Dirigenza", "Dirigenti"),
            (
                "Area dei Funzionari e dell'Elevata Qualificazione",
                "Funzionari e EQ",
            ),
            ("Funzionari ed EQ", "Funzionari e EQ"),
            ("Funzionari e Elevata Qualificazione", "Funzionari e EQ"),
            ("Funzionari ed Elevata Qualificazione", "Funzionari e EQ"),
            ("Funzionari", "Funzionari e EQ"),
            ("Area degli Istruttori", "Istruttori"),
            ("Area Istruttori", "Istruttori"),
            ("Area degli Operatori esperti", "Operatori esperti"),
            ("Area Operatori esperti", "Operatori esperti"),
            ("Area degli Operatori", "Operatori"),
            ("Area Operatori", "Operatori"),
        ],
    ),
    (
        INCARICHI,
        &[
            ("EQ", "Responsabile EQ"),
            ("E.Q.", "Responsabile EQ"),
            ("Elevata qualificazione", "Responsabile EQ"),
            ("Incarico di EQ", "Responsabile EQ"),
            ("Titolare di EQ", "Responsabile EQ"),
            ("Posizione organizzativa", "Responsabile EQ"),
            ("P.O.", "Responsabile EQ"),
            ("Titolare di P.O.", "Responsabile EQ"),
            ("Titolare di posizione organizzativa", "Responsabile EQ"),
            ("Responsabile P.O.", "Responsabile EQ"),
            ("Dirigente a tempo determinato", "Dirigente"),
        ],
    ),
    (
        TIPI_STRUTTURA,
        &[
            ("Unità di staff", "Staff"),
            ("Ufficio di staff", "Staff"),
            ("Servizio di staff", "Staff"),
            ("Progetto", "Unità di progetto"),
            ("U.O.A.", "Servizio autonomo"),
            ("Unità organizzativa autonoma", "Servizio autonomo"),
            ("Settore autonomo", "Settore"),
        ],
    ),
    (
        CONTRATTI,
        &[
            ("T.I.", "Tempo indeterminato"),
            ("Indeterminato", "Tempo indeterminato"),
            ("Tempo ind.", "Tempo indeterminato"),
            ("Di ruolo", "Tempo indeterminato"),
            ("Ruolo", "Tempo indeterminato"),
            ("T.D.", "Tempo determinato"),
            ("Determinato", "Tempo determinato"),
            ("Tempo det.", "Tempo determinato"),
            ("A termine", "Tempo determinato"),
            ("Art. 110 comma 1", "Art. 110 c. 1 TUEL"),
            ("Art. 110 c. 1", "Art. 110 c. 1 TUEL"),
            ("Art. 110 comma 1 TUEL", "Art. 110 c. 1 TUEL"),
            ("Art. 110 comma 2", "Art. 110 c. 2 TUEL"),
            ("Art. 110 c. 2", "Art. 110 c. 2 TUEL"),
            ("Art. 110 comma 2 TUEL", "Art. 110 c. 2 TUEL"),
            ("Art. 90", "Art. 90 TUEL"),
            ("Staff art. 90", "Art. 90 TUEL"),
            ("Comandato in entrata", "Comando in entrata"),
            ("Comandato in uscita", "Comando in uscita"),
            ("Distaccato", "Distacco"),
            ("In convenzione", "Convenzione"),
            ("Somministrato", "Somministrazione"),
            ("Lavoro somministrato", "Somministrazione"),
            ("Interinale", "Somministrazione"),
        ],
    ),
    (
        MODALITA_ASSUNZIONE,
        &[
            ("Concorso", "Concorso pubblico"),
            ("Selezione pubblica", "Concorso pubblico"),
            ("Concorso unico", "Concorso pubblico"),
            ("Concorso aggregato", "Concorso pubblico"),
            ("Scorrimento", "Scorrimento graduatoria"),
            ("Utilizzo graduatoria", "Scorrimento graduatoria"),
            ("Utilizzo di graduatoria", "Scorrimento graduatoria"),
            (
                "Utilizzo graduatorie di altri enti",
                "Scorrimento graduatoria",
            ),
            ("Graduatoria di altro ente", "Scorrimento graduatoria"),
            ("Mobilità volontaria", "Mobilità"),
            ("Mobilità esterna", "Mobilità"),
            ("Mobilità art. 30", "Mobilità"),
            ("Mobilità ex art. 30 D.Lgs. 165/2001", "Mobilità"),
            ("Progressione tra le aree", "Progressione verticale"),
            ("Progressione tra aree", "Progressione verticale"),
            ("PEV", "Progressione verticale"),
            ("Art. 110", "Art. 110 TUEL"),
            ("Incarico art. 110", "Art. 110 TUEL"),
            ("L. 68/1999", "Categorie protette L. 68/1999"),
            ("L. 68/99", "Categorie protette L. 68/1999"),
            ("Legge 68/1999", "Categorie protette L. 68/1999"),
            ("Categorie protette", "Categorie protette L. 68/1999"),
            ("Collocamento obbligatorio", "Categorie protette L. 68/1999"),
            ("Avviamento a selezione", "Centro per l'impiego"),
            ("Art. 16 L. 56/1987", "Centro per l'impiego"),
            ("Centro impiego", "Centro per l'impiego"),
            ("CPI", "Centro per l'impiego"),
        ],
    ),
    (
        MOTIVI_CESSAZIONE,
        &[
            ("Pensione", "Pensionamento"),
            ("Quiescenza", "Pensionamento"),
            ("Collocamento a riposo", "Pensionamento"),
            ("Pensione anticipata", "Pensionamento"),
            ("Pensione di vecchiaia", "Pensionamento"),
            ("Limiti di età", "Pensionamento"),
            ("Dimissioni volontarie", "Dimissioni"),
            ("Mobilità", "Mobilità in uscita"),
            ("Mobilità esterna", "Mobilità in uscita"),
            ("Fine contratto", "Scadenza contratto"),
            ("Termine contratto", "Scadenza contratto"),
            ("Scadenza incarico", "Scadenza contratto"),
            ("Fine incarico", "Scadenza contratto"),
        ],
    ),
    (
        REGIMI,
        &[
            ("Full time", "Tempo pieno"),
            ("Tempo parziale", "Part time"),
            ("Parziale", "Part time"),
        ],
    ),
    (
        MODALITA_FORMAZIONE,
        &[
            ("Presenza", "In presenza"),
            ("Aula", "In presenza"),
            ("Frontale", "In presenza"),
            ("Webinar", "A distanza sincrona"),
            ("Videoconferenza", "A distanza sincrona"),
            ("Online sincrona", "A distanza sincrona"),
            ("Diretta online", "A distanza sincrona"),
            ("Streaming", "A distanza sincrona"),
            ("FAD", "E-learning"),
            ("Asincrona", "E-learning"),
            ("Mista", "Blended"),
            ("Training on the job", "Affiancamento"),
            ("On the job", "Affiancamento"),
        ],
    ),
    (
        LIVELLI_RISCHIO,
        &[("Bassa", "Basso"), ("Media", "Medio"), ("Alta", "Alto")],
    ),
    (
        FREQUENZE,
        &[
            ("Tempestiva", "Tempestivo"),
            ("Tempestivamente", "Tempestivo"),
            ("Trimestralmente", "Trimestrale"),
            ("Semestralmente", "Semestrale"),
            ("Annualmente", "Annuale"),
            ("Ogni anno", "Annuale"),
            ("Triennalmente", "Triennale"),
        ],
    ),
];

/// How a word outside a closed list was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lettura {
    /// A synonym the offices use.
    Sinonimo(&'static str),
    /// A category of the old classification (A, B, C, D, "Cat. C", "D3"), read as the area
    /// of the CCNL Funzioni Locali 2019-2021 that replaced it (art. 13 CCNL 16/11/2022).
    Categoria(&'static str),
}

impl Lettura {
    pub fn valore(self) -> &'static str {
        match self {
            Lettura::Sinonimo(v) | Lettura::Categoria(v) => v,
        }
    }
}

/// The key words are compared by: lower case, no accents, no spaces or punctuation.
pub fn chiave(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric() || *c == '%')
        .collect()
}

/// The canonical value of `list` that `typed` stands for, when it is a known other name.
pub fn leggi(list: &'static [&'static str], typed: &str) -> Option<Lettura> {
    let key = chiave(typed);
    // Lists are compared by content: a `const` slice has no fixed address.
    if list == AREE
        && let Some(area) = categoria(&key)
    {
        return Some(Lettura::Categoria(area));
    }
    SINONIMI
        .iter()
        .filter(|(l, _)| *l == list)
        .flat_map(|(_, words)| words.iter())
        .find(|(word, _)| chiave(word) == key)
        .map(|(_, value)| Lettura::Sinonimo(value))
}

/// The area replacing an old category: "c", "catc", "categoriac", "c1", "catd3", "b3"...
fn categoria(key: &str) -> Option<&'static str> {
    let rest = ["categoria", "cat", "area"]
        .iter()
        .find_map(|p| key.strip_prefix(p))
        .unwrap_or(key);
    let mut chars = rest.chars();
    let letter = chars.next()?;
    if !chars.all(|c| c.is_ascii_digit()) || rest.len() > 2 {
        return None;
    }
    match letter {
        'a' => Some("Operatori"),
        'b' => Some("Operatori esperti"),
        'c' => Some("Istruttori"),
        'd' => Some("Funzionari e EQ"),
        _ => None,
    }
}

/// The risk level from probability and impact, on a symmetric 3×3 matrix: the sum of the two
/// ranks (0 basso … 2 alto) gives basso up to 1, medio at 2, alto from 3.
pub fn livello_rischio(probabilita: &str, impatto: &str) -> &'static str {
    let rank = |v: &str| LIVELLI_RISCHIO.iter().position(|l| *l == v).unwrap_or(0);
    match rank(probabilita) + rank(impatto) {
        0 | 1 => LIVELLI_RISCHIO[0],
        2 => LIVELLI_RISCHIO[1],
        _ => LIVELLI_RISCHIO[2],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offices_words_are_read_as_the_lists_values() {
        assert_eq!(
            leggi(INCARICHI, "P.O.").map(Lettura::valore),
            Some("Responsabile EQ")
        );
        assert_eq!(
            leggi(INCARICHI, "po").map(Lettura::valore),
            Some("Responsabile EQ")
        );
        assert_eq!(
            leggi(MODALITA_FORMAZIONE, "webinar"),
            Some(Lettura::Sinonimo("A distanza sincrona"))
        );
        for (typed, area) in [
            ("C", "Istruttori"),
            ("Cat. C", "Istruttori"),
            ("categoria D3", "Funzionari e EQ"),
            ("B1", "Operatori esperti"),
            ("cat.A", "Operatori"),
        ] {
            assert_eq!(
                leggi(AREE, typed),
                Some(Lettura::Categoria(area)),
                "{typed}"
            );
        }
        // Ambiguous words are not guessed; a category letter means nothing elsewhere.
        assert_eq!(leggi(CONTRATTI, "Comando"), None);
        assert_eq!(leggi(CONTRATTI, "Art. 110"), None);
        assert_eq!(leggi(REGIMI, "C"), None);
        assert_eq!(leggi(AREE, "Cdd"), None);
        // Every synonym leads to a value of its own list.
        for (list, words) in SINONIMI {
            for (word, value) in *words {
                assert!(list.contains(value), "{word} → {value}");
            }
        }
    }
}
