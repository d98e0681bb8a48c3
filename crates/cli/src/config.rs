//! Configuration in one typed struct: defaults, then a TOML file, then
//! `CHAINFAIR_*` environment variables, then flags (clap reads the
//! environment and the flags; the file fills what both leave open).
use crate::{Cli, Command};
use anyhow::{Context, bail};
use serde::Deserialize;
use std::fmt;
use std::path::PathBuf;

pub const DEFAULT_DB: &str = "sqlite:chainfair.db";
pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    db: Option<String>,
    addr: Option<String>,
    log_format: Option<String>,
    io_tables: Option<PathBuf>,
    chains: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Clone)]
pub struct Config {
    pub db: String,
    pub addr: String,
    pub log_format: LogFormat,
    pub io_tables: Option<PathBuf>,
    /// A folder of chain templates added to the built-in ones.
    pub chains: Option<PathBuf>,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A PostgreSQL URL may carry a password: never print it.
        let db = match self.db.split_once('@') {
            Some((_, host)) if self.db.contains("://") => format!("postgres://***@{host}"),
            _ => self.db.clone(),
        };
        f.debug_struct("Config")
            .field("db", &db)
            .field("addr", &self.addr)
            .field("log_format", &self.log_format)
            .finish()
    }
}

impl Config {
    pub fn load(cli: &Cli) -> anyhow::Result<Config> {
        let file = match &cli.config {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .with_context(|| format!("cannot read {}", path.display()))?;
                toml::from_str::<FileConfig>(&text)
                    .with_context(|| format!("{}: invalid configuration", path.display()))?
            }
            None => FileConfig::default(),
        };
        let (flag_addr, flag_io_tables) = match &cli.command {
            Command::Serve {
                addr, io_tables, ..
            } => (addr.clone(), io_tables.clone()),
            _ => (None, None),
        };
        let flag_chains = match &cli.command {
            Command::Serve { chains, .. }
            | Command::Chains { chains }
            | Command::Recommend { chains, .. } => chains.chains.clone(),
            Command::Map(args) => args.chains.chains.clone(),
            Command::Report(crate::ReportCommand::Promotion { chains, .. }) => {
                chains.chains.clone()
            }
            _ => None,
        };
        let log_format = match cli.log_format.clone().or(file.log_format).as_deref() {
            None | Some("text") => LogFormat::Text,
            Some("json") => LogFormat::Json,
            Some(other) => bail!("log format {other:?} is neither text nor json"),
        };
        Ok(Config {
            db: cli
                .db
                .clone()
                .or(file.db)
                .unwrap_or_else(|| DEFAULT_DB.to_owned()),
            addr: flag_addr
                .or(file.addr)
                .unwrap_or_else(|| DEFAULT_ADDR.to_owned()),
            log_format,
            io_tables: flag_io_tables.or(file.io_tables),
            chains: flag_chains.or(file.chains),
        })
    }

    /// Logs go to stderr, filtered by `CHAINFAIR_LOG` (default `info`).
    pub fn init_logging(&self) -> anyhow::Result<()> {
        let filter = tracing_subscriber::EnvFilter::try_from_env("CHAINFAIR_LOG")
            .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
        let builder = tracing_subscriber::fmt()
            .with_env_filter(filter)
            .with_writer(std::io::stderr);
        let result = match self.log_format {
            LogFormat::Text => builder.try_init(),
            LogFormat::Json => builder.json().try_init(),
        };
        // A second initialisation (tests running several commands) keeps the first.
        drop(result);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn load(args: &[&str]) -> anyhow::Result<Config> {
        Config::load(&Cli::try_parse_from(args)?)
    }

    #[test]
    fn flags_beat_the_file_and_the_file_beats_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("chainfair.toml");
        std::fs::write(&file, "db = \"postgres://u:secret@db.example/expo\"\naddr = \"0.0.0.0:9000\"\nlog_format = \"json\"\n").unwrap();
        let path = file.to_str().unwrap();

        let from_file = load(&["chainfair", "--config", path, "serve"]).unwrap();
        assert_eq!(from_file.db, "postgres://u:secret@db.example/expo");
        assert_eq!(from_file.addr, "0.0.0.0:9000");
        assert_eq!(from_file.log_format, LogFormat::Json);
        assert!(
            !format!("{from_file:?}").contains("secret"),
            "Debug hides the password"
        );

        let flagged = load(&[
            "chainfair",
            "--config",
            path,
            "--db",
            "sqlite:x.db",
            "serve",
            "--addr",
            "127.0.0.1:1",
        ])
        .unwrap();
        assert_eq!(
            (flagged.db.as_str(), flagged.addr.as_str()),
            ("sqlite:x.db", "127.0.0.1:1")
        );

        let defaults = load(&["chainfair", "figures", "--edition", "e"]).unwrap();
        assert_eq!(
            (defaults.db.as_str(), defaults.addr.as_str()),
            (DEFAULT_DB, DEFAULT_ADDR)
        );
    }

    #[test]
    fn a_bad_file_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("bad.toml");
        std::fs::write(&file, "database = \"x\"\n").unwrap();
        let error = load(&["chainfair", "--config", file.to_str().unwrap(), "serve"]).unwrap_err();
        assert!(
            format!("{error:#}").contains("bad.toml: invalid configuration"),
            "{error:#}"
        );
    }
}
