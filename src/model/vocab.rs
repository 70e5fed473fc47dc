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
    "Settore",
    "Servizio autonomo",
    "Servizio",
    "Ufficio",
    "Staff",
];

pub const INCARICHI: &[&str] = &["Dirigente", "Responsabile EQ", "Segretario generale"];

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
