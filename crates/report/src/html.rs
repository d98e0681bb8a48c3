//! Maps in HTML: the SVG with its figures as a table.
use crate::Lang;
use crate::svg::References;
use crate::text::{escape, percent, rank, stage_name, thousands, words};
use chainfair_chains::map::ChainMap;
use std::fmt::Write;

/// The figures of `map` as an HTML table, one row per segment.
pub fn chain_table(map: &ChainMap, lang: Lang) -> String {
    let w = words(lang);
    let refs = References::of(map);
    let mut out = String::new();
    let _ = write!(
        out,
        "<table class=\"chain-figures\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>HHI</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        w.segment,
        lang.pick("Stage", "阶段"),
        w.economies,
        w.enterprises,
        w.source
    );
    for s in &map.segments {
        let economies: Vec<String> = s
            .shares
            .iter()
            .map(|share| {
                let value = match (share.share, share.rank) {
                    (Some(p), _) => percent(p, lang),
                    (None, Some(r)) => rank(r, lang),
                    (None, None) => String::new(),
                };
                format!(
                    "{} {value} ({})",
                    lang.pick(&share.economy.name, &share.economy.name_zh),
                    share.year
                )
            })
            .collect();
        let enterprises: Vec<String> = s
            .enterprises
            .iter()
            .map(|e| {
                let value = match (e.share, e.rank) {
                    (Some(p), _) => format!(" {}", percent(p, lang)),
                    (None, Some(r)) => format!(" {}", rank(r, lang)),
                    (None, None) => String::new(),
                };
                format!("{}{value} ({})", e.name, e.year)
            })
            .collect();
        let hhi = s.concentration.map_or_else(String::new, |c| {
            let mut text = thousands(c.hhi);
            if c.listed < 99.95 {
                text.insert_str(0, "≥ ");
            }
            if c.chokepoint {
                text.push_str(&format!(
                    " <strong class=\"chokepoint\">{}</strong>",
                    w.chokepoint
                ));
            }
            text
        });
        let _ = write!(
            out,
            "<tr id=\"row-{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            s.id,
            escape(lang.pick(&s.name, &s.name_zh)),
            stage_name(s.stage, lang),
            escape(&economies.join("; ")),
            hhi,
            escape(&enterprises.join("; ")),
            escape(&refs.cited(s))
        );
    }
    out.push_str("</tbody></table><ol class=\"sources\">");
    for line in &refs.lines {
        let _ = write!(out, "<li>{}</li>", escape(line));
    }
    out.push_str("</ol>");
    out
}

/// A standalone HTML document: `title` (escaped here), the page's own CSS
/// after the common rules, and `body`.
pub(crate) fn document(lang: Lang, title: &str, css: &str, body: &str) -> String {
    format!(
        r#"<!doctype html>
<html lang="{code}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: {font}; margin: 1.5rem; color: #1a1a1a; }}
table {{ border-collapse: collapse; }}
{css}
</style>
</head>
<body>
{body}
</body>
</html>
"#,
        code = lang.code(),
        title = escape(title),
        font = crate::svg::FONT,
    )
}

/// A standalone page: `svg` (a chain or world map of `map`) and the table.
pub fn html_page(map: &ChainMap, lang: Lang, svg: &str) -> String {
    let title = format!("{} · chainfair", lang.pick(&map.name, &map.name_zh));
    let css = "figure { margin: 0; }
figure svg { width: 100%; height: auto; max-width: 1180px; }
table { font-size: 0.85rem; margin-top: 1rem; }
th, td { border: 1px solid #ccc; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
.chokepoint { color: #c62828; }
.sources { font-size: 0.8rem; }
@page { size: A4 landscape; margin: 10mm; }
@media print { body { margin: 0; } table { page-break-before: always; } }";
    let body = format!("<figure>{svg}</figure>\n{}", chain_table(map, lang));
    document(lang, &title, css, &body)
}
