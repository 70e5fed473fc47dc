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
        let mut fill = template::Fill::new();
        for sheet in wb.sheets {
            let path = src.join(format!("{}--{}.csv", wb.stem, sheet.key));
            let mut reader = csv::ReaderBuilder::new()
                .delimiter(b';')
                .from_path(&path)
                .map_err(|e| format!("{}: {e}", path.display()))?;
            let headers: Vec<String> = reader.headers()?.iter().map(str::to_string).collect();
            let expected: Vec<&str> = sheet.columns.iter().map(|c| c.header).collect();
            if headers != expected {
                return Err(format!(
                    "{}: intestazioni {headers:?}, attese {expected:?}",
                    path.display()
                )
                .into());
            }
            let rows = reader
                .records()
                .map(|r| r.map(|r| r.iter().map(str::to_string).collect()))
                .collect::<Result<Vec<Vec<String>>, _>>()?;
            fill.insert(sheet.key, rows);
        }
        let bytes = template::write(wb, &fill)?;
        piao::output::write_atomic(&out.join(wb.file_name()), &bytes)?;
        println!("scritto {}", out.join(wb.file_name()).display());
    }
    Ok(())
}
