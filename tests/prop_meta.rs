//! Property tests for the metadata parsers: date parsing and JSON-LD
//! reading are total on arbitrary text and on near-valid input built from
//! the pieces of real formats; a date that is read writes back as text
//! that reads the same, a well-formed date is read exactly whatever its
//! format, the page's article is found in JSON-LD however it is wrapped,
//! and an extracted article never carries an implausible date. The fuzz
//! targets `dates` and `jsonld` drive the same entry points.

mod common;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc};
use common::config;
use gleaner::fuzzing::{self, LdArticle};
use gleaner::{Extractor, Page, Timestamp};
use proptest::prelude::*;
use serde_json::{json, Value};

/// Pieces of the date formats pages use, valid and not.
const DATE_PIECES: &[&str] = &[
    "2024",
    "1999",
    "0000",
    "9999",
    "99999",
    "+12345",
    "-0001",
    "1970",
    "1900",
    "2100",
    "-",
    "/",
    "T",
    "t",
    " ",
    ":",
    ".",
    ",",
    "Z",
    "z",
    "00",
    "01",
    "02",
    "09",
    "12",
    "13",
    "23",
    "24",
    "28",
    "29",
    "30",
    "31",
    "32",
    "59",
    "60",
    "61",
    "99",
    "+00:00",
    "-00:00",
    "+01:00",
    "+0100",
    "-0800",
    "+05:30",
    "+23:59",
    "-23:59",
    "+24:00",
    "+99:99",
    "+1",
    "GMT",
    "UTC",
    "EST",
    "PDT",
    ".1",
    ".123",
    ".123456789",
    ".1234567890123",
    "Mon",
    "Thu,",
    "Sun",
    "Jan",
    "Feb",
    "Dec",
    "Sept",
    "May",
    "March",
    "april",
    "1st",
    "22nd",
    "at",
    "am",
    "pm",
    "Updated",
    "\u{a0}",
    "\t",
    "\u{200b}",
    "é",
    "٢٠٢٤",
    "２０２４",
];

fn date_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(DATE_PIECES), 0..16).prop_map(|p| p.concat())
}

/// A well-formed date in one of the supported formats, cut somewhere and
/// followed by pieces of others.
fn near_date() -> impl Strategy<Value = String> {
    (
        instant(),
        0usize..9,
        any::<prop::sample::Index>(),
        prop::collection::vec(prop::sample::select(DATE_PIECES), 0..3),
    )
        .prop_map(|(t, format, cut, tail)| {
            let text = match format {
                0 => t.to_rfc3339(),
                1 => t.format("%Y-%m-%dT%H:%M:%S%.fZ").to_string(),
                2 => t.format("%Y-%m-%dT%H:%M:%S%.3f%z").to_string(),
                3 => t.format("%Y-%m-%d %H:%M:%S%.3f %z").to_string(),
                4 => t.to_rfc2822(),
                5 => t.format("%Y-%m-%dT%H:%M:%S%.f").to_string(),
                6 => t.format("%Y/%m/%d %H:%M:%S").to_string(),
                7 => t.format("%Y-%m-%dT%H:%M").to_string(),
                _ => t.format("%Y%m%d").to_string(),
            };
            let keep = if tail.is_empty() {
                text.len()
            } else {
                cut.index(text.len() + 1)
            };
            format!("{}{}", &text[..keep], tail.concat())
        })
}

/// A date and time with an offset, as chrono values (years 1000–9999,
/// whole milliseconds, offsets within a day on minute boundaries).
fn instant() -> impl Strategy<Value = DateTime<FixedOffset>> {
    (
        1000i32..=9999,
        1u32..=366,
        0u32..86_400,
        0u32..1000,
        -(23 * 60 + 59)..=(23 * 60 + 59),
    )
        .prop_map(|(y, ord, secs, ms, off_min)| {
            let date = NaiveDate::from_yo_opt(y, ord)
                .or_else(|| NaiveDate::from_yo_opt(y, 365))
                .unwrap();
            let time = NaiveTime::from_num_seconds_from_midnight_opt(secs, ms * 1_000_000).unwrap();
            let offset = FixedOffset::east_opt(off_min * 60).unwrap();
            NaiveDateTime::new(date, time)
                .and_local_timezone(offset)
                .single()
                .unwrap()
        })
}

/// Words for bylines around a date: no digits, no month names.
const FILLER: &[&str] = &[
    "By", "Ann", "Lee", "Posted", "on", "the", "staff", "reporter", "Updated", "|", "—", "·",
    "Health", "News", "read", "minutes", "Photo:", "AP", "(", ")", "at", "in", "London",
];

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn plain_date() -> impl Strategy<Value = NaiveDate> {
    (1901i32..=2099, 1u32..=12, 1u32..=31).prop_map(|(y, m, d)| {
        (0..4)
            .find_map(|k| NaiveDate::from_ymd_opt(y, m, d - k.min(d - 1)))
            .unwrap()
    })
}

/// Text for a JSON-LD string: words (some entity-escaped) with runs of
/// whitespace around them, and the plain text a reader must get back.
fn ld_text() -> impl Strategy<Value = (String, String)> {
    let word = prop_oneof![
        "[A-Za-z0-9éß’]{1,10}".prop_map(|w| (w.clone(), w)),
        Just(("&amp;".to_string(), "&".to_string())),
        Just(("&quot;x&quot;".to_string(), "\"x\"".to_string())),
        Just(("&#8217;".to_string(), "’".to_string())),
    ];
    (
        prop::collection::vec(
            (word, prop::sample::select(vec![" ", "  ", "\n", "\t "])),
            1..6,
        ),
        prop::sample::select(vec!["", " ", "\n  "]),
    )
        .prop_map(|(words, pad)| {
            let raw: Vec<String> = words
                .iter()
                .map(|((r, _), sp)| format!("{r}{sp}"))
                .collect();
            let plain: Vec<&str> = words.iter().map(|((_, p), _)| p.as_str()).collect();
            (format!("{pad}{}", raw.concat()), plain.join(" "))
        })
}

const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "BlogPosting",
    "ReportageNewsArticle",
    "http://schema.org/NewsArticle",
    "schema:Article",
    "Report",
];

/// Objects that are not the article: never typed as one, never with a headline.
fn decoy() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(
            json!({"@type": "Organization", "name": "Daily Media", "logo": {"@type": "ImageObject", "url": "/l.png"}})
        ),
        Just(
            json!({"@type": "BreadcrumbList", "itemListElement": [{"@type": "ListItem", "position": 1, "name": "Home"}]})
        ),
        Just(json!({"@type": "ImageObject", "url": "https://cdn.example/i.jpg", "width": 800})),
        Just(json!({"@type": ["Thing", 3, null], "name": {"@value": "x"}})),
        Just(json!(null)),
        Just(json!(["a", 1, true, {}])),
        Just(json!({"@type": "Person", "@id": "#other", "name": "Someone Else"})),
    ]
}

/// Wraps the article object the ways sites do: in an `@graph`, in arrays,
/// as the `mainEntity` of a `WebPage`, among decoys, with a `WebSite`.
fn wrapped(article: Value) -> impl Strategy<Value = Value> {
    let person = json!({"@type": "Person", "@id": "#author", "name": "Ann Lee"});
    (
        prop::collection::vec(decoy(), 0..4),
        0usize..4,
        0usize..4,
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(move |(decoys, shape, depth, site, person_first)| {
            let mut nodes = decoys;
            let main = match shape {
                0 => article.clone(),
                1 => json!({"@type": "WebPage", "mainEntity": article.clone()}),
                2 => json!({"@graph": [article.clone()]}),
                _ => json!([[article.clone()]]),
            };
            let at = if person_first { nodes.len() } else { 0 };
            nodes.insert(at, main);
            nodes.insert(nodes.len() - at, person.clone());
            if site {
                nodes.push(json!({"@type": "WebSite", "@id": "#site", "name": "The Daily"}));
            }
            let mut v = json!({"@context": "https://schema.org", "@graph": nodes});
            for _ in 0..depth {
                v = json!([v]);
            }
            v
        })
}

/// Any JSON, with keys that the reader looks at.
fn any_json() -> impl Strategy<Value = Value> {
    let keys = prop::sample::select(vec![
        "@type",
        "@graph",
        "@id",
        "@value",
        "headline",
        "name",
        "author",
        "creator",
        "datePublished",
        "dateModified",
        "mainEntity",
        "publisher",
        "image",
        "keywords",
        "isAccessibleForFree",
        "hasPart",
        "inLanguage",
        "url",
        "mainEntityOfPage",
        "x",
    ]);
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<f64>().prop_map(|f| json!(f)),
        prop::sample::select(vec![
            "NewsArticle",
            "Person",
            "WebSite",
            "WebPage",
            "#author",
            "",
            "  ",
            "&amp;&lt;",
            "2024-06-25",
            "true",
            "False",
            "a, ,b,,",
            "https://example.com/a",
        ])
        .prop_map(|s| json!(s)),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 64, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((keys.clone(), inner), 0..6).prop_map(|kv| Value::Object(
                kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
            )),
        ]
    })
}

/// Every string the reader hands on is trimmed, collapsed and non-empty.
fn check_ld(ld: &LdArticle) -> Result<(), TestCaseError> {
    let clean = |s: &String| !s.is_empty() && s.trim() == s && !s.contains("  ");
    for s in [
        &ld.headline,
        &ld.published,
        &ld.modified,
        &ld.publisher,
        &ld.site,
        &ld.image,
        &ld.description,
        &ld.language,
        &ld.url,
    ]
    .into_iter()
    .flatten()
    {
        prop_assert!(clean(s), "{:?}", s);
    }
    prop_assert!(ld.keywords.iter().all(clean), "{:?}", ld.keywords);
    prop_assert!(ld.authors.iter().all(|(a, _)| clean(a)), "{:?}", ld.authors);
    prop_assert!(ld.authors.len() <= 50);
    Ok(())
}

fn fixed_now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2024-06-01T12:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn date_parsing_is_total_and_round_trips(text in prop_oneof![any::<String>(), date_soup(), near_date()]) {
        if let Some(t) = fuzzing::parse_date(&text) {
            let back = t.to_rfc3339();
            prop_assert_eq!(fuzzing::parse_date(&back), Some(t), "{:?} -> {:?}", text, back);
            prop_assert_eq!(Timestamp::parse(&text), Some(t));
            let _ = fuzzing::date_is_plausible(&t, fixed_now());
        }
        let _ = fuzzing::date_in_text(&text);
        let _ = fuzzing::date_in_url_path(&text);
    }

    #[test]
    fn well_formed_dates_are_read_exactly(t in instant(), format in 0usize..9) {
        let utc = t.with_timezone(&Utc).fixed_offset();
        let (text, want) = match format {
            0 => (t.to_rfc3339(), Timestamp::DateTime(t)),
            1 => (utc.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string(), Timestamp::DateTime(utc)),
            2 => (t.format("%Y-%m-%dT%H:%M:%S%.3f%z").to_string(), Timestamp::DateTime(t)),
            3 => (t.format("%Y-%m-%d %H:%M:%S%.3f %z").to_string(), Timestamp::DateTime(t)),
            4 => (t.to_rfc2822(), Timestamp::DateTime(t.with_nanosecond(0).unwrap())),
            5 => (t.format("%Y-%m-%dT%H:%M:%S%.3f").to_string(), Timestamp::Local(t.naive_local())),
            6 => (t.format("%Y/%m/%d %H:%M:%S").to_string(), Timestamp::Local(t.naive_local().with_nanosecond(0).unwrap())),
            7 => (t.format("%Y-%m-%d").to_string(), Timestamp::Date(t.date_naive())),
            _ => (t.format("%Y%m%d").to_string(), Timestamp::Date(t.date_naive())),
        };
        let got = fuzzing::parse_date(&format!("  {text}\n"));
        prop_assert_eq!(got.map(|g| g.to_rfc3339()), Some(want.to_rfc3339()), "{}", text);
        prop_assert_eq!(got, Some(want), "{}", text);
        prop_assert_eq!(fuzzing::parse_date(&want.to_rfc3339()), Some(want));
    }

    #[test]
    fn plausible_dates_are_after_1991_and_not_in_the_future(text in date_soup(), t in instant()) {
        let now = fixed_now();
        for ts in fuzzing::parse_date(&text).into_iter().chain([Timestamp::DateTime(t), Timestamp::Date(t.date_naive())]) {
            if fuzzing::date_is_plausible(&ts, now) {
                prop_assert!(ts.date().year() >= 1991, "{}", ts);
                prop_assert!(ts.date() <= now.date_naive().succ_opt().unwrap(), "{}", ts);
            }
        }
    }

    #[test]
    fn written_dates_are_found_in_bylines(
        date in plain_date(),
        style in 0usize..5,
        before in prop::collection::vec(prop::sample::select(FILLER), 0..20),
        after in prop::collection::vec(prop::sample::select(FILLER), 0..5),
    ) {
        let (m, d, y) = (MONTHS[date.month0() as usize], date.day(), date.year());
        let written = match style {
            0 => format!("{m} {d}, {y}"),
            1 => format!("{d} {} {y}", &m[..3]),
            2 => format!("{}. {d}th, {y}", &m[..3]),
            3 => date.format("%Y-%m-%d").to_string(),
            _ => date.format("%Y/%m/%d").to_string(),
        };
        let text = format!("{} {written} {}", before.join(" "), after.join(" "));
        prop_assert_eq!(fuzzing::date_in_text(&text), Some(date), "{}", text);
        // The same date in a URL path, in both spellings sites use.
        let slug = after.concat().to_lowercase();
        let path = format!("/news/{}/{slug}-x", date.format("%Y/%m/%d"));
        prop_assert_eq!(fuzzing::date_in_url_path(&path), Some(date), "{}", path);
        let path = format!("/{}-{slug}", date.format("%Y-%m-%d"));
        prop_assert_eq!(fuzzing::date_in_url_path(&path), Some(date), "{}", path);
    }

    #[test]
    fn text_without_digits_has_no_date(text in "[^0-9٠-٩０-９]{0,200}") {
        prop_assert_eq!(fuzzing::date_in_text(&text), None);
        prop_assert_eq!(fuzzing::date_in_url_path(&text), None);
        prop_assert_eq!(fuzzing::parse_date(&text), None);
    }

    #[test]
    fn jsonld_is_total_on_text(scripts in prop::collection::vec(any::<String>(), 0..3), h1 in any::<String>(), url in any::<String>()) {
        let ld = fuzzing::jsonld(&scripts, &[h1], &[url.as_str()]);
        check_ld(&ld)?;
    }

    #[test]
    fn jsonld_is_total_on_any_json(v in any_json(), wrap in 0usize..4) {
        let text = v.to_string();
        let script = match wrap {
            0 => text,
            1 => format!("<!--{text}-->"),
            2 => format!("//<![CDATA[\n{text}\n//]]>"),
            _ => format!("  {text}\n"),
        };
        check_ld(&fuzzing::jsonld(&[script], &[], &[]))?;
    }

    #[test]
    fn the_article_is_found_however_it_is_wrapped(
        case in (ld_text(), prop::sample::select(ARTICLE_TYPES), any::<bool>(), instant())
            .prop_flat_map(|((raw, plain), ty, by_ref, date)| {
                let author = if by_ref { json!([{"@id": "#author"}]) } else { json!({"@type": "Person", "name": "Ann Lee"}) };
                let article = json!({
                    "@type": if by_ref { json!([ty]) } else { json!(ty) },
                    "headline": raw,
                    "author": author,
                    "datePublished": date.to_rfc3339(),
                    "keywords": "rain, , weather,",
                });
                (wrapped(article), Just(plain), Just(date))
            }),
        wrap in 0usize..3,
    ) {
        let (v, headline, date) = case;
        let text = v.to_string();
        let script = match wrap {
            0 => text.clone(),
            1 => format!("<!--{text}-->"),
            _ => format!("//<![CDATA[\n{text}\n//]]>"),
        };
        let ld = fuzzing::jsonld(&[script], &[], &[]);
        check_ld(&ld)?;
        prop_assert_eq!(ld.headline.as_deref(), Some(headline.as_str()), "{}", text);
        prop_assert_eq!(&ld.authors, &vec![("Ann Lee".to_string(), true)]);
        prop_assert_eq!(ld.published, Some(date.to_rfc3339()));
        prop_assert_eq!(&ld.keywords, &vec!["rain".to_string(), "weather".to_string()]);
        let site = text.contains("WebSite").then_some("The Daily");
        prop_assert_eq!(ld.site.as_deref(), site);
    }

    #[test]
    fn the_heading_or_url_picks_the_article(a in ld_text(), b in ld_text(), by_url in any::<bool>(), b_first in any::<bool>()) {
        prop_assume!(a.1 != b.1);
        let obj = |(raw, _): &(String, String), n: usize| {
            json!({"@type": "NewsArticle", "headline": raw, "url": format!("https://x.example/{n}")})
        };
        let list = if b_first { json!([obj(&b, 2), obj(&a, 1)]) } else { json!([obj(&a, 1), obj(&b, 2)]) };
        let (h1s, urls) = if by_url { (vec![], vec!["https://x.example/2"]) } else { (vec![b.1.clone()], vec![]) };
        let ld = fuzzing::jsonld(&[list.to_string()], &h1s, &urls);
        prop_assert_eq!(ld.headline.as_deref(), Some(b.1.as_str()));
    }
}

proptest! {
    #![proptest_config(config(96))]

    /// Whatever dates a page states (in JSON-LD, `<meta>`, `<time>`, a
    /// byline or its URL), the article's dates are plausible: not before
    /// 1991, not after the time of extraction, modified not before published.
    #[test]
    fn extracted_dates_are_plausible(
        values in prop::collection::vec(prop_oneof![date_soup(), instant().prop_map(|t| t.to_rfc3339())], 5),
        path in prop_oneof![Just(String::new()), plain_date().prop_map(|d| d.format("%Y/%m/%d/").to_string())],
    ) {
        let esc = |s: &str| s.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;");
        let ld = json!({"@type": "NewsArticle", "headline": "Rain", "datePublished": values[0], "dateModified": values[1]});
        let html = format!(
            "<html><head><script type=\"application/ld+json\">{}</script>\
             <meta property=\"article:published_time\" content=\"{}\">\
             <meta property=\"article:modified_time\" content=\"{}\"></head>\
             <body><article><h1>Rain</h1><p class=byline>By Ann Lee, {}</p><time datetime=\"{}\">x</time>\
             <p>The council met on Tuesday and agreed the budget after a long debate.</p></article></body></html>",
            ld.to_string().replace("</", "<\\/"), esc(&values[1]), esc(&values[2]), esc(&values[3]), esc(&values[4]),
        );
        let page = Page::html(html.as_str()).with_url(&format!("https://example.com/{path}story")).unwrap();
        let article = Extractor::default().extract(&page).unwrap();
        let now = Utc::now();
        for ts in [article.published, article.modified].into_iter().flatten() {
            prop_assert!(ts.date().year() >= 1991, "{}", ts);
            prop_assert!(ts.date() <= (now + chrono::Duration::hours(14)).date_naive(), "{}", ts);
            if let Timestamp::DateTime(t) = ts {
                prop_assert!(t.with_timezone(&Utc) <= now + chrono::Duration::minutes(10), "{}", ts);
            }
        }
        if let (Some(p), Some(m)) = (article.published, article.modified) {
            prop_assert!(m.date() >= p.date(), "{} before {}", m, p);
        }
    }
}
