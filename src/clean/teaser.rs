//! Teasers: a short headline followed by a snippet cut off with an
//! ellipsis, the shape of "more stories" cards whatever their markup.

use crate::block::{Block, BlockKind};
use crate::tuning::Strictness;
use crate::Rule;

/// Longest snippet that counts as a teaser's truncated summary.
const MAX_SNIPPET_CHARS: u32 = 400;
/// Longest headline of a teaser.
const MAX_HEADLINE_CHARS: u32 = 200;
/// Shortest snippet of a lone teaser: a summary long enough to have been
/// cut off.
const MIN_SNIPPET_CHARS: u32 = 50;
/// Shortest snippet in a run of teasers: the run itself is the evidence,
/// so a snippet cut after a few words counts.
const MIN_RUN_SNIPPET_CHARS: u32 = 10;
/// Link density above which a short line is a headline: mostly link.
const HEADLINE_LINK_DENSITY: f32 = 0.6;
/// Link density above which a snippet or a lone pair's headline points
/// elsewhere: more link than not.
const LINKED_DENSITY: f32 = 0.5;
/// Headline + snippet pairs that are teasers even unlinked: prose does not
/// repeat that shape.
const MIN_PAIRS: usize = 2;

/// A card's headline, or the date or label between headline and snippet;
/// judged whether or not another rule already dropped it.
fn is_headline(b: &Block) -> bool {
    if b.chars > MAX_HEADLINE_CHARS {
        return false;
    }
    if b.is_heading() || b.link_density() > HEADLINE_LINK_DENSITY {
        return true;
    }
    let t = b.text.trim_end();
    !(t.ends_with('.') || t.ends_with(':') || t.ends_with(','))
}

fn is_snippet(b: &Block, min_chars: u32) -> bool {
    b.drop.is_none()
        && (min_chars..=MAX_SNIPPET_CHARS).contains(&b.chars)
        && crate::block::ends_with_ellipsis(&b.text)
}

/// Drops headline + snippet pairs, whatever the snippet's length, the
/// ellipsis (`...` or `…`), the heading level or the markup around them.
/// Two or more pairs always go, since article prose does not repeat that
/// shape. One pair alone goes only when its headline is a link (a card
/// pointing elsewhere) shorter than a snippet long enough to have been
/// cut off.
pub(crate) fn teasers(blocks: &mut [Block]) {
    let mut pairs = Vec::new();
    for i in 1..blocks.len() {
        if is_snippet(&blocks[i], MIN_RUN_SNIPPET_CHARS) && is_headline(&blocks[i - 1]) {
            pairs.push(i);
        }
    }
    let lone_snippets: Vec<usize> = (0..blocks.len())
        .filter(|&i| {
            is_snippet(&blocks[i], MIN_SNIPPET_CHARS) && blocks[i].link_density() > LINKED_DENSITY
        })
        .collect();
    let all = pairs.len() >= MIN_PAIRS;
    for &i in &pairs {
        let lone_card = blocks[i - 1].link_density() > LINKED_DENSITY
            && blocks[i].chars >= MIN_SNIPPET_CHARS
            && blocks[i - 1].chars < blocks[i].chars;
        if all || lone_card {
            blocks[i - 1].drop.get_or_insert(Rule::Teaser);
            blocks[i].drop = Some(Rule::Teaser);
        }
    }
    for i in lone_snippets {
        blocks[i].drop.get_or_insert(Rule::Teaser);
    }
}

/// Longest snippet under a linked headline in a trailing list of cards.
const MAX_CARD_SNIPPET_CHARS: u32 = 300;
/// Fewest cards that make a trailing list.
const MIN_TRAILING_CARDS: usize = 3;
/// Longest linked line that is a headline or a topic label; a longer one
/// is a sentence.
const MAX_LINKED_LINE_CHARS: u32 = 120;
/// Most short lines under a linked heading (a summary, a label, the next
/// card's kicker); no card has more.
const MAX_UNDER_HEADING: usize = 3;
/// Most short lines under a linked line that is not a heading.
const MAX_UNDER_LINE: usize = 2;

/// A linked headline: a heading or short line that is all link (a linked
/// topic label counts too: it is no more article text than a headline).
fn is_linked_headline(b: &Block) -> bool {
    b.chars <= MAX_HEADLINE_CHARS
        && b.link_density() > HEADLINE_LINK_DENSITY
        && (b.is_heading() || b.chars <= MAX_LINKED_LINE_CHARS)
        && b.kind != BlockKind::Cell
}

/// The list of stories that closes many pages: linked headlines, each with
/// a few short lines under it (a summary in full, not cut off, a label,
/// the next card's kicker): at most three under a linked heading, two
/// short ones under a linked line. When at least three such cards close the content, with
/// no article prose after them, the cards go.
pub(crate) fn trailing_cards(blocks: &mut [Block], s: &Strictness) {
    let mut start = blocks.len();
    let mut cards = 0;
    let mut under = 0;
    let mut prose_under = false;
    for i in (0..blocks.len()).rev() {
        let b = &blocks[i];
        // A linked line right under a linked heading is that card's label.
        let label = !b.is_heading()
            && i > 0
            && blocks[i - 1].is_heading()
            && is_linked_headline(&blocks[i - 1]);
        if is_linked_headline(b) && !label {
            // A linked line with prose under it is a source or a call to
            // action between the article's paragraphs, not a card.
            let fits = if b.is_heading() {
                under <= MAX_UNDER_HEADING
            } else {
                under <= MAX_UNDER_LINE && !prose_under
            };
            if !fits {
                break;
            }
            cards += 1;
            under = 0;
            prose_under = false;
            start = i;
        } else if b.drop.is_some() && cards == 0 {
            // Dropped material closing the page (a footer line).
            continue;
        } else if b.drop.is_some()
            || (b.chars <= MAX_CARD_SNIPPET_CHARS && (cards > 0 || !b.is_strong(s)))
        {
            under += 1;
            prose_under |= b.is_strong(s);
            if under > MAX_UNDER_HEADING {
                break;
            }
        } else {
            break;
        }
    }
    if cards < MIN_TRAILING_CARDS {
        return;
    }
    for b in &mut blocks[start..] {
        b.drop.get_or_insert(Rule::Teaser);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ellipsis_forms() {
        assert!(crate::block::ends_with_ellipsis("It was cut off..."));
        assert!(crate::block::ends_with_ellipsis("It was cut off…"));
        assert!(crate::block::ends_with_ellipsis("He said \"wait...\""));
        assert!(!crate::block::ends_with_ellipsis("A full sentence."));
    }

    fn block(kind: BlockKind, text: &str, linked: bool) -> Block {
        Block::for_test(kind, text, linked)
    }

    const PROSE: &str = "The council voted on Tuesday to keep the library open on Sundays, after a year in which visits rose by a third and the reading room was full most weekends.";

    fn cards(n: usize) -> Vec<Block> {
        let mut blocks = vec![block(BlockKind::Paragraph, PROSE, false)];
        for k in 0..n {
            blocks.push(block(
                BlockKind::Heading(3),
                &format!("Story number {k} about the harbour"),
                true,
            ));
            blocks.push(block(
                BlockKind::Paragraph,
                "A summary written in full, one sentence long.",
                false,
            ));
            blocks.push(block(BlockKind::Paragraph, "Filed under local news", false));
        }
        blocks
    }

    #[test]
    fn three_linked_cards_closing_the_content_go() {
        let mut blocks = cards(3);
        trailing_cards(&mut blocks, &Strictness::for_focus(crate::Focus::Balanced));
        assert_eq!(blocks[0].drop, None);
        assert!(blocks[1..].iter().all(|b| b.drop == Some(Rule::Teaser)));
    }

    #[test]
    fn two_cards_or_prose_after_them_stay() {
        let mut two = cards(2);
        trailing_cards(&mut two, &Strictness::for_focus(crate::Focus::Balanced));
        assert!(two.iter().all(|b| b.drop.is_none()));
        let mut followed = cards(3);
        followed.push(block(BlockKind::Paragraph, PROSE, false));
        trailing_cards(
            &mut followed,
            &Strictness::for_focus(crate::Focus::Balanced),
        );
        assert!(followed.iter().all(|b| b.drop.is_none()));
    }

    #[test]
    fn sources_linked_under_quoted_prose_stay() {
        // Quotes from reviews, each followed by its linked source: the
        // article's own structure, not a list of cards.
        let mut blocks = vec![block(BlockKind::Paragraph, PROSE, false)];
        for source in ["[ Engadget ]", "[ The Verge ]", "[ Wired ]", "[ CNET ]"] {
            blocks.push(block(BlockKind::Paragraph, PROSE, false));
            blocks.push(block(BlockKind::Paragraph, source, true));
        }
        trailing_cards(&mut blocks, &Strictness::for_focus(crate::Focus::Balanced));
        let kept = blocks.iter().filter(|b| b.drop.is_none()).count();
        assert!(kept >= blocks.len() - 1, "{kept} of {} kept", blocks.len());
    }

    #[test]
    fn cards_with_kicker_label_and_summary_go() {
        let mut blocks = vec![block(BlockKind::Paragraph, PROSE, false)];
        for k in 0..4 {
            blocks.push(block(BlockKind::Paragraph, "REINDEER GAMES", false));
            blocks.push(block(
                BlockKind::Heading(2),
                &format!("Story {k} about herding reindeer"),
                true,
            ));
            blocks.push(block(
                BlockKind::Paragraph,
                "2 diggs example.org Science",
                true,
            ));
            blocks.push(block(
                BlockKind::Paragraph,
                "The herders had never protested. Until now.",
                false,
            ));
        }
        trailing_cards(&mut blocks, &Strictness::for_focus(crate::Focus::Balanced));
        assert_eq!(blocks[0].drop, None);
        // From the first card's headline on, everything goes.
        assert!(blocks[2..].iter().all(|b| b.drop == Some(Rule::Teaser)));
    }
}
