//! The input contract: which workbooks, sheets and columns the offices fill (`sheets`), the
//! types that declare them (`spec`), and the writer of the blank templates (`template`).

pub mod sheets;
pub mod spec;
pub mod template;

pub use sheets::WORKBOOKS;
