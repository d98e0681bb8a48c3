//! The records a floor is read from and written to: CSV rows of three
//! files, and the entries of one JSON document.
use super::{Booth, BoothId, BoothKind, ExhibitionArea, Flow, Hall, HallId, Rect, Zone, ZoneId};
use crate::Invalid;
use serde::{Deserialize, Serialize};

/// The columns of a halls file.
pub const HALL_COLUMNS: [&str; 5] = ["id", "name", "name_zh", "width_m", "depth_m"];
/// The columns of a zones file.
pub const ZONE_COLUMNS: [&str; 10] = [
    "id", "hall", "area", "name", "name_zh", "x", "y", "w", "h", "flow",
];
/// The columns of a booths file.
pub const BOOTH_COLUMNS: [&str; 8] = ["id", "hall", "zone", "x", "y", "w", "h", "kind"];

fn metres(field: &'static str, input: &str) -> Result<f64, Invalid> {
    input
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|m| m.is_finite())
        .ok_or_else(|| Invalid::new(field, format!("{input:?} is not a number of metres")))
}

/// A hall as written in a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HallRecord {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub name_zh: String,
    pub width_m: f64,
    pub depth_m: f64,
}

impl HallRecord {
    pub fn parse(&self) -> Result<Hall, Invalid> {
        let id = HallId::parse("id", &self.id)?;
        Hall::new(id, &self.name, &self.name_zh, self.width_m, self.depth_m)
    }
}

/// A zone as written in a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ZoneRecord {
    pub id: String,
    pub hall: String,
    pub area: String,
    pub name: String,
    #[serde(default)]
    pub name_zh: String,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub flow: String,
}

impl ZoneRecord {
    pub fn parse(&self) -> Result<Zone, Invalid> {
        Zone::new(
            ZoneId::parse("id", &self.id)?,
            HallId::parse("hall", &self.hall)?,
            ExhibitionArea::parse("area", &self.area)?,
            &self.name,
            &self.name_zh,
            Rect::new(self.x, self.y, self.w, self.h)?,
            Flow::parse("flow", &self.flow)?,
        )
    }
}

/// A booth as written in a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BoothRecord {
    pub id: String,
    pub hall: String,
    pub zone: String,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub kind: String,
}

impl BoothRecord {
    pub fn parse(&self) -> Result<Booth, Invalid> {
        Ok(Booth::new(
            BoothId::parse("id", &self.id)?,
            HallId::parse("hall", &self.hall)?,
            ZoneId::parse("zone", &self.zone)?,
            Rect::new(self.x, self.y, self.w, self.h)?,
            BoothKind::parse("kind", &self.kind)?,
        ))
    }
}

/// A hall from a CSV row of [`HALL_COLUMNS`], `cell` giving the text of a
/// column (empty when absent).
pub fn parse_hall_row<'a>(cell: impl Fn(&'static str) -> &'a str) -> Result<Hall, Invalid> {
    HallRecord {
        id: cell("id").to_owned(),
        name: cell("name").to_owned(),
        name_zh: cell("name_zh").to_owned(),
        width_m: metres("width_m", cell("width_m"))?,
        depth_m: metres("depth_m", cell("depth_m"))?,
    }
    .parse()
}

/// A zone from a CSV row of [`ZONE_COLUMNS`].
pub fn parse_zone_row<'a>(cell: impl Fn(&'static str) -> &'a str) -> Result<Zone, Invalid> {
    ZoneRecord {
        id: cell("id").to_owned(),
        hall: cell("hall").to_owned(),
        area: cell("area").to_owned(),
        name: cell("name").to_owned(),
        name_zh: cell("name_zh").to_owned(),
        x: metres("x", cell("x"))?,
        y: metres("y", cell("y"))?,
        w: metres("w", cell("w"))?,
        h: metres("h", cell("h"))?,
        flow: cell("flow").to_owned(),
    }
    .parse()
}

/// A booth from a CSV row of [`BOOTH_COLUMNS`].
pub fn parse_booth_row<'a>(cell: impl Fn(&'static str) -> &'a str) -> Result<Booth, Invalid> {
    BoothRecord {
        id: cell("id").to_owned(),
        hall: cell("hall").to_owned(),
        zone: cell("zone").to_owned(),
        x: metres("x", cell("x"))?,
        y: metres("y", cell("y"))?,
        w: metres("w", cell("w"))?,
        h: metres("h", cell("h"))?,
        kind: cell("kind").to_owned(),
    }
    .parse()
}

/// A floor as one JSON document, `{"halls": [...], "zones": [...],
/// "booths": [...]}`, each entry with the fields of its CSV columns.
/// [`Floor`](super::Floor) reads and writes itself through it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FloorDocument {
    pub halls: Vec<HallRecord>,
    #[serde(default)]
    pub zones: Vec<ZoneRecord>,
    #[serde(default)]
    pub booths: Vec<BoothRecord>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn row<'a>(columns: &'a [&'a str], values: &'a [&'a str]) -> impl Fn(&'static str) -> &'a str {
        let cells: HashMap<&str, &str> = columns
            .iter()
            .copied()
            .zip(values.iter().copied())
            .collect();
        move |column| cells.get(column).copied().unwrap_or("")
    }

    #[test]
    fn rows_parse_into_records() {
        let hall = parse_hall_row(row(
            &HALL_COLUMNS,
            &["hall-1", "Hall 1", "1号馆", "120", "80.5"],
        ))
        .unwrap();
        assert_eq!((hall.width_m(), hall.depth_m()), (120.0, 80.5));
        assert_eq!(hall.name_zh(), "1号馆");
        let zone = parse_zone_row(row(
            &ZONE_COLUMNS,
            &[
                "z1",
                "hall-1",
                "clean-energy",
                "Clean energy",
                "",
                "0",
                "0",
                "60",
                "40",
                "right-to-left",
            ],
        ))
        .unwrap();
        assert_eq!(zone.flow(), Flow::RightToLeft);
        assert_eq!(zone.area().as_str(), "clean-energy");
        let booth = parse_booth_row(row(
            &BOOTH_COLUMNS,
            &["b1", "hall-1", "z1", "3", "0", "6", "3", "Corner"],
        ))
        .unwrap();
        assert_eq!(booth.area_m2(), 18.0);
        assert_eq!(booth.kind().open_sides(), 2);
        // The booth nearest the right edge of a right-to-left zone is upstream.
        assert!((zone.flow_position(&booth.rect()) - 0.9).abs() < 1e-12);
    }

    #[test]
    fn a_bad_cell_names_its_column() {
        let bad_width = parse_hall_row(row(&HALL_COLUMNS, &["h", "Hall", "", "wide", "80"]));
        assert_eq!(bad_width.unwrap_err().field(), "width_m");
        let zero_depth = parse_hall_row(row(&HALL_COLUMNS, &["h", "Hall", "", "10", "0"]));
        assert_eq!(zero_depth.unwrap_err().field(), "depth_m");
        let no_name = parse_hall_row(row(&HALL_COLUMNS, &["h", " ", "", "10", "10"]));
        assert_eq!(no_name.unwrap_err().field(), "name");
        let kind = parse_booth_row(row(
            &BOOTH_COLUMNS,
            &["b1", "h", "z", "0", "0", "3", "3", "peninsula"],
        ));
        let err = kind.unwrap_err();
        assert_eq!(err.field(), "kind");
        assert!(err.message().contains("row, corner, island"), "{err}");
        let missing_flow = parse_zone_row(row(
            &ZONE_COLUMNS,
            &["z", "h", "healthy-life", "Health", "", "0", "0", "5", "5"],
        ));
        assert_eq!(missing_flow.unwrap_err().field(), "flow");
        let area = parse_zone_row(row(
            &ZONE_COLUMNS,
            &[
                "z",
                "h",
                "Healthy Life",
                "Health",
                "",
                "0",
                "0",
                "5",
                "5",
                "left-to-right",
            ],
        ));
        assert_eq!(area.unwrap_err().field(), "area");
    }
}
