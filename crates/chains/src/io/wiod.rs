//! Reader for the WIOD 2016 national input-output tables
//! (`XXX_NIOT_nov16.xlsx`; Timmer et al. 2015, CC BY 4.0).
//!
//! The sheet "National IO-tables" has one block of rows per year 2000-2014:
//! 56 industry rows of domestic origin, the same 56 of imported origin, then
//! totals. Columns: Year, Code, Description, Origin, the 56 industries
//! (intermediate use), then final use (CONS_h, CONS_np, CONS_g, GFCF, INVEN,
//! EXP) and gross output (GO). Values are millions of US dollars.
//!
//! The table read for a year uses total use, domestic plus imported:
//! `Z_ij = domestic_ij + imported_ij`; `output_i` is the domestic row's GO,
//! `exports_i` its EXP, `imports_i` the sum of the imported row over every
//! use, and `inventory_change_i` INVEN of both rows.
use super::{IoError, IoTable, Sector};
use calamine::{Data, Range, Reader, Xlsx, open_workbook_from_rs};
use std::collections::HashMap;
use std::io::{Read, Seek};

const SHEET: &str = "National IO-tables";
const FINAL_USE: [&str; 6] = ["CONS_h", "CONS_np", "CONS_g", "GFCF", "INVEN", "EXP"];

fn column_name(index: usize) -> String {
    let mut name = String::new();
    let mut i = index + 1;
    while i > 0 {
        let rem = (i - 1) % 26;
        name.insert(0, char::from(b'A' + rem as u8));
        i = (i - 1) / 26;
    }
    name
}

struct Sheet<'a> {
    file: &'a str,
    range: Range<Data>,
}

impl Sheet<'_> {
    fn error(&self, row: usize, column: usize, message: String) -> IoError {
        IoError::Read {
            file: self.file.to_owned(),
            line: row as u64 + 1,
            column: column_name(column),
            message,
        }
    }

    fn text(&self, row: usize, column: usize) -> String {
        match self.range.get((row, column)) {
            Some(Data::String(s)) => s.trim().to_owned(),
            Some(Data::Int(i)) => i.to_string(),
            Some(Data::Float(f)) => f.to_string(),
            _ => String::new(),
        }
    }

    fn number(&self, row: usize, column: usize) -> Result<f64, IoError> {
        match self.range.get((row, column)) {
            Some(Data::Float(f)) if f.is_finite() => Ok(*f),
            Some(Data::Int(i)) => Ok(*i as f64),
            None | Some(Data::Empty) => Ok(0.0),
            Some(other) => Err(self.error(row, column, format!("{other:?} is not a number"))),
        }
    }
}

/// Reads the table of one year from a WIOD 2016 national IO table.
pub fn read_wiod_niot(reader: impl Read + Seek, file: &str, year: u16) -> Result<IoTable, IoError> {
    let unreadable = |message: String| IoError::Read {
        file: file.to_owned(),
        line: 0,
        column: String::new(),
        message,
    };
    let mut workbook: Xlsx<_> = open_workbook_from_rs(reader)
        .map_err(|e| unreadable(format!("not a readable xlsx workbook: {e}")))?;
    let range = workbook
        .worksheet_range(SHEET)
        .map_err(|e| unreadable(format!("no sheet {SHEET:?}: {e}")))?;
    let sheet = Sheet { file, range };
    let width = sheet.range.width();
    let find = |name: &str| (0..width).find(|&c| sheet.text(0, c) == name);
    let missing = |name: &str| sheet.error(0, 0, format!("no column {name:?} in the header row"));
    let origin = find("Origin").ok_or_else(|| missing("Origin"))?;
    let code_col = find("Code").ok_or_else(|| missing("Code"))?;
    let first_final = find(FINAL_USE[0]).ok_or_else(|| missing(FINAL_USE[0]))?;
    let go = find("GO").ok_or_else(|| missing("GO"))?;
    let final_cols: Vec<usize> = FINAL_USE
        .iter()
        .map(|name| find(name).ok_or_else(|| missing(name)))
        .collect::<Result<_, _>>()?;
    let (inven, exp) = (final_cols[4], final_cols[5]);
    let industries: Vec<usize> = (origin + 1..first_final).collect();
    let codes: Vec<String> = industries.iter().map(|&c| sheet.text(0, c)).collect();
    let labels: Vec<String> = industries.iter().map(|&c| sheet.text(1, c)).collect();
    let position: HashMap<&str, usize> = codes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i))
        .collect();
    let n = codes.len();

    let mut z = vec![0.0; n * n];
    let mut sectors: Vec<Sector> = codes
        .iter()
        .zip(&labels)
        .map(|(code, label)| Sector {
            code: code.clone(),
            label: label.clone(),
            output: 0.0,
            exports: 0.0,
            imports: 0.0,
            inventory_change: 0.0,
        })
        .collect();
    let (mut domestic_rows, mut years) = (0, std::collections::BTreeSet::new());
    for row in 2..sheet.range.height() {
        let row_year = sheet
            .number(row, 0)
            .ok()
            .filter(|y| *y > 0.0)
            .map(|y| y as u16);
        let Some(row_year) = row_year else { continue };
        years.insert(row_year);
        if row_year != year {
            continue;
        }
        let kind = sheet.text(row, origin);
        let Some(&i) = position.get(sheet.text(row, code_col).as_str()) else {
            continue;
        };
        match kind.as_str() {
            "Domestic" | "Imports" => {
                for (j, &c) in industries.iter().enumerate() {
                    z[i * n + j] += sheet.number(row, c)?;
                }
                sectors[i].inventory_change += sheet.number(row, inven)?;
                if kind == "Domestic" {
                    domestic_rows += 1;
                    sectors[i].output = sheet.number(row, go)?;
                    sectors[i].exports = sheet.number(row, exp)?;
                } else {
                    let intermediate: f64 = industries
                        .iter()
                        .map(|&c| sheet.number(row, c))
                        .sum::<Result<f64, _>>()?;
                    let final_use: f64 = final_cols
                        .iter()
                        .map(|&c| sheet.number(row, c))
                        .sum::<Result<f64, _>>()?;
                    sectors[i].imports = intermediate + final_use;
                }
            }
            _ => {}
        }
    }
    if domestic_rows == 0 {
        let list: Vec<String> = years.iter().map(u16::to_string).collect();
        return Err(unreadable(format!(
            "no table for {year}; the file has {}",
            list.join(", ")
        )));
    }
    if domestic_rows != n {
        return Err(unreadable(format!(
            "{domestic_rows} domestic rows for {year} where the header has {n} industries"
        )));
    }
    IoTable::new(sectors, z)
}

/// The 56 industries of the WIOD 2016 release (ISIC rev. 4), by the code the
/// national tables use, with their labels.
pub const WIOD_INDUSTRIES: [(&str, &str); 56] = [
    (
        "A01",
        "Crop and animal production, hunting and related service activities",
    ),
    ("A02", "Forestry and logging"),
    ("A03", "Fishing and aquaculture"),
    ("B", "Mining and quarrying"),
    (
        "C10-C12",
        "Manufacture of food products, beverages and tobacco products",
    ),
    (
        "C13-C15",
        "Manufacture of textiles, wearing apparel and leather products",
    ),
    (
        "C16",
        "Manufacture of wood and of products of wood and cork, except furniture; manufacture of articles of straw and plaiting materials",
    ),
    ("C17", "Manufacture of paper and paper products"),
    ("C18", "Printing and reproduction of recorded media"),
    ("C19", "Manufacture of coke and refined petroleum products "),
    ("C20", "Manufacture of chemicals and chemical products "),
    (
        "C21",
        "Manufacture of basic pharmaceutical products and pharmaceutical preparations",
    ),
    ("C22", "Manufacture of rubber and plastic products"),
    ("C23", "Manufacture of other non-metallic mineral products"),
    ("C24", "Manufacture of basic metals"),
    (
        "C25",
        "Manufacture of fabricated metal products, except machinery and equipment",
    ),
    (
        "C26",
        "Manufacture of computer, electronic and optical products",
    ),
    ("C27", "Manufacture of electrical equipment"),
    ("C28", "Manufacture of machinery and equipment n.e.c."),
    (
        "C29",
        "Manufacture of motor vehicles, trailers and semi-trailers",
    ),
    ("C30", "Manufacture of other transport equipment"),
    ("C31_C32", "Manufacture of furniture; other manufacturing"),
    ("C33", "Repair and installation of machinery and equipment"),
    ("D35", "Electricity, gas, steam and air conditioning supply"),
    ("E36", "Water collection, treatment and supply"),
    (
        "E37-E39",
        "Sewerage; waste collection, treatment and disposal activities; materials recovery; remediation activities and other waste management services ",
    ),
    ("F", "Construction"),
    (
        "G45",
        "Wholesale and retail trade and repair of motor vehicles and motorcycles",
    ),
    (
        "G46",
        "Wholesale trade, except of motor vehicles and motorcycles",
    ),
    (
        "G47",
        "Retail trade, except of motor vehicles and motorcycles",
    ),
    ("H49", "Land transport and transport via pipelines"),
    ("H50", "Water transport"),
    ("H51", "Air transport"),
    (
        "H52",
        "Warehousing and support activities for transportation",
    ),
    ("H53", "Postal and courier activities"),
    ("I", "Accommodation and food service activities"),
    ("J58", "Publishing activities"),
    (
        "J59_J60",
        "Motion picture, video and television programme production, sound recording and music publishing activities; programming and broadcasting activities",
    ),
    ("J61", "Telecommunications"),
    (
        "J62_J63",
        "Computer programming, consultancy and related activities; information service activities",
    ),
    (
        "K64",
        "Financial service activities, except insurance and pension funding",
    ),
    (
        "K65",
        "Insurance, reinsurance and pension funding, except compulsory social security",
    ),
    (
        "K66",
        "Activities auxiliary to financial services and insurance activities",
    ),
    ("L68", "Real estate activities"),
    (
        "M69_M70",
        "Legal and accounting activities; activities of head offices; management consultancy activities",
    ),
    (
        "M71",
        "Architectural and engineering activities; technical testing and analysis",
    ),
    ("M72", "Scientific research and development"),
    ("M73", "Advertising and market research"),
    (
        "M74_M75",
        "Other professional, scientific and technical activities; veterinary activities",
    ),
    ("N", "Administrative and support service activities"),
    (
        "O84",
        "Public administration and defence; compulsory social security",
    ),
    ("P85", "Education"),
    ("Q", "Human health and social work activities"),
    ("R_S", "Other service activities"),
    (
        "T",
        "Activities of households as employers; undifferentiated goods- and services-producing activities of households for own use",
    ),
    (
        "U",
        "Activities of extraterritorial organizations and bodies",
    ),
];
