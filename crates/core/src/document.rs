//! The documents an edition publishes: initiatives, reports and others.
use crate::{EditionId, Invalid};
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// A joint initiative (e.g. on industrial and supply chain cooperation).
    Initiative,
    /// A report (e.g. the Global Supply Chain Promotion Report).
    Report,
    Other,
}

impl DocumentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Initiative => "initiative",
            DocumentKind::Report => "report",
            DocumentKind::Other => "other",
        }
    }

    pub fn parse(field: &'static str, input: &str) -> Result<Self, Invalid> {
        crate::parse_word(
            field,
            input,
            &[
                ("initiative", DocumentKind::Initiative),
                ("report", DocumentKind::Report),
                ("other", DocumentKind::Other),
            ],
        )
    }
}

/// The file types a document may have: served as themselves, so nothing
/// that a browser would run as a page of this site except sandboxed HTML.
pub const DOCUMENT_TYPES: [(&str, &str); 7] = [
    ("pdf", "application/pdf"),
    ("html", "text/html; charset=utf-8"),
    ("md", "text/markdown; charset=utf-8"),
    ("txt", "text/plain; charset=utf-8"),
    (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    ("png", "image/png"),
    ("svg", "image/svg+xml"),
];

/// A published document's description (its file is stored beside it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Document {
    pub edition: EditionId,
    /// A slug: lowercase letters, digits and `-`.
    pub id: String,
    pub title: String,
    /// `en`, `zh` ...: a BCP 47 primary language subtag.
    pub lang: String,
    pub kind: DocumentKind,
    pub file_name: String,
    pub content_type: String,
    pub published_on: NaiveDate,
}

impl Document {
    /// Checks every field; the content type follows from the file name's
    /// extension (one of [`DOCUMENT_TYPES`]).
    pub fn new(
        edition: EditionId,
        id: &str,
        title: &str,
        lang: &str,
        kind: DocumentKind,
        file_name: &str,
        published_on: NaiveDate,
    ) -> Result<Self, Invalid> {
        let slug = !id.is_empty()
            && id.len() <= 80
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !slug {
            return Err(Invalid::new(
                "id",
                format!("{id:?} is not a slug (a-z, 0-9 and -, at most 80)"),
            ));
        }
        let title = title.trim();
        if title.is_empty() || title.chars().count() > 300 {
            return Err(Invalid::new("title", "must be 1 to 300 characters"));
        }
        let lang_ok = (2..=3).contains(&lang.len()) && lang.chars().all(|c| c.is_ascii_lowercase());
        if !lang_ok {
            return Err(Invalid::new(
                "lang",
                format!("{lang:?} is not a language code such as en or zh"),
            ));
        }
        let file_name = file_name.trim();
        let base_ok = !file_name.is_empty()
            && file_name.len() <= 200
            && !file_name.contains(['/', '\\', '"', '\r', '\n']);
        let extension = file_name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase());
        let content_type = DOCUMENT_TYPES
            .iter()
            .find(|(ext, _)| Some(*ext) == extension.as_deref())
            .map(|(_, t)| *t);
        let (true, Some(content_type)) = (base_ok, content_type) else {
            let allowed: Vec<&str> = DOCUMENT_TYPES.iter().map(|(e, _)| *e).collect();
            return Err(Invalid::new(
                "file_name",
                format!(
                    "{file_name:?} is not a file name ending in .{}",
                    allowed.join(", .")
                ),
            ));
        };
        Ok(Self {
            edition,
            id: id.to_owned(),
            title: title.to_owned(),
            lang: lang.to_owned(),
            kind,
            file_name: file_name.to_owned(),
            content_type: content_type.to_owned(),
            published_on,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, lang: &str, file: &str) -> Result<Document, Invalid> {
        Document::new(
            EditionId::parse("edition", "e").unwrap(),
            id,
            "Global Supply Chain Promotion Report",
            lang,
            DocumentKind::Report,
            file,
            crate::parse_date("date", "2024-11-30").unwrap(),
        )
    }

    #[test]
    fn the_type_follows_the_extension_and_bad_fields_are_named() {
        let ok = doc("promotion-report", "zh", "Report 2024.PDF").unwrap();
        assert_eq!(ok.content_type, "application/pdf");
        assert_eq!(doc("Promotion", "en", "a.pdf").unwrap_err().field(), "id");
        assert_eq!(doc("p", "english", "a.pdf").unwrap_err().field(), "lang");
        assert_eq!(doc("p", "en", "a.exe").unwrap_err().field(), "file_name");
        assert_eq!(doc("p", "en", "../x.pdf").unwrap_err().field(), "file_name");
    }
}
