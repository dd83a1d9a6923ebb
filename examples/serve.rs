//! The full-text feed service: any feed in, a clean full-text feed out.
//!
//! ```text
//! cargo run --release --features serve --example serve -- --listen 127.0.0.1:8080
//! curl 'http://127.0.0.1:8080/feed?url=https://example.com/feed.xml&format=rss'
//! ```
//!
//! Options (each default in brackets):
//!
//! - `--listen ADDR` [127.0.0.1:8080]
//! - `--key KEY`: requests must carry `key=KEY` (or `Authorization:
//!   Bearer KEY`); also read from `GLEANER_KEY` [none: open]
//! - `--allow-address IP`: admits one non-public upstream address, such
//!   as 127.0.0.1 for a local feed; repeatable [none]
//! - `--feed-ttl SECS`: how long an upstream feed read is used [300]
//! - `--max-concurrent N`, `--max-queued N`: requests worked on at once,
//!   and waiting, before a 503 [8, 64]
//! - `--max-items N`: most entries per feed [50]
//! - `--cache-entries N`, `--cache-mib N`: the article cache [2000, 64]
//! - `--per-host-delay-ms MS`, `--per-host-concurrency N`: upstream
//!   politeness per host [1000, 2]
//!
//! One line per request goes to stderr (`RUST_LOG` changes the level).

use std::net::{IpAddr, SocketAddr};
use std::process::ExitCode;
use std::time::Duration;

use gleaner::fetch::Client;
use gleaner::serve::{Service, Settings};

const USAGE: &str = "usage: serve [--listen ADDR] [--key KEY] [--allow-address IP]... \
[--feed-ttl SECS] [--max-concurrent N] [--max-queued N] [--max-items N] \
[--cache-entries N] [--cache-mib N] [--per-host-delay-ms MS] [--per-host-concurrency N]";

struct Options {
    listen: SocketAddr,
    allowed: Vec<IpAddr>,
    per_host_delay: Duration,
    per_host_concurrency: usize,
    settings: Settings,
}

fn number<T: std::str::FromStr>(name: &str, value: Option<String>) -> Result<T, String> {
    value
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| format!("{name} needs a number"))
}

fn parse() -> Result<Options, String> {
    let mut o = Options {
        listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
        allowed: Vec::new(),
        per_host_delay: Duration::from_secs(1),
        per_host_concurrency: 2,
        settings: Settings::new().key(std::env::var("GLEANER_KEY").ok()),
    };
    let (mut cache_entries, mut cache_mib) = (2000usize, 64usize);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let s = std::mem::take(&mut o.settings);
        o.settings = match arg.as_str() {
            "--listen" => {
                o.listen = args
                    .next()
                    .and_then(|a| a.parse().ok())
                    .ok_or("--listen needs an address such as 127.0.0.1:8080")?;
                s
            }
            "--key" => s.key(Some(args.next().ok_or("--key needs a value")?)),
            "--allow-address" => {
                let ip = args.next().and_then(|a| a.parse().ok());
                o.allowed
                    .push(ip.ok_or("--allow-address needs an IP address")?);
                s
            }
            "--feed-ttl" => s.feed_ttl(Duration::from_secs(number(&arg, args.next())?)),
            "--max-concurrent" => s.max_concurrent(number(&arg, args.next())?),
            "--max-queued" => s.max_queued(number(&arg, args.next())?),
            "--max-items" => s.max_items(number(&arg, args.next())?),
            "--cache-entries" => {
                cache_entries = number(&arg, args.next())?;
                s
            }
            "--cache-mib" => {
                cache_mib = number(&arg, args.next())?;
                s
            }
            "--per-host-delay-ms" => {
                o.per_host_delay = Duration::from_millis(number(&arg, args.next())?);
                s
            }
            "--per-host-concurrency" => {
                o.per_host_concurrency = number(&arg, args.next())?;
                s
            }
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown option {other}")),
        };
    }
    o.settings = std::mem::take(&mut o.settings).article_cache(cache_entries, cache_mib << 20);
    Ok(o)
}

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).init();
    let options = match parse() {
        Ok(o) => o,
        Err(problem) => {
            if !problem.is_empty() {
                eprintln!("error: {problem}");
            }
            eprintln!("{USAGE}");
            return if problem.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            };
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(options)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(o: Options) -> Result<(), Box<dyn std::error::Error>> {
    let mut client = Client::builder()
        .per_host_delay(Some(o.per_host_delay).filter(|d| !d.is_zero()))
        .per_host_concurrency(Some(o.per_host_concurrency).filter(|&n| n > 0));
    for ip in &o.allowed {
        client = client.allow_address(*ip);
    }
    let service = Service::new(client.build()?, o.settings);
    let listener = tokio::net::TcpListener::bind(o.listen).await?;
    eprintln!(
        "serving full-text feeds on http://{}/",
        listener.local_addr()?
    );
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    service.serve_until(listener, shutdown).await?;
    Ok(())
}
