use crate::{CountryCode, EditionId, Invalid};
use chrono::NaiveDate;
use chrono_tz::Tz;

/// One edition of the expo: where and when it takes place, and the edition
/// before it (for year-on-year growth).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edition {
    id: EditionId,
    name: String,
    host_country: CountryCode,
    start_date: NaiveDate,
    end_date: NaiveDate,
    time_zone: Tz,
    previous: Option<EditionId>,
}

impl Edition {
    pub fn new(
        id: EditionId,
        name: &str,
        host_country: CountryCode,
        start_date: NaiveDate,
        end_date: NaiveDate,
        time_zone: Tz,
        previous: Option<EditionId>,
    ) -> Result<Self, Invalid> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Invalid::new("name", "is empty"));
        }
        if end_date < start_date {
            return Err(Invalid::new(
                "end_date",
                format!("{end_date} is before the start date {start_date}"),
            ));
        }
        if previous.as_ref() == Some(&id) {
            return Err(Invalid::new(
                "previous_id",
                format!("{id:?} is the edition itself"),
            ));
        }
        Ok(Self {
            id,
            name: name.to_owned(),
            host_country,
            start_date,
            end_date,
            time_zone,
            previous,
        })
    }

    /// The time zone an edition uses when none is given: China Standard Time
    /// for an edition hosted in China (the usual case), UTC elsewhere.
    pub fn default_time_zone(host_country: CountryCode) -> Tz {
        if host_country.alpha2() == "CN" {
            chrono_tz::Asia::Shanghai
        } else {
            chrono_tz::UTC
        }
    }

    pub fn parse_time_zone(field: &'static str, input: &str) -> Result<Tz, Invalid> {
        input.trim().parse::<Tz>().map_err(|_| {
            Invalid::new(
                field,
                format!("{input:?} is not an IANA time zone such as Asia/Shanghai"),
            )
        })
    }

    pub fn id(&self) -> &EditionId {
        &self.id
    }
    pub fn name(&self) -> &str {
        &self.name
    }
    pub fn host_country(&self) -> CountryCode {
        self.host_country
    }
    pub fn start_date(&self) -> NaiveDate {
        self.start_date
    }
    pub fn end_date(&self) -> NaiveDate {
        self.end_date
    }
    pub fn time_zone(&self) -> Tz {
        self.time_zone
    }
    pub fn previous(&self) -> Option<&EditionId> {
        self.previous.as_ref()
    }

    /// Days the expo is open, first and last included.
    pub fn days(&self) -> impl Iterator<Item = NaiveDate> + use<> {
        let end = self.end_date;
        self.start_date
            .iter_days()
            .take_while(move |day| *day <= end)
    }

    /// An organisation from another country than the host is "overseas".
    pub fn is_overseas(&self, country: CountryCode) -> bool {
        country != self.host_country
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        crate::parse_date("date", s).unwrap()
    }

    #[test]
    fn end_before_start_is_refused() {
        let cn = CountryCode::parse("host_country", "CN").unwrap();
        let id = EditionId::parse("id", "e").unwrap();
        let tz = Edition::default_time_zone(cn);
        let err = Edition::new(
            id.clone(),
            "E",
            cn,
            date("2024-07-20"),
            date("2024-07-16"),
            tz,
            None,
        )
        .unwrap_err();
        assert_eq!(err.field(), "end_date");
        let ok = Edition::new(
            id,
            "E",
            cn,
            date("2024-07-16"),
            date("2024-07-20"),
            tz,
            None,
        )
        .unwrap();
        assert_eq!(ok.days().count(), 5);
        assert_eq!(ok.time_zone(), chrono_tz::Asia::Shanghai);
    }
}
