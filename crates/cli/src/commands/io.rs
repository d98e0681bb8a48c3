//! `chainfair io ...`: input-output measures on a table given as the CSV
//! pair or read straight from a WIOD 2016 national table.
use crate::IoCommand;
use anyhow::{Context, bail};
use chainfair_chains::disruption::{Scenario, read_graph};
use chainfair_chains::io::{
    IoTable, StageThresholds, UpstreamnessModel, read_csv_pair, read_wiod_niot, write_csv_pair,
};
use clap::Args;
use std::fs::File;
use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};

/// Where the table comes from: `--z` with `--sectors`, or `--wiod` with `--year`.
#[derive(Debug, Args)]
pub struct TableArgs {
    /// Intermediate flows, square, with sector codes as header and first column.
    #[arg(long, requires = "sectors")]
    z: Option<PathBuf>,
    /// code,label,output,exports,imports,inventory_change
    #[arg(long, requires = "z")]
    sectors: Option<PathBuf>,
    /// A WIOD 2016 national table (XXX_NIOT_nov16.xlsx), instead of the CSV pair.
    #[arg(long, conflicts_with_all = ["z", "sectors"], requires = "year")]
    wiod: Option<PathBuf>,
    /// The year to read from --wiod (2000 to 2014).
    #[arg(long)]
    year: Option<u16>,
}

pub(crate) fn open(path: &Path) -> anyhow::Result<BufReader<File>> {
    Ok(BufReader::new(File::open(path).with_context(|| {
        format!("cannot open {}", path.display())
    })?))
}

fn wiod(path: &Path, year: u16) -> anyhow::Result<IoTable> {
    Ok(read_wiod_niot(
        open(path)?,
        &path.display().to_string(),
        year,
    )?)
}

impl TableArgs {
    fn load(&self) -> anyhow::Result<IoTable> {
        match (&self.z, &self.sectors, &self.wiod, self.year) {
            (Some(z), Some(sectors), None, _) => Ok(read_csv_pair(
                open(z)?,
                &z.display().to_string(),
                open(sectors)?,
                &sectors.display().to_string(),
            )?),
            (None, None, Some(path), Some(year)) => wiod(path, year),
            _ => bail!(
                "give the table as --z Z.csv --sectors sectors.csv, or as --wiod FILE.xlsx --year YEAR"
            ),
        }
    }
}

fn output(out: Option<&Path>) -> anyhow::Result<Box<dyn Write>> {
    Ok(match out {
        Some(path) => Box::new(std::io::BufWriter::new(
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        )),
        None => Box::new(std::io::stdout().lock()),
    })
}

/// Writes `code,label,<name>` rows.
fn per_sector(
    table: &IoTable,
    name: &str,
    values: &[f64],
    out: Option<&Path>,
) -> anyhow::Result<()> {
    let mut csv = csv::Writer::from_writer(output(out)?);
    csv.write_record(["code", "label", name])?;
    for (s, v) in table.sectors().iter().zip(values) {
        csv.write_record([s.code.as_str(), s.label.as_str(), &v.to_string()])?;
    }
    csv.flush()?;
    Ok(())
}

fn model(open_economy: bool) -> UpstreamnessModel {
    if open_economy {
        UpstreamnessModel::Open
    } else {
        UpstreamnessModel::Closed
    }
}

/// Every table in `dir`: each subfolder holding Z.csv and sectors.csv.
/// The table in `dir` (`Z.csv` and `sectors.csv`).
pub(crate) fn load_table_pair(dir: &Path) -> anyhow::Result<IoTable> {
    let (z, sectors) = (dir.join("Z.csv"), dir.join("sectors.csv"));
    Ok(read_csv_pair(
        open(&z)?,
        &z.display().to_string(),
        open(&sectors)?,
        &sectors.display().to_string(),
    )?)
}

pub(crate) fn load_table_dir(
    dir: &Path,
) -> anyhow::Result<std::collections::BTreeMap<String, IoTable>> {
    let mut tables = std::collections::BTreeMap::new();
    let entries =
        std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
    for entry in entries {
        let path = entry?.path();
        if !(path.join("Z.csv").is_file() && path.join("sectors.csv").is_file()) {
            continue;
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        tables.insert(name, load_table_pair(&path)?);
    }
    Ok(tables)
}

pub(crate) fn run(command: IoCommand) -> anyhow::Result<()> {
    match command {
        IoCommand::LoadWiod {
            file,
            year,
            out_dir,
        } => {
            let table = wiod(&file, year)?;
            std::fs::create_dir_all(&out_dir)
                .with_context(|| format!("cannot create {}", out_dir.display()))?;
            let create = |name: &str| -> anyhow::Result<File> {
                let path = out_dir.join(name);
                File::create(&path).with_context(|| format!("cannot create {}", path.display()))
            };
            write_csv_pair(&table, create("Z.csv")?, create("sectors.csv")?)?;
            eprintln!(
                "wrote {} sectors of {year} to {}",
                table.len(),
                out_dir.display()
            );
        }
        IoCommand::Upstreamness {
            table,
            open_economy,
            out,
        } => {
            let t = table.load()?;
            per_sector(
                &t,
                "upstreamness",
                &t.upstreamness(model(open_economy))?,
                out.as_deref(),
            )?;
        }
        IoCommand::Multipliers { table, out } => {
            let t = table.load()?;
            per_sector(
                &t,
                "output_multiplier",
                &t.output_multipliers()?,
                out.as_deref(),
            )?;
        }
        IoCommand::Downstreamness { table, out } => {
            let t = table.load()?;
            per_sector(&t, "downstreamness", &t.downstreamness()?, out.as_deref())?;
        }
        IoCommand::Extract { table, sector, out } => {
            let t = table.load()?;
            let e = t.extract(&sector)?;
            let mut csv = csv::Writer::from_writer(output(out.as_deref())?);
            csv.write_record([
                "sector",
                "backward_loss",
                "forward_loss",
                "backward_share",
                "forward_share",
            ])?;
            csv.write_record([
                e.sector,
                e.backward_loss.to_string(),
                e.forward_loss.to_string(),
                e.backward_share.to_string(),
                e.forward_share.to_string(),
            ])?;
            csv.flush()?;
        }
        IoCommand::Classify {
            table,
            open_economy,
            low,
            high,
            values,
            out,
        } => {
            let t = table.load()?;
            let thresholds = if values {
                StageThresholds::Values { low, high }
            } else {
                StageThresholds::Quantiles { low, high }
            };
            let u = t.upstreamness(model(open_economy))?;
            let mut csv = csv::Writer::from_writer(output(out.as_deref())?);
            csv.write_record(["code", "label", "upstreamness", "stage"])?;
            for c in t.classify(&u, thresholds) {
                csv.write_record([
                    c.code,
                    c.label,
                    c.upstreamness.to_string(),
                    c.stage.as_str().to_owned(),
                ])?;
            }
            csv.flush()?;
        }
        IoCommand::Disrupt {
            nodes,
            edges,
            node,
            loss,
            substitution,
            duration_days,
            out,
        } => {
            if !(0.0..=100.0).contains(&loss) {
                bail!("--loss {loss} is not a percentage from 0 to 100");
            }
            if !(0.0..=1.0).contains(&substitution)
                || duration_days.is_nan()
                || duration_days <= 0.0
            {
                bail!("--substitution must lie in 0..1 and --duration-days be positive");
            }
            let g = read_graph(
                open(&nodes)?,
                &nodes.display().to_string(),
                open(&edges)?,
                &edges.display().to_string(),
            )?;
            let source = g
                .ids
                .iter()
                .position(|id| *id == node)
                .with_context(|| format!("unknown node {node:?} in {}", nodes.display()))?;
            let scenario = Scenario {
                source,
                initial_loss: loss / 100.0,
                substitution,
                duration_days,
            };
            let losses = g.graph.propagate(&scenario, |v| g.buffer_days[v]);
            let mut hit: Vec<usize> = (0..losses.len()).filter(|&v| losses[v] > 1e-9).collect();
            hit.sort_by(|a, b| losses[*b].total_cmp(&losses[*a]).then(a.cmp(b)));
            let mut csv = csv::Writer::from_writer(output(out.as_deref())?);
            csv.write_record(["id", "label", "loss"])?;
            for v in hit {
                csv.write_record([
                    g.ids[v].as_str(),
                    g.labels[v].as_str(),
                    &losses[v].to_string(),
                ])?;
            }
            csv.flush()?;
        }
        IoCommand::Inverse { table, ghosh, out } => {
            let t = table.load()?;
            let inverse = if ghosh {
                t.ghosh_inverse()?
            } else {
                t.leontief_inverse()?
            };
            let mut csv = csv::Writer::from_writer(output(out.as_deref())?);
            csv.write_record(
                std::iter::once("code").chain(t.sectors().iter().map(|s| s.code.as_str())),
            )?;
            for (i, s) in t.sectors().iter().enumerate() {
                let row = inverse[i * t.len()..(i + 1) * t.len()]
                    .iter()
                    .map(|v| v.to_string());
                csv.write_record(std::iter::once(s.code.clone()).chain(row))?;
            }
            csv.flush()?;
        }
    }
    Ok(())
}
