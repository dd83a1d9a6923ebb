//! Error analysis for one document: the blocks of text that were kept but
//! are not in the truth, and the blocks of the truth that were dropped.
//!
//! Both texts are cut into lines (long lines into sentences); a block is
//! reported when less than half of its shingles occur anywhere in the other
//! text. Dropped blocks are matched, when possible, with the removal that
//! took them out, so the rule responsible can be read off directly.

use std::collections::HashMap;

use super::dataset::{Doc, Truth};
use super::metric::{tokenize, SHINGLE};
use super::report::DocScore;
use super::segments::{normalize_ws, SegmentCounts};
use crate::Removal;

/// A block is reported when at most this share of it is matched.
pub const MATCHED_BELOW: f64 = 0.5;
/// Lines longer than this (in bytes) are split into sentences.
const LONG_LINE: usize = 400;

/// One block of text judged wrong: a line, or a sentence of a long line.
#[derive(Debug, Clone, PartialEq)]
pub struct Passage {
    /// The block, whitespace-normalised.
    pub text: String,
    /// Share of its shingles found in the other text (0 for snippets).
    pub matched: f64,
    /// For a dropped block: the rule of the removal that seems to hold it.
    pub rule: Option<String>,
}

/// What one document gained and lost.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    /// The document id.
    pub id: String,
    /// Its score.
    pub score: DocScore,
    /// Kept but absent from the truth (or `without` snippets found).
    pub extra: Vec<Passage>,
    /// In the truth but not kept (or `with` snippets missing).
    pub missing: Vec<Passage>,
}

/// Explains the score of `output` on `doc`; `removed` is gleaner's removal
/// report for the page (may be empty, e.g. for another tool's output).
pub fn explain(doc: &Doc, output: &str, removed: &[Removal]) -> Explanation {
    let score = DocScore::of(doc, output);
    let (extra, missing) = match &doc.truth {
        Truth::Text(truth) => (unmatched(output, truth), unmatched(truth, output)),
        Truth::Segments { with, without } => {
            let (_, e): (SegmentCounts, _) = SegmentCounts::judge(with, without, output);
            let snippet = |t: String| Passage {
                text: normalize_ws(&t),
                matched: 0.0,
                rule: None,
            };
            (
                e.unwanted.into_iter().map(snippet).collect(),
                e.missing.into_iter().map(snippet).collect(),
            )
        }
    };
    let missing = missing
        .into_iter()
        .map(|mut b| {
            b.rule = attribute(&b.text, removed);
            b
        })
        .collect();
    Explanation {
        id: doc.id.clone(),
        score,
        extra,
        missing,
    }
}

/// Lines (long ones cut into sentences) of `text`, whitespace-normalised.
pub fn blocks(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = normalize_ws(line);
        if line.is_empty() {
            continue;
        }
        if line.len() <= LONG_LINE {
            out.push(line);
            continue;
        }
        let mut start = 0;
        let bytes = line.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            if matches!(b, b'.' | b'!' | b'?') && bytes.get(i + 1) == Some(&b' ') {
                out.push(line[start..=i].to_string());
                start = i + 2;
            }
        }
        if start < line.len() {
            out.push(line[start..].to_string());
        }
    }
    out
}

/// The blocks of `text` mostly absent from `other`. Shingles of `other`
/// are used up as blocks match them, in order, so a paragraph repeated more
/// often than in `other` is reported, as the multiset metric counts it.
fn unmatched(text: &str, other: &str) -> Vec<Passage> {
    let other_tokens = tokenize(other);
    let mut available: HashMap<String, u64> = HashMap::new();
    for w in other_tokens.windows(SHINGLE) {
        *available.entry(w.join(" ")).or_insert(0) += 1;
    }
    let mut out = Vec::new();
    for block in blocks(text) {
        let tokens = tokenize(&block);
        if tokens.is_empty() {
            continue;
        }
        let matched = if tokens.len() >= SHINGLE {
            let mut found = 0usize;
            let windows = tokens.windows(SHINGLE);
            let total = windows.len();
            for w in windows {
                if let Some(c) = available.get_mut(&w.join(" ")).filter(|c| **c > 0) {
                    *c -= 1;
                    found += 1;
                }
            }
            found as f64 / total as f64
        } else if other_tokens.windows(tokens.len()).any(|w| w == &tokens[..]) {
            1.0
        } else {
            0.0
        };
        if matched < MATCHED_BELOW {
            out.push(Passage {
                text: block,
                matched,
                rule: None,
            });
        }
    }
    out
}

/// The rule of the removal that seems to hold `block`: the block starts
/// with the removal's (long enough) text, or lies within it. Removal texts
/// are cut at 160 characters, so only their start can be compared.
fn attribute(block: &str, removed: &[Removal]) -> Option<String> {
    const HEAD: usize = 60;
    let block_head: String = block.chars().take(HEAD).collect();
    removed.iter().find_map(|r| {
        let text = normalize_ws(r.text.trim_end_matches(['…', '.']));
        if text.is_empty() {
            return None;
        }
        let text_head: String = text.chars().take(HEAD).collect();
        let starts =
            block.starts_with(&text_head) && (text.chars().count() >= HEAD || text == block);
        let within = text.contains(&block_head);
        (starts || within).then(|| r.rule.name().to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn doc(truth: &str) -> Doc {
        Doc {
            id: "d".into(),
            url: None,
            path: PathBuf::new(),
            truth: Truth::Text(truth.into()),
            page_type: None,
            with: Vec::new(),
            without: Vec::new(),
        }
    }

    #[test]
    fn reports_kept_and_dropped_lines() {
        let truth = "Rain fell across the region on Tuesday.\nFarmers said it came too late.";
        let out =
            "Rain fell across the region on Tuesday.\nSign up for our morning briefing today.";
        let e = explain(&doc(truth), out, &[]);
        assert_eq!(e.extra.len(), 1);
        assert_eq!(e.extra[0].text, "Sign up for our morning briefing today.");
        assert_eq!(e.missing.len(), 1);
        assert_eq!(e.missing[0].text, "Farmers said it came too late.");
        assert_eq!(e.missing[0].matched, 0.0);
    }

    #[test]
    fn repeats_beyond_the_other_side_are_reported() {
        let para = "Lorem ipsum dolor sit amet, consectetur adipisicing elit.";
        let e = explain(&doc(&format!("{para}\n{para}\n{para}")), para, &[]);
        assert_eq!(e.missing.len(), 2);
        assert!(e.extra.is_empty());
    }

    #[test]
    fn dropped_blocks_name_the_removal_that_holds_them() {
        let removal = |rule, text: &str| Removal {
            rule,
            tag: "div".into(),
            text: text.into(),
        };
        let removed = [
            removal(crate::Rule::Title, "Lorem ipsum"),
            removal(crate::Rule::LinkList, "Shop Energize Hydrate Recover"),
        ];
        // A short removal that merely starts the block does not claim it.
        assert_eq!(
            attribute("Lorem ipsum dolor sit amet, consectetur.", &removed),
            None
        );
        assert_eq!(attribute("Lorem ipsum", &removed).as_deref(), Some("title"));
        assert_eq!(attribute("Hydrate", &removed).as_deref(), Some("link_list"));
    }

    #[test]
    fn short_blocks_match_as_token_runs() {
        let e = explain(&doc("Hello world, and more words here"), "Hello world", &[]);
        assert!(e.extra.is_empty());
    }

    #[test]
    fn long_lines_split_into_sentences() {
        let long = format!(
            "{} Second one here.",
            "word ".repeat(90).trim_end().to_string() + "."
        );
        let b = blocks(&long);
        assert_eq!(b.len(), 2);
        assert_eq!(b[1], "Second one here.");
    }
}
