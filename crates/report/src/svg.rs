//! The chain map as SVG.
//!
//! Layout: a title block; three stage columns (upstream, midstream,
//! downstream), each headed by its name and the economies that lead its
//! segments; in each column the segments, ordered by their depth in the
//! graph (longest path from a segment nothing feeds) then as the template
//! lists them; arrows for `feeds` drawn under the boxes; a footer with the
//! chokepoint rule and the numbered sources. 1,180 px wide, which prints at
//! about 7 pt for the smallest text on A4 landscape.
use crate::Lang;
use crate::text::{escape, fit, percent, rank, stage_name, thousands, words, wrap};
use chainfair_chains::map::{ChainMap, SegmentMap, SharesFrom};
use chainfair_core::Stage;
use std::collections::BTreeMap;
use std::fmt::Write;

pub(crate) const WIDTH: f64 = 1180.0;
const MARGIN: f64 = 20.0;
const COLUMN: f64 = 326.0;
const GUTTER: f64 = 81.0;
const PAD: f64 = 10.0;
const BAR_LABEL: f64 = 112.0;
const BAR_MAX: f64 = 130.0;
const GAP: f64 = 16.0;
pub(crate) const FONT: &str = "'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',Arial,Helvetica,sans-serif";

pub(crate) fn stage_colour(stage: Stage) -> &'static str {
    match stage {
        Stage::Upstream => "#1f5f8b",
        Stage::Midstream => "#2a7f62",
        Stage::Downstream => "#a4512a",
    }
}

const CHOKEPOINT: &str = "#c62828";

/// Footnote numbers: curated sources by key, then loaded data by label.
pub(crate) struct References {
    numbers: BTreeMap<String, usize>,
    pub lines: Vec<String>,
}

impl References {
    pub(crate) fn of(map: &ChainMap) -> Self {
        let mut refs = References {
            numbers: BTreeMap::new(),
            lines: Vec::new(),
        };
        for source in &map.sources {
            let mut line = format!("{} ({}). {}.", source.publisher, source.year, source.title);
            if let Some(url) = &source.url {
                line.push(' ');
                line.push_str(url);
            }
            refs.add(source.key.clone(), line);
        }
        for segment in &map.segments {
            if let SharesFrom::Data { label, .. } = &segment.shares_from {
                refs.add(format!("data:{label}"), label.clone());
            }
        }
        refs
    }

    fn add(&mut self, key: String, line: String) {
        if !self.numbers.contains_key(&key) {
            self.lines.push(line);
            self.numbers.insert(key, self.lines.len());
        }
    }

    /// The numbers a segment cites, in order: `[1][3]`.
    pub(crate) fn cited(&self, segment: &SegmentMap) -> String {
        let mut numbers: Vec<usize> = Vec::new();
        let data_key = match &segment.shares_from {
            SharesFrom::Data { label, .. } => Some(format!("data:{label}")),
            _ => None,
        };
        let keys = segment
            .shares
            .iter()
            .map(|s| match (&data_key, s.source.as_str()) {
                (Some(key), "data") => key.clone(),
                (_, key) => key.to_owned(),
            })
            .chain(segment.enterprises.iter().map(|e| e.source.clone()));
        for key in keys {
            if let Some(&n) = self.numbers.get(&key)
                && !numbers.contains(&n)
            {
                numbers.push(n);
            }
        }
        numbers.sort_unstable();
        numbers.iter().map(|n| format!("[{n}]")).collect()
    }
}

/// What one segment's box shows, measured before drawing.
struct Card<'a> {
    segment: &'a SegmentMap,
    enterprise_lines: Vec<String>,
    height: f64,
    x: f64,
    y: f64,
}

const NAME_LINE: f64 = 18.0;
const META_LINE: f64 = 14.0;
const BAR_LINE: f64 = 17.0;
const SMALL_LINE: f64 = 14.0;

fn enterprise_text(segment: &SegmentMap, lang: Lang) -> String {
    let w = words(lang);
    let names: Vec<String> = segment
        .enterprises
        .iter()
        .take(4)
        .map(|e| {
            let mut text = e.name.clone();
            let mut detail: Vec<String> = Vec::new();
            if let Some(economy) = &e.economy
                && let Some(code) = &economy.code
            {
                detail.push(code.clone());
            }
            if let Some(share) = e.share {
                detail.push(percent(share, lang));
            } else if let Some(r) = e.rank {
                detail.push(rank(r, lang));
            }
            if !detail.is_empty() {
                text.push_str(&format!(" ({})", detail.join(", ")));
            }
            text
        })
        .collect();
    if names.is_empty() {
        String::new()
    } else {
        let separator = if lang == Lang::Zh { "；" } else { "; " };
        format!("{}: {}", w.leading, names.join(separator))
    }
}

fn card_height(segment: &SegmentMap, enterprise_lines: usize) -> f64 {
    let bars = segment.shares.len().clamp(1, 3) as f64;
    let concentration = if segment.concentration.is_some() {
        SMALL_LINE
    } else {
        0.0
    };
    PAD + NAME_LINE
        + META_LINE
        + 4.0
        + bars * BAR_LINE
        + concentration
        + enterprise_lines as f64 * SMALL_LINE
        + PAD
}

/// Each segment's position in the map, by id.
fn positions(map: &ChainMap) -> BTreeMap<&str, usize> {
    map.segments
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect()
}

/// Depth of each segment: the longest chain of `feeds` that reaches it.
fn depths(map: &ChainMap) -> Vec<usize> {
    let n = map.segments.len();
    let index = positions(map);
    let mut depth = vec![0usize; n];
    // The graph has no cycle, so n rounds of relaxation settle every depth.
    for _ in 0..n {
        let mut changed = false;
        for (i, segment) in map.segments.iter().enumerate() {
            for target in &segment.feeds {
                if let Some(&t) = index.get(target.as_str())
                    && depth[t] < depth[i] + 1
                {
                    depth[t] = depth[i] + 1;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    depth
}

/// The segments of each stage column, top to bottom. Segments linked within
/// a column form a block kept in depth order (so arrows inside a column
/// point down); blocks are ordered by a few sweeps of the barycentre
/// heuristic (each block moves towards the mean position of its neighbours
/// in the other columns), which untangles most arrows.
fn column_orders(map: &ChainMap) -> [Vec<usize>; 3] {
    let n = map.segments.len();
    let depth = depths(map);
    let column = |i: usize| {
        Stage::ALL
            .iter()
            .position(|&s| s == map.segments[i].stage)
            .unwrap_or(0)
    };
    let index = positions(map);
    // Blocks: union-find over the edges inside a column.
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, segment) in map.segments.iter().enumerate() {
        for target in &segment.feeds {
            let Some(&t) = index.get(target.as_str()) else {
                continue;
            };
            if column(t) == column(i) {
                let (a, b) = (root(&mut parent, i), root(&mut parent, t));
                parent[a] = b;
            } else {
                neighbours[i].push(t);
                neighbours[t].push(i);
            }
        }
    }
    let mut blocks: [Vec<Vec<usize>>; 3] = Default::default();
    let mut block_of: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
    for i in 0..n {
        let r = root(&mut parent, i);
        let c = column(i);
        let k = *block_of.entry(r).or_insert_with(|| {
            blocks[c].push(Vec::new());
            (c, blocks[c].len() - 1)
        });
        blocks[k.0][k.1].push(i);
    }
    for column_blocks in &mut blocks {
        for block in column_blocks.iter_mut() {
            block.sort_by_key(|&i| (depth[i], i));
        }
        column_blocks.sort_by_key(|b| (depth[b[0]], b[0]));
    }
    let flatten = |blocks: &[Vec<Vec<usize>>; 3]| -> [Vec<usize>; 3] {
        blocks
            .clone()
            .map(|column_blocks| column_blocks.into_iter().flatten().collect())
    };
    for _ in 0..4 {
        for c in [1, 2, 0] {
            // Relative positions (0 to 1) of every segment as placed now.
            let mut place = vec![0.0; n];
            for order in &flatten(&blocks) {
                for (k, &i) in order.iter().enumerate() {
                    place[i] = (k as f64 + 0.5) / order.len() as f64;
                }
            }
            let key = |block: &Vec<usize>| {
                let linked: Vec<f64> = block
                    .iter()
                    .flat_map(|&i| neighbours[i].iter().map(|&m| place[m]))
                    .collect();
                if linked.is_empty() {
                    place[block[0]]
                } else {
                    linked.iter().sum::<f64>() / linked.len() as f64
                }
            };
            let mut keyed: Vec<(f64, Vec<usize>)> =
                blocks[c].drain(..).map(|b| (key(&b), b)).collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1[0].cmp(&b.1[0])));
            blocks[c] = keyed.into_iter().map(|(_, b)| b).collect();
        }
    }
    flatten(&blocks)
}

/// The chain map of `map` as a standalone SVG document.
pub fn chain_svg(map: &ChainMap, lang: Lang) -> String {
    let w = words(lang);
    let refs = References::of(map);
    let mut out = String::new();

    // Title block.
    let title = lang.pick(&map.name, &map.name_zh);
    let area = lang.pick(map.area.name(), map.area.name_zh());
    let summary = lang.pick(&map.summary, &map.summary_zh);
    let summary_lines = wrap(summary, WIDTH - 2.0 * MARGIN, 12.5, 2);
    let mut y = MARGIN + 22.0;
    let mut body = String::new();
    let _ = write!(
        body,
        r##"<text x="{MARGIN}" y="{y}" font-size="22" font-weight="700" fill="#1a1a1a">{}</text>"##,
        escape(title)
    );
    let _ = write!(
        body,
        r##"<text x="{}" y="{y}" font-size="13" text-anchor="end" fill="#555">{}</text>"##,
        WIDTH - MARGIN,
        escape(area)
    );
    for line in &summary_lines {
        y += 18.0;
        let _ = write!(
            body,
            r##"<text x="{MARGIN}" y="{y}" font-size="12.5" fill="#333">{}</text>"##,
            escape(line)
        );
    }
    y += 16.0;

    // Stage headers.
    let column_x = |stage: Stage| match stage {
        Stage::Upstream => MARGIN,
        Stage::Midstream => MARGIN + COLUMN + GUTTER,
        Stage::Downstream => MARGIN + 2.0 * (COLUMN + GUTTER),
    };
    let header_top = y;
    for summary in &map.stages {
        let x = column_x(summary.stage);
        let colour = stage_colour(summary.stage);
        let _ = write!(
            body,
            r#"<rect x="{x}" y="{header_top}" width="{COLUMN}" height="28" rx="4" fill="{colour}"/>"#
        );
        let _ = write!(
            body,
            r##"<text x="{}" y="{}" font-size="15" font-weight="700" fill="#fff">{}</text>"##,
            x + PAD,
            header_top + 19.0,
            escape(stage_name(summary.stage, lang))
        );
        let leaders: Vec<String> = summary
            .leaders
            .iter()
            .take(3)
            .map(|l| {
                format!(
                    "{} ({})",
                    lang.pick(&l.economy.name, &l.economy.name_zh),
                    l.segments.len()
                )
            })
            .collect();
        let text = if leaders.is_empty() {
            format!("{}: –", w.leaders)
        } else {
            format!("{}: {}", w.leaders, leaders.join(", "))
        };
        let _ = write!(
            body,
            r##"<text x="{x}" y="{}" font-size="11.5" fill="#333">{}</text>"##,
            header_top + 45.0,
            escape(&fit(&text, COLUMN, 11.5))
        );
    }
    let top = header_top + 60.0;

    // Cards, placed column by column.
    let mut cards: Vec<Card> = Vec::with_capacity(map.segments.len());
    let mut bottom = top;
    for (stage, order) in Stage::ALL.into_iter().zip(column_orders(map)) {
        let mut cy = top;
        for i in order {
            let segment = &map.segments[i];
            let enterprise_lines =
                wrap(&enterprise_text(segment, lang), COLUMN - 2.0 * PAD, 10.5, 2);
            let height = card_height(segment, enterprise_lines.len());
            cards.push(Card {
                segment,
                enterprise_lines,
                height,
                x: column_x(stage),
                y: cy,
            });
            cy += height + GAP;
        }
        bottom = bottom.max(cy);
    }
    let position: BTreeMap<&str, usize> = cards
        .iter()
        .enumerate()
        .map(|(k, c)| (c.segment.id.as_str(), k))
        .collect();

    // Arrows first, so that boxes sit on top of them.
    let mut arrows = String::new();
    for card in &cards {
        for target in &card.segment.feeds {
            let Some(&k) = position.get(target.as_str()) else {
                continue;
            };
            let to = &cards[k];
            let path = if (to.x - card.x).abs() < 1.0 {
                // Same column: out of a side edge, round the gutter, back in;
                // the right side, except in the last column (the left there).
                let last = card.x + COLUMN + 40.0 > WIDTH;
                let (x, out) = if last {
                    (card.x, -1.0)
                } else {
                    (card.x + COLUMN, 1.0)
                };
                let (y1, y2) = (card.y + card.height / 2.0, to.y + 14.0);
                format!(
                    "M{x:.1},{y1:.1} C{:.1},{y1:.1} {:.1},{y2:.1} {:.1},{y2:.1}",
                    x + out * 34.0,
                    x + out * 34.0,
                    x + out * 6.0
                )
            } else {
                let (x1, y1) = (card.x + COLUMN, card.y + card.height / 2.0);
                let (x2, y2) = (to.x - 6.0, to.y + 24.0);
                let bend = (x2 - x1).abs() / 2.0;
                format!(
                    "M{x1:.1},{y1:.1} C{:.1},{y1:.1} {:.1},{y2:.1} {x2:.1},{y2:.1}",
                    x1 + bend,
                    x2 - bend
                )
            };
            let _ = write!(
                arrows,
                r##"<path d="{path}" fill="none" stroke="#8a94a6" stroke-width="1.4" marker-end="url(#arrow)"/>"##
            );
        }
    }
    body.push_str(&arrows);

    for card in &cards {
        draw_card(&mut body, card, &refs, lang);
    }

    // Footer.
    let mut fy = bottom + 6.0;
    let _ = write!(
        body,
        r##"<line x1="{MARGIN}" y1="{fy}" x2="{}" y2="{fy}" stroke="#ccc"/>"##,
        WIDTH - MARGIN
    );
    let rule = w
        .rule
        .replace(
            "{top1}",
            &format!("{:.0}", map.chokepoint_rule.top1_at_least),
        )
        .replace("{hhi}", &thousands(map.chokepoint_rule.hhi_at_least));
    let mut line = format!("{rule} {}", w.hhi_note);
    if let Some(table) = &map.measured_on {
        line.push(' ');
        line.push_str(&w.upstreamness_note.replace("{table}", table));
    }
    fy += 16.0;
    let _ = write!(
        body,
        r##"<text x="{MARGIN}" y="{fy}" font-size="10.5" fill="#444">{}</text>"##,
        escape(&fit(&line, WIDTH - 2.0 * MARGIN, 10.5))
    );
    fy += 18.0;
    let _ = write!(
        body,
        r##"<text x="{MARGIN}" y="{fy}" font-size="11" font-weight="700" fill="#333">{}</text>"##,
        w.sources
    );
    for (n, line) in refs.lines.iter().enumerate() {
        fy += 14.0;
        let text = format!("[{}] {line}", n + 1);
        let _ = write!(
            body,
            r##"<text x="{MARGIN}" y="{fy}" font-size="10" fill="#444">{}</text>"##,
            escape(&fit(&text, WIDTH - 2.0 * MARGIN, 10.0))
        );
    }
    let height = fy + MARGIN;

    let _ = write!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0}" width="{WIDTH}" height="{height:.0}" font-family="{FONT}" role="img" aria-labelledby="map-title">"##
    );
    let _ = write!(out, r#"<title id="map-title">{}</title>"#, escape(title));
    out.push_str(r##"<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#8a94a6"/></marker></defs>"##);
    let _ = write!(
        out,
        r##"<rect width="{WIDTH}" height="{height:.0}" fill="#fff"/>"##
    );
    out.push_str(&body);
    out.push_str("</svg>\n");
    // One element per line: readable, and diffs (snapshots) line by line.
    out.replace("><", ">\n<")
}

fn draw_card(out: &mut String, card: &Card, refs: &References, lang: Lang) {
    let w = words(lang);
    let s = card.segment;
    let (x, y) = (card.x, card.y);
    let colour = stage_colour(s.stage);
    let chokepoint = s.concentration.is_some_and(|c| c.chokepoint);
    let (stroke, stroke_width) = if chokepoint {
        (CHOKEPOINT, 2.5)
    } else {
        ("#b8c0cc", 1.0)
    };
    let _ = write!(
        out,
        r##"<g id="segment-{}" class="segment"><rect x="{x}" y="{y}" width="{COLUMN}" height="{:.1}" rx="6" fill="#fff" stroke="{stroke}" stroke-width="{stroke_width}"/>"##,
        s.id, card.height
    );
    let _ = write!(
        out,
        r#"<rect x="{x}" y="{y}" width="5" height="{:.1}" fill="{colour}"/>"#,
        card.height
    );
    let mut badge_width = 0.0;
    if chokepoint {
        badge_width = if lang == Lang::Zh { 40.0 } else { 78.0 };
        let bx = x + COLUMN - PAD - badge_width;
        let _ = write!(
            out,
            r##"<rect x="{bx}" y="{}" width="{badge_width}" height="17" rx="8.5" fill="{CHOKEPOINT}"/><text x="{}" y="{}" font-size="10.5" font-weight="700" fill="#fff" text-anchor="middle">{}</text>"##,
            y + PAD - 1.0,
            bx + badge_width / 2.0,
            y + PAD + 11.5,
            w.chokepoint
        );
    }
    let mut ty = y + PAD + 13.0;
    let name = lang.pick(&s.name, &s.name_zh);
    let _ = write!(
        out,
        r##"<text x="{}" y="{ty}" font-size="13.5" font-weight="700" fill="#1a1a1a">{}</text>"##,
        x + PAD + 2.0,
        escape(&fit(name, COLUMN - 2.0 * PAD - badge_width - 6.0, 13.5))
    );
    ty += META_LINE + 1.0;
    let mut meta: Vec<String> = Vec::new();
    if !s.hs.is_empty() {
        meta.push(format!("HS {}", s.hs.join(" ")));
    }
    meta.push(format!("WIOD {}", s.wiod));
    if let Some(m) = &s.measured {
        meta.push(format!(
            "{} {:.2} ({})",
            lang.pick("U", "上游度"),
            m.upstreamness,
            stage_name(m.stage, lang)
        ));
    }
    if let Some(measure) = &s.measure {
        meta.push(measure.clone());
    }
    let cited = refs.cited(s);
    let _ = write!(
        out,
        r##"<text x="{}" y="{ty}" font-size="10" fill="#667">{}</text>"##,
        x + PAD + 2.0,
        escape(&fit(
            &meta.join(" · "),
            COLUMN - 2.0 * PAD - 8.0 * cited.len() as f64,
            10.0
        ))
    );
    if !cited.is_empty() {
        let _ = write!(
            out,
            r##"<text x="{}" y="{ty}" font-size="10" fill="#445" text-anchor="end">{}</text>"##,
            x + COLUMN - PAD,
            escape(&cited)
        );
    }
    ty += 6.0;
    if s.shares.is_empty() {
        ty += BAR_LINE;
        let _ = write!(
            out,
            r##"<text x="{}" y="{}" font-size="11" font-style="italic" fill="#888">{}</text>"##,
            x + PAD + 2.0,
            ty - 4.0,
            w.no_figures
        );
    }
    for share in s.shares.iter().take(3) {
        ty += BAR_LINE;
        let label = lang.pick(&share.economy.name, &share.economy.name_zh);
        let _ = write!(
            out,
            r##"<text x="{}" y="{}" font-size="11" fill="#222">{}</text>"##,
            x + PAD + 2.0,
            ty - 4.0,
            escape(&fit(label, BAR_LABEL - 6.0, 11.0))
        );
        let bx = x + PAD + BAR_LABEL;
        let _ = write!(
            out,
            r##"<rect x="{bx}" y="{}" width="{BAR_MAX}" height="10" fill="#eef0f3"/>"##,
            ty - 13.0
        );
        let value = match (share.share, share.rank) {
            (Some(p), _) => {
                let _ = write!(
                    out,
                    r#"<rect x="{bx}" y="{}" width="{:.1}" height="10" fill="{colour}"/>"#,
                    ty - 13.0,
                    BAR_MAX * p / 100.0
                );
                percent(p, lang)
            }
            (None, Some(r)) => rank(r, lang),
            (None, None) => String::new(),
        };
        let _ = write!(
            out,
            r##"<text x="{}" y="{}" font-size="11" fill="#222">{} <tspan fill="#888" font-size="9.5">{}</tspan></text>"##,
            bx + BAR_MAX + 6.0,
            ty - 4.0,
            escape(&value),
            share.year
        );
    }
    if let Some(c) = s.concentration {
        ty += SMALL_LINE;
        let at_least = if c.listed < 99.95 { "≥ " } else { "" };
        let mut text = format!("HHI {at_least}{}", thousands(c.hhi));
        text.push_str(&format!(" · top 3 {}", percent(c.top3, lang)));
        if c.listed < 99.95 {
            text.push_str(&format!(" · {} {}", w.covers, percent(c.listed, lang)));
        }
        let _ = write!(
            out,
            r##"<text x="{}" y="{}" font-size="10" fill="#555">{}</text>"##,
            x + PAD + 2.0,
            ty - 2.0,
            escape(&text)
        );
    }
    for line in &card.enterprise_lines {
        ty += SMALL_LINE;
        let _ = write!(
            out,
            r##"<text x="{}" y="{}" font-size="10.5" fill="#333">{}</text>"##,
            x + PAD + 2.0,
            ty - 2.0,
            escape(line)
        );
    }
    out.push_str("</g>");
}
