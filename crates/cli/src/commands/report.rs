//! `chainfair report ...`: documents generated from the data.
use super::map::load_chains;
use crate::{Config, ReportCommand, open_store};
use anyhow::{Context, bail};
use chainfair_chains::concentration::ChokepointRule;
use chainfair_chains::map::{ChainMap, Overrides};
use chainfair_core::EditionId;
use chainfair_report::{Lang, closing_html, closing_markdown, promotion_html};
use std::io::Write;
use std::path::Path;

pub(crate) async fn run(command: ReportCommand, config: &Config) -> anyhow::Result<()> {
    match command {
        ReportCommand::Closing {
            edition,
            format,
            lang,
            out,
        } => {
            let Some(lang) = Lang::parse(&lang) else {
                bail!("--lang {lang:?}: use en or zh")
            };
            let store = open_store(&config.db).await?;
            let id = EditionId::parse("edition", &edition)?;
            let Some(edition) = store.edition(&id).await? else {
                bail!("unknown edition {id}")
            };
            let figures = chainfair_store::edition_figures(store.as_ref(), &edition).await?;
            let chains = load_chains(config.chains.as_deref())?;
            let text = match format.as_str() {
                "json" => serde_json::to_string_pretty(&figures)? + "\n",
                "md" => closing_markdown(&figures, &chains, lang),
                "html" | "pdf" => closing_html(&figures, &chains, lang),
                other => bail!("--format {other:?}: use json, md, html or pdf"),
            };
            emit(&format, &text, out.as_deref())
        }
        ReportCommand::Promotion {
            edition,
            lang,
            format,
            out,
            ..
        } => {
            let Some(lang) = Lang::parse(&lang) else {
                bail!("--lang {lang:?}: use en or zh")
            };
            let chains = load_chains(config.chains.as_deref())?;
            let title = match edition {
                Some(id) => {
                    let store = open_store(&config.db).await?;
                    let id = EditionId::parse("edition", &id)?;
                    let Some(edition) = store.edition(&id).await? else {
                        bail!("unknown edition {id}")
                    };
                    Some(edition.name().to_owned())
                }
                None => None,
            };
            if !["html", "pdf"].contains(&format.as_str()) {
                bail!("--format {format:?}: use html or pdf");
            }
            let html = promotion(&chains, title.as_deref(), lang)?;
            emit(&format, &html, out.as_deref())
        }
    }
}

/// The Promotion Report as HTML: every chain's map with the chokepoints.
pub(crate) fn promotion(
    chains: &chainfair_chains::template::Chains,
    title: Option<&str>,
    lang: Lang,
) -> anyhow::Result<String> {
    let maps = chains
        .iter()
        .map(|t| ChainMap::build(t, &Overrides::new(), ChokepointRule::default()))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(promotion_html(&maps, title, lang))
}

/// Writes a document: a PDF printed from `text` (HTML), or `text` itself to
/// the file or standard output.
fn emit(format: &str, text: &str, out: Option<&Path>) -> anyhow::Result<()> {
    match (format, out) {
        ("pdf", Some(path)) => print_pdf(text, path),
        ("pdf", None) => bail!("--format pdf needs --out FILE"),
        (_, Some(path)) => {
            std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
        }
        (_, None) => Ok(std::io::stdout().lock().write_all(text.as_bytes())?),
    }
}

/// Prints `html` to a PDF with headless Chromium.
pub(crate) fn print_pdf(html: &str, out: &Path) -> anyhow::Result<()> {
    let browser = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|name| {
            std::env::var_os("PATH").is_some_and(|path| {
                std::env::split_paths(&path).any(|dir| dir.join(name).is_file())
            })
        })
        .context(
            "PDF output needs Chromium, which is not installed \
             (Debian: apt-get install chromium); use --format html and print it from a browser",
        )?;
    let dir = tempfile::tempdir()?;
    let page = dir.path().join("report.html");
    std::fs::write(&page, html)?;
    let target = std::path::absolute(out)?;
    let status = std::process::Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--print-to-pdf={}", target.display()))
        .arg(format!("file://{}", page.display()))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .with_context(|| format!("cannot run {browser}"))?;
    if !status.success() || !target.is_file() {
        bail!("{browser} could not print {}", out.display());
    }
    Ok(())
}
