//! The closing report of an edition, read like the organiser's closing
//! statement: the headline figures with the comparison with the previous
//! edition first, then charts of the overseas exhibitors by region, the
//! agreements by industry and the audience by day. Markdown (charts as
//! tables with text bars) and HTML (SVG bar charts), in English and
//! Chinese; every number comes from [`EditionFigures`].
use crate::Lang;
use crate::text::{escape, thousands};
use chainfair_chains::template::Chains;
use chainfair_store::EditionFigures;
use std::fmt::Write;

/// `152299998613.22` -> `152.30 billion` / `1,523.00 亿`, rounded half up.
pub fn amount_words(total: &str, lang: Lang) -> String {
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
        _ => match total.split_once('.') {
            Some((_, cents)) => format!("{}.{cents}", thousands(n as f64)),
            None => thousands(n as f64),
        },
    }
}

fn count(n: u64) -> String {
    thousands(n as f64)
}

/// The change on the previous edition in words (`+9.9 % on the previous
/// edition` / `较上届增长9.9%`).
pub fn growth(g: Option<f64>, lang: Lang) -> String {
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

/// A bar chart: a title, the heading of the label and value columns, and
/// the bars as (label, length, value as shown).
struct Chart {
    title: String,
    label: String,
    value: String,
    bars: Vec<(String, f64, String)>,
}

/// The report's title, statements, headline rows and charts in `lang`.
struct Closing {
    title: String,
    statement: Vec<String>,
    rows: Vec<(String, String)>,
    charts: Vec<Chart>,
}

/// The three charts: overseas exhibitors by region, agreements by industry
/// (bar length = amount in CNY; industries named from `chains` when known),
/// audience on site by day.
fn charts(f: &EditionFigures, chains: &Chains, lang: Lang) -> Vec<Chart> {
    let w = |en: &str, zh: &str| lang.pick(en, zh).to_owned();
    let r = &f.exhibitors.overseas_by_region;
    let regions = [
        (w("Europe", "欧洲"), r.europe),
        (w("Americas", "美洲"), r.americas),
        (w("Asia", "亚洲"), r.asia),
        (w("Africa", "非洲"), r.africa),
        (w("Oceania", "大洋洲"), r.oceania),
    ];
    let industries = f.agreements.by_industry.iter().map(|i| {
        let name = match &i.industry {
            None => w("(no industry)", "（未注明行业）"),
            Some(id) => chains.get(id).map_or_else(
                || id.clone(),
                |t| lang.pick(&t.industry.name, &t.industry.name_zh).to_owned(),
            ),
        };
        let length = i.cny.as_deref().map_or(0.0, |c| c.parse().unwrap_or(0.0));
        let amount = match (i.cny.as_deref(), lang) {
            (Some(_), _) if length == 0.0 => w("no amount stated", "未披露金额"),
            (Some(cny), Lang::En) => format!("{} yuan", amount_words(cny, lang)),
            (Some(cny), Lang::Zh) => format!("{}元", amount_words(cny, lang)),
            (None, _) => w("not convertible (a rate is missing)", "缺少汇率"),
        };
        let shown = match lang {
            Lang::En if i.count == 1 => format!("{amount}, 1 agreement"),
            Lang::En => format!("{amount}, {} agreements", count(i.count)),
            Lang::Zh => format!("{amount}，{} 项", count(i.count)),
        };
        (name, length, shown)
    });
    vec![
        Chart {
            title: w("Overseas exhibitors by region", "境外参展商地区分布"),
            label: w("Region", "地区"),
            value: w("Exhibitors", "参展商"),
            bars: regions
                .into_iter()
                .map(|(name, n)| (name, n as f64, count(n)))
                .collect(),
        },
        Chart {
            title: w("Agreements by industry", "分行业签约"),
            label: w("Industry", "行业"),
            value: w("Amount (CNY) and agreements", "金额（人民币）与协议数"),
            bars: industries.collect(),
        },
        Chart {
            title: w("Audience on site by day", "每日现场观众"),
            label: w("Day", "日期"),
            value: w("Checked in", "入场人数"),
            bars: f
                .audience
                .by_day
                .iter()
                .map(|d| (d.date.clone(), d.offline as f64, count(d.offline)))
                .collect(),
        },
    ]
}

fn closing(f: &EditionFigures, chains: &Chains, lang: Lang) -> Closing {
    let e = &f.exhibitors;
    let cny = f.agreements.total.get("CNY");
    let usd = f.agreements.total.get("USD");
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
        charts: charts(f, chains, lang),
    }
}

/// A bar of `length` out of `max`, in `width` eighths-precise block characters.
fn text_bar(length: f64, max: f64, width: usize) -> String {
    let eighths = if max > 0.0 {
        (length / max * (width * 8) as f64).round() as usize
    } else {
        0
    };
    let mut bar = "█".repeat(eighths / 8);
    if eighths % 8 > 0 {
        bar.push(['▏', '▎', '▍', '▌', '▋', '▊', '▉'][eighths % 8 - 1]);
    }
    bar
}

fn longest(chart: &Chart) -> f64 {
    chart.bars.iter().map(|b| b.1).fold(0.0, f64::max)
}

/// The closing report as Markdown.
pub fn closing_markdown(f: &EditionFigures, chains: &Chains, lang: Lang) -> String {
    let c = closing(f, chains, lang);
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
    for chart in &c.charts {
        let _ = writeln!(
            out,
            "\n## {}\n\n| {} | {} | |\n|---|---:|---|",
            chart.title, chart.label, chart.value
        );
        let max = longest(chart);
        for (label, length, shown) in &chart.bars {
            let _ = writeln!(
                out,
                "| {label} | {shown} | {} |",
                text_bar(*length, max, 20)
            );
        }
        if chart.bars.is_empty() {
            let _ = writeln!(out, "| – | – | |");
        }
    }
    out
}

/// One chart as an SVG of horizontal bars.
fn chart_svg(chart: &Chart) -> String {
    // Labels get the room their longest needs at 13 px: about 7 px a Latin
    // character, 13 px a Chinese one.
    let text_width = |s: &str| -> f64 {
        s.chars()
            .map(|c| if c.is_ascii() { 7.0 } else { 13.0 })
            .sum()
    };
    let longest_label = chart
        .bars
        .iter()
        .map(|b| text_width(&b.0))
        .fold(0.0, f64::max);
    let (label_width, bar_width, row) = (longest_label.clamp(60.0, 320.0) + 12.0, 260.0, 26.0);
    let width = label_width + bar_width + 290.0;
    let height = 8.0 + row * chart.bars.len().max(1) as f64;
    let mut svg = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="{}">"##,
        escape(&chart.title)
    );
    let max = longest(chart);
    for (i, (label, length, shown)) in chart.bars.iter().enumerate() {
        let y = 4.0 + row * i as f64;
        let width = if max > 0.0 {
            bar_width * length / max
        } else {
            0.0
        };
        let _ = write!(
            svg,
            r##"<text x="{}" y="{}" font-size="13" text-anchor="end">{}</text><rect x="{}" y="{y}" width="{width:.1}" height="18" fill="#1f5f8b"/><text x="{:.1}" y="{}" font-size="13">{}</text>"##,
            label_width - 6.0,
            y + 14.0,
            escape(label),
            label_width,
            label_width + width + 6.0,
            y + 14.0,
            escape(shown)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// The closing report as a standalone HTML page, its charts drawn in SVG.
/// The report's charts as SVG, each with its title, for pages that show
/// them beside other things (the edition dashboard).
pub fn closing_charts(f: &EditionFigures, chains: &Chains, lang: Lang) -> Vec<(String, String)> {
    charts(f, chains, lang)
        .iter()
        .map(|c| (c.title.clone(), chart_svg(c)))
        .collect()
}

pub fn closing_html(f: &EditionFigures, chains: &Chains, lang: Lang) -> String {
    let c = closing(f, chains, lang);
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
    for chart in &c.charts {
        let _ = write!(
            body,
            "<h2>{}</h2>{}",
            escape(&chart.title),
            chart_svg(chart)
        );
    }
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
        assert_eq!(amount_words("142531.35", Lang::En), "142,531.35");
        assert_eq!(amount_words("9999.50", Lang::Zh), "9,999.50");
    }

    #[test]
    fn text_bars_are_proportional_to_the_eighth() {
        assert_eq!(text_bar(10.0, 10.0, 4), "████");
        assert_eq!(text_bar(5.0, 10.0, 4), "██");
        assert_eq!(text_bar(1.0, 16.0, 2), "▏");
        assert_eq!(text_bar(0.0, 10.0, 4), "");
        assert_eq!(text_bar(0.0, 0.0, 4), "");
    }
}
