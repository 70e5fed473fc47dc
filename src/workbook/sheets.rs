//! The declaration of every workbook, sheet and column of the input contract. This is the one
//! list: the template writer and the reader both walk it.

use super::spec::{Column, Kind, Sheet, Workbook, col};
use crate::model::vocab::*;

use Kind::*;

/// The two columns that tie a phase or an indicator to its objective card.
const OBIETTIVO_STRUTTURA: Column = col(
    "struttura",
    "Struttura",
    Unit,
    true,
    "Struttura dell'obiettivo.",
    "SET1",
);
const OBIETTIVO_CODICE: Column = col(
    "obiettivo",
    "Codice obiettivo",
    Text,
    true,
    "Codice dell'obiettivo (foglio Obiettivi).",
    "A",
);

/// The targets of an indicator for the three years of the triennio.
const TARGET_1: Column = col(
    "target1",
    "Target anno 1",
    Text,
    true,
    "Valore atteso nel primo anno.",
    "60%",
);
const TARGET_2: Column = col(
    "target2",
    "Target anno 2",
    Text,
    false,
    "Valore atteso nel secondo anno.",
    "90%",
);
const TARGET_3: Column = col(
    "target3",
    "Target anno 3",
    Text,
    false,
    "Valore atteso nel terzo anno.",
    "100%",
);

const STRUTTURE: Sheet = Sheet {
    key: "strutture",
    name: "Strutture",
    purpose: "Le strutture organizzative dell'ente (settori, servizi autonomi, staff) con il loro responsabile. Le altre tabelle indicano la struttura con il codice o il nome scritti qui.",
    section: "3.1",
    columns: &[
        col(
            "codice",
            "Codice",
            Text,
            true,
            "Codice breve e univoco della struttura.",
            "SET1",
        ),
        col(
            "nome",
            "Denominazione",
            Text,
            true,
            "Nome della struttura.",
            "Settore Affari generali",
        ),
        col(
            "tipo",
            "Tipo",
            Choice(TIPI_STRUTTURA),
            true,
            "Tipo di struttura.",
            "Settore",
        ),
        col(
            "responsabile",
            "Responsabile",
            Text,
            true,
            "Nome e cognome del responsabile.",
            "Dott.ssa Maria Rossi",
        ),
        col(
            "incarico",
            "Incarico",
            Choice(INCARICHI),
            true,
            "Dirigente, responsabile con incarico di Elevata Qualificazione o Segretario.",
            "Responsabile EQ",
        ),
        col(
            "email",
            "E-mail",
            Text,
            false,
            "Indirizzo di posta della struttura.",
            "affarigenerali@comune.example.it",
        ),
        col(
            "telefono",
            "Telefono",
            Text,
            false,
            "Numero di telefono della struttura.",
            "0123 456789",
        ),
        col(
            "competenze",
            "Competenze",
            LongText,
            false,
            "Le principali competenze della struttura.",
            "Segreteria, protocollo, servizi demografici",
        ),
    ],
};

const PERSONALE: Sheet = Sheet {
    key: "personale",
    name: "Personale",
    purpose: "Il personale in servizio al 31 dicembre, per area, contratto e struttura. Una riga per ogni combinazione; il programma calcola i totali.",
    section: "3.1",
    columns: &[
        col(
            "struttura",
            "Struttura",
            Unit,
            false,
            "Codice o nome della struttura (foglio Strutture); vuoto per il personale non assegnato.",
            "SET1",
        ),
        col(
            "area",
            "Area",
            Choice(AREE),
            true,
            "Area del CCNL Funzioni Locali 2019-2021, Dirigenti o Segretario.",
            "Istruttori",
        ),
        col(
            "profilo",
            "Profilo professionale",
            Text,
            false,
            "Profilo professionale.",
            "Istruttore amministrativo",
        ),
        col(
            "contratto",
            "Contratto",
            Choice(CONTRATTI),
            true,
            "Tipo di rapporto di lavoro.",
            "Tempo indeterminato",
        ),
        col(
            "donne",
            "Donne",
            Count,
            true,
            "Numero di dipendenti donne.",
            "3",
        ),
        col(
            "uomini",
            "Uomini",
            Count,
            true,
            "Numero di dipendenti uomini.",
            "2",
        ),
        col("totale", "Totale", Count, true, "Donne + Uomini.", "5"),
        col(
            "part_time",
            "Di cui part time",
            Count,
            false,
            "Quanti del totale lavorano a tempo parziale.",
            "1",
        ),
        col(
            "costo",
            "Costo annuo (€)",
            Money,
            false,
            "Costo annuo complessivo delle unità della riga.",
            "165.000,00",
        ),
    ],
};

const CESSAZIONI: Sheet = Sheet {
    key: "cessazioni",
    name: "Cessazioni",
    purpose: "Le cessazioni dal servizio previste nel triennio.",
    section: "3.3",
    columns: &[
        col(
            "anno",
            "Anno",
            Year,
            true,
            "Anno della cessazione (nel triennio).",
            "2026",
        ),
        col(
            "area",
            "Area",
            Choice(AREE),
            true,
            "Area del posto che si libera.",
            "Operatori esperti",
        ),
        col(
            "profilo",
            "Profilo professionale",
            Text,
            false,
            "Profilo professionale.",
            "Collaboratore tecnico",
        ),
        col(
            "struttura",
            "Struttura",
            Unit,
            false,
            "Struttura di assegnazione.",
            "SET4",
        ),
        col("numero", "Numero", Count, true, "Quante unità.", "1"),
        col(
            "motivo",
            "Motivo",
            Choice(MOTIVI_CESSAZIONE),
            true,
            "Causa della cessazione.",
            "Pensionamento",
        ),
    ],
};

const ASSUNZIONI: Sheet = Sheet {
    key: "assunzioni",
    name: "Assunzioni",
    purpose: "Il piano delle assunzioni per ciascun anno del triennio.",
    section: "3.3",
    columns: &[
        col(
            "anno",
            "Anno",
            Year,
            true,
            "Anno dell'assunzione (nel triennio).",
            "2026",
        ),
        col(
            "struttura",
            "Struttura",
            Unit,
            true,
            "Struttura di destinazione.",
            "SET2",
        ),
        col(
            "profilo",
            "Profilo professionale",
            Text,
            true,
            "Profilo da assumere.",
            "Istruttore contabile",
        ),
        col(
            "area",
            "Area",
            Choice(AREE),
            true,
            "Area del CCNL.",
            "Istruttori",
        ),
        col("numero", "Numero", Count, true, "Quante unità.", "1"),
        col(
            "modalita",
            "Modalità di reclutamento",
            Choice(MODALITA_ASSUNZIONE),
            true,
            "Come si copre il posto.",
            "Concorso pubblico",
        ),
        col(
            "regime",
            "Regime orario",
            Choice(REGIMI),
            true,
            "Tempo pieno o part time.",
            "Tempo pieno",
        ),
        col(
            "costo",
            "Costo annuo (€)",
            Money,
            false,
            "Costo annuo a regime della riga.",
            "33.500,00",
        ),
    ],
};

const FORMAZIONE: Sheet = Sheet {
    key: "formazione",
    name: "Formazione",
    purpose: "I corsi di formazione programmati per il primo anno del triennio.",
    section: "3.3",
    columns: &[
        col(
            "titolo",
            "Titolo del corso",
            Text,
            true,
            "Titolo del corso.",
            "Il nuovo codice dei contratti pubblici",
        ),
        col(
            "area_tematica",
            "Area tematica",
            Text,
            true,
            "Ambito del corso (appalti, digitale, anticorruzione...).",
            "Contratti pubblici",
        ),
        col(
            "modalita",
            "Modalità",
            Choice(MODALITA_FORMAZIONE),
            true,
            "Modalità di erogazione.",
            "E-learning",
        ),
        col(
            "destinatari",
            "Destinatari",
            Text,
            true,
            "A chi è rivolto.",
            "Personale dell'Area tecnica",
        ),
        col(
            "partecipanti",
            "Partecipanti",
            Count,
            true,
            "Numero di partecipanti previsti.",
            "12",
        ),
        col(
            "ore",
            "Ore per partecipante",
            Decimal,
            true,
            "Durata del corso in ore.",
            "16",
        ),
        col(
            "periodo",
            "Periodo",
            Text,
            false,
            "Quando si svolge.",
            "Marzo-aprile 2026",
        ),
        col(
            "erogatore",
            "Ente erogatore",
            Text,
            false,
            "Chi tiene il corso.",
            "Syllabus - Dipartimento della Funzione Pubblica",
        ),
        col("costo", "Costo (€)", Money, false, "Costo del corso.", "0"),
        col(
            "obbligatorio",
            "Obbligatorio",
            Choice(SI_NO),
            true,
            "Formazione obbligatoria per legge?",
            "Sì",
        ),
    ],
};

const LAVORO_AGILE: Sheet = Sheet {
    key: "lavoro_agile",
    name: "Lavoro agile",
    purpose: "Il lavoro agile per struttura: dipendenti con accordo individuale, chi non ne fruisce, il totale effettivo.",
    section: "3.2",
    columns: &[
        col(
            "struttura",
            "Struttura",
            Unit,
            true,
            "Codice o nome della struttura.",
            "SET1",
        ),
        col(
            "donne",
            "Con accordo: donne",
            Count,
            true,
            "Dipendenti donne con accordo individuale.",
            "4",
        ),
        col(
            "uomini",
            "Con accordo: uomini",
            Count,
            true,
            "Dipendenti uomini con accordo individuale.",
            "2",
        ),
        col(
            "totale",
            "Con accordo: totale",
            Count,
            true,
            "Donne + uomini con accordo.",
            "6",
        ),
        col(
            "non_fruitori",
            "Non fruitori",
            Count,
            true,
            "Con accordo ma che non ne fruiscono.",
            "1",
        ),
        col(
            "effettivi",
            "Totale effettivo",
            Count,
            true,
            "Chi lavora davvero in modalità agile (totale − non fruitori).",
            "5",
        ),
    ],
};

const CONTINGENTE: Sheet = Sheet {
    key: "contingente",
    name: "Contingente lavoro agile",
    purpose: "Il contingente di lavoro agile per ogni anno del triennio, in percentuale del personale che svolge attività eseguibili da remoto (minimo di legge 15%).",
    section: "3.2",
    columns: &[
        col("anno", "Anno", Year, true, "Anno del triennio.", "2026"),
        col(
            "addetti",
            "Addetti ad attività smartabili",
            Count,
            false,
            "Personale che svolge attività eseguibili da remoto.",
            "70",
        ),
        col(
            "percentuale",
            "Contingente (%)",
            Percent,
            true,
            "Percentuale del contingente.",
            "20%",
        ),
    ],
};

const OBIETTIVI_VP: Sheet = Sheet {
    key: "obiettivi_vp",
    name: "Valore pubblico",
    purpose: "Gli obiettivi di valore pubblico (benessere dei cittadini) a cui si collegano gli obiettivi di performance.",
    section: "2.1",
    columns: &[
        col(
            "codice",
            "Codice",
            Text,
            true,
            "Codice univoco dell'obiettivo di valore pubblico.",
            "VP1",
        ),
        col(
            "titolo",
            "Obiettivo",
            Text,
            true,
            "Titolo dell'obiettivo.",
            "Una città più accessibile",
        ),
        col(
            "descrizione",
            "Descrizione",
            LongText,
            false,
            "Che cosa si vuole ottenere per i cittadini.",
            "Ridurre le barriere fisiche e digitali...",
        ),
        col(
            "ambito",
            "Ambito di impatto",
            Choice(AMBITI_VALORE),
            true,
            "Dimensione del benessere su cui incide.",
            "Sociale",
        ),
        col(
            "stakeholder",
            "Stakeholder",
            Text,
            false,
            "Destinatari e portatori di interesse.",
            "Cittadini over 65, persone con disabilità",
        ),
        col(
            "responsabile",
            "Responsabile",
            Text,
            false,
            "Chi ne risponde.",
            "Sindaco / Segretario generale",
        ),
    ],
};

const INDICATORI_VP: Sheet = Sheet {
    key: "indicatori_vp",
    name: "Indicatori VP",
    purpose: "Gli indicatori di impatto degli obiettivi di valore pubblico, con base di partenza e valori attesi per i tre anni.",
    section: "2.1",
    columns: &[
        col(
            "obiettivo",
            "Codice obiettivo",
            Text,
            true,
            "Codice dell'obiettivo (foglio Valore pubblico).",
            "VP1",
        ),
        col(
            "indicatore",
            "Indicatore",
            Text,
            true,
            "Nome dell'indicatore.",
            "Edifici pubblici senza barriere",
        ),
        col(
            "baseline",
            "Baseline",
            Text,
            false,
            "Valore di partenza.",
            "40%",
        ),
        TARGET_1,
        TARGET_2,
        TARGET_3,
        col(
            "fonte",
            "Fonte dei dati",
            Text,
            false,
            "Da dove viene il dato.",
            "Ufficio tecnico",
        ),
    ],
};

const OBIETTIVI: Sheet = Sheet {
    key: "obiettivi",
    name: "Obiettivi",
    purpose: "Le schede degli obiettivi di performance (PEG/PDO): una riga per obiettivo. Le fasi e gli indicatori stanno nei fogli Fasi e Indicatori.",
    section: "2.2",
    columns: &[
        col(
            "struttura",
            "Struttura",
            Unit,
            true,
            "Struttura a cui è assegnato l'obiettivo.",
            "SET1",
        ),
        col(
            "codice",
            "Codice",
            Text,
            true,
            "Lettera o codice, univoco nella struttura.",
            "A",
        ),
        col(
            "titolo",
            "Titolo",
            Text,
            true,
            "Titolo dell'obiettivo.",
            "Digitalizzazione dell'archivio",
        ),
        col(
            "valore_pubblico",
            "Obiettivo di valore pubblico",
            Text,
            false,
            "Codice dell'obiettivo di valore pubblico collegato (foglio Valore pubblico).",
            "VP2",
        ),
        col(
            "finalita",
            "Finalità strategiche",
            LongText,
            false,
            "Collegamento con gli indirizzi strategici (DUP).",
            "Missione 01 - Servizi istituzionali",
        ),
        col(
            "descrizione",
            "Descrizione e direttive",
            LongText,
            true,
            "Che cosa si deve fare e come.",
            "Scansione e indicizzazione delle pratiche edilizie...",
        ),
        col(
            "scadenza",
            "Scadenza finale",
            Deadline,
            true,
            "Data di fine (gg/mm/aaaa) o testo.",
            "31/12/2026",
        ),
        col(
            "risultato",
            "Risultato atteso",
            LongText,
            true,
            "Il risultato da raggiungere.",
            "Archivio consultabile online",
        ),
        col(
            "raggiunto",
            "Raggiunto al 100%",
            LongText,
            false,
            "Quando l'obiettivo si considera raggiunto.",
            "Tutte le fasi concluse entro la scadenza",
        ),
        col(
            "non_raggiunto",
            "Non raggiunto",
            LongText,
            false,
            "Quando l'obiettivo si considera non raggiunto.",
            "Meno del 50% delle pratiche scansionate",
        ),
        col(
            "vincoli",
            "Vincoli",
            LongText,
            false,
            "Vincoli e condizioni.",
            "Disponibilità del finanziamento PNRR",
        ),
        col(
            "risorse_umane",
            "Risorse umane",
            LongText,
            false,
            "Il personale coinvolto.",
            "2 istruttori, 1 operatore",
        ),
        col(
            "risorse_finanziarie",
            "Risorse finanziarie",
            LongText,
            false,
            "Le risorse del bilancio.",
            "Cap. 1043 - € 12.000,00",
        ),
    ],
};

const FASI: Sheet = Sheet {
    key: "fasi",
    name: "Fasi",
    purpose: "Le fasi di ogni obiettivo, con la loro incidenza (il totale di un obiettivo fa 100%) e la scadenza.",
    section: "2.2",
    columns: &[
        OBIETTIVO_STRUTTURA,
        OBIETTIVO_CODICE,
        col(
            "fase",
            "N. fase",
            Text,
            true,
            "Numero della fase (1, 2, 2a...).",
            "1",
        ),
        col(
            "descrizione",
            "Descrizione",
            LongText,
            true,
            "Che cosa si fa in questa fase.",
            "Ricognizione delle pratiche",
        ),
        col(
            "incidenza",
            "Incidenza %",
            Percent,
            false,
            "Peso della fase sull'obiettivo.",
            "30%",
        ),
        col(
            "responsabili",
            "Responsabili coinvolti",
            Text,
            false,
            "Chi realizza la fase.",
            "Servizio Archivio",
        ),
        col(
            "scadenza",
            "Scadenza",
            Deadline,
            true,
            "Data (gg/mm/aaaa) o testo.",
            "30/04/2026",
        ),
    ],
};

const INDICATORI: Sheet = Sheet {
    key: "indicatori",
    name: "Indicatori",
    purpose: "Gli indicatori di risultato degli obiettivi di performance, con i valori attesi per i tre anni.",
    section: "2.2",
    columns: &[
        OBIETTIVO_STRUTTURA,
        OBIETTIVO_CODICE,
        col(
            "indicatore",
            "Indicatore",
            Text,
            true,
            "Nome dell'indicatore.",
            "Pratiche digitalizzate",
        ),
        col(
            "formula",
            "Formula",
            Text,
            false,
            "Come si calcola.",
            "pratiche scansionate / pratiche totali",
        ),
        col(
            "unita",
            "Unità di misura",
            Text,
            false,
            "Unità di misura.",
            "%",
        ),
        TARGET_1,
        TARGET_2,
        TARGET_3,
    ],
};

const MONITORAGGIO: Sheet = Sheet {
    key: "monitoraggio",
    name: "Monitoraggio",
    purpose: "Chi controlla ogni sottosezione del PIAO, come e con quale frequenza.",
    section: "4",
    columns: &[
        col(
            "sottosezione",
            "Sottosezione",
            Choice(SOTTOSEZIONI),
            true,
            "Numero della sottosezione.",
            "2.2",
        ),
        col(
            "soggetto",
            "Soggetto",
            Text,
            true,
            "Chi effettua il monitoraggio.",
            "Nucleo di valutazione",
        ),
        col(
            "modalita",
            "Modalità",
            LongText,
            true,
            "Come si svolge.",
            "Verifica dello stato di avanzamento delle fasi",
        ),
        col(
            "frequenza",
            "Frequenza",
            Choice(FREQUENZE),
            true,
            "Ogni quanto.",
            "Semestrale",
        ),
    ],
};

const RISCHI: Sheet = Sheet {
    key: "rischi",
    name: "Mappa dei rischi",
    purpose: "La mappatura dei processi a rischio corruttivo e la valutazione del rischio.",
    section: "2.3",
    columns: &[
        col(
            "codice",
            "Codice",
            Text,
            true,
            "Codice univoco del rischio.",
            "R01",
        ),
        col(
            "area",
            "Area di rischio",
            Choice(AREE_RISCHIO),
            true,
            "Area di rischio (art. 1 c. 16 L. 190/2012 e PNA).",
            "Contratti pubblici",
        ),
        col(
            "processo",
            "Processo",
            Text,
            true,
            "Il processo esposto al rischio.",
            "Affidamenti diretti sotto soglia",
        ),
        col(
            "evento",
            "Evento rischioso",
            LongText,
            true,
            "Che cosa potrebbe accadere.",
            "Frazionamento artificioso dell'appalto",
        ),
        col(
            "struttura",
            "Struttura",
            Unit,
            false,
            "Struttura che gestisce il processo.",
            "SET4",
        ),
        col(
            "probabilita",
            "Probabilità",
            Choice(LIVELLI_RISCHIO),
            true,
            "Probabilità dell'evento.",
            "Medio",
        ),
        col(
            "impatto",
            "Impatto",
            Choice(LIVELLI_RISCHIO),
            true,
            "Impatto dell'evento.",
            "Alto",
        ),
    ],
};

const MISURE: Sheet = Sheet {
    key: "misure",
    name: "Misure",
    purpose: "Le misure generali e specifiche di prevenzione, collegate ai rischi mappati.",
    section: "2.3",
    columns: &[
        col(
            "rischio",
            "Codice rischio",
            Text,
            true,
            "Codice del rischio (foglio Mappa dei rischi).",
            "R01",
        ),
        col(
            "misura",
            "Misura",
            LongText,
            true,
            "La misura di prevenzione.",
            "Rotazione degli affidatari",
        ),
        col(
            "tipo",
            "Tipo",
            Choice(TIPI_MISURA),
            true,
            "Generale o specifica.",
            "Specifica",
        ),
        col(
            "responsabile",
            "Responsabile",
            Text,
            true,
            "Chi attua la misura.",
            "Responsabile Settore Tecnico",
        ),
        col(
            "scadenza",
            "Scadenza",
            Deadline,
            true,
            "Data o testo.",
            "31/12/2026",
        ),
        col(
            "indicatore",
            "Indicatore di monitoraggio",
            Text,
            true,
            "Come si verifica l'attuazione.",
            "N. affidamenti allo stesso operatore",
        ),
    ],
};

const TRASPARENZA: Sheet = Sheet {
    key: "trasparenza",
    name: "Obblighi di trasparenza",
    purpose: "Gli obblighi di pubblicazione in Amministrazione Trasparente, con i responsabili e la frequenza di aggiornamento.",
    section: "2.3",
    columns: &[
        col(
            "sezione",
            "Sottosezione AT",
            Text,
            true,
            "Sottosezione di Amministrazione Trasparente.",
            "Personale › Dotazione organica",
        ),
        col(
            "obbligo",
            "Obbligo",
            Text,
            true,
            "Contenuto da pubblicare.",
            "Conto annuale del personale",
        ),
        col(
            "riferimento",
            "Riferimento normativo",
            Text,
            true,
            "Articolo di legge.",
            "Art. 16 c. 1 D.Lgs. 33/2013",
        ),
        col(
            "responsabile_dati",
            "Responsabile dei dati",
            Text,
            true,
            "Chi produce il dato.",
            "Servizio Personale",
        ),
        col(
            "responsabile_pubblicazione",
            "Responsabile della pubblicazione",
            Text,
            true,
            "Chi lo pubblica.",
            "Servizio Personale",
        ),
        col(
            "frequenza",
            "Aggiornamento",
            Choice(FREQUENZE),
            true,
            "Frequenza di aggiornamento.",
            "Annuale",
        ),
    ],
};

/// HR office: organisation, staff, terminations, hiring plan, training, smart working.
pub const PERSONALE_WB: Workbook = Workbook {
    key: "personale",
    stem: "personale",
    office: "Ufficio Personale",
    sheets: &[
        STRUTTURE,
        PERSONALE,
        CESSAZIONI,
        ASSUNZIONI,
        FORMAZIONE,
        LAVORO_AGILE,
        CONTINGENTE,
    ],
};

/// Performance office: public value, performance objectives, monitoring.
pub const PERFORMANCE_WB: Workbook = Workbook {
    key: "performance",
    stem: "performance",
    office: "Controllo di gestione / Ufficio Performance",
    sheets: &[
        OBIETTIVI_VP,
        INDICATORI_VP,
        OBIETTIVI,
        FASI,
        INDICATORI,
        MONITORAGGIO,
    ],
};

/// Anti-corruption officer (RPCT): risk map, measures, transparency obligations.
pub const ANTICORRUZIONE_WB: Workbook = Workbook {
    key: "anticorruzione",
    stem: "anticorruzione",
    office: "RPCT - Responsabile della prevenzione della corruzione e della trasparenza",
    sheets: &[RISCHI, MISURE, TRASPARENZA],
};

/// Every workbook of the input contract, in the order they are read and reported.
pub const WORKBOOKS: &[Workbook] = &[PERSONALE_WB, PERFORMANCE_WB, ANTICORRUZIONE_WB];

/// Columns shared by every declaration, so a test can walk them.
pub fn all_columns() -> impl Iterator<Item = (&'static Workbook, &'static Sheet, &'static Column)> {
    WORKBOOKS.iter().flat_map(|wb| {
        wb.sheets
            .iter()
            .flat_map(move |s| s.columns.iter().map(move |c| (wb, s, c)))
    })
}
