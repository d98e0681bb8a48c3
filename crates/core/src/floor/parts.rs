//! Halls, zones and booths one at a time, each valid on its own; how they
//! fit together is [`Floor`](super::Floor)'s concern.
use super::{BoothId, ExhibitionArea, Flow, HallId, Rect, ZoneId};
use crate::Invalid;

/// A hall of the venue, `width_m` across and `depth_m` down its plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Hall {
    id: HallId,
    name: String,
    name_zh: String,
    outline: Rect,
}

impl Hall {
    /// A hall with a name and a positive width and depth; the Chinese name
    /// may be empty.
    pub fn new(
        id: HallId,
        name: &str,
        name_zh: &str,
        width_m: f64,
        depth_m: f64,
    ) -> Result<Self, Invalid> {
        let outline = Rect::new(0.0, 0.0, width_m, depth_m).map_err(|e| match e.field() {
            "w" => Invalid::new("width_m", e.message()),
            _ => Invalid::new("depth_m", e.message()),
        })?;
        Ok(Self {
            id,
            name: non_empty("name", name)?,
            name_zh: name_zh.trim().to_owned(),
            outline,
        })
    }

    pub fn id(&self) -> &HallId {
        &self.id
    }
    pub fn name(&self) -> &str {
        &self.name
    }
    pub fn name_zh(&self) -> &str {
        &self.name_zh
    }
    pub fn width_m(&self) -> f64 {
        self.outline.w()
    }
    pub fn depth_m(&self) -> f64 {
        self.outline.h()
    }
    /// The hall's floor as a rectangle at the origin.
    pub fn outline(&self) -> Rect {
        self.outline
    }
}

/// The part of a hall given to one exhibition area, with its aisle's flow.
#[derive(Debug, Clone, PartialEq)]
pub struct Zone {
    id: ZoneId,
    hall: HallId,
    area: ExhibitionArea,
    name: String,
    name_zh: String,
    rect: Rect,
    flow: Flow,
}

impl Zone {
    pub fn new(
        id: ZoneId,
        hall: HallId,
        area: ExhibitionArea,
        name: &str,
        name_zh: &str,
        rect: Rect,
        flow: Flow,
    ) -> Result<Self, Invalid> {
        Ok(Self {
            id,
            hall,
            area,
            name: non_empty("name", name)?,
            name_zh: name_zh.trim().to_owned(),
            rect,
            flow,
        })
    }

    pub fn id(&self) -> &ZoneId {
        &self.id
    }
    pub fn hall(&self) -> &HallId {
        &self.hall
    }
    pub fn area(&self) -> &ExhibitionArea {
        &self.area
    }
    pub fn name(&self) -> &str {
        &self.name
    }
    pub fn name_zh(&self) -> &str {
        &self.name_zh
    }
    pub fn rect(&self) -> Rect {
        self.rect
    }
    pub fn flow(&self) -> Flow {
        self.flow
    }

    /// Where a booth's centre lies along this zone's flow: 0 at the zone's
    /// upstream edge, 1 at its downstream edge.
    pub fn flow_position(&self, booth: &Rect) -> f64 {
        self.flow.position(&self.rect, booth.centre())
    }
}

/// How many sides of a booth open onto an aisle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BoothKind {
    /// In a row: one open side.
    Row,
    /// At the end of a row: two.
    Corner,
    /// Standing alone: four.
    Island,
}

impl BoothKind {
    pub const ALL: [BoothKind; 3] = [BoothKind::Row, BoothKind::Corner, BoothKind::Island];

    pub fn as_str(self) -> &'static str {
        match self {
            BoothKind::Row => "row",
            BoothKind::Corner => "corner",
            BoothKind::Island => "island",
        }
    }

    pub fn parse(field: &'static str, input: &str) -> Result<Self, Invalid> {
        crate::parse_word(field, input, &Self::ALL.map(|k| (k.as_str(), k)))
    }

    pub fn open_sides(self) -> u8 {
        match self {
            BoothKind::Row => 1,
            BoothKind::Corner => 2,
            BoothKind::Island => 4,
        }
    }
}

/// A booth of a zone.
#[derive(Debug, Clone, PartialEq)]
pub struct Booth {
    id: BoothId,
    hall: HallId,
    zone: ZoneId,
    rect: Rect,
    kind: BoothKind,
}

impl Booth {
    pub fn new(id: BoothId, hall: HallId, zone: ZoneId, rect: Rect, kind: BoothKind) -> Self {
        Self {
            id,
            hall,
            zone,
            rect,
            kind,
        }
    }

    pub fn id(&self) -> &BoothId {
        &self.id
    }
    pub fn hall(&self) -> &HallId {
        &self.hall
    }
    pub fn zone(&self) -> &ZoneId {
        &self.zone
    }
    pub fn rect(&self) -> Rect {
        self.rect
    }
    pub fn kind(&self) -> BoothKind {
        self.kind
    }
    /// Floor space in m²: width × depth.
    pub fn area_m2(&self) -> f64 {
        self.rect.area()
    }
}

fn non_empty(field: &'static str, input: &str) -> Result<String, Invalid> {
    let text = input.trim();
    if text.is_empty() {
        return Err(Invalid::new(field, "is empty"));
    }
    Ok(text.to_owned())
}
