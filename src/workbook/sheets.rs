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
    false,
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
    optional: false,
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
            false,
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
        col(
            "pec",
            "PEC",
            Text,
            false,
            "Posta elettronica certificata della struttura, se ne ha una propria (pubblicata in Amministrazione Trasparente secondo lo schema ANAC).",
            "affarigenerali@pec.comune.example.it",
        ),
    ],
};

const PERSONALE: Sheet = Sheet {
    key: "personale",
    name: "Personale",
    purpose: "Il personale in servizio al 31 dicembre, per area, contratto e struttura. Una riga per ogni combinazione; il programma calcola i totali.",
    section: "3.1",
    optional: false,
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
            false,
            "Numero di dipendenti donne.",
            "3",
        ),
        col(
            "uomini",
            "Uomini",
            Count,
            false,
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
    optional: false,
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
        col(
            "costo",
            "Costo annuo liberato (€)",
            Money,
            false,
            "Spesa annua a regime liberata dalle unità della riga (per il calcolo della capacità assunzionale). Se vuoto il risparmio non è considerato.",
            "34.000,00",
        ),
    ],
};

const CAPACITA: Sheet = Sheet {
    key: "capacita",
    name: "Capacità assunzionale",
    purpose: "Solo per i comuni: i dati dei rendiconti per la capacità assunzionale del DM 17 marzo 2020 (art. 33 c. 2 D.L. 34/2019), compilati con la Ragioneria. Una riga per voce e per anno. Entrate correnti: gli accertamenti di competenza dei Titoli I, II e III del rendiconto (quadro generale riassuntivo), per ciascuno degli ultimi tre rendiconti approvati. FCDE: il fondo crediti di dubbia esigibilità di parte corrente stanziato nel bilancio di previsione dell'ultimo di quei tre anni. Spesa di personale: gli impegni di competenza dell'ultimo rendiconto approvato, al lordo degli oneri riflessi e al netto dell'IRAP, divisi nelle voci dell'elenco (il programma ne fa la somma). La popolazione residente è quella di ente.yaml. Il foglio è facoltativo: se manca, il PIAO non contiene il calcolo.",
    section: "3.3",
    optional: true,
    columns: &[
        col(
            "voce",
            "Voce",
            Choice(crate::model::capacita::VOCI),
            true,
            "Entrate correnti per titolo, FCDE o componente della spesa di personale.",
            "Entrate correnti - Titolo I",
        ),
        col(
            "anno",
            "Anno",
            Year,
            true,
            "Anno del rendiconto (per il FCDE: del bilancio di previsione).",
            "2024",
        ),
        col(
            "importo",
            "Importo (€)",
            Money,
            true,
            "Importo in euro, come risulta dal rendiconto o dal bilancio.",
            "12.450.300,00",
        ),
    ],
};

const ASSUNZIONI: Sheet = Sheet {
    key: "assunzioni",
    name: "Assunzioni",
    purpose: "Il piano delle assunzioni per ciascun anno del triennio.",
    section: "3.3",
    optional: false,
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
    optional: false,
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
            false,
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

const BUDGET_FORMAZIONE: Sheet = Sheet {
    key: "budget_formazione",
    name: "Budget formazione",
    purpose: "Le risorse per la formazione, una riga per anno: lo stanziamento iniziale del bilancio, le variazioni e quanto è già impegnato. Il programma calcola le risorse disponibili. Il foglio è facoltativo.",
    section: "3.3",
    optional: true,
    columns: &[
        col("anno", "Anno", Year, true, "Anno del bilancio.", "2026"),
        col(
            "iniziale",
            "Stanziamento iniziale (€)",
            Money,
            true,
            "Lo stanziamento del bilancio di previsione.",
            "24.000,00",
        ),
        col(
            "aumenti",
            "Variazioni in aumento (€)",
            Money,
            false,
            "Le variazioni di bilancio che aumentano lo stanziamento.",
            "3.000,00",
        ),
        col(
            "diminuzioni",
            "Variazioni in diminuzione (€)",
            Money,
            false,
            "Le variazioni di bilancio che lo riducono.",
            "0,00",
        ),
        col(
            "impegnato",
            "Impegnato (€)",
            Money,
            false,
            "Quanto è già impegnato.",
            "8.500,00",
        ),
    ],
};

const LAVORO_AGILE: Sheet = Sheet {
    key: "lavoro_agile",
    name: "Lavoro agile",
    purpose: "Il lavoro agile per struttura: dipendenti con accordo individuale, chi non ne fruisce, il totale effettivo.",
    section: "3.2",
    optional: false,
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
            false,
            "Dipendenti donne con accordo individuale.",
            "4",
        ),
        col(
            "uomini",
            "Con accordo: uomini",
            Count,
            false,
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
        col(
            "non_remotizzabili",
            "Attività non eseguibili da remoto",
            LongText,
            false,
            "Le attività della struttura che richiedono la presenza (sportello, cantiere, vigilanza...).",
            "Sportello anagrafe, celebrazione dei matrimoni",
        ),
    ],
};

const CONTINGENTE: Sheet = Sheet {
    key: "contingente",
    name: "Contingente lavoro agile",
    purpose: "Il contingente di lavoro agile per ogni anno del triennio, in percentuale del personale che svolge attività eseguibili da remoto (minimo di legge 15%).",
    section: "3.2",
    optional: false,
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
    optional: false,
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
    optional: false,
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
    optional: false,
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
            false,
            "Che cosa si deve fare e come.",
            "Scansione e indicizzazione delle pratiche edilizie...",
        ),
        col(
            "scadenza",
            "Scadenza finale",
            Deadline,
            false,
            "Data di fine (gg/mm/aaaa) o testo.",
            "31/12/2026",
        ),
        col(
            "risultato",
            "Risultato atteso",
            LongText,
            false,
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
        col(
            "responsabile",
            "Responsabile dell'obiettivo",
            Text,
            false,
            "Chi risponde dell'obiettivo, se non è il responsabile della struttura.",
            "Dott. Paolo Neri",
        ),
        col(
            "tipo",
            "Tipo di obiettivo",
            Text,
            false,
            "Come la scheda classifica l'obiettivo (performance organizzativa o individuale, annuale o pluriennale).",
            "Performance organizzativa - annuale",
        ),
    ],
};

const FASI: Sheet = Sheet {
    key: "fasi",
    name: "Fasi",
    purpose: "Le fasi di ogni obiettivo, con la loro incidenza (il totale di un obiettivo fa 100%) e la scadenza.",
    section: "2.2",
    optional: false,
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
        col(
            "inizio",
            "Inizio",
            Date,
            false,
            "Data di avvio della fase, se la scheda la indica.",
            "01/02/2026",
        ),
        col(
            "risultato",
            "Risultato atteso",
            LongText,
            false,
            "Il prodotto che chiude la fase (una determina, un contratto, un verbale...).",
            "Determina di approvazione",
        ),
    ],
};

const INDICATORI: Sheet = Sheet {
    key: "indicatori",
    name: "Indicatori",
    purpose: "Gli indicatori di risultato degli obiettivi di performance, con i valori attesi per i tre anni.",
    section: "2.2",
    optional: false,
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
        col(
            "peso",
            "Peso %",
            Percent,
            false,
            "Peso dell'indicatore nel grado di raggiungimento dell'obiettivo (vuoto: indicatori di pari peso).",
            "50%",
        ),
    ],
};

const MONITORAGGIO: Sheet = Sheet {
    key: "monitoraggio",
    name: "Monitoraggio",
    purpose: "Chi controlla ogni sottosezione del PIAO, come e con quale frequenza.",
    section: "4",
    optional: false,
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

/// The date a monitoring row refers to: the same column in every monitoring sheet.
const DATA_RILEVAZIONE: Column = col(
    "data",
    "Data rilevazione",
    Date,
    true,
    "Data a cui si riferisce il dato (gg/mm/aaaa), nel primo anno del triennio.",
    "30/06/2026",
);
const NOTE: Column = col(
    "note",
    "Note",
    LongText,
    false,
    "Osservazioni di chi rileva il dato.",
    "Dato provvisorio",
);
/// Which indicator of the objective a measurement refers to.
const INDICATORE_RIF: Column = col(
    "indicatore",
    "Indicatore",
    Text,
    true,
    "Nome dell'indicatore come scritto nel foglio Indicatori, oppure il suo numero d'ordine nell'obiettivo (1, 2...).",
    "Pratiche digitalizzate",
);

const AVANZAMENTO: Sheet = Sheet {
    key: "avanzamento",
    name: "Avanzamento fasi",
    purpose: "Il monitoraggio delle fasi: a ogni rilevazione (semestrale, di fine anno) lo stato e la percentuale di avanzamento di ciascuna fase. Una riga per fase e per data.",
    section: "4",
    optional: true,
    columns: &[
        OBIETTIVO_STRUTTURA,
        OBIETTIVO_CODICE,
        col(
            "fase",
            "N. fase",
            Text,
            true,
            "Numero della fase come nel foglio Fasi.",
            "1",
        ),
        DATA_RILEVAZIONE,
        col(
            "stato",
            "Stato",
            Choice(STATI_FASE),
            true,
            "Stato della fase alla data.",
            "In corso",
        ),
        col(
            "percentuale",
            "Avanzamento %",
            Percent,
            false,
            "Quanta parte della fase è compiuta (vuoto: 100% se conclusa, 0% se non avviata).",
            "60%",
        ),
        col(
            "conclusione",
            "Data conclusione",
            Date,
            false,
            "Per una fase conclusa, il giorno in cui si è conclusa.",
            "28/06/2026",
        ),
        NOTE,
    ],
};

const MISURAZIONI: Sheet = Sheet {
    key: "misurazioni",
    name: "Misurazioni",
    purpose: "I valori misurati degli indicatori di performance a ogni rilevazione. Una riga per indicatore e per data.",
    section: "4",
    optional: true,
    columns: &[
        OBIETTIVO_STRUTTURA,
        OBIETTIVO_CODICE,
        INDICATORE_RIF,
        DATA_RILEVAZIONE,
        col(
            "valore",
            "Valore misurato",
            Text,
            true,
            "Il valore alla data, nella stessa unità del target.",
            "55%",
        ),
        NOTE,
    ],
};

const REVISIONI: Sheet = Sheet {
    key: "revisioni",
    name: "Revisioni target",
    purpose: "I target del primo anno modificati in corso d'anno (monitoraggio intermedio), con data e motivo: i report mostrano il target originale e quello rivisto.",
    section: "4",
    optional: true,
    columns: &[
        OBIETTIVO_STRUTTURA,
        OBIETTIVO_CODICE,
        INDICATORE_RIF,
        col(
            "target",
            "Target rivisto",
            Text,
            true,
            "Il nuovo valore atteso per il primo anno.",
            "50%",
        ),
        col(
            "data",
            "Data revisione",
            Date,
            true,
            "Data dell'atto che modifica il target, nel primo anno del triennio.",
            "15/07/2026",
        ),
        col(
            "motivo",
            "Motivo",
            LongText,
            true,
            "Perché il target cambia, e con quale atto.",
            "Ritardo del finanziamento regionale (delibera G.C. n. 98/2026)",
        ),
    ],
};

const SCOSTAMENTI: Sheet = Sheet {
    key: "scostamenti",
    name: "Scostamenti",
    purpose: "Per ogni obiettivo e rilevazione, gli scostamenti dal programmato e le azioni correttive.",
    section: "4",
    optional: true,
    columns: &[
        OBIETTIVO_STRUTTURA,
        OBIETTIVO_CODICE,
        DATA_RILEVAZIONE,
        col(
            "scostamenti",
            "Scostamenti",
            LongText,
            true,
            "Che cosa non è andato come programmato, e perché.",
            "La fase 2 è in ritardo per la mancata consegna dei documenti",
        ),
        col(
            "azioni",
            "Azioni correttive",
            LongText,
            false,
            "Che cosa si fa per recuperare.",
            "Sollecito al fornitore e nuova scadenza al 30/09",
        ),
    ],
};

const MISURAZIONI_VP: Sheet = Sheet {
    key: "misurazioni_vp",
    name: "Misurazioni VP",
    purpose: "I valori misurati degli indicatori di valore pubblico (foglio Indicatori VP). Una riga per indicatore e per data.",
    section: "2.1",
    optional: true,
    columns: &[
        col(
            "obiettivo",
            "Codice obiettivo",
            Text,
            true,
            "Codice dell'obiettivo di valore pubblico (foglio Valore pubblico).",
            "VP1",
        ),
        INDICATORE_RIF,
        DATA_RILEVAZIONE,
        col(
            "valore",
            "Valore misurato",
            Text,
            true,
            "Il valore alla data, nella stessa unità della baseline e del target.",
            "58%",
        ),
        NOTE,
    ],
};

const ATTUAZIONE: Sheet = Sheet {
    key: "attuazione",
    name: "Attuazione misure",
    purpose: "Il monitoraggio delle misure di prevenzione: a ogni rilevazione, se la misura è stata attuata. Una riga per misura e per data.",
    section: "2.3",
    optional: true,
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
            Text,
            true,
            "La misura come scritta nel foglio Misure, oppure il suo numero d'ordine nel rischio (1, 2...).",
            "1",
        ),
        DATA_RILEVAZIONE,
        col(
            "esito",
            "Esito",
            Choice(ESITI_MISURA),
            true,
            "Se la misura è stata attuata alla data.",
            "Attuata",
        ),
        NOTE,
    ],
};

const CONSUNTIVO: Sheet = Sheet {
    key: "consuntivo",
    name: "Consuntivo",
    purpose: "Le cifre dell'anno realizzate (assunzioni, cessazioni, formazione, lavoro agile), che la Relazione annuale confronta con il programmato.",
    section: "3",
    optional: true,
    columns: &[
        col(
            "anno",
            "Anno",
            Year,
            true,
            "Anno a cui si riferisce il dato.",
            "2026",
        ),
        col(
            "voce",
            "Voce",
            Choice(VOCI_CONSUNTIVO),
            true,
            "Che cosa si misura. La Relazione lo confronta con il programmato del PIAO: assunzioni e cessazioni del primo anno, numero dei corsi, somma dei partecipanti e delle ore dei corsi (foglio Formazione), stanziamento della formazione del primo anno, lavoratori agili (foglio Lavoro agile).",
            "Assunzioni",
        ),
        col(
            "valore",
            "Realizzato",
            Decimal,
            true,
            "Il valore realizzato nell'anno (numero, ore o euro).",
            "6",
        ),
        NOTE,
    ],
};

const RISCHI: Sheet = Sheet {
    key: "rischi",
    name: "Mappa dei rischi",
    purpose: "La mappatura dei processi a rischio corruttivo e la valutazione del rischio.",
    section: "2.3",
    optional: false,
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
    optional: false,
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
    optional: false,
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
        CAPACITA,
        FORMAZIONE,
        BUDGET_FORMAZIONE,
        LAVORO_AGILE,
        CONTINGENTE,
        CONSUNTIVO,
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
        AVANZAMENTO,
        MISURAZIONI,
        REVISIONI,
        SCOSTAMENTI,
        MISURAZIONI_VP,
    ],
};

/// Anti-corruption officer (RPCT): risk map, measures, transparency obligations.
pub const ANTICORRUZIONE_WB: Workbook = Workbook {
    key: "anticorruzione",
    stem: "anticorruzione",
    office: "RPCT - Responsabile della prevenzione della corruzione e della trasparenza",
    sheets: &[RISCHI, MISURE, TRASPARENZA, ATTUAZIONE],
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::cell::normalize;
    use std::collections::HashSet;

    /// The loader finds a sheet by its normalized name and a column by its normalized header,
    /// and the code by their keys: two alike would read one office's data as another's.
    #[test]
    fn keys_names_and_headers_are_unique() {
        let mut stems = HashSet::new();
        for wb in WORKBOOKS {
            assert!(
                stems.insert(wb.stem),
                "file {} dichiarato due volte",
                wb.stem
            );
            let mut keys = HashSet::new();
            let mut names = HashSet::new();
            for sheet in wb.sheets {
                assert!(
                    keys.insert(sheet.key),
                    "{}: chiave di foglio {} ripetuta",
                    wb.stem,
                    sheet.key
                );
                assert!(
                    names.insert(normalize(sheet.name)),
                    "{}: foglio «{}» ripetuto",
                    wb.stem,
                    sheet.name
                );
                let mut column_keys = HashSet::new();
                let mut headers = HashSet::new();
                for column in sheet.columns {
                    assert!(
                        column_keys.insert(column.key),
                        "{} › {}: chiave di colonna {} ripetuta",
                        wb.stem,
                        sheet.name,
                        column.key
                    );
                    assert!(
                        headers.insert(normalize(column.header)),
                        "{} › {}: intestazione «{}» ripetuta",
                        wb.stem,
                        sheet.name,
                        column.header
                    );
                }
            }
        }
        assert!(
            all_columns().count() > 100,
            "le dichiarazioni sono state lette tutte"
        );
    }
}
