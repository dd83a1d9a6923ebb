//! Boilerplate removal, in two kinds of rule: element rules that remove
//! whole subtrees before the main content is chosen ([`prune`]), and block
//! rules that judge the blocks of the chosen content by their shape and
//! their context in reading order ([`filter_blocks`]). Vocabularies live in
//! [`vocab`] as data.

mod cards;
mod consent;
mod cta;
mod dek;
mod prune;
mod shape;
mod teaser;
mod terminator;
mod vocab;

pub(crate) use cards::remove_cards;
pub(crate) use prune::{never_content, prune, Pruned};

use crate::config::Focus;
use crate::dom::{Dom, Ix};
use crate::segment::Block;

/// Thresholds that move with [`Focus`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Strictness {
    /// Link density above which a block is a link list.
    pub link_density: f32,
    /// Longest block that a call-to-action phrase can condemn.
    pub cta_max_chars: u32,
    /// Shortest block that counts as strong article text.
    pub strong_chars: u32,
}

impl Strictness {
    pub fn for_focus(focus: Focus) -> Self {
        match focus {
            Focus::Precision => Strictness {
                link_density: 0.4,
                cta_max_chars: 400,
                strong_chars: 150,
            },
            Focus::Balanced => Strictness {
                link_density: 0.5,
                cta_max_chars: 300,
                strong_chars: 120,
            },
            Focus::Recall => Strictness {
                link_density: 0.7,
                cta_max_chars: 200,
                strong_chars: 80,
            },
        }
    }
}

/// Runs every block rule over the blocks of the main content, marking
/// dropped blocks with the rule that dropped them.
pub(crate) fn filter_blocks(
    dom: &Dom,
    pruned: &Pruned,
    root: Ix,
    blocks: &mut [Block],
    title: Option<&str>,
    focus: Focus,
) {
    let s = Strictness::for_focus(focus);
    shape::title_and_byline(blocks, title, &s);
    dek::deck(dom, blocks, &s);
    shape::junk_lines(blocks);
    shape::repeats_and_credits(dom, blocks);
    cta::calls_to_action(blocks, &s);
    consent::consent_notices(blocks);
    teaser::teasers(blocks);
    teaser::trailing_cards(blocks, &s);
    terminator::terminated_sections(dom, pruned, root, blocks, &s);
    shape::link_lists(blocks, &s);
}

/// Whether a block reads as article prose: long enough, mostly not links,
/// ending like a sentence.
pub(crate) fn is_strong(b: &Block, s: &Strictness) -> bool {
    b.weight() >= s.strong_chars
        && b.link_density() < 0.3
        && !b.is_heading()
        && !teaser::ends_with_ellipsis(&b.text)
}

/// Lower-cased text without surrounding punctuation, for matching short
/// lines against vocabularies.
pub(crate) fn normalized(text: &str) -> String {
    text.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
