//! The expo floor: halls, the zones each exhibition area takes in them, and
//! the booths in the zones, as validated domain types.
//!
//! Coordinates are metres with the origin at the top-left corner of a hall,
//! `x` to the right and `y` down (as a floor plan is drawn). A zone's aisle
//! runs one way, its [`Flow`], so booths can be laid out from upstream to
//! downstream along it.
//!
//! Records come from CSV rows ([`parse_hall_row`], [`parse_zone_row`],
//! [`parse_booth_row`]) or from a JSON [`FloorDocument`]; [`Floor::new`]
//! then checks what holds between records: unique ids, every reference,
//! zones inside their hall, booths inside their zone and no two booths of a
//! hall overlapping. A [`Floor`] is valid by construction.
use crate::{Invalid, SegmentId};
use std::fmt;

mod files;
mod geometry;
mod parts;
mod plan;

pub use files::{
    BOOTH_COLUMNS, BoothRecord, FloorDocument, HALL_COLUMNS, HallRecord, ZONE_COLUMNS, ZoneRecord,
    parse_booth_row, parse_hall_row, parse_zone_row,
};
pub use geometry::{Flow, Rect};
pub use parts::{Booth, BoothKind, Hall, Zone};
pub use plan::{Floor, FloorError, FloorErrors, FloorRecord};

macro_rules! floor_slug {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(String);

        impl $name {
            /// Floor ids and areas follow the slug rule of chain ids: 1 to 64
            /// lowercase letters, digits and '-'.
            pub fn parse(field: &'static str, input: &str) -> Result<Self, Invalid> {
                SegmentId::parse(field, input).map(|slug| Self(slug.as_str().to_owned()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

floor_slug!(
    /// A hall of the venue, e.g. `hall-1`.
    HallId
);
floor_slug!(
    /// A zone of a hall given to one exhibition area, e.g. `h1-vehicles`.
    ZoneId
);
floor_slug!(
    /// A booth, e.g. `h1-a-012`.
    BoothId
);
floor_slug!(
    /// An exhibition area: `smart-vehicles`, `green-agriculture`,
    /// `clean-energy`, `digital-technology`, `healthy-life`,
    /// `advanced-manufacturing`, `supply-chain-services` at CISCE, or any
    /// other the organiser configures.
    ExhibitionArea
);

#[cfg(test)]
mod tests {
    use super::*;

    fn hall(id: &str) -> HallRecord {
        HallRecord {
            id: id.into(),
            name: format!("Hall {id}"),
            name_zh: String::new(),
            width_m: 60.0,
            depth_m: 40.0,
        }
    }

    fn zone(id: &str, hall: &str, (x, y, w, h): (f64, f64, f64, f64)) -> ZoneRecord {
        ZoneRecord {
            id: id.into(),
            hall: hall.into(),
            area: "clean-energy".into(),
            name: "Clean energy".into(),
            name_zh: "清洁能源链".into(),
            x,
            y,
            w,
            h,
            flow: "left-to-right".into(),
        }
    }

    fn booth(id: &str, hall: &str, zone: &str, x: f64, y: f64) -> BoothRecord {
        BoothRecord {
            id: id.into(),
            hall: hall.into(),
            zone: zone.into(),
            x,
            y,
            w: 3.0,
            h: 3.0,
            kind: "row".into(),
        }
    }

    fn document() -> FloorDocument {
        FloorDocument {
            halls: vec![hall("h1"), hall("h2")],
            zones: vec![
                zone("z1", "h1", (0.0, 0.0, 30.0, 20.0)),
                zone("z2", "h2", (10.0, 10.0, 20.0, 20.0)),
            ],
            booths: vec![
                booth("b1", "h1", "z1", 0.0, 0.0),
                booth("b2", "h1", "z1", 3.0, 0.0),
                // The same spot as b1, but in another hall.
                booth("b3", "h2", "z2", 10.0, 10.0),
            ],
        }
    }

    fn problems(document: FloorDocument) -> Vec<(FloorRecord, String, &'static str)> {
        let errors = Floor::try_from(document).unwrap_err();
        errors
            .0
            .into_iter()
            .map(|e| (e.record, e.id, e.field))
            .collect()
    }

    #[test]
    fn a_consistent_floor_is_accepted_and_looked_up() {
        let floor = Floor::try_from(document()).unwrap();
        assert_eq!(floor.booths().len(), 3);
        let b3 = floor.booth("b3").unwrap();
        assert_eq!(floor.zone_of(b3).id().as_str(), "z2");
        assert_eq!(floor.zone("z1").unwrap().name_zh(), "清洁能源链");
        assert!(floor.booth("b4").is_none());
        // Back to a document and in again: the same records.
        assert_eq!(FloorDocument::from(floor), document());
    }

    #[test]
    fn every_broken_rule_names_the_record_and_field() {
        let mut doc = document();
        doc.halls.push(hall("h1"));
        doc.zones.push(zone("z3", "h9", (0.0, 0.0, 5.0, 5.0)));
        doc.zones.push(zone("z4", "h1", (40.0, 0.0, 30.0, 5.0)));
        doc.booths.push(booth("b4", "h1", "z9", 0.0, 0.0));
        doc.booths.push(booth("b5", "h2", "z1", 6.0, 0.0));
        doc.booths.push(booth("b6", "h1", "z1", 28.0, 0.0));
        doc.booths.push(booth("b7", "h1", "z1", 1.0, 1.0));
        doc.booths.push(booth("b2", "h1", "z1", 9.0, 0.0));
        let found = problems(doc);
        let expect = |record, id: &str, field| (record, id.to_owned(), field);
        assert_eq!(
            found,
            vec![
                expect(FloorRecord::Hall, "h1", "id"),
                expect(FloorRecord::Booth, "b2", "id"),
                expect(FloorRecord::Zone, "z3", "hall"),
                expect(FloorRecord::Zone, "z4", "w"),
                expect(FloorRecord::Booth, "b4", "zone"),
                expect(FloorRecord::Booth, "b5", "hall"),
                expect(FloorRecord::Booth, "b6", "w"),
                // b7 lies across b1 and b2.
                expect(FloorRecord::Booth, "b7", "rect"),
                expect(FloorRecord::Booth, "b7", "rect"),
            ]
        );
    }

    #[test]
    fn messages_say_what_is_wrong_in_words() {
        let mut doc = document();
        doc.booths.push(booth("b7", "h1", "z1", 1.0, 1.0));
        let text = Floor::try_from(doc).unwrap_err().to_string();
        assert_eq!(
            text,
            "booth b7: rect: the booth at 1–4 m × 1–4 m overlaps booth b1 at 0–3 m × 0–3 m; \
             booth b7: rect: the booth at 1–4 m × 1–4 m overlaps booth b2 at 3–6 m × 0–3 m"
        );
    }

    #[test]
    fn unreadable_records_are_named_by_position() {
        let mut doc = document();
        doc.booths[1].id = "B 2".into();
        doc.booths[2].kind = "stand".into();
        doc.zones[1].w = -3.0;
        assert_eq!(
            problems(doc),
            vec![
                (FloorRecord::Zone, "z2".to_owned(), "w"),
                (FloorRecord::Booth, "#2 (\"B 2\")".to_owned(), "id"),
                (FloorRecord::Booth, "b3".to_owned(), "kind"),
            ]
        );
    }

    #[test]
    fn ids_are_slugs() {
        assert_eq!(
            BoothId::parse("id", " h1-a-012 ").unwrap().as_str(),
            "h1-a-012"
        );
        let err = ZoneId::parse("zone", "Hall 1").unwrap_err();
        assert_eq!(err.field(), "zone");
        assert!(err.message().contains("not a slug"), "{err}");
        assert!(ExhibitionArea::parse("area", "").is_err());
    }
}
