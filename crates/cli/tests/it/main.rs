//! The real `chainfair` binary, as a user runs it.
mod commands;
mod crash;
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

/// Runs a report command with `--format pdf`: the PDF must come out where
/// Chromium is (`.ci/run` installs it and sets CHAINFAIR_CHROMIUM=1);
/// elsewhere the command either prints or says that it needs Chromium.
pub fn prints_pdf(db: &str, args: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("report.pdf");
    let mut all = args.to_vec();
    all.extend(["--format", "pdf", "--out", pdf.to_str().unwrap()]);
    let output = chainfair(db, &all);
    let stderr = String::from_utf8_lossy(&output.stderr);
    if std::env::var_os("CHAINFAIR_CHROMIUM").is_some() {
        assert!(output.status.success(), "{args:?}: {stderr}");
        let bytes = std::fs::read(&pdf).unwrap();
        assert!(bytes.starts_with(b"%PDF-"), "{args:?}: not a PDF");
    } else if !output.status.success() {
        assert!(stderr.contains("PDF output needs Chromium"), "{stderr}");
    }
}
