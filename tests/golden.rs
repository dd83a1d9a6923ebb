//! Golden fixtures: every folder under `tests/fixtures/extract/` is one case.
//!
//! A case holds `source.html`, a `README.md` saying what it shows, and at
//! least one check file:
//!
//! - `expected.txt`: the exact article text, paragraphs separated by one
//!   blank line (compared after normalising line endings and trailing
//!   whitespace);
//! - `title.txt`: the expected title;
//! - `absent.txt`: sentinel strings, one per line, that must not appear in
//!   the text;
//! - `present.txt`: strings, one per line, that must appear in the text;
//! - `page_type.txt`: one word, the expected [`Article::page_type`] by its
//!   name (`article`, `forum`, `listing`, …; see [`PageType`]).
//!
//! An optional `url.txt` gives the address the page is read at; without it
//! the page is read at `https://example.com/fixtures/<case>`.
//!
//! Every case is run and all failures are reported together, each naming
//! its case. `GLEANER_CASE=name` runs only the cases whose name contains
//! `name`. With `GLEANER_BLESS=1` a failing case gets the actual text
//! written to `expected.actual.txt` beside it, for review; `expected.txt`
//! itself is never written by this test.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use gleaner::{Config, Extractor, Page, PageType};

const ACTUAL_FILE: &str = "expected.actual.txt";
/// How much of a paragraph a failure message quotes.
const QUOTE_CHARS: usize = 100;

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/extract")
}

/// Line endings to `\n`, trailing whitespace off every line, leading and
/// trailing blank lines off the whole text.
fn normalise(text: &str) -> String {
    let unix = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = unix.lines().map(str::trim_end).collect();
    lines.join("\n").trim_matches('\n').to_string()
}

/// The non-empty lines of a check file, trailing whitespace removed.
fn check_lines(path: &Path) -> Option<Vec<String>> {
    let text = fs::read_to_string(path).ok()?;
    Some(
        normalise(&text)
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect(),
    )
}

fn paragraphs(text: &str) -> Vec<&str> {
    text.split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .collect()
}

fn quote(s: &str) -> String {
    let one_line = s.replace('\n', "⏎");
    if one_line.chars().count() > QUOTE_CHARS {
        let cut: String = one_line.chars().take(QUOTE_CHARS).collect();
        format!("{cut:?}…")
    } else {
        format!("{one_line:?}")
    }
}

/// A short, paragraph-level account of how `actual` differs from `expected`.
fn describe_text_diff(expected: &str, actual: &str) -> String {
    let exp = paragraphs(expected);
    let act = paragraphs(actual);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "  text differs: expected {} paragraphs, got {}",
        exp.len(),
        act.len()
    );
    let missing: Vec<(usize, &&str)> = exp
        .iter()
        .enumerate()
        .filter(|(_, p)| !act.contains(p))
        .collect();
    let extra: Vec<(usize, &&str)> = act
        .iter()
        .enumerate()
        .filter(|(_, p)| !exp.contains(p))
        .collect();
    for (i, p) in &missing {
        let _ = writeln!(out, "    - missing expected #{}: {}", i + 1, quote(p));
    }
    for (i, p) in &extra {
        let _ = writeln!(out, "    + unexpected actual #{}: {}", i + 1, quote(p));
    }
    if missing.is_empty() && extra.is_empty() {
        if let Some(i) = exp.iter().zip(&act).position(|(e, a)| e != a) {
            let _ = writeln!(
                out,
                "    same paragraphs, different order or repeats; first difference at #{}: expected {}, got {}",
                i + 1,
                quote(exp[i]),
                quote(act[i])
            );
        } else {
            let _ = writeln!(
                out,
                "    paragraphs match; the separators differ (expected one blank line between paragraphs)"
            );
        }
    }
    out
}

struct Outcome {
    name: String,
    problems: Vec<String>,
}

fn run_case(dir: &Path, extractor: &Extractor) -> Outcome {
    let name = dir.file_name().unwrap().to_string_lossy().into_owned();
    let mut problems = Vec::new();
    let source = match fs::read_to_string(dir.join("source.html")) {
        Ok(s) => s,
        Err(e) => {
            problems.push(format!("  fixture error: cannot read source.html: {e}"));
            return Outcome { name, problems };
        }
    };
    if !dir.join("README.md").is_file() {
        problems.push("  fixture error: README.md is missing".to_string());
    }
    let expected = fs::read_to_string(dir.join("expected.txt"))
        .ok()
        .map(|t| normalise(&t));
    let title = fs::read_to_string(dir.join("title.txt"))
        .ok()
        .map(|t| t.trim().to_string());
    let absent = check_lines(&dir.join("absent.txt"));
    let present = check_lines(&dir.join("present.txt"));
    let page_type = match fs::read_to_string(dir.join("page_type.txt")) {
        Ok(t) => match t.trim().parse::<PageType>() {
            Ok(kind) => Some(kind),
            Err(e) => {
                problems.push(format!("  fixture error: page_type.txt: {e}"));
                None
            }
        },
        Err(_) => None,
    };
    if expected.is_none() && absent.is_none() && present.is_none() && page_type.is_none() {
        problems.push(
            "  fixture error: no expected.txt, absent.txt, present.txt or page_type.txt to check"
                .to_string(),
        );
    }
    // The check files must agree with each other, or a failure would blame
    // the stripper for a fixture mistake.
    if let Some(exp) = &expected {
        for s in absent.iter().flatten().filter(|s| exp.contains(s.as_str())) {
            problems.push(format!(
                "  fixture error: absent.txt line is in expected.txt: {}",
                quote(s)
            ));
        }
        for s in present
            .iter()
            .flatten()
            .filter(|s| !exp.contains(s.as_str()))
        {
            problems.push(format!(
                "  fixture error: present.txt line is not in expected.txt: {}",
                quote(s)
            ));
        }
    }

    let url = fs::read_to_string(dir.join("url.txt"))
        .map(|u| u.trim().to_string())
        .unwrap_or_else(|_| format!("https://example.com/fixtures/{name}"));
    let page = Page::html(source.as_str())
        .with_url(&url)
        .expect("fixture url parses");
    let article = match extractor.extract(&page) {
        Ok(a) => a,
        Err(e) => {
            problems.push(format!("  extraction failed: {e}"));
            return Outcome { name, problems };
        }
    };
    let actual = normalise(&article.text);

    let mut text_failed = false;
    if let Some(exp) = &expected {
        if *exp != actual {
            text_failed = true;
            problems.push(describe_text_diff(exp, &actual).trim_end().to_string());
        }
    }
    for s in absent.iter().flatten() {
        if actual.contains(s.as_str()) {
            text_failed = true;
            let removed_by = article
                .removed()
                .iter()
                .any(|r| r.text.contains(s.as_str()));
            let note = if removed_by {
                " (also reported as removed)"
            } else {
                ""
            };
            problems.push(format!("  sentinel still in text{note}: {}", quote(s)));
        }
    }
    for s in present.iter().flatten() {
        if !actual.contains(s.as_str()) {
            text_failed = true;
            let rule = article
                .removed()
                .iter()
                .find(|r| r.text.contains(s.as_str()))
                .map(|r| format!(" (removed by rule `{}` from <{}>)", r.rule.name(), r.tag))
                .unwrap_or_default();
            problems.push(format!("  required text missing{rule}: {}", quote(s)));
        }
    }
    if let Some(want) = &title {
        if article.title.as_deref() != Some(want.as_str()) {
            problems.push(format!(
                "  title: expected {:?}, got {:?}",
                want, article.title
            ));
        }
    }

    if let Some(want) = page_type {
        if article.page_type != want {
            problems.push(format!(
                "  page type: case `{name}` expected `{want}`, got `{}`",
                article.page_type
            ));
        }
    }

    let actual_path = dir.join(ACTUAL_FILE);
    if std::env::var_os("GLEANER_BLESS").is_some_and(|v| v == "1") {
        if text_failed {
            let mut body = actual.clone();
            body.push('\n');
            match fs::write(&actual_path, body) {
                Ok(()) => problems.push(format!(
                    "  bless: actual text written to {} (review it; expected.txt is unchanged)",
                    actual_path.display()
                )),
                Err(e) => problems.push(format!(
                    "  bless: cannot write {}: {e}",
                    actual_path.display()
                )),
            }
        } else if actual_path.exists() {
            // A stale file from an earlier failure would mislead a reviewer.
            let _ = fs::remove_file(&actual_path);
        }
    }
    Outcome { name, problems }
}

#[test]
fn golden_fixtures() {
    let root = fixtures_dir();
    let filter = std::env::var("GLEANER_CASE").ok();
    let mut dirs: Vec<PathBuf> = fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", root.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .filter(|p| {
            filter
                .as_deref()
                .is_none_or(|f| p.file_name().unwrap().to_string_lossy().contains(f))
        })
        .collect();
    dirs.sort();
    assert!(
        !dirs.is_empty(),
        "no fixture cases found under {}",
        root.display()
    );

    let extractor = Extractor::new(Config::new());
    let outcomes: Vec<Outcome> = dirs.iter().map(|d| run_case(d, &extractor)).collect();
    let failed: Vec<&Outcome> = outcomes.iter().filter(|o| !o.problems.is_empty()).collect();

    for o in &outcomes {
        let verdict = if o.problems.is_empty() {
            "ok  "
        } else {
            "FAIL"
        };
        println!("{verdict} {}", o.name);
    }
    if !failed.is_empty() {
        let mut msg = format!(
            "{} of {} golden cases failed:\n",
            failed.len(),
            outcomes.len()
        );
        for o in &failed {
            let _ = writeln!(msg, "\ncase `{}`:", o.name);
            for p in &o.problems {
                let _ = writeln!(msg, "{p}");
            }
        }
        msg.push_str(
            "\n(run with GLEANER_CASE=<name> to focus on one case; \
             GLEANER_BLESS=1 writes expected.actual.txt beside each failing case)",
        );
        panic!("{msg}");
    }
}
