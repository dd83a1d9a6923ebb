//! Running gleaner over a corpus: outputs, per-page timings, and the
//! parse-only floors that put the timings in proportion.

use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use serde::{Deserialize, Serialize};

use super::dataset::Dataset;
use super::report::DocResult;
use super::Result;
use crate::dom::Dom;
use crate::{Config, Extractor, Focus, MemorySettings, Page, SiteMemory};

/// Speed of extraction against parsing alone, on the same pages, with two
/// parsers: scraper's full parse, and gleaner's own parse (the one
/// extraction starts with). The gate, [`Timing::gleaner_ratio`], divides
/// by gleaner's own parse, so it measures what extraction adds to it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Timing {
    /// Pages timed.
    pub docs: usize,
    /// Sum over pages of the time spent in `Extractor::extract` (charset
    /// decoding included, reading and gunzipping excluded), each page on
    /// one thread.
    pub extract_seconds: f64,
    /// Sum over pages of a single-threaded run that only decodes the bytes
    /// (`String::from_utf8_lossy`, not gleaner's charset detection) and
    /// builds the DOM with `scraper::Html::parse_document`: every byte
    /// parsed, no limits.
    pub parse_seconds: f64,
    /// The same with gleaner's own parse in place of scraper's: the
    /// document (tree and node arena) as extraction gets it, within the
    /// configuration's limits and with its
    /// [`UnreadContent`](crate::UnreadContent) setting (unread bodies
    /// skipped by default). 0 in reports written before it was measured.
    #[serde(default)]
    pub gleaner_parse_seconds: f64,
    /// Threads the extraction ran on (above 1 and without `repeat`,
    /// per-page times may include some contention for cores).
    pub threads: usize,
    /// Timed runs per page; each page counts with its fastest.
    #[serde(default = "one")]
    pub repeat: usize,
}

fn one() -> usize {
    1
}

impl Timing {
    /// Pages per second of extraction on one thread.
    pub fn docs_per_sec(&self) -> f64 {
        per_sec(self.docs, self.extract_seconds)
    }

    /// Pages per second of scraper's parse.
    pub fn parse_docs_per_sec(&self) -> f64 {
        per_sec(self.docs, self.parse_seconds)
    }

    /// Pages per second of gleaner's own parse.
    pub fn gleaner_parse_docs_per_sec(&self) -> f64 {
        per_sec(self.docs, self.gleaner_parse_seconds)
    }

    /// Extraction time over gleaner's own parse time: what the stages
    /// after parsing cost, in parses (the gated ratio).
    pub fn gleaner_ratio(&self) -> f64 {
        ratio(self.extract_seconds, self.gleaner_parse_seconds)
    }

    /// Extraction time over scraper's full parse time: the cost of
    /// extraction against parsing the page with the plain parser.
    pub fn scraper_ratio(&self) -> f64 {
        ratio(self.extract_seconds, self.parse_seconds)
    }
}

fn ratio(time: f64, floor: f64) -> f64 {
    if floor > 0.0 {
        time / floor
    } else {
        0.0
    }
}

fn per_sec(n: usize, s: f64) -> f64 {
    if s > 0.0 {
        n as f64 / s
    } else {
        0.0
    }
}

/// gleaner's output for one page.
#[derive(Debug, Clone, Default)]
pub struct Output {
    /// The article text (empty on error).
    pub text: String,
    /// Seconds in `extract`.
    pub seconds: f64,
    /// The error, when extraction refused the page.
    pub error: Option<String>,
    /// The page type gleaner read.
    pub page_type: Option<crate::PageType>,
}

/// Reads every page of the corpus into memory (gunzipped), in corpus order.
pub fn load_pages(dataset: &Dataset) -> Result<Vec<Vec<u8>>> {
    dataset.docs.iter().map(|d| d.read_html()).collect()
}

/// A page with its base URL; an unparsable URL is logged and left out.
pub fn page<'a>(bytes: &'a [u8], url: Option<&str>) -> Page<'a> {
    let page = Page::bytes(bytes);
    match url {
        Some(u) => match page.clone().with_url(u) {
            Ok(p) => p,
            Err(e) => {
                log::warn!("ignoring base url: {e}");
                page
            }
        },
        None => page,
    }
}

fn extract_one(extractor: &Extractor, bytes: &[u8], url: Option<&str>) -> Output {
    let page = page(bytes, url);
    let start = Instant::now();
    let result = extractor.extract(&page);
    let seconds = start.elapsed().as_secs_f64();
    match result {
        Ok(article) => Output {
            text: article.text,
            seconds,
            error: None,
            page_type: Some(article.page_type),
        },
        Err(e) => {
            log::warn!("extraction failed: {e}");
            Output {
                text: String::new(),
                seconds,
                error: Some(e.to_string()),
                page_type: None,
            }
        }
    }
}

/// Extracts every page with `focus` on `jobs` threads (at least one);
/// `progress` is called with the number of pages done so far.
pub fn extract_all(
    dataset: &Dataset,
    pages: &[Vec<u8>],
    focus: Focus,
    jobs: usize,
    progress: &(dyn Fn(usize) + Sync),
) -> Vec<Output> {
    let extractor = Extractor::new(Config::new().focus(focus));
    let n = pages.len().min(dataset.docs.len());
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let slots: Mutex<Vec<Output>> = Mutex::new(vec![Output::default(); n]);
    std::thread::scope(|s| {
        for _ in 0..jobs.clamp(1, n.max(1)) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= n {
                    break;
                }
                let out = extract_one(&extractor, &pages[i], dataset.docs[i].url.as_deref());
                if let Ok(mut v) = slots.lock() {
                    v[i] = out;
                }
                progress(done.fetch_add(1, Ordering::Relaxed) + 1);
            });
        }
    });
    slots.into_inner().unwrap_or_else(|e| e.into_inner())
}

/// Times the two parse-only floors on one thread, page after page:
/// scraper's parse and gleaner's own (with `config`'s limits and
/// unread-content setting), each the fastest of `repeat` (at least one)
/// decode-and-parse runs, summed. In the rounds after the first, each
/// page's extraction is timed again too, right before its floors, and its
/// output's time lowered to the fastest: a busy spell of the machine then
/// weighs on extraction and floors alike, and their ratios hold.
pub fn time_floors(
    dataset: &Dataset,
    pages: &[Vec<u8>],
    config: &Config,
    repeat: usize,
    outputs: &mut [Output],
) -> (f64, f64) {
    let extractor = Extractor::new(config.clone());
    let time = |parse: &dyn Fn()| {
        let start = Instant::now();
        parse();
        start.elapsed().as_secs_f64()
    };
    let mut floors = (0.0, 0.0);
    for ((doc, bytes), out) in dataset.docs.iter().zip(pages).zip(outputs.iter_mut()) {
        let (mut scraper, mut gleaner) = (f64::INFINITY, f64::INFINITY);
        for round in 0..repeat.max(1) {
            if round > 0 {
                let again = extract_one(&extractor, bytes, doc.url.as_deref());
                out.seconds = out.seconds.min(again.seconds);
            }
            scraper = scraper.min(time(&|| {
                black_box(scraper::Html::parse_document(&String::from_utf8_lossy(
                    bytes,
                )));
            }));
            gleaner = gleaner.min(time(&|| {
                let text = String::from_utf8_lossy(bytes);
                black_box(Dom::parse_with(&text, &config.limits, config.unread));
            }));
        }
        floors.0 += scraper;
        floors.1 += gleaner;
    }
    floors
}

/// Scores gleaner's outputs, in corpus order.
pub fn score(dataset: &Dataset, outputs: &[Output]) -> Vec<DocResult> {
    dataset
        .docs
        .iter()
        .zip(outputs)
        .map(|(doc, out)| {
            let mut r = DocResult::scored(doc, &out.text, Some(out.seconds), out.error.clone());
            r.read_type = out.page_type.map(|t| t.name().to_string());
            r
        })
        .collect()
}

/// Scores texts given per id (another tool's predictions); a page without
/// a prediction counts as empty output and is logged.
pub fn score_texts(
    dataset: &Dataset,
    texts: &std::collections::HashMap<String, String>,
) -> Vec<DocResult> {
    dataset
        .docs
        .iter()
        .map(|doc| {
            let text = texts.get(&doc.id).map(String::as_str).unwrap_or_else(|| {
                log::warn!("no prediction for {}", doc.id);
                ""
            });
            DocResult::scored(doc, text, None, None)
        })
        .collect()
}

/// Runs gleaner over the whole corpus on `jobs` threads and times it;
/// with `repeat` above 1, each page's time (extraction and parse baseline)
/// is the fastest of that many single-threaded runs.
pub fn run(
    dataset: &Dataset,
    focus: Focus,
    jobs: usize,
    repeat: usize,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<(Vec<Output>, Timing)> {
    let pages = load_pages(dataset)?;
    let mut outputs = extract_all(dataset, &pages, focus, jobs, progress);
    let (parse_seconds, gleaner_parse_seconds) = time_floors(
        dataset,
        &pages,
        &Config::new().focus(focus),
        repeat,
        &mut outputs,
    );
    let timing = Timing {
        docs: outputs.len(),
        extract_seconds: outputs.iter().map(|o| o.seconds).sum(),
        parse_seconds,
        gleaner_parse_seconds,
        threads: jobs.max(1),
        repeat: repeat.max(1),
    };
    Ok((outputs, timing))
}

/// How the pages of a corpus share a [`SiteMemory`] during a run. One
/// memory serves the whole corpus; it keys what it learns by host, so the
/// pages are in effect grouped by the host of their `url`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum MemoryMode {
    /// Learn every page first, then extract each (a feed read as a batch).
    TwoPass,
    /// Extract the pages one by one in corpus order, each learning as it
    /// goes (only the pages before it, and itself, are known).
    Stream,
}

/// Extracts every page with a site memory shared by all pages, on one
/// thread (the order matters when streaming). A page's time includes its
/// learning pass.
pub fn extract_all_with_memory(
    dataset: &Dataset,
    pages: &[Vec<u8>],
    focus: Focus,
    mode: MemoryMode,
    settings: MemorySettings,
    progress: &(dyn Fn(usize) + Sync),
) -> Vec<Output> {
    let memory = Arc::new(SiteMemory::with_settings(settings));
    let extractor = Extractor::new(Config::new().focus(focus)).with_memory(memory);
    let n = pages.len().min(dataset.docs.len());
    let mut learn_seconds = vec![0.0; n];
    if mode == MemoryMode::TwoPass {
        for (i, secs) in learn_seconds.iter_mut().enumerate() {
            let page = page(&pages[i], dataset.docs[i].url.as_deref());
            let start = Instant::now();
            if let Err(e) = extractor.learn(&page) {
                log::warn!("learning failed: {e}");
            }
            *secs = start.elapsed().as_secs_f64();
        }
    }
    (0..n)
        .map(|i| {
            let mut out = extract_one(&extractor, &pages[i], dataset.docs[i].url.as_deref());
            out.seconds += learn_seconds[i];
            progress(i + 1);
            out
        })
        .collect()
}

/// [`run`] with a site memory shared by all pages, on one thread (the
/// order matters when streaming); a page's time includes its learning
/// pass, and each page is timed once.
pub fn run_with_memory(
    dataset: &Dataset,
    focus: Focus,
    mode: MemoryMode,
    settings: MemorySettings,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<(Vec<Output>, Timing)> {
    let pages = load_pages(dataset)?;
    let mut outputs = extract_all_with_memory(dataset, &pages, focus, mode, settings, progress);
    let (parse_seconds, gleaner_parse_seconds) = time_floors(
        dataset,
        &pages,
        &Config::new().focus(focus),
        1,
        &mut outputs,
    );
    let timing = Timing {
        docs: outputs.len(),
        extract_seconds: outputs.iter().map(|o| o.seconds).sum(),
        parse_seconds,
        gleaner_parse_seconds,
        threads: 1,
        repeat: 1,
    };
    Ok((outputs, timing))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both floors are timed on every page, and the rounds after the first
    /// time extraction again, keeping each page's fastest.
    #[test]
    fn floors_and_extraction_are_timed_page_by_page() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/eval/articles");
        let dataset = Dataset::open(dir).unwrap();
        let pages = load_pages(&dataset).unwrap();
        assert!(!pages.is_empty());
        let config = Config::new();
        let slow = |_| Output {
            seconds: 1e9,
            ..Output::default()
        };
        for (repeat, retimed) in [(1, false), (3, true)] {
            let mut outputs: Vec<_> = pages.iter().map(slow).collect();
            let (scraper, gleaner) = time_floors(&dataset, &pages, &config, repeat, &mut outputs);
            assert!(scraper > 0.0 && gleaner > 0.0, "{scraper} {gleaner}");
            assert!(
                outputs.iter().all(|o| (o.seconds < 1e9) == retimed),
                "repeat {repeat}"
            );
        }
    }

    #[test]
    fn each_ratio_divides_by_its_own_floor() {
        let t = Timing {
            docs: 12,
            extract_seconds: 3.0,
            parse_seconds: 2.0,
            gleaner_parse_seconds: 1.5,
            threads: 1,
            repeat: 1,
        };
        assert_eq!(t.gleaner_ratio(), 2.0);
        assert_eq!(t.scraper_ratio(), 1.5);
        assert_eq!(t.gleaner_parse_docs_per_sec(), 8.0);
        assert_eq!(t.parse_docs_per_sec(), 6.0);
        // A report written before gleaner's floor was measured reads it
        // as 0, and its ratio as 0 rather than a division by zero.
        let old: Timing = serde_json::from_str(
            r#"{"docs":1,"extract_seconds":1.0,"parse_seconds":1.0,"threads":1}"#,
        )
        .unwrap();
        assert_eq!((old.gleaner_parse_seconds, old.gleaner_ratio()), (0.0, 0.0));
    }
}
