//! The browser code the pages use, embedded in the binary: htmx, from its
//! npm package (crates/web/assets: package.json pins the version,
//! package-lock.json its integrity, and .ci/run checks that htmx.min.js is
//! the package's file). Its address names the version, so browsers may keep
//! it for a year.
use axum::http::header;
use axum::response::IntoResponse;

/// The version in crates/web/assets/package.json.
#[cfg(test)]
const HTMX_VERSION: &str = "2.0.11";
/// Where the pages load it from (the router's path for it).
pub(crate) const HTMX_PATH: &str = "/assets/htmx-2.0.11.min.js";
const HTMX: &[u8] = include_bytes!("../../assets/htmx.min.js");

/// `GET /assets/htmx-{version}.min.js`.
pub(crate) async fn htmx() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        HTMX,
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_address_names_the_version_the_package_file_pins() {
        let package: serde_json::Value =
            serde_json::from_str(include_str!("../../assets/package.json")).unwrap();
        assert_eq!(package["dependencies"]["htmx.org"], super::HTMX_VERSION);
        assert!(super::HTMX_PATH.contains(super::HTMX_VERSION));
        assert!(include_str!("mod.rs").contains(&format!("{:?}", super::HTMX_PATH)));
        let head = String::from_utf8_lossy(&super::HTMX[..200]);
        assert!(head.contains("htmx"), "{head}");
    }
}
