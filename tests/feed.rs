//! Feed parsing, entry cleaning and autodiscovery from bytes: no network.

use gleaner::feed::{
    clean_entry, feed_links, merge, parse_feed, usual_feed_urls, ChoiceReason, ContentSource,
    FeedKind, SeenSet,
};
use gleaner::{Error, Extractor};
use url::Url;

const BASE: &str = "http://127.0.0.1:9";

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/feed/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path)
        .unwrap()
        .replace("{{BASE}}", BASE)
        .into_bytes()
}

fn url(s: &str) -> Url {
    Url::parse(s).unwrap()
}

#[test]
fn rss2_entries_carry_titles_links_dates_authors_categories() {
    let feed = parse_feed(
        &fixture("rss2.xml"),
        Some(&url(&format!("{BASE}/feed.xml"))),
    )
    .unwrap();
    assert_eq!(feed.kind, FeedKind::Rss2);
    assert_eq!(feed.title.as_deref(), Some("Valley Post"));
    assert_eq!(feed.entries.len(), 2);
    let rain = &feed.entries[0];
    assert_eq!(rain.id, "vp-rain");
    assert_eq!(rain.title.as_deref(), Some("Rain returns to the valley"));
    assert_eq!(
        rain.link.as_ref().unwrap().as_str(),
        format!("{BASE}/news/rain.html")
    );
    assert_eq!(
        rain.published.unwrap().to_rfc3339(),
        "2026-03-03T06:00:00+00:00"
    );
    assert_eq!(rain.authors, ["Ana Ruiz"]);
    assert_eq!(rain.categories, ["Weather", "Farming"]);
    assert!(rain
        .summary
        .as_deref()
        .unwrap()
        .contains("After months of drought"));
    assert!(rain.content.is_none());
    let mill = &feed.entries[1];
    assert!(mill
        .summary
        .as_deref()
        .unwrap()
        .contains("<b>water mill</b>"));
    assert!(!mill.authors.is_empty());
}

#[test]
fn atom_resolves_relative_links_against_xml_base() {
    let feed_url = url(&format!("{BASE}/feeds/atom.xml"));
    let feed = parse_feed(&fixture("atom.xml"), Some(&feed_url)).unwrap();
    assert_eq!(feed.kind, FeedKind::Atom);
    assert_eq!(feed.title.as_deref(), Some("Field notes"));
    let links: Vec<String> = feed
        .entries
        .iter()
        .map(|e| e.link.as_ref().unwrap().to_string())
        .collect();
    assert_eq!(
        links,
        [
            format!("{BASE}/news/mill.html"),
            format!("{BASE}/news/rain.html")
        ]
    );
    assert_eq!(feed.entries[0].categories, ["Food"]);
    assert_eq!(feed.entries[0].authors, ["Jo Park"]);
    assert!(feed.entries[1]
        .summary
        .as_deref()
        .unwrap()
        .contains("<p>After months"));
}

#[test]
fn relative_links_without_xml_base_resolve_against_the_feed_url() {
    let rss = br#"<rss version="2.0"><channel><title>t</title>
      <item><title>a</title><link>news/a.html</link></item>
      <item><title>b</title><link>/b.html</link></item></channel></rss>"#;
    let feed = parse_feed(rss, Some(&url("http://127.0.0.1:9/site/feed.xml"))).unwrap();
    let links: Vec<&str> = feed
        .entries
        .iter()
        .map(|e| e.link.as_ref().unwrap().as_str())
        .collect();
    assert_eq!(
        links,
        [
            "http://127.0.0.1:9/site/news/a.html",
            "http://127.0.0.1:9/b.html"
        ]
    );
}

#[test]
fn json_feed_parses() {
    let feed = parse_feed(&fixture("feed.json"), None).unwrap();
    assert_eq!(feed.kind, FeedKind::Json);
    assert_eq!(feed.entries.len(), 2);
    assert_eq!(feed.entries[0].categories, ["Weather"]);
    assert_eq!(feed.entries[0].authors, ["Ana Ruiz"]);
    assert!(feed.entries[1]
        .content
        .as_deref()
        .unwrap()
        .contains("water mill"));
    assert!(feed.entries[0].published.is_some());
}

#[test]
fn rss1_and_rss091_parse() {
    let rss1 = br#"<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="http://127.0.0.1:9/"><title>One</title><link>http://127.0.0.1:9/</link><description>d</description></channel>
<item rdf:about="http://127.0.0.1:9/a"><title>A</title><link>http://127.0.0.1:9/a</link><description>Aa</description></item>
</rdf:RDF>"#;
    let feed = parse_feed(rss1, None).unwrap();
    assert_eq!(feed.kind, FeedKind::Rss1);
    assert_eq!(feed.entries[0].title.as_deref(), Some("A"));
    let rss091 = br#"<rss version="0.91"><channel><title>Old</title><link>http://127.0.0.1:9/</link>
<description>d</description><item><title>B</title><link>http://127.0.0.1:9/b</link></item></channel></rss>"#;
    let feed = parse_feed(rss091, None).unwrap();
    assert_eq!(feed.kind, FeedKind::Rss0);
    assert_eq!(
        feed.entries[0].link.as_ref().unwrap().as_str(),
        "http://127.0.0.1:9/b"
    );
}

#[test]
fn full_content_is_cleaned_of_newsletter_and_teasers() {
    let feed = parse_feed(&fixture("full-content.xml"), None).unwrap();
    let entry = &feed.entries[0];
    assert!(entry.content.as_deref().unwrap().contains("Sign up"));
    let article = clean_entry(&Extractor::default(), entry).unwrap().unwrap();
    assert!(article.text.contains("They found 214."), "{}", article.text);
    assert!(article
        .text
        .contains("More than half of the owners said yes."));
    assert!(!article.text.contains("Sign up"), "{}", article.text);
    assert!(!article.text.contains("inbox"), "{}", article.text);
    assert!(!article.text.contains("harbour cranes"), "{}", article.text);
    assert!(!article.text.contains("Night ferry"), "{}", article.text);
    assert!(!article.removed().is_empty());
}

#[test]
fn merge_prefers_the_feed_when_the_page_is_unrelated() {
    let feed = parse_feed(&fixture("full-content.xml"), None).unwrap();
    let entry = feed.entries[0].clone();
    let paywall = std::fs::read(format!(
        "{}/tests/fixtures/feed/paywall.html",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let link = url("http://127.0.0.1:9/members/orchard.html");
    let extractor = Extractor::default();
    let page = extractor
        .extract(&gleaner::Page::bytes(&paywall[..]).with_parsed_url(link.clone()))
        .unwrap();
    let merged = merge(&extractor, None, entry, Ok(Some((page, link.clone())))).unwrap();
    assert_eq!(merged.source(), ContentSource::Feed);
    assert!(matches!(
        merged.choice.reason,
        ChoiceReason::PageUnrelated | ChoiceReason::PageMuchShorter
    ));
    assert!(merged.article.text.contains("They found 214."));
    assert_eq!(merged.url.as_ref(), Some(&link));
    assert_eq!(
        merged.title.as_deref(),
        Some("Volunteers map the town's forgotten apple trees")
    );
}

#[test]
fn an_entry_without_link_or_content_is_an_error() {
    let rss = br#"<rss version="2.0"><channel><title>t</title><item><title>only a title</title></item></channel></rss>"#;
    let feed = parse_feed(rss, None).unwrap();
    let result = merge(
        &Extractor::default(),
        None,
        feed.entries[0].clone(),
        Ok(None),
    );
    assert!(result.is_err());
}

#[test]
fn malformed_feeds_are_typed_errors() {
    let feed_url = url("http://127.0.0.1:9/feed.xml");
    let full = fixture("rss2.xml");
    let truncated = &full[..full.len() / 2];
    let err = parse_feed(truncated, Some(&feed_url)).unwrap_err();
    assert!(matches!(err, Error::FeedParse { .. }), "{err:?}");
    assert_eq!(err.url(), Some(&feed_url));
    assert!(std::error::Error::source(&err).is_some());

    let html =
        b"<!DOCTYPE html><html><head><title>Home</title></head><body><p>Hi</p></body></html>";
    let err = parse_feed(html, Some(&feed_url)).unwrap_err();
    assert!(matches!(err, Error::NotAFeed { .. }), "{err:?}");
    assert!(err.to_string().contains("127.0.0.1"));

    let err = parse_feed(
        b"{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [",
        None,
    )
    .unwrap_err();
    assert!(matches!(err, Error::FeedParse { .. }), "{err:?}");
}

#[test]
fn an_xml_bomb_is_refused_without_expansion() {
    let mut bomb =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n");
    for i in 1..=9 {
        let prev = if i == 1 {
            "lol".to_string()
        } else {
            format!("lol{}", i - 1)
        };
        bomb.push_str(&format!(
            "<!ENTITY lol{i} \"{}\">\n",
            format!("&{prev};").repeat(10)
        ));
    }
    bomb.push_str("]>\n<rss version=\"2.0\"><channel><title>&lol9;</title><item><title>&lol9;</title></item></channel></rss>");
    let started = std::time::Instant::now();
    let err = parse_feed(bomb.as_bytes(), None).unwrap_err();
    assert!(matches!(err, Error::FeedParse { .. }), "{err:?}");
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
}

#[test]
fn oversized_input_is_refused() {
    let mut big = b"<rss version=\"2.0\"><channel><title>".to_vec();
    big.resize(gleaner::feed::MAX_FEED_BYTES + 1, b'a');
    assert!(matches!(
        parse_feed(&big, None),
        Err(Error::TooLarge { .. })
    ));
}

#[test]
fn discovery_reads_link_alternate_and_falls_back_to_usual_paths() {
    let page = url("http://127.0.0.1:9/news/today.html");
    let with = br#"<html><head><link rel="alternate" type="application/atom+xml" href="../atom.xml"></head><body></body></html>"#;
    let found = feed_links(with, Some("text/html"), &page);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].url.as_str(), "http://127.0.0.1:9/atom.xml");
    assert_eq!(found[0].mime, "application/atom+xml");
    let without = b"<html><head><link rel=\"stylesheet\" href=\"a.css\"></head></html>";
    assert!(feed_links(without, None, &page).is_empty());
    let usual: Vec<String> = usual_feed_urls(&page).iter().map(Url::to_string).collect();
    assert!(usual.contains(&"http://127.0.0.1:9/feed".to_string()));
    assert!(usual.contains(&"http://127.0.0.1:9/feed.json".to_string()));
}

#[test]
fn seen_set_skips_entries_by_id_or_link() {
    let feed = parse_feed(&fixture("rss2.xml"), None).unwrap();
    let mut seen = SeenSet::new();
    assert_eq!(seen.retain_new(feed.entries.clone()).len(), 2);
    let mut again = feed.entries.clone();
    again[0].id = "renamed".into(); // same link: still seen
    assert!(seen.retain_new(again).is_empty());
}

#[test]
fn arbitrary_bytes_never_panic() {
    const ALPHABET: &[u8] = b"<>/&;\"=rssitemtitlechannelfeed{}[]:,x \n";
    let mut state = 0x2545_f491_u64;
    for n in 0..300 {
        let mut bytes = Vec::new();
        let len = (n * 7) % 400;
        for _ in 0..len {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            bytes.push(ALPHABET[(state % ALPHABET.len() as u64) as usize]);
        }
        let _ = parse_feed(&bytes, None);
    }
}

#[test]
fn entry_content_links_are_made_absolute_against_xml_base() {
    let atom = br#"<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>f</id>
<entry xml:base="http://127.0.0.1:9/posts/"><title>Post</title><id>p1</id><link href="p1.html"/>
<content type="html">&lt;p&gt;The full story, with a &lt;a href="notes.html"&gt;link to the notes&lt;/a&gt; that readers of the feed can follow, and enough words around it to count as a paragraph of prose.&lt;/p&gt;</content>
</entry></feed>"#;
    let feed = parse_feed(atom, None).unwrap();
    let entry = &feed.entries[0];
    assert_eq!(
        entry.link.as_ref().unwrap().as_str(),
        "http://127.0.0.1:9/posts/p1.html"
    );
    let article = clean_entry(&Extractor::default(), entry).unwrap().unwrap();
    assert!(
        article.html.contains("http://127.0.0.1:9/posts/notes.html"),
        "{}",
        article.html
    );
}

#[test]
fn entries_without_ids_get_stable_ones() {
    let rss = br#"<rss version="2.0"><channel><title>t</title>
      <item><title>No guid</title><link>http://127.0.0.1:9/a</link></item>
      <item><title>No guid, no link</title><description>Just words.</description></item></channel></rss>"#;
    let u = url("http://127.0.0.1:9/feed.xml");
    let first = parse_feed(rss, Some(&u)).unwrap();
    let second = parse_feed(rss, Some(&u)).unwrap();
    for (a, b) in first.entries.iter().zip(&second.entries) {
        assert!(!a.id.is_empty());
        assert_eq!(a.id, b.id);
    }
}

/// Where the feed is silent, the page's byline and dated timestamp fill in;
/// where it speaks, it wins.
#[test]
fn page_metadata_fills_what_the_feed_leaves_out() {
    let rss = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
        <item><title>Quiet entry</title><link>http://127.0.0.1:9/a.html</link></item>
        <item><title>Loud entry</title><link>http://127.0.0.1:9/b.html</link>
          <author>desk@example.com (Feed Author)</author>
          <pubDate>Tue, 02 Jun 2026 08:00:00 +0000</pubDate></item>
        </channel></rss>"#;
    let feed = parse_feed(rss, None).unwrap();
    let page = r#"<html><head><script type="application/ld+json">
        {"@type":"NewsArticle","headline":"Quiet entry","datePublished":"2026-06-01T10:00:00+02:00",
         "author":{"@type":"Person","name":"Page Author"}}</script></head>
        <body><article><p>The harbour reopened on Monday after three weeks of repairs to the
        old sea wall, and the first ferry left on time with a full load of passengers.</p>
        </article></body></html>"#;
    let extractor = Extractor::default();
    let url = url("http://127.0.0.1:9/a.html");
    let page_article = extractor
        .extract(&gleaner::Page::html(page).with_parsed_url(url.clone()))
        .unwrap();
    let mut entries = feed.entries.into_iter();
    let quiet = merge(
        &extractor,
        None,
        entries.next().unwrap(),
        Ok(Some((page_article.clone(), url.clone()))),
    )
    .unwrap();
    assert_eq!(quiet.authors, ["Page Author"]);
    assert_eq!(
        quiet.published.map(|d| d.to_rfc3339()),
        Some("2026-06-01T08:00:00+00:00".to_string())
    );
    let loud = merge(
        &extractor,
        None,
        entries.next().unwrap(),
        Ok(Some((page_article, url))),
    )
    .unwrap();
    assert_eq!(loud.authors.len(), 1);
    assert!(
        loud.authors[0].contains("Feed Author"),
        "{:?}",
        loud.authors
    );
    assert_eq!(
        loud.published.map(|d| d.to_rfc3339()),
        Some("2026-06-02T08:00:00+00:00".to_string())
    );
}
