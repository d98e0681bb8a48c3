//! The Global Supply Chain Promotion Report: every chain map, after a
//! summary table of the chokepoints, as one printable HTML document.
use crate::text::{escape, percent, stage_name, thousands};
use crate::{Lang, chain_svg};
use chainfair_chains::map::ChainMap;
use std::fmt::Write;

/// The report for `maps`, titled after `edition` when given.
pub fn promotion_html(maps: &[ChainMap], edition: Option<&str>, lang: Lang) -> String {
    let title = lang.pick("Global Supply Chain Promotion Report", "全球供应链促进报告");
    let mut body = String::new();
    let _ = write!(body, "<header><h1>{}</h1>", escape(title));
    if let Some(edition) = edition {
        let _ = write!(body, "<p class=\"edition\">{}</p>", escape(edition));
    }
    let _ = write!(
        body,
        "<p>{}</p></header>",
        escape(lang.pick(
            "For each industry: its chain from upstream to downstream, the economies and enterprises that dominate each segment, and the chokepoints, where one economy holds half or more of a segment or the HHI reaches 2,500. Every figure carries its source and year.",
            "各产业链从上游到下游的环节、各环节的主导经济体与龙头企业，以及卡点（单一经济体份额达到一半及以上，或 HHI 达到 2,500）。每个数据均注明来源与年份。",
        ))
    );

    // The chokepoints of every chain, most concentrated first.
    let mut rows: Vec<(f64, String)> = Vec::new();
    for map in maps {
        for s in &map.segments {
            let Some(c) = s.concentration.filter(|c| c.chokepoint) else {
                continue;
            };
            let Some(top) = s.shares.first() else {
                continue;
            };
            let share = top.share.map_or_else(String::new, |p| percent(p, lang));
            let at_least = if c.listed < 99.95 { "≥ " } else { "" };
            let mut row = String::new();
            let _ = write!(
                row,
                "<tr><td><a href=\"#{}\">{}</a></td><td>{}</td><td>{}</td><td>{} {}</td><td class=\"n\">{at_least}{}</td><td class=\"n\">{}</td></tr>",
                map.industry,
                escape(lang.pick(&map.name, &map.name_zh)),
                escape(lang.pick(&s.name, &s.name_zh)),
                stage_name(s.stage, lang),
                escape(lang.pick(&top.economy.name, &top.economy.name_zh)),
                share,
                thousands(c.hhi),
                top.year
            );
            rows.push((c.hhi, row));
        }
    }
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    let _ = write!(
        body,
        "<section class=\"summary\"><h2>{}</h2><table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>HHI</th><th>{}</th></tr></thead><tbody>",
        lang.pick("Chokepoints", "卡点一览"),
        lang.pick("Industry", "产业链"),
        lang.pick("Segment", "环节"),
        lang.pick("Stage", "阶段"),
        lang.pick("Leading economy", "主导经济体"),
        lang.pick("Year", "年份"),
    );
    for (_, row) in &rows {
        body.push_str(row);
    }
    let _ = write!(
        body,
        "</tbody></table><p class=\"note\">{}</p></section>",
        escape(&format!(
            "{} {}",
            rows.len(),
            lang.pick(
                "chokepoints across the chains; HHI with \"≥\" is computed on the listed shares only.",
                "个卡点；带“≥”的 HHI 仅按所列份额计算。",
            )
        ))
    );
    for map in maps {
        let _ = write!(
            body,
            "<section class=\"chain\" id=\"{}\">{}</section>",
            map.industry,
            chain_svg(map, lang)
        );
    }
    let css = "header h1 { margin-bottom: 0.2rem; }
.edition { color: #555; margin-top: 0; }
table { font-size: 0.85rem; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.note { font-size: 0.8rem; color: #555; }
section.chain svg { width: 100%; height: auto; max-width: 1180px; }
@page { size: A4 landscape; margin: 10mm; }
@media print { body { margin: 0; } section.chain { page-break-before: always; } }";
    crate::html::document(lang, title, css, &body)
}
