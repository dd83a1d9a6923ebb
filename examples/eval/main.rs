//! Scores gleaner (or another tool's saved output) against a corpus with
//! reference answers, and times it.
//!
//! ```text
//! cargo run --release --features eval --example eval -- ../shared/datasets/scrapinghub
//! ```
//!
//! Run with `--help` for the options. Exit codes: 0 ok, 1 a `--min-*` gate
//! failed, 2 bad usage or unreadable input.
//!
//! `eval metadata [DATASET_DIR] [--show CASE]` is the metadata report
//! instead (see `metadata.rs`).

mod args;
mod metadata;
mod print;

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use gleaner::eval::{self, compare, read_predictions, Dataset, EvalError, Run};

use args::{focus_name, memory_name, parse_args, Args, USAGE};
use print::{print_comparison, print_explanation, print_header, print_run};

fn main() -> ExitCode {
    if std::env::args().nth(1).as_deref() == Some("metadata") {
        return metadata::main(std::env::args().skip(2));
    }
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
        let texts = read_predictions(pred_path)?;
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
        let docs = eval::score_texts(&dataset, &texts);
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
            let (outputs, timing) = eval::run(&dataset, focus, args.jobs, args.repeat, &progress)?;
            if tty {
                eprint!("\r\x1b[K");
            }
            let docs = eval::score(&dataset, &outputs);
            let texts: HashMap<String, String> = dataset
                .docs
                .iter()
                .zip(outputs)
                .map(|(d, o)| (d.id.clone(), o.text))
                .collect();
            let label = format!("gleaner focus={name}");
            let run = Run::new(label, &dataset, docs, Some(timing), args.rounds, args.seed)?;
            runs.push((run, texts));
            if let Some(mode) = args.memory {
                let mut settings = gleaner::MemorySettings::new();
                if let Some(k) = args.min_pages {
                    settings = settings.min_pages(k);
                }
                let k = settings.min_pages;
                let (outputs, timing) =
                    eval::run_with_memory(&dataset, focus, mode, settings, &progress)?;
                if tty {
                    eprint!("\r\x1b[K");
                }
                let docs = eval::score(&dataset, &outputs);
                let texts: HashMap<String, String> = dataset
                    .docs
                    .iter()
                    .zip(outputs)
                    .map(|(d, o)| (d.id.clone(), o.text))
                    .collect();
                let label = format!("gleaner memory={}/k{k} focus={name}", memory_name(mode));
                let run = Run::new(label, &dataset, docs, Some(timing), args.rounds, args.seed)?;
                runs.push((run, texts));
            }
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

/// `path` itself for a single run, else `<stem>-<focus>.<ext>` beside it
/// (`<stem>-memory-<focus>.<ext>` for a run with site memory).
fn per_run_path(path: &Path, run: &Run, runs: usize, ext: &str) -> PathBuf {
    if runs <= 1 {
        return path.to_path_buf();
    }
    let focus = run.label.rsplit('=').next().unwrap_or("run");
    let focus = if run.label.contains("memory=") {
        format!("memory-{focus}")
    } else {
        focus.to_string()
    };
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
        for (kind, min) in &args.min_word_f1 {
            let found = run.summary.words.iter().find(|(t, _)| t == kind);
            let name = kind.as_deref().unwrap_or("all pages");
            match found {
                Some((_, w)) if w.f1 >= *min => {}
                Some((_, w)) => {
                    eprintln!(
                        "GATE FAILED: {}: word F1 of {name} {:.4} is below the minimum {min:.4}",
                        run.label, w.f1
                    );
                    ok = false;
                }
                None => {
                    eprintln!(
                        "GATE FAILED: {}: no word F1 for {name} (no such pages, or no reference texts)",
                        run.label
                    );
                    ok = false;
                }
            }
        }
        if let Some(max) = args.max_empty {
            if run.summary.empty > max {
                eprintln!(
                    "GATE FAILED: {}: {} empty outputs, above the maximum {max}",
                    run.label, run.summary.empty
                );
                ok = false;
            }
        }
        if let (Some(max), Some(t)) = (args.max_ratio, &run.timing) {
            if t.gleaner_ratio() > max {
                eprintln!(
                    "GATE FAILED: {}: extraction takes {:.2} times gleaner's own parse time, \
                     above {max:.2}",
                    run.label,
                    t.gleaner_ratio()
                );
                ok = false;
            }
        }
    }
    ok
}
