//! Extracts the article from each input and prints it.
//!
//! ```text
//! cargo run --release --example extract -- [--format text|markdown|html|json|jsonl] [--focus precision|balanced|recall] INPUT...
//! ```
//!
//! INPUT is a file path (`.gz` files are read gunzipped) or `-` for stdin.
//! `--format jsonl` prints exactly one JSON object per input on its own
//! line with "source", "url", "title", "text", "error" and the other
//! article fields; a failing input gets its line with the error and the
//! run goes on.

use std::io::{Read, Write};
use std::process::ExitCode;

use gleaner::{Article, Config, Extractor, Focus, Page};
use serde_json::{json, Value};

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Text,
    Markdown,
    Html,
    Json,
    Jsonl,
}

fn main() -> ExitCode {
    let mut format = Format::Text;
    let mut focus = Focus::Balanced;
    let mut url: Option<String> = None;
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
            "--focus" => {
                focus = match args.next().as_deref() {
                    Some("precision") => Focus::Precision,
                    Some("balanced") => Focus::Balanced,
                    Some("recall") => Focus::Recall,
                    other => return usage(&format!("unknown focus {other:?}")),
                }
            }
            "--url" => url = args.next(),
            "-h" | "--help" => return usage(""),
            _ => inputs.push(arg),
        }
    }
    if inputs.is_empty() {
        return usage("no input given");
    }
    let extractor = Extractor::new(Config::new().focus(focus));
    let mut failed = false;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for input in &inputs {
        let result = read(input).and_then(|bytes| {
            let mut page = Page::bytes(bytes).with_label(input.clone());
            if let Some(u) = &url {
                page = page.with_url(u).map_err(|e| e.to_string())?;
            }
            extractor.extract(&page).map_err(|e| e.to_string())
        });
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

fn to_json(source: &str, article: Option<&Article>, error: Option<&String>) -> Value {
    match article {
        Some(a) => json!({
            "source": source,
            "url": a.url.as_ref().map(|u| u.as_str()),
            "title": a.title,
            "language": a.language,
            "text": a.text,
            "markdown": a.markdown,
            "word_count": a.word_count,
            "reading_minutes": a.reading_time().as_secs() / 60,
            "lead_image": a.lead_image.as_ref().map(|i| i.url.as_str()),
            "images": a.images.iter().map(|i| json!({"url": i.url.as_str(), "alt": i.alt, "caption": i.caption})).collect::<Vec<_>>(),
            "encoding": a.encoding.name,
            "removed": a.removed.iter().map(|r| json!({"rule": r.rule.name(), "tag": r.tag, "text": r.text})).collect::<Vec<_>>(),
            "error": Value::Null,
        }),
        None => json!({
            "source": source,
            "url": Value::Null,
            "title": Value::Null,
            "text": Value::Null,
            "error": error,
        }),
    }
}

fn usage(problem: &str) -> ExitCode {
    if !problem.is_empty() {
        eprintln!("error: {problem}");
    }
    eprintln!(
        "usage: extract [--format text|markdown|html|json|jsonl] [--focus precision|balanced|recall] [--url URL] INPUT...\n\
         INPUT is a file path (.gz read gunzipped) or - for stdin"
    );
    if problem.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}
