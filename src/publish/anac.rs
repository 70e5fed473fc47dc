//! ANAC's standard publication scheme for art. 13 D.Lgs. 33/2013 (Articolazione degli
//! uffici, delibera 495/2024, mandatory since 22/1/2026): the CSV files `art.13-as`,
//! `art.13-op`, `art.13-oa` and `art.13-org`, and the JSON "file unico" `art.13-pa` with its
//! `intestazione`. Limits come from [`crate::model::trasparenza`], the same rules
//! `piao check` warns with.

use super::files::{csv_bytes, csv_writer};
use super::table::inert;
use crate::italian;
use crate::model::Piao;
use crate::model::trasparenza::{Ruolo, taglia};
use chrono::NaiveDate;
use serde_json::{Map, Value, json};

/// The header of `art.13-op` and `art.13-oa`, verbatim from the scheme.
pub const HEADER: [&str; 10] = [
    "DENOMINAZIONE_ORGANO",
    "COMPETENZE_ORGANO",
    "DENOMINAZIONE_UFFICIO_DIRIGENZIALE",
    "DENOMINAZIONE_UFFICIO_NON_DIRIGENZIALE",
    "COMPETENZE_UFFICIO",
    "NOMINATIVO_DIRIGENTE",
    "QUALIFICA_DIRIGENTE",
    "RECAPITO_TELEFONICO",
    "POSTA_ELETTRONICA_ORDINARIA",
    "POSTA_ELETTRONICA_CERTIFICATA",
];

/// The value of `art.13-as` for a public administration.
pub const AMBITO_PA: &str = "Pubbliche amministrazioni";

/// One file of the scheme: its stem (`art.13-op`), extension and bytes.
pub struct SchemeFile {
    pub stem: &'static str,
    pub ext: &'static str,
    pub bytes: Vec<u8>,
}

/// Every file of the scheme, dated `first` (first publication) and `last` (last change).
pub fn files(piao: &Piao, first: NaiveDate, last: NaiveDate) -> Result<Vec<SchemeFile>, String> {
    let mut out = Vec::new();
    let mut w = csv_writer();
    w.write_record(["AMBITO_SOGGETTIVO"])
        .and_then(|_| w.write_record([AMBITO_PA]))
        .map_err(|e| e.to_string())?;
    out.push(SchemeFile {
        stem: "art.13-as",
        ext: "csv",
        bytes: csv_bytes(w)?,
    });
    for (stem, ruolo) in [
        ("art.13-op", Ruolo::Indirizzo),
        ("art.13-oa", Ruolo::Gestione),
    ] {
        out.push(SchemeFile {
            stem,
            ext: "csv",
            bytes: organi_csv(piao, ruolo)?,
        });
    }
    if let Some(url) = piao.organigramma() {
        let mut w = csv_writer();
        w.write_record(["ORGANIGRAMMA"])
            .and_then(|_| w.write_record([url]))
            .map_err(|e| e.to_string())?;
        out.push(SchemeFile {
            stem: "art.13-org",
            ext: "csv",
            bytes: csv_bytes(w)?,
        });
    }
    let mut json =
        serde_json::to_vec_pretty(&file_unico(piao, first, last)).map_err(|e| e.to_string())?;
    json.push(b'\n');
    out.push(SchemeFile {
        stem: "art.13-pa",
        ext: "json",
        bytes: json,
    });
    Ok(out)
}

/// One row per office, the organ's columns repeated; an organ without offices gets one row
/// of its own, so that its competences are published. Telephones and e-mails are written as
/// they are: [`crate::model::trasparenza`] admits in them no character that starts a formula
/// but `+` and `-`, which with digits alone cannot call a function.
fn organi_csv(piao: &Piao, ruolo: Ruolo) -> Result<Vec<u8>, String> {
    let mut w = csv_writer();
    w.write_record(HEADER).map_err(|e| e.to_string())?;
    let cell = |s: &str| taglia(&inert(s));
    for gruppo in piao.articolazione(ruolo) {
        let organo = [
            cell(&gruppo.organo.denominazione),
            cell(&gruppo.organo.competenze),
        ];
        if gruppo.uffici.is_empty() {
            let mut row = organo.to_vec();
            row.extend(std::iter::repeat_n(String::new(), HEADER.len() - 2));
            w.write_record(&row).map_err(|e| e.to_string())?;
        }
        for s in gruppo.uffici {
            let nome = cell(&s.nome);
            let (dirigenziale, non_dirigenziale) = if s.dirigenziale() {
                (nome, String::new())
            } else {
                (String::new(), nome)
            };
            let contatti = s.contatti_anac();
            let mut row = organo.to_vec();
            row.extend([
                dirigenziale,
                non_dirigenziale,
                s.competenze.as_deref().map(cell).unwrap_or_default(),
                cell(&s.responsabile),
                cell(&s.incarico),
                contatti.telefono.unwrap_or_default(),
                contatti.email.unwrap_or_default(),
                contatti.pec.unwrap_or_default(),
            ]);
            w.write_record(&row).map_err(|e| e.to_string())?;
        }
    }
    csv_bytes(w)
}

/// The JSON "file unico": offices without a telephone and an e-mail are left out (the scheme
/// requires both; `piao check` names each one).
pub fn file_unico(piao: &Piao, first: NaiveDate, last: NaiveDate) -> Value {
    let mut organi = Vec::new();
    for ruolo in [Ruolo::Indirizzo, Ruolo::Gestione] {
        for gruppo in piao.articolazione(ruolo) {
            let uffici: Vec<Value> = gruppo
                .uffici
                .iter()
                .filter_map(|s| {
                    let c = s.contatti_anac();
                    if !c.completi() {
                        return None;
                    }
                    let mut contatti = Map::new();
                    contatti.insert("recapitoTelefonico".into(), c.telefono.into());
                    if let Some(m) = c.email {
                        contatti.insert("postaElettronicaOrdinaria".into(), m.into());
                    }
                    if let Some(m) = c.pec {
                        contatti.insert("postaElettronicaCertificata".into(), m.into());
                    }
                    let mut ufficio = Map::new();
                    ufficio.insert(
                        "tipologia".into(),
                        if s.dirigenziale() {
                            "Ufficio dirigenziale"
                        } else {
                            "Ufficio non dirigenziale"
                        }
                        .into(),
                    );
                    ufficio.insert("denominazione".into(), taglia(&s.nome).into());
                    if let Some(c) = &s.competenze {
                        ufficio.insert("competenze".into(), taglia(c).into());
                    }
                    ufficio.insert("nominativo".into(), taglia(&s.responsabile).into());
                    ufficio.insert("qualifica".into(), taglia(&s.incarico).into());
                    ufficio.insert("contatti".into(), Value::Object(contatti));
                    Some(Value::Object(ufficio))
                })
                .collect();
            organi.push(json!({
                "denominazione": taglia(&gruppo.organo.denominazione),
                "competenze": taglia(&gruppo.organo.competenze),
                "uffici": uffici,
            }));
        }
    }
    let mut amministrazione = Map::new();
    if let Some(cf) = &piao.ente.codice_fiscale {
        amministrazione.insert("codiceFiscale".into(), cf.clone().into());
    }
    amministrazione.insert(
        "denominazione".into(),
        taglia(&piao.ente.denominazione).into(),
    );
    let mut org = Map::new();
    org.insert("organi".into(), Value::Array(organi));
    if let Some(url) = piao.organigramma() {
        org.insert("organigramma".into(), url.into());
    }
    json!({
        "intestazione": {
            "amministrazione": amministrazione,
            "dataPrimaPubblicazione": italian::date_short(first),
            "dataUltimaModifica": italian::date_short(last),
        },
        "orgPubblicheAmministrazioni": org,
    })
}
