//! Rectangles on a hall's plan and the direction a zone's aisle runs.
use crate::Invalid;
use std::fmt;

/// Two lengths closer than this (a tenth of a millimetre) are equal: plans
/// are drawn to the centimetre, and sums of decimals are not exact in `f64`.
const TOLERANCE: f64 = 1e-4;

/// An axis-aligned rectangle in metres: `x`, `y` its top-left corner from
/// the hall's top-left corner, `w` its width and `h` its depth.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

impl Rect {
    /// A rectangle with a corner at or right of and below the origin and a
    /// positive size, every figure finite.
    pub fn new(x: f64, y: f64, w: f64, h: f64) -> Result<Self, Invalid> {
        for (field, value) in [("x", x), ("y", y)] {
            if !value.is_finite() || value < 0.0 {
                return Err(Invalid::new(
                    field,
                    format!("{value} m is not a distance of 0 m or more from the hall's corner"),
                ));
            }
        }
        for (field, value) in [("w", w), ("h", h)] {
            if !value.is_finite() || value <= 0.0 {
                return Err(Invalid::new(
                    field,
                    format!("{value} m is not a length greater than 0 m"),
                ));
            }
        }
        Ok(Self { x, y, w, h })
    }

    pub fn x(&self) -> f64 {
        self.x
    }
    pub fn y(&self) -> f64 {
        self.y
    }
    pub fn w(&self) -> f64 {
        self.w
    }
    pub fn h(&self) -> f64 {
        self.h
    }
    pub fn right(&self) -> f64 {
        self.x + self.w
    }
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }
    pub fn area(&self) -> f64 {
        self.w * self.h
    }
    pub fn centre(&self) -> (f64, f64) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }

    /// The first of `x`, `y`, `w`, `h` that puts this rectangle outside
    /// `outer`, or `None` when it lies inside (edges may touch).
    pub fn outside(&self, outer: &Rect) -> Option<&'static str> {
        if self.x < outer.x - TOLERANCE {
            Some("x")
        } else if self.y < outer.y - TOLERANCE {
            Some("y")
        } else if self.right() > outer.right() + TOLERANCE {
            Some("w")
        } else if self.bottom() > outer.bottom() + TOLERANCE {
            Some("h")
        } else {
            None
        }
    }

    /// Whether the two share floor space (touching edges do not).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right() - TOLERANCE
            && other.x < self.right() - TOLERANCE
            && self.y < other.bottom() - TOLERANCE
            && other.y < self.bottom() - TOLERANCE
    }

    /// The shortest distance between the two, 0 when they touch or overlap.
    pub fn gap(&self, other: &Rect) -> f64 {
        let dx = (other.x - self.right())
            .max(self.x - other.right())
            .max(0.0);
        let dy = (other.y - self.bottom())
            .max(self.y - other.bottom())
            .max(0.0);
        dx.hypot(dy)
    }
}

impl fmt::Display for Rect {
    /// `12–18 m × 0–3 m`: the span across, then the span down.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}–{} m × {}–{} m",
            self.x,
            self.right(),
            self.y,
            self.bottom()
        )
    }
}

/// The way a zone's aisle runs, from its upstream end to its downstream end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Flow {
    LeftToRight,
    RightToLeft,
    TopToBottom,
    BottomToTop,
}

impl Flow {
    pub const ALL: [Flow; 4] = [
        Flow::LeftToRight,
        Flow::RightToLeft,
        Flow::TopToBottom,
        Flow::BottomToTop,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Flow::LeftToRight => "left-to-right",
            Flow::RightToLeft => "right-to-left",
            Flow::TopToBottom => "top-to-bottom",
            Flow::BottomToTop => "bottom-to-top",
        }
    }

    pub fn parse(field: &'static str, input: &str) -> Result<Self, Invalid> {
        crate::parse_word(field, input, &Self::ALL.map(|f| (f.as_str(), f)))
    }

    /// The unit vector from upstream to downstream on the plan (`y` down).
    pub fn direction(self) -> (f64, f64) {
        match self {
            Flow::LeftToRight => (1.0, 0.0),
            Flow::RightToLeft => (-1.0, 0.0),
            Flow::TopToBottom => (0.0, 1.0),
            Flow::BottomToTop => (0.0, -1.0),
        }
    }

    /// How far `point` lies along this flow across `span`: 0 at the upstream
    /// edge of `span`, 1 at its downstream edge.
    pub fn position(self, span: &Rect, (px, py): (f64, f64)) -> f64 {
        match self {
            Flow::LeftToRight => (px - span.x) / span.w,
            Flow::RightToLeft => (span.right() - px) / span.w,
            Flow::TopToBottom => (py - span.y) / span.h,
            Flow::BottomToTop => (span.bottom() - py) / span.h,
        }
    }
}

impl fmt::Display for Flow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(x: f64, y: f64, w: f64, h: f64) -> Rect {
        Rect::new(x, y, w, h).unwrap()
    }

    #[test]
    fn sizes_must_be_positive_and_corners_not_negative() {
        assert_eq!(Rect::new(0.0, 0.0, 0.0, 3.0).unwrap_err().field(), "w");
        assert_eq!(Rect::new(0.0, 0.0, 3.0, f64::NAN).unwrap_err().field(), "h");
        assert_eq!(Rect::new(0.0, -1.0, 3.0, 3.0).unwrap_err().field(), "y");
        assert_eq!(rect(1.0, 2.0, 3.0, 4.0).area(), 12.0);
    }

    #[test]
    fn containment_names_the_side_that_sticks_out() {
        let hall = rect(0.0, 0.0, 60.0, 40.0);
        assert_eq!(rect(0.0, 0.0, 60.0, 40.0).outside(&hall), None);
        assert_eq!(rect(50.0, 0.0, 12.0, 3.0).outside(&hall), Some("w"));
        assert_eq!(rect(10.0, 39.0, 3.0, 3.0).outside(&hall), Some("h"));
        let zone = rect(10.0, 10.0, 20.0, 10.0);
        assert_eq!(rect(9.0, 12.0, 3.0, 3.0).outside(&zone), Some("x"));
        // A sum that is not exact in binary still fits.
        assert_eq!(
            rect(0.1, 0.0, 0.2, 1.0).outside(&rect(0.0, 0.0, 0.3, 1.0)),
            None
        );
    }

    #[test]
    fn neighbours_touch_without_overlapping() {
        let a = rect(0.0, 0.0, 3.0, 3.0);
        let b = rect(3.0, 0.0, 3.0, 3.0);
        let c = rect(2.0, 2.0, 3.0, 3.0);
        assert!(!a.overlaps(&b));
        assert!(a.overlaps(&c) && c.overlaps(&b));
        assert_eq!(a.gap(&b), 0.0);
        assert_eq!(a.gap(&rect(6.0, 7.0, 1.0, 1.0)), 5.0);
    }

    #[test]
    fn positions_run_from_upstream_to_downstream() {
        let zone = rect(10.0, 0.0, 20.0, 10.0);
        let near_left = (12.0, 5.0);
        assert!((Flow::LeftToRight.position(&zone, near_left) - 0.1).abs() < 1e-12);
        assert!((Flow::RightToLeft.position(&zone, near_left) - 0.9).abs() < 1e-12);
        assert!((Flow::BottomToTop.position(&zone, (20.0, 2.0)) - 0.8).abs() < 1e-12);
        assert_eq!(
            Flow::parse("flow", "Top-To-Bottom").unwrap(),
            Flow::TopToBottom
        );
        assert!(Flow::parse("flow", "north").is_err());
        assert_eq!(Flow::RightToLeft.direction(), (-1.0, 0.0));
    }
}
