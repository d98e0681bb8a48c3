//! The real `chainfair` binary, as a user runs it.
mod commands;
mod io;
mod maps;
mod schedule;
mod serve;

use std::path::Path;
use std::process::{Command, Output};

pub fn chainfair(db: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chainfair"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("CHAINFAIR_CONFIG")
        .env("CHAINFAIR_LOG", "warn")
        .output()
        .expect("chainfair runs")
}

/// Runs a command that must succeed and returns its standard output.
pub fn ok(db: &str, args: &[&str]) -> String {
    let output = chainfair(db, args);
    assert!(
        output.status.success(),
        "chainfair {args:?} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

pub fn sqlite_url(dir: &Path) -> String {
    format!("sqlite:{}", dir.join("chainfair.db").display())
}
