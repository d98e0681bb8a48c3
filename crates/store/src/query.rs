use chainfair_core::{CountryCode, EditionId, OrgKind, OrganizationId, Region, Role};
use serde::Serialize;

/// A search of the organisations taking part in one edition.
#[derive(Debug, Clone)]
pub struct OrgQuery {
    pub edition: EditionId,
    pub role: Option<Role>,
    pub country: Option<CountryCode>,
    pub region: Option<Region>,
    /// Words matched, case-insensitively, against the id and both names.
    pub q: Option<String>,
    /// Only those whose profile here offers one of these segments
    /// (`industry/segment`); an empty list matches nothing.
    pub offers_segments: Option<Vec<String>>,
    /// 1-based.
    pub page: u32,
    pub per_page: u32,
}

impl OrgQuery {
    pub const DEFAULT_PER_PAGE: u32 = 50;
    pub const MAX_PER_PAGE: u32 = 500;

    pub fn new(edition: EditionId) -> Self {
        Self {
            edition,
            role: None,
            country: None,
            region: None,
            q: None,
            offers_segments: None,
            page: 1,
            per_page: Self::DEFAULT_PER_PAGE,
        }
    }

    /// Rows skipped before this page.
    pub fn offset(&self) -> i64 {
        i64::from(self.page.max(1) - 1) * i64::from(self.per_page)
    }

    /// The `LIKE` pattern for `q`, lowercased, with `%`, `_` and `\` escaped
    /// (the SQL uses `ESCAPE '\'`).
    pub fn like_pattern(&self) -> Option<String> {
        let q = self.q.as_deref().map(str::trim).filter(|q| !q.is_empty())?;
        Some(format!("%{}%", like_escaped(&q.to_lowercase())))
    }

    /// The countries a country or region filter allows; `None` means any.
    pub fn allowed_countries(&self) -> Option<Vec<&'static str>> {
        match (self.country, self.region) {
            (None, None) => None,
            (country, region) => Some(
                CountryCode::all()
                    .filter(|c| country.is_none_or(|wanted| wanted == *c))
                    .filter(|c| region.is_none_or(|wanted| c.region() == Some(wanted)))
                    .map(CountryCode::alpha2)
                    .collect(),
            ),
        }
    }
}

/// An organisation as listed in an edition's directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct OrganizationEntry {
    pub id: OrganizationId,
    pub name: String,
    pub name_zh: Option<String>,
    pub country: CountryCode,
    pub region: Option<Region>,
    pub kind: OrgKind,
    /// The roles it holds in the edition, in a fixed order.
    pub roles: Vec<Role>,
    pub key_client: bool,
}

/// One page of results and where it sits in the whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}

/// `text` with LIKE's wildcards and escape character escaped by `\`.
pub(crate) fn like_escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
