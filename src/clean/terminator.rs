//! Terminating lines: a short line such as "Related", "More stories" or
//! "Comments" marks the start of non-article material. After a soft one,
//! the weak blocks that follow go, until strong prose resumes; after a hard
//! one (comments), everything that follows in its section goes.

use super::vocab::{HARD_TERMINATORS, SOFT_TERMINATORS};
use crate::block::{Block, BlockKind};
use crate::dom::normalized;
use crate::dom::Pruned;
use crate::dom::{Dom, Ix};
use crate::tuning::Strictness;
use crate::Rule;

/// Longest terminating line ("Related", "More from the Daily").
const MAX_TERMINATOR_CHARS: u32 = 50;
/// Most words of a "more …" line ("More Politics", "More from the Daily").
const MAX_MORE_WORDS: usize = 4;
/// Most words of a "you may also like" line ("If you liked this post you
/// might also like").
const MAX_RECOMMEND_WORDS: usize = 9;
/// Shortest plain sentence that shows article prose has resumed.
const MIN_SENTENCE_CHARS: u32 = 60;
/// How far past a terminator the next kept block is looked for.
const LOOKAHEAD: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Terminator {
    Soft,
    Hard,
}

fn terminator(b: &Block) -> Option<Terminator> {
    // A table header or a list item saying "Comment" labels data.
    if b.chars > MAX_TERMINATOR_CHARS
        || !matches!(b.kind, BlockKind::Paragraph | BlockKind::Heading(_))
    {
        return None;
    }
    phrase(b.normalized())
}

/// Whether a normalized short line is a terminating phrase.
fn phrase(t: &str) -> Option<Terminator> {
    let t = t.trim_end_matches(':');
    if HARD_TERMINATORS.contains(&t) || is_comment_count(t) {
        return Some(Terminator::Hard);
    }
    // "More Politics", "More from the Daily": a short "more …" line.
    let more = t.starts_with("more ") && t.split(' ').count() <= MAX_MORE_WORDS;
    let soft = more
        || recommends(t)
        || SOFT_TERMINATORS.iter().any(|p| {
            t == *p
                || (t.starts_with(p)
                    && t[p.len()..].starts_with([' ', ':'])
                    && p.starts_with("more"))
        });
    soft.then_some(Terminator::Soft)
}

/// "You might also be interested in", "Other posts you may enjoy": a short
/// line that tells the reader what else they may like. "You may/might" is
/// followed by "also", or the liking ends the line; a heading that names
/// its own subject ("Why you might love Lisbon") does neither.
fn recommends(t: &str) -> bool {
    let words: Vec<&str> = t.split(' ').collect();
    let liking = |w: &[&str]| {
        matches!(
            w,
            [.., "like" | "enjoy" | "love"] | [.., "interested", "in"]
        )
    };
    words.len() <= MAX_RECOMMEND_WORDS
        && !words.contains(&"not")
        && words.windows(2).enumerate().any(|(i, w)| {
            let rest = &words[i + 2..];
            w[0] == "you"
                && matches!(w[1], "may" | "might")
                && (rest.first() == Some(&"also") || liking(rest))
        })
}

/// "12 comments", "3 responses".
fn is_comment_count(t: &str) -> bool {
    let mut words = t.split(' ');
    matches!(
        (words.next(), words.next(), words.next()),
        (Some(n), Some("comments" | "comment" | "responses" | "replies"), None)
            if n.chars().all(|c| c.is_ascii_digit())
    )
}

/// The section a terminator opens: the smallest element around it that
/// also holds the next block, `blocks[next]`, judged on the blocks before
/// `blocks[before]`. `None` when that section also
/// holds article prose before the terminator (a flat layout), where only
/// the weak blocks after it can be judged.
fn section(
    dom: &Dom,
    root: Ix,
    blocks: &[Block],
    anchor: Ix,
    (before, next): (usize, usize),
    s: &Strictness,
) -> Option<Ix> {
    let next_owner = blocks.get(next)?.owner;
    let mut a = dom.parent(anchor)?;
    while !dom.contains(a, next_owner) {
        a = dom.parent(a)?;
    }
    if a == root || !dom.contains(root, a) {
        return None;
    }
    // Blocks of one section are contiguous in reading order; the
    // terminator's own block, if any, is not prose.
    let prose_before = blocks[..before]
        .iter()
        .rev()
        .take_while(|b| dom.contains(a, b.owner))
        .any(|b| b.is_strong(s));
    (!prose_before).then_some(a)
}

/// Drops the blocks from `from` on that lie in `section`; returns the
/// index of the first block past it.
fn drop_section(dom: &Dom, blocks: &mut [Block], section: Ix, from: usize) -> usize {
    let mut j = from;
    while j < blocks.len() && dom.contains(section, blocks[j].owner) {
        blocks[j].drop.get_or_insert(Rule::SectionAfterTerminator);
        j += 1;
    }
    j
}

/// Headings that pruning removed by their name (a "relatedpoststitle")
/// but that read as a terminator still open their section: the teasers
/// under a removed "You may like" heading go with it.
fn removed_headings(dom: &Dom, pruned: &Pruned, root: Ix, blocks: &mut [Block], s: &Strictness) {
    let mut ix = root;
    while ix < dom.end(root) {
        let Some(rule) = pruned.rule[ix as usize] else {
            ix += 1;
            continue;
        };
        if rule != Rule::Hidden && dom.tag(ix).is_some_and(crate::dom::is_heading) {
            let text = crate::dom::text_of(dom, ix);
            let chars = text.chars().filter(|c| !c.is_whitespace()).count();
            let soft = chars <= MAX_TERMINATOR_CHARS as usize
                && phrase(&normalized(&text)) == Some(Terminator::Soft);
            let next = blocks.partition_point(|b| b.first < ix);
            if soft {
                if let Some(a) = section(dom, root, blocks, ix, (next, next), s) {
                    drop_section(dom, blocks, a, next);
                }
            }
        }
        ix = dom.end(ix);
    }
}

/// A plain sentence of prose: no links, long enough, ending like a sentence.
fn is_sentence(b: &Block) -> bool {
    b.link_chars == 0
        && b.chars >= MIN_SENTENCE_CHARS
        && !b.is_heading()
        && crate::dom::ends_sentence(&b.text)
}

pub(crate) fn terminated_sections(
    dom: &Dom,
    pruned: &Pruned,
    root: Ix,
    blocks: &mut [Block],
    s: &Strictness,
) {
    removed_headings(dom, pruned, root, blocks, s);
    let mut i = 0;
    while i < blocks.len() {
        // A terminator that another rule already dropped (a lone
        // "Newsletter" line is also a call to action) still ends its section.
        let Some(kind) = terminator(&blocks[i]) else {
            i += 1;
            continue;
        };
        let next_live =
            (i + 1..blocks.len().min(i + 1 + LOOKAHEAD)).find(|&j| blocks[j].drop.is_none());
        match kind {
            Terminator::Hard => {
                for b in &mut blocks[i..] {
                    b.drop.get_or_insert(Rule::Comments);
                }
                return;
            }
            Terminator::Soft => {
                if let Some(a) = section(dom, root, blocks, blocks[i].owner, (i, i + 1), s) {
                    blocks[i].drop.get_or_insert(Rule::SectionAfterTerminator);
                    i = drop_section(dom, blocks, a, i + 1);
                    continue;
                }
                // A subheading that happens to say "Latest" is followed by prose.
                if next_live.is_some_and(|j| blocks[j].is_strong(s)) {
                    i += 1;
                    continue;
                }
                blocks[i].drop.get_or_insert(Rule::SectionAfterTerminator);
                let mut j = i + 1;
                while j < blocks.len() && !blocks[j].is_strong(s) && !is_sentence(&blocks[j]) {
                    blocks[j].drop.get_or_insert(Rule::SectionAfterTerminator);
                    j += 1;
                }
                i = j;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recommendation_lines_are_soft_terminators() {
        for line in [
            "you might also be interested in",
            "you may also enjoy",
            "other posts you may enjoy",
            "if you liked this post you might also like",
            "you may also like",
            "about the author",
            "about the authors:",
        ] {
            assert_eq!(phrase(line), Some(Terminator::Soft), "{line}");
        }
    }

    #[test]
    fn sentences_that_speak_of_what_you_may_do_are_not() {
        for line in [
            "you might want to do this if",
            "you may still have a valid claim if",
            "you may like the idea of a four day week but few employers offer one yet",
            "why you might love lisbon",
            "places you may not like",
        ] {
            assert_eq!(phrase(line), None, "{line}");
        }
    }
}
