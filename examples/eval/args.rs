//! Command-line options of the eval harness.

use std::path::PathBuf;

use gleaner::eval::{MemoryMode, DEFAULT_ROUNDS, DEFAULT_SEED};
use gleaner::Focus;

pub const USAGE: &str = "\
usage: eval DATASET [options]
       eval --compare A.json B.json
       eval metadata [DATASET] [--show CASE]

DATASET is a corpus directory (scrapinghub layout: ground-truth.json + html/;
readability layout: <case>/source.html + expected.html) or a segments JSON
file. Without it, $GLEANER_DATASETS/scrapinghub is used when that is set.

`eval metadata` scores the metadata (title, byline, language, site name,
published time) against a readability layout's expected-metadata.json
files (default ../shared/datasets/readability-dev); --show CASE prints
every metadata field of one page with its source.

options:
  --focus precision|balanced|recall|all   focus to run (default balanced)
  --worst N            list the N lowest-F1 documents (default 10)
  --explain ID         show what document ID kept and dropped against its truth
  --per-doc            list every document's P/R/F1
  --json               print the run(s) as JSON instead of text
  --predictions FILE   score another tool's JSON lines ({\"id\"|\"source\", \"text\"})
  --write-predictions FILE.jsonl  write gleaner's texts as JSON lines
  --save FILE.json     save the run (with --focus all: FILE-<focus>.json;
                       with --memory: FILE-<focus>.json, FILE-memory-<focus>.json)
  --compare A B        compare two saved runs (F1 difference, paired bootstrap)
  --jobs N             extraction threads (timing stays per-page, single-thread)
  --repeat N           time each page N times, keep the fastest (default 1)
  --memory two-pass|stream
                       also run with a site memory shared by the corpus's
                       pages (grouped by the host of their url): two-pass
                       learns every page first; stream learns in corpus order
                       (memory runs use one thread, pages in corpus order)
  --min-pages K        the memory's K (blocks seen on K pages of a host are
                       boilerplate; default: gleaner's default)
  --rounds N           bootstrap resamples (default 1000)
  --seed N             bootstrap seed
  --min-f1 X, --min-precision X, --min-recall X
                       exit 1 when a run falls below (CI gate)
  --max-ratio X        exit 1 when extraction takes more than X times
                       gleaner's own parse of the same pages (CI gate)
  --min-word-f1 X | TYPE=X
                       exit 1 when the word F1 (WCXB metric) of all pages,
                       or of the pages of TYPE, falls below X (repeatable)
  --max-empty N        exit 1 when more than N outputs are empty";

#[derive(Debug)]
pub struct Args {
    pub dataset: Option<PathBuf>,
    pub focuses: Vec<Focus>,
    pub worst: usize,
    pub explain: Option<String>,
    pub json: bool,
    pub per_doc: bool,
    pub predictions: Option<PathBuf>,
    pub save: Option<PathBuf>,
    pub write_predictions: Option<PathBuf>,
    pub compare: Option<(PathBuf, PathBuf)>,
    pub jobs: usize,
    pub memory: Option<MemoryMode>,
    pub min_pages: Option<u32>,
    pub repeat: usize,
    pub rounds: usize,
    pub seed: u64,
    pub min_f1: Option<f64>,
    pub min_precision: Option<f64>,
    pub min_recall: Option<f64>,
    pub max_ratio: Option<f64>,
    /// Word-F1 floors: `None` names all pages, `Some(type)` one page type.
    pub min_word_f1: Vec<(Option<String>, f64)>,
    pub max_empty: Option<usize>,
}

pub fn focus_name(f: Focus) -> &'static str {
    match f {
        Focus::Precision => "precision",
        Focus::Recall => "recall",
        _ => "balanced",
    }
}

pub fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        dataset: None,
        focuses: vec![Focus::Balanced],
        worst: 10,
        explain: None,
        json: false,
        per_doc: false,
        predictions: None,
        save: None,
        write_predictions: None,
        compare: None,
        jobs: 1,
        memory: None,
        min_pages: None,
        repeat: 1,
        rounds: DEFAULT_ROUNDS,
        seed: DEFAULT_SEED,
        min_f1: None,
        min_precision: None,
        min_recall: None,
        max_ratio: None,
        min_word_f1: Vec::new(),
        max_empty: None,
    };
    let mut it = std::env::args().skip(1);
    fn value(it: &mut impl Iterator<Item = String>, flag: &str) -> Result<String, String> {
        it.next().ok_or_else(|| format!("{flag} needs a value"))
    }
    fn number<T: std::str::FromStr>(s: String, flag: &str) -> Result<T, String> {
        s.parse()
            .map_err(|_| format!("{flag}: not a valid number: {s:?}"))
    }
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "-h" | "--help" => return Err(String::new()),
            "--focus" => {
                a.focuses = match value(&mut it, &arg)?.as_str() {
                    "precision" => vec![Focus::Precision],
                    "balanced" => vec![Focus::Balanced],
                    "recall" => vec![Focus::Recall],
                    "all" => vec![Focus::Precision, Focus::Balanced, Focus::Recall],
                    other => return Err(format!("--focus: unknown focus {other:?}")),
                }
            }
            "--worst" => a.worst = number(value(&mut it, &arg)?, &arg)?,
            "--explain" => a.explain = Some(value(&mut it, &arg)?),
            "--json" => a.json = true,
            "--per-doc" => a.per_doc = true,
            "--predictions" => a.predictions = Some(value(&mut it, &arg)?.into()),
            "--save" => a.save = Some(value(&mut it, &arg)?.into()),
            "--write-predictions" => a.write_predictions = Some(value(&mut it, &arg)?.into()),
            "--compare" => {
                let x = value(&mut it, &arg)?;
                let y = value(&mut it, &arg)?;
                a.compare = Some((x.into(), y.into()));
            }
            "--jobs" => a.jobs = number::<usize>(value(&mut it, &arg)?, &arg)?.max(1),
            "--memory" => {
                a.memory = match value(&mut it, &arg)?.as_str() {
                    "two-pass" => Some(MemoryMode::TwoPass),
                    "stream" => Some(MemoryMode::Stream),
                    other => return Err(format!("--memory: unknown mode {other:?}")),
                }
            }
            "--min-pages" => a.min_pages = Some(number(value(&mut it, &arg)?, &arg)?),
            "--repeat" => a.repeat = number::<usize>(value(&mut it, &arg)?, &arg)?.max(1),
            "--rounds" => a.rounds = number(value(&mut it, &arg)?, &arg)?,
            "--seed" => a.seed = number(value(&mut it, &arg)?, &arg)?,
            "--min-f1" => a.min_f1 = Some(number(value(&mut it, &arg)?, &arg)?),
            "--min-precision" => a.min_precision = Some(number(value(&mut it, &arg)?, &arg)?),
            "--min-recall" => a.min_recall = Some(number(value(&mut it, &arg)?, &arg)?),
            "--max-ratio" => a.max_ratio = Some(number(value(&mut it, &arg)?, &arg)?),
            "--min-word-f1" => {
                let v = value(&mut it, &arg)?;
                let floor = match v.split_once('=') {
                    Some((t, x)) => (Some(t.to_string()), number(x.to_string(), &arg)?),
                    None => (None, number(v, &arg)?),
                };
                a.min_word_f1.push(floor);
            }
            "--max-empty" => a.max_empty = Some(number(value(&mut it, &arg)?, &arg)?),
            s if s.starts_with('-') => return Err(format!("unknown option {s:?}")),
            _ if a.dataset.is_none() => a.dataset = Some(arg.into()),
            _ => return Err(format!("unexpected argument {arg:?}")),
        }
    }
    Ok(a)
}

pub fn memory_name(m: MemoryMode) -> &'static str {
    match m {
        MemoryMode::Stream => "stream",
        _ => "two-pass",
    }
}
