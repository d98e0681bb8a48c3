//! `chainfair serve`: the web application until Ctrl-C or SIGTERM.
use super::demo::{DemoLoad, load_demo, parse_scale};
use crate::{Config, open_store};
use anyhow::Context;
use chainfair_web::AppState;

/// The seed of the demo `serve --demo` loads, so every fresh demo is the same.
const DEMO_SEED: u64 = 2024;

/// The demo organiser's e-mail address.
pub(crate) const DEMO_ORGANISER: &str = "organiser@demo.chainfair.org";

/// How `serve` runs, beyond the configuration file.
#[derive(Debug)]
pub(crate) struct Options {
    pub demo_scale: Option<String>,
    pub secure_cookies: bool,
    pub body_limit: usize,
}

pub(crate) async fn serve(config: &Config, options: Options) -> anyhow::Result<()> {
    // Templates first: a bad file fails the start before anything is written.
    let chains = super::map::load_chains(config.chains.as_deref())?;
    let store = open_store(&config.db).await?;
    let mut demo_login = None;
    if let Some(scale) = &options.demo_scale {
        let scale = parse_scale(scale)?;
        match load_demo(store.as_ref(), scale, DEMO_SEED).await? {
            DemoLoad::Loaded => eprintln!(
                "loaded the {} demo: editions cisce-2023 and cisce-2024",
                scale.as_str()
            ),
            DemoLoad::Completed => {
                eprintln!("finished loading the demo that had been cut short")
            }
            DemoLoad::Untouched => {
                eprintln!("the database already holds editions: demo not loaded")
            }
        }
        if store.account_by_email(DEMO_ORGANISER).await?.is_none() {
            let password = chainfair_web::auth::secret()[..20].to_owned();
            super::user::add(
                store.as_ref(),
                chainfair_core::AccountRole::Organiser,
                DEMO_ORGANISER,
                "Demo organiser",
                None,
                &password,
            )
            .await?;
            demo_login = Some(password);
        }
    }
    let io_tables = match &config.io_tables {
        Some(dir) => super::io::load_table_dir(dir)?,
        None => Default::default(),
    };
    if !io_tables.is_empty() {
        eprintln!(
            "serving {} input-output tables from {}",
            io_tables.len(),
            config
                .io_tables
                .as_deref()
                .unwrap_or(std::path::Path::new(""))
                .display()
        );
    }
    let listener = tokio::net::TcpListener::bind(&config.addr)
        .await
        .with_context(|| format!("cannot listen on {}", config.addr))?;
    let addr = listener.local_addr()?;
    println!(
        "chainfair listening on http://{addr}/ ({} database)",
        store.backend()
    );
    if options.demo_scale.is_some() {
        println!("demo edition: http://{addr}/editions/cisce-2024");
        match demo_login {
            Some(password) => {
                println!("organiser sign-in: {DEMO_ORGANISER} / {password} (shown only now)");
            }
            None => println!(
                "organiser sign-in: {DEMO_ORGANISER}, with the password printed when the \
                 demo was loaded"
            ),
        }
    }
    tracing::info!(%addr, backend = store.backend(), "serving");
    let state = AppState {
        io_tables: std::sync::Arc::new(io_tables),
        chains: std::sync::Arc::new(chains),
        secure_cookies: options.secure_cookies,
        body_limit: options.body_limit,
        ..AppState::new(store)
    };
    chainfair_web::serve(listener, state, shutdown_signal()).await?;
    tracing::info!("stopped");
    Ok(())
}

/// Completes on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
