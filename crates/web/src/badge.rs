//! Visitor badges: a token signed by the server, drawn as a QR code.
//!
//! The token is `EDITION~ATTENDEE~MAC`: the edition and the attendee's
//! opaque id (no name, no e-mail: nothing personal), and the first 128 bits
//! of HMAC-SHA256 over them under a key the server makes on first use and
//! keeps in the database (`server_keys`). So a scanner checks a badge
//! without a lookup, nobody can make one up or alter one without the key,
//! and badges stay valid across restarts and restores.
use chainfair_core::{AttendeeId, EditionId};
use hmac::{Hmac, KeyInit, Mac};
use qrcode::QrCode;
use sha2::Sha256;

/// The `server_keys` name of the badge key.
pub const BADGE_KEY: &str = "badge-hmac-sha256";
/// The MAC's length in bytes (128 bits, as hex in the token).
const MAC_BYTES: usize = 16;

fn mac(key: &str, edition: &EditionId, attendee: &AttendeeId) -> Hmac<Sha256> {
    // HMAC takes a key of any length.
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC accepts every key length"));
    mac.update(b"chainfair badge\0");
    mac.update(edition.as_str().as_bytes());
    mac.update(b"\0");
    mac.update(attendee.as_str().as_bytes());
    mac
}

/// The badge token of an attendee.
pub fn token(key: &str, edition: &EditionId, attendee: &AttendeeId) -> String {
    let tag = mac(key, edition, attendee).finalize().into_bytes();
    let hex: String = tag[..MAC_BYTES]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("{edition}~{attendee}~{hex}")
}

/// Whose badge a token is, if the server signed it (checked in constant time).
pub fn verify(key: &str, token: &str) -> Option<(EditionId, AttendeeId)> {
    let mut parts = token.trim().split('~');
    let (edition, attendee, hex) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || hex.len() != 2 * MAC_BYTES {
        return None;
    }
    let tag = (0..MAC_BYTES)
        .map(|i| u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok())
        .collect::<Option<Vec<u8>>>()?;
    let edition = EditionId::parse("edition", edition).ok()?;
    let attendee = AttendeeId::parse("attendee", attendee).ok()?;
    mac(key, &edition, &attendee)
        .verify_truncated_left(&tag)
        .ok()
        .map(|()| (edition, attendee))
}

/// The QR code of a token as an SVG drawing, `size` pixels wide.
pub fn qr_svg(token: &str, size: u32) -> Option<String> {
    let code = QrCode::new(token.as_bytes()).ok()?;
    Some(
        code.render::<qrcode::render::svg::Color<'_>>()
            .min_dimensions(size, size)
            .quiet_zone(true)
            .build(),
    )
}

/// The QR code of a token as a greyscale PNG, `scale` pixels per module,
/// with the standard four-module quiet zone.
pub fn qr_png(token: &str, scale: u32) -> Option<Vec<u8>> {
    let code = QrCode::new(token.as_bytes()).ok()?;
    let modules = code.width() as u32;
    let colors = code.to_colors();
    let side = (modules + 8) * scale;
    let mut pixels = vec![255u8; (side * side) as usize];
    for (i, color) in colors.iter().enumerate() {
        if *color != qrcode::Color::Dark {
            continue;
        }
        let (mx, my) = (i as u32 % modules + 4, i as u32 / modules + 4);
        for y in my * scale..(my + 1) * scale {
            let row = (y * side) as usize;
            pixels[row + (mx * scale) as usize..row + ((mx + 1) * scale) as usize].fill(0);
        }
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, side, side);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().ok()?;
    writer.write_image_data(&pixels).ok()?;
    writer.finish().ok()?;
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids() -> (EditionId, AttendeeId) {
        (
            EditionId::parse("e", "cisce-2024").unwrap(),
            AttendeeId::parse("a", "v-0001").unwrap(),
        )
    }

    #[test]
    fn tokens_verify_and_any_change_breaks_them() {
        let (edition, attendee) = ids();
        let token = token("k1", &edition, &attendee);
        assert!(
            token.starts_with("cisce-2024~v-0001~") && token.len() == 18 + 32,
            "{token}"
        );
        assert_eq!(
            verify("k1", &token),
            Some((edition.clone(), attendee.clone()))
        );
        assert_eq!(verify("k2", &token), None, "another server's key");
        let other = token.replace("v-0001", "v-0002");
        assert_eq!(verify("k1", &other), None, "another attendee");
        let mut flipped = token.clone();
        let last = flipped.pop().unwrap();
        flipped.push(if last == '0' { '1' } else { '0' });
        assert_eq!(verify("k1", &flipped), None, "a changed MAC");
        for junk in ["", "~~", "a~b", "a~b~zz", &format!("{token}~x")] {
            assert_eq!(verify("k1", junk), None, "{junk:?}");
        }
    }

    #[test]
    fn badges_draw_as_svg_and_png() {
        let (edition, attendee) = ids();
        let token = token("k1", &edition, &attendee);
        let svg = qr_svg(&token, 200).unwrap();
        assert!(svg.contains("<svg") && svg.contains("</svg>"));
        // The PNG decodes, and a QR reader finds the token in it.
        let png = qr_png(&token, 4).unwrap();
        let mut reader = png::Decoder::new(std::io::Cursor::new(png))
            .read_info()
            .unwrap();
        let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
        let frame = reader.next_frame(&mut pixels).unwrap();
        let side = frame.width as usize;
        let mut image =
            rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| pixels[y * side + x]);
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1);
        let (_, content) = grids[0].decode().unwrap();
        assert_eq!(content, token);
    }
}
