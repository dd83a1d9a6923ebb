//! The full-text pipeline against servers on 127.0.0.1 started by the
//! tests (wiremock, and a raw TCP server for the oversized feed). Nothing
//! here touches the internet.
#![cfg(feature = "fetch")]

use std::net::{IpAddr, Ipv4Addr};
use std::time::Duration;

use gleaner::feed::{
    ChoiceReason, ContentSource, EntryResult, Learning, Pipeline, Poll, SeenSet, StreamExt,
};
use gleaner::fetch::Client;
use gleaner::Error;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const LOOPBACK: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

fn client() -> Client {
    Client::builder()
        .allow_address(LOOPBACK)
        .no_politeness()
        .robots(false)
        .timeout(Some(Duration::from_secs(5)))
        .retry_base_delay(Duration::from_millis(10))
        .max_retries(0)
        .build()
        .unwrap()
}

fn pipeline() -> Pipeline {
    Pipeline::new(client())
}

fn fixture(name: &str, base: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/feed/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path)
        .unwrap()
        .replace("{{BASE}}", base)
        .into_bytes()
}

/// An article page in meaningless markup, with a newsletter box and a
/// teaser list after the text.
fn page(title: &str, paragraphs: &[&str]) -> String {
    let body: String = paragraphs
        .iter()
        .map(|p| format!("<div class=\"q7\">{p}</div>\n"))
        .collect();
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title} | Valley Post</title></head><body>\
<div class=\"n1\"><a href=\"/\">Home</a> <a href=\"/local\">Local</a> <a href=\"/sport\">Sport</a></div>\
<div class=\"m2\"><div class=\"h3\"><span>{title}</span></div>\n{body}</div>\
<div class=\"z5\"><div>Newsletter</div><div>Get the day's top stories in your inbox every morning.</div><form><input type=\"email\"><button>Sign up</button></form></div>\
<div class=\"t6\"><div><a href=\"/a\">Council approves the new bridge over the river</a><div>The council voted on Monday to approve the long-awaited bridge across the river at the...</div></div>\
<div><a href=\"/b\">School choir wins the regional contest</a><div>The choir of the valley school took first prize at the regional contest on Saturday with a...</div></div></div>\
<div class=\"f0\">© 2026 Valley Post</div></body></html>"
    )
}

const RAIN: &[&str] = &[
    "After months of drought, rain fell across the region on Tuesday, filling reservoirs that had dropped to their lowest level in a decade.",
    "Farmers said the rain came too late for this year's wheat, but welcomed it all the same: the soil had cracked so deep in places that a boot could disappear into it.",
    "The water authority said it would keep the hosepipe ban in place until the reservoirs reach two thirds of their capacity, which could take the rest of the spring.",
    "Forecasters expect more showers through the week, with heavier rain on the hills on Thursday and a dry, cold weekend.",
];

const MILL: &[&str] = &[
    "The old water mill by the bridge will bake bread again from April, after a family of bakers bought it from the town and restored its wheel.",
    "The mill ground flour for the valley for three hundred years before it closed in 1968. Its stones were still in place, and the new owners had them dressed by a millwright from the coast.",
    "They plan to grind their own flour from wheat grown within ten miles and to sell bread from a counter in the old granary, with a few tables by the millrace in summer.",
];

fn html(body: impl Into<Vec<u8>>) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body.into(), "text/html; charset=utf-8")
}

fn typed(body: Vec<u8>, content_type: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body, content_type)
}

async fn serve(server: &MockServer, route: &str, response: ResponseTemplate) {
    Mock::given(method("GET"))
        .and(path(route))
        .respond_with(response)
        .mount(server)
        .await;
}

/// The valley site: the two article pages.
async fn valley_pages(server: &MockServer) {
    serve(
        server,
        "/news/rain.html",
        html(page("Rain returns to the valley", RAIN)),
    )
    .await;
    serve(
        server,
        "/news/mill.html",
        html(page("The mill reopens as a bakery", MILL)),
    )
    .await;
}

async fn collect(pipeline: &Pipeline, url: &str) -> Vec<EntryResult> {
    let stream = pipeline.run(url);
    tokio::time::timeout(Duration::from_secs(10), stream.collect::<Vec<_>>())
        .await
        .expect("the pipeline finishes")
}

fn check_valley(items: &[EntryResult]) {
    assert_eq!(items.len(), 2, "{items:?}");
    let rain = items[0].as_ref().unwrap();
    assert_eq!(rain.title.as_deref(), Some("Rain returns to the valley"));
    assert_eq!(rain.source(), ContentSource::Page);
    assert!(
        rain.article.text.contains("hosepipe ban"),
        "{}",
        rain.article.text
    );
    assert!(!rain.article.text.contains("Sign up"));
    assert!(!rain.article.text.contains("School choir"));
    assert_eq!(rain.authors, ["Ana Ruiz"]);
    assert!(rain.published.is_some());
    let mill = items[1].as_ref().unwrap();
    assert_eq!(mill.source(), ContentSource::Page);
    assert!(mill.article.text.contains("millwright"));
}

#[tokio::test]
async fn rss2_entries_become_full_text_articles() {
    let server = MockServer::start().await;
    valley_pages(&server).await;
    serve(
        &server,
        "/feed.xml",
        typed(fixture("rss2.xml", &server.uri()), "application/rss+xml"),
    )
    .await;
    let items = collect(&pipeline(), &format!("{}/feed.xml", server.uri())).await;
    check_valley(&items);
    let rain = items[0].as_ref().unwrap();
    assert_eq!(rain.categories, ["Weather", "Farming"]);
    assert_eq!(rain.choice.reason, ChoiceReason::PageFuller);
    assert_eq!(
        rain.feed_url.as_ref().unwrap().as_str(),
        format!("{}/feed.xml", server.uri())
    );
}

#[tokio::test]
async fn atom_with_xml_base_and_relative_links() {
    let server = MockServer::start().await;
    valley_pages(&server).await;
    serve(
        &server,
        "/blog/atom.xml",
        typed(fixture("atom.xml", &server.uri()), "application/atom+xml"),
    )
    .await;
    let items = collect(&pipeline(), &format!("{}/blog/atom.xml", server.uri())).await;
    assert_eq!(items.len(), 2);
    let mill = items[0].as_ref().unwrap();
    assert_eq!(
        mill.url.as_ref().unwrap().as_str(),
        format!("{}/news/mill.html", server.uri())
    );
    assert!(mill.article.text.contains("millwright"));
    assert!(items[1]
        .as_ref()
        .unwrap()
        .article
        .text
        .contains("hosepipe ban"));
}

#[tokio::test]
async fn json_feed_entries_link_to_local_pages() {
    let server = MockServer::start().await;
    valley_pages(&server).await;
    serve(
        &server,
        "/feed.json",
        typed(fixture("feed.json", &server.uri()), "application/feed+json"),
    )
    .await;
    let items = collect(&pipeline(), &format!("{}/feed.json", server.uri())).await;
    assert_eq!(items.len(), 2);
    assert!(items[0]
        .as_ref()
        .unwrap()
        .article
        .text
        .contains("hosepipe ban"));
    assert_eq!(items[0].as_ref().unwrap().categories, ["Weather"]);
    assert!(items[1]
        .as_ref()
        .unwrap()
        .article
        .text
        .contains("millwright"));
}

#[tokio::test]
async fn a_broken_entry_link_reports_its_error_and_the_stream_goes_on() {
    let server = MockServer::start().await;
    valley_pages(&server).await;
    let base = server.uri();
    let rss = format!(
        r#"<rss version="2.0"><channel><title>t</title>
<item><title>Gone, no content</title><link>{base}/news/gone.html</link><guid>gone</guid></item>
<item><title>Gone, with content</title><link>{base}/news/moved.html</link><guid>moved</guid>
<description>The mill ground flour for the valley for three hundred years before it closed.</description></item>
<item><title>Not a page</title><link>{base}/files/report.pdf</link><guid>pdf</guid>
<description>The report, summarised: spending on roads rises by a tenth this year.</description></item>
<item><title>Rain returns to the valley</title><link>{base}/news/rain.html</link><guid>rain</guid></item>
</channel></rss>"#
    );
    serve(
        &server,
        "/feed.xml",
        typed(rss.into_bytes(), "application/rss+xml"),
    )
    .await;
    serve(
        &server,
        "/files/report.pdf",
        typed(b"%PDF-1.4 not html".to_vec(), "application/pdf"),
    )
    .await;
    let items = collect(&pipeline().concurrency(3), &format!("{base}/feed.xml")).await;
    assert_eq!(items.len(), 4);
    let gone = items[0].as_ref().unwrap_err();
    assert!(matches!(gone.error, Error::Status { .. }), "{gone:?}");
    assert_eq!(gone.entry.as_ref().unwrap().id, "gone");
    assert!(gone.to_string().contains("gone.html"));
    let moved = items[1].as_ref().unwrap();
    assert_eq!(moved.source(), ContentSource::Feed);
    assert_eq!(moved.choice.reason, ChoiceReason::PageUnavailable);
    assert!(matches!(moved.page_error, Some(Error::Status { .. })));
    assert!(moved.article.text.contains("three hundred years"));
    let pdf = items[2].as_ref().unwrap();
    assert_eq!(pdf.source(), ContentSource::Feed);
    assert!(pdf.page_error.is_some());
    assert!(items[3]
        .as_ref()
        .unwrap()
        .article
        .text
        .contains("hosepipe ban"));
}

#[tokio::test]
async fn a_partial_feed_gets_its_text_from_the_page() {
    let server = MockServer::start().await;
    valley_pages(&server).await;
    serve(
        &server,
        "/feed.xml",
        typed(fixture("rss2.xml", &server.uri()), "application/rss+xml"),
    )
    .await;
    let items = collect(&pipeline(), &format!("{}/feed.xml", server.uri())).await;
    let rain = items[0].as_ref().unwrap();
    assert_eq!(rain.source(), ContentSource::Page);
    assert!(rain.choice.page_chars.unwrap() > 3 * rain.choice.feed_chars);
    assert!(rain
        .article
        .text
        .contains("Forecasters expect more showers"));
}

#[tokio::test]
async fn full_content_is_used_and_cleaned_when_the_page_is_a_paywall() {
    let server = MockServer::start().await;
    let base = server.uri();
    serve(
        &server,
        "/feed.xml",
        typed(fixture("full-content.xml", &base), "application/rss+xml"),
    )
    .await;
    serve(
        &server,
        "/members/orchard.html",
        html(fixture("paywall.html", &base)),
    )
    .await;
    let items = collect(&pipeline(), &format!("{base}/feed.xml")).await;
    let a = items[0].as_ref().unwrap();
    assert_eq!(a.source(), ContentSource::Feed, "{:?}", a.choice);
    assert!(a.article.text.contains("They found 214."));
    assert!(!a.article.text.contains("Sign up"), "{}", a.article.text);
    assert!(
        !a.article.text.contains("Night ferry"),
        "{}",
        a.article.text
    );
    assert!(!a.article.text.contains("Members get unlimited access"));
    assert!(a.page_error.is_none());
}

#[tokio::test]
async fn discovery_follows_link_rel_alternate() {
    let server = MockServer::start().await;
    valley_pages(&server).await;
    let base = server.uri();
    serve(
        &server,
        "/feeds/main.xml",
        typed(fixture("rss2.xml", &base), "application/rss+xml"),
    )
    .await;
    serve(
        &server,
        "/",
        html(r#"<html><head><title>Valley Post</title><link rel="alternate" type="application/rss+xml" href="feeds/main.xml"></head><body><p>Home</p></body></html>"#),
    )
    .await;
    let p = pipeline();
    let links = p.discover(&format!("{base}/")).await.unwrap();
    assert_eq!(links[0].url.as_str(), format!("{base}/feeds/main.xml"));
    match p.read(&format!("{base}/"), None).await.unwrap() {
        Poll::Feed(read) => {
            assert_eq!(read.url.as_str(), format!("{base}/feeds/main.xml"));
            assert_eq!(read.discovered_from.unwrap().as_str(), format!("{base}/"));
        }
        other => panic!("{other:?}"),
    }
    check_valley(&collect(&p, &format!("{base}/")).await);
}

#[tokio::test]
async fn discovery_without_link_tries_the_usual_paths() {
    let server = MockServer::start().await;
    valley_pages(&server).await;
    let base = server.uri();
    serve(
        &server,
        "/",
        html("<html><head><title>Valley Post</title></head><body><p>Home</p></body></html>"),
    )
    .await;
    // /feed and /rss answer 404 (wiremock's default); /feed.xml is the feed.
    serve(
        &server,
        "/feed.xml",
        typed(fixture("rss2.xml", &base), "application/rss+xml"),
    )
    .await;
    let p = pipeline();
    match p.read(&format!("{base}/"), None).await.unwrap() {
        Poll::Feed(read) => assert_eq!(read.url.as_str(), format!("{base}/feed.xml")),
        other => panic!("{other:?}"),
    }
    // A site with no feed anywhere.
    let empty = MockServer::start().await;
    serve(
        &empty,
        "/",
        html("<html><body><p>No feed here.</p></body></html>"),
    )
    .await;
    let err = p
        .read(&format!("{}/", empty.uri()), None)
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::NoFeedFound { tried: 7, .. }),
        "{err:?}"
    );
    // The pipeline's one call reports it as a feed-level error.
    let items = collect(&p, &format!("{}/", empty.uri())).await;
    assert_eq!(items.len(), 1);
    assert!(items[0].as_ref().unwrap_err().entry.is_none());
}

#[tokio::test]
async fn a_second_poll_is_answered_not_modified_and_seen_entries_are_skipped() {
    let server = MockServer::start().await;
    let base = server.uri();
    Mock::given(method("GET"))
        .and(path("/feed.xml"))
        .and(header("if-none-match", "\"v1\""))
        .respond_with(ResponseTemplate::new(304).insert_header("etag", "\"v1\""))
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/feed.xml"))
        .respond_with(
            typed(fixture("rss2.xml", &base), "application/rss+xml")
                .insert_header("etag", "\"v1\""),
        )
        .with_priority(2)
        .mount(&server)
        .await;
    let p = pipeline();
    let url = format!("{base}/feed.xml");
    let Poll::Feed(first) = p.read(&url, None).await.unwrap() else {
        panic!("first read")
    };
    assert_eq!(first.validators.etag.as_deref(), Some("\"v1\""));
    let mut seen = SeenSet::new();
    assert_eq!(seen.retain_new(first.feed.entries.clone()).len(), 2);
    match p
        .read(first.url.as_str(), Some(first.validators.clone()))
        .await
        .unwrap()
    {
        Poll::NotModified(nm) => assert_eq!(nm.validators.etag.as_deref(), Some("\"v1\"")),
        other => panic!("{other:?}"),
    }
    // Without validators the feed comes again, and the seen-set skips it all.
    let Poll::Feed(mut again) = p.read(&url, None).await.unwrap() else {
        panic!("third read")
    };
    again.feed.entries = seen.retain_new(again.feed.entries);
    assert!(p.articles(&again.feed).collect::<Vec<_>>().await.is_empty());
}

#[tokio::test]
async fn malformed_feeds_give_typed_errors() {
    let server = MockServer::start().await;
    let full = fixture("rss2.xml", &server.uri());
    serve(
        &server,
        "/truncated.xml",
        typed(full[..full.len() / 2].to_vec(), "application/rss+xml"),
    )
    .await;
    serve(
        &server,
        "/html.xml",
        typed(
            b"<!DOCTYPE html><html><body><p>Welcome</p></body></html>".to_vec(),
            "application/rss+xml",
        ),
    )
    .await;
    let mut bomb = String::from("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\">");
    for i in 1..=9 {
        let prev = if i == 1 {
            "a".to_string()
        } else {
            format!("a{}", i - 1)
        };
        bomb.push_str(&format!(
            "<!ENTITY a{i} \"{}\">",
            format!("&{prev};").repeat(10)
        ));
    }
    bomb.push_str("]><rss version=\"2.0\"><channel><title>&a9;</title></channel></rss>");
    serve(
        &server,
        "/bomb.xml",
        typed(bomb.into_bytes(), "application/rss+xml"),
    )
    .await;
    let p = pipeline();
    let uri = server.uri();
    let err = p
        .read(&format!("{uri}/truncated.xml"), None)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::FeedParse { .. }), "{err:?}");
    assert!(err.to_string().contains("truncated.xml"));
    let err = p.read(&format!("{uri}/html.xml"), None).await.unwrap_err();
    assert!(matches!(err, Error::NotAFeed { .. }), "{err:?}");
    let err = p.read(&format!("{uri}/bomb.xml"), None).await.unwrap_err();
    assert!(matches!(err, Error::FeedParse { .. }), "{err:?}");
}

#[tokio::test]
async fn a_100_mb_feed_stops_at_the_body_cap() {
    // A raw server that streams up to 100 MiB of feed without a length.
    let listener = TcpListener::bind((LOOPBACK, 0)).await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut sock, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut buf = [0u8; 4096];
                let _ = sock.read(&mut buf).await;
                let head = "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nConnection: close\r\n\r\n<rss version=\"2.0\"><channel><title>big</title>";
                if sock.write_all(head.as_bytes()).await.is_err() {
                    return;
                }
                let chunk = "<item><title>x</title></item>".repeat(2000).into_bytes();
                let mut sent = 0;
                while sent < 100 * 1024 * 1024 {
                    if sock.write_all(&chunk).await.is_err() {
                        return;
                    }
                    sent += chunk.len();
                }
            });
        }
    });
    let p = pipeline();
    let started = std::time::Instant::now();
    let err = p
        .read(&format!("http://{addr}/feed.xml"), None)
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::TooLarge { limit, .. } if limit == 16 * 1024 * 1024),
        "{err:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn entries_come_out_in_feed_order_with_bounded_concurrency() {
    let server = MockServer::start().await;
    let base = server.uri();
    let mut rss = String::from(r#"<rss version="2.0"><channel><title>t</title>"#);
    for i in 0..8 {
        // Earlier entries answer slower, so completion order differs from feed order.
        let delay = Duration::from_millis(15 * (8 - i));
        Mock::given(path(format!("/n/{i}.html")))
            .respond_with(html(page(&format!("Story {i}"), RAIN)).set_delay(delay))
            .mount(&server)
            .await;
        rss.push_str(&format!(
            "<item><title>Story {i}</title><link>{base}/n/{i}.html</link></item>"
        ));
    }
    rss.push_str("</channel></rss>");
    serve(
        &server,
        "/feed.xml",
        typed(rss.into_bytes(), "application/rss+xml"),
    )
    .await;
    let items = collect(
        &pipeline().concurrency(4).limit(Some(6)),
        &format!("{base}/feed.xml"),
    )
    .await;
    let titles: Vec<String> = items
        .iter()
        .map(|i| i.as_ref().unwrap().title.clone().unwrap())
        .collect();
    assert_eq!(
        titles,
        (0..6).map(|i| format!("Story {i}")).collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn loopback_is_refused_without_an_explicit_allowance() {
    let server = MockServer::start().await;
    serve(
        &server,
        "/feed.xml",
        typed(fixture("rss2.xml", &server.uri()), "application/rss+xml"),
    )
    .await;
    let p = Pipeline::new(Client::builder().no_politeness().build().unwrap());
    let err = p
        .read(&format!("{}/feed.xml", server.uri()), None)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::BlockedAddress { .. }), "{err:?}");
}

#[tokio::test]
async fn the_pages_of_a_feed_share_a_site_memory_by_default() {
    // A box no rule recognises, repeated on every page of the site: site
    // memory removes it once seen on three pages.
    let server = MockServer::start().await;
    let url = repeated_box_site(&server, 4).await;
    let with = collect(&pipeline().concurrency(1), &url).await;
    let last = with[3].as_ref().unwrap();
    assert!(last.article.text.contains("paragraph of its own"));
    assert!(
        !last.article.text.contains("editors pick"),
        "{}",
        last.article.text
    );
    let without = collect(&pipeline().concurrency(1).memory(None), &url).await;
    assert!(without[3]
        .as_ref()
        .unwrap()
        .article
        .text
        .contains("editors pick"));
}

/// Serves a feed of `n` stories on one site, each page carrying the same
/// box that no rule recognises; returns the feed's URL.
async fn repeated_box_site(server: &MockServer, n: usize) -> String {
    let base = server.uri();
    let mut rss = String::from(r#"<rss version="2.0"><channel><title>t</title>"#);
    for i in 0..n {
        let body = format!(
            "<html><body><article><h1>Story {i}</h1>\
             <p>Story {i} has a paragraph of its own, long enough to read as prose to anyone who reads it.</p>\
             <p>And story {i} goes on with a second paragraph, also its own, about the valley and its river.</p>\
             <div><p>Our editors pick five pieces for your weekend every Friday morning.</p></div>\
             </article></body></html>"
        );
        serve(server, &format!("/s/{i}.html"), html(body)).await;
        rss.push_str(&format!(
            "<item><title>Story {i}</title><link>{base}/s/{i}.html</link></item>"
        ));
    }
    rss.push_str("</channel></rss>");
    serve(
        server,
        "/feed.xml",
        typed(rss.into_bytes(), "application/rss+xml"),
    )
    .await;
    format!("{base}/feed.xml")
}

#[tokio::test]
async fn by_default_the_first_entries_are_cleaned_too() {
    let server = MockServer::start().await;
    let url = repeated_box_site(&server, 4).await;
    let items = collect(&pipeline(), &url).await;
    assert_eq!(items.len(), 4);
    for item in &items {
        let a = item.as_ref().unwrap();
        assert!(a.article.text.contains("paragraph of its own"));
        assert!(
            !a.article.text.contains("editors pick"),
            "{}",
            a.article.text
        );
    }
}

#[tokio::test]
async fn learning_goes_a_window_at_a_time_or_streams() {
    let server = MockServer::start().await;
    let url = repeated_box_site(&server, 6).await;
    let has_box = |items: &[EntryResult]| -> Vec<bool> {
        items
            .iter()
            .map(|i| i.as_ref().unwrap().article.text.contains("editors pick"))
            .collect()
    };
    // Windows of three: each window holds the box on three pages (K = 3),
    // so every page loses it, the first ones included.
    let windowed = collect(&pipeline().learning(Learning::Window(3)), &url).await;
    assert_eq!(has_box(&windowed), [false; 6]);
    // Windows of two: the first window has seen the box on two pages only
    // and keeps it; from the second window on, memory knows it.
    let small = collect(&pipeline().learning(Learning::Window(2)), &url).await;
    assert_eq!(has_box(&small), [true, true, false, false, false, false]);
    // Streaming, one at a time: the box goes from the third page on.
    let streamed = collect(&pipeline().learning(Learning::Stream).concurrency(1), &url).await;
    assert_eq!(has_box(&streamed), [true, true, false, false, false, false]);
}
