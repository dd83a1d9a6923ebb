//! Extracts the article of every HTML page in WARC files, on every core.
//!
//! ```text
//! cargo run --release --features warc --example warc -- [--format jsonl|text] [--threads N] [--focus precision|balanced|recall] WARC...
//! ```
//!
//! WARC is a `.warc` or `.warc.gz` file (one gzip member per record, as
//! Common Crawl writes them, or one for the whole file). `--format jsonl`
//! (the default) prints one JSON object per HTML response with the same
//! fields as the `extract` example's jsonl (`source` is the WARC file),
//! plus `warc_date` and `warc_offset`; a record that is truncated or
//! corrupt, or a page that fails, gets its line with `error` set and the
//! run goes on. Lines come in the order pages finish, not file order.
//! Records that are not HTML responses with status 200 are skipped and
//! counted. Progress goes to stderr as a bar on a terminal; a summary
//! (records read, skipped by reason, articles, errors, docs/s) ends the run.

use std::fs::File;
use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use article_json::to_json;
use gleaner::warc::{Response, Skip, WarcCounts, WarcReader};
use gleaner::{Article, Config, Extractor, Focus};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::Value;

#[path = "common/article_json.rs"]
mod article_json;
#[path = "common/focus.rs"]
mod focus;

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Jsonl,
    Text,
}

/// A record read, on its way to a worker.
struct Job {
    source: Arc<str>,
    record: gleaner::Result<Response>,
}

/// What a worker made of a record.
struct Done {
    source: Arc<str>,
    date: Option<String>,
    offset: Option<u64>,
    result: Result<Article, String>,
    /// Whether the record itself was unreadable (else the page failed).
    record_error: bool,
}

fn main() -> ExitCode {
    let mut format = Format::Jsonl;
    let mut focus = Focus::Balanced;
    let mut threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--format" => {
                format = match args.next().as_deref() {
                    Some("jsonl") => Format::Jsonl,
                    Some("text") => Format::Text,
                    other => return usage(&format!("unknown format {other:?}")),
                }
            }
            "--focus" => match focus::parse(args.next().as_deref()) {
                Ok(f) => focus = f,
                Err(e) => return usage(&e),
            },
            "--threads" => match args.next().and_then(|n| n.parse().ok()) {
                Some(n) if n > 0 => threads = n,
                _ => return usage("--threads needs a positive number"),
            },
            "-h" | "--help" => return usage(""),
            _ => paths.push(arg),
        }
    }
    if paths.is_empty() {
        return usage("no WARC file given");
    }
    let total: u64 = paths
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    let read = Arc::new(AtomicU64::new(0));
    let bar = progress_bar(total);
    let started = Instant::now();
    let (jobs_tx, jobs_rx) = mpsc::sync_channel::<Job>(threads * 4);
    let (done_tx, done_rx) = mpsc::channel::<Done>();
    let reader = {
        let read = Arc::clone(&read);
        std::thread::spawn(move || read_all(&paths, &read, &jobs_tx))
    };
    let jobs_rx = Arc::new(Mutex::new(jobs_rx));
    let extractor = Extractor::new(Config::new().focus(focus));
    let workers: Vec<_> = (0..threads)
        .map(|_| {
            let (jobs, done, extractor) =
                (Arc::clone(&jobs_rx), done_tx.clone(), extractor.clone());
            std::thread::spawn(move || work(&jobs, &done, &extractor))
        })
        .collect();
    drop(done_tx);

    let (mut articles, mut page_errors, mut record_errors) = (0u64, 0u64, 0u64);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for done in done_rx {
        match (&done.result, done.record_error) {
            (Ok(_), _) => articles += 1,
            (Err(_), true) => record_errors += 1,
            (Err(_), false) => page_errors += 1,
        }
        if write(&mut out, format, &done).is_err() {
            break; // stdout closed
        }
        bar.set_position(read.load(Ordering::Relaxed));
        bar.set_message(format!("{articles} articles"));
    }
    let _ = out.flush();
    for w in workers {
        let _ = w.join();
    }
    let counts = match reader.join() {
        Ok(c) => c,
        Err(_) => return usage("the reader thread failed"),
    };
    bar.finish_and_clear();
    let seconds = started.elapsed().as_secs_f64();
    let skipped: Vec<String> = Skip::ALL
        .iter()
        .map(|&s| format!("{s} {}", counts.skipped(s)))
        .collect();
    eprintln!(
        "{} records read; skipped {} ({}); {articles} articles; {} errors ({record_errors} unreadable records, {page_errors} pages); \
         {seconds:.2} s, {:.1} docs/s on {threads} threads",
        counts.records,
        counts.skipped_total(),
        skipped.join(", "),
        record_errors + page_errors,
        (articles + page_errors) as f64 / seconds.max(1e-9),
    );
    ExitCode::SUCCESS
}

/// Reads every file in turn and queues its records; returns the counts of
/// all files.
fn read_all(paths: &[String], read: &Arc<AtomicU64>, jobs: &SyncSender<Job>) -> WarcCounts {
    let mut total = WarcCounts::default();
    for path in paths {
        let source: Arc<str> = Arc::from(path.as_str());
        let file = match File::open(path) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let counting = Counting {
            inner: file,
            read: Arc::clone(read),
        };
        let mut reader = WarcReader::new(counting).with_label(path.clone());
        for record in reader.by_ref() {
            let job = Job {
                source: Arc::clone(&source),
                record,
            };
            if jobs.send(job).is_err() {
                break;
            }
        }
        total += reader.counts();
    }
    total
}

/// Extracts the pages of the queued records until the queue closes.
fn work(jobs: &Mutex<Receiver<Job>>, done: &mpsc::Sender<Done>, extractor: &Extractor) {
    loop {
        let job = match jobs.lock() {
            Ok(rx) => match rx.recv() {
                Ok(job) => job,
                Err(_) => return,
            },
            Err(_) => return,
        };
        let result = match job.record {
            Ok(response) => Done {
                source: job.source,
                date: response.date.map(|d| d.to_rfc3339()),
                offset: Some(response.offset),
                result: extractor
                    .extract(&response.page())
                    .map_err(|e| e.to_string()),
                record_error: false,
            },
            Err(e) => Done {
                source: job.source,
                date: None,
                offset: match &e {
                    gleaner::Error::Warc { offset, .. } => Some(*offset),
                    _ => None,
                },
                result: Err(e.to_string()),
                record_error: true,
            },
        };
        if done.send(result).is_err() {
            return;
        }
    }
}

fn write(out: &mut impl Write, format: Format, done: &Done) -> std::io::Result<()> {
    match (format, &done.result) {
        (Format::Jsonl, r) => {
            let mut v = match r {
                Ok(a) => to_json(&done.source, Some(a), None),
                Err(e) => to_json(&done.source, None, Some(e)),
            };
            if let Value::Object(map) = &mut v {
                map.insert("warc_date".into(), done.date.clone().into());
                map.insert("warc_offset".into(), done.offset.into());
            }
            writeln!(out, "{v}")
        }
        (Format::Text, Ok(a)) => writeln!(out, "{}\n", a.text),
        (Format::Text, Err(e)) => {
            eprintln!("{}: {e}", done.source);
            Ok(())
        }
    }
}

/// A reader that counts the bytes read from the file, for the progress bar.
struct Counting {
    inner: File,
    read: Arc<AtomicU64>,
}

impl Read for Counting {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(out)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// A bar over the files' bytes on a terminal, nothing otherwise.
fn progress_bar(total: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden());
    }
    let bar = ProgressBar::new(total);
    if let Ok(style) =
        ProgressStyle::with_template("{bar:30} {bytes}/{total_bytes} {elapsed} {msg}")
    {
        bar.set_style(style);
    }
    bar
}

fn usage(problem: &str) -> ExitCode {
    if !problem.is_empty() {
        eprintln!("error: {problem}");
    }
    eprintln!(
        "usage: warc [--format jsonl|text] [--threads N] [--focus precision|balanced|recall] WARC...\n\
         WARC is a .warc or .warc.gz file"
    );
    if problem.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}
