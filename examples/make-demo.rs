//! Regenerates the demo workbooks in `input/` from their readable source in
//! `tests/demo-src/` (one CSV per sheet, `;`-separated), through the same template writer
//! `piao init` uses: the demo is a template filled as a user would fill it.
//!
//! Run with `cargo run --example make-demo`.

use piao::workbook::{WORKBOOKS, template};
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let src = Path::new("tests/demo-src");
    let out = Path::new("input");
    for wb in WORKBOOKS {
        let fill = template::fill_from_csv(src, wb)?;
        let bytes = template::write(wb, &fill)?;
        piao::output::write_atomic(&out.join(wb.file_name()), &bytes)?;
        println!("scritto {}", out.join(wb.file_name()).display());
    }
    Ok(())
}
