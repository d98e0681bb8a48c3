//! Text for SVG and HTML: escaping, widths, numbers and the fixed words in
//! both languages.
use crate::Lang;
use chainfair_core::Stage;

/// Escapes text for XML and HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not allowed in XML 1.0.
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Estimated width of `text` in em: CJK and full-width characters take one
/// em, others about 0.56 (sans-serif average), capitals a little more.
fn width_em(c: char) -> f64 {
    let code = u32::from(c);
    if (0x2E80..=0x9FFF).contains(&code)
        || (0xAC00..=0xD7AF).contains(&code)
        || (0xF900..=0xFAFF).contains(&code)
        || (0xFF00..=0xFF60).contains(&code)
        || (0x3000..=0x303F).contains(&code)
    {
        1.0
    } else if c.is_ascii_uppercase() || c == 'm' || c == 'w' || c == '%' {
        0.72
    } else if matches!(
        c,
        'i' | 'l' | 'j' | '.' | ',' | ' ' | '\'' | '(' | ')' | '|'
    ) {
        0.3
    } else {
        0.56
    }
}

/// Estimated width of `text` in pixels at `font_px`.
pub fn width_px(text: &str, font_px: f64) -> f64 {
    text.chars().map(width_em).sum::<f64>() * font_px
}

/// `text` cut (with an ellipsis) to fit `max_px` at `font_px`.
pub fn fit(text: &str, max_px: f64, font_px: f64) -> String {
    let budget = max_px / font_px;
    let total: f64 = text.chars().map(width_em).sum();
    if total <= budget {
        return text.to_owned();
    }
    let mut used = 1.0; // the ellipsis
    let mut out = String::new();
    for c in text.chars() {
        used += width_em(c);
        if used > budget {
            break;
        }
        out.push(c);
    }
    out.trim_end().to_owned() + "…"
}

/// Splits `text` into at most `lines` lines that fit `max_px`, at spaces
/// (or anywhere for CJK text); the last line is cut with an ellipsis.
pub fn wrap(text: &str, max_px: f64, font_px: f64, lines: usize) -> Vec<String> {
    let budget = max_px / font_px;
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut used = 0.0;
    let mut pieces: Vec<String> = Vec::new();
    for word in text.split_inclusive(' ') {
        if word.chars().any(|c| width_em(c) >= 1.0) {
            pieces.extend(word.chars().map(String::from));
        } else {
            pieces.push(word.to_owned());
        }
    }
    for piece in pieces {
        let w: f64 = piece.chars().map(width_em).sum();
        if used + w > budget && !line.is_empty() {
            out.push(line.trim_end().to_owned());
            line = String::new();
            used = 0.0;
        }
        line.push_str(&piece);
        used += w;
    }
    if !line.trim().is_empty() {
        out.push(line.trim_end().to_owned());
    }
    if out.len() > lines {
        let rest = out[lines - 1..].join(" ");
        out.truncate(lines - 1);
        out.push(fit(&rest, max_px, font_px));
    }
    out
}

/// A percentage with one decimal: `38.7 %` (English) or `38.7%` (Chinese).
pub fn percent(value: f64, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{value:.1} %"),
        Lang::Zh => format!("{value:.1}%"),
    }
}

/// A whole number with thousands separators: 1,919.
pub fn thousands(value: f64) -> String {
    let rounded = value.round();
    let digits = format!("{:.0}", rounded.abs());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if rounded < 0.0 {
        out.insert(0, '-');
    }
    out
}

/// The fixed words of a map.
pub struct Words {
    pub chokepoint: &'static str,
    pub leading: &'static str,
    pub leaders: &'static str,
    pub sources: &'static str,
    pub no_figures: &'static str,
    pub rule: &'static str,
    pub hhi_note: &'static str,
    pub upstreamness_note: &'static str,
    pub segment: &'static str,
    pub economies: &'static str,
    pub enterprises: &'static str,
    pub source: &'static str,
    pub no_data: &'static str,
    pub covers: &'static str,
}

pub fn words(lang: Lang) -> Words {
    match lang {
        Lang::En => Words {
            chokepoint: "chokepoint",
            leading: "Leading",
            leaders: "Leaders",
            sources: "Sources",
            no_figures: "no sourced figure",
            rule: "Chokepoint: top economy at least {top1} % or HHI at least {hhi} (0-10,000 scale).",
            hhi_note: "HHI on the listed shares (a lower bound when they cover less than 100 %).",
            upstreamness_note: "U: open-economy upstreamness of the segment's WIOD industry in {table} (Antràs et al. 2012), stage by terciles.",
            segment: "Segment",
            economies: "Economies",
            enterprises: "Enterprises",
            source: "Source",
            no_data: "no data",
            covers: "listed",
        },
        Lang::Zh => Words {
            chokepoint: "卡点",
            leading: "龙头企业",
            leaders: "主导经济体",
            sources: "资料来源",
            no_figures: "暂无有来源的数据",
            rule: "卡点：第一大经济体份额不低于 {top1}% 或 HHI 不低于 {hhi}（0-10,000）。",
            hhi_note: "HHI 按所列份额计算（所列份额合计不足 100% 时为下限）。",
            upstreamness_note: "上游度：该环节所属 WIOD 行业在 {table} 中的开放经济上游度（Antràs 等，2012），按三分位划分阶段。",
            segment: "环节",
            economies: "经济体",
            enterprises: "企业",
            source: "来源",
            no_data: "无数据",
            covers: "已列",
        },
    }
}

pub fn stage_name(stage: Stage, lang: Lang) -> &'static str {
    match (stage, lang) {
        (Stage::Upstream, Lang::En) => "Upstream",
        (Stage::Midstream, Lang::En) => "Midstream",
        (Stage::Downstream, Lang::En) => "Downstream",
        (Stage::Upstream, Lang::Zh) => "上游",
        (Stage::Midstream, Lang::Zh) => "中游",
        (Stage::Downstream, Lang::Zh) => "下游",
    }
}

/// A rank as words: `#1` / `第1`.
pub fn rank(rank: u32, lang: Lang) -> String {
    match lang {
        Lang::En => format!("#{rank}"),
        Lang::Zh => format!("第{rank}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fitting_and_wrapping() {
        assert_eq!(fit("Polysilicon", 200.0, 12.0), "Polysilicon");
        let cut = fit(
            "Integrated circuit design and electronic design automation",
            100.0,
            12.0,
        );
        assert!(cut.ends_with('…') && cut.len() < 40, "{cut}");
        let lines = wrap("one two three four five six seven", 60.0, 12.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'));
        assert_eq!(
            wrap("多晶硅环节", 30.0, 12.0, 3),
            vec!["多晶", "硅环", "节"]
        );
        assert_eq!(thousands(1919.4), "1,919");
        assert_eq!(thousands(10000.0), "10,000");
        assert_eq!(escape("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
    }
}
