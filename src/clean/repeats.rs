//! Repeats: a passage or a block shown twice (a layout copy of the text, a
//! caption above and below its image, a pull quote), and photo credits.

use super::vocab::{CAPTION_TOGGLES, CREDIT_LABELS};
use crate::block::{Block, BlockKind};
use crate::dom::Dom;
use crate::Rule;

/// Shortest block checked for repeats: shorter lines ("Share", "Photo")
/// recur in any page.
const MIN_REPEAT_CHARS: u32 = 20;
/// Shortest paragraph that, written twice in a row, is the author's
/// doing and stays.
const MIN_DELIBERATE_CHARS: u32 = 300;
/// Longest credit line ("Photo: Ann Lee").
const MAX_CREDIT_CHARS: u32 = 80;

/// A passage shown twice goes (see [`layout_copies`]), then a block
/// repeating an earlier one word for word (a caption shown twice, a pull
/// quote), and photo credits.
pub(crate) fn repeats_and_credits(dom: &Dom, blocks: &mut [Block]) {
    // Each block's text, hashed once for both passes.
    let keys: Vec<u64> = blocks.iter().map(|b| hash(&b.text)).collect();
    layout_copies(blocks, &keys);
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
        let key = keys[i];
        let previous = if b.chars >= MIN_REPEAT_CHARS && !b.text.trim_end().ends_with(['?', '？'])
        {
            seen.insert(key, i)
        } else {
            None
        };
        let deliberate =
            b.chars >= MIN_DELIBERATE_CHARS && previous.is_some() && previous == last_kept;
        // A paragraph met again sections later (a label opening each day
        // of a plan, the same step in two recipes) is structure the
        // article repeats, not a copy; values in generic boxes (a hidden
        // metadata copy) and captions are copies.
        let recurring = previous.is_some_and(|p| i - p > RECURRING_GAP)
            && !matches!(b.kind, BlockKind::Caption | BlockKind::ImageText)
            && dom.tag(b.owner).is_some_and(is_text_element);
        if previous.is_some() && !deliberate && !recurring {
            b.drop = Some(Rule::Repeated);
            continue;
        }
        if b.chars < MAX_CREDIT_CHARS {
            let t = b.normalized();
            let credit = CREDIT_LABELS.iter().any(|w| {
                t.starts_with(w) && t[w.len()..].starts_with([':', ' ']) && b.text.contains(':')
            });
            if credit || CAPTION_TOGGLES.contains(&t) {
                b.drop = Some(Rule::ShortFragment);
                continue;
            }
        }
        last_kept = Some(i);
    }
}

/// Fewest paragraphs of prose, each repeating a different earlier one, that
/// make a run of repeated blocks a layout copy of a passage rather than a
/// structure the page repeats (the same list in two price plans, the same
/// steps for two platforms).
const MIN_COPY_PARAGRAPHS: usize = 2;
/// Shortest block counted as a paragraph of prose in a copy.
const MIN_COPY_PARAGRAPH_CHARS: u32 = 150;

/// A passage shown twice (the article's text in a desktop and a mobile
/// layout, one of them hidden by a style sheet): a run of blocks in a row
/// that each repeat an earlier block goes whole, its labels and questions
/// with it, however far from the first copy it stands.
fn layout_copies(blocks: &mut [Block], keys: &[u64]) {
    // For each block kept so far, where the first block with its text
    // stands (kept or not: a copy of a removed deck is a copy).
    let mut first = std::collections::HashMap::new();
    let (live, origin): (Vec<usize>, Vec<usize>) = (0..blocks.len())
        .map(|i| (i, *first.entry(keys[i]).or_insert(i)))
        .filter(|&(i, _)| blocks[i].drop.is_none())
        .unzip();
    let repeat = |n: usize| origin[n] != live[n];
    // A run is made of repeats long enough to be told apart from labels.
    let member: Vec<bool> = (0..live.len())
        .map(|n| repeat(n) && blocks[live[n]].chars >= MIN_REPEAT_CHARS)
        .collect();
    let mut start = 0;
    while start < live.len() {
        let len = member[start..].iter().take_while(|&&m| m).count();
        // Copies of different paragraphs: one paragraph written again and
        // again (a placeholder text) is the page's own.
        let mut distinct: Vec<usize> = origin[start..start + len]
            .iter()
            .copied()
            .filter(|&o| blocks[o].chars >= MIN_COPY_PARAGRAPH_CHARS)
            .collect();
        distinct.sort_unstable();
        distinct.dedup();
        if distinct.len() < MIN_COPY_PARAGRAPHS {
            start += len.max(1);
            continue;
        }
        // The copy reaches over the short repeats around the run (a
        // subheading, "Background") and the repeats beyond them.
        let mut from = start;
        while from > 0 && repeat(from - 1) {
            from -= 1;
        }
        let mut to = start + len;
        while to < live.len() && repeat(to) {
            to += 1;
        }
        for &i in &live[from..to] {
            blocks[i].drop = Some(Rule::Repeated);
        }
        start = to;
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

/// Times a short link must recur to be a button every card or post
/// repeats.
const MIN_LABEL_REPEATS: usize = 3;
/// Share of link text from which a short line is a link label.
const LABEL_LINK_SHARE: f32 = 0.5;

/// On a page of cards, sections or posts, a short link met three times or
/// more, each time to another address ("Read more", "Quick view", "Reply"),
/// is a button each unit repeats, not the units' content: the first stays,
/// the others go. A label whose links share an address is a tag the items
/// have in common ("Repairs", "Full-time"): their data, kept. Shorter than
/// the repeats [`repeats_and_credits`] judges, such lines are read only
/// when they are links.
pub(crate) fn repeated_labels(dom: &Dom, blocks: &mut [Block]) {
    drop_repeated_labels(blocks, |b| link_target(dom, b));
}

/// The address of the link a block's text starts in.
fn link_target<'d>(dom: &'d Dom, b: &Block) -> Option<&'d str> {
    let start =
        (b.first..=b.last).find(|&ix| dom.text(ix).is_some_and(|t| !t.trim().is_empty()))?;
    std::iter::successors(Some(start), |&ix| dom.parent(ix))
        .take_while(|&ix| ix >= b.owner)
        .find(|&ix| dom.tag(ix) == Some(&html5ever::local_name!("a")))
        .and_then(|a| dom.attr(a, "href"))
}

/// [`repeated_labels`], with `target` giving a block's link address; it
/// is asked only of labels that recur often enough to be buttons.
fn drop_repeated_labels<'d>(blocks: &mut [Block], target: impl Fn(&Block) -> Option<&'d str>) {
    let is_label = |b: &Block| {
        b.drop.is_none()
            && b.chars > 0
            && b.chars < MIN_REPEAT_CHARS
            && b.link_density() > LABEL_LINK_SHARE
    };
    let mut buttons: Vec<usize> = Vec::new();
    for at in recurring(blocks, is_label) {
        let mut seen = std::collections::HashSet::new();
        let distinct = at
            .iter()
            .all(|&i| target(&blocks[i]).is_none_or(|t| seen.insert(t)));
        if distinct {
            buttons.extend(&at[1..]);
        }
    }
    for i in buttons {
        blocks[i].drop = Some(Rule::Repeated);
    }
}

/// Most words in a line a thread's posts repeat as their frame: a
/// poster's rank ("Full Member"), the labels of their counts ("Joined",
/// "Reaction score"), "Quote".
const MAX_POST_LABEL_WORDS: usize = 3;

/// In a thread, a short line met three times or more, word for word (as
/// [`Block::normalized`] gives it), is part of each post's frame (the
/// poster's panel, its labels and ranks), not of what the posts say: every
/// copy goes. What the posters write differs from post to post; a whole
/// reply that three posters write alike ("Same here") goes with the
/// frame. Code and table cells are exempt, where short lines (`import
/// time`, "Yes") recur by nature, and so are lines of symbols alone (an
/// emoji reply), which normalise to nothing.
pub(crate) fn post_labels(blocks: &mut [Block]) {
    let is_label = |b: &Block| {
        b.drop.is_none()
            && b.chars > 0
            && !matches!(b.kind, BlockKind::Preformatted | BlockKind::Cell)
            && b.text.split_whitespace().count() <= MAX_POST_LABEL_WORDS
    };
    for i in recurring(blocks, is_label).into_iter().flatten() {
        blocks[i].drop = Some(Rule::Repeated);
    }
}

/// The positions of the blocks `is_label` picks, grouped by their text
/// (as [`Block::normalized`] gives it), for each text met
/// [`MIN_LABEL_REPEATS`] times or more; text that normalises to nothing
/// (symbols alone) is no label.
fn recurring(blocks: &[Block], is_label: impl Fn(&Block) -> bool) -> Vec<Vec<usize>> {
    let mut groups: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    for (i, b) in blocks.iter().enumerate().filter(|(_, b)| is_label(b)) {
        groups.entry(b.normalized()).or_default().push(i);
    }
    groups
        .into_iter()
        .filter(|(text, at)| !text.is_empty() && at.len() >= MIN_LABEL_REPEATS)
        .map(|(_, at)| at)
        .collect()
}

fn hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(texts: &[&str]) -> Vec<Block> {
        texts
            .iter()
            .map(|t| Block::for_test(BlockKind::Paragraph, t, false))
            .collect()
    }

    fn keys(blocks: &[Block]) -> Vec<u64> {
        blocks.iter().map(|b| hash(&b.text)).collect()
    }

    fn kept(blocks: &[Block]) -> usize {
        blocks.iter().filter(|b| b.drop.is_none()).count()
    }

    const A: &str = "The harbour board voted on Tuesday to close the old ferry pier for two years while its timber piles are replaced, a repair that the engineers first asked for in the spring of last year.";
    const B: &str = "Ferries will berth at the container terminal's north quay in the meantime, and the operator says that crossings will take about ten minutes longer than they do today, because of the bridge.";
    const C: &str = "Foot passengers will board from a temporary pontoon reached by a covered walkway from the bus station, while cars will queue on the old rail yard beside the terminal building for the crossing.";
    const Q: &str = "What changes for passengers?";

    #[test]
    fn a_passage_shown_again_goes_whole() {
        let mut b = blocks(&[A, Q, B, "Menu", A, Q, B]);
        let k = keys(&b);
        layout_copies(&mut b, &k);
        assert_eq!(kept(&b), 4);
        // Reported as what it is: the page's text shown again.
        assert!(b[4..].iter().all(|b| b.drop == Some(Rule::Repeated)));
    }

    #[test]
    fn a_short_subheading_does_not_split_the_copy() {
        // The run of long repeats (B, C) makes the copy; it reaches back
        // over the short subheading to the first paragraph's copy.
        let mut b = blocks(&[A, "Background", B, C, "Menu", A, "Background", B, C]);
        let k = keys(&b);
        layout_copies(&mut b, &k);
        assert_eq!(kept(&b), 5);
        assert!(b[5..].iter().all(|b| b.drop.is_some()));
    }

    #[test]
    fn one_paragraph_written_again_and_again_stays() {
        let mut b = blocks(&[A, A, A, A]);
        let k = keys(&b);
        layout_copies(&mut b, &k);
        assert_eq!(kept(&b), 4);
    }

    #[test]
    fn a_short_list_shown_in_two_places_stays() {
        let items = [
            "Phone consultation",
            "Two rounds of revisions",
            "Word and PDF files",
        ];
        let mut texts = vec!["Basic plan"];
        texts.extend(items);
        texts.push("Premium plan");
        texts.extend(items);
        let mut b = blocks(&texts);
        let k = keys(&b);
        layout_copies(&mut b, &k);
        assert_eq!(kept(&b), texts.len());
    }

    fn card(title: &str) -> [Block; 2] {
        [
            Block::for_test(BlockKind::Heading(3), title, false),
            Block::for_test(BlockKind::Paragraph, "Read more", true),
        ]
    }

    /// The blocks' link addresses, by position (each block's `first`
    /// numbers it).
    fn by_position<'t>(
        blocks: &mut [Block],
        targets: &'t [Option<&'t str>],
    ) -> impl Fn(&Block) -> Option<&'t str> + 't {
        for (i, b) in blocks.iter_mut().enumerate() {
            b.first = i as crate::dom::Ix;
        }
        move |b: &Block| targets[b.first as usize]
    }

    fn read_more(b: &[Block]) -> usize {
        b.iter()
            .filter(|b| b.drop.is_none() && b.text == "Read more")
            .count()
    }

    #[test]
    fn a_link_every_card_repeats_to_its_own_page_is_read_once() {
        let mut b: Vec<Block> = ["Harbour", "Ferry", "Pier"]
            .iter()
            .flat_map(|t| card(t))
            .collect();
        let targets = [None, Some("/a"), None, Some("/b"), None, Some("/c")];
        let target = by_position(&mut b, &targets);
        drop_repeated_labels(&mut b, target);
        assert_eq!(read_more(&b), 1);
        // Each card's own title stays.
        assert_eq!(kept(&b), 4);
        // Twice is not a pattern.
        let mut two: Vec<Block> = ["Harbour", "Ferry"].iter().flat_map(|t| card(t)).collect();
        let target = by_position(&mut two, &targets[..4]);
        drop_repeated_labels(&mut two, target);
        assert_eq!(read_more(&two), 2);
    }

    #[test]
    fn a_tag_the_items_share_stays() {
        let mut b: Vec<Block> = ["Harbour", "Ferry", "Pier"]
            .iter()
            .flat_map(|t| card(t))
            .collect();
        // The same address twice: a category the items have in common.
        let targets = [None, Some("/tag"), None, Some("/tag"), None, Some("/c")];
        let target = by_position(&mut b, &targets);
        drop_repeated_labels(&mut b, target);
        assert_eq!(read_more(&b), 3);
    }

    #[test]
    fn a_value_the_items_repeat_in_plain_text_stays() {
        let mut b = blocks(&["Full-time", "Full-time", "Full-time", "Remote"]);
        drop_repeated_labels(&mut b, |_| None);
        assert_eq!(kept(&b), 4);
    }

    #[test]
    fn a_line_every_post_repeats_goes_with_its_first_copy() {
        let mut b = Vec::new();
        for said in [A, B, C] {
            b.extend(blocks(&["Joined", "Reaction score", said]));
        }
        post_labels(&mut b);
        assert!(b
            .iter()
            .all(|b| (b.drop == Some(Rule::Repeated)) == (b.text.len() < 20)));
        // Twice is not a pattern; a longer line is a poster's own.
        let mut b = blocks(&[
            "Joined",
            A,
            "Joined",
            B,
            "Thanks, that fixed it",
            "Thanks, that fixed it",
            "Thanks, that fixed it",
        ]);
        post_labels(&mut b);
        assert_eq!(kept(&b), b.len());
    }

    #[test]
    fn code_cells_and_symbols_repeating_a_short_line_stay() {
        for (kind, text) in [
            (BlockKind::Preformatted, "import time"),
            (BlockKind::Cell, "Yes"),
            (BlockKind::Paragraph, "👍"),
        ] {
            let mut b: Vec<Block> = (0..3).map(|_| Block::for_test(kind, text, false)).collect();
            post_labels(&mut b);
            assert_eq!(kept(&b), 3, "{text}");
        }
    }
}
