//! What every large list of the API shares: pages (`page`, `per_page`,
//! answered as `{"items", "total", "page", "per_page"}`) and an `ETag`, so
//! that a client polling a list it already has gets `304 Not Modified`.
//!
//! The tag is the SHA-256 of the JSON body the caller would get, so it
//! changes exactly when that body does, and differs between callers who see
//! different things (an organiser and a visitor listing agreements). It
//! saves the transfer and the client's work, not the server's.
use crate::AppError;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chainfair_core::Invalid;
use chainfair_store::Page;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The largest page a list answers.
pub(crate) const MAX_PER_PAGE: u32 = 500;
/// A page's size when the query names none.
pub(crate) const DEFAULT_PER_PAGE: u32 = 50;

/// `page` and `per_page` as typed in the query string (an empty value is
/// the default, as a form sends it).
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct PageParams {
    /// The page, from 1 (default 1).
    #[param(value_type = Option<u32>, minimum = 1)]
    pub(crate) page: Option<String>,
    /// Items a page, 1 to 500 (default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 500)]
    pub(crate) per_page: Option<String>,
}

/// A query value with something in it, trimmed.
pub(crate) fn non_empty(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// A whole number from 1 to `max`, `default` when absent or empty.
pub(crate) fn parse_count(
    field: &'static str,
    value: &Option<String>,
    default: u32,
    max: u32,
) -> Result<u32, Invalid> {
    match non_empty(value) {
        None => Ok(default),
        Some(text) => match text.parse::<u32>() {
            Ok(n) if (1..=max).contains(&n) => Ok(n),
            _ => Err(Invalid::new(
                field,
                format!("{text:?} is not a whole number from 1 to {max}"),
            )),
        },
    }
}

impl PageParams {
    /// (page from 1, items a page).
    pub(crate) fn bounds(&self) -> Result<(u32, u32), Invalid> {
        Ok((
            parse_count("page", &self.page, 1, u32::MAX)?,
            parse_count("per_page", &self.per_page, DEFAULT_PER_PAGE, MAX_PER_PAGE)?,
        ))
    }

    /// The requested page of `items` (a page past the end is empty).
    pub(crate) fn page_of<T>(&self, items: Vec<T>) -> Result<Page<T>, Invalid> {
        let (page, per_page) = self.bounds()?;
        let total = items.len() as u64;
        let skip = (u64::from(page) - 1).saturating_mul(u64::from(per_page));
        let items = items
            .into_iter()
            .skip(usize::try_from(skip).unwrap_or(usize::MAX))
            .take(per_page as usize)
            .collect();
        Ok(Page {
            items,
            total,
            page,
            per_page,
        })
    }
}

/// Whether an `If-None-Match` header names `tag` (or is `*`).
fn matches(headers: &HeaderMap, tag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == tag || t == "*")
}

/// `body` as JSON with its `ETag`, or `304` without a body when the
/// request's `If-None-Match` already names that tag.
pub(crate) fn tagged_json<T: Serialize>(
    request: &HeaderMap,
    body: &T,
) -> Result<Response, AppError> {
    let bytes = serde_json::to_vec(body).map_err(|e| AppError::Internal(e.to_string()))?;
    let digest = Sha256::digest(&bytes);
    let tag: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    let tag = format!("\"{tag}\"");
    let mut response = if matches(request, &tag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        (
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            bytes,
        )
            .into_response()
    };
    let headers = response.headers_mut();
    headers.insert(
        header::ETAG,
        HeaderValue::from_str(&tag).map_err(|e| AppError::Internal(e.to_string()))?,
    );
    // The body depends on who asks: caches keep one per caller, and ask
    // the server again before using it.
    headers.insert(
        header::VARY,
        HeaderValue::from_static("authorization, cookie"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(page: &str, per_page: &str) -> PageParams {
        PageParams {
            page: Some(page.to_owned()),
            per_page: Some(per_page.to_owned()),
        }
    }

    #[test]
    fn pages_cut_the_list_and_count_the_whole() {
        let page = params("2", "3").page_of((1..=8).collect()).unwrap();
        assert_eq!(page.items, vec![4, 5, 6]);
        assert_eq!((page.total, page.page, page.per_page), (8, 2, 3));
        let past = params("9", "3").page_of((1..=8).collect()).unwrap();
        assert!(past.items.is_empty());
        let huge = params(&u32::MAX.to_string(), "500")
            .page_of(vec![1])
            .unwrap();
        assert!(huge.items.is_empty());
        let defaults = PageParams::default().bounds().unwrap();
        assert_eq!(defaults, (1, DEFAULT_PER_PAGE));
        let empty = params(" ", "").bounds().unwrap();
        assert_eq!(empty, (1, DEFAULT_PER_PAGE));
    }

    #[test]
    fn bad_bounds_name_their_parameter() {
        for (page, per_page, field) in [
            ("0", "1", "page"),
            ("x", "1", "page"),
            ("1", "0", "per_page"),
            ("1", "501", "per_page"),
        ] {
            let error = params(page, per_page).bounds().unwrap_err();
            assert_eq!(error.field(), field, "{page} {per_page}");
        }
    }

    #[test]
    fn if_none_match_finds_the_tag_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::IF_NONE_MATCH,
            HeaderValue::from_static("\"a\", W/\"b\""),
        );
        assert!(matches(&headers, "\"a\""));
        assert!(matches(&headers, "\"b\""));
        assert!(!matches(&headers, "\"c\""));
        headers.insert(header::IF_NONE_MATCH, HeaderValue::from_static("*"));
        assert!(matches(&headers, "\"c\""));
    }
}
