//! The `extract` example's JSON-lines contract, which other tools rely on:
//! one object per input, in input order, with "source", "url", "title",
//! "text" and "error"; a failing input gets its line and the run goes on.
//!
//! `cargo test` builds the examples beside the test binaries, so the
//! example is run from there.

use std::process::Command;

use example_bin::example;

mod example_bin;

#[test]
fn jsonl_gives_one_line_per_input_and_goes_on_after_a_failure() {
    let page = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/pages/seed-article.html"
    );
    let missing = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/no-such-page.html"
    );
    let out = Command::new(example("extract"))
        .args(["--format", "jsonl", page, missing, page])
        .output()
        .expect("run the extract example");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).expect("utf-8 output");
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON object"))
        .collect();
    assert_eq!(lines.len(), 3, "{stdout}");
    for (line, source) in lines.iter().zip([page, missing, page]) {
        assert_eq!(line["source"], source);
        for key in ["url", "title", "text", "error"] {
            assert!(line.get(key).is_some(), "{key} missing in {line}");
        }
    }
    assert!(lines[0]["error"].is_null());
    assert!(lines[0]["text"]
        .as_str()
        .unwrap()
        .starts_with("Chinese and American officials"));
    assert!(!lines[0]["text"].as_str().unwrap().contains("Newsletter"));
    assert!(lines[1]["error"]
        .as_str()
        .is_some_and(|e| e.contains("no-such-page")));
    assert_eq!(lines[2]["text"], lines[0]["text"]);
}
