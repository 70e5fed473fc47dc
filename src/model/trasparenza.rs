//! What the *Amministrazione Trasparente* publication needs beyond the plan: the optional
//! `trasparenza` block of `ente.yaml`, the limits of ANAC's standard scheme for art. 13
//! D.Lgs. 33/2013 (delibera 495/2024) and the way units are placed under the organs of the
//! administration. Both the checks (which warn) and the publisher (which writes) use these
//! rules, so what `piao check` announces is what the files contain.

use super::{Piao, Struttura};
use serde::{Deserialize, Serialize};

/// ANAC scheme: longest text field.
pub const MAX_TESTO: usize = 256;
/// ANAC scheme: longest telephone number.
pub const MAX_TELEFONO: usize = 16;
/// ANAC scheme: longest URL.
pub const MAX_URL: usize = 256;

/// The `trasparenza` block of `ente.yaml`: every key is optional.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Trasparenza {
    /// Address of the PIAO in Amministrazione Trasparente, for the Portale PIAO manifest.
    #[serde(default, deserialize_with = "super::ente::opt_string")]
    pub url_piao: Option<String>,
    /// Address of the organisation chart (art. 13 c. 1 lett. c).
    #[serde(default, deserialize_with = "super::ente::opt_string")]
    pub organigramma: Option<String>,
    /// Contact e-mail of the published data; the ente's e-mail when absent.
    #[serde(default, deserialize_with = "super::ente::opt_string")]
    pub contatto: Option<String>,
    /// The political organs (art. 13 c. 1 lett. a); for a comune, Sindaco, Giunta and
    /// Consiglio when absent.
    #[serde(default)]
    pub organi_indirizzo: Option<Vec<Organo>>,
    /// The organ of administration the units report to; the Segretario generale when absent.
    #[serde(default)]
    pub organo_gestione: Option<Organo>,
}

/// An organ of the administration and what it is competent for.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Organo {
    pub denominazione: String,
    pub competenze: String,
}

/// An organ with the units placed under it.
#[derive(Debug, Clone)]
pub struct OrganoUffici<'a> {
    pub organo: Organo,
    pub uffici: Vec<&'a Struttura>,
}

/// Whether `organo` is political (file `art.13-op`) or of administration (`art.13-oa`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ruolo {
    Indirizzo,
    Gestione,
}

fn organo(denominazione: &str, competenze: &str) -> Organo {
    Organo {
        denominazione: denominazione.into(),
        competenze: competenze.into(),
    }
}

impl Piao {
    /// Whether the administration is a comune (the default organs apply).
    pub fn comune(&self) -> bool {
        comune(&self.ente.tipologia)
    }

    /// The political organs: from `ente.yaml`, or the three organs of a comune (TUEL), or
    /// the approving organ of another administration.
    pub fn organi_indirizzo(&self) -> Vec<Organo> {
        if let Some(list) = &self.trasparenza.organi_indirizzo {
            return list.clone();
        }
        if self.comune() {
            return vec![
                organo(
                    "Sindaco",
                    "Organo responsabile dell'amministrazione del comune: competenze dell'art. 50 del D.Lgs. 267/2000 (TUEL)",
                ),
                organo(
                    "Giunta comunale",
                    "Organo esecutivo che collabora con il Sindaco: competenze dell'art. 48 del D.Lgs. 267/2000 (TUEL)",
                ),
                organo(
                    "Consiglio comunale",
                    "Organo di indirizzo e di controllo politico-amministrativo: competenze dell'art. 42 del D.Lgs. 267/2000 (TUEL)",
                ),
            ];
        }
        vec![organo(
            &self.piano.organo,
            "Organo di indirizzo politico che adotta il PIAO",
        )]
    }

    /// The organisation chart's address, when it is one the ANAC scheme accepts.
    pub fn organigramma(&self) -> Option<&str> {
        self.trasparenza
            .organigramma
            .as_deref()
            .filter(|u| url_valido(u))
    }

    /// The organ of administration and management the units report to.
    pub fn organo_gestione(&self) -> Organo {
        self.trasparenza.organo_gestione.clone().unwrap_or_else(|| {
            organo(
                "Segretario generale",
                "Sovrintende allo svolgimento delle funzioni dei dirigenti e ne coordina l'attività: competenze dell'art. 97 del D.Lgs. 267/2000 (TUEL)",
            )
        })
    }

    /// The organs of `ruolo` with their units, flattened: staff units serve the first
    /// political organ (the Sindaco), every other unit the organ of administration.
    pub fn articolazione(&self, ruolo: Ruolo) -> Vec<OrganoUffici<'_>> {
        let (staff, gestione): (Vec<&Struttura>, Vec<&Struttura>) = self
            .organizzazione
            .strutture
            .iter()
            .partition(|s| s.tipo == "Staff");
        match ruolo {
            Ruolo::Indirizzo => self
                .organi_indirizzo()
                .into_iter()
                .enumerate()
                .map(|(i, organo)| OrganoUffici {
                    organo,
                    uffici: if i == 0 { staff.clone() } else { Vec::new() },
                })
                .collect(),
            Ruolo::Gestione => vec![OrganoUffici {
                organo: self.organo_gestione(),
                uffici: gestione,
            }],
        }
    }
}

/// The contacts of a unit as the ANAC scheme publishes them: a value that breaks the
/// scheme's limits is left out (and `piao check` warns about it).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Contatti {
    pub telefono: Option<String>,
    pub email: Option<String>,
    pub pec: Option<String>,
}

impl Contatti {
    /// Whether the office may appear in the JSON file, which needs a telephone and an e-mail.
    pub fn completi(&self) -> bool {
        self.telefono.is_some() && (self.email.is_some() || self.pec.is_some())
    }
}

/// A telephone number the scheme accepts: at most [`MAX_TELEFONO`] characters, digits and
/// the signs people write numbers with (`+39 0999 555100`, `0999/555100`). Nothing else, so
/// that a telephone can never carry a spreadsheet formula.
pub fn telefono_valido(s: &str) -> bool {
    s.chars().count() <= MAX_TELEFONO
        && s.chars().any(|c| c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_digit() || " +()./-".contains(c))
}

impl Struttura {
    /// A unit headed by a dirigente (or the Segretario) is an *ufficio dirigenziale*.
    pub fn dirigenziale(&self) -> bool {
        matches!(
            self.incarico.as_str(),
            "Dirigente" | "Segretario generale" | "Segretario comunale"
        )
    }

    /// The unit's contacts within the ANAC scheme's limits.
    pub fn contatti_anac(&self) -> Contatti {
        let mail = |m: &Option<String>| m.clone().filter(|m| email_valida(m));
        Contatti {
            telefono: self.telefono.clone().filter(|t| telefono_valido(t)),
            email: mail(&self.email),
            pec: mail(&self.pec),
        }
    }
}

/// Whether a `tipologia` is a comune's ("Comune", "comune montano").
pub fn comune(tipologia: &str) -> bool {
    tipologia.trim().to_lowercase().starts_with("comune")
}

/// ANAC's e-mail pattern: `^[A-Za-z0-9+_.-]+@[A-Za-z0-9.-]+$`.
pub fn email_valida(s: &str) -> bool {
    let Some((user, domain)) = s.split_once('@') else {
        return false;
    };
    let user_ok = |c: char| c.is_ascii_alphanumeric() || "+_.-".contains(c);
    let domain_ok = |c: char| c.is_ascii_alphanumeric() || ".-".contains(c);
    !user.is_empty()
        && !domain.is_empty()
        && user.chars().all(user_ok)
        && domain.chars().all(domain_ok)
}

/// The codice fiscale of an administration: eleven digits.
pub fn codice_fiscale_valido(s: &str) -> bool {
    s.len() == 11 && s.chars().all(|c| c.is_ascii_digit())
}

/// A link a reader may follow: only `http`, `https` and `mailto` (never `javascript:`,
/// `data:` or `file:`).
pub fn link_sicuro(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme) && lower.len() > scheme.len())
}

/// A web address (`http` or `https`) of at most [`MAX_URL`] characters.
pub fn url_valido(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        && url.chars().count() <= MAX_URL
        && !url.chars().any(char::is_whitespace)
}

/// `text` cut to [`MAX_TESTO`] characters, the last one an ellipsis.
pub fn taglia(text: &str) -> String {
    if text.chars().count() <= MAX_TESTO {
        return text.to_string();
    }
    let mut out: String = text.chars().take(MAX_TESTO - 1).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anac_email_pattern() {
        assert!(email_valida("ufficio.tributi@comune.example.it"));
        assert!(email_valida("a+b_c-d@x"));
        assert!(!email_valida("nome cognome@comune.it"));
        assert!(!email_valida("@comune.it"));
        assert!(!email_valida("ufficio@"));
        assert!(!email_valida("uffició@comune.it"));
    }

    #[test]
    fn telephones_hold_digits_and_separators_only() {
        assert!(telefono_valido("+39 0999 555100"));
        assert!(telefono_valido("0999/555100"));
        assert!(!telefono_valido("=1+2"));
        assert!(!telefono_valido("@SUM(1)"));
        assert!(!telefono_valido("0999 555100 int. 201"));
    }

    #[test]
    fn only_web_and_mail_links() {
        assert!(link_sicuro("https://www.comune.example.it"));
        assert!(link_sicuro("MAILTO:urp@comune.example.it"));
        assert!(!link_sicuro("javascript:alert(1)"));
        assert!(!link_sicuro("data:text/html,x"));
        assert!(!link_sicuro("file:///etc/passwd"));
        assert!(!link_sicuro("https://"));
    }

    #[test]
    fn long_text_is_cut_with_an_ellipsis() {
        let long = "à".repeat(300);
        let cut = taglia(&long);
        assert_eq!(cut.chars().count(), MAX_TESTO);
        assert!(cut.ends_with('…'));
        assert_eq!(taglia("breve"), "breve");
    }
}
