//! An edition's headline figures, computed from the store's raw counts.
//!
//! Definitions (DESIGN.md, "Domain rules"):
//! - exhibitors: distinct organisations with the exhibitor role; "with
//!   co-exhibitors" adds the distinct co-exhibitors they brought;
//! - overseas: exhibitors from another country than the host; regions are UN M49;
//! - suppliers connected / key clients engaged: distinct suppliers / key-client
//!   organisations with at least one meeting that is accepted, scheduled or
//!   held with an exhibitor or co-exhibitor of the same edition;
//! - agreement totals: each amount converted at the latest rate on or before
//!   its signing date, summed exactly, rounded once to the minor unit;
//! - audience: distinct people, offline = checked in at least once, online =
//!   registered online and never checked in (so nobody counts twice);
//! - growth: (this - previous) / previous, when the edition has a previous one.
use crate::{Store, StoreResult};
use chainfair_core::{CountryCode, CurrencyCode, Edition, ExchangeRate, Money, RateTable, Region};
use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;
use std::collections::BTreeMap;

/// What the store counts for an edition, before any rule is applied in Rust.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EditionCounts {
    pub exhibitors_by_country: Vec<(CountryCode, u64)>,
    pub with_co_exhibitors: u64,
    pub suppliers_connected: u64,
    pub key_clients_engaged: u64,
    pub cooperation: u64,
    pub intention: u64,
    /// Agreements (not cancelled) per industry, `None` for those without one.
    pub agreements_by_industry: Vec<(Option<String>, u64)>,
    /// Agreement amounts summed per industry, currency and signing date.
    pub amounts: Vec<(Option<String>, Money, NaiveDate)>,
    /// Distinct people checked in, per day.
    pub offline_by_day: Vec<(NaiveDate, u64)>,
    /// Distinct people who followed a streamed session, per day.
    pub online_by_day: Vec<(NaiveDate, u64)>,
    pub audience_offline: u64,
    pub audience_online: u64,
    pub signups: u64,
}

/// Exhibitors per UN M49 region, in the order the closing report lists them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "PascalCase")]
pub struct RegionCounts {
    pub europe: u64,
    pub americas: u64,
    pub asia: u64,
    pub africa: u64,
    pub oceania: u64,
}

impl RegionCounts {
    fn add(&mut self, region: Region, n: u64) {
        let slot = match region {
            Region::Europe => &mut self.europe,
            Region::Americas => &mut self.americas,
            Region::Asia => &mut self.asia,
            Region::Africa => &mut self.africa,
            Region::Oceania => &mut self.oceania,
        };
        *slot += n;
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ExhibitorFigures {
    pub organizations: u64,
    pub with_co_exhibitors: u64,
    pub overseas: u64,
    pub overseas_share: f64,
    pub overseas_by_region: RegionCounts,
    pub countries: u64,
    pub growth: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct AgreementFigures {
    pub count: u64,
    pub cooperation: u64,
    pub intention: u64,
    /// Totals as decimal strings, in CNY and USD; absent when a rate is missing.
    pub total: BTreeMap<&'static str, String>,
    /// The USD→CNY rate the CNY total was converted to USD at: the latest
    /// on or before the edition's end date.
    pub rate: Option<RateFigure>,
    /// Why a total is missing: the currency and date with no rate, or a
    /// total beyond exact decimal range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing_rate: Option<String>,
    /// Per industry, the largest amount first.
    pub by_industry: Vec<IndustryFigure>,
}

/// The agreements of one industry (`None`: recorded without one).
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct IndustryFigure {
    pub industry: Option<String>,
    pub count: u64,
    /// The industry's amounts in CNY, each at its signing date's rate,
    /// rounded on their own (so they may differ from the total by cents);
    /// absent when a rate is missing.
    #[serde(rename = "CNY")]
    pub cny: Option<String>,
}

/// The distinct people checked in on one day, and those who followed a
/// streamed session that day.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct DayFigure {
    pub date: String,
    pub offline: u64,
    pub online: u64,
}

/// An exchange rate as the figures show it: 1 `from` = `value` `to`.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct RateFigure {
    pub from: String,
    pub to: String,
    pub value: String,
    pub date: String,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct AudienceFigures {
    pub total: u64,
    pub offline: u64,
    pub online: u64,
    pub growth: Option<f64>,
    /// Per day of check-ins or online attendance, in date order.
    pub by_day: Vec<DayFigure>,
}

/// The headline figures of an edition.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct EditionFigures {
    pub edition: String,
    pub name: String,
    pub exhibitors: ExhibitorFigures,
    pub agreements: AgreementFigures,
    pub suppliers_connected: u64,
    pub key_clients_engaged: u64,
    pub audience: AudienceFigures,
    pub next_edition_signups: u64,
}

fn ratio(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

fn growth(now: u64, before: Option<u64>) -> Option<f64> {
    before
        .filter(|b| *b > 0)
        .map(|b| (now as f64 - b as f64) / b as f64)
}

/// Sums the amounts in CNY, each converted at its signing date, exactly.
fn total_cny<'a>(
    rates: &RateTable,
    amounts: impl IntoIterator<Item = (&'a Money, &'a NaiveDate)>,
) -> Result<Decimal, String> {
    let mut total = Decimal::ZERO;
    for (money, day) in amounts {
        let converted = rates
            .convert(*money, CurrencyCode::cny(), *day)
            .map_err(|e| e.message().to_owned())?;
        total = total
            .checked_add(converted)
            .ok_or_else(|| "the total in CNY is too large".to_owned())?;
    }
    Ok(total)
}

/// `value` rounded once, half away from zero, to `currency`'s minor unit.
fn rounded(value: Decimal, currency: CurrencyCode) -> String {
    let mut value =
        value.round_dp_with_strategy(currency.exponent(), RoundingStrategy::MidpointAwayFromZero);
    value.rescale(currency.exponent());
    value.to_string()
}

/// The totals in CNY and USD: the CNY total of the amounts, and that total
/// at the latest USD→CNY rate on or before `end` (the rate returned).
fn totals(
    rates: &RateTable,
    amounts: &[(Option<String>, Money, NaiveDate)],
    end: NaiveDate,
) -> Result<(BTreeMap<&'static str, String>, RateFigure), String> {
    let (cny, usd) = (CurrencyCode::cny(), CurrencyCode::usd());
    let in_cny = total_cny(rates, amounts.iter().map(|(_, m, d)| (m, d)))?;
    let rate = rates
        .rate(usd, cny, end)
        .map_err(|e| e.message().to_owned())?;
    let in_usd = in_cny
        .checked_div(rate.rate)
        .ok_or_else(|| "the total in USD is out of range".to_owned())?;
    let mut total = BTreeMap::new();
    total.insert(cny.code(), rounded(in_cny, cny));
    total.insert(usd.code(), rounded(in_usd, usd));
    let figure = RateFigure {
        from: usd.to_string(),
        to: cny.to_string(),
        value: rate.rate.normalize().to_string(),
        date: rate.date.to_string(),
        source: rate.source,
    };
    Ok((total, figure))
}

fn by_day(counts: &EditionCounts) -> Vec<DayFigure> {
    let mut days: BTreeMap<NaiveDate, (u64, u64)> = BTreeMap::new();
    for (day, n) in &counts.offline_by_day {
        days.entry(*day).or_default().0 = *n;
    }
    for (day, n) in &counts.online_by_day {
        days.entry(*day).or_default().1 = *n;
    }
    days.into_iter()
        .map(|(day, (offline, online))| DayFigure {
            date: day.to_string(),
            offline,
            online,
        })
        .collect()
}

fn exhibitor_count(counts: &EditionCounts) -> u64 {
    counts.exhibitors_by_country.iter().map(|(_, n)| n).sum()
}

/// Computes an edition's headline figures from the store.
pub async fn edition_figures(store: &dyn Store, edition: &Edition) -> StoreResult<EditionFigures> {
    let counts = store.counts(edition.id()).await?;
    let previous = match edition.previous() {
        Some(previous) => Some(store.counts(previous).await?),
        None => None,
    };
    let rates = RateTable::new(crate::read_all::<ExchangeRate>(store, None).await?);

    let organizations = exhibitor_count(&counts);
    let mut overseas_by_region = RegionCounts::default();
    let mut overseas = 0;
    for (country, n) in &counts.exhibitors_by_country {
        if edition.is_overseas(*country) {
            overseas += n;
            if let Some(region) = country.region() {
                overseas_by_region.add(region, *n);
            }
        }
    }

    let (total, rate, missing_rate) = match totals(&rates, &counts.amounts, edition.end_date()) {
        Ok((total, rate)) => (total, Some(rate), None),
        Err(why) => (BTreeMap::new(), None, Some(why)),
    };

    let mut by_industry: Vec<IndustryFigure> = counts
        .agreements_by_industry
        .iter()
        .map(|(industry, count)| {
            let amounts = counts.amounts.iter().filter(|(i, ..)| i == industry);
            IndustryFigure {
                industry: industry.clone(),
                count: *count,
                cny: total_cny(&rates, amounts.map(|(_, m, d)| (m, d)))
                    .ok()
                    .map(|total| rounded(total, CurrencyCode::cny())),
            }
        })
        .collect();
    let amount = |f: &IndustryFigure| {
        f.cny
            .as_deref()
            .and_then(|c| Decimal::from_str_exact(c).ok())
    };
    by_industry.sort_by(|x, y| amount(y).cmp(&amount(x)).then(y.count.cmp(&x.count)));

    let audience = |c: &EditionCounts| c.audience_offline + c.audience_online;
    Ok(EditionFigures {
        edition: edition.id().to_string(),
        name: edition.name().to_owned(),
        exhibitors: ExhibitorFigures {
            organizations,
            with_co_exhibitors: counts.with_co_exhibitors,
            overseas,
            overseas_share: ratio(overseas, organizations),
            overseas_by_region,
            countries: counts.exhibitors_by_country.len() as u64,
            growth: growth(organizations, previous.as_ref().map(exhibitor_count)),
        },
        agreements: AgreementFigures {
            count: counts.cooperation + counts.intention,
            cooperation: counts.cooperation,
            intention: counts.intention,
            total,
            rate,
            missing_rate,
            by_industry,
        },
        suppliers_connected: counts.suppliers_connected,
        key_clients_engaged: counts.key_clients_engaged,
        audience: AudienceFigures {
            total: audience(&counts),
            offline: counts.audience_offline,
            online: counts.audience_online,
            growth: growth(audience(&counts), previous.as_ref().map(audience)),
            by_day: by_day(&counts),
        },
        next_edition_signups: counts.signups,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_usd_total_is_the_cny_total_at_the_rate_of_the_last_day() {
        let day = |d: &str| chainfair_core::parse_date("date", d).unwrap();
        let code = |c: &str| CurrencyCode::parse("currency", c).unwrap();
        let rate = |d: &str, to: &str, r: &str| {
            ExchangeRate::new(
                day(d),
                code("USD"),
                code(to),
                Decimal::from_str_exact(r).unwrap(),
                "test",
            )
            .unwrap()
        };
        let rates = RateTable::new([
            rate("2024-01-01", "CNY", "7.0"),
            rate("2024-06-01", "CNY", "7.2"),
            rate("2024-01-01", "EUR", "0.9"),
        ]);
        // 100 EUR signed in March: 100 / 0.9 * 7.0 = 777.78 CNY; the edition
        // ends in July, when 1 USD = 7.2 CNY: 777.777... / 7.2 = 108.02 USD
        // (at the signing date's rate it would have been 111.11).
        let amounts = [(
            None,
            Money::parse("amount", "100.00", code("EUR")).unwrap(),
            day("2024-03-01"),
        )];
        let (total, used) = totals(&rates, &amounts, day("2024-07-01")).unwrap();
        assert_eq!(total["CNY"], "777.78");
        assert_eq!(total["USD"], "108.02");
        assert_eq!(
            (used.value.as_str(), used.date.as_str()),
            ("7.2", "2024-06-01")
        );
        // No USD→CNY rate by the end date: the reason, not a zero.
        let early = totals(&rates, &amounts, day("2023-12-31")).unwrap_err();
        assert!(
            early.contains("2023-12-31") || early.contains("EUR"),
            "{early}"
        );
    }
}
