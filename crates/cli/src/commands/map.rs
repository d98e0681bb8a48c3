//! `chainfair chains` and `chainfair map`: the industry chains and their maps.
use super::io::open;
use crate::{Config, MapArgs};
use anyhow::{Context, bail};
use chainfair_chains::concentration::ChokepointRule;
use chainfair_chains::io::read_wiod_niot;
use chainfair_chains::map::{
    ChainMap, Overrides, baci_overrides, psd_coffee_overrides, wiod_overrides,
};
use chainfair_chains::template::Chains;
use chainfair_report::{Lang, chain_svg, html_page, world_svg};
use std::io::Write;
use std::path::Path;

/// The built-in chains plus the user's folder, validated.
pub(crate) fn load_chains(dir: Option<&Path>) -> anyhow::Result<Chains> {
    Ok(match dir {
        Some(dir) => Chains::with_dir(dir)?,
        None => Chains::built_in()?,
    })
}

pub(crate) fn list(config: &Config) -> anyhow::Result<()> {
    let chains = load_chains(config.chains.as_deref())?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "industry,name,area,segments,figures,file")?;
    for chain in chains.iter() {
        let figures: usize = chain
            .segments
            .iter()
            .map(|s| s.economies.len() + s.enterprises.len())
            .sum();
        writeln!(
            out,
            "{},{:?},{},{},{figures},{}",
            chain.industry.id,
            chain.industry.name,
            chain.area.as_str(),
            chain.segments.len(),
            chain.file
        )?;
    }
    Ok(())
}

pub(crate) fn run(args: MapArgs, config: &Config) -> anyhow::Result<()> {
    let Some(lang) = Lang::parse(&args.lang) else {
        bail!("--lang {:?}: use en or zh", args.lang)
    };
    if !["svg", "html", "json"].contains(&args.format.as_str()) {
        bail!("--format {:?}: use svg, html or json", args.format);
    }
    let chains = load_chains(config.chains.as_deref())?;
    let Some(template) = chains.get(&args.industry) else {
        let known: Vec<String> = chains.iter().map(|c| c.industry.id.to_string()).collect();
        bail!(
            "unknown industry {:?}; known: {}",
            args.industry,
            known.join(", ")
        )
    };
    let loads_data = args.wiod_dir.is_some() || args.psd_coffee.is_some() || args.baci.is_some();
    let year = match (loads_data, args.year) {
        (true, None) => bail!("--wiod-dir, --psd-coffee and --baci need --year"),
        (_, year) => year.unwrap_or(0),
    };
    let read = |path: &Path| {
        std::fs::read(path).with_context(|| format!("cannot open {}", path.display()))
    };
    let overrides: Overrides = if let Some(dir) = &args.wiod_dir {
        wiod_overrides(template, &read_wiod_dir(dir, year)?, year)
    } else if let Some(path) = &args.psd_coffee {
        psd_coffee_overrides(template, &read(path)?, &path.display().to_string(), year)?
    } else if let Some(path) = &args.baci {
        let countries = match &args.baci_countries {
            Some(p) => Some((read(p)?, p.display().to_string())),
            None => None,
        };
        baci_overrides(
            template,
            &read(path)?,
            &path.display().to_string(),
            countries.as_ref().map(|(b, n)| (b.as_slice(), n.as_str())),
            year,
        )?
    } else {
        Overrides::new()
    };
    let rule = ChokepointRule {
        top1_at_least: args.top1,
        hhi_at_least: args.hhi,
    };
    let mut map = ChainMap::build(template, &overrides, rule)?;
    if let Some(dir) = &args.io_table {
        let table = super::io::load_table_pair(dir)?;
        let name = dir.file_name().map_or_else(
            || dir.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        map.measure(&table, &name)?;
    }
    let svg = match (&args.segment, args.world) {
        (Some(segment), true) => world_svg(&map, segment, lang)?,
        _ => chain_svg(&map, lang),
    };
    let text = match args.format.as_str() {
        "json" => serde_json::to_string_pretty(&map)? + "\n",
        "html" => html_page(&map, lang, &svg),
        _ => svg,
    };
    match &args.out {
        Some(path) => std::fs::write(path, text)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(())
}

/// Every WIOD 2016 national table in `dir` (`XXX_NIOT_nov16.xlsx`), for
/// `year`, with its economy's ISO alpha-3 code.
fn read_wiod_dir(
    dir: &Path,
    year: u16,
) -> anyhow::Result<Vec<(String, chainfair_chains::io::IoTable)>> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with("_NIOT_nov16.xlsx"))
        })
        .collect();
    paths.sort();
    if paths.is_empty() {
        bail!(
            "{}: no WIOD national table (XXX_NIOT_nov16.xlsx)",
            dir.display()
        );
    }
    let mut tables = Vec::with_capacity(paths.len());
    for path in paths {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let economy = name.split('_').next().unwrap_or(name).to_owned();
        tables.push((
            economy,
            read_wiod_niot(open(&path)?, &path.display().to_string(), year)?,
        ));
    }
    Ok(tables)
}
