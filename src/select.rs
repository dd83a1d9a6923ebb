//! Main-content choice: the element whose subtree holds the most
//! paragraph-like text net of everything else it drags in.
//!
//! Each run of text is owned by its nearest block element. An owner whose
//! text is long, has sentence punctuation and few links is a paragraph; its
//! characters count as good. Every other live character counts as bad. The
//! container maximises `good - penalty * bad`; among equals the deepest one
//! wins, so wrappers that add nothing lose to what they wrap.

use html5ever::local_name;

use crate::config::Focus;
use crate::dom::is_block;
use crate::dom::Pruned;
use crate::dom::{Dom, Ix, Measures, NO_PARENT};
use crate::tuning::Strictness;

/// A `<main>` landmark is the region of a page of sections, cards or
/// posts when it holds at least this share of the live text; a smaller
/// one marks a part of the page, not its content.
const LANDMARK_MIN_SHARE: f64 = 0.5;
/// A table row counts as a paragraph from a third (1/N) of a paragraph's
/// length: its cells are short, but read together they are prose.
const ROW_CHARS_DIVISOR: u32 = 3;
/// Link density from which an owner's text is not paragraph text but a
/// menu or a list of stories; prose that cites its sources stays under it.
const MAX_PARAGRAPH_LINK_DENSITY: f32 = 0.35;

/// The per-owner measures of paragraph-likeness.
struct Owners {
    chars: Vec<u32>,
    link_chars: Vec<u32>,
    /// Whether any text the owner holds has sentence punctuation.
    punct: Vec<bool>,
}

/// Finds the main content's root element; falls back to `<body>`. `good`
/// is the paragraph text of every subtree ([`good_text`]).
pub(crate) fn select(
    dom: &Dom,
    pruned: &Pruned,
    live: &Measures,
    good: &[f32],
    focus: Focus,
) -> Ix {
    best(
        dom,
        pruned,
        live,
        good,
        Strictness::for_focus(focus).clutter_cost,
    )
}

/// Finds the region that a page of sections, cards or posts fills: the
/// page's main landmark (`<main>`, `role="main"`) when it holds at least
/// half of the live text, else the body. The element rules have already
/// taken the page's chrome out of it.
pub(crate) fn region(dom: &Dom, pruned: &Pruned, live: &Measures) -> Ix {
    let body = dom.body();
    let main = (body..dom.end(body)).find(|&ix| {
        pruned.alive(ix)
            && (dom.tag(ix) == Some(&local_name!("main"))
                || crate::dom::role_is(dom, ix, &["main"]))
    });
    match main {
        Some(m)
            if live.chars[m as usize] as f64
                >= LANDMARK_MIN_SHARE * live.chars[body as usize] as f64 =>
        {
            m
        }
        _ => body,
    }
}

/// Share of a region's paragraph text that the element around its
/// headline must hold to stand for the region: nearly all of it.
const HEADLINE_REGION_SHARE: f32 = 0.8;

/// The smallest element around the region's first live `<h1>` that holds
/// [`HEADLINE_REGION_SHARE`] of the region's paragraph text (`good`); the
/// region itself when it has no `<h1>` or no paragraph text.
pub(crate) fn around_headline(dom: &Dom, pruned: &Pruned, good: &[f32], region: Ix) -> Ix {
    let need = HEADLINE_REGION_SHARE * good[region as usize];
    let h1 = (region..dom.end(region))
        .find(|&ix| pruned.alive(ix) && dom.tag(ix) == Some(&local_name!("h1")));
    let Some(h1) = h1.filter(|_| need > 0.0) else {
        return region;
    };
    std::iter::successors(Some(h1), |&ix| dom.parent(ix).filter(|_| ix != region))
        .find(|&ix| ix == region || good[ix as usize] >= need)
        .unwrap_or(region)
}

/// The element maximising `good - penalty * rest`, the deepest among
/// equals; `<body>` when nothing has good text.
fn best(dom: &Dom, pruned: &Pruned, live: &Measures, good: &[f32], penalty: f32) -> Ix {
    let body = dom.body();
    let mut best = body;
    let mut best_score = f32::MIN;
    for ix in (body..dom.end(body)).rev() {
        if !pruned.alive(ix) || dom.tag(ix).is_none() {
            continue;
        }
        let g = good[ix as usize];
        if g <= 0.0 {
            continue;
        }
        let bad = live.chars[ix as usize] as f32 - g;
        let score = g - penalty * bad.max(0.0);
        if score > best_score {
            best_score = score;
            best = ix;
        }
    }
    if log::log_enabled!(log::Level::Debug) {
        let el = dom.element(best);
        log::debug!(
            "selected {:?} class={:?} id={:?} score={best_score} good={} chars={}",
            dom.tag(best),
            el.and_then(|e| e.attr("class")),
            el.and_then(|e| e.attr("id")),
            good[best as usize],
            live.chars[best as usize]
        );
    }
    best
}

/// For every node, its own paragraph text: its subtree's in `good` less
/// its children's.
pub(crate) fn own_good(dom: &Dom, good: &[f32]) -> Vec<f32> {
    let mut own = good.to_vec();
    for ix in 1..dom.len() as Ix {
        if let Some(p) = dom.parent(ix) {
            own[p as usize] -= good[ix as usize];
        }
    }
    own
}

/// For every node, the characters of paragraph-like text in its subtree:
/// text owned by a block element that is long enough, has sentence
/// punctuation and few links. Counts only nodes for which `alive` holds.
pub(crate) fn good_text(
    dom: &Dom,
    alive: impl Fn(Ix) -> bool,
    live: &Measures,
    focus: Focus,
) -> Vec<f32> {
    let n = dom.len();
    let owners = own_text(dom, &alive, live);
    let min_chars = Strictness::for_focus(focus).paragraph_chars;
    let mut good = vec![0f32; n];
    for (ix, g) in good.iter_mut().enumerate() {
        let c = owners.chars[ix];
        let row = dom.tag(ix as Ix) == Some(&local_name!("tr"));
        let long_enough = c >= min_chars || (row && c >= min_chars / ROW_CHARS_DIVISOR);
        if long_enough && (owners.punct[ix] || row) {
            let ld = owners.link_chars[ix] as f32 / c as f32;
            if ld < MAX_PARAGRAPH_LINK_DENSITY {
                *g = c as f32;
            }
        }
    }
    for ix in (1..n).rev() {
        let p = dom.nodes[ix].parent;
        if p != NO_PARENT && alive(ix as Ix) {
            good[p as usize] += good[ix];
        }
    }
    good
}

/// Sums each live text node into its nearest block ancestor ("owner").
fn own_text(dom: &Dom, alive: impl Fn(Ix) -> bool, live: &Measures) -> Owners {
    let n = dom.len();
    let mut owner = vec![0 as Ix; n];
    let mut chars = vec![0u32; n];
    let mut link_chars = vec![0u32; n];
    let mut punct = vec![false; n];
    // Captions describe images; they are never the article's prose.
    let mut caption = vec![false; n];
    for ix in 0..n {
        let node = &dom.nodes[ix];
        caption[ix] = matches!(
            dom.tag(ix as Ix),
            Some(&local_name!("figure")) | Some(&local_name!("figcaption"))
        ) || (node.parent != NO_PARENT && caption[node.parent as usize]);
        let parent_owner = if node.parent == NO_PARENT {
            0
        } else {
            owner[node.parent as usize]
        };
        // A table row is one unit: its cells are short but read together.
        owner[ix] = match dom.tag(ix as Ix) {
            Some(&local_name!("td")) | Some(&local_name!("th"))
                if dom.parent(ix as Ix).and_then(|p| dom.tag(p)) == Some(&local_name!("tr")) =>
            {
                parent_owner
            }
            Some(tag) if is_block(tag) => ix as Ix,
            _ => parent_owner,
        };
        if !alive(ix as Ix) {
            continue;
        }
        if let Some(text) = dom.text(ix as Ix) {
            if caption[ix] {
                continue;
            }
            let o = owner[ix] as usize;
            chars[o] += live.chars[ix];
            link_chars[o] += live.link_chars[ix];
            // Only whether there is any: the first mark settles it.
            punct[o] = punct[o] || has_sentence_punctuation(text);
        }
    }
    Owners {
        chars,
        link_chars,
        punct,
    }
}

/// Whether a text holds a mark that ends or divides a sentence.
fn has_sentence_punctuation(text: &str) -> bool {
    // The ASCII marks first, byte by byte and without decoding (in UTF-8
    // their bytes stand for nothing else): most texts that have a mark
    // have one of these early, and the search stops there. Only a text
    // with other characters than ASCII may hold the other marks.
    text.bytes()
        .any(|b| matches!(b, b'.' | b',' | b':' | b'!' | b'?' | b';'))
        || (!text.is_ascii()
            && text
                .chars()
                .any(|c| matches!(c, '。' | '，' | '、' | '！' | '？' | '؟' | '،' | '।')))
}

#[cfg(test)]
mod tests {
    use super::has_sentence_punctuation;

    #[test]
    fn punctuation_is_found_in_ascii_and_other_text() {
        for (text, expected) in [
            ("no marks here", false),
            ("", false),
            ("a sentence.", true),
            ("x; y", true),
            ("why?", true),
            ("dash - and (parens)", false),
            ("中文。", true),
            ("中文", false),
            ("عربي؟", true),
            ("é, ok", true),
        ] {
            assert_eq!(has_sentence_punctuation(text), expected, "{text:?}");
        }
    }
}
