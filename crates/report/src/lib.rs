//! What chainfair publishes: supply chain maps drawn from a
//! [`ChainMap`](chainfair_chains::map::ChainMap), in English or Chinese.
//!
//! - [`chain_svg`]: the chain in three stage columns, segments as boxes
//!   linked by arrows, each with its top economies as share bars, its HHI,
//!   its leading enterprises and a chokepoint mark; numbered sources in a
//!   footer. Sized for a screen and for A4 landscape.
//! - [`world_svg`]: a world choropleth of one segment's shares, on Natural
//!   Earth country shapes (world-atlas, converted by `scripts/world-atlas.py`).
//! - [`html_page`]: either one in a standalone page with the figures as a
//!   table (for screen readers and copying) and print styles.
//!
//! - [`promotion_html`]: the Global Supply Chain Promotion Report, every
//!   chain map after a table of the chokepoints.
//! - [`closing_markdown`], [`closing_html`]: an edition's closing report.
//! - [`agenda_ics`]: a participant's meetings as iCalendar (RFC 5545).
//!
//! Output is deterministic: the same map gives the same bytes.
#![forbid(unsafe_code)]

mod closing;
mod floor;
mod html;
mod ical;
mod promotion;
mod svg;
mod text;
mod world;

pub use closing::{amount_words, closing_charts, closing_html, closing_markdown, growth};
pub use floor::floor_svg;
pub use html::{chain_table, html_page};
pub use ical::agenda_ics;
pub use promotion::promotion_html;
pub use svg::chain_svg;
pub use world::{WorldError, world_svg};

/// The language of a map's words (names of economies, stages, labels).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    pub fn parse(input: &str) -> Option<Lang> {
        match input.trim().to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "zh" | "zh-cn" | "zh-hans" => Some(Lang::Zh),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-Hans",
        }
    }

    /// One of `en` / `zh`, whichever this language is.
    pub(crate) fn pick<'a>(self, en: &'a str, zh: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Zh if zh.is_empty() => en,
            Lang::Zh => zh,
        }
    }
}
