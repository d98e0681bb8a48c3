//! The `chainfair` command line: serve, demo, import, export, figures.
//!
//! `main.rs` only parses arguments; everything runs from here, so tests drive
//! the same code paths as the binary.
#![forbid(unsafe_code)]

mod commands;
mod config;

pub use config::{Config, DEFAULT_ADDR, DEFAULT_DB};

use anyhow::{Context, bail};
use chainfair_store::Store;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Debug, Parser)]
#[command(
    name = "chainfair",
    version,
    about = "Run a supply chain expo and publish global supply chain maps"
)]
pub struct Cli {
    /// Database URL: sqlite:PATH (created if missing) or postgres://...
    #[arg(long, global = true, env = "CHAINFAIR_DB")]
    pub db: Option<String>,
    /// TOML configuration file (keys: db, addr, log_format, io_tables, chains).
    #[arg(long, global = true, env = "CHAINFAIR_CONFIG")]
    pub config: Option<PathBuf>,
    /// Log format on stderr: text or json.
    #[arg(long, global = true, env = "CHAINFAIR_LOG_FORMAT")]
    pub log_format: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web application and the JSON API.
    Serve {
        /// Address to listen on.
        #[arg(long, env = "CHAINFAIR_ADDR")]
        addr: Option<String>,
        /// Load the demo edition first if the database holds no edition, and
        /// create an organiser account for it (its password is printed).
        #[arg(long)]
        demo: bool,
        /// Mark the session cookie Secure: set when the server is reached
        /// over HTTPS (behind a TLS proxy).
        #[arg(long, env = "CHAINFAIR_SECURE_COOKIES")]
        secure_cookies: bool,
        /// The largest request body accepted, in MiB; larger ones get 413.
        #[arg(long, env = "CHAINFAIR_BODY_LIMIT_MIB", default_value_t = 16)]
        body_limit_mib: usize,
        /// Scale of the demo loaded by --demo: small or cisce.
        #[arg(long, default_value = "cisce")]
        demo_scale: String,
        /// A folder of input-output tables to serve under /api/v1/io: each
        /// subfolder holding Z.csv and sectors.csv is one table, named after it.
        #[arg(long, env = "CHAINFAIR_IO_TABLES")]
        io_tables: Option<PathBuf>,
        #[command(flatten)]
        chains: ChainsArg,
    },
    /// Generate the demo editions (CISCE 2024 and 2023) into the database, or as CSV files.
    Demo {
        /// small (a few hundred rows) or cisce (the scale of CISCE 2024).
        #[arg(long, default_value = "cisce")]
        scale: String,
        #[arg(long, default_value_t = 2024)]
        seed: u64,
        /// Write one CSV file per kind into this folder instead of the database.
        #[arg(long)]
        out_dir: Option<PathBuf>,
    },
    /// Import a CSV file, all or nothing.
    Import {
        /// editions, organizations, participations, attendees, checkins, meetings, agreements, rates, signups or profiles.
        kind: String,
        file: PathBuf,
    },
    /// Export records as CSV, in the layout import reads.
    Export {
        kind: String,
        /// Only this edition's records (per-edition kinds), or its participants (organizations).
        #[arg(long)]
        edition: Option<String>,
        /// Write here instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Print an edition's headline figures as JSON.
    Figures {
        #[arg(long)]
        edition: String,
    },
    /// Input-output analytics: upstreamness, multipliers, extraction ...
    #[command(subcommand)]
    Io(IoCommand),
    /// Shares of economies in a segment, its HHI and chokepoint flag, from
    /// USDA PSD coffee or BACI trade data.
    Shares(SharesArgs),
    /// List the industry chains (built-in and --chains DIR), validating them.
    Chains {
        #[command(flatten)]
        chains: ChainsArg,
    },
    /// Schedule meetings into slots and tables: a problem file
    /// (`--input`), or an edition's accepted meetings (`--edition`).
    Schedule(ScheduleArgs),
    /// Recommend partners: the top k for one participant, or for all.
    Recommend {
        #[arg(long)]
        edition: String,
        /// Only this organisation (default: every participant).
        #[arg(long)]
        org: Option<String>,
        #[arg(long, default_value_t = 20)]
        k: usize,
        /// Also recommend pairs that met at the previous edition.
        #[arg(long)]
        include_met: bool,
        /// JSON (with the reasons as data) instead of CSV.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        chains: ChainsArg,
    },
    /// Generate a report.
    #[command(subcommand)]
    Report(ReportCommand),
    /// Draw an industry's supply chain map (SVG, HTML or JSON), or with
    /// --segment and --world a world map of one segment's shares.
    Map(MapArgs),
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Publish, list and withdraw an edition's documents.
    #[command(subcommand)]
    Document(DocumentCommand),
    /// The exhibition floor: its plan and the exhibitors' space requests.
    #[command(subcommand)]
    Floor(FloorCommand),
    /// Lay out the booths of an edition upstream to downstream; print the
    /// objective and every remaining violation.
    Layout(LayoutArgs),
    /// Copy the whole SQLite database, as of one moment, into FILE while
    /// the server keeps running (PostgreSQL: pg_dump, docs/operations.md).
    Backup { file: PathBuf },
    /// Put a backup made by `chainfair backup` in place of the SQLite
    /// database (stop the server first); refuses to replace a database that
    /// holds editions unless --force.
    Restore {
        file: PathBuf,
        #[arg(long)]
        force: bool,
    },
    /// One edition (with the editions before it) as one zip file, and back.
    #[command(subcommand)]
    Archive(ArchiveCommand),
    /// Replace the periods when participants cannot meet, from a CSV file
    /// (organization,from,to; local times like 2024-11-27T09:00).
    Unavailability {
        #[arg(long)]
        edition: String,
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum ArchiveCommand {
    /// Write an edition's archive (docs/operations.md says what it holds).
    Export {
        #[arg(long)]
        edition: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// Import an archive into a database that does not hold its editions.
    Import { file: PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum FloorCommand {
    /// Replace the edition's floor plan: a JSON document, or three CSV files.
    Import {
        #[arg(long)]
        edition: String,
        #[arg(long, conflicts_with_all = ["halls", "zones", "booths"])]
        json: Option<PathBuf>,
        #[arg(long)]
        halls: Option<PathBuf>,
        #[arg(long)]
        zones: Option<PathBuf>,
        #[arg(long)]
        booths: Option<PathBuf>,
    },
    /// Write the edition's floor plan as a JSON document (standard output
    /// or --out), or with --csv-dir as halls.csv, zones.csv and booths.csv.
    Export {
        #[arg(long)]
        edition: String,
        #[arg(long, conflicts_with = "csv_dir")]
        out: Option<PathBuf>,
        #[arg(long)]
        csv_dir: Option<PathBuf>,
    },
    /// Replace the edition's space requests with a CSV file
    /// (organization,area_m2,area,neighbours).
    Requests {
        #[arg(long)]
        edition: String,
        file: PathBuf,
    },
}

#[derive(Debug, clap::Args)]
pub struct LayoutArgs {
    #[arg(long)]
    pub edition: String,
    /// Draw the floor with the layout into this SVG file.
    #[arg(long)]
    pub svg: Option<PathBuf>,
    /// Store the layout as the edition's bookings (fixed ones stay).
    #[arg(long)]
    pub apply: bool,
    #[arg(long, default_value_t = 2024)]
    pub seed: u64,
}

#[derive(Debug, Subcommand)]
pub enum DocumentCommand {
    /// Publish a file (pdf, html, md, txt, docx, png, svg) as a document of
    /// the edition, replacing one with the same id.
    Add {
        #[arg(long)]
        edition: String,
        /// A slug: a-z, 0-9 and -.
        #[arg(long)]
        id: String,
        #[arg(long)]
        title: String,
        /// en, zh ...
        #[arg(long)]
        lang: String,
        /// initiative, report or other.
        #[arg(long)]
        kind: String,
        /// Publication date (default today).
        #[arg(long)]
        date: Option<String>,
        file: PathBuf,
    },
    /// The edition's documents as CSV: id, title, lang, kind, file, date, bytes.
    List {
        #[arg(long)]
        edition: String,
    },
    /// Withdraw a document.
    Remove {
        #[arg(long)]
        edition: String,
        #[arg(long)]
        id: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account: the first organiser, or anyone without an
    /// invitation code. Reads the password from standard input with
    /// --password-stdin; otherwise makes one up and prints it.
    Add {
        /// organiser, exhibitor or visitor.
        #[arg(long)]
        role: String,
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// The organisation exhibitor staff act for.
        #[arg(long)]
        organization: Option<String>,
        #[arg(long)]
        password_stdin: bool,
    },
}

#[derive(Debug, clap::Args)]
pub struct ScheduleArgs {
    /// A problem in the interchange format (docs/formats.md).
    #[arg(long, conflicts_with = "edition")]
    pub input: Option<PathBuf>,
    /// Schedule this edition's accepted meetings and store their places.
    #[arg(long)]
    pub edition: Option<String>,
    /// Write the schedule (JSON) here; with --input, standard output otherwise.
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Time the scheduler may search, in seconds (annealing, and on two threads the exact
    /// search; it stops sooner with a proved optimum). Default: 2 and 0.015 per meeting,
    /// at most 20.
    #[arg(long, value_parser = seconds)]
    pub seconds: Option<f64>,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// With --edition: tables in the meeting area.
    #[arg(long, default_value_t = 40)]
    pub tables: u32,
    /// With --edition: length of a slot.
    #[arg(long, default_value_t = 20)]
    pub slot_minutes: u32,
    /// With --edition: first slot of each day.
    #[arg(long, default_value = "09:00")]
    pub day_start: String,
    /// With --edition: when the last slot of each day ends.
    #[arg(long, default_value = "17:00")]
    pub day_end: String,
    /// With --edition: no meeting during this break, e.g. 12:00-13:00.
    #[arg(long = "break")]
    pub pause: Option<String>,
    /// With --edition: keep every participant's gap count within this of the others'.
    #[arg(long)]
    pub max_gap_spread: Option<u32>,
    /// With --edition: let scheduled (published) meetings move; locked ones still stay.
    #[arg(long)]
    pub replan: bool,
    /// With --edition: compute and report, store nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// An edition's closing report: its headline figures as JSON, Markdown,
    /// HTML or PDF (headless Chromium), in English or Chinese.
    Closing {
        #[arg(long)]
        edition: String,
        /// json, md, html or pdf.
        #[arg(long, default_value = "md")]
        format: String,
        /// en or zh.
        #[arg(long, default_value = "en")]
        lang: String,
        /// Write here (required for pdf); standard output otherwise.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// The Global Supply Chain Promotion Report: a table of the chokepoints,
    /// then every chain map, as HTML or PDF (headless Chromium).
    Promotion {
        /// Name the edition the report is published at (read from the store).
        #[arg(long)]
        edition: Option<String>,
        /// en or zh.
        #[arg(long, default_value = "en")]
        lang: String,
        /// html or pdf.
        #[arg(long, default_value = "html")]
        format: String,
        /// Write here (required for pdf); standard output otherwise.
        #[arg(long)]
        out: Option<PathBuf>,
        #[command(flatten)]
        chains: ChainsArg,
    },
}

#[derive(Debug, clap::Args)]
pub struct ChainsArg {
    /// A folder of chain templates (*.toml) added to the built-in ones; a
    /// file replaces the built-in industry with the same id.
    #[arg(long, env = "CHAINFAIR_CHAINS")]
    pub chains: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct MapArgs {
    /// The industry's id (see `chainfair chains`).
    pub industry: String,
    /// svg, html or json.
    #[arg(long, default_value = "svg")]
    pub format: String,
    /// en or zh.
    #[arg(long, default_value = "en")]
    pub lang: String,
    /// Write here instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// With --world: the segment whose shares the world map shows.
    #[arg(long, requires = "world")]
    pub segment: Option<String>,
    /// A world choropleth of --segment's shares instead of the chain.
    #[arg(long, requires = "segment")]
    pub world: bool,
    #[command(flatten)]
    pub chains: ChainsArg,
    /// Shares of every segment's WIOD industry in gross output, from the WIOD
    /// 2016 national tables (*_NIOT_nov16.xlsx) in this folder; needs --year.
    #[arg(long, conflicts_with_all = ["psd_coffee", "baci"])]
    pub wiod_dir: Option<PathBuf>,
    /// Shares of the segments that name a PSD column, from the USDA FAS PSD
    /// coffee file; needs --year.
    #[arg(long, conflicts_with = "baci")]
    pub psd_coffee: Option<PathBuf>,
    /// Shares of exporters over each segment's HS codes, from a BACI file
    /// (t,i,j,k,v,q); needs --year (the file's year, for the label).
    #[arg(long)]
    pub baci: Option<PathBuf>,
    /// BACI's country table, to name exporters by ISO code.
    #[arg(long, requires = "baci")]
    pub baci_countries: Option<PathBuf>,
    /// Show each segment's upstreamness and measured stage from this
    /// input-output table: a folder with Z.csv and sectors.csv (what
    /// `io load-wiod` writes).
    #[arg(long)]
    pub io_table: Option<PathBuf>,
    /// The year of the data loaded with --wiod-dir, --psd-coffee or --baci.
    #[arg(long)]
    pub year: Option<u16>,
    /// A chokepoint when the top economy's share reaches this (0 to 1) ...
    #[arg(long, default_value_t = 0.5)]
    pub top1: f64,
    /// ... or the HHI (0 to 10,000) reaches this.
    #[arg(long, default_value_t = 2500.0)]
    pub hhi: f64,
}

#[derive(Debug, clap::Args)]
pub struct SharesArgs {
    /// The USDA FAS PSD coffee file (psd_coffee_wide.csv).
    #[arg(long, conflicts_with = "baci")]
    pub psd_coffee: Option<PathBuf>,
    /// Marketing year, with --psd-coffee.
    #[arg(long)]
    pub year: Option<u16>,
    /// Column of the PSD file: Production, Bean Exports, Roast & Ground Exports, Soluble Exports ...
    #[arg(long, default_value = "Production")]
    pub attribute: String,
    /// A BACI trade file (t,i,j,k,v,q): exports aggregated by exporter.
    #[arg(long)]
    pub baci: Option<PathBuf>,
    /// BACI's country table, to name exporters by ISO alpha-3 code.
    #[arg(long)]
    pub baci_countries: Option<PathBuf>,
    /// HS codes (2, 4 or 6 digits) of the segment, with --baci.
    #[arg(long, value_delimiter = ',')]
    pub hs: Vec<String>,
    /// A chokepoint when the top share reaches this (0 to 1) ...
    #[arg(long, default_value_t = 0.5)]
    pub top1: f64,
    /// ... or the HHI (0 to 10,000) reaches this.
    #[arg(long, default_value_t = 2500.0)]
    pub hhi: f64,
    /// JSON instead of CSV.
    #[arg(long)]
    pub json: bool,
}

/// `chainfair io ...`; every measure writes CSV to standard output or `--out`.
#[derive(Debug, Subcommand)]
pub enum IoCommand {
    /// Read one year of a WIOD 2016 national table and write Z.csv and sectors.csv.
    LoadWiod {
        file: PathBuf,
        #[arg(long)]
        year: u16,
        #[arg(long)]
        out_dir: PathBuf,
    },
    /// code,label,upstreamness
    Upstreamness {
        #[command(flatten)]
        table: commands::TableArgs,
        /// Use the open-economy correction of Antràs, Chor, Fally and Hillberry (2012).
        #[arg(long)]
        open_economy: bool,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// code,label,output_multiplier (column sums of the Leontief inverse)
    Multipliers {
        #[command(flatten)]
        table: commands::TableArgs,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// code,label,downstreamness (column sums of the Leontief inverse)
    Downstreamness {
        #[command(flatten)]
        table: commands::TableArgs,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Output lost if a sector is extracted, backward and forward.
    Extract {
        #[command(flatten)]
        table: commands::TableArgs,
        #[arg(long)]
        sector: String,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// code,label,upstreamness,stage: upstream, midstream or downstream.
    Classify {
        #[command(flatten)]
        table: commands::TableArgs,
        #[arg(long)]
        open_economy: bool,
        /// Lower boundary: a quantile (default the first tercile), or a value with --values.
        #[arg(long, default_value_t = 1.0 / 3.0)]
        low: f64,
        /// Upper boundary: a quantile (default the second tercile), or a value with --values.
        #[arg(long, default_value_t = 2.0 / 3.0)]
        high: f64,
        /// Read --low and --high as upstreamness values instead of quantiles.
        #[arg(long)]
        values: bool,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// A supply loss at one node of a supply graph, spread downstream:
    /// id,label,loss for every node it reaches, largest loss first.
    Disrupt {
        /// id,label,buffer_days
        #[arg(long)]
        nodes: PathBuf,
        /// supplier,customer,value
        #[arg(long)]
        edges: PathBuf,
        /// The node that loses supply.
        #[arg(long)]
        node: String,
        /// Percentage of its output lost, 0 to 100.
        #[arg(long)]
        loss: f64,
        /// Share of a shortfall that other suppliers make up, 0 to 1.
        #[arg(long, default_value_t = 0.0)]
        substitution: f64,
        /// How long the disruption lasts, in days (inventories cover buffer_days of it).
        #[arg(long, default_value_t = 30.0)]
        duration_days: f64,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// The full Leontief inverse (or Ghosh with --ghosh), as a CSV matrix.
    Inverse {
        #[command(flatten)]
        table: commands::TableArgs,
        #[arg(long)]
        ghosh: bool,
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

/// Opens the store a database URL names, bringing its schema up to date.
pub async fn open_store(url: &str) -> anyhow::Result<Arc<dyn Store>> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        let store = chainfair_store_postgres::connect(url)
            .await
            .context("cannot open the PostgreSQL database")?;
        Ok(Arc::new(store))
    } else if url.starts_with("sqlite:") {
        let store = chainfair_store_sqlite::connect(url)
            .await
            .with_context(|| format!("cannot open the SQLite database {url}"))?;
        Ok(Arc::new(store))
    } else {
        bail!("unsupported database URL {url:?}: use sqlite:PATH or postgres://USER@HOST/DATABASE")
    }
}

/// `--seconds`: a positive, finite number.
fn seconds(text: &str) -> Result<f64, String> {
    let s = text
        .parse::<f64>()
        .map_err(|_| format!("{text:?} is not a number of seconds"))?;
    chainfair_schedule::Options::check_seconds(s)
}

/// Runs a parsed command line to completion.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    let config = Config::load(&cli)?;
    config.init_logging()?;
    // Pure computation on files: no database, no runtime.
    match cli.command {
        Command::Io(command) => return commands::io::run(command),
        Command::Shares(args) => return commands::shares::run(args),
        Command::Chains { .. } => return commands::map::list(&config),
        Command::Schedule(args) if args.edition.is_none() => {
            return commands::schedule::from_file(&args);
        }
        Command::Map(args) => return commands::map::run(args, &config),
        _ => {}
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(commands::run(cli.command, config))
}
