//! Rules on a block's shape: link lists, widget labels, and the headline,
//! byline and dateline that sit above the article's first paragraph.

use super::vocab::{CREDIT_MARKERS, JUNK_LINES, NOTICE_PREFIXES, SOCIAL_NETWORKS};
use crate::block::{Block, BlockKind};
use crate::dom::normalized;
use crate::dom::Dom;
use crate::tuning::Strictness;
use crate::Rule;

pub(crate) fn link_lists(blocks: &mut [Block], s: &Strictness) {
    for b in blocks.iter_mut().filter(|b| b.drop.is_none()) {
        // A long paragraph with many inline links is still prose.
        let limit = if b.chars > 150 {
            s.link_density.max(0.75)
        } else {
            s.link_density
        };
        if b.kind != BlockKind::Preformatted && b.link_density() > limit && !linked_sentence(b) {
            b.drop = Some(Rule::LinkList);
        }
    }
}

/// A paragraph that is one whole sentence under a link ("The suspect was
/// sentenced to life last Thursday.", linking to the earlier story): the
/// article's prose, not a list of links. Headlines do not end with a full
/// stop, nor do teaser snippets cut off with an ellipsis.
fn linked_sentence(b: &Block) -> bool {
    let t = b.text.trim_end();
    let Some(body) = t.strip_suffix('.') else {
        return false;
    };
    let words = t.split_whitespace().count();
    let one_sentence =
        !body.ends_with('.') && !body.contains([';', '|', '!', '?']) && !body.contains(". ");
    b.kind == BlockKind::Paragraph && (8..=40).contains(&words) && one_sentence
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
    digits >= 6 && letters <= digits * 2 && t.split(' ').count() <= 6 && has_year_or_time(t)
}

/// A year (1900–2099) or a clock time ("17:27") somewhere in the line,
/// which a score line ("Rockledge 14 11 6 15 — 44") lacks.
fn has_year_or_time(t: &str) -> bool {
    let b = t.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    (0..b.len()).any(|i| {
        let starts = i == 0 || !digit(i - 1);
        let year = starts
            && (b[i..].starts_with(b"19") || b[i..].starts_with(b"20"))
            && digit(i + 2)
            && digit(i + 3)
            && !digit(i + 4);
        let time = digit(i) && b.get(i + 1) == Some(&b':') && digit(i + 2) && digit(i + 3);
        year || time
    })
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
            |bs: &[Block]| -> u32 { bs.iter().filter(|b| b.is_strong(s)).map(|b| b.chars).sum() };
        if t > 0 && prose(&blocks[t + 1..]) > prose(&blocks[..t]) {
            for b in &mut blocks[..t] {
                b.drop.get_or_insert(Rule::OutsideMainContent);
            }
        }
    }
    let first_strong = blocks.iter().position(|b| b.is_strong(s));
    let n = first_strong.unwrap_or(blocks.len());
    // A subheading opens the article's own structure: short lines under
    // it are the article's (a score, a list of changes), not labels.
    let mut subheaded = false;
    for b in blocks.iter_mut().take(n) {
        if b.drop.is_some() {
            continue;
        }
        let t = b.normalized();
        if is_title(b) {
            b.drop = Some(Rule::Title);
        } else if b.chars < 100 && !b.is_heading() && looks_like_byline(t) {
            b.drop = Some(Rule::Byline);
        } else if b.weight() < 30
            && first_strong.is_some()
            && !b.is_heading()
            && b.kind != BlockKind::Cell
            && !subheaded
        {
            b.drop = Some(Rule::ShortFragment);
        } else if b.is_heading() {
            subheaded = true;
        }
    }
}

/// A block repeating an earlier one word for word (a caption shown twice,
/// a pull quote) goes, as do photo credits.
pub(crate) fn repeats_and_credits(dom: &Dom, blocks: &mut [Block]) {
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
        // A paragraph met again sections later (a label opening each day
        // of a plan, the same step in two recipes) is structure the
        // article repeats, not a copy; values in generic boxes (a hidden
        // metadata copy) and captions are copies.
        let recurring = previous.is_some_and(|p| i - p > RECURRING_GAP)
            && !matches!(b.kind, BlockKind::Caption | BlockKind::ImageText)
            && dom.tag(b.owner).is_some_and(is_text_element);
        if previous.is_some() && !deliberate && !recurring {
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

/// Elements that hold text as such: paragraphs, list items, cells, headings.
fn is_text_element(tag: &html5ever::LocalName) -> bool {
    use html5ever::local_name;
    crate::dom::is_heading(tag)
        || matches!(
            *tag,
            local_name!("p")
                | local_name!("li")
                | local_name!("td")
                | local_name!("th")
                | local_name!("dd")
        )
}

/// Blocks between two copies of a short line beyond which the second copy
/// is a recurring label rather than a layout duplicate.
const RECURRING_GAP: usize = 4;

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

    fn block(kind: BlockKind, text: &str, linked: bool) -> Block {
        Block::for_test(kind, text, linked)
    }

    #[test]
    fn a_whole_linked_sentence_is_prose_a_headline_is_not() {
        let p = BlockKind::Paragraph;
        let sentence = "The suspect was convicted and sentenced to life in prison last Thursday.";
        assert!(linked_sentence(&block(p, sentence, true)));
        // Headlines, questions, snippets cut short, several sentences,
        // list items: still link lists.
        assert!(!linked_sentence(&block(
            p,
            "How likely is a conviction in the US?",
            true
        )));
        assert!(!linked_sentence(&block(
            p,
            "Council votes to close the old library on Sundays",
            true
        )));
        assert!(!linked_sentence(&block(
            p,
            "The council voted on Tuesday to close the library early...",
            true
        )));
        assert!(!linked_sentence(&block(
            p,
            "The council voted on Tuesday. The library will close on Sundays from March.",
            true
        )));
        assert!(!linked_sentence(&block(
            BlockKind::ListItem,
            sentence,
            true
        )));
        assert!(!linked_sentence(&block(p, "", true)));
        assert!(!linked_sentence(&block(
            p,
            "Ünïcödé ends here, no full stop — ünïcödé",
            true
        )));

        let mut blocks = vec![
            block(p, sentence, true),
            block(p, "Opinion: the week in review", true),
        ];
        link_lists(&mut blocks, &Strictness::for_focus(crate::Focus::Balanced));
        assert_eq!(blocks[0].drop, None);
        assert_eq!(blocks[1].drop, Some(Rule::LinkList));
    }

    #[test]
    fn timestamps_have_a_year_or_a_time_score_lines_do_not() {
        assert!(is_timestamp("2019-11-13t23:06:00+01:00"));
        assert!(is_timestamp("20 nov 2019 17:27"));
        assert!(is_timestamp("marcus doe 2019-11-20 17:27:46"));
        assert!(!is_timestamp("rockledge 14 11 6 15 44"));
        assert!(!is_timestamp("call 555 0199 ext 12"));
    }

    #[test]
    fn short_lines_under_a_subheading_stay() {
        let s = Strictness::for_focus(crate::Focus::Balanced);
        let long = "Palm Bay won the opening game of the season on Tuesday night, pulling away in the second quarter and never looking back after that, as the coach had said they would before the season began.";
        let mut blocks = vec![
            block(BlockKind::Paragraph, "Breaking news", false),
            block(BlockKind::Heading(2), "Girls basketball", false),
            block(BlockKind::Paragraph, "Palm Bay d. Rockledge 70-44", false),
            block(BlockKind::Paragraph, long, false),
        ];
        title_and_byline(&mut blocks, None, &s);
        assert_eq!(blocks[0].drop, Some(Rule::ShortFragment));
        assert_eq!(blocks[1].drop, None);
        assert_eq!(blocks[2].drop, None);
    }

    #[test]
    fn a_short_japanese_sentence_weighs_as_a_sentence() {
        let s = Strictness::for_focus(crate::Focus::Balanced);
        let text = "もちろん、Apple社は「脱獄」を認めていません。";
        let mut japanese = block(BlockKind::Paragraph, text, false);
        japanese.wide = text
            .chars()
            .filter(|c| ('\u{3040}'..='\u{9fff}').contains(c))
            .count() as u32;
        assert!(japanese.weight() >= 30, "weight {}", japanese.weight());
        let long = "This is a long first paragraph of the article that goes on well past the strong threshold for balanced extraction, as prose does.";
        let mut blocks = vec![japanese, block(BlockKind::Paragraph, long, false)];
        title_and_byline(&mut blocks, None, &s);
        assert_eq!(blocks[0].drop, None);
    }
}
