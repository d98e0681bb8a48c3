//! `chainfair serve`: the web application until Ctrl-C or SIGTERM.
use super::demo::{load_demo, parse_scale};
use crate::{Config, open_store};
use anyhow::Context;
use chainfair_web::AppState;

/// The seed of the demo `serve --demo` loads, so every fresh demo is the same.
const DEMO_SEED: u64 = 2024;

pub(crate) async fn serve(config: &Config, demo_scale: Option<&str>) -> anyhow::Result<()> {
    // Templates first: a bad file fails the start before anything is written.
    let chains = super::map::load_chains(config.chains.as_deref())?;
    let store = open_store(&config.db).await?;
    if let Some(scale) = demo_scale {
        let scale = parse_scale(scale)?;
        if load_demo(store.as_ref(), scale, DEMO_SEED).await? {
            eprintln!(
                "loaded the {} demo: editions cisce-2023 and cisce-2024",
                scale.as_str()
            );
        } else {
            eprintln!("the database already holds editions: demo not loaded");
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
    if demo_scale.is_some() {
        println!("demo edition: http://{addr}/editions/cisce-2024");
    }
    tracing::info!(%addr, backend = store.backend(), "serving");
    let state = AppState {
        store,
        io_tables: std::sync::Arc::new(io_tables),
        chains: std::sync::Arc::new(chains),
        matchers: Default::default(),
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
