//! Extracts the article from each input and prints it.
//!
//! ```text
//! cargo run --release --example extract -- [--format text|markdown|html|json|jsonl] [--focus precision|balanced|recall] [--unread-content skip|parse] INPUT...
//! ```
//!
//! INPUT is a file path (`.gz` files are read gunzipped), `-` for stdin,
//! or an `http://` / `https://` URL, fetched with the default
//! [`gleaner::fetch::Client`] (robots.txt, per-host politeness and the
//! address guard on; `--allow-address IP` admits one non-public address,
//! such as 127.0.0.1 for a local server).
//! `--format jsonl` prints exactly one JSON object per input on its own
//! line with "source", "url", "title", "text", "error" and the other
//! article fields; a failing input gets its line with the error and the
//! run goes on. The metadata fields have stable names: "title", "authors"
//! (a list), "byline" (the credit line as printed, or null), "published"
//! and "modified" (RFC 3339 or null), "site_name",
//! "language", "description", "canonical_url", "image", "tags" (a list),
//! "paywalled", and "meta_sources" (where each came from).
//! `--unread-content parse` parses scripts, style sheets, comments and
//! drawings instead of skipping them (the output should not change).

use std::io::{Read, Write};
use std::process::ExitCode;

use article_json::to_json;
use gleaner::{Article, Config, Extractor, Focus, Page, UnreadContent};

#[path = "common/article_json.rs"]
mod article_json;
#[path = "common/focus.rs"]
mod focus;

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Text,
    Markdown,
    Html,
    Json,
    Jsonl,
}

fn main() -> ExitCode {
    env_logger::init();
    let mut format = Format::Text;
    let mut focus = Focus::Balanced;
    let mut unread = UnreadContent::Skip;
    let mut url: Option<String> = None;
    let mut allowed: Vec<std::net::IpAddr> = Vec::new();
    let mut inputs = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--format" => {
                format = match args.next().as_deref() {
                    Some("text") => Format::Text,
                    Some("markdown") | Some("md") => Format::Markdown,
                    Some("html") => Format::Html,
                    Some("json") => Format::Json,
                    Some("jsonl") => Format::Jsonl,
                    other => return usage(&format!("unknown format {other:?}")),
                }
            }
            "--focus" => match focus::parse(args.next().as_deref()) {
                Ok(f) => focus = f,
                Err(e) => return usage(&e),
            },
            "--unread-content" => {
                unread = match args.next().as_deref() {
                    Some("skip") => UnreadContent::Skip,
                    Some("parse") => UnreadContent::Parse,
                    other => return usage(&format!("unknown unread-content {other:?}")),
                }
            }
            "--url" => url = args.next(),
            "--allow-address" => match args.next().and_then(|a| a.parse().ok()) {
                Some(ip) => allowed.push(ip),
                None => return usage("--allow-address needs an IP address"),
            },
            "-h" | "--help" => return usage(""),
            _ => inputs.push(arg),
        }
    }
    if inputs.is_empty() {
        return usage("no input given");
    }
    let extractor = Extractor::new(Config::new().focus(focus).unread_content(unread));
    let fetcher = match Fetcher::new(&inputs, &allowed, &extractor) {
        Ok(f) => f,
        Err(e) => return usage(&e),
    };
    let mut failed = false;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for input in &inputs {
        let result = if is_url(input) {
            fetcher.article(input)
        } else {
            read(input).and_then(|bytes| {
                let mut page = Page::bytes(bytes).with_label(input.clone());
                if let Some(u) = &url {
                    page = page.with_url(u).map_err(|e| e.to_string())?;
                }
                extractor.extract(&page).map_err(|e| e.to_string())
            })
        };
        let written = match (&result, format) {
            (Ok(a), Format::Text) => writeln!(out, "{}", a.text),
            (Ok(a), Format::Markdown) => writeln!(out, "{}", a.markdown),
            (Ok(a), Format::Html) => writeln!(out, "{}", a.html),
            (Ok(a), Format::Json) => writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&to_json(input, Some(a), None)).unwrap_or_default()
            ),
            (r, Format::Jsonl) => {
                let v = match r {
                    Ok(a) => to_json(input, Some(a), None),
                    Err(e) => to_json(input, None, Some(e)),
                };
                writeln!(out, "{v}")
            }
            (Err(e), _) => {
                eprintln!("{input}: {e}");
                Ok(())
            }
        };
        if result.is_err() {
            failed = true;
        }
        if written.is_err() {
            break; // stdout closed
        }
    }
    if failed && format != Format::Jsonl {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn is_url(input: &str) -> bool {
    input.starts_with("http://") || input.starts_with("https://")
}

/// Fetches URL inputs: one client and one runtime, made only when an input
/// is a URL.
struct Fetcher {
    #[cfg(feature = "fetch")]
    inner: Option<(tokio::runtime::Runtime, gleaner::fetch::Client)>,
}

impl Fetcher {
    #[cfg(feature = "fetch")]
    fn new(
        inputs: &[String],
        allowed: &[std::net::IpAddr],
        extractor: &Extractor,
    ) -> Result<Self, String> {
        if !inputs.iter().any(|i| is_url(i)) {
            return Ok(Fetcher { inner: None });
        }
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .map_err(|e| e.to_string())?;
        let mut builder = gleaner::fetch::Client::builder().extractor(extractor.clone());
        for ip in allowed {
            builder = builder.allow_address(*ip);
        }
        let client = builder.build().map_err(|e| chain(&e))?;
        Ok(Fetcher {
            inner: Some((runtime, client)),
        })
    }

    #[cfg(not(feature = "fetch"))]
    fn new(inputs: &[String], _: &[std::net::IpAddr], _: &Extractor) -> Result<Self, String> {
        match inputs.iter().find(|i| is_url(i)) {
            Some(u) => Err(format!("{u}: built without the `fetch` feature")),
            None => Ok(Fetcher {}),
        }
    }

    #[cfg(feature = "fetch")]
    fn article(&self, url: &str) -> Result<Article, String> {
        let (runtime, client) = self.inner.as_ref().ok_or("no client")?;
        runtime.block_on(client.article(url)).map_err(|e| chain(&e))
    }

    #[cfg(not(feature = "fetch"))]
    fn article(&self, url: &str) -> Result<Article, String> {
        Err(format!("{url}: built without the `fetch` feature"))
    }
}

/// An error with its causes, `outer: inner: innermost`.
#[cfg_attr(not(feature = "fetch"), allow(dead_code))]
fn chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cur = c.source();
    }
    text
}

fn read(input: &str) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    if input == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("stdin: {e}"))?;
        return Ok(bytes);
    }
    let file = std::fs::File::open(input).map_err(|e| format!("{input}: {e}"))?;
    if input.ends_with(".gz") {
        flate2::read::GzDecoder::new(file)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("{input}: {e}"))?;
    } else {
        std::io::BufReader::new(file)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("{input}: {e}"))?;
    }
    Ok(bytes)
}

fn usage(problem: &str) -> ExitCode {
    if !problem.is_empty() {
        eprintln!("error: {problem}");
    }
    eprintln!(
        "usage: extract [--format text|markdown|html|json|jsonl] [--focus precision|balanced|recall] [--unread-content skip|parse] [--url URL] [--allow-address IP] INPUT...\n\
         INPUT is a file path (.gz read gunzipped), - for stdin, or an http(s) URL"
    );
    if problem.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}
