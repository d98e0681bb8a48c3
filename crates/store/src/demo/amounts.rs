//! Exchange rates and the amounts of agreements.
//!
//! Rates are the Federal Reserve's H.10 annual averages, in units of a
//! currency per US dollar. An agreement is valued in yuan at the rate of its
//! edition's year: CNY as it is, USD × (CNY per USD), and EUR or JPY as
//! amount ÷ (units per USD) × (CNY per USD), the same path through the dollar
//! that `RateTable` takes.
//!
//! Amounts are heavy-tailed: a size class (decade) is drawn first, most deals
//! in the lowest and a few in the highest, then a mantissa from the E24
//! series, whose 24 values are evenly spaced on a log scale. The draws are
//! scaled so that their yuan values sum to the edition's total, rounded to
//! two or three significant figures in their own currency as deal sizes are
//! announced, and the rounding error (a few million yuan at most) is
//! absorbed by the largest yuan amounts, so the total is met to 10,000 yuan.
use chainfair_core::{CurrencyCode, ExchangeRate, Invalid, Money};
use chrono::NaiveDate;
use rand::Rng;
use rust_decimal::Decimal;

/// One year's H.10 annual averages, units per US dollar.
#[derive(Debug, Clone, Copy)]
pub(crate) struct YearRates {
    pub year: i32,
    pub cny: Decimal,
    pub eur: Decimal,
    pub jpy: Decimal,
}

pub(crate) fn year_rates(year: i32) -> YearRates {
    if year <= 2023 {
        YearRates {
            year: 2023,
            cny: Decimal::new(70809, 4),
            eur: Decimal::new(9245, 4),
            jpy: Decimal::new(1405001, 4),
        }
    } else {
        YearRates {
            year: 2024,
            cny: Decimal::new(71957, 4),
            eur: Decimal::new(9242, 4),
            jpy: Decimal::new(1514551, 4),
        }
    }
}

/// The currencies agreements are signed in.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Currencies {
    pub cny: CurrencyCode,
    pub usd: CurrencyCode,
    pub eur: CurrencyCode,
    pub jpy: CurrencyCode,
}

impl Currencies {
    pub(crate) fn new() -> Result<Currencies, Invalid> {
        let code = |c| CurrencyCode::parse("currency", c);
        Ok(Currencies {
            cny: code("CNY")?,
            usd: code("USD")?,
            eur: code("EUR")?,
            jpy: code("JPY")?,
        })
    }

    /// Units of `currency` per US dollar (one unit is worth `cny / per_usd` yuan).
    fn per_usd(&self, currency: CurrencyCode, rates: &YearRates) -> Decimal {
        match currency {
            c if c == self.usd => Decimal::ONE,
            c if c == self.eur => rates.eur,
            c if c == self.jpy => rates.jpy,
            _ => rates.cny,
        }
    }

    /// The yuan value of an amount at the year's rates.
    pub(crate) fn in_cny(&self, money: Money, rates: &YearRates) -> Decimal {
        if money.currency() == self.cny {
            return money.to_decimal();
        }
        money.to_decimal() / self.per_usd(money.currency(), rates) * rates.cny
    }

    /// The rate rows of one year: CNY, EUR and JPY per US dollar.
    pub(crate) fn rates(&self, rates: &YearRates) -> Result<Vec<ExchangeRate>, Invalid> {
        let date = NaiveDate::from_ymd_opt(rates.year, 1, 1)
            .ok_or_else(|| Invalid::new("date", format!("no 1 January in {}", rates.year)))?;
        let source = format!("Federal Reserve H.10, annual average {}", rates.year);
        [
            (self.cny, rates.cny),
            (self.eur, rates.eur),
            (self.jpy, rates.jpy),
        ]
        .into_iter()
        .map(|(to, rate)| ExchangeRate::new(date, self.usd, to, rate, &source))
        .collect()
    }
}

/// Size classes (decades, 0 for the smallest deals) and their weights in permille.
const DECADES: [(u32, u32); 4] = [(0, 550), (1, 350), (2, 90), (3, 10)];
/// The E24 preferred numbers, in tenths.
#[rustfmt::skip]
const E24: [u64; 24] = [10, 11, 12, 13, 15, 16, 18, 20, 22, 24, 27, 30, 33, 36, 39, 43, 47, 51, 56, 62, 68, 75, 82, 91];
/// The rounding error is corrected in steps of this many yuan.
const CORRECTION_STEP: i64 = 10_000;

/// One amount per entry of `currencies`, worth `total_cny` yuan together.
pub(crate) fn amounts<R: Rng>(
    rng: &mut R,
    currencies: &[CurrencyCode],
    total_cny: u64,
    rates: &YearRates,
    known: &Currencies,
) -> Result<Vec<Money>, Invalid> {
    let weights: Vec<u64> = currencies
        .iter()
        .map(|_| {
            let decade = super::weighted(rng, &DECADES);
            E24[rng.random_range(0..E24.len())] * 10u64.pow(decade)
        })
        .collect();
    let sum = Decimal::from(weights.iter().sum::<u64>().max(1));
    let total = Decimal::from(total_cny);
    let mut out = Vec::with_capacity(currencies.len());
    for (&currency, &weight) in currencies.iter().zip(&weights) {
        let yuan = total * Decimal::from(weight) / sum;
        let units = yuan / rates.cny * known.per_usd(currency, rates);
        let whole = round_figures(to_i64(units.round())?);
        out.push(Money::from_minor(
            whole * 10i64.pow(currency.exponent()),
            currency,
        ));
    }
    correct(&mut out, total, rates, known)?;
    Ok(out)
}

/// Rounds to two significant figures, three from 100 million up.
fn round_figures(value: i64) -> i64 {
    let figures = if value >= 100_000_000 { 3 } else { 2 };
    let digits = value.max(1).ilog10() + 1;
    let step = 10i64.pow(digits.saturating_sub(figures));
    ((value + step / 2) / step * step).max(step)
}

/// Moves the yuan amounts, largest first, so that the total is `total`; none
/// loses more than half its value.
fn correct(
    amounts: &mut [Money],
    total: Decimal,
    rates: &YearRates,
    known: &Currencies,
) -> Result<(), Invalid> {
    let now: Decimal = amounts.iter().map(|m| known.in_cny(*m, rates)).sum();
    let step = Decimal::from(CORRECTION_STEP);
    let mut missing = to_i64(((total - now) / step).round())? * CORRECTION_STEP;
    let minor = 10i64.pow(known.cny.exponent());
    let mut largest: Vec<usize> = (0..amounts.len())
        .filter(|&i| amounts[i].currency() == known.cny)
        .collect();
    largest.sort_by_key(|&i| std::cmp::Reverse(amounts[i].minor()));
    for i in largest {
        if missing == 0 {
            break;
        }
        let yuan = amounts[i].minor() / minor;
        let change = missing.max(-(yuan / 2 / CORRECTION_STEP * CORRECTION_STEP));
        amounts[i] = Money::from_minor((yuan + change) * minor, known.cny);
        missing -= change;
    }
    Ok(())
}

fn to_i64(value: Decimal) -> Result<i64, Invalid> {
    i64::try_from(value).map_err(|_| Invalid::new("amount", format!("{value} is too large")))
}
