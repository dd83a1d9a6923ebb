//! Rules on a block's shape: link lists, widget labels, and the headline,
//! byline and dateline that sit above the article's first paragraph.

use super::vocab::{CREDIT_MARKERS, JUNK_LINES, NOTICE_PREFIXES, SOCIAL_NETWORKS};
use super::{is_strong, normalized, Strictness};
use crate::segment::{Block, BlockKind};
use crate::Rule;

pub(crate) fn link_lists(blocks: &mut [Block], s: &Strictness) {
    for b in blocks.iter_mut().filter(|b| b.drop.is_none()) {
        // A long paragraph with many inline links is still prose.
        let limit = if b.chars > 150 {
            s.link_density.max(0.75)
        } else {
            s.link_density
        };
        if b.kind != BlockKind::Preformatted && b.link_density() > limit {
            b.drop = Some(Rule::LinkList);
        }
    }
}

pub(crate) fn junk_lines(blocks: &mut [Block]) {
    for b in blocks.iter_mut().filter(|b| b.drop.is_none()) {
        if b.kind != BlockKind::Preformatted && looks_like_markup(&b.text) {
            b.drop = Some(Rule::NonContent);
            continue;
        }
        if b.chars < 200 && names_social_networks(b.lower()) {
            b.drop = Some(Rule::Share);
            continue;
        }
        if b.chars < 800 && is_notice(b.lower()) {
            b.drop = Some(Rule::ShortFragment);
            continue;
        }
        if b.chars < 1000 && is_contact_details(b.lower()) {
            b.drop = Some(Rule::ShortFragment);
            continue;
        }
        if b.chars < 250 && b.kind != BlockKind::Preformatted && is_credit(b.lower()) {
            b.drop = Some(Rule::ShortFragment);
            continue;
        }
        if b.kind != BlockKind::Cell && is_bare_value(&b.text) {
            b.drop = Some(Rule::ShortFragment);
            continue;
        }
        if b.chars > 60 {
            if b.chars < 200 && is_copyright(b.lower()) {
                b.drop = Some(Rule::ShortFragment);
            }
            continue;
        }
        let t = b.normalized();
        if t.is_empty()
            || JUNK_LINES.contains(&t)
            || is_copyright(b.lower())
            || is_counter(t)
            || is_timestamp(t)
        {
            b.drop = Some(Rule::ShortFragment);
        }
    }
}

/// Escaped markup or shortcodes shown as text (a tracking pixel's
/// `<img …>`, `[button link=…]`), outside code.
fn looks_like_markup(text: &str) -> bool {
    let t = text.trim();
    ((t.starts_with('<') && t.ends_with('>')) || (t.starts_with('[') && t.ends_with(']')))
        && t.contains('=')
}

/// A follow or share prompt: at least two social networks named (in the
/// lower-cased text).
fn names_social_networks(lower: &str) -> bool {
    SOCIAL_NETWORKS
        .iter()
        .filter(|n| lower.contains(*n))
        .count()
        >= 2
}

/// A disclaimer or a publication stamp (in the lower-cased text).
fn is_notice(lower: &str) -> bool {
    let lower = lower.trim_start();
    NOTICE_PREFIXES.iter().any(|p| lower.starts_with(p))
        && (lower.starts_with("disclaimer") || lower.len() < 100)
}

/// A customer-service or contact box: several of telephone, fax, e-mail
/// (in the lower-cased text).
fn is_contact_details(lower: &str) -> bool {
    let hits = [
        "telephone",
        "tel:",
        "phone:",
        "fax",
        "e-mail:",
        "email:",
        "toll free",
    ]
    .iter()
    .filter(|k| lower.contains(*k))
    .count();
    hits >= 3
}

/// A photo credit, or a caption ending in one (in the lower-cased text).
fn is_credit(lower: &str) -> bool {
    CREDIT_MARKERS.iter().any(|m| lower.contains(m))
}

/// A lone URL or number: a value from hidden metadata, not prose.
fn is_bare_value(text: &str) -> bool {
    let t = text.trim();
    (!t.contains(' ') && (t.starts_with("http://") || t.starts_with("https://")))
        || t.chars().all(|c| !c.is_alphabetic())
}

/// "Image 1 of 5", "3 / 12".
fn is_counter(t: &str) -> bool {
    let words: Vec<&str> = t.split(' ').collect();
    let numbers = words
        .iter()
        .filter(|w| w.chars().all(|c| c.is_ascii_digit()) && !w.is_empty())
        .count();
    words.len() <= 4 && numbers == 2 && words.iter().any(|w| *w == "of" || *w == "/")
}

/// A line that is only a date or time ("2019-11-13T23:06:00+01:00",
/// "20 Nov 2019 17:27", "Marcus Doe 2019-11-20 17:27:46").
fn is_timestamp(t: &str) -> bool {
    let digits = t.chars().filter(char::is_ascii_digit).count();
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    digits >= 6 && letters <= digits * 2 && t.split(' ').count() <= 6
}

/// A copyright line (in the lower-cased text).
fn is_copyright(lower: &str) -> bool {
    lower.contains('©') || lower.contains("all rights reserved") || lower.starts_with("copyright")
}

/// The headline (an `<h1>`, or a block repeating the title) opens the
/// article: what comes before it goes, provided more prose follows it than
/// precedes it. Then, before the first strong paragraph, the headline,
/// bylines, datelines and short labels ("Breaking news") go.
pub(crate) fn title_and_byline(blocks: &mut [Block], title: Option<&str>, s: &Strictness) {
    let title = title.map(normalized);
    let is_title = |b: &Block| {
        b.kind == BlockKind::Heading(1)
            || title
                .as_deref()
                .is_some_and(|title| !title.is_empty() && b.normalized() == title)
    };
    if let Some(t) = blocks.iter().position(is_title) {
        let prose =
            |bs: &[Block]| -> u32 { bs.iter().filter(|b| is_strong(b, s)).map(|b| b.chars).sum() };
        if t > 0 && prose(&blocks[t + 1..]) > prose(&blocks[..t]) {
            for b in &mut blocks[..t] {
                b.drop.get_or_insert(Rule::OutsideMainContent);
            }
        }
    }
    let first_strong = blocks.iter().position(|b| is_strong(b, s));
    let n = first_strong.unwrap_or(blocks.len());
    for b in blocks.iter_mut().take(n) {
        if b.drop.is_some() {
            continue;
        }
        let t = b.normalized();
        if is_title(b) {
            b.drop = Some(Rule::Title);
        } else if b.chars < 100 && !b.is_heading() && looks_like_byline(t) {
            b.drop = Some(Rule::Byline);
        } else if b.chars < 30
            && first_strong.is_some()
            && !b.is_heading()
            && b.kind != BlockKind::Cell
        {
            b.drop = Some(Rule::ShortFragment);
        }
    }
}

/// A block repeating an earlier one word for word (a caption shown twice,
/// a pull quote) goes, as do photo credits.
pub(crate) fn repeats_and_credits(blocks: &mut [Block]) {
    // Where each text was last kept, by block position.
    let mut seen: std::collections::HashMap<u64, usize> = std::collections::HashMap::new();
    let mut last_kept: Option<usize> = None;
    for (i, b) in blocks.iter_mut().enumerate() {
        if b.drop.is_some() {
            continue;
        }
        // A block shown twice (a caption above and below its image, a
        // layout copy of the text) goes. A recurring question, as in a
        // series of interviews, is content, and so is a long paragraph
        // that the author wrote twice in a row.
        let key = hash(&b.text);
        let previous = if b.chars >= 20 && !b.text.trim_end().ends_with(['?', '？']) {
            seen.insert(key, i)
        } else {
            None
        };
        let deliberate = b.chars >= 300 && previous.is_some() && previous == last_kept;
        if previous.is_some() && !deliberate {
            b.drop = Some(Rule::ShortFragment);
            continue;
        }
        if b.chars < 80 {
            let t = b.normalized();
            let credit = ["photo", "image", "credit", "photograph", "picture", "foto"]
                .iter()
                .any(|w| {
                    t.starts_with(w) && t[w.len()..].starts_with([':', ' ']) && b.text.contains(':')
                });
            if credit || t == "caption" || t == "hide caption" || t == "toggle caption" {
                b.drop = Some(Rule::ShortFragment);
                continue;
            }
        }
        last_kept = Some(i);
    }
}

fn hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

fn looks_like_byline(t: &str) -> bool {
    const MONTHS: &[&str] = &[
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    if t.starts_with("by ") || t.starts_with("written by") || t.starts_with("posted by") {
        return true;
    }
    // A year or a clock time: "2019", "10:42".
    let has_digit = t.split(|c: char| !c.is_ascii_digit() && c != ':').any(|w| {
        (w.len() == 4 && (w.starts_with("19") || w.starts_with("20")))
            || (w.contains(':') && w.len() >= 4 && !w.starts_with(':') && !w.ends_with(':'))
    });
    let words: Vec<&str> = t.split(' ').collect();
    let dated = has_digit
        && words.iter().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            w.len() >= 3 && MONTHS.iter().any(|m| w.starts_with(m))
        });
    let stamped = has_digit
        && [
            "updated",
            "published",
            "posted",
            "last modified",
            " am",
            " pm",
            " ago",
        ]
        .iter()
        .any(|k| t.contains(k));
    (dated || stamped) && words.len() <= 14
}

/// Whether a text ends like a sentence.
pub(crate) fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '”' | '’' | ')' | '»' | '」' | '』')
    });
    t.ends_with(['.', '!', '?', '。', '！', '？'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_and_datelines() {
        assert!(looks_like_byline("by jane doe"));
        assert!(looks_like_byline(
            "updated 10:42 am et, tue november 19, 2019"
        ));
        assert!(looks_like_byline("march 3, 2020"));
        assert!(!looks_like_byline("what's new in 2.26 (september pack)?"));
        assert!(!looks_like_byline("the march on washington drew 250,000 people in 1963 and changed the country for ever after that day"));
    }
}
