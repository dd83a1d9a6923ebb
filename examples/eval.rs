//! Scores gleaner (or another tool's saved output) against a corpus with
//! reference answers, and times it.
//!
//! ```text
//! cargo run --release --features eval --example eval -- ../shared/datasets/scrapinghub
//! ```
//!
//! Run with `--help` for the options. Exit codes: 0 ok, 1 a `--min-*` gate
//! failed, 2 bad usage or unreadable input.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use gleaner::eval::bootstrap::{DEFAULT_ROUNDS, DEFAULT_SEED};
use gleaner::eval::explain::explain;
use gleaner::eval::report::{compare, Comparison};
use gleaner::eval::{predictions, runner, Dataset, EvalError, Format, Run};
use gleaner::{Config, Extractor, Focus};

const USAGE: &str = "\
usage: eval DATASET [options]
       eval --compare A.json B.json

DATASET is a corpus directory (scrapinghub layout: ground-truth.json + html/;
readability layout: <case>/source.html + expected.html) or a segments JSON
file. Without it, $GLEANER_DATASETS/scrapinghub is used when that is set.

options:
  --focus precision|balanced|recall|all   focus to run (default balanced)
  --worst N            list the N lowest-F1 documents (default 10)
  --explain ID         show what document ID kept and dropped against its truth
  --per-doc            list every document's P/R/F1
  --json               print the run(s) as JSON instead of text
  --predictions FILE   score another tool's JSON lines ({\"id\"|\"source\", \"text\"})
  --write-predictions FILE.jsonl  write gleaner's texts as JSON lines
  --save FILE.json     save the run (with --focus all: FILE-<focus>.json)
  --compare A B        compare two saved runs (F1 difference, paired bootstrap)
  --jobs N             extraction threads (timing stays per-page, single-thread)
  --repeat N           time each page N times, keep the fastest (default 1)
  --rounds N           bootstrap resamples (default 1000)
  --seed N             bootstrap seed
  --min-f1 X, --min-precision X, --min-recall X
                       exit 1 when a run falls below (CI gate)";

#[derive(Debug)]
struct Args {
    dataset: Option<PathBuf>,
    focuses: Vec<Focus>,
    worst: usize,
    explain: Option<String>,
    json: bool,
    per_doc: bool,
    predictions: Option<PathBuf>,
    save: Option<PathBuf>,
    write_predictions: Option<PathBuf>,
    compare: Option<(PathBuf, PathBuf)>,
    jobs: usize,
    repeat: usize,
    rounds: usize,
    seed: u64,
    min_f1: Option<f64>,
    min_precision: Option<f64>,
    min_recall: Option<f64>,
}

fn focus_name(f: Focus) -> &'static str {
    match f {
        Focus::Precision => "precision",
        Focus::Recall => "recall",
        _ => "balanced",
    }
}

fn parse_args() -> Result<Args, String> {
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
        repeat: 1,
        rounds: DEFAULT_ROUNDS,
        seed: DEFAULT_SEED,
        min_f1: None,
        min_precision: None,
        min_recall: None,
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
            "--repeat" => a.repeat = number::<usize>(value(&mut it, &arg)?, &arg)?.max(1),
            "--rounds" => a.rounds = number(value(&mut it, &arg)?, &arg)?,
            "--seed" => a.seed = number(value(&mut it, &arg)?, &arg)?,
            "--min-f1" => a.min_f1 = Some(number(value(&mut it, &arg)?, &arg)?),
            "--min-precision" => a.min_precision = Some(number(value(&mut it, &arg)?, &arg)?),
            "--min-recall" => a.min_recall = Some(number(value(&mut it, &arg)?, &arg)?),
            s if s.starts_with('-') => return Err(format!("unknown option {s:?}")),
            _ if a.dataset.is_none() => a.dataset = Some(arg.into()),
            _ => return Err(format!("unexpected argument {arg:?}")),
        }
    }
    Ok(a)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(msg) if msg.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(msg) => {
            eprintln!("error: {msg}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// Runs what the arguments ask; `Ok(false)` when a gate failed.
fn run(args: &Args) -> Result<bool, EvalError> {
    if let Some((a, b)) = &args.compare {
        let (ra, rb) = (Run::load(a)?, Run::load(b)?);
        let c = compare(&ra, &rb, args.rounds, args.seed)?;
        if args.json {
            println!("{}", serde_json::to_string_pretty(&c).unwrap_or_default());
        } else {
            print_comparison(&ra, &rb, &c, args.worst);
        }
        return Ok(true);
    }
    let path = match (&args.dataset, std::env::var_os("GLEANER_DATASETS")) {
        (Some(p), _) => p.clone(),
        (None, Some(root)) => Path::new(&root).join("scrapinghub"),
        (None, None) => {
            return Err(EvalError::Mismatch(
                "no dataset given (pass a directory or set GLEANER_DATASETS)".into(),
            ))
        }
    };
    let dataset = Dataset::open(&path)?;
    if let Some(id) = &args.explain {
        if dataset.get(id).is_none() {
            return Err(EvalError::Mismatch(format!(
                "no document {id:?} in {}",
                path.display()
            )));
        }
    }
    let mut runs = Vec::new();
    if let Some(pred_path) = &args.predictions {
        let texts = predictions::read(pred_path)?;
        let unknown = texts.keys().filter(|id| dataset.get(id).is_none()).count();
        let missing = dataset
            .docs
            .iter()
            .filter(|d| !texts.contains_key(&d.id))
            .count();
        if unknown + missing > 0 {
            eprintln!(
                "warning: {missing} documents have no prediction (scored as empty), \
                 {unknown} predictions match no document"
            );
        }
        let docs = runner::score_texts(&dataset, &texts);
        let label = format!("predictions {}", pred_path.display());
        runs.push((
            Run::new(label, &dataset, docs, None, args.rounds, args.seed)?,
            texts,
        ));
    } else {
        for &focus in &args.focuses {
            let name = focus_name(focus);
            let total = dataset.docs.len();
            let tty = std::io::stderr().is_terminal();
            let progress = move |done: usize| {
                if tty {
                    eprint!("\r{name}: {done}/{total}");
                    let _ = std::io::stderr().flush();
                }
            };
            let (outputs, timing) =
                runner::run(&dataset, focus, args.jobs, args.repeat, &progress)?;
            if tty {
                eprint!("\r\x1b[K");
            }
            let docs = runner::score(&dataset, &outputs);
            let texts: HashMap<String, String> = dataset
                .docs
                .iter()
                .zip(outputs)
                .map(|(d, o)| (d.id.clone(), o.text))
                .collect();
            let label = format!("gleaner focus={name}");
            let run = Run::new(label, &dataset, docs, Some(timing), args.rounds, args.seed)?;
            runs.push((run, texts));
        }
    }
    if let Some(save) = &args.save {
        for (run, _) in &runs {
            let path = per_run_path(save, run, runs.len(), "json");
            run.save(&path)?;
            eprintln!("saved {}", path.display());
        }
    }
    if let Some(out) = &args.write_predictions {
        for (run, texts) in &runs {
            let path = per_run_path(out, run, runs.len(), "jsonl");
            let mut lines = String::new();
            for doc in &dataset.docs {
                let text = texts.get(&doc.id).map(String::as_str).unwrap_or("");
                let line = serde_json::json!({ "id": doc.id, "text": text });
                lines.push_str(&line.to_string());
                lines.push('\n');
            }
            std::fs::write(&path, lines).map_err(|e| EvalError::Io {
                path: path.clone(),
                source: e,
            })?;
            eprintln!("wrote {}", path.display());
        }
    }
    if args.json {
        let all: Vec<&Run> = runs.iter().map(|(r, _)| r).collect();
        let json = if all.len() == 1 {
            serde_json::to_string_pretty(all[0])
        } else {
            serde_json::to_string_pretty(&all)
        };
        println!("{}", json.unwrap_or_default());
    } else {
        print_header(&dataset);
        for (run, texts) in &runs {
            print_run(run, args);
            if let Some(id) = &args.explain {
                print_explanation(
                    &dataset,
                    id,
                    run,
                    texts,
                    &args.focuses,
                    args.predictions.is_some(),
                );
            }
        }
    }
    Ok(gate(&runs.iter().map(|(r, _)| r).collect::<Vec<_>>(), args))
}

/// `path` itself for a single run, else `<stem>-<focus>.<ext>` beside it.
fn per_run_path(path: &Path, run: &Run, runs: usize, ext: &str) -> PathBuf {
    if runs <= 1 {
        return path.to_path_buf();
    }
    let focus = run.label.rsplit('=').next().unwrap_or("run");
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    path.with_file_name(format!("{stem}-{focus}.{ext}"))
}

fn gate(runs: &[&Run], args: &Args) -> bool {
    let mut ok = true;
    for run in runs {
        let m = run.summary.metrics;
        for (what, value, min) in [
            ("F1", m.f1, args.min_f1),
            ("precision", m.precision, args.min_precision),
            ("recall", m.recall, args.min_recall),
        ] {
            if let Some(min) = min {
                if value < min {
                    eprintln!(
                        "GATE FAILED: {}: {what} {value:.4} is below the minimum {min:.4}",
                        run.label
                    );
                    ok = false;
                }
            }
        }
    }
    ok
}

fn print_header(dataset: &Dataset) {
    let metric = match dataset.format {
        Format::Segments => "segment metric: found/missing snippets",
        _ => "shingle metric: 4-token shingles, per-document means",
    };
    println!(
        "dataset  {} ({} documents, {metric})",
        dataset.root.display(),
        dataset.docs.len()
    );
}

fn print_run(run: &Run, args: &Args) {
    let s = &run.summary;
    let (m, d) = (s.metrics, s.std);
    println!("\n{}", run.label);
    println!("  F1         {:.4} ± {:.4}", m.f1, d.f1);
    println!("  precision  {:.4} ± {:.4}", m.precision, d.precision);
    println!("  recall     {:.4} ± {:.4}", m.recall, d.recall);
    println!("  accuracy   {:.4} ± {:.4}", m.accuracy, d.accuracy);
    println!(
        "  (± = bootstrap std dev, {} resamples, seed {})",
        s.rounds, s.seed
    );
    let empty: Vec<&str> = run
        .docs
        .iter()
        .filter(|r| r.empty)
        .map(|r| r.id.as_str())
        .collect();
    println!(
        "  empty output: {} of {} documents{}",
        empty.len(),
        s.docs,
        list(&empty)
    );
    if s.errors > 0 {
        let failed: Vec<String> = run
            .docs
            .iter()
            .filter_map(|r| r.error.as_ref().map(|e| format!("{}: {e}", r.id)))
            .collect();
        println!(
            "  extraction errors: {}{}",
            s.errors,
            list(&failed.iter().map(String::as_str).collect::<Vec<_>>())
        );
    }
    if let Some(t) = &run.timing {
        let mut how = String::from("one thread, sum of per-page decode+extract times");
        if t.repeat > 1 {
            how += &format!(", fastest of {} runs per page", t.repeat);
        } else if t.threads > 1 {
            how += &format!(", pages spread over {} threads", t.threads);
        }
        println!("  speed: {:.1} docs/s extraction ({how})", t.docs_per_sec());
        println!(
            "         {:.1} docs/s parse only (same pages, one thread: String::from_utf8_lossy \
             + scraper::Html::parse_document, no charset detection)",
            t.parse_docs_per_sec()
        );
        println!("         extraction time / parse time = {:.2}", t.ratio());
    }
    let rows: Vec<_> = if args.per_doc {
        run.docs.iter().collect()
    } else {
        run.worst(args.worst)
    };
    if !rows.is_empty() {
        println!(
            "  {}:",
            if args.per_doc {
                "per document".to_string()
            } else {
                format!("{} worst", rows.len())
            }
        );
        println!("      F1      P      R  id");
        for r in rows {
            let f = |x: Option<f64>| x.map_or("     -".to_string(), |v| format!("{v:6.3}"));
            println!(
                "  {:6.3} {} {}  {}{}",
                r.score.f1(),
                f(r.score.precision()),
                f(r.score.recall()),
                r.id,
                if r.empty { "  (empty)" } else { "" }
            );
        }
    }
}

fn list(items: &[&str]) -> String {
    match items.len() {
        0 => String::new(),
        n if n <= 5 => format!(": {}", items.join(", ")),
        n => format!(
            ": {}, … ({} more; --per-doc lists all)",
            items[..5].join(", "),
            n - 5
        ),
    }
}

fn print_explanation(
    dataset: &Dataset,
    id: &str,
    run: &Run,
    texts: &HashMap<String, String>,
    focuses: &[Focus],
    is_predictions: bool,
) {
    let Some(doc) = dataset.get(id) else { return };
    let text = texts.get(id).map(String::as_str).unwrap_or("");
    // For gleaner, extract again with the report on to name the rule behind each drop.
    let removed = if is_predictions {
        Vec::new()
    } else {
        let focus = focuses
            .iter()
            .copied()
            .find(|f| run.label.ends_with(focus_name(*f)))
            .unwrap_or_default();
        doc.read_html()
            .ok()
            .and_then(|bytes| {
                let page = runner::page(&bytes, doc.url.as_deref());
                Extractor::new(Config::new().focus(focus))
                    .extract(&page)
                    .ok()
            })
            .map(|a| a.removed)
            .unwrap_or_default()
    };
    let e = explain(doc, text, &removed);
    let s = e.score;
    let f = |x: Option<f64>| x.map_or("-".to_string(), |v| format!("{v:.3}"));
    println!(
        "\n  explain {id}: F1 {:.3}  P {}  R {}",
        s.f1(),
        f(s.precision()),
        f(s.recall())
    );
    println!("  kept but not in the truth ({} blocks):", e.extra.len());
    for b in &e.extra {
        println!("    + {}", clip(&b.text));
    }
    println!("  in the truth but dropped ({} blocks):", e.missing.len());
    for b in &e.missing {
        let rule = b
            .rule
            .as_deref()
            .map(|r| format!("[{r}] "))
            .unwrap_or_default();
        println!("    - {rule}{}", clip(&b.text));
    }
}

fn clip(s: &str) -> String {
    const MAX: usize = 300;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(MAX).collect::<String>())
    }
}

fn print_comparison(a: &Run, b: &Run, c: &Comparison, n: usize) {
    println!("A = {} ({})", a.label, a.dataset);
    println!("B = {} ({})", b.label, b.dataset);
    println!(
        "{} documents in both ({} only in A, {} only in B)",
        c.paired, c.only_a, c.only_b
    );
    println!("             A       B");
    for (what, x, y) in [
        ("F1", c.a.f1, c.b.f1),
        ("precision", c.a.precision, c.b.precision),
        ("recall", c.a.recall, c.b.recall),
        ("accuracy", c.a.accuracy, c.b.accuracy),
    ] {
        println!("  {what:<9} {x:.4}  {y:.4}  ({:+.4})", y - x);
    }
    let d = c.f1_diff;
    println!(
        "F1(B) - F1(A) = {:+.4}, paired bootstrap std {:.4}, 95% interval [{:+.4}, {:+.4}]{}",
        d.estimate,
        d.std,
        d.low,
        d.high,
        if d.low > 0.0 || d.high < 0.0 {
            " (excludes 0)"
        } else {
            " (includes 0)"
        }
    );
    let gains: Vec<_> = c.changed.iter().filter(|x| x.2 > x.1).take(n).collect();
    let losses: Vec<_> = c
        .changed
        .iter()
        .rev()
        .filter(|x| x.2 < x.1)
        .take(n)
        .collect();
    for (title, rows) in [("largest gains", gains), ("largest losses", losses)] {
        if !rows.is_empty() {
            println!("{title} (F1 A -> B):");
            for (id, x, y) in rows {
                println!("  {x:.3} -> {y:.3}  {id}");
            }
        }
    }
}
