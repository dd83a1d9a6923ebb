//! Speed and memory of the full-text feed service, on 127.0.0.1 only:
//! requests per second and p50/p99 latency of `/feed` on a local feed of
//! 20 entries, cold (every page fetched and extracted) and warm (cached),
//! with 1 and 32 concurrent readers; then the service's peak memory after
//! 10 000 requests over 100 feeds.
//!
//! ```text
//! cargo bench --features serve --bench serve
//! ```
//!
//! The upstream site (feeds of 20 entries, article pages of about 9 KB
//! with navigation, a newsletter box and teasers) runs in this process;
//! the service runs in a child process (this same binary, started with
//! `GLEANER_SERVE_BENCH_UPSTREAM` set), so its peak memory (`VmHWM`) is
//! its own. Upstream politeness is off in the service (a local server),
//! robots.txt is on. Client, service and upstream share the machine's cores.

use std::io::{BufRead, BufReader};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::Path;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

const LOOPBACK: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);
const ENTRIES: usize = 20;
const CHILD_ENV: &str = "GLEANER_SERVE_BENCH_UPSTREAM";

const WORDS: &[&str] = &[
    "river", "council", "harbour", "bridge", "market", "school", "winter", "station", "orchard",
    "museum", "ferry", "library", "valley", "festival", "railway", "farmers", "weather", "budget",
];

/// A sentence that differs with `seed`.
fn sentence(seed: usize) -> String {
    let w = |k: usize| WORDS[(seed * 7 + k * 13) % WORDS.len()];
    format!(
        "The {} near the {} was the talk of the town on day {seed}, as people from the {} and the {} came to see what the {} had planned for the {}.",
        w(1), w(2), w(3), w(4), w(5), w(6)
    )
}

fn page(feed: &str, i: usize) -> String {
    let seed = feed.bytes().map(usize::from).sum::<usize>() * 31 + i;
    let paragraphs: String = (0..8)
        .map(|p| format!("<p>{} {}</p>\n", sentence(seed + p), sentence(seed * 3 + p)))
        .collect();
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Story {i} of {feed} | Valley Post</title></head><body>\
<nav><a href=\"/\">Home</a> <a href=\"/local\">Local</a> <a href=\"/sport\">Sport</a> <a href=\"/weather\">Weather</a></nav>\
<article><h1>Story {i} of {feed}</h1><div class=\"byline\">By Ann Lee</div>\n{paragraphs}</article>\
<div class=\"z5\"><div>Newsletter</div><div>Get the day's top stories in your inbox every morning.</div><form><input type=\"email\"><button>Sign up</button></form></div>\
<div class=\"t6\"><div><a href=\"/a\">Council approves the new bridge over the river</a><div>The council voted on Monday to approve the long-awaited bridge across the river at the...</div></div>\
<div><a href=\"/b\">School choir wins the regional contest</a><div>The choir of the valley school took first prize at the regional contest on Saturday with a...</div></div></div>\
<footer>© 2026 Valley Post</footer></body></html>"
    )
}

async fn feed(Path(name): Path<String>, headers: HeaderMap) -> Response {
    if headers
        .get(header::IF_NONE_MATCH)
        .is_some_and(|v| v == "\"v1\"")
    {
        return StatusCode::NOT_MODIFIED.into_response();
    }
    let host = headers[header::HOST].to_str().unwrap_or("").to_string();
    let items: String = (0..ENTRIES)
        .map(|i| {
            format!(
                "<item><title>Story {i} of {name}</title><link>http://{host}/page/{name}/{i}</link>\
<guid>{name}-{i}</guid><pubDate>Tue, 02 Apr 2024 09:{i:02}:00 GMT</pubDate><description>{}</description></item>",
                sentence(i)
            )
        })
        .collect();
    let body = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>{name}</title><link>http://{host}/</link><description>d</description>{items}</channel></rss>"
    );
    (
        [
            (header::CONTENT_TYPE, "application/rss+xml"),
            (header::ETAG, "\"v1\""),
        ],
        body,
    )
        .into_response()
}

async fn article(Path((name, i)): Path<(String, usize)>) -> Response {
    (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        page(&name, i),
    )
        .into_response()
}

async fn upstream() -> SocketAddr {
    let app = Router::new()
        .route("/feed/{name}", get(feed))
        .route("/page/{name}/{i}", get(article));
    let listener = tokio::net::TcpListener::bind((LOOPBACK, 0)).await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    addr
}

/// The child: the service, listening on a free port it prints.
fn child() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let client = gleaner::fetch::Client::builder()
            .allow_address(LOOPBACK)
            .no_politeness()
            .build()
            .unwrap();
        let settings = gleaner::serve::Settings::new().max_queued(256);
        let listener = tokio::net::TcpListener::bind((LOOPBACK, 0)).await.unwrap();
        println!("{}", listener.local_addr().unwrap());
        gleaner::serve::Service::new(client, settings)
            .serve(listener)
            .await
            .unwrap();
    });
}

struct Service {
    child: Child,
    base: String,
}

impl Service {
    fn start(upstream: SocketAddr) -> Self {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .env(CHILD_ENV, upstream.to_string())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start the service");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        Service {
            child,
            base: format!("http://{}", line.trim()),
        }
    }

    /// Peak and current resident memory, in MiB.
    fn memory(&self) -> (f64, f64) {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        let kib = |key: &str| {
            status
                .lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
                .unwrap_or(f64::NAN)
        };
        (kib("VmHWM:") / 1024.0, kib("VmRSS:") / 1024.0)
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Sends `urls` with `readers` concurrent readers (each takes the next
/// URL); returns the wall time and every request's latency.
async fn load(urls: Vec<String>, readers: usize) -> (Duration, Vec<Duration>) {
    let http = reqwest::Client::new();
    let queue = Arc::new(std::sync::Mutex::new(urls.into_iter()));
    let started = Instant::now();
    let tasks: Vec<_> = (0..readers)
        .map(|_| {
            let (http, queue) = (http.clone(), Arc::clone(&queue));
            tokio::spawn(async move {
                let mut times = Vec::new();
                loop {
                    let Some(url) = queue.lock().unwrap().next() else {
                        break;
                    };
                    let t = Instant::now();
                    let r = http.get(&url).send().await.expect("answered");
                    let status = r.status();
                    let body = r.bytes().await.expect("body");
                    assert_eq!(status, 200, "{url}: {}", String::from_utf8_lossy(&body));
                    times.push(t.elapsed());
                }
                times
            })
        })
        .collect();
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    (started.elapsed(), all)
}

fn report(label: &str, (wall, mut times): (Duration, Vec<Duration>)) {
    times.sort();
    let pct = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
    println!(
        "{label:<28} {:>6} requests  {:>8.1} rps  p50 {:>8.2} ms  p99 {:>8.2} ms",
        times.len(),
        times.len() as f64 / wall.as_secs_f64(),
        pct(0.5).as_secs_f64() * 1000.0,
        pct(0.99).as_secs_f64() * 1000.0
    );
}

fn feed_urls(
    service: &str,
    upstream: SocketAddr,
    names: impl Iterator<Item = String>,
) -> Vec<String> {
    names
        .map(|n| {
            let feed = format!("http://{upstream}/feed/{n}");
            let q: String = url::form_urlencoded::byte_serialize(feed.as_bytes()).collect();
            format!("{service}/feed?url={q}")
        })
        .collect()
}

fn main() {
    if std::env::var_os(CHILD_ENV).is_some() {
        return child();
    }
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let up = upstream().await;
        let svc = Service::start(up);
        let base = svc.base.clone();
        println!("/feed on a local feed of {ENTRIES} entries (service in a child process)");
        let cold1 = feed_urls(&base, up, (0..10).map(|i| format!("cold1-{i}")));
        report("cold, 1 reader", load(cold1, 1).await);
        let cold32 = feed_urls(&base, up, (0..64).map(|i| format!("cold32-{i}")));
        report("cold, 32 readers", load(cold32, 32).await);
        let warm = feed_urls(&base, up, (0..32).map(|i| format!("warm-{i}")));
        load(warm.clone(), 32).await; // makes them warm
        let warm1: Vec<String> = warm.iter().cycle().take(1000).cloned().collect();
        report("warm, 1 reader", load(warm1, 1).await);
        let warm32: Vec<String> = warm.iter().cycle().take(5000).cloned().collect();
        report("warm, 32 readers", load(warm32, 32).await);
        drop(svc);

        let svc = Service::start(up);
        let (start_peak, _) = svc.memory();
        let feeds = feed_urls(&svc.base, up, (0..100).map(|i| format!("mem-{i}")));
        let urls: Vec<String> = feeds.iter().cycle().take(10_000).cloned().collect();
        let (wall, times) = load(urls, 32).await;
        let (peak, now) = svc.memory();
        println!(
            "10000 requests over 100 feeds ({} entries each), 32 readers: {:.1} s; service peak {peak:.1} MiB (at start {start_peak:.1} MiB), resident after {now:.1} MiB",
            ENTRIES,
            wall.as_secs_f64()
        );
        report("  of which (all requests)", (wall, times));
    });
}
