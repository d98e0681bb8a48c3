//! A world choropleth of one segment's shares of economies.
//!
//! Shapes: Natural Earth 1:110m through the npm package world-atlas,
//! converted once by `scripts/world-atlas.py` into Equal Earth SVG paths
//! (`data/world/countries-110m.json`). Economies too small for that scale
//! (Singapore, Hong Kong ...) and those a data file names without an ISO code
//! are listed under the map, so no figure is lost.
use crate::Lang;
use crate::svg::{FONT, References, stage_colour};
use crate::text::{escape, fit, percent, rank, stage_name, words};
use chainfair_chains::map::ChainMap;
use serde::Deserialize;
use std::fmt::{self, Write};
use std::sync::OnceLock;

const SHAPES: &str = include_str!("../../../data/world/countries-110m.json");

#[derive(Deserialize)]
struct Shapes {
    source: String,
    width: f64,
    height: f64,
    countries: Vec<Shape>,
}

#[derive(Deserialize)]
struct Shape {
    id: Option<String>,
    d: String,
}

fn shapes() -> &'static Shapes {
    static SHAPES_PARSED: OnceLock<Shapes> = OnceLock::new();
    SHAPES_PARSED.get_or_init(|| {
        // The file is the project's own, checked by a test: a failure here is
        // a build defect, not user input.
        serde_json::from_str(SHAPES).expect("data/world/countries-110m.json is valid")
    })
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorldError {
    UnknownSegment { segment: String, known: Vec<String> },
}

impl fmt::Display for WorldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WorldError::UnknownSegment { segment, known } => write!(
                f,
                "unknown segment {segment:?}; this industry has: {}",
                known.join(", ")
            ),
        }
    }
}

impl std::error::Error for WorldError {}

/// Share classes, percent: [lower bound, colour].
const CLASSES: [(f64, &str); 5] = [
    (50.0, "#08306b"),
    (25.0, "#2171b5"),
    (10.0, "#6baed6"),
    (5.0, "#b9d6ee"),
    (0.0, "#e3eef9"),
];
const RANK_ONLY: &str = "#d9c3a5";
const NO_DATA: &str = "#e6e6e6";

fn class_colour(share: f64) -> &'static str {
    CLASSES
        .iter()
        .find(|(lower, _)| share >= *lower)
        .map_or(CLASSES[4].1, |(_, colour)| colour)
}

/// The world map of `segment`'s shares.
pub fn world_svg(map: &ChainMap, segment: &str, lang: Lang) -> Result<String, WorldError> {
    let w = words(lang);
    let s = map
        .segment(segment)
        .ok_or_else(|| WorldError::UnknownSegment {
            segment: segment.to_owned(),
            known: map.segments.iter().map(|s| s.id.to_string()).collect(),
        })?;
    let shapes = shapes();
    let margin = 20.0;
    let map_top = 74.0;
    let width = shapes.width + 2.0 * margin;

    let mut body = String::new();
    let title = format!(
        "{} · {}",
        lang.pick(&s.name, &s.name_zh),
        lang.pick(&map.name, &map.name_zh)
    );
    let _ = write!(
        body,
        r##"<text x="{margin}" y="{}" font-size="20" font-weight="700" fill="#1a1a1a">{}</text>"##,
        margin + 18.0,
        escape(&title)
    );
    let mut subtitle = vec![stage_name(s.stage, lang).to_owned()];
    if let Some(measure) = &s.measure {
        subtitle.push(measure.clone());
    }
    if let Some(c) = s.concentration {
        subtitle.push(format!("HHI {}", crate::text::thousands(c.hhi)));
        if c.chokepoint {
            subtitle.push(w.chokepoint.to_owned());
        }
    }
    let _ = write!(
        body,
        r##"<text x="{margin}" y="{}" font-size="12.5" fill="{}">{}</text>"##,
        margin + 40.0,
        stage_colour(s.stage),
        escape(&fit(&subtitle.join(" · "), shapes.width, 12.5))
    );

    // Countries: every shape, coloured by its economy's share.
    let value_of = |id: &str| {
        s.shares.iter().find(|share| {
            share
                .economy
                .numeric
                .is_some_and(|n| format!("{n:03}") == id)
        })
    };
    let _ = write!(
        body,
        r#"<clipPath id="world-clip"><rect x="{margin}" y="{map_top}" width="{}" height="{}"/></clipPath><g clip-path="url(#world-clip)"><g transform="translate({margin},{map_top})">"#,
        shapes.width, shapes.height
    );
    let _ = write!(
        body,
        r##"<rect width="{}" height="{}" fill="#f7fbff"/>"##,
        shapes.width, shapes.height
    );
    let mut drawn: Vec<u16> = Vec::new();
    for shape in &shapes.countries {
        let share = shape.id.as_deref().and_then(value_of);
        let fill = match share {
            Some(share) => {
                if let Some(n) = share.economy.numeric {
                    drawn.push(n);
                }
                share.share.map_or(RANK_ONLY, class_colour)
            }
            None => NO_DATA,
        };
        let _ = write!(
            body,
            r##"<path d="{}" fill="{fill}" stroke="#fff" stroke-width="0.4"/>"##,
            shape.d
        );
    }
    body.push_str("</g></g>");

    // Legend.
    let mut ly = map_top + shapes.height + 26.0;
    let mut lx = margin;
    let legend: Vec<(String, &str)> = CLASSES
        .iter()
        .enumerate()
        .map(|(i, (lower, colour))| {
            let label = if i == 0 {
                format!("≥ {lower:.0}%")
            } else {
                format!("{lower:.0}–{:.0}%", CLASSES[i - 1].0)
            };
            (label, *colour)
        })
        .chain([
            (lang.pick("rank only", "仅有排名").to_owned(), RANK_ONLY),
            (w.no_data.to_owned(), NO_DATA),
        ])
        .collect();
    for (label, colour) in &legend {
        let _ = write!(
            body,
            r##"<rect x="{lx}" y="{}" width="16" height="12" fill="{colour}" stroke="#999" stroke-width="0.5"/><text x="{}" y="{ly}" font-size="11" fill="#333">{}</text>"##,
            ly - 10.0,
            lx + 21.0,
            escape(label)
        );
        lx += 34.0 + crate::text::width_px(label, 11.0);
    }

    // The figures as text: the top economies, and those not on the map.
    ly += 22.0;
    let figures: Vec<String> = s
        .shares
        .iter()
        .take(8)
        .map(|share| {
            let value = match (share.share, share.rank) {
                (Some(p), _) => percent(p, lang),
                (None, Some(r)) => rank(r, lang),
                (None, None) => String::new(),
            };
            let missing = share.economy.numeric.is_none_or(|n| !drawn.contains(&n));
            format!(
                "{} {value}{}",
                lang.pick(&share.economy.name, &share.economy.name_zh),
                if missing { " *" } else { "" }
            )
        })
        .collect();
    let line = if figures.is_empty() {
        w.no_figures.to_owned()
    } else {
        figures.join(" · ")
    };
    let _ = write!(
        body,
        r##"<text x="{margin}" y="{ly}" font-size="12" fill="#222">{}</text>"##,
        escape(&fit(&line, shapes.width, 12.0))
    );
    if s.shares
        .iter()
        .take(8)
        .any(|share| share.economy.numeric.is_none_or(|n| !drawn.contains(&n)))
    {
        ly += 16.0;
        let _ = write!(
            body,
            r##"<text x="{margin}" y="{ly}" font-size="10.5" fill="#555">{}</text>"##,
            lang.pick(
                "* not drawn: too small for a 1:110m map, or not a single economy",
                "* 未在地图上显示：在 1:110m 比例尺下面积过小，或并非单一经济体"
            )
        );
    }

    // Sources of the segment's figures, then the shapes'.
    let refs = References::of(map);
    let cited = refs.cited(s);
    ly += 8.0;
    for (n, reference) in refs.lines.iter().enumerate() {
        if !cited.contains(&format!("[{}]", n + 1)) {
            continue;
        }
        ly += 14.0;
        let _ = write!(
            body,
            r##"<text x="{margin}" y="{ly}" font-size="10" fill="#444">{}</text>"##,
            escape(&fit(
                &format!("[{}] {reference}", n + 1),
                shapes.width,
                10.0
            ))
        );
    }
    ly += 14.0;
    let _ = write!(
        body,
        r##"<text x="{margin}" y="{ly}" font-size="10" fill="#666">{}</text>"##,
        escape(&format!("{}: {}", lang.pick("Map", "地图"), shapes.source))
    );
    let height = ly + margin;

    let mut out = String::new();
    let _ = write!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height:.0}" width="{width}" height="{height:.0}" font-family="{FONT}" role="img" aria-labelledby="world-title"><title id="world-title">{}</title><rect width="{width}" height="{height:.0}" fill="#fff"/>"##,
        escape(&title)
    );
    out.push_str(&body);
    out.push_str("</svg>\n");
    // One element per line: readable, and diffs (snapshots) line by line.
    let out = out.replace("><", ">\n<");
    Ok(out)
}
