//! The harness's text output.

use std::collections::HashMap;

use gleaner::eval::{explain, Comparison, Dataset, Format, Run, WordSummary};
use gleaner::{Config, Extractor, Focus, Page};

use crate::args::{focus_name, Args};

pub fn print_header(dataset: &Dataset) {
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

pub fn print_run(run: &Run, args: &Args) {
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
    if !s.words.is_empty() {
        println!("  word metric (WCXB: lower-cased word bags, per-page means; with/without: snippets found):");
        print_word_header();
        for (t, w) in &s.words {
            print_word_row(t.as_deref(), w, None);
        }
        print_type_confusion(run);
    }
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
            "         parse only (same pages, one thread, String::from_utf8_lossy, no charset \
             detection), and extraction time / parse time:"
        );
        println!(
            "         {:.1} docs/s gleaner's own parse (limits, unread content skipped): \
             ratio {:.2} (gated by --max-ratio)",
            t.gleaner_parse_docs_per_sec(),
            t.gleaner_ratio()
        );
        println!(
            "         {:.1} docs/s scraper::Html::parse_document (every byte): ratio {:.2}",
            t.parse_docs_per_sec(),
            t.scraper_ratio()
        );
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
        let words = rows.iter().all(|r| r.words.is_some());
        println!(
            "      F1      P      R  id{}",
            if words { "  (word metric)" } else { "" }
        );
        for r in rows {
            let f = |x: Option<f64>| x.map_or("     -".to_string(), |v| format!("{v:6.3}"));
            let (p, rc) = match r.words {
                Some(w) => (Some(w.precision()), Some(w.recall())),
                None => (r.score.precision(), r.score.recall()),
            };
            println!(
                "  {:6.3} {} {}  {}{}{}",
                r.rank_f1(),
                f(p),
                f(rc),
                r.id,
                r.page_type
                    .as_deref()
                    .map(|t| format!(" [{t}]"))
                    .unwrap_or_default(),
                if r.empty { "  (empty)" } else { "" }
            );
        }
    }
}

/// Rows: the corpus's page type; columns: the type gleaner read.
fn print_type_confusion(run: &Run) {
    let pairs: Vec<(&str, &str)> = run
        .docs
        .iter()
        .filter_map(|d| Some((d.page_type.as_deref()?, d.read_type.as_deref()?)))
        .collect();
    if pairs.is_empty() {
        return;
    }
    let mut truth: Vec<&str> = pairs.iter().map(|p| p.0).collect();
    truth.sort_unstable();
    truth.dedup();
    let read: Vec<&str> = gleaner::PageType::ALL.iter().map(|t| t.name()).collect();
    let agree = pairs.iter().filter(|(t, r)| t == r).count();
    println!(
        "  page type read (rows: corpus, columns: gleaner), {agree} of {} agree:",
        pairs.len()
    );
    print!("    {:<14}", "");
    for r in &read {
        print!(" {:>5}", &r[..r.len().min(5)]);
    }
    println!();
    for t in truth {
        print!("    {t:<14}");
        for r in &read {
            let n = pairs.iter().filter(|(a, b)| *a == t && b == r).count();
            print!(" {n:>5}");
        }
        println!();
    }
}

fn print_word_header() {
    println!(
        "    {:<14} {:>5} {:>6} {:>6} {:>6} {:>6} {:>7} {:>5} {:>5}",
        "page type", "docs", "F1", "P", "R", "with", "without", "empty", "<30%"
    );
}

fn print_word_row(t: Option<&str>, w: &WordSummary, before: Option<&WordSummary>) {
    let delta = before.map_or(String::new(), |b| format!("  ({:+.4})", w.f1 - b.f1));
    let share = |x: Option<f64>| x.map_or("-".to_string(), |v| format!("{v:.3}"));
    println!(
        "    {:<14} {:>5} {:>6.4} {:>6.4} {:>6.4} {:>6} {:>7} {:>5} {:>5}{delta}",
        t.unwrap_or("all"),
        w.docs,
        w.f1,
        w.precision,
        w.recall,
        share(w.with),
        share(w.without),
        w.empty,
        w.short
    );
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

pub fn print_explanation(
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
                // As the runner reads it: with its base URL when that parses.
                let page = Page::bytes(bytes.as_slice());
                let page = match doc.url.as_deref() {
                    Some(u) => page.clone().with_url(u).unwrap_or(page),
                    None => page,
                };
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

pub fn print_comparison(a: &Run, b: &Run, c: &Comparison, n: usize) {
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
    if !c.words.is_empty() {
        println!("word metric, B (change of F1 from A):");
        print_word_header();
        for (t, a, b) in &c.words {
            print_word_row(t.as_deref(), b, Some(a));
        }
    }
    if let Some(d) = c.word_f1_diff {
        println!(
            "word F1(B) - word F1(A) = {:+.4}, paired bootstrap std {:.4}, 95% interval [{:+.4}, {:+.4}]",
            d.estimate, d.std, d.low, d.high
        );
    }
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
