//! Harmonized System product codes: chapter (2 digits), heading (4) and
//! subheading (6). A code's parent is the code one level up.
use crate::Invalid;
use serde::{Serialize, Serializer};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HsLevel {
    Chapter,
    Heading,
    Subheading,
}

/// An HS code of 2, 4 or 6 digits. Accepts the dotted spelling
/// (`8541.40`) and stores the digits only.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HsCode {
    digits: [u8; 6],
    len: u8,
}

impl HsCode {
    pub fn parse(field: &'static str, input: &str) -> Result<Self, Invalid> {
        let cleaned: String = input
            .trim()
            .chars()
            .filter(|c| *c != '.' && *c != ' ')
            .collect();
        let bad = |why: &str| Invalid::new(field, format!("HS code {input:?} {why}"));
        if !cleaned.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad("has characters other than digits"));
        }
        if ![2, 4, 6].contains(&cleaned.len()) {
            return Err(bad("must have 2, 4 or 6 digits"));
        }
        let mut digits = [0u8; 6];
        digits[..cleaned.len()].copy_from_slice(cleaned.as_bytes());
        let chapter = (digits[0] - b'0') * 10 + (digits[1] - b'0');
        // Chapter 77 is reserved for future use; chapters run 01 to 97.
        if chapter == 0 || chapter > 97 || chapter == 77 {
            return Err(bad("is not in an HS chapter (01 to 97, not 77)"));
        }
        if cleaned.len() >= 4 && &digits[2..4] == b"00" {
            return Err(bad("has heading 00, which does not exist"));
        }
        Ok(Self {
            digits,
            len: cleaned.len() as u8,
        })
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII digits are ever stored.
        std::str::from_utf8(&self.digits[..usize::from(self.len)]).unwrap_or_default()
    }

    pub fn level(&self) -> HsLevel {
        match self.len {
            2 => HsLevel::Chapter,
            4 => HsLevel::Heading,
            _ => HsLevel::Subheading,
        }
    }

    /// The heading of a subheading, the chapter of a heading; none for a chapter.
    pub fn parent(&self) -> Option<HsCode> {
        (self.len > 2).then(|| {
            let len = self.len - 2;
            let mut digits = self.digits;
            digits[usize::from(len)..].fill(0);
            HsCode { digits, len }
        })
    }

    /// Whether `self` is `other` or lies under it (854140 is under 8541 and 85).
    pub fn is_within(&self, other: &HsCode) -> bool {
        self.len >= other.len
            && self.digits[..usize::from(other.len)] == other.digits[..usize::from(other.len)]
    }
}

impl fmt::Display for HsCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for HsCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HsCode({})", self.as_str())
    }
}

impl Serialize for HsCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_levels_and_parents() {
        let code = HsCode::parse("hs", "8541.40").unwrap();
        assert_eq!(code.as_str(), "854140");
        assert_eq!(code.level(), HsLevel::Subheading);
        let heading = code.parent().unwrap();
        assert_eq!(heading.as_str(), "8541");
        assert_eq!(heading.parent().unwrap().as_str(), "85");
        assert_eq!(heading.parent().unwrap().parent(), None);
        assert!(code.is_within(&heading));
        assert!(!heading.is_within(&code));
    }

    #[test]
    fn rejects_what_is_not_an_hs_code() {
        for bad in [
            "", "8", "854", "85414", "8541400", "00", "77", "98", "8500", "85a1",
        ] {
            assert!(HsCode::parse("hs", bad).is_err(), "{bad} accepted");
        }
        let err = HsCode::parse("hs", "99").unwrap_err();
        assert_eq!(
            err.message(),
            "HS code \"99\" is not in an HS chapter (01 to 97, not 77)"
        );
    }
}
