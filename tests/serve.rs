//! The full-text feed service against a local upstream site, both on
//! 127.0.0.1 in this process; requests through reqwest. Each output
//! format is read back with feed-rs and with a parser gleaner does not
//! use (`rss` with its validation, `atom_syndication`); JSON Feed is
//! checked member by member against the 1.1 specification.
#![cfg(feature = "serve")]

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use gleaner::fetch::Client;
use gleaner::serve::{Service, Settings};
use rss::validation::Validate;

const LOOPBACK: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

/// What the upstream site counts.
#[derive(Default)]
struct Counts {
    feed_polls: AtomicUsize,
    feed_304s: AtomicUsize,
    page_fetches: AtomicUsize,
    in_flight: AtomicUsize,
    most_in_flight: AtomicUsize,
}

struct Site {
    counts: Counts,
    slow: Duration,
}

const RAIN: &[&str] = &[
    "After months of drought, rain fell across the region on Tuesday, filling reservoirs that had dropped to their lowest level in a decade.",
    "Farmers said the rain came too late for this year's wheat, but welcomed it all the same: the soil had cracked so deep in places that a boot could disappear into it.",
    "The water authority said it would keep the hosepipe ban in place until the reservoirs reach two thirds of their capacity, which could take the rest of the spring.",
];

const BRIDGE: &[&str] = &[
    "The council voted on Monday to build a footbridge over the river at the old ford, ending twenty years of argument about where walkers should cross.",
    "Work will start in the autumn, when the water is low, and the bridge should open before the next summer, the council's engineer said after the vote.",
    "Residents of both banks had asked for a crossing since the ferry stopped running, and many of them came to the meeting to hear the decision.",
];

/// An article page in meaningless markup, with a newsletter box after it.
fn page(title: &str, paragraphs: &[&str]) -> String {
    let body: String = paragraphs
        .iter()
        .map(|p| format!("<div class=\"q7\">{p}</div>\n"))
        .collect();
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title} | Valley Post</title></head><body>\
<div class=\"n1\"><a href=\"/\">Home</a> <a href=\"/local\">Local</a></div>\
<div class=\"m2\"><h1>{title}</h1>\n{body}<p>The figures behind this story, summarised on <a href=\"/archive\">the archive page</a>, come from the water authority's weekly report to the council.</p></div>\
<div class=\"z5\"><div>Newsletter</div><div>Get the day's top stories in your inbox every morning.</div><form><input type=\"email\"><button>Sign up</button></form></div>\
</body></html>"
    )
}

/// The feed: a partial entry whose page is the article, a full-content
/// entry whose link is dead, and an entry with an id that is no URL.
fn rss(base: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Valley Post</title><link>{base}/</link><description>News from the valley</description><language>en</language>
<item><title>Rain returns to the valley</title><link>{base}/news/rain.html</link><guid>{base}/news/rain.html</guid>
<pubDate>Tue, 02 Apr 2024 09:30:00 GMT</pubDate><dc:creator>Ann Lee</dc:creator><category>Weather</category>
<description>Rain fell across the region.</description></item>
<item><title>The mill bakes again &amp; sells bread</title><link>{base}/news/gone.html</link><guid isPermaLink="false">mill-2024</guid>
<pubDate>Mon, 01 Apr 2024 08:00:00 GMT</pubDate><dc:creator>Bo Chen</dc:creator><category>Food</category><category>Town</category>
<content:encoded><![CDATA[<p>The old water mill by the bridge will bake bread again from April, after a family of bakers bought it from the town and restored its wheel.</p>
<p>The mill ground flour for the valley for three hundred years before it closed in 1968, and its stones were still in place.</p>]]></content:encoded></item>
<item><title>A bridge at the ford</title><link>{base}/news/bridge.html</link><guid isPermaLink="false">tag:valley,2024:bridge</guid>
<pubDate>Sun, 31 Mar 2024 18:15:00 GMT</pubDate><description>The council voted.</description></item>
</channel></rss>"#
    )
}

async fn feed(State(site): State<Arc<Site>>, headers: HeaderMap) -> Response {
    site.counts.feed_polls.fetch_add(1, Ordering::SeqCst);
    if headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        == Some("\"v1\"")
    {
        site.counts.feed_304s.fetch_add(1, Ordering::SeqCst);
        return StatusCode::NOT_MODIFIED.into_response();
    }
    let host = headers[header::HOST].to_str().unwrap_or("").to_string();
    (
        [
            (header::CONTENT_TYPE, "application/rss+xml"),
            (header::ETAG, "\"v1\""),
        ],
        rss(&format!("http://{host}")),
    )
        .into_response()
}

async fn news(State(site): State<Arc<Site>>, Path(name): Path<String>) -> Response {
    site.counts.page_fetches.fetch_add(1, Ordering::SeqCst);
    let html = |body: String| ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body);
    match name.as_str() {
        "rain.html" => html(page("Rain returns to the valley", RAIN)).into_response(),
        "bridge.html" => html(page("A bridge at the ford", BRIDGE)).into_response(),
        _ => (StatusCode::NOT_FOUND, "gone").into_response(),
    }
}

/// A slow feed (one per `n`) of one entry, whose page is slow too.
async fn slow_feed(
    State(site): State<Arc<Site>>,
    Path(n): Path<String>,
    headers: HeaderMap,
) -> Response {
    let c = &site.counts;
    let now = c.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    c.most_in_flight.fetch_max(now, Ordering::SeqCst);
    tokio::time::sleep(site.slow).await;
    c.in_flight.fetch_sub(1, Ordering::SeqCst);
    let host = headers[header::HOST].to_str().unwrap_or("").to_string();
    let body = format!(
        r#"<rss version="2.0"><channel><title>Slow {n}</title><link>http://{host}/</link><description>d</description>
<item><title>Story {n}</title><link>http://{host}/slow-page/{n}</link><guid>s-{n}</guid><description>Story {n} in short.</description></item></channel></rss>"#
    );
    ([(header::CONTENT_TYPE, "application/rss+xml")], body).into_response()
}

async fn slow_page(State(site): State<Arc<Site>>, Path(n): Path<String>) -> Response {
    let c = &site.counts;
    let now = c.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    c.most_in_flight.fetch_max(now, Ordering::SeqCst);
    tokio::time::sleep(site.slow).await;
    c.in_flight.fetch_sub(1, Ordering::SeqCst);
    let body = page(&format!("Story {n}"), BRIDGE);
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

async fn upstream(slow: Duration) -> (String, Arc<Site>) {
    let site = Arc::new(Site {
        counts: Counts::default(),
        slow,
    });
    let app = Router::new()
        .route("/feed.xml", get(feed))
        .route("/news/{name}", get(news))
        .route("/slow/{n}", get(slow_feed))
        .route("/slow-page/{n}", get(slow_page))
        .with_state(Arc::clone(&site));
    let listener = tokio::net::TcpListener::bind((LOOPBACK, 0)).await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("http://{addr}"), site)
}

fn client(allow_loopback: bool) -> Client {
    let mut b = Client::builder()
        .no_politeness()
        .robots(false)
        .timeout(Some(Duration::from_secs(10)))
        .max_retries(0);
    if allow_loopback {
        b = b.allow_address(LOOPBACK);
    }
    b.build().unwrap()
}

async fn service(client: Client, settings: Settings) -> String {
    let listener = tokio::net::TcpListener::bind((LOOPBACK, 0)).await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    tokio::spawn(Service::new(client, settings).serve(listener));
    format!("http://{addr}")
}

fn enc(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

async fn get_ok(url: &str) -> (HeaderMap, Vec<u8>) {
    let r = reqwest::get(url).await.unwrap();
    let status = r.status();
    let headers = r.headers().clone();
    let body = r.bytes().await.unwrap().to_vec();
    assert_eq!(status, 200, "{url}: {}", String::from_utf8_lossy(&body));
    (headers, body)
}

const TITLES: [&str; 3] = [
    "Rain returns to the valley",
    "The mill bakes again & sells bread",
    "A bridge at the ford",
];

/// What every format must say, read through feed-rs.
fn check_with_feed_rs(body: &[u8], base: &str) {
    let feed = feed_rs::parser::parse(body).expect("feed-rs reads it");
    assert_eq!(feed.title.as_ref().unwrap().content, "Valley Post");
    let titles: Vec<String> = feed
        .entries
        .iter()
        .map(|e| e.title.as_ref().unwrap().content.clone())
        .collect();
    assert_eq!(titles, TITLES);
    let links: Vec<&str> = feed
        .entries
        .iter()
        .map(|e| e.links[0].href.as_str())
        .collect();
    assert_eq!(
        links,
        [
            format!("{base}/news/rain.html"),
            format!("{base}/news/gone.html"),
            format!("{base}/news/bridge.html")
        ]
    );
    let dates: Vec<String> = feed
        .entries
        .iter()
        .map(|e| e.published.unwrap().to_rfc3339())
        .collect();
    assert_eq!(
        dates,
        [
            "2024-04-02T09:30:00+00:00",
            "2024-04-01T08:00:00+00:00",
            "2024-03-31T18:15:00+00:00"
        ]
    );
    let authors: Vec<Vec<String>> = feed
        .entries
        .iter()
        .map(|e| e.authors.iter().filter_map(|a| a.name.clone()).collect())
        .collect();
    assert_eq!(authors[0], ["Ann Lee"]);
    assert_eq!(authors[1], ["Bo Chen"]);
    let terms: Vec<String> = feed.entries[1]
        .categories
        .iter()
        .map(|c| c.term.clone())
        .collect();
    assert_eq!(terms, ["Food", "Town"]);
    let html = |i: usize| {
        let e = &feed.entries[i];
        e.content
            .as_ref()
            .and_then(|c| c.body.clone())
            .or_else(|| e.summary.as_ref().map(|s| s.content.clone()))
            .unwrap_or_default()
    };
    assert!(html(0).contains("After months of drought"), "{}", html(0));
    assert!(
        !html(0).contains("Sign up") && !html(0).contains("inbox"),
        "{}",
        html(0)
    );
    assert!(
        html(0).contains(&format!("href=\"{base}/archive\"")),
        "{}",
        html(0)
    );
    assert!(html(1).contains("old water mill"), "{}", html(1));
    assert!(html(2).contains("footbridge over the river"), "{}", html(2));
}

#[tokio::test]
async fn each_format_reads_back_field_by_field() {
    let (base, _site) = upstream(Duration::ZERO).await;
    let svc = service(client(true), Settings::new()).await;
    let feed_url = enc(&format!("{base}/feed.xml"));

    let (h, atom) = get_ok(&format!("{svc}/feed?url={feed_url}")).await;
    assert_eq!(
        h[header::CONTENT_TYPE],
        "application/atom+xml; charset=utf-8"
    );
    check_with_feed_rs(&atom, &base);
    let a = atom_syndication::Feed::read_from(&atom[..]).expect("atom_syndication reads it");
    assert_eq!(a.entries().len(), 3);
    let e = &a.entries()[1];
    assert_eq!(e.title().as_str(), TITLES[1]);
    assert_eq!(e.id(), "urn:gleaner:entry:mill-2024");
    assert_eq!(e.authors()[0].name(), "Bo Chen");
    assert_eq!(
        e.published().unwrap().to_rfc3339(),
        "2024-04-01T08:00:00+00:00"
    );
    assert_eq!(e.updated().to_rfc3339(), "2024-04-01T08:00:00+00:00");
    assert_eq!(e.content().unwrap().content_type(), Some("html"));
    assert_eq!(a.entries()[0].id(), format!("{base}/news/rain.html"));
    assert_eq!(a.entries()[2].id(), "tag:valley,2024:bridge");
    let ext = &e.extensions()["gleaner"];
    assert_eq!(ext["source"][0].value(), Some("feed"));
    assert_eq!(ext["source"][0].attrs()["reason"], "page_unavailable");
    assert!(ext["page-error"][0].value().unwrap().contains("404"));
    assert_eq!(
        a.entries()[0].extensions()["gleaner"]["source"][0].value(),
        Some("page")
    );

    let (h, rss) = get_ok(&format!("{svc}/feed?url={feed_url}&format=rss")).await;
    assert_eq!(
        h[header::CONTENT_TYPE],
        "application/rss+xml; charset=utf-8"
    );
    check_with_feed_rs(&rss, &base);
    let r = rss::Channel::read_from(&rss[..]).expect("rss reads it");
    r.validate().expect("the rss crate's validation passes");
    assert_eq!(r.items().len(), 3);
    let i = &r.items()[1];
    assert_eq!(i.title(), Some(TITLES[1]));
    assert_eq!(i.guid().unwrap().value(), "mill-2024");
    assert!(!i.guid().unwrap().is_permalink());
    assert!(r.items()[0].guid().unwrap().is_permalink());
    assert_eq!(i.pub_date(), Some("Mon, 1 Apr 2024 08:00:00 +0000"));
    assert_eq!(i.dublin_core_ext().unwrap().creators(), ["Bo Chen"]);
    let cats: Vec<&str> = i.categories().iter().map(|c| c.name()).collect();
    assert_eq!(cats, ["Food", "Town"]);
    let html = i.description().unwrap();
    assert!(html.contains("<p>The old water mill"), "{html}");

    let (h, json) = get_ok(&format!("{svc}/feed?url={feed_url}&format=json")).await;
    assert_eq!(
        h[header::CONTENT_TYPE],
        "application/feed+json; charset=utf-8"
    );
    check_with_feed_rs(&json, &base);
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    // JSON Feed 1.1, member by member: the required ones and their types.
    assert_eq!(v["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(v["title"], "Valley Post");
    let items = v["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    for item in items {
        assert!(
            item["id"].is_string() && item["content_html"].is_string(),
            "{item}"
        );
        for key in item.as_object().unwrap().keys() {
            assert!(
                key.starts_with('_')
                    || [
                        "id",
                        "url",
                        "title",
                        "content_html",
                        "summary",
                        "image",
                        "date_published",
                        "date_modified",
                        "authors",
                        "tags",
                        "language",
                    ]
                    .contains(&key.as_str()),
                "{key} is no JSON Feed 1.1 item member"
            );
        }
    }
    assert_eq!(v["items"][1]["id"], "mill-2024");
    assert_eq!(v["items"][1]["date_published"], "2024-04-01T08:00:00Z");
    assert!(v["items"][0]["content_html"]
        .as_str()
        .unwrap()
        .contains("After months"));
    assert_eq!(v["items"][1]["authors"][0]["name"], "Bo Chen");
    assert_eq!(v["items"][1]["tags"], serde_json::json!(["Food", "Town"]));
    assert_eq!(v["items"][1]["_gleaner"]["reason"], "page_unavailable");
    assert_eq!(v["items"][0]["_gleaner"]["source"], "page");

    // Ids stable across requests: the same bytes again.
    let (_, again) = get_ok(&format!("{svc}/feed?url={feed_url}")).await;
    assert_eq!(again, atom);
}

#[tokio::test]
async fn fivefilters_parameters_give_rss_with_links_removed() {
    let (base, _site) = upstream(Duration::ZERO).await;
    let svc = service(client(true), Settings::new()).await;
    let url = format!(
        "{svc}/makefulltextfeed.php?url={}&max=1&links=remove",
        enc(&format!("{base}/feed.xml"))
    );
    let (h, body) = get_ok(&url).await;
    assert_eq!(
        h[header::CONTENT_TYPE],
        "application/rss+xml; charset=utf-8"
    );
    let r = rss::Channel::read_from(&body[..]).unwrap();
    assert_eq!(r.items().len(), 1);
    let html = r.items()[0].description().unwrap();
    assert!(
        html.contains("summarised on the archive page,") && !html.contains("<a "),
        "{html}"
    );
}

#[tokio::test]
async fn conditional_requests_round_trip() {
    let (base, site) = upstream(Duration::ZERO).await;
    // A TTL of zero: every request revalidates the upstream feed.
    let svc = service(client(true), Settings::new().feed_ttl(Duration::ZERO)).await;
    let url = format!("{svc}/feed?url={}", enc(&format!("{base}/feed.xml")));
    let (h, body) = get_ok(&url).await;
    let etag = h[header::ETAG].to_str().unwrap().to_string();
    let modified = h[header::LAST_MODIFIED].to_str().unwrap().to_string();
    let http = reqwest::Client::new();
    let r = http
        .get(&url)
        .header("If-None-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 304);
    assert_eq!(r.headers()[header::ETAG], etag.as_str());
    assert!(r.bytes().await.unwrap().is_empty());
    let r = http
        .get(&url)
        .header("If-Modified-Since", &modified)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 304);
    let r = http
        .get(&url)
        .header("If-None-Match", "\"stale\"")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.bytes().await.unwrap(), body);
    // Upstream was polled four times, conditionally after the first,
    // and each page fetched once (articles are cached by link).
    assert_eq!(site.counts.feed_polls.load(Ordering::SeqCst), 4);
    assert_eq!(site.counts.feed_304s.load(Ordering::SeqCst), 3);
    assert_eq!(site.counts.page_fetches.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn pages_extract_in_every_format() {
    let (base, _site) = upstream(Duration::ZERO).await;
    let svc = service(client(true), Settings::new()).await;
    let page = enc(&format!("{base}/news/rain.html"));
    let (_, json) = get_ok(&format!("{svc}/extract?url={page}")).await;
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(v["title"], "Rain returns to the valley");
    assert_eq!(v["url"], format!("{base}/news/rain.html"));
    assert!(v["text"]
        .as_str()
        .unwrap()
        .starts_with("After months of drought"));
    let (h, md) = get_ok(&format!("{svc}/extract?url={page}&format=markdown")).await;
    assert_eq!(h[header::CONTENT_TYPE], "text/markdown; charset=utf-8");
    assert!(String::from_utf8(md)
        .unwrap()
        .contains(&format!("[the archive page]({base}/archive)")));
    let (_, text) = get_ok(&format!("{svc}/extract?url={page}&format=text")).await;
    assert!(!String::from_utf8(text).unwrap().contains("Sign up"));
}

#[tokio::test]
async fn the_address_guard_refuses_private_urls() {
    let (base, site) = upstream(Duration::ZERO).await;
    let svc = service(client(false), Settings::new()).await;
    for path in ["feed", "extract", "makefulltextfeed.php"] {
        let r = reqwest::get(format!(
            "{svc}/{path}?url={}",
            enc(&format!("{base}/feed.xml"))
        ))
        .await
        .unwrap();
        assert_eq!(r.status(), 403, "{path}");
        let reason = r.text().await.unwrap();
        assert!(
            reason.contains("127.0.0.1 is not public and not allowed"),
            "{reason}"
        );
    }
    let localhost = base.replace("127.0.0.1", "localhost");
    let r = reqwest::get(format!(
        "{svc}/feed?url={}",
        enc(&format!("{localhost}/feed.xml"))
    ))
    .await
    .unwrap();
    assert_eq!(r.status(), 403, "a name that resolves to loopback");
    assert_eq!(site.counts.feed_polls.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn a_key_is_required_when_set() {
    let (base, _site) = upstream(Duration::ZERO).await;
    let svc = service(client(true), Settings::new().key(Some("s3cret".into()))).await;
    let feed = enc(&format!("{base}/feed.xml"));
    let http = reqwest::Client::new();
    for url in [
        format!("{svc}/feed?url={feed}"),
        format!("{svc}/feed?url={feed}&key=wrong"),
        format!("{svc}/extract?url={feed}&key=s3cre"),
    ] {
        let r = http.get(&url).send().await.unwrap();
        assert_eq!(r.status(), 403, "{url}");
        assert!(r.text().await.unwrap().contains("a valid key is required"));
    }
    let r = http
        .get(format!("{svc}/feed?url={feed}&key=s3cret"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = http
        .get(format!("{svc}/feed?url={feed}"))
        .bearer_auth("s3cret")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        http.get(format!("{svc}/health"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
}

#[tokio::test]
async fn errors_are_plain_reasons_with_the_right_status() {
    let (base, _site) = upstream(Duration::ZERO).await;
    let svc = service(client(true), Settings::new().max_url_bytes(200)).await;
    let http = reqwest::Client::new();
    let cases: Vec<(reqwest::RequestBuilder, u16, &str)> = vec![
        (
            http.get(format!("{svc}/feed")),
            400,
            "the url parameter is missing",
        ),
        (
            http.get(format!("{svc}/feed?url=ftp://a.example/")),
            400,
            "only http and https",
        ),
        (
            http.get(format!("{svc}/feed?url=http://a.example/&format=xml")),
            400,
            "unknown format",
        ),
        (
            http.get(format!("{svc}/nowhere")),
            404,
            "no such endpoint /nowhere",
        ),
        (http.post(format!("{svc}/feed")), 405, "only GET is served"),
        (
            http.get(format!("{svc}/feed?url={}", "a".repeat(300))),
            414,
            "exceeds the limit of 200 bytes",
        ),
        (
            http.get(format!("{svc}/health")).body(vec![b'x'; 2048]),
            413,
            "request body exceeds",
        ),
        (
            http.get(format!(
                "{svc}/feed?url={}",
                enc(&format!("{base}/news/gone.html"))
            )),
            502,
            "http status 404",
        ),
        (
            http.get(format!(
                "{svc}/extract?url={}&format=text",
                enc(&format!("{base}/feed.xml"))
            )),
            502,
            "not an html document",
        ),
    ];
    for (request, status, reason) in cases {
        let r = request.send().await.unwrap();
        assert_eq!(r.status().as_u16(), status, "{reason}");
        let ct = r.headers()[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .to_string();
        assert!(ct.starts_with("text/plain"), "{status} {reason}: {ct}");
        let text = r.text().await.unwrap();
        assert!(text.contains(reason), "{status}: {text}");
        assert!(
            !text.contains("panicked") && text.lines().count() == 1,
            "{text}"
        );
    }
    let r = http
        .get(format!("{svc}/feed?format=json"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let v: serde_json::Value = serde_json::from_str(&r.text().await.unwrap()).unwrap();
    assert_eq!(
        (v["status"].as_u64(), v["error"].as_str()),
        (Some(400), Some("the url parameter is missing"))
    );
}

/// Peak resident memory of this process, in KiB (Linux).
fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_against_a_slow_upstream_is_answered_within_bounds() {
    let slow = Duration::from_millis(300);
    let (base, site) = upstream(slow).await;
    let settings = Settings::new()
        .max_concurrent(4)
        .max_queued(16)
        .queue_timeout(Duration::from_secs(2))
        .retry_after(Duration::from_secs(7))
        .entry_concurrency(1);
    let svc = service(client(true), settings).await;
    let before = peak_kib();
    let http = reqwest::Client::new();
    let requests = (0..200).map(|n| {
        let http = http.clone();
        let url = format!("{svc}/feed?url={}", enc(&format!("{base}/slow/{n}")));
        async move {
            let r = http
                .get(&url)
                .send()
                .await
                .expect("every request is answered");
            let status = r.status().as_u16();
            let retry = r
                .headers()
                .get(header::RETRY_AFTER)
                .map(|v| v.to_str().unwrap().to_string());
            let body = r.text().await.expect("every body arrives");
            (status, retry, body)
        }
    });
    let answers = tokio::time::timeout(
        Duration::from_secs(30),
        futures_util::future::join_all(requests),
    )
    .await
    .expect("the burst is over within 30 s");
    assert_eq!(answers.len(), 200);
    let ok = answers.iter().filter(|a| a.0 == 200).count();
    let busy: Vec<_> = answers.iter().filter(|a| a.0 == 503).collect();
    assert_eq!(
        ok + busy.len(),
        200,
        "only 200 or 503: {:?}",
        answers.iter().find(|a| a.0 != 200 && a.0 != 503)
    );
    // 4 at work and 16 queued; each takes two slow fetches (600 ms) and a
    // queued request waits at most 2 s: the first rounds get through, the
    // rest of the burst is turned away.
    assert!(ok >= 4, "{ok} answered 200");
    assert!(
        busy.len() >= 200 - (4 + 16) * 4,
        "{} turned away",
        busy.len()
    );
    assert!(
        busy.iter().all(|a| a.1.as_deref() == Some("7")),
        "Retry-After on every 503"
    );
    assert!(answers
        .iter()
        .filter(|a| a.0 == 200)
        .all(|a| a.2.contains("footbridge")));
    // Upstream work stayed within the bound: 4 requests, one fetch each.
    assert!(site.counts.most_in_flight.load(Ordering::SeqCst) <= 4);
    if let (Some(before), Some(after)) = (before, peak_kib()) {
        eprintln!("peak grew by {} KiB", after - before);
        assert!(
            after - before < 100 * 1024,
            "peak grew by {} KiB",
            after - before
        );
    }
}
