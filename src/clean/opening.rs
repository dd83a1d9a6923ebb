//! The article's opening: the headline, and the bylines, datelines and
//! labels above its first paragraph.

use super::vocab::DATELINE_WORDS;
use crate::block::{Block, BlockKind};
use crate::dom::{normalized, Ix};
use crate::lexicon::MONTHS;
use crate::tuning::{ImageText, Strictness};
use crate::Rule;

/// Longest byline or dateline ("By Ann Lee, 14 June 2016, 10:42").
const MAX_BYLINE_CHARS: u32 = 100;
/// Most words of a dateline: a sentence that mentions a date is longer.
const MAX_DATELINE_WORDS: usize = 14;
/// Weight under which a line above the first strong paragraph is a label
/// ("Breaking news", "Opinion"), not the start of the article.
const MAX_LABEL_WEIGHT: u32 = 30;

/// What opens the article: its title, and the page's headline element.
#[derive(Clone, Copy, Default)]
pub(crate) struct Opening<'a> {
    pub title: Option<&'a str>,
    /// The page's headline element (see `Metadata::headline`).
    pub headline: Option<Ix>,
    /// Where the headline element ends, when it says the title: once it
    /// has stood, a later block repeating the title (a recipe box's or a
    /// list card's own heading) opens nothing.
    pub titled_end: Option<Ix>,
}

/// The headline opens the article (see [`open_at_headline`]). Then, before
/// the first strong paragraph, the headline, bylines, datelines and short
/// labels ("Breaking news") go.
pub(crate) fn title_and_byline(blocks: &mut [Block], opening: Opening<'_>, s: &Strictness) {
    let title = opening.title.map(normalized);
    open_at(blocks, title.as_deref(), opening, s, s, ImageText::Drop);
    let is_title =
        |b: &Block| b.kind == BlockKind::Heading(1) || repeats_title(b, title.as_deref());
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
        } else if b.chars < MAX_BYLINE_CHARS && !b.is_heading() && looks_like_byline(t) {
            b.drop = Some(Rule::Byline);
        } else if b.weight() < MAX_LABEL_WEIGHT
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

/// The headline (the page's headline element, or a block repeating the
/// title) opens the article, the thread or the product: what comes before
/// it goes, provided more prose (blocks strong by `weigh`) follows it than
/// precedes it and no section of an article (judged by `s`) precedes it. A
/// later `<h1>` (a slide's, a card's, the headline having gone with a
/// banner) opens nothing, nor does a block repeating the title after a
/// headline that says it (a recipe box or a list card repeating the
/// post's title below the post's introduction). With `pictures` at
/// [`ImageText::Keep`], the text
/// of pictures before it stays (a product's gallery comes before its
/// name).
pub(crate) fn open_at_headline(
    blocks: &mut [Block],
    opening: Opening<'_>,
    weigh: &Strictness,
    s: &Strictness,
    pictures: ImageText,
) {
    let title = opening.title.map(normalized);
    open_at(blocks, title.as_deref(), opening, weigh, s, pictures);
}

/// [`open_at_headline`], given the normalized title.
fn open_at(
    blocks: &mut [Block],
    title: Option<&str>,
    opening: Opening<'_>,
    weigh: &Strictness,
    s: &Strictness,
    pictures: ImageText,
) {
    let headline = opening.headline;
    // A repeat of the title after the headline that said it.
    let repeat_after = |b: &Block| opening.titled_end.is_some_and(|end| b.owner >= end);
    let opens = |b: &Block| {
        (b.kind == BlockKind::Heading(1) && headline == Some(b.owner))
            || (repeats_title(b, title) && !repeat_after(b))
    };
    let Some(t) = blocks.iter().position(opens) else {
        return;
    };
    let prose = |bs: &[Block]| -> u32 {
        bs.iter()
            .filter(|b| b.is_strong(weigh))
            .map(|b| b.chars)
            .sum()
    };
    if t > 0 && prose(&blocks[t + 1..]) > prose(&blocks[..t]) && !has_section(&blocks[..t], s) {
        for b in &mut blocks[..t] {
            let picture = matches!(b.kind, BlockKind::Caption | BlockKind::ImageText);
            if !(picture && pictures == ImageText::Keep) {
                b.drop.get_or_insert(Rule::OutsideMainContent);
            }
        }
    }
}

/// Whether a block repeats the page's title (normalized).
fn repeats_title(b: &Block, title: Option<&str>) -> bool {
    title.is_some_and(|title| !title.is_empty() && b.normalized() == title)
}

/// Blocks of strong prose (paragraphs, list items) under a subheading that
/// make it a section of the article.
const SECTION_PARAGRAPHS: usize = 2;

/// Whether the blocks hold a section of an article: a subheading with
/// blocks of prose under it, whatever other rules made of them (the
/// opening is read first). Before the headline, that means the
/// headline is a later section's `<h1>` (the page's own headline being
/// an `<h2>`), not the start of the article.
fn has_section(blocks: &[Block], s: &Strictness) -> bool {
    blocks.iter().enumerate().any(|(i, b)| {
        b.is_heading()
            && crate::block::under_heading(blocks, i)
                .filter(|b| b.is_strong(s))
                .count()
                >= SECTION_PARAGRAPHS
    })
}

/// A byline or a dateline ("By Ann Lee", "14 June 2016, 10:42",
/// "Posted: 2018-08-25 15:24"), in normalized text.
pub(crate) fn is_dateline(t: &str) -> bool {
    looks_like_byline(t) || super::junk::is_timestamp(t)
}

fn looks_like_byline(t: &str) -> bool {
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
    let stamped = has_digit && DATELINE_WORDS.iter().any(|k| t.contains(k));
    (dated || stamped) && words.len() <= MAX_DATELINE_WORDS
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
    fn short_lines_under_a_subheading_stay() {
        let s = Strictness::for_focus(crate::Focus::Balanced);
        let long = "Palm Bay won the opening game of the season on Tuesday night, pulling away in the second quarter and never looking back after that, as the coach had said they would before the season began.";
        let mut blocks = vec![
            block(BlockKind::Paragraph, "Breaking news", false),
            block(BlockKind::Heading(2), "Girls basketball", false),
            block(BlockKind::Paragraph, "Palm Bay d. Rockledge 70-44", false),
            block(BlockKind::Paragraph, long, false),
        ];
        title_and_byline(&mut blocks, Opening::default(), &s);
        assert_eq!(blocks[0].drop, Some(Rule::ShortFragment));
        assert_eq!(blocks[1].drop, None);
        assert_eq!(blocks[2].drop, None);
    }

    #[test]
    fn only_the_pages_headline_opens_the_article() {
        let s = Strictness::for_focus(crate::Focus::Balanced);
        let long = "The council agreed on Tuesday to keep the library open on Sundays, after a year in which visits rose by a third and the reading room was full most weekends.";
        let blocks = || {
            let mut h1 = block(BlockKind::Heading(1), "A case study of a bakery", false);
            h1.owner = 7;
            vec![
                block(BlockKind::Paragraph, long, false),
                h1,
                block(BlockKind::Paragraph, long, false),
                block(BlockKind::Paragraph, long, false),
            ]
        };
        // The page's headline opens it: what precedes it goes.
        let mut opened = blocks();
        let headline = Opening {
            title: None,
            headline: Some(7),
            titled_end: None,
        };
        title_and_byline(&mut opened, headline, &s);
        assert_eq!(opened[0].drop, Some(Rule::OutsideMainContent));
        // Another <h1> (a slide's, a card's) opens nothing.
        let mut kept = blocks();
        let elsewhere = Opening {
            title: None,
            headline: Some(3),
            titled_end: None,
        };
        title_and_byline(&mut kept, elsewhere, &s);
        assert_eq!(kept[0].drop, None);
        // A block repeating the title opens it wherever it stands.
        let mut titled = blocks();
        let title = Opening {
            title: Some("A case study of a bakery"),
            headline: None,
            titled_end: None,
        };
        title_and_byline(&mut titled, title, &s);
        assert_eq!(titled[0].drop, Some(Rule::OutsideMainContent));
        // An <h1> after a section of the article (a subheading and its
        // paragraphs: the page's own headline is an <h2>) opens nothing.
        let mut sectioned = blocks();
        sectioned.insert(0, block(BlockKind::Heading(2), "Why Sundays", false));
        sectioned.insert(1, block(BlockKind::Paragraph, long, false));
        sectioned.extend([0, 1].map(|_| block(BlockKind::Paragraph, long, false)));
        title_and_byline(&mut sectioned, headline, &s);
        assert!(sectioned
            .iter()
            .all(|b| b.drop != Some(Rule::OutsideMainContent)));
    }

    #[test]
    fn a_repeat_of_the_title_after_the_headline_opens_nothing() {
        let s = Strictness::for_focus(crate::Focus::Balanced);
        let long = "The council agreed on Tuesday to keep the library open on Sundays, after a year in which visits rose by a third and the reading room was full most weekends.";
        let title = "A case study of a bakery";
        // The introduction, then a box whose own heading repeats the
        // title, with more prose under it than the introduction has.
        let blocks = || {
            let mut repeat = block(BlockKind::Heading(2), title, false);
            repeat.owner = 9;
            vec![
                block(BlockKind::Paragraph, long, false),
                repeat,
                block(BlockKind::Paragraph, long, false),
                block(BlockKind::Paragraph, long, false),
            ]
        };
        let opening = |titled: bool| Opening {
            title: Some(title),
            headline: Some(2),
            titled_end: titled.then_some(3),
        };
        // The headline before the container said the title: the box's
        // repeat opens nothing and the introduction stays.
        let mut kept = blocks();
        title_and_byline(&mut kept, opening(true), &s);
        assert_eq!(kept[0].drop, None);
        // A headline that says something else (a section's name) does not
        // stand for the title: its repeat opens the article.
        let mut opened = blocks();
        title_and_byline(&mut opened, opening(false), &s);
        assert_eq!(opened[0].drop, Some(Rule::OutsideMainContent));
        // A headline after the repeat does not make it a later one.
        let mut later = blocks();
        title_and_byline(
            &mut later,
            Opening {
                headline: Some(12),
                titled_end: Some(13),
                ..opening(true)
            },
            &s,
        );
        assert_eq!(later[0].drop, Some(Rule::OutsideMainContent));
        // A block inside the headline (its text in a `<div>`) is the
        // headline's own, not a later repeat.
        let mut inside = blocks();
        title_and_byline(
            &mut inside,
            Opening {
                headline: Some(8),
                titled_end: Some(10),
                ..opening(true)
            },
            &s,
        );
        assert_eq!(inside[0].drop, Some(Rule::OutsideMainContent));
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
        title_and_byline(&mut blocks, Opening::default(), &s);
        assert_eq!(blocks[0].drop, None);
    }
}
