//! The demo's exhibition floor: one hall per exhibition area, sized for its
//! exhibitors with a fifth of the booths spare, a space request for each
//! exhibitor, and the booths laid out (so `/floor` shows a real plan).
//!
//! An exhibitor's area is that of the chain of the first segment its
//! profile offers (the supply chain services area otherwise). Booths are
//! 3 × 6 m in rows of ten on both sides of the aisle, which runs left to
//! right; every seventh exhibitor asks for 36 m², which the 6 × 6 m corner
//! booths at the ends of the rows give.
use chainfair_chains::template::Chains;
use chainfair_core::floor::{
    Booth, BoothId, BoothKind, ExhibitionArea, Flow, Hall, HallId, Rect, Zone, ZoneId,
};
use chainfair_core::{Edition, Floor, OrganizationId, Participation, Profile, Role};
use chainfair_store::{SpaceRequest, Store, read_all};
use std::collections::BTreeMap;

/// Booths in a row, and their size in metres.
const ROW: usize = 10;
const BOOTH_W: f64 = 3.0;
const BOOTH_D: f64 = 6.0;

/// The floor for `by_area` (area slug, English and Chinese name, exhibitors).
fn floor(by_area: &[(String, String, String, usize)]) -> anyhow::Result<Floor> {
    let (mut halls, mut zones, mut booths) = (Vec::new(), Vec::new(), Vec::new());
    for (i, (area, name, name_zh, count)) in by_area.iter().enumerate() {
        let wanted = count + count / 5 + 2;
        // Rows come in pairs across an aisle: a row of ten 3 m booths plus
        // two 6 m corner booths is 42 m; a pair with its aisle is 16 m deep.
        let pairs = wanted.div_ceil(2 * (ROW + 2));
        let (width, depth) = (4.0 + 42.0, 4.0 + 16.0 * pairs as f64);
        let hall = HallId::parse("id", &format!("hall-{}", i + 1))?;
        halls.push(Hall::new(
            hall.clone(),
            &format!("Hall {}", i + 1),
            &format!("{}号馆", i + 1),
            width,
            depth,
        )?);
        let zone = ZoneId::parse("id", &format!("h{}-{area}", i + 1))?;
        zones.push(Zone::new(
            zone.clone(),
            hall.clone(),
            ExhibitionArea::parse("id", area)?,
            name,
            name_zh,
            Rect::new(1.0, 1.0, width - 2.0, depth - 2.0)?,
            Flow::LeftToRight,
        )?);
        let mut number = 0;
        for pair in 0..pairs {
            for side in 0..2 {
                let y = 2.0 + 16.0 * pair as f64 + if side == 0 { 0.0 } else { 10.0 };
                let mut x = 2.0;
                for slot in 0..ROW + 2 {
                    let corner = slot == 0 || slot == ROW + 1;
                    let w = if corner { 2.0 * BOOTH_W } else { BOOTH_W };
                    number += 1;
                    booths.push(Booth::new(
                        BoothId::parse("id", &format!("h{}-{number:03}", i + 1))?,
                        hall.clone(),
                        zone.clone(),
                        Rect::new(x, y, w, BOOTH_D)?,
                        if corner {
                            BoothKind::Corner
                        } else {
                            BoothKind::Row
                        },
                    ));
                    x += w;
                }
            }
        }
    }
    Ok(Floor::new(halls, zones, booths)?)
}

/// Lays out the demo edition's floor and stores it with the bookings.
pub(crate) async fn lay_out(store: &dyn Store, edition: &Edition) -> anyhow::Result<()> {
    let chains = Chains::built_in()?;
    let exhibitors: Vec<OrganizationId> = read_all::<Participation>(store, Some(edition.id()))
        .await?
        .into_iter()
        .filter(|p| p.role() == Role::Exhibitor)
        .map(|p| p.organization().clone())
        .collect();
    let profiles: BTreeMap<OrganizationId, Profile> =
        read_all::<Profile>(store, Some(edition.id()))
            .await?
            .into_iter()
            .map(|p| (p.organization.clone(), p))
            .collect();
    let services = (
        "supply-chain-services".to_owned(),
        "Supply chain services".to_owned(),
        "供应链服务".to_owned(),
    );
    let mut areas: BTreeMap<(String, String, String), Vec<OrganizationId>> = BTreeMap::new();
    for org in exhibitors {
        let area = profiles
            .get(&org)
            .and_then(|p| p.offers_segments.first())
            .and_then(|s| chains.get(s.industry.as_str()))
            .map(|t| {
                (
                    t.area.as_str().to_owned(),
                    t.area.name().to_owned(),
                    t.area.name_zh().to_owned(),
                )
            })
            .unwrap_or_else(|| services.clone());
        areas.entry(area).or_default().push(org);
    }
    let by_area: Vec<(String, String, String, usize)> = areas
        .iter()
        .map(|((slug, name, zh), orgs)| (slug.clone(), name.clone(), zh.clone(), orgs.len()))
        .collect();
    store.put_floor(edition.id(), &floor(&by_area)?).await?;
    let mut requests = Vec::new();
    for ((area, ..), orgs) in &areas {
        for (i, org) in orgs.iter().enumerate() {
            requests.push(SpaceRequest {
                organization: org.clone(),
                area_m2: if i % 7 == 6 { 36.0 } else { 18.0 },
                area: ExhibitionArea::parse("id", area)?,
                neighbours: Vec::new(),
            });
        }
    }
    store.put_space_requests(edition.id(), &requests).await?;
    let params = chainfair_matching::layout::LayoutParams {
        moves_per_exhibitor: 200,
        ..Default::default()
    };
    let (_, layout) =
        chainfair_web::planning::layout_edition(store, edition, &chains, &params).await?;
    chainfair_web::planning::store_layout(store, edition.id(), &layout).await?;
    Ok(())
}
