//! From rows to the model: each sheet's rows become section types, units are resolved against
//! the `Strutture` sheet, children (phases, indicators, measures) are attached to their parent,
//! and references that lead nowhere are reported at the cell that holds them.

use super::workbook::{Row, RowRef, WorkbookData};
use crate::diag::{Diagnostic, Location, Report};
use crate::load::cell;
use crate::model::ciclo;
use crate::model::*;
use std::collections::HashMap;

/// Where each model element came from, so the checks can point at cells. Keys are
/// `sheet key` + element id (the model id, or the position in its list).
#[derive(Debug, Default)]
pub struct Sources {
    rows: HashMap<(&'static str, String), RowRef>,
    /// Sheets with rows that could not be read: checks on totals skip them.
    incomplete: Vec<&'static str>,
}

impl Sources {
    fn add(&mut self, sheet: &'static str, id: impl Into<String>, at: &RowRef) {
        self.rows.insert((sheet, id.into()), at.clone());
    }

    /// The row an element came from.
    pub fn row(&self, sheet: &'static str, id: &str) -> Option<&RowRef> {
        self.rows.get(&(sheet, id.to_string()))
    }

    /// Whether every row of `sheet` was read (so totals over it are meaningful).
    pub fn complete(&self, sheet: &str) -> bool {
        !self.incomplete.contains(&sheet)
    }
}

/// Resolves unit references written as a code or a name.
struct Units {
    by_key: HashMap<String, String>,
    codes: Vec<String>,
    /// False when the units sheet could not be read: then references are not checked.
    known: bool,
    /// The cell of each unit's code, for hints.
    rows: HashMap<String, String>,
    /// References to no unit, reported together by [`Units::flush`].
    misses: std::cell::RefCell<Orphans>,
}

/// Up to this many rows citing the same unknown unit get one message each; more get one
/// message for all, so that the cause is not buried under its consequences.
const MISSES_ONE_BY_ONE: usize = 3;

impl Units {
    /// `sources` must already hold the units' rows: a hint names the row of the likely
    /// intended unit.
    fn new(strutture: &[Struttura], known: bool, sources: &Sources) -> Self {
        let mut by_key = HashMap::new();
        for s in strutture {
            by_key.insert(cell::normalize(&s.codice), s.codice.clone());
            by_key.insert(cell::normalize(&s.nome), s.codice.clone());
        }
        Units {
            by_key,
            codes: strutture.iter().map(|s| s.codice.clone()).collect(),
            rows: strutture
                .iter()
                .filter_map(|s| {
                    let at = sources.row("strutture", &s.codice)?.cell("codice");
                    Some((s.codice.clone(), cell_name(&at)))
                })
                .collect(),
            known,
            misses: Default::default(),
        }
    }

    /// The unit code for the reference in `row[key]`; an unknown one is kept for
    /// [`Units::flush`].
    fn resolve(&self, row: &Row, key: &str) -> Option<String> {
        let text = row.text(key)?;
        if let Some(code) = self.by_key.get(&cell::normalize(&text)) {
            return Some(code.clone());
        }
        if !self.known {
            return Some(text);
        }
        let codes: Vec<&str> = self.codes.iter().map(String::as_str).collect();
        let hint = match cell::suggest(&text, codes.iter().copied()) {
            Some(s) => match self.rows.get(s) {
                Some(a1) => format!("forse intendevi '{s}' (Strutture!{a1})?"),
                None => format!("forse intendevi '{s}'?"),
            },
            None => format!("strutture dichiarate: {}", cell::quoted_list(&codes)),
        };
        self.misses.borrow_mut().add(
            &text,
            Diagnostic::error(
                row.at.cell(key),
                format!("struttura '{text}' non presente nel foglio Strutture di personale.xlsx"),
            )
            .with_hint(hint),
        );
        None
    }

    /// Reports the references to no unit (see [`Orphans`]).
    fn flush(self, report: &mut Report) {
        self.misses.into_inner().flush(report);
    }
}

/// References to a parent that does not exist (a unit, an objective, a risk), gathered so
/// that one broken code is one message: up to [`MISSES_ONE_BY_ONE`] rows of a sheet citing
/// the same missing code get a message each, more get one message at the first of them,
/// with the count, so that the cause is not buried under its consequences.
#[derive(Debug, Default)]
struct Orphans {
    groups: Vec<Vec<Diagnostic>>,
    by_key: HashMap<(String, String), usize>,
}

impl Orphans {
    fn add(&mut self, code: &str, d: Diagnostic) {
        let sheet = match &d.location {
            Location::Sheet { sheet, .. } => sheet.clone(),
            _ => String::new(),
        };
        let key = (sheet, cell::normalize(code));
        match self.by_key.get(&key) {
            Some(&i) => self.groups[i].push(d),
            None => {
                self.by_key.insert(key, self.groups.len());
                self.groups.push(vec![d]);
            }
        }
    }

    fn flush(self, report: &mut Report) {
        for group in self.groups {
            let n = group.len();
            if n <= MISSES_ONE_BY_ONE {
                group.into_iter().for_each(|d| report.push(d));
                continue;
            }
            let mut first = group.into_iter().next().expect("a group has rows");
            let sheet = match &first.location {
                Location::Sheet { sheet, .. } => sheet.clone(),
                _ => String::new(),
            };
            first.message = format!(
                "{}: la citano {n} righe del foglio {sheet} (questa è la prima); nessuna di esse viene letta",
                first.message
            );
            report.push(first);
        }
    }
}

/// The hint for a code that names nothing: the likely intended one, or the codes there are.
fn closest<'a>(code: &str, codes: impl Iterator<Item = &'a str> + Clone) -> String {
    match cell::suggest(code, codes.clone()) {
        Some(s) => format!("forse intendevi «{s}»?"),
        None => {
            let all: Vec<&str> = codes.collect();
            match all.len() {
                0 => "il foglio non ne contiene".to_string(),
                n if n <= 12 => format!("codici presenti: {}", cell::quoted_list(&all)),
                n => format!("il foglio ne contiene {n}: controllare il codice"),
            }
        }
    }
}

/// "A7", from a cell location.
fn cell_name(at: &Location) -> String {
    match at {
        Location::Sheet { cell: Some(c), .. } => c.clone(),
        _ => String::new(),
    }
}

/// Reports a code that appears twice; returns true when `code` is new.
fn unique(
    seen: &mut HashMap<String, u32>,
    code: &str,
    row: &Row,
    key: &str,
    what: &str,
    report: &mut Report,
) -> bool {
    let norm = cell::normalize(code);
    if let Some(first) = seen.get(&norm) {
        report.push(
            Diagnostic::error(row.at.cell(key), format!("{what} '{code}' duplicato"))
                .with_hint(format!("lo stesso codice è già alla riga {}", first + 1)),
        );
        return false;
    }
    seen.insert(norm, row.at.row);
    true
}

fn target(row: &Row) -> Target {
    Target {
        anno1: row.text("target1"),
        anno2: row.text("target2"),
        anno3: row.text("target3"),
    }
}

fn year(row: &Row) -> i32 {
    row.count("anno").unwrap_or(0) as i32
}

fn mark_incomplete(wb: &WorkbookData, sources: &mut Sources) {
    for (key, sheet) in &wb.sheets {
        if sheet.invalid_rows > 0 {
            sources.incomplete.push(key);
        }
    }
}

/// The HR workbook: units, staff, terminations, hires, training, smart working.
pub fn organizzazione(
    wb: &WorkbookData,
    sources: &mut Sources,
    report: &mut Report,
) -> Organizzazione {
    mark_incomplete(wb, sources);
    let mut org = Organizzazione::default();
    let mut seen = HashMap::new();
    for row in wb.rows("strutture") {
        let codice = row.text("codice").unwrap_or_default();
        if !unique(
            &mut seen,
            &codice,
            row,
            "codice",
            "codice struttura",
            report,
        ) {
            continue;
        }
        sources.add("strutture", &codice, &row.at);
        org.strutture.push(Struttura {
            codice,
            nome: row.text("nome").unwrap_or_default(),
            tipo: row.text("tipo").unwrap_or_default(),
            responsabile: row.text("responsabile").unwrap_or_default(),
            incarico: row.text("incarico").unwrap_or_default(),
            email: row.text("email"),
            telefono: row.text("telefono"),
            competenze: row.text("competenze"),
            pec: row.text("pec"),
        });
    }
    let units = Units::new(&org.strutture, wb.complete("strutture"), sources);

    for row in wb.rows("personale") {
        sources.add("personale", org.personale.len().to_string(), &row.at);
        org.personale.push(RigaPersonale {
            struttura: units.resolve(row, "struttura"),
            area: row.text("area").unwrap_or_default(),
            profilo: row.text("profilo"),
            contratto: row.text("contratto").unwrap_or_default(),
            donne: row.count("donne"),
            uomini: row.count("uomini"),
            totale: row.count("totale").unwrap_or(0),
            part_time: row.count("part_time").unwrap_or(0),
            costo: row.number("costo"),
        });
    }
    for row in wb.rows("cessazioni") {
        sources.add("cessazioni", org.cessazioni.len().to_string(), &row.at);
        org.cessazioni.push(Cessazione {
            anno: year(row),
            area: row.text("area").unwrap_or_default(),
            profilo: row.text("profilo"),
            struttura: units.resolve(row, "struttura"),
            numero: row.count("numero").unwrap_or(0),
            motivo: row.text("motivo").unwrap_or_default(),
            costo: row.number("costo"),
        });
    }
    for row in wb.rows("assunzioni") {
        let Some(struttura) = units.resolve(row, "struttura") else {
            continue;
        };
        sources.add("assunzioni", org.assunzioni.len().to_string(), &row.at);
        org.assunzioni.push(Assunzione {
            anno: year(row),
            struttura,
            profilo: row.text("profilo").unwrap_or_default(),
            area: row.text("area").unwrap_or_default(),
            numero: row.count("numero").unwrap_or(0),
            modalita: row.text("modalita").unwrap_or_default(),
            regime: row.text("regime").unwrap_or_default(),
            costo: row.number("costo"),
        });
    }
    for row in wb.rows("formazione") {
        sources.add("formazione", org.formazione.len().to_string(), &row.at);
        org.formazione.push(Corso {
            titolo: row.text("titolo").unwrap_or_default(),
            area_tematica: row.text("area_tematica").unwrap_or_default(),
            modalita: row.text("modalita").unwrap_or_default(),
            destinatari: row.text("destinatari").unwrap_or_default(),
            partecipanti: row.count("partecipanti").unwrap_or(0),
            ore: row.number("ore"),
            periodo: row.text("periodo"),
            erogatore: row.text("erogatore"),
            costo: row.number("costo"),
            obbligatorio: row.text("obbligatorio").as_deref() == Some("Sì"),
        });
    }
    for row in wb.rows("lavoro_agile") {
        let Some(struttura) = units.resolve(row, "struttura") else {
            continue;
        };
        sources.add("lavoro_agile", org.lavoro_agile.len().to_string(), &row.at);
        org.lavoro_agile.push(LavoroAgile {
            struttura,
            donne: row.count("donne"),
            uomini: row.count("uomini"),
            totale: row.count("totale").unwrap_or(0),
            non_fruitori: row.count("non_fruitori").unwrap_or(0),
            effettivi: row.count("effettivi").unwrap_or(0),
            non_remotizzabili: row.text("non_remotizzabili"),
        });
    }
    let mut seen = HashMap::new();
    for row in wb.rows("budget_formazione") {
        let anno = year(row);
        if !unique(&mut seen, &anno.to_string(), row, "anno", "anno", report) {
            continue;
        }
        sources.add(
            "budget_formazione",
            org.budget_formazione.len().to_string(),
            &row.at,
        );
        org.budget_formazione.push(BudgetFormazione {
            anno,
            iniziale: row.number("iniziale").unwrap_or(0.0),
            aumenti: row.number("aumenti"),
            diminuzioni: row.number("diminuzioni"),
            impegnato: row.number("impegnato"),
        });
    }
    let mut seen = HashMap::new();
    for row in wb.rows("contingente") {
        let anno = year(row);
        if !unique(&mut seen, &anno.to_string(), row, "anno", "anno", report) {
            continue;
        }
        sources.add("contingente", org.contingente.len().to_string(), &row.at);
        org.contingente.push(Contingente {
            anno,
            addetti: row.count("addetti"),
            percentuale: row.percent("percentuale").unwrap_or(0.0),
        });
    }
    if wb.has("capacita") {
        let rows = wb.rows("capacita");
        for (i, row) in rows.iter().enumerate() {
            sources.add("capacita", i.to_string(), &row.at);
        }
        org.rendiconti = Some(
            rows.iter()
                .map(|row| VoceFinanziaria {
                    voce: row.text("voce").unwrap_or_default(),
                    anno: year(row),
                    importo: row.number("importo").unwrap_or(0.0),
                })
                .collect(),
        );
    }
    let mut seen = HashMap::new();
    for row in wb.rows("consuntivo") {
        let anno = year(row);
        let voce = row.text("voce").unwrap_or_default();
        let what = format!("per l'anno {anno} la voce");
        if !unique(
            &mut seen,
            &format!("{anno} {voce}"),
            row,
            "voce",
            &what,
            report,
        ) {
            continue;
        }
        sources.add("consuntivo", format!("{anno} {voce}"), &row.at);
        org.consuntivo.push(ciclo::VoceConsuntivo {
            anno,
            voce,
            valore: row.number("valore").unwrap_or(0.0),
            note: row.text("note"),
        });
    }
    units.flush(report);
    org
}

/// The performance workbook: public value, objectives with phases and indicators, monitoring.
/// `units` are the codes and names of the units sheet, when it could be read.
pub fn performance(
    wb: &WorkbookData,
    strutture: Option<&[Struttura]>,
    sources: &mut Sources,
    report: &mut Report,
) -> Performance {
    mark_incomplete(wb, sources);
    let units = Units::new(strutture.unwrap_or(&[]), strutture.is_some(), sources);
    let mut perf = Performance::default();

    let mut seen = HashMap::new();
    for row in wb.rows("obiettivi_vp") {
        let codice = row.text("codice").unwrap_or_default();
        if !unique(
            &mut seen,
            &codice,
            row,
            "codice",
            "codice obiettivo",
            report,
        ) {
            continue;
        }
        sources.add("obiettivi_vp", &codice, &row.at);
        perf.valore_pubblico.push(ObiettivoValore {
            codice,
            titolo: row.text("titolo").unwrap_or_default(),
            descrizione: row.text("descrizione"),
            ambito: row.text("ambito").unwrap_or_default(),
            stakeholder: row.text("stakeholder"),
            responsabile: row.text("responsabile"),
            indicatori: Vec::new(),
        });
    }
    // Every lookup by code is a hash lookup: plans with thousands of rows stay linear.
    let vp_index: HashMap<String, usize> = perf
        .valore_pubblico
        .iter()
        .enumerate()
        .map(|(i, v)| (cell::normalize(&v.codice), i))
        .collect();
    for row in wb.rows("indicatori_vp") {
        let Some(v) = public_value_objective(wb, &perf, &vp_index, row, report) else {
            continue;
        };
        let vp = &mut perf.valore_pubblico[v];
        let id = format!("{}-I{}", vp.codice, vp.indicatori.len() + 1);
        sources.add("indicatori_vp", &id, &row.at);
        vp.indicatori.push(IndicatoreValore {
            id,
            indicatore: row.text("indicatore").unwrap_or_default(),
            baseline: row.text("baseline"),
            target: target(row),
            fonte: row.text("fonte"),
            rilevazioni: Vec::new(),
        });
    }

    // Objective codes (A, B, C...) are unique within their unit.
    let mut seen: HashMap<String, HashMap<String, u32>> = HashMap::new();
    for row in wb.rows("obiettivi") {
        let Some(struttura) = units.resolve(row, "struttura") else {
            continue;
        };
        let codice = row.text("codice").unwrap_or_default();
        let id = format!("{struttura}-{codice}");
        let in_unit = seen.entry(struttura.clone()).or_default();
        let what = format!("nella struttura {struttura} il codice obiettivo");
        if !unique(in_unit, &codice, row, "codice", &what, report) {
            continue;
        }
        let valore_pubblico = row.text("valore_pubblico");
        if let Some(vp) = &valore_pubblico
            && wb.complete("obiettivi_vp")
            && !vp_index.contains_key(&cell::normalize(vp))
        {
            let codes = perf.valore_pubblico.iter().map(|v| v.codice.as_str());
            report.push(
                Diagnostic::error(
                    row.at.cell("valore_pubblico"),
                    format!(
                        "obiettivo di valore pubblico '{vp}' non presente nel foglio Valore pubblico"
                    ),
                )
                .with_hint(closest(vp, codes)),
            );
        }
        sources.add("obiettivi", &id, &row.at);
        perf.obiettivi.push(Obiettivo {
            id,
            struttura,
            codice,
            titolo: row.text("titolo").unwrap_or_default(),
            valore_pubblico,
            finalita: row.text("finalita"),
            descrizione: row.text("descrizione"),
            scadenza: row.deadline("scadenza"),
            risultato: row.text("risultato"),
            raggiunto: row.text("raggiunto"),
            non_raggiunto: row.text("non_raggiunto"),
            vincoli: row.text("vincoli"),
            risorse_umane: row.text("risorse_umane"),
            risorse_finanziarie: row.text("risorse_finanziarie"),
            responsabile: row.text("responsabile"),
            tipo: row.text("tipo"),
            fasi: Vec::new(),
            indicatori: Vec::new(),
            scostamenti: Vec::new(),
        });
    }

    let mut orphans = Orphans::default();
    let objective_index: HashMap<(String, String), usize> = perf
        .obiettivi
        .iter()
        .enumerate()
        .map(|(i, o)| ((o.struttura.clone(), cell::normalize(&o.codice)), i))
        .collect();
    let find = |perf: &mut Performance, row: &Row, orphans: &mut Orphans| -> Option<usize> {
        let struttura = units.resolve(row, "struttura")?;
        let code = row.text("obiettivo").unwrap_or_default();
        let found = objective_index
            .get(&(struttura.clone(), cell::normalize(&code)))
            .copied();
        if found.is_none() && wb.complete("obiettivi") {
            let codes = perf
                .obiettivi
                .iter()
                .filter(|o| o.struttura == struttura)
                .map(|o| o.codice.as_str());
            orphans.add(
                &format!("{struttura}-{code}"),
                Diagnostic::error(
                    row.at.cell("obiettivo"),
                    format!(
                        "l'obiettivo '{code}' della struttura {struttura} non è nel foglio Obiettivi"
                    ),
                )
                .with_hint(closest(&code, codes)),
            );
        }
        found
    };
    for row in wb.rows("fasi") {
        let Some(i) = find(&mut perf, row, &mut orphans) else {
            continue;
        };
        let o = &mut perf.obiettivi[i];
        let numero = row.text("fase").unwrap_or_default();
        let id = format!("{}-{}", o.id, numero);
        if o.fasi.iter().any(|f| f.id == id) {
            report.error(
                row.at.cell("fase"),
                format!("fase '{numero}' ripetuta nell'obiettivo {}", o.codice),
            );
            continue;
        }
        sources.add("fasi", &id, &row.at);
        o.fasi.push(Fase {
            id,
            numero,
            descrizione: row.text("descrizione").unwrap_or_default(),
            incidenza: row.percent("incidenza"),
            responsabili: row.text("responsabili"),
            scadenza: row
                .deadline("scadenza")
                .unwrap_or(Deadline::Text(String::new())),
            inizio: row.date("inizio"),
            risultato: row.text("risultato"),
            padre: None,
            avanzamento: Vec::new(),
        });
    }
    perf.obiettivi
        .iter_mut()
        .for_each(Obiettivo::collega_sottofasi);
    for row in wb.rows("indicatori") {
        let Some(i) = find(&mut perf, row, &mut orphans) else {
            continue;
        };
        let o = &mut perf.obiettivi[i];
        let id = format!("{}-I{}", o.id, o.indicatori.len() + 1);
        sources.add("indicatori", &id, &row.at);
        o.indicatori.push(Indicatore {
            id,
            indicatore: row.text("indicatore").unwrap_or_default(),
            formula: row.text("formula"),
            unita: row.text("unita"),
            target: target(row),
            peso: row.percent("peso"),
            rilevazioni: Vec::new(),
            revisioni: Vec::new(),
        });
    }

    monitoring(wb, &mut perf, &find, &mut orphans, sources, report);
    public_value_measures(wb, &mut perf, &vp_index, sources, report);

    for row in wb.rows("monitoraggio") {
        sources.add("monitoraggio", perf.monitoraggio.len().to_string(), &row.at);
        perf.monitoraggio.push(Monitoraggio {
            sottosezione: row.text("sottosezione").unwrap_or_default(),
            soggetto: row.text("soggetto").unwrap_or_default(),
            modalita: row.text("modalita").unwrap_or_default(),
            frequenza: row.text("frequenza").unwrap_or_default(),
        });
    }
    orphans.flush(report);
    units.flush(report);
    perf
}

/// The RPCT's workbook: risks with their measures, transparency obligations.
pub fn anticorruzione(
    wb: &WorkbookData,
    strutture: Option<&[Struttura]>,
    sources: &mut Sources,
    report: &mut Report,
) -> Anticorruzione {
    mark_incomplete(wb, sources);
    let units = Units::new(strutture.unwrap_or(&[]), strutture.is_some(), sources);
    let mut ac = Anticorruzione::default();
    let mut seen = HashMap::new();
    for row in wb.rows("rischi") {
        let codice = row.text("codice").unwrap_or_default();
        if !unique(&mut seen, &codice, row, "codice", "codice rischio", report) {
            continue;
        }
        let probabilita = row.text("probabilita").unwrap_or_default();
        let impatto = row.text("impatto").unwrap_or_default();
        sources.add("rischi", &codice, &row.at);
        ac.rischi.push(Rischio {
            livello: vocab::livello_rischio(&probabilita, &impatto).to_string(),
            codice,
            area: row.text("area").unwrap_or_default(),
            processo: row.text("processo").unwrap_or_default(),
            evento: row.text("evento").unwrap_or_default(),
            struttura: units.resolve(row, "struttura"),
            probabilita,
            impatto,
            misure: Vec::new(),
        });
    }
    let mut orphans = Orphans::default();
    let risk_index: HashMap<String, usize> = ac
        .rischi
        .iter()
        .enumerate()
        .map(|(i, r)| (cell::normalize(&r.codice), i))
        .collect();
    // The risk a measure row cites; a code that leads nowhere is kept for one message.
    let find = |ac: &Anticorruzione, row: &Row, orphans: &mut Orphans| -> Option<usize> {
        let code = row.text("rischio").unwrap_or_default();
        let found = risk_index.get(&cell::normalize(&code)).copied();
        if found.is_none() && wb.complete("rischi") {
            let codes = ac.rischi.iter().map(|r| r.codice.as_str());
            orphans.add(
                &code,
                Diagnostic::error(
                    row.at.cell("rischio"),
                    format!("rischio '{code}' non presente nel foglio Mappa dei rischi"),
                )
                .with_hint(closest(&code, codes)),
            );
        }
        found
    };
    for row in wb.rows("misure") {
        let Some(i) = find(&ac, row, &mut orphans) else {
            continue;
        };
        let r = &mut ac.rischi[i];
        sources.add(
            "misure",
            format!("{}-{}", r.codice, r.misure.len()),
            &row.at,
        );
        r.misure.push(Misura {
            misura: row.text("misura").unwrap_or_default(),
            tipo: row.text("tipo").unwrap_or_default(),
            responsabile: row.text("responsabile").unwrap_or_default(),
            scadenza: row
                .deadline("scadenza")
                .unwrap_or(Deadline::Text(String::new())),
            indicatore: row.text("indicatore").unwrap_or_default(),
            attuazione: Vec::new(),
        });
    }
    for row in wb.rows("attuazione") {
        let Some(i) = find(&ac, row, &mut orphans) else {
            continue;
        };
        let r = &mut ac.rischi[i];
        let names: Vec<&str> = r.misure.iter().map(|m| m.misura.as_str()).collect();
        let parent = format!("tra le misure del rischio {} (foglio Misure)", r.codice);
        let Some(i) = child(row, "misura", &names, "misura", &parent, report) else {
            continue;
        };
        let Some(data) = row.date("data") else {
            continue;
        };
        let m = &mut r.misure[i];
        sources.add(
            "attuazione",
            format!("{}-{i}#{}", r.codice, m.attuazione.len()),
            &row.at,
        );
        m.attuazione.push(ciclo::Attuazione {
            data,
            esito: row.text("esito").unwrap_or_default(),
            note: row.text("note"),
        });
    }
    for row in wb.rows("trasparenza") {
        sources.add("trasparenza", ac.trasparenza.len().to_string(), &row.at);
        ac.trasparenza.push(Obbligo {
            sezione: row.text("sezione").unwrap_or_default(),
            obbligo: row.text("obbligo").unwrap_or_default(),
            riferimento: row.text("riferimento").unwrap_or_default(),
            responsabile_dati: row.text("responsabile_dati").unwrap_or_default(),
            responsabile_pubblicazione: row.text("responsabile_pubblicazione").unwrap_or_default(),
            frequenza: row.text("frequenza").unwrap_or_default(),
        });
    }
    orphans.flush(report);
    units.flush(report);
    ac
}

/// Which child of a parent a monitoring row cites in `row[key]`: its number in the parent
/// (1, 2…, or "I2" for an indicator) or its text as written in its own sheet. A citation that
/// matches none is reported with the closest text.
fn child(
    row: &Row,
    key: &str,
    names: &[&str],
    what: &str,
    parent: &str,
    report: &mut Report,
) -> Option<usize> {
    let text = row.text(key)?;
    let number = text.trim().trim_start_matches(['I', 'i']).trim();
    if let Ok(n) = number.parse::<usize>()
        && (1..=names.len()).contains(&n)
    {
        return Some(n - 1);
    }
    let norm = cell::normalize(&text);
    if let Some(i) = names.iter().position(|n| cell::normalize(n) == norm) {
        return Some(i);
    }
    let hint = match cell::suggest(&text, names.iter().copied()) {
        Some(s) => format!("forse intendevi «{s}»?"),
        None if names.is_empty() => {
            "non ce n'è nessuno: compilare prima il foglio del piano".to_string()
        }
        None => format!(
            "scrivere il testo come nel suo foglio, oppure il numero d'ordine (da 1 a {})",
            names.len()
        ),
    };
    report.push(
        Diagnostic::error(
            row.at.cell(key),
            format!("{what} '{text}' non presente {parent}"),
        )
        .with_hint(hint),
    );
    None
}

/// The monitoring sheets of the performance workbook: phases' progress, indicators'
/// measures and revised targets, objectives' deviations. Each row is attached to the
/// element it cites; what cites nothing is reported where it is.
fn monitoring(
    wb: &WorkbookData,
    perf: &mut Performance,
    find: &dyn Fn(&mut Performance, &Row, &mut Orphans) -> Option<usize>,
    orphans: &mut Orphans,
    sources: &mut Sources,
    report: &mut Report,
) {
    for row in wb.rows("avanzamento") {
        let Some(i) = find(perf, row, orphans) else {
            continue;
        };
        let o = &mut perf.obiettivi[i];
        let numero = row.text("fase").unwrap_or_default();
        let Some(f) = o
            .fasi
            .iter_mut()
            .find(|f| cell::normalize(&f.numero) == cell::normalize(&numero))
        else {
            let numbers = o.fasi.iter().map(|f| f.numero.as_str());
            report.push(
                Diagnostic::error(
                    row.at.cell("fase"),
                    format!(
                        "la fase '{numero}' non è nel foglio Fasi per l'obiettivo {}",
                        o.id
                    ),
                )
                .with_hint(closest(&numero, numbers)),
            );
            continue;
        };
        let (Some(data), Some(stato)) = (
            row.date("data"),
            row.text("stato")
                .as_deref()
                .and_then(ciclo::StatoFase::from_label),
        ) else {
            continue;
        };
        if let Some(prev) = f.avanzamento.iter().position(|a| a.data == data) {
            let first = sources
                .row("avanzamento", &format!("{}#{prev}", f.id))
                .map(|r| {
                    format!(
                        "la fase ha già una rilevazione a questa data alla riga {}",
                        r.row + 1
                    )
                })
                .unwrap_or_default();
            report.push(
                Diagnostic::error(
                    row.at.cell("data"),
                    format!("fase {} rilevata due volte alla stessa data", f.id),
                )
                .with_hint(first),
            );
            continue;
        }
        sources.add(
            "avanzamento",
            format!("{}#{}", f.id, f.avanzamento.len()),
            &row.at,
        );
        f.avanzamento.push(ciclo::Avanzamento {
            data,
            stato,
            percentuale: row.percent("percentuale"),
            conclusione: row.date("conclusione"),
            note: row.text("note"),
        });
    }
    for (sheet, revision) in [("misurazioni", false), ("revisioni", true)] {
        for row in wb.rows(sheet) {
            let Some(i) = find(perf, row, orphans) else {
                continue;
            };
            let o = &mut perf.obiettivi[i];
            let names: Vec<&str> = o.indicatori.iter().map(|x| x.indicatore.as_str()).collect();
            let parent = format!(
                "tra gli indicatori dell'obiettivo {} (foglio Indicatori)",
                o.id
            );
            let Some(k) = child(row, "indicatore", &names, "indicatore", &parent, report) else {
                continue;
            };
            let Some(data) = row.date("data") else {
                continue;
            };
            let ind = &mut o.indicatori[k];
            if revision {
                sources.add(
                    sheet,
                    format!("{}#{}", ind.id, ind.revisioni.len()),
                    &row.at,
                );
                ind.revisioni.push(ciclo::Revisione {
                    data,
                    target: row.text("target").unwrap_or_default(),
                    motivo: row.text("motivo").unwrap_or_default(),
                });
            } else {
                sources.add(
                    sheet,
                    format!("{}#{}", ind.id, ind.rilevazioni.len()),
                    &row.at,
                );
                ind.rilevazioni.push(ciclo::Rilevazione {
                    data,
                    valore: row.text("valore").unwrap_or_default(),
                    note: row.text("note"),
                });
            }
        }
    }
    for row in wb.rows("scostamenti") {
        let Some(i) = find(perf, row, orphans) else {
            continue;
        };
        let Some(data) = row.date("data") else {
            continue;
        };
        let o = &mut perf.obiettivi[i];
        sources.add(
            "scostamenti",
            format!("{}#{}", o.id, o.scostamenti.len()),
            &row.at,
        );
        o.scostamenti.push(ciclo::Scostamento {
            data,
            scostamenti: row.text("scostamenti").unwrap_or_default(),
            azioni: row.text("azioni"),
        });
    }
}

/// The public-value objective a row cites in its `obiettivo` column; a code that leads
/// nowhere is reported at its cell (when the objectives' sheet could be read).
fn public_value_objective(
    wb: &WorkbookData,
    perf: &Performance,
    vp_index: &HashMap<String, usize>,
    row: &Row,
    report: &mut Report,
) -> Option<usize> {
    let code = row.text("obiettivo").unwrap_or_default();
    let found = vp_index.get(&cell::normalize(&code)).copied();
    if found.is_none() && wb.complete("obiettivi_vp") {
        let codes = perf.valore_pubblico.iter().map(|v| v.codice.as_str());
        report.push(
            Diagnostic::error(
                row.at.cell("obiettivo"),
                format!(
                    "obiettivo di valore pubblico '{code}' non presente nel foglio Valore pubblico"
                ),
            )
            .with_hint(closest(&code, codes)),
        );
    }
    found
}

/// The measures of the public-value indicators (sheet Misurazioni VP).
fn public_value_measures(
    wb: &WorkbookData,
    perf: &mut Performance,
    vp_index: &HashMap<String, usize>,
    sources: &mut Sources,
    report: &mut Report,
) {
    for row in wb.rows("misurazioni_vp") {
        let Some(v) = public_value_objective(wb, perf, vp_index, row, report) else {
            continue;
        };
        let vp = &mut perf.valore_pubblico[v];
        let names: Vec<&str> = vp
            .indicatori
            .iter()
            .map(|x| x.indicatore.as_str())
            .collect();
        let parent = format!(
            "tra gli indicatori dell'obiettivo di valore pubblico {} (foglio Indicatori VP)",
            vp.codice
        );
        let Some(k) = child(row, "indicatore", &names, "indicatore", &parent, report) else {
            continue;
        };
        let Some(data) = row.date("data") else {
            continue;
        };
        let ind = &mut vp.indicatori[k];
        sources.add(
            "misurazioni_vp",
            format!("{}#{}", ind.id, ind.rilevazioni.len()),
            &row.at,
        );
        ind.rilevazioni.push(ciclo::Rilevazione {
            data,
            valore: row.text("valore").unwrap_or_default(),
            note: row.text("note"),
        });
    }
}
