//! The manifest for the Funzione Pubblica *Portale PIAO*: the fields the upload form asks
//! (approving body, number and date of the act, triennio, more or fewer than 50 employees,
//! the PIAO's address in Amministrazione Trasparente) and the SHA-256 of the PDF written in
//! the same run, so that whoever fills the form copies instead of retyping.

use crate::italian;
use crate::model::Piao;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// The file name, beside the PDF.
pub const FILE: &str = "portale-piao.json";

/// The longest *estremi dell'atto* the portal accepts.
pub const MAX_ESTREMI: usize = 200;

#[derive(Debug, Serialize)]
pub struct Amministrazione {
    pub denominazione: String,
    pub codice_fiscale: Option<String>,
    pub codice_ipa: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Documento {
    pub file: String,
    pub byte: usize,
    pub sha256: String,
}

/// What the portal's form asks, in its order.
#[derive(Debug, Serialize)]
pub struct Manifest {
    pub amministrazione: Amministrazione,
    pub tipo_atto: &'static str,
    pub organo_approvante: String,
    pub numero_atto: Option<String>,
    /// GG/MM/AAAA; absent until the deliberation is adopted.
    pub data_approvazione: Option<String>,
    pub estremi_atto: Option<String>,
    pub triennio: String,
    pub anno_inizio: i32,
    pub anno_fine: i32,
    /// "più di 50" or "fino a 50", as the portal asks.
    pub dipendenti: &'static str,
    pub numero_dipendenti: u64,
    pub piao_semplificato: bool,
    pub url_amministrazione_trasparente: Option<String>,
    pub pdf: Documento,
}

/// The manifest for `pdf`, the file `pdf_name` written in this run.
pub fn manifest(piao: &Piao, pdf_name: &str, pdf: &[u8]) -> Manifest {
    let d = &piao.piano.deliberazione;
    let estremi = match (&d.numero, d.data) {
        (Some(n), Some(data)) => {
            let organo = &piao.piano.organo;
            let article = if organo.to_lowercase().starts_with("giunta") {
                "della"
            } else {
                "del"
            };
            let text = format!(
                "Deliberazione {article} {organo} n. {n} del {}",
                italian::date_short(data)
            );
            Some(text.chars().take(MAX_ESTREMI).collect())
        }
        _ => None,
    };
    let t = piao.piano.triennio;
    let dipendenti = piao.dipendenti();
    Manifest {
        amministrazione: Amministrazione {
            denominazione: piao.ente.denominazione.clone(),
            codice_fiscale: piao.ente.codice_fiscale.clone(),
            codice_ipa: piao.ente.codice_ipa.clone(),
        },
        tipo_atto: "Deliberazione",
        organo_approvante: piao.piano.organo.clone(),
        numero_atto: d.numero.clone(),
        data_approvazione: d.data.map(italian::date_short),
        estremi_atto: estremi,
        triennio: format!("{}-{}", t.primo, t.ultimo()),
        anno_inizio: t.primo,
        anno_fine: t.ultimo(),
        dipendenti: if dipendenti > 50 {
            "più di 50"
        } else {
            "fino a 50"
        },
        numero_dipendenti: dipendenti,
        piao_semplificato: piao.semplificato(),
        url_amministrazione_trasparente: piao
            .trasparenza
            .url_piao
            .clone()
            .filter(|u| crate::model::trasparenza::url_valido(u)),
        pdf: Documento {
            file: pdf_name.to_string(),
            byte: pdf.len(),
            sha256: super::versions::hex(&Sha256::digest(pdf)),
        },
    }
}

impl Manifest {
    pub fn to_json(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(self).expect("manifest serializes");
        bytes.push(b'\n');
        bytes
    }
}
