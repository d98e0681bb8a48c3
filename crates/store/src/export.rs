//! CSV export in exactly the layout import reads, so an export imports back
//! into an empty store unchanged.
use crate::Batch;
use chainfair_core::Placement;
use std::io::Write;

fn text<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// Writes a batch as CSV with its header row.
pub fn export_csv(batch: &Batch, writer: impl Write) -> csv::Result<()> {
    let mut csv = csv::Writer::from_writer(writer);
    let (required, optional) = crate::import::columns(batch.kind());
    csv.write_record(required.iter().chain(optional))?;
    match batch {
        Batch::Editions(rows) => {
            for e in rows {
                csv.write_record([
                    e.id().to_string(),
                    e.name().to_owned(),
                    e.host_country().to_string(),
                    e.start_date().to_string(),
                    e.end_date().to_string(),
                    text(e.previous()),
                    e.time_zone().name().to_owned(),
                ])?;
            }
        }
        Batch::Organizations(rows) => {
            for o in rows {
                let (id, name, zh) = (o.id().as_str(), o.name(), o.name_zh().unwrap_or(""));
                csv.write_record([id, name, zh, o.country().alpha2(), o.kind().as_str()])?;
            }
        }
        Batch::Participations(rows) => {
            for p in rows {
                let of = p.of().map_or("", |of| of.as_str());
                let key_client = if p.key_client() { "true" } else { "false" };
                csv.write_record([
                    p.edition().as_str(),
                    p.organization().as_str(),
                    p.role().as_str(),
                    of,
                    key_client,
                ])?;
            }
        }
        Batch::Attendees(rows) => {
            for a in rows {
                let org = a.organization.as_ref().map_or("", |o| o.as_str());
                csv.write_record([
                    a.edition.as_str(),
                    a.id.as_str(),
                    &a.name,
                    org,
                    a.mode.as_str(),
                ])?;
            }
        }
        Batch::CheckIns(rows) => {
            for c in rows {
                csv.write_record([c.edition.as_str(), c.attendee.as_str(), &c.date.to_string()])?;
            }
        }
        Batch::Meetings(rows) => {
            for m in rows {
                let place = m.placement();
                let flag = |on: bool| if on { "true" } else { "false" }.to_owned();
                csv.write_record([
                    m.edition().to_string(),
                    m.id().to_string(),
                    m.a().to_string(),
                    m.b().to_string(),
                    m.status().as_str().to_owned(),
                    m.priority().get().to_string(),
                    m.message().to_owned(),
                    flag(m.locked()),
                    flag(m.booked()),
                    text(place.map(|p| Placement::format(p.start))),
                    text(place.map(|p| Placement::format(p.end))),
                    text(place.map(|p| p.table.clone())),
                    m.sequence().to_string(),
                ])?;
            }
        }
        Batch::Agreements(rows) => {
            for a in rows {
                let parties: Vec<&str> = a.parties().iter().map(|p| p.as_str()).collect();
                csv.write_record([
                    a.edition().to_string(),
                    a.id().to_string(),
                    a.kind().as_str().to_owned(),
                    parties.join(";"),
                    text(a.amount().map(|m| m.amount_string())),
                    text(a.amount().map(|m| m.currency())),
                    a.signed_on().to_string(),
                    text(a.industry()),
                    a.status().as_str().to_owned(),
                    a.published().to_string(),
                    a.revision().to_string(),
                ])?;
            }
        }
        Batch::Rates(rows) => {
            for r in rows {
                csv.write_record([
                    r.date.to_string(),
                    r.from.to_string(),
                    r.to.to_string(),
                    r.rate.to_string(),
                    r.source.clone(),
                ])?;
            }
        }
        Batch::Profiles(rows) => {
            for p in rows {
                let key = [p.edition.to_string(), p.organization.to_string()];
                csv.write_record(key.into_iter().chain(p.cells()))?;
            }
        }
        Batch::Signups(rows) => {
            for s in rows {
                csv.write_record([s.edition.as_str(), s.organization.as_str()])?;
            }
        }
    }
    csv.flush()?;
    Ok(())
}
