//! The removal report: what left the page and by which rule.

use crate::article::{Removal, Rule};
use crate::block::Block;
use crate::dom::Pruned;
use crate::dom::{Dom, Ix};

const EXCERPT_CHARS: usize = 160;

/// Lists, in document order, the removed subtrees that held text, the
/// text outside the chosen content, and the dropped blocks inside it.
pub(crate) fn removals(dom: &Dom, pruned: &Pruned, root: Ix, blocks: &[Block]) -> Vec<Removal> {
    let mut out: Vec<(Ix, Removal)> = Vec::new();
    let body = dom.body();
    let mut ix = body;
    while ix < dom.end(body) {
        if let Some(rule) = pruned.rule[ix as usize] {
            let text = excerpt(dom, ix, |d| !crate::dom::never_content(dom, d));
            if !text.is_empty() && !crate::dom::never_content(dom, ix + 1) {
                out.push((ix, removal(dom, ix, rule, &text)));
            }
            ix = dom.end(ix);
            continue;
        }
        // Inside the chosen root only pruned subtrees are removals; walk on.
        if dom.contains(root, ix) {
            ix += 1;
            continue;
        }
        // Whole live subtrees beside the path to the chosen root.
        if !dom.contains(ix, root) {
            if dom.tag(ix).is_some() || dom.text(ix).is_some() {
                let text = excerpt(dom, ix, |d| {
                    pruned.alive(d) && !crate::dom::never_content(dom, d)
                });
                if !text.is_empty() {
                    out.push((ix, removal(dom, ix, Rule::OutsideMainContent, &text)));
                }
            }
            ix = dom.end(ix);
            continue;
        }
        ix += 1;
    }
    for b in blocks {
        if let Some(rule) = b.drop {
            out.push((b.first, removal(dom, b.owner, rule, &b.text)));
        }
    }
    out.sort_by_key(|(ix, _)| *ix);
    out.into_iter().map(|(_, r)| r).collect()
}

fn removal(dom: &Dom, ix: Ix, rule: Rule, text: &str) -> Removal {
    let tag = dom.tag(ix).map_or("#text", |t| &**t).to_string();
    let text: String = text.chars().take(EXCERPT_CHARS).collect();
    Removal { rule, tag, text }
}

/// The start of a subtree's text (words joined by single spaces), over the
/// nodes `alive` admits, stopping once the excerpt is long enough.
fn excerpt(dom: &Dom, ix: Ix, alive: impl Fn(Ix) -> bool) -> String {
    let mut out = String::new();
    let mut chars = 0;
    let mut d = ix;
    'walk: while d < dom.end(ix) {
        if !alive(d) {
            d = dom.end(d);
            continue;
        }
        if let Some(t) = dom.text(d) {
            for w in t.split_whitespace() {
                if chars >= EXCERPT_CHARS {
                    break 'walk;
                }
                if !out.is_empty() {
                    out.push(' ');
                    chars += 1;
                }
                out.push_str(w);
                chars += w.chars().count();
            }
        }
        d += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn removals_inside_the_article_are_reported() {
        let html = r#"<html><body><article>
            <p>The council approved the new budget on Monday after a long debate, with
               seven votes in favour and two against, and work starts in spring.</p>
            <div class="share-tools"><a href="/s">Share on the social network</a></div>
            <p>Residents had asked for more money for parks, libraries and the swimming
               pool, and the final plan adds a little to each of them this year.</p>
            </article><nav>Home News Sport</nav></body></html>"#;
        let article = crate::extract(html).unwrap();
        let rules: Vec<_> = article.removed.iter().map(|r| r.rule).collect();
        assert!(rules.contains(&crate::Rule::Share), "{rules:?}");
        assert!(rules.contains(&crate::Rule::Navigation), "{rules:?}");
        assert!(!article.text.contains("Share on"));
    }
}
