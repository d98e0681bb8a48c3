//! The whole floor and the rules between its records.
use super::{Booth, FloorDocument, Hall, Zone};
use super::{BoothRecord, HallRecord, ZoneRecord};
use crate::Invalid;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;

/// Which kind of record a problem is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FloorRecord {
    Hall,
    Zone,
    Booth,
}

impl fmt::Display for FloorRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FloorRecord::Hall => "hall",
            FloorRecord::Zone => "zone",
            FloorRecord::Booth => "booth",
        })
    }
}

/// One problem with a floor: the record (by id, or `#n` for the n-th of its
/// kind when the id itself is unreadable), the field and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{record} {id}: {field}: {message}")]
pub struct FloorError {
    pub record: FloorRecord,
    pub id: String,
    pub field: &'static str,
    pub message: String,
}

/// Every problem found with a floor, in the order of its records.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
pub struct FloorErrors(pub Vec<FloorError>);

/// Halls, zones and booths that fit together: unique ids, every reference
/// resolved, zones inside their hall, booths inside their zone and in its
/// hall, and no two booths of a hall sharing floor space.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(try_from = "FloorDocument", into = "FloorDocument")]
pub struct Floor {
    halls: Vec<Hall>,
    zones: Vec<Zone>,
    booths: Vec<Booth>,
    zone_index: HashMap<String, usize>,
    booth_index: HashMap<String, usize>,
}

/// Collects problems as they are found.
struct Problems(Vec<FloorError>);

impl Problems {
    fn add(&mut self, record: FloorRecord, id: &str, field: &'static str, message: String) {
        self.0.push(FloorError {
            record,
            id: id.to_owned(),
            field,
            message,
        });
    }

    /// Positions by id; a second record with an id already seen is a problem.
    fn index<'a>(
        &mut self,
        record: FloorRecord,
        ids: impl Iterator<Item = &'a str>,
    ) -> HashMap<String, usize> {
        let mut index = HashMap::new();
        for (at, id) in ids.enumerate() {
            if index.insert(id.to_owned(), at).is_some() {
                self.add(
                    record,
                    id,
                    "id",
                    format!("{id:?} is used by an earlier {record}"),
                );
            }
        }
        index
    }
}

impl Floor {
    pub fn new(
        halls: Vec<Hall>,
        zones: Vec<Zone>,
        booths: Vec<Booth>,
    ) -> Result<Self, FloorErrors> {
        let mut problems = Problems(Vec::new());
        let hall_index = problems.index(FloorRecord::Hall, halls.iter().map(|h| h.id().as_str()));
        let zone_index = problems.index(FloorRecord::Zone, zones.iter().map(|z| z.id().as_str()));
        let booth_index =
            problems.index(FloorRecord::Booth, booths.iter().map(|b| b.id().as_str()));
        for zone in &zones {
            let id = zone.id().as_str();
            let Some(&hall) = hall_index.get(zone.hall().as_str()) else {
                let message = format!("{:?} is not a hall of the floor", zone.hall().as_str());
                problems.add(FloorRecord::Zone, id, "hall", message);
                continue;
            };
            let hall = &halls[hall];
            if let Some(field) = zone.rect().outside(&hall.outline()) {
                let message = format!(
                    "the zone at {} does not fit in hall {} ({} × {} m)",
                    zone.rect(),
                    hall.id(),
                    hall.width_m(),
                    hall.depth_m()
                );
                problems.add(FloorRecord::Zone, id, field, message);
            }
        }
        // Overlaps are looked for among the booths that are where they say.
        let mut placed = Vec::with_capacity(booths.len());
        for booth in &booths {
            let id = booth.id().as_str();
            let Some(&zone) = zone_index.get(booth.zone().as_str()) else {
                let message = format!("{:?} is not a zone of the floor", booth.zone().as_str());
                problems.add(FloorRecord::Booth, id, "zone", message);
                continue;
            };
            let zone = &zones[zone];
            if zone.hall() != booth.hall() {
                let message = format!(
                    "{:?} is not the hall of zone {}, which is in {}",
                    booth.hall().as_str(),
                    zone.id(),
                    zone.hall()
                );
                problems.add(FloorRecord::Booth, id, "hall", message);
            } else if let Some(field) = booth.rect().outside(&zone.rect()) {
                let message = format!(
                    "the booth at {} does not fit in zone {} at {}",
                    booth.rect(),
                    zone.id(),
                    zone.rect()
                );
                problems.add(FloorRecord::Booth, id, field, message);
            } else {
                placed.push(booth);
            }
        }
        overlaps(&placed, &mut problems);
        if !problems.0.is_empty() {
            return Err(FloorErrors(problems.0));
        }
        Ok(Self {
            halls,
            zones,
            booths,
            zone_index,
            booth_index,
        })
    }

    pub fn halls(&self) -> &[Hall] {
        &self.halls
    }
    pub fn zones(&self) -> &[Zone] {
        &self.zones
    }
    pub fn booths(&self) -> &[Booth] {
        &self.booths
    }
    pub fn zone(&self, id: &str) -> Option<&Zone> {
        self.zone_index.get(id).map(|&at| &self.zones[at])
    }
    pub fn booth(&self, id: &str) -> Option<&Booth> {
        self.booth_index.get(id).map(|&at| &self.booths[at])
    }
    /// The zone a booth is in (every booth's zone is on the floor).
    pub fn zone_of(&self, booth: &Booth) -> &Zone {
        &self.zones[self.zone_index[booth.zone().as_str()]]
    }
}

/// Booths of one hall that share floor space, each pair reported once on
/// the later of the two. A sweep along `x`: after sorting by left edge, a
/// booth can only overlap those that start before its right edge.
fn overlaps(booths: &[&Booth], problems: &mut Problems) {
    let mut order: Vec<usize> = (0..booths.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (booths[a], booths[b]);
        a.hall()
            .cmp(b.hall())
            .then(a.rect().x().total_cmp(&b.rect().x()))
    });
    let mut found: Vec<(usize, usize)> = Vec::new();
    for (i, &a) in order.iter().enumerate() {
        let first = booths[a];
        for &b in &order[i + 1..] {
            let second = booths[b];
            if second.hall() != first.hall() || second.rect().x() >= first.rect().right() {
                break;
            }
            if first.rect().overlaps(&second.rect()) {
                found.push((a.max(b), a.min(b)));
            }
        }
    }
    found.sort_unstable();
    for (later, earlier) in found {
        let (later, earlier) = (booths[later], booths[earlier]);
        let message = format!(
            "the booth at {} overlaps booth {} at {}",
            later.rect(),
            earlier.id(),
            earlier.rect()
        );
        problems.add(FloorRecord::Booth, later.id().as_str(), "rect", message);
    }
}

/// Parses every record of a document, naming a record by its position when
/// its id is what is wrong.
fn parse_all<R, T>(
    record: FloorRecord,
    records: &[R],
    id: impl Fn(&R) -> &str,
    parse: impl Fn(&R) -> Result<T, Invalid>,
    problems: &mut Problems,
) -> Vec<T> {
    let mut parsed = Vec::with_capacity(records.len());
    for (at, raw) in records.iter().enumerate() {
        match parse(raw) {
            Ok(value) => parsed.push(value),
            Err(e) => {
                let name = match id(raw).trim() {
                    "" => format!("#{}", at + 1),
                    given if e.field() == "id" => format!("#{} ({given:?})", at + 1),
                    given => given.to_owned(),
                };
                problems.add(record, &name, e.field(), e.message().to_owned());
            }
        }
    }
    parsed
}

impl TryFrom<FloorDocument> for Floor {
    type Error = FloorErrors;

    fn try_from(document: FloorDocument) -> Result<Self, FloorErrors> {
        let mut problems = Problems(Vec::new());
        let halls = parse_all(
            FloorRecord::Hall,
            &document.halls,
            |r| &r.id,
            HallRecord::parse,
            &mut problems,
        );
        let zones = parse_all(
            FloorRecord::Zone,
            &document.zones,
            |r| &r.id,
            ZoneRecord::parse,
            &mut problems,
        );
        let booths = parse_all(
            FloorRecord::Booth,
            &document.booths,
            |r| &r.id,
            BoothRecord::parse,
            &mut problems,
        );
        // Reference checks on a partial floor would only echo these problems.
        if !problems.0.is_empty() {
            return Err(FloorErrors(problems.0));
        }
        Floor::new(halls, zones, booths)
    }
}

impl From<Floor> for FloorDocument {
    fn from(floor: Floor) -> Self {
        let halls = floor.halls.iter().map(|h| HallRecord {
            id: h.id().to_string(),
            name: h.name().to_owned(),
            name_zh: h.name_zh().to_owned(),
            width_m: h.width_m(),
            depth_m: h.depth_m(),
        });
        let zones = floor.zones.iter().map(|z| ZoneRecord {
            id: z.id().to_string(),
            hall: z.hall().to_string(),
            area: z.area().to_string(),
            name: z.name().to_owned(),
            name_zh: z.name_zh().to_owned(),
            x: z.rect().x(),
            y: z.rect().y(),
            w: z.rect().w(),
            h: z.rect().h(),
            flow: z.flow().to_string(),
        });
        let booths = floor.booths.iter().map(|b| BoothRecord {
            id: b.id().to_string(),
            hall: b.hall().to_string(),
            zone: b.zone().to_string(),
            x: b.rect().x(),
            y: b.rect().y(),
            w: b.rect().w(),
            h: b.rect().h(),
            kind: b.kind().as_str().to_owned(),
        });
        FloorDocument {
            halls: halls.collect(),
            zones: zones.collect(),
            booths: booths.collect(),
        }
    }
}
