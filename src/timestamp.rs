//! The public date type: a date, or a date and time with or without an
//! offset, never more precise than the page said.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};

/// A publication or modification time, as precise as the page gave it.
///
/// A page that only says "2024-06-25" yields [`Timestamp::Date`], not an
/// invented midnight; a time without an offset yields [`Timestamp::Local`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Timestamp {
    /// A calendar date without a time.
    Date(NaiveDate),
    /// A date and time with the offset the page gave (UTC for `Z`).
    DateTime(DateTime<FixedOffset>),
    /// A date and time without an offset: the wall-clock time of an
    /// unknown time zone.
    Local(NaiveDateTime),
}

impl Timestamp {
    /// The calendar date, as written on the page (in the page's offset).
    pub fn date(&self) -> NaiveDate {
        match self {
            Timestamp::Date(d) => *d,
            Timestamp::DateTime(t) => t.date_naive(),
            Timestamp::Local(t) => t.date(),
        }
    }

    /// RFC 3339 text: `2024-06-25` for a date, `2024-06-25T10:00:00+02:00`
    /// for a date and time with an offset, and `2024-06-25T10:00:00`
    /// (no offset) for a local time; fractions of a second as the page
    /// gave them. [`Timestamp::parse`] reads it back as the same value.
    pub fn to_rfc3339(&self) -> String {
        match self {
            Timestamp::Date(d) => d.format("%Y-%m-%d").to_string(),
            Timestamp::DateTime(t) => t.to_rfc3339(),
            Timestamp::Local(t) => t.format("%Y-%m-%dT%H:%M:%S%.f").to_string(),
        }
    }

    /// Parses the formats the markup uses: RFC 3339 and ISO 8601 (with or
    /// without seconds, fractions, offset; `+0100` or `+01:00`), a bare
    /// date, RFC 2822. Returns `None` for anything else.
    pub fn parse(text: &str) -> Option<Timestamp> {
        parse(text)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_rfc3339())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Timestamp::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not a timestamp: {text}")))
    }
}

/// Offset formats tried after `Z` has been turned into `+00:00`.
const WITH_OFFSET: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f%z",
    "%Y-%m-%dT%H:%M%z",
    "%Y-%m-%d %H:%M:%S%.f%z",
    "%Y-%m-%d %H:%M:%S%.f %z",
    "%Y-%m-%d %H:%M%z",
];

const LOCAL: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
];

const DATE_ONLY: &[&str] = &["%Y-%m-%d", "%Y/%m/%d", "%Y%m%d"];

/// Parses a machine-readable date (see [`Timestamp::parse`]).
pub(crate) fn parse(text: &str) -> Option<Timestamp> {
    let t = text.trim();
    if t.len() < 8 || t.len() > 64 {
        return None;
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(t) {
        return Some(Timestamp::DateTime(d));
    }
    let zulu;
    let t = match t.strip_suffix(['Z', 'z']) {
        Some(rest) if rest.len() > 10 => {
            zulu = format!("{rest}+00:00");
            zulu.as_str()
        }
        _ => t,
    };
    for f in WITH_OFFSET {
        if let Ok(d) = DateTime::parse_from_str(t, f) {
            return Some(Timestamp::DateTime(d));
        }
    }
    for f in LOCAL {
        if let Ok(d) = NaiveDateTime::parse_from_str(t, f) {
            return Some(Timestamp::Local(d));
        }
    }
    for f in DATE_ONLY {
        if let Ok(d) = NaiveDate::parse_from_str(t, f) {
            return Some(Timestamp::Date(d));
        }
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(t) {
        return Some(Timestamp::DateTime(d));
    }
    // A date followed by a time we cannot read: keep the date.
    t.get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .map(Timestamp::Date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_text_round_trips() {
        // The local time with a fraction was found by the `dates` fuzz
        // target: its text lost the fraction, so it read back as another
        // value (and a serialised article deserialised differently).
        for text in [
            "2024-06-25",
            "2024-06-25T10:00:00+02:00",
            "2024-06-25T10:00:00",
            "2019-11-18T17:01:28.094",
            "2019-11-18T17:01:28.094+01:00",
        ] {
            let t = Timestamp::parse(text).unwrap();
            assert_eq!(t.to_rfc3339(), text);
            assert_eq!(Timestamp::parse(&t.to_string()), Some(t));
        }
    }

    #[cfg(feature = "serde")]
    #[test]
    fn serialises_as_rfc3339_text() {
        let t = Timestamp::parse("2024-06-25").unwrap();
        assert_eq!(serde_json::to_string(&t).unwrap(), "\"2024-06-25\"");
        let back: Timestamp = serde_json::from_str("\"2024-06-25T10:00:00Z\"").unwrap();
        assert_eq!(back.to_rfc3339(), "2024-06-25T10:00:00+00:00");
        assert!(serde_json::from_str::<Timestamp>("\"soon\"").is_err());
    }
}
