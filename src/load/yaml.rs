//! Reading `ente.yaml`: the identity of the administration, the plan's data and the narrative
//! text. Deserialized into typed structs (never an untyped tree: YAML 1.1 would turn `NO`
//! into `false`), with line, column and key path on every problem, in Italian.

use crate::diag::{Diagnostic, Location, Report};
use crate::load::cell::suggest;
use crate::load::introspect;
use crate::model::trasparenza::{self, Organo};
use crate::model::{Ente, Piano, Sottosezioni, Trasparenza};
use serde::Deserialize;
use std::path::Path;

/// The file name in the input folder.
pub const FILE: &str = "ente.yaml";

/// The whole file.
#[derive(Debug, Deserialize)]
pub struct EnteFile {
    pub ente: Ente,
    pub piano: Piano,
    #[serde(default)]
    pub sottosezioni: Sottosezioni,
    #[serde(default)]
    pub trasparenza: Trasparenza,
    /// The rules of the annual report (`piao relazione`).
    #[serde(default)]
    pub relazione: crate::model::ciclo::Relazione,
}

/// Reads and parses `path`; problems go to `report`.
pub fn read(path: &Path, report: &mut Report) -> Option<EnteFile> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let path = match super::guard::regular_file(dir, FILE) {
        Ok(Some(path)) => path,
        Ok(None) => {
            report.push(
                Diagnostic::error(Location::file(FILE), "manca il file ente.yaml")
                    .with_hint("crearlo con `piao init` e completarlo"),
            );
            return None;
        }
        Err(refused) => {
            report.error(Location::file(FILE), refused.0);
            return None;
        }
    };
    let text = match super::guard::read_text(&path, FILE) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            report.push(
                Diagnostic::error(Location::file(FILE), "manca il file ente.yaml")
                    .with_hint("crearlo con `piao init` e completarlo"),
            );
            return None;
        }
        Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
            report.push(
                Diagnostic::error(
                    Location::file(FILE),
                    "ente.yaml non è un file di testo UTF-8",
                )
                .with_hint("salvarlo come testo con codifica UTF-8"),
            );
            return None;
        }
        Err(e) => {
            report.error(
                Location::file(FILE),
                format!("impossibile leggere ente.yaml: {e}"),
            );
            return None;
        }
    };
    if text.trim().is_empty() {
        report.push(
            Diagnostic::error(
                Location::file(FILE),
                "ente.yaml è vuoto: attese le sezioni ente, piano e sottosezioni",
            )
            .with_hint("partire dal modello creato da `piao init`"),
        );
        return None;
    }
    parse(&text, report)
}

/// Parses the text of `ente.yaml`. Unknown keys are all collected in one pass (a typo in a
/// key would otherwise silently drop a value); a wrong value stops the parse and is reported
/// with its position.
pub fn parse(text: &str, report: &mut Report) -> Option<EnteFile> {
    // A wrong value stops a serde parse. To report every wrong value in one run, the value of
    // the line that fails is replaced in a working copy (first by nothing, "not given", which
    // most keys accept; then by an empty text; then by a year, for the triennio) and the parse
    // runs again. Only the first error of a line is reported, the one about what the user
    // wrote; lines and columns stay those of the user's file. A syntax error stops at once.
    if let Err(e) = serde_saphyr::from_str::<serde_json::Value>(text) {
        report.push(diagnostic(&e, text));
        return None;
    }
    // `None` comments the line out: the key's default applies (the last resort, since a required
    // key then goes missing somewhere else).
    const STAND_INS: [Option<&str>; 4] = [Some(""), Some(" \"\""), Some(" \"2000\""), None];
    let mut working = text.to_string();
    let mut tried: Vec<(usize, usize)> = Vec::new();
    let mut errors: Vec<Diagnostic> = Vec::new();
    let mut unknown: Vec<String> = Vec::new();
    let parsed = loop {
        let mut found: Vec<String> = Vec::new();
        let result = serde_saphyr::with_deserializer_from_str(&working, |de| {
            serde_ignored::deserialize(de, |path| found.push(path.to_string()))
        });
        for path in found {
            if !unknown.contains(&path) {
                unknown.push(path);
            }
        }
        let e = match result {
            Ok(file) => break Some(file),
            Err(e) => e,
        };
        let Some(line) = e.location().map(|l| l.line() as usize) else {
            errors.push(diagnostic(&e, text));
            break None;
        };
        let attempt = match tried.iter_mut().find(|(l, _)| *l == line) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                errors.push(diagnostic(&e, text));
                tried.push((line, 0));
                0
            }
        };
        let next = STAND_INS
            .get(attempt)
            .and_then(|stand_in| replace_value(&working, line, *stand_in));
        match next {
            Some(w) if tried.len() <= MAX_ERRORS => working = w,
            _ => break None,
        }
    };
    for path in &unknown {
        let segments: Vec<&str> = path.split('.').collect();
        let key = segments.last().copied().unwrap_or_default();
        let mut d = Diagnostic::error(
            key_location(text, &segments),
            format!("chiave '{key}' non prevista"),
        );
        if let Some(s) = suggest(key, known_keys().iter().copied()) {
            d = d.with_hint(format!("forse intendevi '{s}'?"));
        }
        report.push(d);
    }
    let failed = !errors.is_empty();
    errors.into_iter().for_each(|d| report.push(d));
    match parsed {
        Some(file) if !failed => {
            check(&file, text, report);
            Some(file)
        }
        _ => None,
    }
}

/// How many wrong values one run reports before it stops looking.
const MAX_ERRORS: usize = 100;

/// `text` with the value of the `key: value` entry on `line` (1-based) replaced by `stand_in`,
/// or `None` when the line holds no such value (a block, a list item).
fn replace_value(text: &str, line: usize, stand_in: Option<&str>) -> Option<String> {
    let mut lines: Vec<&str> = text.split('\n').collect();
    let target = lines.get(line.checked_sub(1)?)?;
    let trimmed = target.trim_start();
    if trimmed.starts_with('#') || trimmed.starts_with('-') {
        return None;
    }
    let (key, value) = match target.split_once(": ") {
        Some(kv) => kv,
        None => (target.strip_suffix(':')?, ""),
    };
    if value.trim_start().starts_with(['|', '>']) {
        return None;
    }
    match stand_in {
        Some(stand_in) => {
            let replaced = format!("{key}:{stand_in}");
            lines[line - 1] = &replaced;
            Some(lines.join("\n"))
        }
        // A comment in its place: the key goes, the lines keep their numbers.
        None => {
            lines[line - 1] = "#";
            Some(lines.join("\n"))
        }
    }
}

/// Every key the file may hold, for suggestions on a misspelt one.
fn known_keys() -> Vec<&'static str> {
    use crate::model::ente::{Deliberazione, Persona, Rinvio, Sottosezione};
    let mut keys = Vec::new();
    keys.extend(introspect::fields::<EnteFile>());
    keys.extend(introspect::fields::<Ente>());
    keys.extend(introspect::fields::<Persona>());
    keys.extend(introspect::fields::<Piano>());
    keys.extend(introspect::fields::<Deliberazione>());
    keys.extend(introspect::fields::<Sottosezioni>());
    keys.extend(introspect::fields::<Sottosezione>());
    keys.extend(introspect::fields::<Rinvio>());
    keys.extend(introspect::fields::<Trasparenza>());
    keys.extend(introspect::fields::<Organo>());
    keys
}

/// Warnings on a file that parsed: things the secretariat will want to fill in.
fn check(file: &EnteFile, text: &str, report: &mut Report) {
    let d = &file.piano.deliberazione;
    if d.numero.is_some() != d.data.is_some() {
        report.warning(
            key_location(text, &["piano", "deliberazione"]),
            "della deliberazione è indicato solo il numero o solo la data: in copertina l'altro resta da compilare",
        );
    }
    if file.ente.denominazione.trim().is_empty() || file.ente.denominazione.contains("...") {
        report.error(
            key_location(text, &["ente", "denominazione"]),
            "denominazione dell'ente mancante: attesa come \"Comune di Castelvario\"",
        );
    }
    links(file, text, report);
    publication(file, text, report);
}

/// Addresses the PDF or the publication turn into links: only `http`, `https` (and
/// `mailto` where an address may be an e-mail) are accepted, anything else is an error.
fn links(file: &EnteFile, text: &str, report: &mut Report) {
    let s = &file.sottosezioni;
    let mut urls: Vec<(Vec<&str>, &str)> = Vec::new();
    if let Some(sito) = &file.ente.sito {
        urls.push((vec!["ente", "sito"], sito));
    }
    for (key, sub) in [
        ("premessa", &s.premessa),
        ("valore_pubblico", &s.valore_pubblico),
        ("performance", &s.performance),
        ("rischi_corruttivi", &s.rischi_corruttivi),
        ("struttura_organizzativa", &s.struttura_organizzativa),
        ("lavoro_agile", &s.lavoro_agile),
        ("fabbisogni", &s.fabbisogni),
        ("formazione", &s.formazione),
        ("azioni_positive", &s.azioni_positive),
        ("monitoraggio", &s.monitoraggio),
    ] {
        if let Some(url) = sub.rinvio.as_ref().and_then(|r| r.url.as_deref()) {
            urls.push((vec!["sottosezioni", key, "rinvio", "url"], url));
        }
        // A link in the text is a link in the PDF: only safe schemes.
        for url in sub.testo.links() {
            if has_scheme(url) && !trasparenza::link_sicuro(url) {
                let here = match text.lines().position(|l| l.contains(url)) {
                    Some(i) => Location::Yaml {
                        file: FILE.into(),
                        line: i + 1,
                        column: text
                            .lines()
                            .nth(i)
                            .and_then(|l| l.find(url).map(|b| l[..b].chars().count()))
                            .unwrap_or(0)
                            + 1,
                        path: format!("sottosezioni.{key}.testo"),
                    },
                    None => key_location(text, &["sottosezioni", key, "testo"]),
                };
                report.push(
                    Diagnostic::error(
                        here,
                        format!(
                            "collegamento '{url}' non ammesso: nel PDF i collegamenti possono essere solo https://, http:// o mailto:"
                        ),
                    )
                    .with_hint("scrivere [testo](https://...) con l'indirizzo della pagina web"),
                );
            }
        }
    }
    let t = &file.trasparenza;
    for (key, url) in [("url_piao", &t.url_piao), ("organigramma", &t.organigramma)] {
        if let Some(url) = url {
            urls.push((vec!["trasparenza", key], url));
        }
    }
    for (path, url) in urls {
        let here = key_location(text, &path);
        if trasparenza::url_valido(url) {
            continue;
        }
        if has_scheme(url) && !trasparenza::link_sicuro(url) {
            report.push(
                Diagnostic::error(
                    here,
                    format!(
                        "indirizzo '{url}' non ammesso: i collegamenti del PIAO e delle tabelle pubblicate possono essere solo https://, http:// o mailto:"
                    ),
                )
                .with_hint("scrivere l'indirizzo della pagina web, per esempio https://www.comune.example.it/..."),
            );
        } else if path[0] == "trasparenza" {
            report.warning(
                here,
                format!(
                    "indirizzo '{url}' non valido per lo schema ANAC art. 13: atteso un indirizzo che inizia con https:// o http://, senza spazi, di non più di {} caratteri; non viene pubblicato",
                    trasparenza::MAX_URL
                ),
            );
        } else if !has_scheme(url) {
            report.warning(
                here,
                format!("indirizzo '{url}' senza https://: nel PDF non diventa un collegamento"),
            );
        }
    }
}

/// Whether `url` starts with a scheme (`https:`, `javascript:`, `data:`).
fn has_scheme(url: &str) -> bool {
    url.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
    })
}

/// What the Amministrazione Trasparente files need from `ente.yaml`: missing data is a
/// warning naming the file that will lack it, never a silently incomplete file.
fn publication(file: &EnteFile, text: &str, report: &mut Report) {
    let ente = &file.ente;
    match ente.codice_fiscale.as_deref() {
        None => report.warning(
            key_or_parent(text, &["ente", "codice_fiscale"]),
            "manca il codice fiscale dell'ente: il file JSON dello schema ANAC art. 13 (Articolazione degli uffici) e i metadati delle tabelle di Amministrazione Trasparente lo richiedono",
        ),
        Some(cf) if !trasparenza::codice_fiscale_valido(cf) => report.warning(
            key_or_parent(text, &["ente", "codice_fiscale"]),
            format!(
                "codice fiscale '{cf}' non valido per lo schema ANAC art. 13: attese 11 cifre (il codice fiscale numerico dell'ente)"
            ),
        ),
        Some(_) => {}
    }
    if ente.codice_ipa.is_none() {
        report.warning(
            key_or_parent(text, &["ente", "codice_ipa"]),
            "manca il codice IPA dell'ente: i metadati delle tabelle di Amministrazione Trasparente indicano l'editore con questo codice",
        );
    }
    let t = &file.trasparenza;
    let contatto = t.contatto.as_ref().or(ente.email.as_ref());
    match contatto {
        None => report.warning(
            key_or_parent(text, &["ente", "email"]),
            "manca un indirizzo e-mail di contatto (trasparenza › contatto o ente › email): i metadati delle tabelle pubblicate lo lasciano vuoto",
        ),
        Some(mail) if !trasparenza::email_valida(mail) => {
            let path: &[&str] = if t.contatto.is_some() {
                &["trasparenza", "contatto"]
            } else {
                &["ente", "email"]
            };
            report.warning(
                key_location(text, path),
                format!(
                    "indirizzo e-mail '{mail}' non valido (atteso come nome@dominio.it): i metadati delle tabelle pubblicate non lo riportano"
                ),
            );
        }
        Some(_) => {}
    }
    if !trasparenza::comune(&ente.tipologia) && t.organi_indirizzo.is_none() {
        report.warning(
            key_location(text, &["ente", "tipologia"]),
            format!(
                "per un ente di tipologia '{}' lo schema ANAC art. 13 riporta come organo di indirizzo solo '{}'",
                ente.tipologia, file.piano.organo
            ),
        )
    }
    let organi = t
        .organi_indirizzo
        .iter()
        .flatten()
        .map(|o| (["trasparenza", "organi_indirizzo"], o))
        .chain(
            t.organo_gestione
                .iter()
                .map(|o| (["trasparenza", "organo_gestione"], o)),
        );
    for (path, organo) in organi {
        if organo.denominazione.trim().is_empty() {
            report.error(
                key_location(text, &path),
                "organo senza denominazione: attesa come \"Presidente della Provincia\"",
            );
        }
        for value in [&organo.denominazione, &organo.competenze] {
            if value.chars().count() > trasparenza::MAX_TESTO {
                report.warning(
                    key_location(text, &path),
                    format!(
                        "testo di {} caratteri: lo schema ANAC art. 13 ne ammette {}, nei file ANAC sarà troncato",
                        value.chars().count(),
                        trasparenza::MAX_TESTO
                    ),
                );
            }
        }
    }
}

/// The location of a key, or of its parent section when the key is not written (a missing
/// key is best added there).
fn key_or_parent(text: &str, path: &[&str]) -> Location {
    let here = key_location(text, path);
    match &here {
        Location::Yaml { line: 1, .. } if path.len() > 1 => {
            let mut parent = key_location(text, &path[..path.len() - 1]);
            if let Location::Yaml { path: p, .. } = &mut parent {
                *p = path.join(".");
            }
            parent
        }
        _ => here,
    }
}

/// The location of a key path, found by walking the indentation of the text. Good enough
/// for pointing at a key the user wrote; falls back to the file's first line.
pub fn key_location(text: &str, path: &[&str]) -> Location {
    let mut depth_indent: Option<usize> = None;
    let mut want = 0;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = line.len() - trimmed.len();
        if let Some(parent) = depth_indent
            && indent <= parent
            && want > 0
        {
            // Left the parent's block without finding the key.
            break;
        }
        let key = trimmed
            .split(':')
            .next()
            .unwrap_or("")
            .trim()
            .trim_matches('"');
        if key == path[want] && trimmed.contains(':') {
            want += 1;
            if want == path.len() {
                return Location::Yaml {
                    file: FILE.into(),
                    line: i + 1,
                    column: indent + 1,
                    path: path.join("."),
                };
            }
            depth_indent = Some(indent);
        }
    }
    Location::Yaml {
        file: FILE.into(),
        line: 1,
        column: 1,
        path: path.join("."),
    }
}

/// An Italian diagnostic from a parse error, with the position the parser reports.
fn diagnostic(e: &serde_saphyr::Error, text: &str) -> Diagnostic {
    let e = e.without_snippet();
    let (line, column) = e
        .location()
        .map(|l| (l.line() as usize, l.column() as usize))
        .unwrap_or((1, 1));
    let raw = plain_message(e);
    let path = key_path_at(text, line);
    let location = Location::Yaml {
        file: FILE.into(),
        line,
        column,
        path,
    };
    let (message, hint) = translate(&raw, value_at(text, line, column));
    let mut d = Diagnostic::error(location, message);
    if let Some(h) = hint {
        d = d.with_hint(h);
    }
    d
}

/// The parser's message alone, without position or source snippet.
fn plain_message(e: &serde_saphyr::Error) -> String {
    use serde_saphyr::MessageFormatter;
    serde_saphyr::DefaultMessageFormatter
        .format_message(e)
        .to_string()
}

/// The scalar written at `line`:`column` (1-based, in characters), without quotes or comment.
fn value_at(text: &str, line: usize, column: usize) -> Option<String> {
    let l = text.lines().nth(line.checked_sub(1)?)?;
    let rest: String = l.chars().skip(column.saturating_sub(1)).collect();
    let rest = rest.split(" #").next().unwrap_or("").trim();
    let value = rest.trim_matches(|c| c == '"' || c == '\'');
    (!value.is_empty()).then(|| value.to_string())
}

/// The key path of the mapping entry on `line` (1-based), from indentation.
fn key_path_at(text: &str, line: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let Some(start) = line.checked_sub(1).filter(|l| *l < lines.len()) else {
        return String::new();
    };
    let mut path = Vec::new();
    let mut limit = usize::MAX;
    for l in lines[..=start].iter().rev() {
        let trimmed = l.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') || !trimmed.contains(':') {
            continue;
        }
        let indent = l.len() - trimmed.len();
        if indent < limit {
            let key = trimmed
                .trim_start_matches("- ")
                .split(':')
                .next()
                .unwrap_or("")
                .trim();
            if !key.is_empty() && !key.contains(' ') {
                path.push(key.to_string());
            }
            limit = indent;
            if indent == 0 {
                break;
            }
        }
    }
    path.reverse();
    path.join(".")
}

/// Known serde messages in Italian, with a suggestion where one is obvious.
fn translate(raw: &str, value: Option<String>) -> (String, Option<String>) {
    let ticks = |s: &str| -> Vec<String> {
        s.split('`')
            .enumerate()
            .filter(|(i, _)| i % 2 == 1)
            .map(|(_, t)| t.to_string())
            .collect()
    };
    // The parser names the found value in backticks and lists the allowed ones after
    // "expected one of", without them.
    let expected = |raw: &str| -> Vec<String> {
        raw.split_once("expected one of ")
            .map(|(_, list)| {
                list.split(", ")
                    .map(|v| v.trim_matches('`').to_string())
                    .filter(|v| !v.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    };
    if raw.contains("unknown field") {
        let found = ticks(raw).first().cloned().unwrap_or_default();
        let names = expected(raw);
        let allowed: Vec<&str> = names.iter().map(String::as_str).collect();
        let hint = match suggest(&found, allowed.iter().copied()) {
            Some(s) => format!("forse intendevi '{s}'?"),
            None if allowed.is_empty() => "questa sezione non ha chiavi".to_string(),
            None => format!("chiavi ammesse: {}", allowed.join(", ")),
        };
        return (format!("chiave '{found}' non prevista"), Some(hint));
    }
    if raw.contains("missing field") {
        let name = ticks(raw).first().cloned().unwrap_or_default();
        return (format!("manca la chiave obbligatoria '{name}'"), None);
    }
    if raw.contains("unknown variant") {
        let found = ticks(raw).first().cloned().unwrap_or_default();
        let allowed = expected(raw).join(", ");
        return (
            format!("valore '{found}' non ammesso: atteso uno tra {allowed}"),
            None,
        );
    }
    if let Some(rest) = raw.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        return (
            format!(
                "tipo di valore non valido: trovato {}, atteso {}",
                italian_type(found),
                italian_type(expected)
            ),
            None,
        );
    }
    if let (Some(ty), Some(value)) = (raw.strip_prefix("invalid "), value) {
        return (
            format!("valore '{value}' non valido: atteso {}", italian_type(ty)),
            None,
        );
    }
    if raw.to_lowercase().contains("budget") || raw.to_lowercase().contains("alias") {
        return (
            format!("il file usa troppi alias o è troppo grande ({raw})"),
            Some("scrivere i valori per esteso, senza ancore e alias (&, *)".into()),
        );
    }
    // Messages of our own deserializers are already in Italian.
    if raw.contains("attes") {
        return (raw.to_string(), None);
    }
    if raw.contains("expected mapping") {
        return (
            "attesa una sezione con chiavi (chiave: valore)".into(),
            Some("controllare il rientro delle righe e i due punti dopo ogni chiave".into()),
        );
    }
    if raw.contains("end of input") || raw.contains("unclosed") {
        return (
            format!("file YAML incompleto ({raw})"),
            Some("controllare virgolette e parentesi non chiuse".into()),
        );
    }
    (format!("YAML non valido: {raw}"), None)
}

fn italian_type(t: &str) -> String {
    let t = t.trim();
    let map = [
        ("a string", "un testo"),
        ("string", "un testo"),
        ("integer", "un numero intero"),
        ("u64", "un numero intero ≥ 0"),
        ("u32", "un numero intero ≥ 0"),
        ("i64", "un numero intero"),
        ("i32", "un numero intero"),
        ("floating point", "un numero"),
        ("boolean", "sì/no"),
        ("a sequence", "un elenco"),
        ("sequence", "un elenco"),
        ("map", "una sezione con chiavi"),
        ("struct", "una sezione con chiavi"),
        ("unit value", "un valore vuoto"),
    ];
    for (en, it) in map {
        if t.contains(en) {
            let value = t.split('`').nth(1);
            return match value {
                Some(v) => format!("{it} ('{v}')"),
                None => it.to_string(),
            };
        }
    }
    t.to_string()
}
