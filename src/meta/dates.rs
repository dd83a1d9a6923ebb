//! Dates: parsing machine-readable values, finding a date in a visible
//! byline or in the URL path, and refusing implausible ones.

use crate::lexicon::{MONTHS, MONTH_NAMES};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};

use super::Timestamp;

pub(crate) use crate::timestamp::parse;

/// Whether a date can be the publication date of a page fetched at `now`:
/// not in the future (a day of slack for date-only and local values,
/// whose zone is unknown) and not before the web.
pub(crate) fn plausible(ts: &Timestamp, now: DateTime<Utc>) -> bool {
    if ts.date().year() < 1991 {
        return false;
    }
    match ts {
        Timestamp::DateTime(t) => t.with_timezone(&Utc) <= now + Duration::minutes(10),
        Timestamp::Local(t) => *t <= now.naive_utc() + Duration::hours(14),
        Timestamp::Date(d) => *d <= (now + Duration::hours(14)).date_naive(),
    }
}

pub(super) fn month(word: &str) -> Option<u32> {
    let w = word.to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    (0..12)
        .find(|&i| w == MONTHS[i] || w == MONTH_NAMES[i] || (w == "sept" && i == 8))
        .map(|i| i as u32 + 1)
}

fn number(word: &str, max: u32) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic()); // 1st, 22nd
    if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|&n| n >= 1 && n <= max)
}

/// The first calendar date written out in visible text: "April 28, 2019",
/// "28 Apr 2019", "2019-04-28", "2019/04/28". A lone year (a copyright
/// line) is never a date.
pub(crate) fn find_in_text(text: &str) -> Option<NaiveDate> {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '.' && c != '/')
        .flat_map(|w| w.split(['.', ',']))
        .filter(|w| !w.is_empty())
        .take(400)
        .collect();
    for (i, w) in words.iter().enumerate() {
        if let Some(d) = numeric_date(w) {
            return Some(d);
        }
        let at = |k: usize| words.get(i + k).copied().unwrap_or("");
        let ymd = |y: u32, m: u32, d: u32| NaiveDate::from_ymd_opt(y as i32, m, d);
        if let Some(m) = month(w) {
            // Month Day Year
            if let (Some(d), Some(y)) = (number(at(1), 31), number(at(2), 2100)) {
                if y > 1900 {
                    if let Some(date) = ymd(y, m, d) {
                        return Some(date);
                    }
                }
            }
        }
        if let (Some(d), Some(m), Some(y)) = (number(w, 31), month(at(1)), number(at(2), 2100)) {
            if y > 1900 {
                if let Some(date) = ymd(y, m, d) {
                    return Some(date);
                }
            }
        }
    }
    None
}

fn numeric_date(word: &str) -> Option<NaiveDate> {
    let w = word.trim_matches(|c: char| !c.is_ascii_digit());
    if w.len() != 10 {
        return None;
    }
    NaiveDate::parse_from_str(w, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(w, "%Y/%m/%d"))
        .ok()
}

/// A date in the URL path: `/2019/04/28/`, `/2019-04-28-slug`, `/20190428/`.
pub(crate) fn from_url(path: &str) -> Option<NaiveDate> {
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    for (i, s) in segs.iter().enumerate() {
        if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
            let y: i32 = s.parse().ok()?;
            let m = segs.get(i + 1).and_then(|m| number(m, 12));
            let d = segs.get(i + 2).and_then(|d| {
                let n = d.split(['-', '_', '.']).next().unwrap_or("");
                (n.len() <= 2).then(|| number(n, 31)).flatten()
            });
            if let (Some(m), Some(d)) = (m, d) {
                if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                    return Some(date);
                }
            }
        }
        let head = s.get(..10).unwrap_or("");
        if let Ok(date) = NaiveDate::parse_from_str(head, "%Y-%m-%d") {
            return Some(date);
        }
        if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) && s.starts_with(['1', '2']) {
            if let Ok(date) = NaiveDate::parse_from_str(s, "%Y%m%d") {
                return Some(date);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn parses_markup_formats() {
        let cases = [
            ("2021-11-01T10:52:50+0100", "2021-11-01T10:52:50+01:00"),
            ("2015-03-27T13:07:55.096Z", "2015-03-27T13:07:55.096+00:00"),
            ("2003-02-28T21:51:08Z", "2003-02-28T21:51:08+00:00"),
            ("2019-04-28 06:01:07", "2019-04-28T06:01:07"),
            ("2024-06-25", "2024-06-25"),
            (
                "Thu, 22 Dec 2016 10:43:37 -0800",
                "2016-12-22T10:43:37-08:00",
            ),
            ("2016-12-22T10:43", "2016-12-22T10:43:00"),
        ];
        for (input, want) in cases {
            assert_eq!(
                parse(input).map(|t| t.to_rfc3339()).as_deref(),
                Some(want),
                "{input}"
            );
        }
        assert_eq!(parse("2024"), None);
        assert_eq!(parse("yesterday"), None);
        assert_eq!(parse("2024-13-45"), None);
    }

    #[test]
    fn date_only_stays_a_date() {
        assert!(matches!(parse("2024-06-25"), Some(Timestamp::Date(_))));
    }

    #[test]
    fn future_and_ancient_dates_are_refused() {
        let now = DateTime::parse_from_rfc3339("2024-06-01T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert!(plausible(&parse("2024-06-01T11:00:00Z").unwrap(), now));
        assert!(!plausible(&parse("2024-06-01T14:00:00Z").unwrap(), now));
        assert!(plausible(&parse("2024-06-02").unwrap(), now));
        assert!(!plausible(&parse("2024-06-03").unwrap(), now));
        assert!(!plausible(&parse("1970-01-01").unwrap(), now));
    }

    #[test]
    fn finds_dates_in_text() {
        assert_eq!(
            find_in_text("April 28, 2019 at 6:01 am Updated April 29"),
            Some(ymd(2019, 4, 28))
        );
        assert_eq!(
            find_in_text("by Lucas Nolan 22 Dec 2016"),
            Some(ymd(2016, 12, 22))
        );
        assert_eq!(find_in_text("Posted 2016-12-22"), Some(ymd(2016, 12, 22)));
        assert_eq!(find_in_text("© 2019 The Daily. All rights reserved"), None);
        assert_eq!(find_in_text("May the force"), None);
    }

    #[test]
    fn finds_dates_in_url_paths() {
        assert_eq!(
            from_url("/news/2019/04/28/rain-returns/"),
            Some(ymd(2019, 4, 28))
        );
        assert_eq!(from_url("/2019-04-28-rain"), Some(ymd(2019, 4, 28)));
        assert_eq!(from_url("/a/20190428/x"), Some(ymd(2019, 4, 28)));
        assert_eq!(from_url("/2019/04/rain"), None);
        assert_eq!(from_url("/products/1234/56/78"), None);
    }
}
