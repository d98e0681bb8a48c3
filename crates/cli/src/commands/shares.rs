//! `chainfair shares`: shares of economies in a segment, its HHI and whether
//! it is a chokepoint, from USDA PSD coffee or BACI trade data.
use super::io::open;
use crate::SharesArgs;
use anyhow::bail;
use chainfair_chains::concentration::{ChokepointRule, concentration, read_baci, read_psd_coffee};
use chainfair_core::HsCode;
use std::io::Write;

pub(crate) fn run(args: SharesArgs) -> anyhow::Result<()> {
    let (values, source) = match (&args.psd_coffee, &args.baci) {
        (Some(path), None) => {
            let Some(year) = args.year else {
                bail!("--psd-coffee needs --year")
            };
            let values = read_psd_coffee(
                open(path)?,
                &path.display().to_string(),
                year,
                &args.attribute,
            )?;
            (
                values,
                format!(
                    "USDA FAS PSD coffee, {} {year}, 1,000 bags of 60 kg",
                    args.attribute
                ),
            )
        }
        (None, Some(path)) => {
            if args.hs.is_empty() {
                bail!("--baci needs --hs with one or more HS codes");
            }
            let hs = args
                .hs
                .iter()
                .map(|c| HsCode::parse("hs", c))
                .collect::<Result<Vec<_>, _>>()?;
            let countries_name = args
                .baci_countries
                .as_ref()
                .map(|p| p.display().to_string());
            let countries = args.baci_countries.as_deref().map(open).transpose()?;
            let values = read_baci(
                open(path)?,
                &path.display().to_string(),
                &hs,
                countries.zip(countries_name.as_deref()),
            )?;
            let codes: Vec<&str> = hs.iter().map(HsCode::as_str).collect();
            (
                values,
                format!(
                    "CEPII BACI exports of HS {}, thousand USD",
                    codes.join(", ")
                ),
            )
        }
        _ => bail!("give one source: --psd-coffee FILE --year Y, or --baci FILE --hs CODES"),
    };
    let rule = ChokepointRule {
        top1_at_least: args.top1,
        hhi_at_least: args.hhi,
    };
    let c = concentration(values, rule)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(
            &mut out,
            &serde_json::json!({"source": source, "concentration": c}),
        )?;
        writeln!(out)?;
    } else {
        let mut csv = csv::Writer::from_writer(&mut out);
        csv.write_record(["economy", "value", "share"])?;
        for s in &c.shares {
            csv.write_record([
                s.economy.as_str(),
                &s.value.to_string(),
                &format!("{:.4}", s.share),
            ])?;
        }
        csv.flush()?;
        drop(csv);
        writeln!(
            out,
            "# source: {source}; HHI {:.0}; top-1 {:.1} %; top-3 {:.1} %; chokepoint: {}",
            c.hhi,
            c.top1 * 100.0,
            c.top3 * 100.0,
            if c.chokepoint { "yes" } else { "no" }
        )?;
    }
    Ok(())
}
