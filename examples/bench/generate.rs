//! Input folders generated in code from the demo's readable source (`tests/demo-src/`): a
//! large administration, small ones, and the series of growing sheets for the scaling of
//! `check`. The rows are the demo's, repeated with new codes, so every cross-reference holds
//! and the build does the same work a real plan of that size would.

use piao::workbook::WORKBOOKS;
use piao::workbook::template::{self, Fill};
use std::collections::HashMap;
use std::path::Path;

pub type Error = Box<dyn std::error::Error>;

/// The demo's rows, by workbook stem and sheet key.
pub struct Demo {
    fills: HashMap<&'static str, Fill<'static>>,
    yaml: String,
}

impl Demo {
    pub fn read() -> Result<Demo, Error> {
        let src = Path::new("tests/demo-src");
        let mut fills = HashMap::new();
        for wb in WORKBOOKS {
            fills.insert(wb.stem, template::fill_from_csv(src, wb)?);
        }
        Ok(Demo {
            fills,
            yaml: std::fs::read_to_string("input/ente.yaml")?,
        })
    }

    fn rows(&self, stem: &str, sheet: &str) -> Vec<Vec<String>> {
        self.fills[stem].get(sheet).cloned().unwrap_or_default()
    }
}

/// What to generate; `None` keeps the demo's rows of that kind.
#[derive(Default, Clone, Copy)]
pub struct Size {
    /// How many copies of the demo's objectives, phases and indicators (with new codes).
    pub performance_copies: Option<usize>,
    pub units: Option<usize>,
    pub staff_rows: Option<usize>,
    pub courses: Option<usize>,
    pub risks: Option<usize>,
    /// At most this many people in service: a small administration (simplified PIAO).
    pub max_staff: Option<u64>,
    /// Only the demo's first objectives (with their phases and indicators), risks (with their
    /// measures) and courses: a small administration's plan.
    pub first: Option<(usize, usize, usize)>,
}

/// Writes an input folder of `size` into `dir`, named `name`.
pub fn write(demo: &Demo, dir: &Path, name: &str, size: Size) -> Result<(), Error> {
    std::fs::create_dir_all(dir)?;
    let yaml = demo.yaml.replace(
        "denominazione: Comune di Castelvario",
        &format!("denominazione: {name}"),
    );
    std::fs::write(dir.join("ente.yaml"), yaml)?;

    let mut fills = demo.fills.clone();
    // The plan only: the monitoring sheets cite the demo's codes, which generated plans rename.
    for wb in fills.values_mut() {
        for sheet in [
            "avanzamento",
            "misurazioni",
            "revisioni",
            "scostamenti",
            "misurazioni_vp",
            "attuazione",
            "consuntivo",
        ] {
            wb.remove(sheet);
        }
    }
    let personale = fills.get_mut("personale").expect("declared");

    // Units: the demo's, then generated ones.
    let mut units = demo.rows("personale", "strutture");
    if let Some(n) = size.units {
        let model = units[1].clone();
        for i in units.len()..n {
            let mut row = model.clone();
            row[0] = format!("U{:02}", i + 1);
            row[1] = format!("Servizio generato n. {}", i + 1);
            units.push(row);
        }
    }
    let codes: Vec<String> = units.iter().map(|r| r[0].clone()).collect();
    personale.insert("strutture", units);

    let staff = demo.rows("personale", "personale");
    if let Some(n) = size.staff_rows {
        // Row i: unit i mod units, demo row i / units: no two rows alike.
        let rows = (0..n)
            .map(|i| {
                let mut row = staff[(i / codes.len()) % staff.len()].clone();
                row[0] = codes[i % codes.len()].clone();
                if i / codes.len() >= staff.len() {
                    row[2] = format!("{} ({})", row[2], i / codes.len() / staff.len() + 1);
                }
                row
            })
            .collect();
        personale.insert("personale", rows);
    }
    if let Some(max) = size.max_staff {
        let mut total = 0;
        let rows: Vec<Vec<String>> = staff
            .into_iter()
            .take_while(|r| {
                total += r[6].parse::<u64>().unwrap_or(0);
                total <= max
            })
            .collect();
        personale.insert("personale", rows);
    }
    if let Some(n) = size.courses {
        let courses = demo.rows("personale", "formazione");
        let rows = (0..n)
            .map(|i| {
                let mut row = courses[i % courses.len()].clone();
                row[0] = format!("{} – edizione {}", row[0], i / courses.len() + 1);
                row
            })
            .collect();
        personale.insert("formazione", rows);
    }

    if let Some(copies) = size.performance_copies {
        let performance = fills.get_mut("performance").expect("declared");
        // Code columns by sheet: copy k gets the suffix "-k" (the first copy keeps the codes).
        let coded: &[(&str, &[usize])] = &[
            ("obiettivi_vp", &[0]),
            ("indicatori_vp", &[0]),
            ("obiettivi", &[1, 3]),
            ("fasi", &[1]),
            ("indicatori", &[1]),
        ];
        for (sheet, columns) in coded {
            let rows = demo.rows("performance", sheet);
            let mut out = Vec::new();
            for k in 0..copies {
                for row in &rows {
                    let mut row = row.clone();
                    if k > 0 {
                        for &c in *columns {
                            if !row[c].is_empty() {
                                row[c] = format!("{}-{}", row[c], k + 1);
                            }
                        }
                    }
                    out.push(row);
                }
            }
            performance.insert(sheet, out);
        }
    }

    if let Some(n) = size.risks {
        let anticorruzione = fills.get_mut("anticorruzione").expect("declared");
        let risks = demo.rows("anticorruzione", "rischi");
        let measures = demo.rows("anticorruzione", "misure");
        let mut risk_rows = Vec::new();
        let mut measure_rows = Vec::new();
        for i in 0..n {
            let code = format!("R{:05}", i + 1);
            let mut risk = risks[i % risks.len()].clone();
            risk[0] = code.clone();
            risk[4] = codes[i % codes.len()].clone();
            risk_rows.push(risk);
            let mut measure = measures[i % measures.len()].clone();
            measure[0] = code;
            measure_rows.push(measure);
        }
        anticorruzione.insert("rischi", risk_rows);
        anticorruzione.insert("misure", measure_rows);
    }

    if let Some((objectives, risks, courses)) = size.first {
        let performance = fills.get_mut("performance").expect("declared");
        let kept: Vec<Vec<String>> = demo
            .rows("performance", "obiettivi")
            .into_iter()
            .take(objectives)
            .collect();
        // An objective's code is unique within its unit.
        let codes: Vec<(String, String)> =
            kept.iter().map(|r| (r[0].clone(), r[1].clone())).collect();
        performance.insert("obiettivi", kept);
        for sheet in ["fasi", "indicatori"] {
            let rows = demo.rows("performance", sheet);
            let rows = rows
                .into_iter()
                .filter(|r| codes.contains(&(r[0].clone(), r[1].clone())))
                .collect();
            performance.insert(sheet, rows);
        }
        let anticorruzione = fills.get_mut("anticorruzione").expect("declared");
        let kept: Vec<Vec<String>> = demo
            .rows("anticorruzione", "rischi")
            .into_iter()
            .take(risks)
            .collect();
        let codes: Vec<String> = kept.iter().map(|r| r[0].clone()).collect();
        anticorruzione.insert("rischi", kept);
        let measures = demo.rows("anticorruzione", "misure");
        let measures = measures
            .into_iter()
            .filter(|r| codes.contains(&r[0]))
            .collect();
        anticorruzione.insert("misure", measures);
        let personale = fills.get_mut("personale").expect("declared");
        let kept = demo
            .rows("personale", "formazione")
            .into_iter()
            .take(courses)
            .collect();
        personale.insert("formazione", kept);
    }

    for wb in WORKBOOKS {
        let bytes = template::write(wb, &fills[wb.stem])?;
        std::fs::write(dir.join(wb.file_name()), bytes)?;
    }
    Ok(())
}
