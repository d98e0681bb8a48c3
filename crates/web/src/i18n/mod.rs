//! The words of the pages in English and Chinese.
//!
//! Templates and page code write the English text and ask for it through
//! [`Words::t`] (or [`Words::f1`] / [`Words::f2`] when it holds `{0}`,
//! `{1}`); in Chinese the text is looked up in [`ZH`]. A test reads every
//! template and page source and fails on English text without its Chinese,
//! so a new page cannot go out half translated.
//!
//! The language of a page is, in order: the `lang` query parameter, the
//! signed-in account's saved language, the `lang` cookie (set by the switch
//! in the header for visitors who have no account), the browser's
//! `Accept-Language`, English.

use std::collections::HashMap;
use std::sync::OnceLock;

use axum::http::{HeaderMap, header};
use chainfair_core::CountryCode;
pub(crate) use chainfair_report::Lang;

use crate::auth::{Caller, cookie};

mod zh;
use zh::ZH;

/// The cookie that keeps the language of a visitor without an account.
pub(crate) const LANG_COOKIE: &str = "lang";

/// The language a request's pages are shown in (see the module docs).
pub(crate) fn page_lang(caller: &Caller, query: Option<&str>, headers: &HeaderMap) -> Lang {
    let asked = query.and_then(|q| {
        form_urlencoded::parse(q.as_bytes())
            .find(|(key, _)| key == "lang")
            .and_then(|(_, value)| Lang::parse(&value))
    });
    asked
        .or_else(|| caller.account().and_then(|a| Lang::parse(&a.lang)))
        .or_else(|| cookie(headers, LANG_COOKIE).and_then(Lang::parse))
        .or_else(|| accept_language(headers))
        .unwrap_or_default()
}

/// The first language of `Accept-Language` that the pages have.
fn accept_language(headers: &HeaderMap) -> Option<Lang> {
    headers
        .get(header::ACCEPT_LANGUAGE)?
        .to_str()
        .ok()?
        .split(',')
        .map(|part| {
            part.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
        .find_map(|tag| match tag.split('-').next() {
            Some("en") => Some(Lang::En),
            Some("zh") => Some(Lang::Zh),
            _ => None,
        })
}

/// The words of one language.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Words(pub(crate) Lang);

impl Words {
    /// `en` in this language.
    pub(crate) fn t(&self, en: &'static str) -> &'static str {
        match self.0 {
            Lang::En => en,
            Lang::Zh => chinese().get(en).copied().unwrap_or(en),
        }
    }

    /// `en` in this language with `{0}` replaced by `a`.
    pub(crate) fn f1(&self, en: &'static str, a: impl std::fmt::Display) -> String {
        self.t(en).replace("{0}", &a.to_string())
    }

    /// `en` in this language with `{0}` and `{1}` replaced by `a` and `b`.
    pub(crate) fn f2(
        &self,
        en: &'static str,
        a: impl std::fmt::Display,
        b: impl std::fmt::Display,
    ) -> String {
        self.f1(en, a).replace("{1}", &b.to_string())
    }

    /// A country's short name in this language.
    pub(crate) fn country(&self, country: &CountryCode) -> &'static str {
        let info = country.info();
        match self.0 {
            Lang::Zh if !info.name_zh.is_empty() => info.name_zh,
            _ => info.name,
        }
    }

    /// `en` or `zh`, whichever this language is (for names the data holds
    /// in both).
    pub(crate) fn pick<'a>(&self, en: &'a str, zh: Option<&'a str>) -> &'a str {
        match (self.0, zh) {
            (Lang::Zh, Some(zh)) if !zh.is_empty() => zh,
            _ => en,
        }
    }

    /// `en` or `zh`, the short code pages and links use.
    pub(crate) fn code(&self) -> &'static str {
        match self.0 {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }
}

fn chinese() -> &'static HashMap<&'static str, &'static str> {
    static MAP: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| ZH.iter().copied().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// Every English text a template or a page asks for, with where.
    fn asked_for() -> Vec<(String, String)> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for dir in ["templates", "src", "src/routes"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                if path.is_file() {
                    files.push(path);
                }
            }
        }
        let mut found = Vec::new();
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap();
            for call in [".t(\"", ".f1(\"", ".f2(\""] {
                for (at, _) in text.match_indices(call) {
                    let rest = &text[at + call.len()..];
                    let end = rest.find('"').unwrap();
                    found.push((rest[..end].to_owned(), path.display().to_string()));
                }
            }
        }
        found
    }

    #[test]
    fn every_text_the_pages_show_has_its_chinese() {
        let asked = asked_for();
        assert!(
            asked.len() > 50,
            "the scan found only {} texts",
            asked.len()
        );
        let missing: Vec<_> = asked
            .iter()
            .filter(|(en, _)| !chinese().contains_key(en.as_str()))
            .collect();
        assert!(missing.is_empty(), "no Chinese for {missing:#?}");
    }

    #[test]
    fn the_catalogue_names_each_text_once() {
        assert_eq!(chinese().len(), ZH.len(), "a text appears twice in ZH");
    }

    #[test]
    fn placeholders_survive_translation() {
        for (en, zh) in ZH {
            for p in ["{0}", "{1}"] {
                assert_eq!(en.contains(p), zh.contains(p), "{en:?} / {zh:?}");
            }
        }
    }

    #[test]
    fn the_query_beats_the_account_which_beats_the_cookie_and_the_browser() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_LANGUAGE,
            "zh-CN,zh;q=0.9,en;q=0.8".parse().unwrap(),
        );
        let anonymous = Caller::Anonymous;
        assert_eq!(page_lang(&anonymous, None, &headers), Lang::Zh);
        headers.insert(header::COOKIE, "lang=en".parse().unwrap());
        assert_eq!(page_lang(&anonymous, None, &headers), Lang::En);
        assert_eq!(
            page_lang(&anonymous, Some("q=x&lang=zh"), &headers),
            Lang::Zh
        );
        assert_eq!(
            page_lang(&anonymous, Some("lang=klingon"), &HeaderMap::new()),
            Lang::En
        );
        let words = Words(Lang::Zh);
        assert_eq!(words.f2("{0} to {1}", "a", "b"), "a 至 b");
        assert_eq!(Words(Lang::En).t("Sign in"), "Sign in");
        assert_eq!(words.t("Sign in"), "登录");
    }
}
