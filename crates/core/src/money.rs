//! Money as integer minor units of an ISO 4217 currency, and exchange rates as
//! exact decimals. No floating point anywhere: amounts are parsed digit by
//! digit, summed as integers, and converted with `rust_decimal`.
use crate::Invalid;
use chrono::NaiveDate;
use iso_currency::Currency;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::fmt;

/// An ISO 4217 currency that has minor units defined (so not gold or SDRs).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CurrencyCode(Currency);

impl CurrencyCode {
    pub fn parse(field: &'static str, input: &str) -> Result<Self, Invalid> {
        let code = input.trim().to_ascii_uppercase();
        match Currency::from_code(&code) {
            Some(currency) if currency.exponent().is_some() => Ok(Self(currency)),
            Some(_) => Err(Invalid::new(
                field,
                format!("{input:?} has no minor unit and cannot hold an amount"),
            )),
            None => Err(Invalid::new(
                field,
                format!("unknown currency {input:?}: expected an ISO 4217 code such as CNY"),
            )),
        }
    }

    pub fn code(self) -> &'static str {
        self.0.code()
    }

    /// Digits after the decimal point: 2 for CNY, 0 for JPY, 3 for KWD.
    pub fn exponent(self) -> u32 {
        self.0.exponent().map(u32::from).unwrap_or(0)
    }

    pub fn usd() -> Self {
        Self(Currency::USD)
    }

    pub fn cny() -> Self {
        Self(Currency::CNY)
    }
}

impl fmt::Display for CurrencyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Debug for CurrencyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CurrencyCode({})", self.code())
    }
}

/// An amount of money: a whole number of minor units (fen, cents) of one currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    minor: i64,
    currency: CurrencyCode,
}

impl Money {
    pub fn from_minor(minor: i64, currency: CurrencyCode) -> Self {
        Self { minor, currency }
    }

    /// An amount given with its currency in two fields (`amount`,
    /// `currency`), both or neither: none is `None`, one alone an error
    /// naming the missing field.
    pub fn parse_optional(
        amount: Option<&str>,
        currency: Option<&str>,
    ) -> Result<Option<Self>, Invalid> {
        match (amount, currency) {
            (None, None) => Ok(None),
            (Some(amount), Some(currency)) => Ok(Some(Money::parse(
                "amount",
                amount,
                CurrencyCode::parse("currency", currency)?,
            )?)),
            (Some(_), None) => Err(Invalid::new("currency", "is empty but an amount is given")),
            (None, Some(_)) => Err(Invalid::new("amount", "is empty but a currency is given")),
        }
    }

    /// Parses a decimal amount written with `.` as the separator and at most
    /// as many decimals as the currency has minor digits: `1520000.50` CNY.
    pub fn parse(
        field: &'static str,
        input: &str,
        currency: CurrencyCode,
    ) -> Result<Self, Invalid> {
        let text = input.trim();
        let not_decimal = || Invalid::new(field, format!("{input:?} is not a decimal"));
        let (negative, unsigned) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        let digits_only = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty()
            || !digits_only(whole)
            || !digits_only(fraction)
            || (unsigned.ends_with('.'))
        {
            return Err(not_decimal());
        }
        let exponent = currency.exponent();
        if fraction.len() > exponent as usize {
            return Err(Invalid::new(
                field,
                format!("{input:?} has more decimals than {currency}'s {exponent}"),
            ));
        }
        let too_large = || Invalid::new(field, format!("{input:?} is too large"));
        let padded = format!("{whole}{fraction:0<width$}", width = exponent as usize);
        let minor: i64 = padded.parse().map_err(|_| too_large())?;
        Ok(Self {
            minor: if negative { -minor } else { minor },
            currency,
        })
    }

    pub fn minor(self) -> i64 {
        self.minor
    }

    pub fn currency(self) -> CurrencyCode {
        self.currency
    }

    pub fn to_decimal(self) -> Decimal {
        Decimal::new(self.minor, self.currency.exponent())
    }

    pub fn is_negative(self) -> bool {
        self.minor < 0
    }

    /// Sum of two amounts of the same currency; `None` on overflow or a
    /// currency mismatch (a caller bug, never silently converted).
    pub fn checked_add(self, other: Money) -> Option<Money> {
        (self.currency == other.currency)
            .then(|| self.minor.checked_add(other.minor))
            .flatten()
            .map(|minor| Money {
                minor,
                currency: self.currency,
            })
    }

    /// The amount written as the import format expects it: `1520000.50`.
    pub fn amount_string(self) -> String {
        self.to_decimal().to_string()
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount_string(), self.currency)
    }
}

/// 1 unit of `from` is worth `rate` units of `to` from `date` on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExchangeRate {
    pub date: NaiveDate,
    pub from: CurrencyCode,
    pub to: CurrencyCode,
    pub rate: Decimal,
    pub source: String,
}

impl ExchangeRate {
    pub fn new(
        date: NaiveDate,
        from: CurrencyCode,
        to: CurrencyCode,
        rate: Decimal,
        source: &str,
    ) -> Result<Self, Invalid> {
        if from == to {
            return Err(Invalid::new(
                "to",
                format!("{to} is the same currency as `from`"),
            ));
        }
        if rate <= Decimal::ZERO {
            return Err(Invalid::new(
                "rate",
                format!("{rate} is not a positive rate"),
            ));
        }
        // Real rates lie far inside these bounds (the Venezuelan bolívar
        // reached 4.4 million per dollar); they keep every conversion, its
        // inverse and a cross rate within exact decimal range.
        let (low, high) = (Decimal::new(1, 9), Decimal::new(1_000_000_000_000, 0));
        if rate < low || rate > high {
            return Err(Invalid::new(
                "rate",
                format!("{rate} is outside 0.000000001 to 1000000000000"),
            ));
        }
        Ok(Self {
            date,
            from,
            to,
            rate,
            source: source.trim().to_owned(),
        })
    }

    pub fn parse_rate(field: &'static str, input: &str) -> Result<Decimal, Invalid> {
        let text = input.trim();
        let plain = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit() || b == b'.');
        plain
            .then(|| text.parse::<Decimal>().ok())
            .flatten()
            .ok_or_else(|| Invalid::new(field, format!("{input:?} is not a decimal")))
    }
}

/// The rate a conversion used: the effective rate from source to target
/// currency, the date of the (older) rate it rests on, and its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateUsed {
    pub from: CurrencyCode,
    pub to: CurrencyCode,
    pub rate: Decimal,
    pub date: NaiveDate,
    pub source: String,
}

/// Exchange rates by currency pair and date, for exact conversion.
#[derive(Debug, Default, Clone)]
pub struct RateTable {
    rates: BTreeMap<(CurrencyCode, CurrencyCode), BTreeMap<NaiveDate, ExchangeRate>>,
}

impl RateTable {
    pub fn new(rates: impl IntoIterator<Item = ExchangeRate>) -> Self {
        let mut table = Self::default();
        for rate in rates {
            table
                .rates
                .entry((rate.from, rate.to))
                .or_default()
                .insert(rate.date, rate);
        }
        table
    }

    /// The latest rate on or before `date`, taken directly or inverted.
    fn single(&self, from: CurrencyCode, to: CurrencyCode, date: NaiveDate) -> Option<RateUsed> {
        let latest = |pair| {
            self.rates
                .get(&pair)
                .and_then(|by_date: &BTreeMap<_, ExchangeRate>| by_date.range(..=date).next_back())
                .map(|(_, r)| r)
        };
        let direct = latest((from, to)).map(|r| RateUsed {
            from,
            to,
            rate: r.rate,
            date: r.date,
            source: r.source.clone(),
        });
        let inverse = latest((to, from)).map(|r| RateUsed {
            from,
            to,
            // Rates are bounded at parse time, so the inverse cannot overflow.
            rate: Decimal::ONE / r.rate,
            date: r.date,
            source: r.source.clone(),
        });
        // Prefer the more recent of a direct and an inverted quote; a direct one on a tie.
        match (direct, inverse) {
            (Some(d), Some(i)) => Some(if i.date > d.date { i } else { d }),
            (d, i) => d.or(i),
        }
    }

    /// The rate to convert `from` into `to` on `date`: the latest rate on or
    /// before that date, direct, inverted, or across the US dollar.
    pub fn rate(
        &self,
        from: CurrencyCode,
        to: CurrencyCode,
        date: NaiveDate,
    ) -> Result<RateUsed, Invalid> {
        if from == to {
            return Ok(RateUsed {
                from,
                to,
                rate: Decimal::ONE,
                date,
                source: "same currency".into(),
            });
        }
        if let Some(used) = self.single(from, to, date) {
            return Ok(used);
        }
        let usd = CurrencyCode::usd();
        if let (Some(leg1), Some(leg2)) = (self.single(from, usd, date), self.single(usd, to, date))
        {
            let source = if leg1.source == leg2.source {
                leg1.source
            } else {
                format!("{}; {}", leg1.source, leg2.source)
            };
            let rate = leg1.rate.checked_mul(leg2.rate).ok_or_else(|| {
                Invalid::new(
                    "rate",
                    format!("the rate from {from} to {to} across USD is too large"),
                )
            })?;
            return Ok(RateUsed {
                from,
                to,
                rate,
                date: leg1.date.min(leg2.date),
                source,
            });
        }
        Err(Invalid::new(
            "currency",
            format!("no exchange rate from {from} to {to} on or before {date}"),
        ))
    }

    /// Converts an amount exactly; the result keeps every decimal the rate
    /// gives, and the caller rounds once, at the end.
    pub fn convert(
        &self,
        amount: Money,
        to: CurrencyCode,
        date: NaiveDate,
    ) -> Result<Decimal, Invalid> {
        let used = self.rate(amount.currency(), to, date)?;
        amount.to_decimal().checked_mul(used.rate).ok_or_else(|| {
            Invalid::new(
                "amount",
                format!("{amount} is too large to convert to {to}"),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn cur(code: &str) -> CurrencyCode {
        CurrencyCode::parse("currency", code).unwrap()
    }

    fn date(s: &str) -> NaiveDate {
        crate::parse_date("date", s).unwrap()
    }

    #[test]
    fn parses_amounts_exactly_in_minor_units() {
        let cny = cur("cny");
        assert_eq!(
            Money::parse("amount", "1520000.5", cny).unwrap().minor(),
            152_000_050
        );
        assert_eq!(Money::parse("amount", "7", cny).unwrap().minor(), 700);
        assert_eq!(Money::parse("amount", "-0.01", cny).unwrap().minor(), -1);
        assert_eq!(
            Money::parse("amount", "1500", cur("JPY")).unwrap().minor(),
            1500
        );
        assert_eq!(
            Money::parse("amount", "1.234", cur("KWD")).unwrap().minor(),
            1234
        );
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        let cny = cur("CNY");
        let err = Money::parse("amount", "12,3.4", cny).unwrap_err();
        assert_eq!(err.message(), "\"12,3.4\" is not a decimal");
        for bad in ["", ".5", "5.", "1e3", "1 000", "+5", "--1", "0x10", "1.2.3"] {
            assert!(
                Money::parse("amount", bad, cny).is_err(),
                "{bad:?} accepted"
            );
        }
        let err = Money::parse("amount", "1.5", cur("JPY")).unwrap_err();
        assert_eq!(err.message(), "\"1.5\" has more decimals than JPY's 0");
        assert!(Money::parse("amount", "99999999999999999999", cny).is_err());
    }

    #[test]
    fn currency_must_be_iso_4217_with_minor_units() {
        assert_eq!(cur("usd").code(), "USD");
        assert!(CurrencyCode::parse("currency", "XAU").is_err());
        assert_eq!(
            CurrencyCode::parse("currency", "RMB")
                .unwrap_err()
                .message(),
            "unknown currency \"RMB\": expected an ISO 4217 code such as CNY"
        );
    }

    #[test]
    fn converts_direct_inverse_and_across_the_dollar() {
        let rates = RateTable::new([
            ExchangeRate::new(
                date("2024-01-01"),
                cur("USD"),
                cur("CNY"),
                "7.1957".parse().unwrap(),
                "H.10",
            )
            .unwrap(),
            ExchangeRate::new(
                date("2024-01-01"),
                cur("USD"),
                cur("EUR"),
                "0.9242".parse().unwrap(),
                "H.10",
            )
            .unwrap(),
            ExchangeRate::new(
                date("2023-01-01"),
                cur("USD"),
                cur("CNY"),
                "7.0809".parse().unwrap(),
                "H.10",
            )
            .unwrap(),
        ]);
        let usd = Money::parse("amount", "100", cur("USD")).unwrap();
        assert_eq!(
            rates.convert(usd, cur("CNY"), date("2024-07-16")).unwrap(),
            "719.5700".parse().unwrap()
        );
        assert_eq!(
            rates.convert(usd, cur("CNY"), date("2023-12-31")).unwrap(),
            "708.0900".parse().unwrap()
        );
        let cny = Money::parse("amount", "719.57", cur("CNY")).unwrap();
        assert_eq!(
            rates
                .convert(cny, cur("USD"), date("2024-07-16"))
                .unwrap()
                .round_dp(10),
            "100".parse().unwrap()
        );
        let eur = Money::parse("amount", "92.42", cur("EUR")).unwrap();
        let in_cny = rates.convert(eur, cur("CNY"), date("2024-07-16")).unwrap();
        assert_eq!(in_cny.round_dp(2), "719.57".parse().unwrap());
        let huge: Decimal = "99999999999999999999".parse().unwrap();
        let refused = ExchangeRate::new(date("2024-01-01"), cur("USD"), cur("JPY"), huge, "x");
        assert_eq!(refused.unwrap_err().field(), "rate");
        let err = rates
            .convert(usd, cur("CNY"), date("2022-12-31"))
            .unwrap_err();
        assert_eq!(
            err.message(),
            "no exchange rate from USD to CNY on or before 2022-12-31"
        );
        let err = rates
            .convert(
                Money::parse("amount", "1", cur("JPY")).unwrap(),
                cur("CNY"),
                date("2024-07-16"),
            )
            .unwrap_err();
        assert!(err.message().contains("JPY"), "{err}");
    }

    proptest! {
        #[test]
        fn written_amounts_parse_back_to_themselves(minor in -10_000_000_000_000i64..10_000_000_000_000i64, code in prop::sample::select(vec!["CNY", "JPY", "KWD", "USD"])) {
            let money = Money::from_minor(minor, cur(code));
            let again = Money::parse("amount", &money.amount_string(), money.currency()).unwrap();
            prop_assert_eq!(again, money);
        }

        #[test]
        fn sums_are_exact(a in -1_000_000_000_000i64..1_000_000_000_000i64, b in -1_000_000_000_000i64..1_000_000_000_000i64) {
            let cny = cur("CNY");
            let sum = Money::from_minor(a, cny).checked_add(Money::from_minor(b, cny)).unwrap();
            prop_assert_eq!(sum.to_decimal(), Money::from_minor(a, cny).to_decimal() + Money::from_minor(b, cny).to_decimal());
        }
    }
}
