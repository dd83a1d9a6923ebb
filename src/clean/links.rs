//! Link lists: blocks that are mostly links, unless one whole sentence.

use crate::block::{Block, BlockKind};
use crate::tuning::Strictness;
use crate::Rule;

/// Length from which a paragraph with many inline links is still prose,
/// judged against [`PROSE_LINK_DENSITY`] instead of the focus's limit.
const LONG_PARAGRAPH_CHARS: u32 = 150;
/// Link density a long paragraph may reach (a summary that links every
/// source it names).
const PROSE_LINK_DENSITY: f32 = 0.75;
/// Words of a whole linked sentence: shorter is a headline or a label,
/// longer a paragraph that should not be all one link.
const LINKED_SENTENCE_WORDS: std::ops::RangeInclusive<usize> = 8..=40;

/// Blocks that are mostly links (menus, lists of stories) go, except the
/// items of a list the article's prose announces ([`announces_list`]):
/// the resources, addresses or sources a sentence leads into are the
/// article's own.
pub(crate) fn link_lists(blocks: &mut [Block], s: &Strictness) {
    let mut announced = false;
    for b in blocks.iter_mut() {
        let item = b.kind == BlockKind::ListItem;
        if b.drop.is_none() && !(item && announced) {
            let limit = if b.chars > LONG_PARAGRAPH_CHARS {
                s.link_density.max(PROSE_LINK_DENSITY)
            } else {
                s.link_density
            };
            if b.kind != BlockKind::Preformatted && b.link_density() > limit && !linked_sentence(b)
            {
                b.drop = Some(Rule::LinkList);
            }
        }
        // Judged once its own fate is known: a paragraph that went as
        // links announces nothing.
        if !item {
            announced = announces_list(b);
        }
    }
}

/// Gives back to an article the linked headings that [`link_lists`] took
/// and that open a section of its prose: a heading that links to what it
/// names (a listicle's "3. Nikon Z6", linked to the shop; a story's title
/// on a page of stories with their summaries) with a paragraph of prose
/// under it. Run once the page is known to be one article: while that is
/// being decided, a run of linked headings counts as a list's items.
/// A teaser's headline over a snippet ending in an ellipsis stays
/// dropped: the snippet is not strong prose.
pub(crate) fn section_headings(blocks: &mut [Block], s: &Strictness) {
    for i in 0..blocks.len() {
        if blocks[i].drop == Some(Rule::LinkList) && opens_section(blocks, i, s) {
            blocks[i].drop = None;
        }
    }
}

/// Whether block `i` is a heading followed, up to the next heading, by a
/// kept paragraph of prose.
fn opens_section(blocks: &[Block], i: usize, s: &Strictness) -> bool {
    blocks[i].is_heading()
        && crate::block::under_heading(blocks, i)
            .any(|b| b.drop.is_none() && b.kind == BlockKind::Paragraph && b.is_strong(s))
}

/// Fewest words of a sentence that announces a list: a label ("Related:",
/// "See also:", "You may also like:") is shorter.
const MIN_ANNOUNCING_WORDS: usize = 6;
/// Link density under which an announcing sentence is prose of its own.
const MAX_ANNOUNCING_LINK_DENSITY: f32 = 0.5;

/// Whether a kept paragraph leads into the list after it: a sentence of
/// prose ending in a colon ("Additional resources on climate change and
/// gardening:").
fn announces_list(b: &Block) -> bool {
    b.drop.is_none()
        && b.kind == BlockKind::Paragraph
        && b.text.trim_end().ends_with(':')
        && b.text.split_whitespace().count() >= MIN_ANNOUNCING_WORDS
        && b.link_density() < MAX_ANNOUNCING_LINK_DENSITY
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
    b.kind == BlockKind::Paragraph && LINKED_SENTENCE_WORDS.contains(&words) && one_sentence
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_list_announced_by_a_sentence_stays() {
        let p = BlockKind::Paragraph;
        let li = BlockKind::ListItem;
        let s = Strictness::for_focus(crate::Focus::Balanced);
        let items = [
            "Arbor Day Foundation: planting trees",
            "Native Plant Trust: gardening guides",
        ];
        let list = |lead: &str| {
            let mut blocks = vec![block(p, lead, false)];
            blocks.extend(items.map(|t| block(li, t, true)));
            blocks.push(block(p, "Back to the garden guides", false));
            blocks.push(block(li, "Next in the series", true));
            blocks
        };
        let mut announced = list("Additional resources on climate change and gardening:");
        link_lists(&mut announced, &s);
        assert_eq!(announced[1].drop, None);
        assert_eq!(announced[2].drop, None);
        // A paragraph that does not lead into it ends the list's reprieve.
        assert_eq!(announced[4].drop, Some(Rule::LinkList));
        // A label is not a sentence that announces.
        let mut labelled = list("See also:");
        link_lists(&mut labelled, &s);
        assert_eq!(labelled[1].drop, Some(Rule::LinkList));
        assert_eq!(labelled[2].drop, Some(Rule::LinkList));
    }

    #[test]
    fn a_linked_heading_over_its_own_prose_opens_a_section() {
        let h = BlockKind::Heading(2);
        let p = BlockKind::Paragraph;
        let long = "The deepest lugs of the four bite into mud without clogging, because they are \
                    spaced wide enough for the sole to flex the muck back out at every step, even \
                    on the wettest peat of the loop.";
        let snippet = "Short routes that stay runnable when the days are short...";
        let mut blocks = vec![
            // A list item that is all link, over prose.
            block(BlockKind::ListItem, "Buy the Marsh Runner", true),
            block(p, long, false),
            block(p, long, false),
            // A shoe's heading over two paragraphs of the review.
            block(h, "1. Marsh Runner 3", true),
            block(p, long, false),
            block(p, long, false),
            // A teaser's headline over one snippet.
            block(h, "Five winter loops", true),
            block(p, snippet, false),
            // A heading whose paragraphs went for another rule.
            block(h, "Sponsored picks", true),
            block(p, long, false),
            block(p, long, false),
            // A story's title over its summary, on a page of stories.
            block(h, "Trail crews reopen the ridge path", true),
            block(p, long, false),
            // A heading over a short label only.
            block(h, "Gear", true),
            block(p, "Shoes, poles and maps", false),
        ];
        for b in &mut blocks {
            if b.link_chars == b.chars && b.chars > 0 {
                b.drop = Some(Rule::LinkList);
            }
        }
        blocks[9].drop = Some(Rule::Advertisement);
        blocks[10].drop = Some(Rule::Advertisement);
        section_headings(&mut blocks, &Strictness::for_focus(crate::Focus::Balanced));
        assert_eq!(blocks[0].drop, Some(Rule::LinkList));
        assert_eq!(blocks[3].drop, None);
        assert_eq!(blocks[6].drop, Some(Rule::LinkList));
        assert_eq!(blocks[8].drop, Some(Rule::LinkList));
        assert_eq!(blocks[11].drop, None);
        assert_eq!(blocks[13].drop, Some(Rule::LinkList));
    }
}
