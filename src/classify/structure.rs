//! What a page's structure says of its kind, measured on the live tree:
//! how much of its text is prose in one container, and the largest run of
//! repeated siblings (cards of a listing, posts of a thread).

use html5ever::local_name;

use crate::dom::{Dom, Ix, Measures, Pruned};

/// Fewest members a run of repeated siblings needs to count as cards.
pub(crate) const MIN_CARDS: usize = 3;

/// Shortest text of a card.
const MIN_CARD_CHARS: u32 = 20;

/// Most distinct tag-and-class groups followed under one parent: enough
/// for any real layout, and a bound on the work for a hostile one.
const MAX_GROUPS: usize = 16;

/// Shortest paragraph text of a post.
const MIN_POST_PROSE: f32 = 60.0;

/// Characters of running prose from which a paragraph is a long one: a
/// few sentences, more than a blurb under a section's heading.
const LONG_PARAGRAPH: f32 = 150.0;

/// The largest run of repeated siblings on a page: elements of the same
/// tag and class under one parent.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Repeats {
    /// How many there are.
    pub count: usize,
    /// Their text.
    pub chars: u32,
    /// Their text inside links.
    pub link_chars: u32,
    /// Members whose own paragraph text reads as a post or a review.
    pub with_prose: usize,
}

/// The structural measures of a page.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Structure {
    /// Live text of the body.
    pub chars: u32,
    /// Paragraph text of the container chosen for an article, before
    /// teaser cards are removed.
    pub container_prose: f32,
    /// The largest run of cards (by text).
    pub cards: Repeats,
    /// Live `<pre>` blocks.
    pub code_blocks: u32,
    /// Paragraphs of the article container with at least
    /// [`LONG_PARAGRAPH`] characters of running prose: how much of a
    /// narrative the container is. Once teaser cards are removed, counted
    /// again in what the article reading keeps.
    pub long_paragraphs: usize,
}

/// Measures the live tree. `good` is the paragraph text of every subtree,
/// `container` the element an article would be read from.
pub(crate) fn measure(
    dom: &Dom,
    pruned: &Pruned,
    live: &Measures,
    good: &[f32],
    container: Ix,
) -> Structure {
    let body = dom.body();
    let mut s = Structure {
        chars: live.chars[body as usize],
        container_prose: good[container as usize],
        long_paragraphs: long_paragraphs(dom, good, container),
        ..Structure::default()
    };
    for ix in body..dom.end(body) {
        if !pruned.alive(ix) {
            continue;
        }
        match dom.tag(ix) {
            Some(&local_name!("pre")) => s.code_blocks += 1,
            Some(_) => {
                let r = repeats(dom, pruned, live, good, ix);
                if r.count >= MIN_CARDS && r.chars > s.cards.chars {
                    s.cards = r;
                }
            }
            None => {}
        }
    }
    s
}

/// Elements under `container` whose own paragraph text (their subtree's
/// less their children's) is a long paragraph.
pub(crate) fn long_paragraphs(dom: &Dom, good: &[f32], container: Ix) -> usize {
    (container..dom.end(container))
        .filter(|&ix| {
            let children: f32 = dom.children(ix).map(|c| good[c as usize]).sum();
            good[ix as usize] - children >= LONG_PARAGRAPH
        })
        .count()
}

/// Elements that hold a card or a post: containers, not runs of text.
fn is_card_tag(dom: &Dom, ix: Ix) -> bool {
    matches!(
        dom.tag(ix),
        Some(
            &local_name!("div")
                | &local_name!("li")
                | &local_name!("article")
                | &local_name!("section")
                | &local_name!("tr")
                | &local_name!("dl")
                | &local_name!("figure")
                | &local_name!("a")
        )
    )
}

/// The largest group of `parent`'s live children that share a tag and a
/// class, counting only members with text of their own.
fn repeats(dom: &Dom, pruned: &Pruned, live: &Measures, good: &[f32], parent: Ix) -> Repeats {
    let mut groups: Vec<(Ix, Repeats)> = Vec::new();
    for c in dom.children(parent) {
        if !pruned.alive(c) || !is_card_tag(dom, c) || live.chars[c as usize] < MIN_CARD_CHARS {
            continue;
        }
        let key = c;
        let same = |k: Ix| {
            dom.tag(k) == dom.tag(c)
                && dom.attr(k, "class").unwrap_or("") == dom.attr(c, "class").unwrap_or("")
        };
        let i = match groups.iter().position(|(k, _)| same(*k)) {
            Some(i) => i,
            None if groups.len() >= MAX_GROUPS => continue,
            None => {
                groups.push((key, Repeats::default()));
                groups.len() - 1
            }
        };
        let g = &mut groups[i].1;
        g.count += 1;
        g.chars += live.chars[c as usize];
        g.link_chars += live.link_chars[c as usize];
        g.with_prose += usize::from(good[c as usize] >= MIN_POST_PROSE);
    }
    groups
        .into_iter()
        .map(|(_, r)| r)
        .max_by_key(|r| r.chars)
        .unwrap_or_default()
}
