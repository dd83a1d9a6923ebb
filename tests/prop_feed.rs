//! Property tests for feed parsing: total on arbitrary bytes and on
//! near-valid RSS, Atom and JSON Feed documents; on generated feeds with
//! random fields every entry is read with its plain-text title, its link
//! made absolute and only ever http(s), its date, its categories without
//! duplicates and a stable id. The fuzz target `feed` drives the same
//! entry point.

mod common;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};
use common::config;
use gleaner::feed::{Feed, FeedKind};
use gleaner::{fuzzing, Error};
use proptest::prelude::*;
use url::Url;

const FEED_URLS: &[Option<&str>] = &[
    None,
    Some("https://example.com/blog/feed.xml"),
    Some("http://[::1]:8080/a/b/"),
    Some("https://xn--r8jz45g.jp/記事/feed"),
];

fn feed_url(pick: Option<&str>) -> Option<Url> {
    pick.map(|u| Url::parse(u).unwrap())
}

/// What every parsed feed satisfies, whatever the input.
fn check_feed(feed: &Feed) -> Result<(), TestCaseError> {
    let plain = |s: &String| !s.is_empty() && s.trim() == s && !s.contains("  ");
    prop_assert!(feed.title.iter().all(plain), "{:?}", feed.title);
    for u in feed
        .home
        .iter()
        .chain(feed.entries.iter().filter_map(|e| e.link.as_ref()))
    {
        prop_assert!(matches!(u.scheme(), "http" | "https"), "link {}", u);
    }
    for e in &feed.entries {
        prop_assert!(e.title.iter().all(plain), "{:?}", e.title);
        prop_assert!(e.authors.iter().all(|a| !a.is_empty() && a.trim() == a));
        prop_assert!(e.categories.iter().all(|c| !c.is_empty() && c.trim() == c));
        for (i, c) in e.categories.iter().enumerate() {
            prop_assert!(!e.categories[..i].contains(c), "{:?}", e.categories);
        }
        prop_assert!(e.body_html().is_none_or(|b| !b.trim().is_empty()));
    }
    Ok(())
}

fn parse_and_check(bytes: &[u8], url: Option<&Url>) -> Result<(), TestCaseError> {
    match fuzzing::feed(bytes, url) {
        Ok(feed) => {
            check_feed(&feed)?;
            prop_assert_eq!(feed.url.as_ref(), url);
        }
        Err(Error::NotAFeed { .. } | Error::FeedParse { .. }) => {}
        Err(e) => prop_assert!(false, "unexpected error {e}"),
    }
    Ok(())
}

/// Starts of real feed documents, for arbitrary text to follow.
const PROLOGUES: &[&str] = &[
    "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>T</title><item><title>",
    "<rss version=\"0.91\"><channel><item><link>",
    "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"",
    "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title type=\"html\">",
    "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><link href=\"",
    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\"><item rdf:about=\"",
    "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"T\",\"items\":[{\"id\":\"1\",\"url\":\"",
    "{\"version\":\"https://jsonfeed.org/version/1\",\"items\":[{\"content_html\":\"",
    "<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss version=\"2.0\"><channel><item><description>",
    "\u{feff}<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><pubDate>",
];

/// Pieces of feed markup for the near-valid documents.
const FEED_PIECES: &[&str] = &[
    "<item>",
    "</item>",
    "<entry>",
    "</entry>",
    "<title>",
    "</title>",
    "<title type=\"html\">",
    "<title type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">",
    "</div>",
    "<link>",
    "</link>",
    "<link href=\"/rel\"/>",
    "<link rel=\"alternate\" href=\"javascript:alert(1)\"/>",
    "<link href=\"mailto:a@b\"/>",
    "<link href=\"//cdn.example/x\"/>",
    "<link href=\"http://[::1\"/>",
    "<guid>",
    "</guid>",
    "<guid isPermaLink=\"true\">",
    "<id>",
    "</id>",
    "<pubDate>",
    "</pubDate>",
    "<updated>",
    "</updated>",
    "<published>",
    "</published>",
    "Thu, 22 Dec 2016 10:43:37 -0800",
    "2024-06-25T10:00:00Z",
    "2024-13-45",
    "<category>",
    "</category>",
    "<category term=\"a\"/>",
    "<author>",
    "</author>",
    "<name>",
    "</name>",
    "<description>",
    "</description>",
    "<content:encoded>",
    "</content:encoded>",
    "<content type=\"html\">",
    "</content>",
    "<summary>",
    "</summary>",
    "<![CDATA[",
    "]]>",
    "&lt;b&gt;",
    "&amp;",
    "&#x0;",
    "&#xD800;",
    "&nope;",
    "<b>",
    "</b>",
    "<script>x</script>",
    "<p>",
    "<!-- c -->",
    "<?pi?>",
    "xml:base=\"",
    "\"",
    "'",
    ">",
    "<",
    "&",
    " ",
    "\n",
    "é",
    "日本",
    "\u{0}",
    "\u{fffd}",
    "word",
    "/news/1",
    "https://example.org/p",
    "</channel>",
    "</rss>",
    "</feed>",
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"items\"",
    "\"url\"",
    "\"title\"",
    "\"tags\"",
    "\"date_published\"",
    "\"content_text\"",
    "null",
    "1e999",
    "\\u0000",
    "\\ud800",
];

fn near_feed() -> impl Strategy<Value = String> {
    (
        prop::sample::select(PROLOGUES),
        prop::collection::vec(prop::sample::select(FEED_PIECES), 0..40),
    )
        .prop_map(|(start, pieces)| format!("{start}{}", pieces.concat()))
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Format {
    Rss2,
    Rss1,
    Atom,
    Json,
}

/// One generated entry and what the parser must make of it.
#[derive(Debug, Clone)]
struct GenEntry {
    /// Title words; `markup` wraps some in tags (in formats where the
    /// title is HTML).
    words: Vec<String>,
    markup: bool,
    link: &'static str,
    date: DateTime<FixedOffset>,
    guid: Option<String>,
    categories: Vec<&'static str>,
    author: Option<&'static str>,
    body: String,
}

const LINKS: &[&str] = &[
    "https://example.org/news/a?x=1&y=2",
    "http://example.org/b",
    "/posts/1",
    "posts/2.html",
    "//cdn.example.net/c",
    "javascript:alert(1)",
    "mailto:ann@example.org",
    "data:text/html,x",
    "",
    "  https://example.org/padded  ",
];

fn instant() -> impl Strategy<Value = DateTime<FixedOffset>> {
    (
        1970i32..=2099,
        1u32..=365,
        0u32..86_400,
        -(14 * 60)..=(14 * 60),
    )
        .prop_map(|(y, ord, secs, off)| {
            let date = NaiveDate::from_yo_opt(y, ord).unwrap();
            let time = NaiveTime::from_num_seconds_from_midnight_opt(secs, 0).unwrap();
            let offset = FixedOffset::east_opt(off * 60).unwrap();
            NaiveDateTime::new(date, time)
                .and_local_timezone(offset)
                .single()
                .unwrap()
        })
}

fn gen_entry() -> impl Strategy<Value = GenEntry> {
    (
        prop::collection::vec("[A-Za-z0-9éß’]{1,8}", 1..6),
        any::<bool>(),
        prop::sample::select(LINKS),
        instant(),
        prop::option::of("[a-z0-9:/.-]{1,20}"),
        prop::collection::vec(
            prop::sample::select(vec!["rain", "Rain", "weather", " rain ", "", "  ", "a&b"]),
            0..5,
        ),
        prop::option::of(prop::sample::select(vec!["Ann Lee", "Bo Chen"])),
        "[a-z <>&\"'\n]{0,60}",
    )
        .prop_map(
            |(words, markup, link, date, guid, categories, author, body)| GenEntry {
                words,
                markup,
                link,
                date,
                guid,
                categories,
                author,
                body,
            },
        )
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The title as HTML: some words in tags, with runs of whitespace.
fn title_html(e: &GenEntry) -> String {
    let mut out = String::from(" ");
    for (i, w) in e.words.iter().enumerate() {
        if e.markup && i % 2 == 0 {
            out.push_str(&format!("<b class=\"x\">{w}</b>\n  "));
        } else {
            out.push_str(&format!("{w}  "));
        }
    }
    out
}

fn render(format: Format, entries: &[GenEntry]) -> String {
    let mut s = String::new();
    match format {
        Format::Rss2 => {
            s.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title> Feed  title </title><link>/</link>");
            for e in entries {
                s.push_str("<item>");
                s.push_str(&format!(
                    "<title>{}</title>",
                    xml_escape(&e.words.join("  "))
                ));
                s.push_str(&format!("<link>{}</link>", xml_escape(e.link)));
                if let Some(g) = &e.guid {
                    s.push_str(&format!(
                        "<guid isPermaLink=\"false\">{}</guid>",
                        xml_escape(g)
                    ));
                }
                s.push_str(&format!("<pubDate>{}</pubDate>", e.date.to_rfc2822()));
                for c in &e.categories {
                    s.push_str(&format!("<category>{}</category>", xml_escape(c)));
                }
                if let Some(a) = e.author {
                    s.push_str(&format!("<author>{a}</author>"));
                }
                s.push_str(&format!(
                    "<description>{}</description>",
                    xml_escape(&e.body)
                ));
                s.push_str("</item>\n");
            }
            s.push_str("</channel></rss>");
        }
        Format::Rss1 => {
            s.push_str("<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel rdf:about=\"https://example.com/\"><title>Feed title</title><link>https://example.com/</link><description>d</description></channel>");
            for e in entries {
                s.push_str(&format!(
                    "<item rdf:about=\"{}\"><title>{}</title><link>{}</link><dc:date>{}</dc:date><description>{}</description></item>",
                    xml_escape(e.link),
                    xml_escape(&e.words.join(" ")),
                    xml_escape(e.link),
                    e.date.to_rfc3339(),
                    xml_escape(&e.body),
                ));
            }
            s.push_str("</rdf:RDF>");
        }
        Format::Atom => {
            s.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title type=\"html\">Feed &lt;i&gt;title&lt;/i&gt;</title><id>urn:feed</id><updated>2024-01-01T00:00:00Z</updated>");
            for e in entries {
                s.push_str("<entry>");
                s.push_str(&format!(
                    "<title type=\"html\">{}</title>",
                    xml_escape(&title_html(e))
                ));
                if !e.link.is_empty() {
                    s.push_str(&format!(
                        "<link rel=\"alternate\" href=\"{}\"/>",
                        xml_escape(e.link)
                    ));
                }
                if let Some(g) = &e.guid {
                    s.push_str(&format!("<id>{}</id>", xml_escape(g)));
                }
                s.push_str(&format!(
                    "<published>{}</published><updated>{}</updated>",
                    e.date.to_rfc3339(),
                    e.date.to_rfc3339()
                ));
                for c in &e.categories {
                    s.push_str(&format!("<category term=\"{}\"/>", xml_escape(c)));
                }
                if let Some(a) = e.author {
                    s.push_str(&format!("<author><name>{a}</name></author>"));
                }
                s.push_str(&format!(
                    "<content type=\"text\">{}</content>",
                    xml_escape(&e.body)
                ));
                s.push_str("</entry>\n");
            }
            s.push_str("</feed>");
        }
        Format::Json => {
            let items: Vec<serde_json::Value> = entries
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    let mut item = serde_json::json!({
                        "id": e.guid.clone().unwrap_or_else(|| format!("item-{i}")),
                        "title": e.words.join(" "),
                        "date_published": e.date.to_rfc3339(),
                        "tags": e.categories,
                        "content_text": e.body,
                    });
                    if !e.link.is_empty() {
                        item["url"] = e.link.into();
                    }
                    if let Some(a) = e.author {
                        item["authors"] = serde_json::json!([{"name": a}]);
                    }
                    item
                })
                .collect();
            s = serde_json::json!({
                "version": "https://jsonfeed.org/version/1.1",
                "title": "Feed title",
                "home_page_url": "https://example.com/",
                "items": items,
            })
            .to_string();
        }
    }
    s
}

/// The entry's link as the parser must give it.
fn expected_link(link: &str, feed_url: Option<&Url>) -> Option<Url> {
    let link = link.trim();
    if link.is_empty() {
        return None;
    }
    let u = match Url::parse(link) {
        Ok(u) => u,
        Err(_) => feed_url?.join(link).ok()?,
    };
    matches!(u.scheme(), "http" | "https").then_some(u)
}

fn expected_categories(e: &GenEntry) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in &e.categories {
        let c = c.trim().to_string();
        if !c.is_empty() && !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn feed_parsing_is_total_on_bytes(
        bytes in prop::collection::vec(any::<u8>(), 0..4096),
        url in prop::sample::select(FEED_URLS),
    ) {
        parse_and_check(&bytes, feed_url(url).as_ref())?;
    }

    #[test]
    fn feed_parsing_is_total_on_near_feeds(
        text in near_feed(),
        tail in any::<String>(),
        url in prop::sample::select(FEED_URLS),
    ) {
        let url = feed_url(url);
        parse_and_check(text.as_bytes(), url.as_ref())?;
        parse_and_check(format!("{text}{tail}").as_bytes(), url.as_ref())?;
        // The same document in UTF-16, as some servers send it.
        let utf16: Vec<u8> = [0xFF, 0xFE].into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        parse_and_check(&utf16, url.as_ref())?;
    }

    #[test]
    fn generated_feeds_are_read_field_by_field(
        format in prop::sample::select(vec![Format::Rss2, Format::Rss1, Format::Atom, Format::Json]),
        entries in prop::collection::vec(gen_entry(), 0..6),
        url in prop::sample::select(FEED_URLS),
    ) {
        let url = feed_url(url);
        let mut entries = entries;
        if format == Format::Rss1 {
            // An RSS 1.0 item is identified by its link: it always has one.
            for e in entries.iter_mut().filter(|e| e.link.trim().is_empty()) {
                e.link = "/posts/3";
            }
        }
        let doc = render(format, &entries);
        let feed = fuzzing::feed(doc.as_bytes(), url.as_ref())
            .map_err(|e| TestCaseError::fail(format!("{e}\n{doc}")))?;
        check_feed(&feed)?;
        let kind = match format {
            Format::Rss2 => FeedKind::Rss2,
            Format::Rss1 => FeedKind::Rss1,
            Format::Atom => FeedKind::Atom,
            Format::Json => FeedKind::Json,
        };
        prop_assert_eq!(feed.kind, kind);
        // Every format's feed title reads "Feed title" (Atom's in tags, RSS 2.0's spaced).
        prop_assert_eq!(feed.title.as_deref(), Some("Feed title"));
        prop_assert_eq!(feed.entries.len(), entries.len(), "{}", doc);
        for (got, e) in feed.entries.iter().zip(&entries) {
            prop_assert_eq!(got.title.clone(), Some(e.words.join(" ")), "{}", doc);
            let want_link = expected_link(e.link, url.as_ref());
            prop_assert_eq!(got.link.as_ref().map(Url::as_str), want_link.as_ref().map(Url::as_str), "{}", doc);
            prop_assert_eq!(got.published.map(|d| d.timestamp()), Some(e.date.timestamp()), "{}", doc);
            if format != Format::Rss1 {
                prop_assert_eq!(&got.categories, &expected_categories(e));
                prop_assert_eq!(got.authors.clone(), e.author.map(str::to_string).into_iter().collect::<Vec<_>>());
            }
            if let (Some(g), true) = (&e.guid, format != Format::Rss1) {
                prop_assert_eq!(&got.id, g);
            }
            // Plain-text bodies become paragraphs of escaped text: no
            // element but <p> (a "<script>" in the text stays text).
            if let (Some(body), Format::Json | Format::Atom) = (got.body_html(), format) {
                let frag = scraper::Html::parse_fragment(body);
                for el in frag.root_element().descendants().skip(1).filter_map(|n| n.value().as_element()) {
                    prop_assert_eq!(el.name(), "p", "{}", body);
                }
                let text: Vec<String> = frag.root_element().children()
                    .filter_map(scraper::ElementRef::wrap)
                    .map(|p| p.text().collect())
                    .collect();
                let text = text.join(" ");
                prop_assert_eq!(
                    text.split_whitespace().collect::<Vec<_>>(),
                    e.body.split_whitespace().collect::<Vec<_>>()
                );
            }
        }
        // Ids are stable: the same document gives the same ids, which tell
        // entries with different links apart.
        let again = fuzzing::feed(doc.as_bytes(), url.as_ref()).unwrap();
        let ids: Vec<&str> = feed.entries.iter().map(|e| e.id.as_str()).collect();
        let ids_again: Vec<&str> = again.entries.iter().map(|e| e.id.as_str()).collect();
        prop_assert_eq!(&ids, &ids_again);
        for (i, a) in feed.entries.iter().enumerate() {
            for b in &feed.entries[..i] {
                if a.link.is_some() && a.link != b.link && entries.iter().all(|e| e.guid.is_none()) {
                    prop_assert_ne!(&a.id, &b.id, "{}", doc);
                }
            }
        }
    }
}
