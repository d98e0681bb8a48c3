//! Chain templates: an industry's segments, the graph of what feeds what,
//! each segment's HS codes and WIOD industry, and the sourced figures on who
//! dominates it. One TOML file per industry (schema in docs/formats.md).
//!
//! The project's own templates (`data/chains/`) are built into the binary;
//! [`Chains::with_dir`] adds a user's directory, whose files replace built-in
//! industries of the same id. Every file is validated as a whole and every
//! problem is reported with the file and the field it is in.
use crate::io::WIOD_INDUSTRIES;
use chainfair_core::{CountryCode, HsCode, Industry, IndustryId, Segment, SegmentId, Stage};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;

/// The project's templates, embedded at build time.
const BUILT_IN: [(&str, &str); 11] = [
    (
        "ai-servers.toml",
        include_str!("../../../data/chains/ai-servers.toml"),
    ),
    (
        "coffee.toml",
        include_str!("../../../data/chains/coffee.toml"),
    ),
    (
        "cotton.toml",
        include_str!("../../../data/chains/cotton.toml"),
    ),
    (
        "humanoid-robots.toml",
        include_str!("../../../data/chains/humanoid-robots.toml"),
    ),
    (
        "integrated-circuits.toml",
        include_str!("../../../data/chains/integrated-circuits.toml"),
    ),
    (
        "lithium-ion-batteries.toml",
        include_str!("../../../data/chains/lithium-ion-batteries.toml"),
    ),
    (
        "medical-devices.toml",
        include_str!("../../../data/chains/medical-devices.toml"),
    ),
    (
        "photovoltaics.toml",
        include_str!("../../../data/chains/photovoltaics.toml"),
    ),
    (
        "smart-cars.toml",
        include_str!("../../../data/chains/smart-cars.toml"),
    ),
    (
        "soybeans.toml",
        include_str!("../../../data/chains/soybeans.toml"),
    ),
    (
        "wind-power.toml",
        include_str!("../../../data/chains/wind-power.toml"),
    ),
];

/// The exhibition area an industry is shown in.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Area {
    SmartVehicles,
    GreenAgriculture,
    CleanEnergy,
    DigitalTechnology,
    HealthyLife,
    AdvancedManufacturing,
}

impl Area {
    pub const ALL: [Area; 6] = [
        Area::SmartVehicles,
        Area::GreenAgriculture,
        Area::CleanEnergy,
        Area::DigitalTechnology,
        Area::HealthyLife,
        Area::AdvancedManufacturing,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Area::SmartVehicles => "smart-vehicles",
            Area::GreenAgriculture => "green-agriculture",
            Area::CleanEnergy => "clean-energy",
            Area::DigitalTechnology => "digital-technology",
            Area::HealthyLife => "healthy-life",
            Area::AdvancedManufacturing => "advanced-manufacturing",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Area::SmartVehicles => "Smart vehicles",
            Area::GreenAgriculture => "Green agriculture",
            Area::CleanEnergy => "Clean energy",
            Area::DigitalTechnology => "Digital technology",
            Area::HealthyLife => "Healthy life",
            Area::AdvancedManufacturing => "Advanced manufacturing",
        }
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            Area::SmartVehicles => "智能汽车链",
            Area::GreenAgriculture => "绿色农业链",
            Area::CleanEnergy => "清洁能源链",
            Area::DigitalTechnology => "数字科技链",
            Area::HealthyLife => "健康生活链",
            Area::AdvancedManufacturing => "先进制造链",
        }
    }
}

/// A publication figures are taken from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Source {
    pub key: String,
    pub publisher: String,
    pub title: String,
    /// Year of publication.
    pub year: u16,
    pub url: Option<String>,
}

/// A sourced figure on an economy's or an enterprise's place in a segment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// Percent of the world total of what the segment's `measure` says.
    pub share: Option<f64>,
    /// 1 = largest.
    pub rank: Option<u32>,
    /// The year the figure refers to.
    pub year: u16,
    /// Key of the template's source.
    pub source: String,
    /// Where in the source: chapter, table, figure or page.
    pub locator: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EconomyFigure {
    pub economy: CountryCode,
    #[serde(flatten)]
    pub figure: Figure,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnterpriseFigure {
    pub name: String,
    pub economy: Option<CountryCode>,
    #[serde(flatten)]
    pub figure: Figure,
}

/// A segment of a template with what the chain maps show of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChainSegment {
    #[serde(flatten)]
    pub segment: Segment,
    /// The WIOD 2016 industry code (A01 ... U) the segment mostly belongs to.
    pub wiod: String,
    /// What the shares measure (production, capacity, exports ...).
    pub measure: Option<String>,
    /// The USDA PSD coffee column whose figures give this segment's shares
    /// when a PSD file is loaded (`Production`, `Bean Exports` ...).
    pub psd_coffee: Option<String>,
    pub economies: Vec<EconomyFigure>,
    pub enterprises: Vec<EnterpriseFigure>,
}

/// One industry chain, validated.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChainTemplate {
    #[serde(flatten)]
    pub industry: Industry,
    pub area: Area,
    pub summary: String,
    pub summary_zh: String,
    /// By key.
    pub sources: BTreeMap<String, Source>,
    /// In the file's order.
    pub segments: Vec<ChainSegment>,
    /// The file it was read from (`built-in:coffee.toml` for the project's).
    #[serde(skip)]
    pub file: String,
}

impl ChainTemplate {
    pub fn segment(&self, id: &str) -> Option<&ChainSegment> {
        self.segments.iter().find(|s| s.segment.id.as_str() == id)
    }
}

/// A problem in a template file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    pub file: String,
    /// Path of the field, e.g. `segments[3].feeds[0]`; empty for the file.
    pub field: String,
    pub message: String,
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}: {}: {}", self.file, self.field, self.message)
        }
    }
}

/// Every problem found in a set of template files, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateErrors(pub Vec<TemplateError>);

impl fmt::Display for TemplateErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        write!(
            f,
            "{n} problem{} in chain templates",
            if n == 1 { "" } else { "s" }
        )?;
        for error in &self.0 {
            write!(f, "\n  {error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for TemplateErrors {}

// The file as written; `deny_unknown_fields` turns a misspelt key into an
// error instead of a silently missing figure.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTemplate {
    id: String,
    name: String,
    name_zh: String,
    area: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    summary_zh: String,
    #[serde(default)]
    sources: BTreeMap<String, RawSource>,
    segments: Vec<RawSegment>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    publisher: String,
    title: String,
    year: i64,
    url: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSegment {
    id: String,
    name: String,
    name_zh: String,
    stage: String,
    #[serde(default)]
    feeds: Vec<String>,
    #[serde(default)]
    hs: Vec<String>,
    wiod: String,
    measure: Option<String>,
    psd_coffee: Option<String>,
    #[serde(default)]
    economies: Vec<RawFigure>,
    #[serde(default)]
    enterprises: Vec<RawFigure>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFigure {
    /// Enterprises only.
    name: Option<String>,
    economy: Option<String>,
    share: Option<f64>,
    rank: Option<i64>,
    year: i64,
    source: String,
    #[serde(rename = "where")]
    locator: Option<String>,
}

/// The columns of the USDA PSD coffee file a segment may take shares from.
pub const PSD_COFFEE_COLUMNS: [&str; 7] = [
    "Production",
    "Arabica Production",
    "Robusta Production",
    "Bean Exports",
    "Roast & Ground Exports",
    "Soluble Exports",
    "Domestic Consumption",
];

/// Collects the problems of one file.
struct Check<'a> {
    file: &'a str,
    errors: Vec<TemplateError>,
}

impl Check<'_> {
    fn error(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.errors.push(TemplateError {
            file: self.file.to_owned(),
            field: field.into(),
            message: message.into(),
        });
    }

    fn required(&mut self, field: &str, value: &str) -> String {
        let value = value.trim();
        if value.is_empty() {
            self.error(field, "must not be empty");
        }
        value.to_owned()
    }

    fn year(&mut self, field: String, year: i64) -> u16 {
        match u16::try_from(year) {
            Ok(y) if (1900..=2100).contains(&y) => y,
            _ => {
                self.error(field, format!("{year} is not a year between 1900 and 2100"));
                0
            }
        }
    }

    fn figure(
        &mut self,
        at: &str,
        raw: &RawFigure,
        sources: &BTreeMap<String, RawSource>,
    ) -> Figure {
        if let Some(share) = raw.share
            && !(share.is_finite() && share > 0.0 && share <= 100.0)
        {
            self.error(
                format!("{at}.share"),
                format!("{share} is not a percentage in (0, 100]"),
            );
        }
        let rank = raw.rank.map(|r| match u32::try_from(r) {
            Ok(r) if r >= 1 => r,
            _ => {
                self.error(
                    format!("{at}.rank"),
                    format!("{r} is not a rank (1 or more)"),
                );
                1
            }
        });
        if raw.share.is_none() && raw.rank.is_none() {
            self.error(at, "a figure needs a share or a rank (or both)");
        }
        if !sources.contains_key(raw.source.trim()) {
            self.error(
                format!("{at}.source"),
                format!("{:?} is not one of the file's [sources]", raw.source),
            );
        }
        Figure {
            share: raw.share,
            rank,
            year: self.year(format!("{at}.year"), raw.year),
            source: raw.source.trim().to_owned(),
            locator: raw.locator.as_ref().map(|l| l.trim().to_owned()),
        }
    }

    fn economy(&mut self, field: String, code: Option<&str>) -> Option<CountryCode> {
        let code = code?;
        CountryCode::parse("economy", code)
            .map_err(|e| self.error(field, e.message().to_owned()))
            .ok()
    }
}

/// Parses and validates one template file; `file` names it in errors.
pub fn parse_template(file: &str, text: &str) -> Result<ChainTemplate, Vec<TemplateError>> {
    let raw: RawTemplate = toml::from_str(text).map_err(|e| {
        vec![TemplateError {
            file: file.to_owned(),
            field: String::new(),
            message: e.to_string().trim_end().replace('\n', "\n    "),
        }]
    })?;
    let mut check = Check {
        file,
        errors: Vec::new(),
    };
    let industry_id = IndustryId::parse("id", &raw.id).map_err(|e| check.error("id", e.message()));
    let area = Area::ALL
        .into_iter()
        .find(|a| a.as_str() == raw.area.trim())
        .unwrap_or_else(|| {
            let known: Vec<&str> = Area::ALL.iter().map(|a| a.as_str()).collect();
            check.error(
                "area",
                format!("{:?} is not one of {}", raw.area, known.join(", ")),
            );
            Area::AdvancedManufacturing
        });
    let industry_name = check.required("name", &raw.name);
    let industry_name_zh = check.required("name_zh", &raw.name_zh);

    let mut sources = BTreeMap::new();
    for (key, source) in &raw.sources {
        let at = format!("sources.{key}");
        let publisher = check.required(&format!("{at}.publisher"), &source.publisher);
        let title = check.required(&format!("{at}.title"), &source.title);
        let year = check.year(format!("{at}.year"), source.year);
        if let Some(url) = &source.url
            && !(url.starts_with("https://") || url.starts_with("http://"))
        {
            check.error(
                format!("{at}.url"),
                format!("{url:?} is not an http(s) address"),
            );
        }
        sources.insert(
            key.clone(),
            Source {
                key: key.clone(),
                publisher,
                title,
                year,
                url: source.url.clone(),
            },
        );
    }

    if raw.segments.is_empty() {
        check.error("segments", "a chain needs at least one segment");
    }
    let mut position: HashMap<&str, usize> = HashMap::new();
    for (i, segment) in raw.segments.iter().enumerate() {
        if position.insert(segment.id.trim(), i).is_some() {
            check.error(
                format!("segments[{i}].id"),
                format!("segment {:?} is defined twice", segment.id),
            );
        }
    }

    let mut segments = Vec::with_capacity(raw.segments.len());
    for (i, raw_segment) in raw.segments.iter().enumerate() {
        let at = format!("segments[{i}]");
        let id = SegmentId::parse("id", &raw_segment.id)
            .map_err(|e| check.error(format!("{at}.id"), e.message()));
        let stage = Stage::parse("stage", &raw_segment.stage)
            .map_err(|e| check.error(format!("{at}.stage"), e.message()));
        let name = check.required(&format!("{at}.name"), &raw_segment.name);
        let name_zh = check.required(&format!("{at}.name_zh"), &raw_segment.name_zh);
        let mut feeds = Vec::new();
        for (j, target) in raw_segment.feeds.iter().enumerate() {
            let field = format!("{at}.feeds[{j}]");
            match position.get(target.trim()) {
                None => check.error(field, format!("unknown segment {target:?}")),
                Some(&k) if k == i => check.error(field, "a segment cannot feed itself"),
                Some(_) => {
                    if let Ok(t) = SegmentId::parse("feeds", target) {
                        feeds.push(t);
                    }
                }
            }
        }
        let mut hs_codes = Vec::new();
        for (j, code) in raw_segment.hs.iter().enumerate() {
            match HsCode::parse("hs", code) {
                Ok(c) => hs_codes.push(c),
                Err(e) => check.error(format!("{at}.hs[{j}]"), e.message()),
            }
        }
        let wiod = raw_segment.wiod.trim().to_owned();
        if !WIOD_INDUSTRIES.iter().any(|(code, _)| *code == wiod) {
            check.error(
                format!("{at}.wiod"),
                format!(
                    "{wiod:?} is not a WIOD 2016 industry code (A01 ... U, as in the national tables)"
                ),
            );
        }
        if let Some(column) = &raw_segment.psd_coffee
            && !PSD_COFFEE_COLUMNS.contains(&column.as_str())
        {
            check.error(
                format!("{at}.psd_coffee"),
                format!("{column:?} is not one of {}", PSD_COFFEE_COLUMNS.join(", ")),
            );
        }
        let mut economies = Vec::new();
        for (j, figure) in raw_segment.economies.iter().enumerate() {
            let fat = format!("{at}.economies[{j}]");
            if figure.name.is_some() {
                check.error(
                    format!("{fat}.name"),
                    "economies are named by their code only",
                );
            }
            let parsed = check.figure(&fat, figure, &raw.sources);
            if figure.economy.is_none() {
                check.error(format!("{fat}.economy"), "missing: an ISO 3166 code");
            }
            if let Some(economy) =
                check.economy(format!("{fat}.economy"), figure.economy.as_deref())
            {
                economies.push(EconomyFigure {
                    economy,
                    figure: parsed,
                });
            }
        }
        let listed: f64 = raw_segment.economies.iter().filter_map(|e| e.share).sum();
        if listed > 100.0 + 1e-9 {
            check.error(
                format!("{at}.economies"),
                format!("the shares add up to {listed} %, more than 100"),
            );
        }
        let mut enterprises = Vec::new();
        for (j, figure) in raw_segment.enterprises.iter().enumerate() {
            let fat = format!("{at}.enterprises[{j}]");
            let name = check.required(&format!("{fat}.name"), figure.name.as_deref().unwrap_or(""));
            let parsed = check.figure(&fat, figure, &raw.sources);
            let economy = check.economy(format!("{fat}.economy"), figure.economy.as_deref());
            enterprises.push(EnterpriseFigure {
                name,
                economy,
                figure: parsed,
            });
        }
        if let (Ok(id), Ok(stage), Ok(industry)) = (id, stage, &industry_id) {
            segments.push(ChainSegment {
                segment: Segment {
                    id,
                    industry: industry.clone(),
                    name,
                    name_zh,
                    stage,
                    hs_codes,
                    feeds,
                },
                wiod,
                measure: raw_segment.measure.as_ref().map(|m| m.trim().to_owned()),
                psd_coffee: raw_segment.psd_coffee.clone(),
                economies,
                enterprises,
            });
        }
    }
    if let Some(cycle) = find_cycle(&raw.segments) {
        check.error(
            "segments",
            format!("the feeds form a cycle: {}", cycle.join(" -> ")),
        );
    }
    match industry_id {
        Ok(id) if check.errors.is_empty() => Ok(ChainTemplate {
            industry: Industry {
                id,
                name: industry_name,
                name_zh: industry_name_zh,
            },
            area,
            summary: raw.summary.trim().to_owned(),
            summary_zh: raw.summary_zh.trim().to_owned(),
            sources,
            segments,
            file: file.to_owned(),
        }),
        _ => Err(check.errors),
    }
}

/// A cycle of the `feeds` graph, as segment ids from a segment back to it.
fn find_cycle(segments: &[RawSegment]) -> Option<Vec<String>> {
    let index: HashMap<&str, usize> = segments
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.trim(), i))
        .collect();
    let next = |i: usize| -> Vec<usize> {
        segments[i]
            .feeds
            .iter()
            .filter_map(|t| index.get(t.trim()).copied())
            .filter(|&t| t != i)
            .collect()
    };
    // 0 = not seen, 1 = on the current path, 2 = done.
    let mut state = vec![0u8; segments.len()];
    for start in 0..segments.len() {
        if state[start] != 0 {
            continue;
        }
        let mut path = vec![start];
        let mut stack = vec![(start, next(start), 0usize)];
        state[start] = 1;
        while let Some((node, targets, k)) = stack.last_mut() {
            if let Some(&t) = targets.get(*k) {
                *k += 1;
                match state[t] {
                    1 => {
                        let from = path.iter().position(|&p| p == t).unwrap_or(0);
                        let mut cycle: Vec<String> = path[from..]
                            .iter()
                            .map(|&p| segments[p].id.trim().to_owned())
                            .collect();
                        cycle.push(segments[t].id.trim().to_owned());
                        return Some(cycle);
                    }
                    0 => {
                        state[t] = 1;
                        path.push(t);
                        stack.push((t, next(t), 0));
                    }
                    _ => {}
                }
            } else {
                state[*node] = 2;
                path.pop();
                stack.pop();
            }
        }
    }
    None
}

/// The industry chains the platform knows.
#[derive(Debug, Clone, Default)]
pub struct Chains {
    by_id: BTreeMap<String, ChainTemplate>,
}

impl Chains {
    /// The project's own templates.
    pub fn built_in() -> Result<Self, TemplateErrors> {
        Self::from_texts(
            BUILT_IN
                .iter()
                .map(|(name, text)| (format!("built-in:{name}"), (*text).to_owned())),
            Self::default(),
        )
    }

    /// The built-in templates plus every `*.toml` file of `dir`; a file
    /// replaces the built-in industry with the same id.
    pub fn with_dir(dir: &Path) -> Result<Self, TemplateErrors> {
        let unreadable = |message: String| {
            TemplateErrors(vec![TemplateError {
                file: dir.display().to_string(),
                field: String::new(),
                message,
            }])
        };
        let entries = std::fs::read_dir(dir).map_err(|e| unreadable(e.to_string()))?;
        let mut paths = Vec::new();
        for entry in entries {
            let path = entry.map_err(|e| unreadable(e.to_string()))?.path();
            if path.extension().is_some_and(|e| e == "toml") {
                paths.push(path);
            }
        }
        paths.sort();
        let mut texts = Vec::new();
        for path in paths {
            let file = path.display().to_string();
            let text = std::fs::read_to_string(&path).map_err(|e| {
                TemplateErrors(vec![TemplateError {
                    file: file.clone(),
                    field: String::new(),
                    message: e.to_string(),
                }])
            })?;
            texts.push((file, text));
        }
        Self::from_texts(texts, Self::built_in()?)
    }

    fn from_texts(
        texts: impl IntoIterator<Item = (String, String)>,
        mut chains: Self,
    ) -> Result<Self, TemplateErrors> {
        let mut errors = Vec::new();
        let mut seen: HashMap<String, String> = HashMap::new();
        for (file, text) in texts {
            match parse_template(&file, &text) {
                Ok(template) => {
                    let id = template.industry.id.to_string();
                    if let Some(other) = seen.insert(id.clone(), file.clone()) {
                        errors.push(TemplateError {
                            file,
                            field: "id".into(),
                            message: format!("industry {id:?} is also defined in {other}"),
                        });
                    } else {
                        chains.by_id.insert(id, template);
                    }
                }
                Err(mut e) => errors.append(&mut e),
            }
        }
        if errors.is_empty() {
            Ok(chains)
        } else {
            Err(TemplateErrors(errors))
        }
    }

    pub fn get(&self, industry: &str) -> Option<&ChainTemplate> {
        self.by_id.get(industry)
    }

    /// By id.
    pub fn iter(&self) -> impl Iterator<Item = &ChainTemplate> {
        self.by_id.values()
    }

    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VALID: &str = r#"
id = "tea"
name = "Tea"
name_zh = "茶叶"
area = "green-agriculture"

[sources.fao]
publisher = "FAO"
title = "Tea market report"
year = 2024
url = "https://www.fao.org/"

[[segments]]
id = "growing"
name = "Tea growing"
name_zh = "茶叶种植"
stage = "upstream"
feeds = ["blending"]
hs = ["0902"]
wiod = "A01"

[[segments.economies]]
economy = "CN"
share = 50.0
year = 2023
source = "fao"

[[segments]]
id = "blending"
name = "Blending"
name_zh = "拼配"
stage = "midstream"
feeds = ["retail"]
hs = ["090230"]
wiod = "C10-C12"

[[segments]]
id = "retail"
name = "Retail"
name_zh = "零售"
stage = "downstream"
wiod = "G47"
"#;

    fn errors(text: &str) -> Vec<String> {
        parse_template("tea.toml", text)
            .expect_err("invalid")
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn a_valid_template_parses() {
        let t = parse_template("tea.toml", VALID).unwrap();
        assert_eq!(t.industry.id.as_str(), "tea");
        assert_eq!(t.segments.len(), 3);
        assert_eq!(t.segments[0].segment.feeds[0].as_str(), "blending");
        assert_eq!(t.segments[0].economies[0].economy.alpha2(), "CN");
        assert_eq!(t.segments[2].segment.stage, Stage::Downstream);
    }

    #[test]
    fn graph_errors_name_the_file_and_field() {
        let unknown = VALID.replace(r#"feeds = ["retail"]"#, r#"feeds = ["retial"]"#);
        assert_eq!(
            errors(&unknown),
            [r#"tea.toml: segments[1].feeds[0]: unknown segment "retial""#]
        );
        let cycle = VALID.replace(
            "stage = \"downstream\"\n",
            "stage = \"downstream\"\nfeeds = [\"growing\"]\n",
        );
        assert_eq!(
            errors(&cycle),
            [
                "tea.toml: segments: the feeds form a cycle: growing -> blending -> retail -> growing"
            ]
        );
        let own = VALID.replace(r#"feeds = ["retail"]"#, r#"feeds = ["blending"]"#);
        assert_eq!(
            errors(&own),
            ["tea.toml: segments[1].feeds[0]: a segment cannot feed itself"]
        );
    }

    #[test]
    fn bad_codes_and_figures_are_refused() {
        let bad_hs = VALID.replace(r#"hs = ["090230"]"#, r#"hs = ["09023"]"#);
        let found = errors(&bad_hs);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].starts_with("tea.toml: segments[1].hs[0]: "),
            "{found:?}"
        );

        let bad = VALID
            .replace(r#"wiod = "G47""#, r#"wiod = "G99""#)
            .replace(r#"economy = "CN""#, r#"economy = "XX""#)
            .replace(r#"source = "fao""#, r#"source = "fa0""#)
            .replace("share = 50.0", "share = 150.0");
        let found = errors(&bad);
        let fields: Vec<&str> = found
            .iter()
            .map(|e| e.split(": ").nth(1).unwrap_or(""))
            .collect();
        assert_eq!(
            fields,
            [
                "segments[0].economies[0].share",
                "segments[0].economies[0].source",
                "segments[0].economies[0].economy",
                "segments[0].economies",
                "segments[2].wiod",
            ],
            "{found:?}"
        );
    }

    #[test]
    fn a_typo_in_a_key_or_the_syntax_is_an_error_with_its_position() {
        let typo = VALID.replace("wiod = \"A01\"", "wiod = \"A01\"\nhs_code = \"0902\"");
        let found = errors(&typo);
        assert!(
            found[0].contains("hs_code") && found[0].contains("line"),
            "{found:?}"
        );
        let syntax = VALID.replace("name = \"Tea\"", "name = Tea");
        let found = errors(&syntax);
        assert!(
            found[0].starts_with("tea.toml: ") && found[0].contains("line 3"),
            "{found:?}"
        );
    }

    #[test]
    fn a_user_directory_adds_and_replaces_industries_and_reports_every_bad_file() {
        let dir = std::env::temp_dir().join(format!("chainfair-chains-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("tea.toml"), VALID).unwrap();
        std::fs::write(
            dir.join("coffee.toml"),
            VALID.replace("id = \"tea\"", "id = \"coffee\""),
        )
        .unwrap();
        let chains = Chains::with_dir(&dir).unwrap();
        assert_eq!(chains.len(), BUILT_IN.len() + 1);
        assert_eq!(chains.get("coffee").unwrap().segments.len(), 3);

        std::fs::write(
            dir.join("bad.toml"),
            VALID.replace("hs = [\"0902\"]", "hs = [\"x\"]"),
        )
        .unwrap();
        std::fs::write(dir.join("tea-again.toml"), VALID).unwrap();
        let error = Chains::with_dir(&dir).unwrap_err().to_string();
        assert!(error.contains("bad.toml: segments[0].hs[0]"), "{error}");
        assert!(
            error.contains(r#"industry "tea" is also defined in"#),
            "{error}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
