//! A chain map: a template with, for each segment, the shares of economies,
//! their concentration and a chokepoint flag, and for each stage the
//! economies that lead it. What the report crate draws and the API returns.
//!
//! Shares are the template's curated figures unless data loaded by the user
//! ([`DataShares`]: WIOD gross output, USDA PSD coffee, BACI exports) covers
//! the segment; either way each segment says where its shares come from.
//!
//! Curated shares are percentages of the world total, and usually only the
//! largest economies are listed: the HHI is then computed on the listed
//! shares, a lower bound of the true index (the unlisted rest, spread over
//! many economies, adds little), and `listed` says how much of the world the
//! figures cover.
use crate::concentration::{ChokepointRule, concentration};
use crate::io::{IoError, WIOD_INDUSTRIES};
use crate::template::{Area, ChainTemplate, Source};
use chainfair_core::{CountryCode, IndustryId, SegmentId, Stage};
use serde::Serialize;
use std::collections::BTreeMap;

/// An economy as a map shows it: by its ISO code when it has one (a data
/// file may name an economy chainfair cannot map, e.g. "European Union").
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Economy {
    /// ISO 3166 alpha-2.
    pub code: Option<String>,
    /// ISO 3166 numeric, the id of the world map's shapes.
    pub numeric: Option<u16>,
    pub name: String,
    pub name_zh: String,
}

impl Economy {
    pub fn of(country: CountryCode) -> Self {
        let info = country.info();
        Self {
            code: Some(info.alpha2.to_owned()),
            numeric: Some(info.numeric),
            name: info.name.to_owned(),
            name_zh: info.name_zh.to_owned(),
        }
    }

    /// A data file's name for an economy: an ISO code, or a name matched
    /// (case-insensitively) against the English names chainfair knows.
    pub fn named(label: &str) -> Self {
        let label = label.trim();
        let by_code = CountryCode::parse("economy", label).ok();
        let by_name = || {
            CountryCode::all().find(|c| {
                let info = c.info();
                info.name.eq_ignore_ascii_case(label)
                    || PSD_NAMES.iter().any(|(psd, alpha2)| {
                        psd.eq_ignore_ascii_case(label) && *alpha2 == info.alpha2
                    })
            })
        };
        match by_code.or_else(by_name) {
            Some(country) => Self::of(country),
            None => Self {
                code: None,
                numeric: None,
                name: label.to_owned(),
                name_zh: label.to_owned(),
            },
        }
    }
}

/// USDA PSD country names that differ from the CLDR names chainfair uses.
const PSD_NAMES: [(&str, &str); 15] = [
    ("Yemen (Sanaa)", "YE"),
    ("United States of America", "US"),
    ("United Kingdom", "GB"),
    ("Bosnia and Herzegovina", "BA"),
    ("Trinidad and Tobago", "TT"),
    ("Turkey", "TR"),
    ("Congo (Kinshasa)", "CD"),
    ("Congo (Brazzaville)", "CG"),
    ("Cote d'Ivoire", "CI"),
    ("Burma", "MM"),
    ("Korea, South", "KR"),
    ("Laos", "LA"),
    ("Bolivia", "BO"),
    ("Venezuela", "VE"),
    ("Tanzania", "TZ"),
];

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct EconomyShare {
    #[serde(flatten)]
    pub economy: Economy,
    /// Percent.
    pub share: Option<f64>,
    pub rank: Option<u32>,
    pub year: u16,
    /// A source key of the template, or `data` for loaded data.
    pub source: String,
    pub locator: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct EnterpriseShare {
    pub name: String,
    pub economy: Option<Economy>,
    pub share: Option<f64>,
    pub rank: Option<u32>,
    pub year: u16,
    pub source: String,
    pub locator: Option<String>,
}

/// How concentrated a segment is, in percent and on the 0-10,000 scale.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, utoipa::ToSchema)]
pub struct SegmentConcentration {
    pub hhi: f64,
    pub top1: f64,
    pub top3: f64,
    /// Percent of the world the listed shares cover (100 for loaded data).
    pub listed: f64,
    pub chokepoint: bool,
}

/// Where a segment's economy shares come from.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SharesFrom {
    /// The template's sourced figures.
    Curated,
    /// Data the user loaded, described for the reader.
    Data { label: String, year: u16 },
    /// No figure.
    None,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct SegmentMap {
    pub id: SegmentId,
    pub name: String,
    pub name_zh: String,
    pub stage: Stage,
    pub feeds: Vec<SegmentId>,
    pub hs: Vec<String>,
    pub wiod: String,
    pub wiod_label: String,
    pub measure: Option<String>,
    /// Largest first.
    pub shares: Vec<EconomyShare>,
    pub shares_from: SharesFrom,
    pub concentration: Option<SegmentConcentration>,
    pub enterprises: Vec<EnterpriseShare>,
    /// The upstreamness of the segment's WIOD industry in the input-output
    /// table the map was measured on ([`ChainMap::measure`]), and the stage
    /// it classifies into (terciles of that table).
    pub measured: Option<Measured>,
}

/// A segment's place in an input-output table.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Measured {
    pub upstreamness: f64,
    pub stage: Stage,
}

/// An economy that leads at least one segment of a stage.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct StageLeader {
    #[serde(flatten)]
    pub economy: Economy,
    /// The segments it leads, in the template's order.
    pub segments: Vec<SegmentId>,
    /// Its largest share among them, percent.
    pub best_share: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct StageSummary {
    pub stage: Stage,
    pub segments: usize,
    pub chokepoints: usize,
    /// Most segments led first.
    pub leaders: Vec<StageLeader>,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ChainMap {
    pub industry: IndustryId,
    pub name: String,
    pub name_zh: String,
    pub area: Area,
    pub summary: String,
    pub summary_zh: String,
    pub chokepoint_rule: RuleFigures,
    pub stages: Vec<StageSummary>,
    pub segments: Vec<SegmentMap>,
    /// The sources the map cites, by key.
    pub sources: Vec<Source>,
    /// The input-output table the segments' upstreamness was measured on.
    pub measured_on: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, utoipa::ToSchema)]
pub struct RuleFigures {
    /// Percent.
    pub top1_at_least: f64,
    pub hhi_at_least: f64,
}

/// Economy values for a segment from loaded data.
#[derive(Debug, Clone, PartialEq)]
pub struct DataShares {
    /// What the values are, for the reader: "USDA FAS PSD coffee,
    /// Production, 1,000 bags".
    pub label: String,
    pub year: u16,
    /// Economy (ISO code or name) and a non-negative value.
    pub values: Vec<(String, f64)>,
}

/// Data-driven shares by segment id.
pub type Overrides = BTreeMap<String, DataShares>;

impl ChainMap {
    /// The map of `template`, with `overrides` replacing the curated shares of
    /// the segments they name.
    pub fn build(
        template: &ChainTemplate,
        overrides: &Overrides,
        rule: ChokepointRule,
    ) -> Result<Self, IoError> {
        let mut segments = Vec::with_capacity(template.segments.len());
        let mut cited: BTreeMap<&str, &Source> = BTreeMap::new();
        for chain_segment in &template.segments {
            let segment = &chain_segment.segment;
            let (shares, shares_from, concentration) = match overrides.get(segment.id.as_str()) {
                Some(data) => data_shares(data, rule).map_err(|e| match e {
                    IoError::Shape(message) => {
                        IoError::Shape(format!("segment {}: {}: {message}", segment.id, data.label))
                    }
                    other => other,
                })?,
                None => curated_shares(chain_segment, rule),
            };
            let enterprises = chain_segment
                .enterprises
                .iter()
                .map(|e| EnterpriseShare {
                    name: e.name.clone(),
                    economy: e.economy.map(Economy::of),
                    share: e.figure.share,
                    rank: e.figure.rank,
                    year: e.figure.year,
                    source: e.figure.source.clone(),
                    locator: e.figure.locator.clone(),
                })
                .collect::<Vec<_>>();
            for key in shares
                .iter()
                .map(|s| &s.source)
                .chain(enterprises.iter().map(|e| &e.source))
            {
                if let Some(source) = template.sources.get(key) {
                    cited.insert(&source.key, source);
                }
            }
            segments.push(SegmentMap {
                id: segment.id.clone(),
                name: segment.name.clone(),
                name_zh: segment.name_zh.clone(),
                stage: segment.stage,
                feeds: segment.feeds.clone(),
                hs: segment
                    .hs_codes
                    .iter()
                    .map(|c| c.as_str().to_owned())
                    .collect(),
                wiod: chain_segment.wiod.clone(),
                wiod_label: WIOD_INDUSTRIES
                    .iter()
                    .find(|(code, _)| *code == chain_segment.wiod)
                    .map_or_else(String::new, |(_, label)| (*label).to_owned()),
                measure: match overrides.get(segment.id.as_str()) {
                    Some(data) => Some(data.label.clone()),
                    None => chain_segment.measure.clone(),
                },
                shares,
                shares_from,
                concentration,
                enterprises,
                measured: None,
            });
        }
        let stages = Stage::ALL
            .iter()
            .map(|&stage| stage_summary(stage, &segments))
            .collect();
        Ok(ChainMap {
            industry: template.industry.id.clone(),
            name: template.industry.name.clone(),
            name_zh: template.industry.name_zh.clone(),
            area: template.area,
            summary: template.summary.clone(),
            summary_zh: template.summary_zh.clone(),
            chokepoint_rule: RuleFigures {
                top1_at_least: 100.0 * rule.top1_at_least,
                hhi_at_least: rule.hhi_at_least,
            },
            stages,
            segments,
            sources: cited.into_values().cloned().collect(),
            measured_on: None,
        })
    }

    /// Measures every segment's WIOD industry in `table` (named `label` for
    /// the reader): open-economy upstreamness (Antràs, Chor, Fally and
    /// Hillberry 2012) and the stage by terciles of the table's sectors. A
    /// segment whose industry the table lacks, or has no output in, stays
    /// unmeasured.
    pub fn measure(&mut self, table: &crate::io::IoTable, label: &str) -> Result<(), IoError> {
        let upstreamness = table.upstreamness(crate::io::UpstreamnessModel::Open)?;
        let classes = table.classify(&upstreamness, crate::io::StageThresholds::TERCILES);
        for segment in &mut self.segments {
            segment.measured = classes
                .iter()
                .find(|c| c.code == segment.wiod)
                .map(|c| Measured {
                    upstreamness: c.upstreamness,
                    stage: c.stage,
                });
        }
        self.measured_on = Some(label.to_owned());
        Ok(())
    }

    pub fn segment(&self, id: &str) -> Option<&SegmentMap> {
        self.segments.iter().find(|s| s.id.as_str() == id)
    }
}

type Shares = (Vec<EconomyShare>, SharesFrom, Option<SegmentConcentration>);

fn curated_shares(segment: &crate::template::ChainSegment, rule: ChokepointRule) -> Shares {
    let mut shares: Vec<EconomyShare> = segment
        .economies
        .iter()
        .map(|e| EconomyShare {
            economy: Economy::of(e.economy),
            share: e.figure.share,
            rank: e.figure.rank,
            year: e.figure.year,
            source: e.figure.source.clone(),
            locator: e.figure.locator.clone(),
        })
        .collect();
    // An economy ranked first leads; then shares, largest first; then the
    // economies known by rank only.
    shares.sort_by(|a, b| {
        let first = |s: &EconomyShare| s.rank != Some(1);
        first(a).cmp(&first(b)).then(match (a.share, b.share) {
            (Some(x), Some(y)) => y.total_cmp(&x),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.rank.cmp(&b.rank),
        })
    });
    let mut percents: Vec<f64> = shares.iter().filter_map(|s| s.share).collect();
    percents.sort_by(|a, b| b.total_cmp(a));
    let concentration = (!percents.is_empty()).then(|| {
        let hhi = percents.iter().map(|p| p * p).sum();
        let top1 = percents[0];
        SegmentConcentration {
            hhi,
            top1,
            top3: percents.iter().take(3).sum(),
            listed: percents.iter().sum(),
            chokepoint: top1 >= 100.0 * rule.top1_at_least || hhi >= rule.hhi_at_least,
        }
    });
    let from = if shares.is_empty() {
        SharesFrom::None
    } else {
        SharesFrom::Curated
    };
    (shares, from, concentration)
}

fn data_shares(data: &DataShares, rule: ChokepointRule) -> Result<Shares, IoError> {
    let c = concentration(data.values.iter().cloned(), rule)?;
    let shares = c
        .shares
        .iter()
        .enumerate()
        .map(|(i, s)| EconomyShare {
            economy: Economy::named(&s.economy),
            share: Some(100.0 * s.share),
            rank: u32::try_from(i + 1).ok(),
            year: data.year,
            source: "data".to_owned(),
            locator: None,
        })
        .collect();
    let concentration = SegmentConcentration {
        hhi: c.hhi,
        top1: 100.0 * c.top1,
        top3: 100.0 * c.top3,
        listed: 100.0,
        chokepoint: c.chokepoint,
    };
    let from = SharesFrom::Data {
        label: data.label.clone(),
        year: data.year,
    };
    Ok((shares, from, Some(concentration)))
}

fn stage_summary(stage: Stage, segments: &[SegmentMap]) -> StageSummary {
    let at_stage: Vec<&SegmentMap> = segments.iter().filter(|s| s.stage == stage).collect();
    let mut leaders: Vec<StageLeader> = Vec::new();
    for segment in &at_stage {
        // The leader: the largest share, or rank 1 when only ranks are known.
        let Some(first) = segment.shares.first() else {
            continue;
        };
        if first.share.is_none() && first.rank != Some(1) {
            continue;
        }
        match leaders.iter_mut().find(|l| l.economy == first.economy) {
            Some(leader) => {
                leader.segments.push(segment.id.clone());
                leader.best_share = match (leader.best_share, first.share) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    (a, b) => a.or(b),
                };
            }
            None => leaders.push(StageLeader {
                economy: first.economy.clone(),
                segments: vec![segment.id.clone()],
                best_share: first.share,
            }),
        }
    }
    leaders.sort_by(|a, b| {
        b.segments
            .len()
            .cmp(&a.segments.len())
            .then_with(|| a.economy.name.cmp(&b.economy.name))
    });
    StageSummary {
        stage,
        segments: at_stage.len(),
        chokepoints: at_stage
            .iter()
            .filter(|s| s.concentration.is_some_and(|c| c.chokepoint))
            .count(),
        leaders,
    }
}

/// Shares of each segment's WIOD industry in gross output across national
/// tables: `tables` holds each economy's code (the file's ISO alpha-3
/// prefix) and its table for `year`.
pub fn wiod_overrides(
    template: &ChainTemplate,
    tables: &[(String, crate::io::IoTable)],
    year: u16,
) -> Overrides {
    template
        .segments
        .iter()
        .map(|segment| {
            let values = tables
                .iter()
                .filter_map(|(economy, table)| {
                    let sector = table.sectors().iter().find(|s| s.code == segment.wiod)?;
                    Some((economy.clone(), sector.output))
                })
                .collect();
            let data = DataShares {
                label: format!(
                    "WIOD 2016 release, gross output of {} in {year} across {} national tables (USD million)",
                    segment.wiod,
                    tables.len()
                ),
                year,
                values,
            };
            (segment.segment.id.to_string(), data)
        })
        .collect()
}

/// Shares from the USDA PSD coffee file for the segments that name one of its
/// columns (`psd_coffee`).
pub fn psd_coffee_overrides(
    template: &ChainTemplate,
    file_bytes: &[u8],
    file: &str,
    year: u16,
) -> Result<Overrides, IoError> {
    let mut overrides = Overrides::new();
    for segment in &template.segments {
        if let Some(column) = &segment.psd_coffee {
            let values = crate::concentration::read_psd_coffee(file_bytes, file, year, column)?;
            let data = DataShares {
                label: format!("USDA FAS PSD coffee, {column} {year} (1,000 bags of 60 kg)"),
                year,
                values,
            };
            overrides.insert(segment.segment.id.to_string(), data);
        }
    }
    Ok(overrides)
}

/// Shares of exporters in a BACI file over each segment's HS codes, for the
/// segments that have HS codes and some trade in the file.
pub fn baci_overrides(
    template: &ChainTemplate,
    flows: &[u8],
    file: &str,
    countries: Option<(&[u8], &str)>,
    year: u16,
) -> Result<Overrides, IoError> {
    let mut overrides = Overrides::new();
    for segment in &template.segments {
        let hs = &segment.segment.hs_codes;
        if hs.is_empty() {
            continue;
        }
        let values = crate::concentration::read_baci(flows, file, hs, countries)?;
        if values.iter().all(|(_, v)| *v <= 0.0) {
            continue;
        }
        let codes: Vec<&str> = hs.iter().map(|c| c.as_str()).collect();
        let data = DataShares {
            label: format!(
                "BACI exports {year}, HS {} (thousand USD), by exporter",
                codes.join(", ")
            ),
            year,
            values,
        };
        overrides.insert(segment.segment.id.to_string(), data);
    }
    Ok(overrides)
}
