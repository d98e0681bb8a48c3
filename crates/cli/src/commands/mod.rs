mod backup;
mod data;
mod demo;
mod demo_floor;
mod document;
mod floor;
pub(crate) mod io;
pub(crate) mod map;
mod report;
pub(crate) mod schedule;
mod serve;
pub(crate) mod shares;
pub(crate) mod user;

pub use io::TableArgs;

use crate::{Command, Config};

pub(crate) async fn run(command: Command, config: Config) -> anyhow::Result<()> {
    match command {
        Command::Serve {
            demo,
            demo_scale,
            secure_cookies,
            body_limit_mib,
            ..
        } => {
            let options = serve::Options {
                demo_scale: demo.then_some(demo_scale),
                secure_cookies,
                body_limit: body_limit_mib.saturating_mul(1 << 20),
            };
            serve::serve(&config, options).await
        }
        Command::Demo {
            scale,
            seed,
            out_dir,
        } => demo::demo(&config, &scale, seed, out_dir.as_deref()).await,
        Command::Import { kind, file } => data::import(&config, &kind, &file).await,
        Command::Export { kind, edition, out } => {
            data::export(&config, &kind, edition.as_deref(), out.as_deref()).await
        }
        Command::Figures { edition } => data::figures(&config, &edition).await,
        Command::Io(command) => io::run(command),
        Command::Shares(args) => shares::run(args),
        Command::Recommend {
            edition,
            org,
            k,
            include_met,
            json,
            ..
        } => data::recommend(&config, &edition, org.as_deref(), k, include_met, json).await,
        Command::Chains { .. } => map::list(&config),
        Command::Report(command) => report::run(command, &config).await,
        Command::Schedule(args) => match &args.edition {
            Some(edition) => schedule::from_store(&config, edition, &args).await,
            None => schedule::from_file(&args),
        },
        Command::Map(args) => map::run(args, &config),
        Command::User(command) => user::run(command, &config).await,
        Command::Document(command) => document::run(command, &config).await,
        Command::Floor(command) => floor::run(command, &config).await,
        Command::Layout(args) => floor::layout(args, &config).await,
        Command::Backup { file } => backup::backup(&config, &file).await,
        Command::Restore { file, force } => backup::restore(&config, &file, force).await,
        Command::Archive(command) => backup::archive(command, &config).await,
        Command::Unavailability { edition, file } => {
            schedule::unavailability(&config, &edition, &file).await
        }
    }
}
