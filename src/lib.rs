//! `piao` builds the PIAO (Piano Integrato di Attività e Organizzazione) of an Italian public
//! administration from the workbooks its offices fill and a YAML file the secretariat keeps.
//!
//! The pipeline, top to bottom: [`load`] (YAML and workbooks → rows with their cell
//! addresses → the [`model`]) → [`check`] (cross-checks, diagnostics) → [`render`] (typst →
//! PDF) and [`publish`] (the Amministrazione Trasparente files). [`pipeline`] is the one
//! entry point the CLI, the [`batch`] runner and the [`watch`]er (and later a web page) call. [`workbook`] declares the input contract once, for reading and for
//! writing the blank templates.

pub mod batch;
pub mod check;
pub mod diag;
pub mod failure;
pub mod fonts;
pub mod init;
pub mod italian;
pub mod load;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod publish;
pub mod render;
pub mod watch;
pub mod workbook;
