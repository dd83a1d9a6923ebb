//! The memory at work during extraction: record a page's blocks once, then
//! drop the container's blocks seen on K pages of the host — unless one of
//! the safety rules keeps them.

use std::collections::HashSet;

use url::Url;

use super::fingerprint;
use super::store::PageFacts;
use super::SiteMemory;
use crate::block::{Block, BlockKind};
use crate::config::Focus;
use crate::dom::{Dom, Ix};
use crate::tuning::Strictness;
use crate::Rule;

/// Blocks shorter than this (non-whitespace characters) are not even
/// recorded: single words and numbers say nothing about a site.
const RECORD_MIN_CHARS: u32 = 4;

/// A remembered block beside fresh prose is kept as part of the article's
/// flow unless it is mostly links: a sign-off may link its source
/// ("Originally published on <a>…</a>."), a list of pointers is links.
const FLOW_MAX_LINK_DENSITY: f32 = 0.5;

/// Memory is overruled on a page when it would take more than this share
/// of the page's strong prose (or all of its text): the page is then not
/// what the site's other pages were, and its article must survive.
const MAX_LOST_PROSE_SHARE: f64 = 0.5;

/// A page's identities and distinct block fingerprints.
struct Facts {
    host: String,
    ids: Vec<u64>,
    blocks: Vec<u64>,
}

fn facts(url: &Url, page: &[Block]) -> Option<Facts> {
    let host = fingerprint::host_key(url)?;
    let mut seen = HashSet::new();
    let mut blocks = Vec::new();
    for b in page.iter().filter(|b| b.chars >= RECORD_MIN_CHARS) {
        let fp = fingerprint::block(&b.text);
        if seen.insert(fp) {
            blocks.push(fp);
        }
    }
    let ids = vec![
        fingerprint::page_url(url),
        fingerprint::page_content(&blocks),
    ];
    Some(Facts { host, ids, blocks })
}

/// Records a page (all its live blocks, `page`) without extracting it.
pub(crate) fn learn(memory: &SiteMemory, url: &Url, page: &[Block]) {
    if let Some(f) = facts(url, page) {
        let page = PageFacts {
            ids: &f.ids,
            blocks: &f.blocks,
        };
        memory
            .lock()
            .record_and_count(&f.host, Some(page), &[], &memory.settings);
    }
}

/// What memory did to one page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Outcome {
    /// Blocks dropped with [`Rule::SiteMemory`].
    pub dropped: usize,
    /// Memory would have taken most of the prose, so it was ignored.
    pub overruled: bool,
}

/// Records the page (`page`: the live blocks of the whole body), then marks
/// the container's `blocks` that the host's other pages repeat.
pub(crate) fn apply(
    memory: &SiteMemory,
    dom: &Dom,
    url: &Url,
    page: &[Block],
    blocks: &mut [Block],
    focus: Focus,
) -> Outcome {
    let Some(f) = facts(url, page) else {
        return Outcome::default();
    };
    let query: Vec<u64> = blocks.iter().map(|b| fingerprint::block(&b.text)).collect();
    let counts = {
        let page = PageFacts {
            ids: &f.ids,
            blocks: &f.blocks,
        };
        memory
            .lock()
            .record_and_count(&f.host, Some(page), &query, &memory.settings)
    };
    let k = memory.settings.k();
    let seen: Vec<bool> = blocks
        .iter()
        .zip(&counts)
        .map(|(b, &n)| n >= k && b.chars >= RECORD_MIN_CHARS)
        .collect();
    let marks = judge(dom, blocks, &seen, memory.settings.min_chars, focus);
    let s = Strictness::for_focus(focus);
    // Overrule: memory may not take most of the page's prose, nor all of it.
    let (mut prose, mut lost_prose, mut total, mut lost) = (0u64, 0u64, 0u64, 0u64);
    for (b, &m) in blocks.iter().zip(&marks) {
        if b.drop.is_some() {
            continue;
        }
        let c = u64::from(b.chars);
        total += c;
        lost += if m { c } else { 0 };
        if b.is_strong(&s) {
            prose += c;
            lost_prose += if m { c } else { 0 };
        }
    }
    let dropped = marks.iter().filter(|&&m| m).count();
    if dropped == 0 {
        return Outcome::default();
    }
    if (prose > 0 && lost_prose as f64 > MAX_LOST_PROSE_SHARE * prose as f64)
        || (total > 0 && lost == total)
    {
        log::debug!("{url}: site memory would take most of the prose; ignored for this page");
        return Outcome {
            dropped: 0,
            overruled: true,
        };
    }
    for (b, m) in blocks.iter_mut().zip(marks) {
        if m {
            b.drop = Some(Rule::SiteMemory);
        }
    }
    Outcome {
        dropped,
        overruled: false,
    }
}

/// Which still-kept blocks memory would drop, before the overrule.
fn judge(dom: &Dom, blocks: &[Block], seen: &[bool], min_chars: u32, focus: Focus) -> Vec<bool> {
    let s = Strictness::for_focus(focus);
    // Parents of fresh prose: the article's own flow. A remembered block
    // under the same parent (a sign-off, a standard disclaimer) is kept.
    let flow: HashSet<Ix> = blocks
        .iter()
        .zip(seen)
        .filter(|(b, &seen)| !seen && b.drop.is_none() && b.is_strong(&s))
        .filter_map(|(b, _)| dom.parent(b.owner))
        .collect();
    let in_flow = |b: &Block| {
        b.link_density() < FLOW_MAX_LINK_DENSITY
            && dom.parent(b.owner).is_some_and(|p| flow.contains(&p))
    };
    let eligible: Vec<bool> = blocks
        .iter()
        .zip(seen)
        .map(|(b, &seen)| seen && b.drop.is_none() && b.kind != BlockKind::Quote && !in_flow(b))
        .collect();
    let mut marks: Vec<bool> = blocks
        .iter()
        .zip(&eligible)
        .map(|(b, &e)| e && b.chars >= min_chars)
        .collect();
    // Short remembered blocks go with a dropped neighbour (skipping blocks
    // other rules dropped): forward, then backward, covers a whole run.
    let live: Vec<usize> = (0..blocks.len())
        .filter(|&i| blocks[i].drop.is_none())
        .collect();
    for w in 1..live.len() {
        let (a, b) = (live[w - 1], live[w]);
        if marks[a] && eligible[b] {
            marks[b] = true;
        }
    }
    for w in (1..live.len()).rev() {
        let (a, b) = (live[w - 1], live[w]);
        if marks[b] && eligible[a] {
            marks[a] = true;
        }
    }
    marks
}
