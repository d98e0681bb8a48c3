//! A participant's agenda as iCalendar (RFC 5545).
//!
//! One VEVENT per scheduled meeting (and per cancelled meeting that had been
//! scheduled, as `STATUS:CANCELLED`, so calendars that subscribed remove
//! it), with a stable UID (`{edition}.{meeting}@chainfair`), DTSTART and
//! DTEND in the edition's time zone (a VTIMEZONE with the offset in force
//! during the edition), the table as LOCATION, both parties as ATTENDEEs
//! and the meeting's SEQUENCE, which goes up on every change. Lines end in
//! CRLF and are folded at 75 octets; text is escaped.
use chainfair_core::{Edition, Meeting, MeetingStatus, OrganizationId};
use chrono::{NaiveDateTime, Offset, TimeZone, Utc};
use std::collections::HashMap;

/// Escapes TEXT values: backslash, semicolon, comma and newlines.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Quotes a parameter value (CN="...") after dropping what RFC 5545 does not
/// allow in one (double quotes and control characters).
fn param(value: &str) -> String {
    let clean: String = value
        .chars()
        .filter(|c| *c != '"' && !c.is_control())
        .collect();
    format!("\"{clean}\"")
}

/// Appends a content line, folded at 75 octets (never inside a character).
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

fn local(time: NaiveDateTime) -> String {
    time.format("%Y%m%dT%H%M%S").to_string()
}

/// `+0800` for an offset in seconds.
fn offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.abs() / 60;
    format!("{sign}{:02}{:02}", minutes / 60, minutes % 60)
}

/// The agenda of `organization` at `edition`: its scheduled meetings (and
/// cancelled ones that had a place). `names` gives organisations' names;
/// `stamp` is the DTSTAMP (when the calendar was produced).
pub fn agenda_ics(
    edition: &Edition,
    organization: &OrganizationId,
    meetings: &[Meeting],
    names: &HashMap<OrganizationId, String>,
    stamp: chrono::DateTime<Utc>,
) -> String {
    let tz = edition.time_zone();
    let zone = tz.name();
    let start = edition
        .start_date()
        .and_hms_opt(12, 0, 0)
        .map(|noon| tz.offset_from_utc_datetime(&noon).fix().local_minus_utc())
        .unwrap_or(0);
    let name_of = |o: &OrganizationId| names.get(o).cloned().unwrap_or_else(|| o.to_string());
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//chainfair//chainfair agenda//EN");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(
        &mut out,
        &format!(
            "X-WR-CALNAME:{}",
            text(&format!("{} · {}", edition.name(), name_of(organization)))
        ),
    );
    line(&mut out, &format!("X-WR-TIMEZONE:{zone}"));
    // The offset in force during the edition; an edition spans days, not a
    // daylight-saving change, in every case chainfair has seen.
    line(&mut out, "BEGIN:VTIMEZONE");
    line(&mut out, &format!("TZID:{zone}"));
    line(&mut out, "BEGIN:STANDARD");
    line(&mut out, "DTSTART:19700101T000000");
    line(&mut out, &format!("TZOFFSETFROM:{}", offset(start)));
    line(&mut out, &format!("TZOFFSETTO:{}", offset(start)));
    line(&mut out, "END:STANDARD");
    line(&mut out, "END:VTIMEZONE");
    let mut mine: Vec<&Meeting> = meetings
        .iter()
        .filter(|m| m.a() == organization || m.b() == organization)
        .filter(|m| m.placement().is_some())
        .filter(|m| {
            matches!(
                m.status(),
                MeetingStatus::Scheduled | MeetingStatus::Held | MeetingStatus::Cancelled
            )
        })
        .collect();
    mine.sort_by(|x, y| {
        let start = |m: &Meeting| m.placement().map(|p| p.start);
        start(x).cmp(&start(y)).then_with(|| x.id().cmp(y.id()))
    });
    for m in mine {
        let Some(place) = m.placement() else { continue };
        let other = if m.a() == organization { m.b() } else { m.a() };
        line(&mut out, "BEGIN:VEVENT");
        line(
            &mut out,
            &format!("UID:{}.{}@chainfair", edition.id(), m.id()),
        );
        line(
            &mut out,
            &format!("DTSTAMP:{}", stamp.format("%Y%m%dT%H%M%SZ")),
        );
        line(
            &mut out,
            &format!("DTSTART;TZID={zone}:{}", local(place.start)),
        );
        line(&mut out, &format!("DTEND;TZID={zone}:{}", local(place.end)));
        line(&mut out, &format!("SEQUENCE:{}", m.sequence()));
        line(
            &mut out,
            &format!(
                "SUMMARY:{}",
                text(&format!("Meeting with {}", name_of(other)))
            ),
        );
        line(
            &mut out,
            &format!(
                "LOCATION:{}",
                text(&format!("Table {}, {}", place.table, edition.name()))
            ),
        );
        if !m.message().is_empty() {
            line(&mut out, &format!("DESCRIPTION:{}", text(m.message())));
        }
        let status = if m.status() == MeetingStatus::Cancelled {
            "CANCELLED"
        } else {
            "CONFIRMED"
        };
        line(&mut out, &format!("STATUS:{status}"));
        for party in [m.a(), m.b()] {
            line(
                &mut out,
                &format!(
                    "ATTENDEE;CN={};ROLE=REQ-PARTICIPANT:urn:chainfair:organization:{party}",
                    param(&name_of(party))
                ),
            );
        }
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_folded_at_75_octets_and_text_escaped() {
        let mut out = String::new();
        let long = format!("SUMMARY:{}", "会".repeat(40));
        line(&mut out, &long);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets", l.len());
        }
        assert_eq!(out.replace("\r\n ", "").trim_end(), long);
        assert_eq!(text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        assert_eq!(offset(8 * 3600), "+0800");
        assert_eq!(offset(-(3 * 3600 + 1800)), "-0330");
    }
}
