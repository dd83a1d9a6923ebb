//! Headings left without their section. When everything between a heading
//! and the next heading of its rank or higher (or the end of the content)
//! was removed, the heading named what went ("On this page", "Related
//! posts", "Comments") and goes with it, under the same rule.

use crate::block::{Block, BlockKind};
use crate::dom::{Dom, Ix, Pruned};
use crate::Rule;

/// Drops the kept headings whose whole section other rules removed.
/// Sections are judged from the last heading back, so that a heading whose
/// subheadings were all orphaned is judged with them gone.
pub(crate) fn orphan_headings(dom: &Dom, pruned: &Pruned, root: Ix, blocks: &mut [Block]) {
    for i in (0..blocks.len()).rev() {
        let BlockKind::Heading(level) = blocks[i].kind else {
            continue;
        };
        if blocks[i].drop.is_some() {
            continue;
        }
        let mut j = i + 1;
        let mut removed = None;
        while j < blocks.len() {
            let b = &blocks[j];
            if matches!(b.kind, BlockKind::Heading(l) if l <= level) {
                break;
            }
            if b.drop.is_none() {
                break;
            }
            removed = removed.or(b.drop);
            j += 1;
        }
        let section_over =
            j == blocks.len() || matches!(blocks[j].kind, BlockKind::Heading(l) if l <= level);
        if !section_over {
            continue;
        }
        let end = blocks.get(j).map_or(dom.end(root), |b| b.first);
        let removed = removed.or_else(|| removed_element(dom, pruned, blocks[i].last + 1, end));
        if let Some(rule) = removed {
            blocks[i].drop = Some(rule);
        }
    }
}

/// The rule of the first element with text that pruning removed in
/// `from..to` for what it is (by name, landmark, comments…); elements
/// removed as hidden or as never content (forms, embeds) do not count:
/// a section may show only a video or a folded panel.
fn removed_element(dom: &Dom, pruned: &Pruned, from: Ix, to: Ix) -> Option<Rule> {
    let mut ix = from;
    while ix < to {
        match pruned.rule.get(ix as usize).copied().flatten() {
            Some(rule) => {
                if !matches!(rule, Rule::Hidden | Rule::NonContent) && has_text(dom, ix) {
                    return Some(rule);
                }
                ix = dom.end(ix);
            }
            None => ix += 1,
        }
    }
    None
}

fn has_text(dom: &Dom, ix: Ix) -> bool {
    (ix..dom.end(ix)).any(|d| {
        dom.text(d)
            .is_some_and(|t| t.chars().any(char::is_alphanumeric))
            && !crate::dom::never_content(dom, d)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(html: &str) -> Vec<(String, Option<Rule>)> {
        let dom = Dom::parse(html, &crate::config::Limits::default());
        let raw = crate::dom::Measures::new(&dom, |_| true);
        let good = vec![0.0; dom.len()];
        let names = crate::clean::Names::new(&dom);
        let pruned = crate::clean::prune(
            &dom,
            &raw,
            &good,
            (&[], crate::clean::Furniture::Removed),
            crate::clean::Unseen::Removed,
            crate::clean::Replies::Aside,
            &names,
        );
        let live = crate::dom::Measures::new(&dom, |ix| pruned.alive(ix));
        let mut blocks = crate::segment::segment(&dom, &pruned, &live, dom.body());
        orphan_headings(&dom, &pruned, dom.body(), &mut blocks);
        blocks.into_iter().map(|b| (b.text, b.drop)).collect()
    }

    fn dropped(out: &[(String, Option<Rule>)], text: &str) -> Option<Rule> {
        out.iter().find(|(t, _)| t == text).unwrap().1
    }

    #[test]
    fn a_heading_whose_section_was_pruned_goes_with_it() {
        let out = run("<body><h2>Rain returns</h2><p>Rain fell on Tuesday.</p>\
             <h2>On this page</h2><nav class=\"toc\"><a href=\"#a\">Rain</a></nav>\
             <h2>Farmers</h2><p>Farmers welcomed it.</p></body>");
        assert_eq!(dropped(&out, "On this page"), Some(Rule::Navigation));
        assert_eq!(dropped(&out, "Rain returns"), None);
        assert_eq!(dropped(&out, "Farmers"), None);
    }

    #[test]
    fn a_heading_over_a_video_or_nothing_stays() {
        let out = run("<body><h2>Watch</h2><iframe src=\"v\"></iframe>\
             <h2>Empty</h2><h2>Last</h2><p>Prose.</p></body>");
        assert_eq!(dropped(&out, "Watch"), None);
        assert_eq!(dropped(&out, "Empty"), None);
    }

    #[test]
    fn a_heading_keeps_its_kept_subsections() {
        let out = run("<body><h2>Guide</h2><h3>Setup</h3><p>Install it.</p>\
             <h3>Related</h3><nav><a href=\"/x\">Other guide</a></nav></body>");
        assert_eq!(dropped(&out, "Guide"), None);
        assert_eq!(dropped(&out, "Related"), Some(Rule::Navigation));
    }
}
