//! The closing report of an edition, read like the organiser's closing
//! statement: the headline figures first, then the exhibitors by region and
//! the comparison with the previous edition. Markdown and HTML, in English
//! and Chinese; every number comes from [`EditionFigures`].
use crate::Lang;
use crate::text::{escape, thousands};
use chainfair_store::EditionFigures;
use std::fmt::Write;

/// `152299998613.22` -> `152.30 billion` / `1,523.00 亿`, rounded half up.
fn amount_words(total: &str, lang: Lang) -> String {
    let whole = total.split('.').next().unwrap_or(total);
    let Ok(n) = whole.parse::<u128>() else {
        return total.to_owned();
    };
    match lang {
        Lang::En if n >= 1_000_000_000 => {
            let hundredths = (n + 5_000_000) / 10_000_000;
            format!("{}.{:02} billion", hundredths / 100, hundredths % 100)
        }
        Lang::En if n >= 1_000_000 => {
            let hundredths = (n + 5_000) / 10_000;
            format!("{}.{:02} million", hundredths / 100, hundredths % 100)
        }
        Lang::Zh if n >= 100_000_000 => {
            let hundredths = (n + 500_000) / 1_000_000;
            format!(
                "{}.{:02}亿",
                thousands((hundredths / 100) as f64),
                hundredths % 100
            )
        }
        Lang::Zh if n >= 10_000 => {
            let hundredths = (n + 50) / 100;
            format!(
                "{}.{:02}万",
                thousands((hundredths / 100) as f64),
                hundredths % 100
            )
        }
        _ => total.to_owned(),
    }
}

fn count(n: u64) -> String {
    thousands(n as f64)
}

fn growth(g: Option<f64>, lang: Lang) -> String {
    match (g, lang) {
        (None, Lang::En) => "no previous edition".to_owned(),
        (None, Lang::Zh) => "无上届数据".to_owned(),
        (Some(g), Lang::En) => format!("{:+.1} % on the previous edition", 100.0 * g),
        (Some(g), Lang::Zh) => format!(
            "较上届{}{:.1}%",
            if g >= 0.0 { "增长" } else { "下降" },
            100.0 * g.abs()
        ),
    }
}

/// The report's statements and tables as (heading, lines) in `lang`.
struct Closing {
    title: String,
    statement: Vec<String>,
    rows: Vec<(String, String)>,
    regions: Vec<(String, u64)>,
}

fn closing(f: &EditionFigures, lang: Lang) -> Closing {
    let e = &f.exhibitors;
    let cny = f.agreements.total.get("CNY");
    let usd = f.agreements.total.get("USD");
    let regions: Vec<(String, u64)> = [
        (lang.pick("Europe", "欧洲"), e.overseas_by_region.europe),
        (lang.pick("Americas", "美洲"), e.overseas_by_region.americas),
        (lang.pick("Asia", "亚洲"), e.overseas_by_region.asia),
        (lang.pick("Africa", "非洲"), e.overseas_by_region.africa),
        (lang.pick("Oceania", "大洋洲"), e.overseas_by_region.oceania),
    ]
    .into_iter()
    .map(|(name, n)| (name.to_owned(), n))
    .collect();
    let share = 100.0 * e.overseas_share;
    let amounts = match (cny, usd, lang) {
        (Some(c), Some(u), Lang::En) => format!(
            "worth {} yuan (some ${})",
            amount_words(c, lang),
            amount_words(u, lang)
        ),
        (Some(c), Some(u), Lang::Zh) => format!(
            "金额 {}元人民币（约合 {}美元）",
            amount_words(c, lang),
            amount_words(u, lang)
        ),
        (_, _, Lang::En) => "whose total cannot be converted (a rate is missing)".to_owned(),
        (_, _, Lang::Zh) => "（缺少汇率，无法折算总额）".to_owned(),
    };
    let statement = match lang {
        Lang::En => vec![
            format!(
                "{} exhibiting organisations took part ({} with co-exhibitors) from {} countries and regions; {} of them ({:.0} %) came from overseas.",
                count(e.organizations),
                count(e.with_co_exhibitors),
                count(e.countries),
                count(e.overseas),
                share
            ),
            format!(
                "{} cooperation and intention agreements were signed, {amounts}.",
                count(f.agreements.count)
            ),
            format!(
                "{} suppliers and {} key clients were connected to the exhibitors.",
                count(f.suppliers_connected),
                count(f.key_clients_engaged)
            ),
            format!(
                "{} visitors came, {} on site and {} online; {} organisations have already signed up for the next edition.",
                count(f.audience.total),
                count(f.audience.offline),
                count(f.audience.online),
                count(f.next_edition_signups)
            ),
        ],
        Lang::Zh => vec![
            format!(
                "共有 {} 家企业和机构参展（含联合参展商 {} 家），来自 {} 个国家和地区，其中境外参展商 {} 家，占 {:.0}%。",
                count(e.organizations),
                count(e.with_co_exhibitors),
                count(e.countries),
                count(e.overseas),
                share
            ),
            format!(
                "签署合作协议和意向协议 {} 项，{amounts}。",
                count(f.agreements.count)
            ),
            format!(
                "参展商对接供应商 {} 家、重点客户 {} 家。",
                count(f.suppliers_connected),
                count(f.key_clients_engaged)
            ),
            format!(
                "线上线下观众共 {} 人，其中现场 {} 人、线上 {} 人；已有 {} 家机构报名下届。",
                count(f.audience.total),
                count(f.audience.offline),
                count(f.audience.online),
                count(f.next_edition_signups)
            ),
        ],
    };
    let w = |en: &str, zh: &str| lang.pick(en, zh).to_owned();
    let rows = vec![
        (
            w("Exhibiting organisations", "参展企业和机构"),
            format!("{} ({})", count(e.organizations), growth(e.growth, lang)),
        ),
        (
            w("With co-exhibitors", "含联合参展商"),
            count(e.with_co_exhibitors),
        ),
        (
            w("Overseas exhibitors", "境外参展商"),
            format!(
                "{} ({})",
                count(e.overseas),
                crate::text::percent(share, lang)
            ),
        ),
        (w("Countries and regions", "国家和地区"), count(e.countries)),
        (
            w("Agreements", "签约协议"),
            format!(
                "{} ({} / {})",
                count(f.agreements.count),
                count(f.agreements.cooperation),
                count(f.agreements.intention)
            ),
        ),
        (
            w("Agreement total, CNY", "协议总额（人民币）"),
            cny.cloned().unwrap_or_else(|| "–".into()),
        ),
        (
            w("Agreement total, USD", "协议总额（美元）"),
            usd.cloned().unwrap_or_else(|| "–".into()),
        ),
        (
            w("Suppliers connected", "对接供应商"),
            count(f.suppliers_connected),
        ),
        (
            w("Key clients engaged", "对接重点客户"),
            count(f.key_clients_engaged),
        ),
        (
            w("Audience (on site + online)", "观众（现场 + 线上）"),
            format!(
                "{} ({})",
                count(f.audience.total),
                growth(f.audience.growth, lang)
            ),
        ),
        (
            w("Signed up for the next edition", "报名下届"),
            count(f.next_edition_signups),
        ),
    ];
    Closing {
        title: match lang {
            Lang::En => format!("{}: closing report", f.name),
            Lang::Zh => format!("{} · 闭幕报告", f.name),
        },
        statement,
        rows,
        regions,
    }
}

/// The closing report as Markdown.
pub fn closing_markdown(f: &EditionFigures, lang: Lang) -> String {
    let c = closing(f, lang);
    let mut out = format!("# {}\n\n", c.title);
    for line in &c.statement {
        let _ = writeln!(out, "{line}\n");
    }
    let (figure, value) = (lang.pick("Figure", "指标"), lang.pick("Value", "数值"));
    let _ = writeln!(
        out,
        "## {}\n\n| {figure} | {value} |\n|---|---|",
        lang.pick("Headline figures", "主要数据")
    );
    for (k, v) in &c.rows {
        let _ = writeln!(out, "| {k} | {v} |");
    }
    let _ = writeln!(
        out,
        "\n## {}\n\n| {} | {} |\n|---|---:|",
        lang.pick("Overseas exhibitors by region", "境外参展商地区分布"),
        lang.pick("Region", "地区"),
        lang.pick("Exhibitors", "参展商")
    );
    for (region, n) in &c.regions {
        let _ = writeln!(out, "| {region} | {} |", count(*n));
    }
    out
}

/// The closing report as a standalone HTML page, with a bar chart of the
/// overseas exhibitors by region.
pub fn closing_html(f: &EditionFigures, lang: Lang) -> String {
    let c = closing(f, lang);
    let mut body = format!("<h1>{}</h1>", escape(&c.title));
    for line in &c.statement {
        let _ = write!(body, "<p>{}</p>", escape(line));
    }
    let _ = write!(
        body,
        "<h2>{}</h2><table>",
        lang.pick("Headline figures", "主要数据")
    );
    for (k, v) in &c.rows {
        let _ = write!(
            body,
            "<tr><th>{}</th><td>{}</td></tr>",
            escape(k),
            escape(v)
        );
    }
    body.push_str("</table>");
    let _ = write!(
        body,
        "<h2>{}</h2>",
        lang.pick("Overseas exhibitors by region", "境外参展商地区分布")
    );
    let max = c.regions.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1) as f64;
    let mut svg = String::from(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 520 170" width="520" height="170" role="img">"##,
    );
    for (i, (region, n)) in c.regions.iter().enumerate() {
        let y = 10.0 + 30.0 * i as f64;
        let width = 340.0 * *n as f64 / max;
        let _ = write!(
            svg,
            r##"<text x="0" y="{}" font-size="13">{}</text><rect x="90" y="{}" width="{width:.1}" height="18" fill="#1f5f8b"/><text x="{:.1}" y="{}" font-size="13">{}</text>"##,
            y + 14.0,
            escape(region),
            y,
            96.0 + width,
            y + 14.0,
            count(*n)
        );
    }
    svg.push_str("</svg>");
    body.push_str(&svg);
    let css = "body { margin: 2rem; max-width: 50rem; }
th, td { border-bottom: 1px solid #ddd; padding: 0.3rem 0.8rem; text-align: left; }
@page { size: A4 portrait; margin: 15mm; }";
    crate::html::document(lang, &c.title, css, &body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_as_billions_and_yi() {
        assert_eq!(amount_words("152299998613.22", Lang::En), "152.30 billion");
        assert_eq!(amount_words("20990000000.00", Lang::En), "20.99 billion");
        assert_eq!(amount_words("152299998613.22", Lang::Zh), "1,523.00亿");
        assert_eq!(amount_words("10784702.46", Lang::En), "10.78 million");
        assert_eq!(amount_words("10784702.46", Lang::Zh), "1,078.47万");
    }
}
