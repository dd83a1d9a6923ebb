//! The main job: a feed (or a site's page) in, clean full-text articles out.
//!
//! ```text
//! cargo run --release --example feed -- [--format text|markdown|jsonl] [--limit N] [--allow-address IP] [FEED_OR_PAGE_URL]
//! ```
//!
//! With a URL it works on the real web with the default client (robots.txt,
//! per-host politeness, the address guard; `--allow-address IP` admits one
//! non-public address, such as a feed on an intranet server). With none, it starts the small
//! site in `examples/site/` (a home page, its RSS feed and the pages the
//! feed links to, one of them `examples/pages/seed-article.html`) on
//! 127.0.0.1, admits that one address, and runs on the home page: feed
//! autodiscovery, page fetches, extraction, entry cleaning and the quality
//! choice between page and feed, with no network needed.
//!
//! Progress goes to stderr (a bar when stderr is a terminal). `--format
//! jsonl` prints one object per entry with "feed_url", "url", "title",
//! "published" (RFC 3339 or null), "authors", "text", "source" ("page" or
//! "feed", null when the entry failed) and "error" (null, or why the entry
//! gave no article), plus "categories", "reason", "page_error" and "removed".

use std::io::{IsTerminal, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::process::ExitCode;
use std::time::Duration;

use gleaner::feed::{EntryResult, Pipeline, Poll, StreamExt};
use gleaner::fetch::Client;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Text,
    Markdown,
    Jsonl,
}

/// The embedded site: path, Content-Type, body.
const SITE: &[(&str, &str, &[u8])] = &[
    (
        "/",
        "text/html; charset=utf-8",
        include_bytes!("site/index.html"),
    ),
    (
        "/feed.xml",
        "application/rss+xml",
        include_bytes!("site/feed.xml"),
    ),
    (
        "/news/talks.html",
        "text/html; charset=utf-8",
        include_bytes!("pages/seed-article.html"),
    ),
    (
        "/news/harbour.html",
        "text/html; charset=utf-8",
        include_bytes!("site/news/harbour.html"),
    ),
    (
        "/news/orchard.html",
        "text/html; charset=utf-8",
        include_bytes!("site/news/orchard.html"),
    ),
    (
        "/files/budget.pdf",
        "application/pdf",
        include_bytes!("site/files/budget.pdf"),
    ),
];

fn usage(problem: &str) -> ExitCode {
    eprintln!("{problem}");
    eprintln!(
        "usage: cargo run --release --example feed -- [--format text|markdown|jsonl] [--limit N] [--allow-address IP] [FEED_OR_PAGE_URL]"
    );
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut format = Format::Text;
    let mut limit = None;
    let mut allowed: Vec<IpAddr> = Vec::new();
    let mut url = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--format" => {
                format = match args.next().as_deref() {
                    Some("text") => Format::Text,
                    Some("markdown") => Format::Markdown,
                    Some("jsonl") => Format::Jsonl,
                    other => return usage(&format!("unknown format {other:?}")),
                }
            }
            "--limit" => match args.next().and_then(|n| n.parse().ok()) {
                Some(n) => limit = Some(n),
                None => return usage("--limit needs a number"),
            },
            "--allow-address" => match args.next().and_then(|a| a.parse().ok()) {
                Some(ip) => allowed.push(ip),
                None => return usage("--allow-address needs an IP address"),
            },
            "-h" | "--help" => return usage("feed: clean full-text articles from a feed"),
            a if a.starts_with("--") => return usage(&format!("unknown option {a}")),
            a => url = Some(a.to_string()),
        }
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => return usage(&format!("cannot start the runtime: {e}")),
    };
    runtime.block_on(run(url, format, limit, &allowed))
}

async fn run(
    url: Option<String>,
    format: Format,
    limit: Option<usize>,
    allowed: &[IpAddr],
) -> ExitCode {
    let (url, client) = match url {
        Some(u) => {
            let mut client = Client::builder();
            for ip in allowed {
                client = client.allow_address(*ip);
            }
            (u, client.build())
        }
        None => {
            let addr = match serve_site().await {
                Ok(a) => a,
                Err(e) => return usage(&format!("cannot start the embedded site: {e}")),
            };
            eprintln!("serving the embedded site on http://{addr}/");
            // The one non-public address admitted; short politeness delay
            // so the demo is quick but still shows per-host pacing.
            let client = Client::builder()
                .allow_address(IpAddr::V4(Ipv4Addr::LOCALHOST))
                .per_host_delay(Some(Duration::from_millis(50)))
                .build();
            (format!("http://{addr}/"), client)
        }
    };
    let client = match client {
        Ok(c) => c,
        Err(e) => return usage(&format!("cannot build the client: {e}")),
    };
    let pipeline = Pipeline::new(client).limit(limit);
    let read = match pipeline.read(&url, None).await {
        Ok(Poll::Feed(read)) => read,
        Ok(_) => {
            eprintln!("{url}: not modified");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            let err = if format == Format::Jsonl {
                json!({"feed_url": url, "url": null, "title": null, "published": null,
                       "authors": [], "text": null, "source": null, "error": e.to_string()})
                .to_string()
            } else {
                format!("error: {e}")
            };
            println!("{err}");
            return ExitCode::FAILURE;
        }
    };
    if let Some(page) = &read.discovered_from {
        eprintln!("found the feed {} on {page}", read.url);
    }
    let total = read.feed.entries.len().min(limit.unwrap_or(usize::MAX));
    let mut progress = Progress::new(total);
    let mut stream = pipeline.articles(&read.feed);
    let mut failures = 0;
    let stdout = std::io::stdout();
    while let Some(item) = stream.next().await {
        if item.is_err() {
            failures += 1;
        }
        progress.step(&item);
        let mut out = stdout.lock();
        let written = match format {
            Format::Jsonl => writeln!(out, "{}", jsonl(read.url.as_str(), &item)),
            Format::Text => write!(out, "{}", text(&item, Format::Text)),
            Format::Markdown => write!(out, "{}", text(&item, Format::Markdown)),
        };
        if written.is_err() {
            break;
        }
    }
    progress.finish(failures);
    ExitCode::SUCCESS
}

fn jsonl(feed_url: &str, item: &EntryResult) -> Value {
    match item {
        Ok(a) => json!({
            "feed_url": feed_url,
            "url": a.url.as_ref().map(|u| u.as_str()),
            "title": a.title,
            "published": a.published.map(|d| d.to_rfc3339()),
            "authors": a.authors,
            "categories": a.categories,
            "text": a.article.text,
            "source": a.source().name(),
            "reason": format!("{:?}", a.choice.reason),
            "page_error": a.page_error.as_ref().map(|e| e.to_string()),
            "removed": a.article.removed().len(),
            "error": null,
        }),
        Err(e) => {
            let entry = e.entry.as_deref();
            json!({
                "feed_url": feed_url,
                "url": entry.and_then(|x| x.link.as_ref()).map(|u| u.as_str()),
                "title": entry.and_then(|x| x.title.clone()),
                "published": entry.and_then(|x| x.published).map(|d| d.to_rfc3339()),
                "authors": entry.map(|x| x.authors.clone()).unwrap_or_default(),
                "categories": entry.map(|x| x.categories.clone()).unwrap_or_default(),
                "text": null,
                "source": null,
                "reason": null,
                "page_error": null,
                "removed": 0,
                "error": e.error.to_string(),
            })
        }
    }
}

fn text(item: &EntryResult, format: Format) -> String {
    match item {
        Ok(a) => {
            let mut s = format!("== {}\n", a.title.as_deref().unwrap_or("(untitled)"));
            let url = a.url.as_ref().map_or("", |u| u.as_str());
            let date = a.published.map(|d| d.to_rfc3339()).unwrap_or_default();
            s.push_str(&format!(
                "{url}\n{date}  {}  [{}: {:?}]\n",
                a.authors.join(", "),
                a.source().name(),
                a.choice.reason
            ));
            if let Some(e) = &a.page_error {
                s.push_str(&format!("(page not used: {e})\n"));
            }
            s.push('\n');
            s.push_str(if format == Format::Markdown {
                &a.article.markdown
            } else {
                &a.article.text
            });
            s.push_str("\n\n");
            s
        }
        Err(e) => format!("== error: {e}\n\n"),
    }
}

/// Progress on stderr: a redrawn bar on a terminal, a line per entry otherwise.
struct Progress {
    total: usize,
    done: usize,
    bar: bool,
}

impl Progress {
    fn new(total: usize) -> Self {
        let bar = std::io::stderr().is_terminal();
        let p = Progress {
            total,
            done: 0,
            bar,
        };
        p.draw("");
        p
    }

    fn step(&mut self, item: &EntryResult) {
        self.done += 1;
        let label = match item {
            Ok(a) => format!(
                "{} [{}]",
                a.title.as_deref().unwrap_or("(untitled)"),
                a.source().name()
            ),
            Err(e) => format!("error: {e}"),
        };
        self.draw(&label);
    }

    fn draw(&self, label: &str) {
        let mut err = std::io::stderr().lock();
        if self.bar {
            let width = 30;
            let filled = (self.done * width).checked_div(self.total).unwrap_or(width);
            let label: String = label.chars().take(60).collect();
            let _ = write!(
                err,
                "\r\x1b[2K[{}{}] {}/{} {label}",
                "#".repeat(filled),
                "-".repeat(width - filled),
                self.done,
                self.total
            );
            let _ = err.flush();
        } else if self.done > 0 {
            let _ = writeln!(err, "[{}/{}] {label}", self.done, self.total);
        } else {
            let _ = writeln!(err, "{} entries", self.total);
        }
    }

    fn finish(&self, failures: usize) {
        let mut err = std::io::stderr().lock();
        if self.bar {
            let _ = writeln!(err);
        }
        let _ = writeln!(
            err,
            "{} entries, {} articles, {failures} failed",
            self.done,
            self.done - failures
        );
    }
}

/// Serves [`SITE`] on 127.0.0.1 (a free port) until the process ends:
/// one request per connection, 404 for anything else.
async fn serve_site() -> std::io::Result<SocketAddr> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move {
        while let Ok((mut sock, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut buf = vec![0u8; 8192];
                let mut len = 0;
                while len < buf.len() {
                    match sock.read(&mut buf[len..]).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => len += n,
                    }
                    if buf[..len].windows(4).any(|w| w == b"\r\n\r\n") {
                        break;
                    }
                }
                let head = String::from_utf8_lossy(&buf[..len]);
                let path = head.split_whitespace().nth(1).unwrap_or("/");
                let path = path.split('?').next().unwrap_or("/");
                let response = match SITE.iter().find(|(p, _, _)| *p == path) {
                    Some((_, ct, body)) => {
                        let mut r = format!(
                            "HTTP/1.1 200 OK\r\nContent-Type: {ct}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                            body.len()
                        )
                        .into_bytes();
                        r.extend_from_slice(body);
                        r
                    }
                    None => b"HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 9\r\nConnection: close\r\n\r\nnot found"
                        .to_vec(),
                };
                let _ = sock.write_all(&response).await;
                let _ = sock.shutdown().await;
            });
        }
    });
    Ok(addr)
}
