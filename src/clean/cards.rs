//! Teaser cards recognised by repetition: three or more sibling elements
//! of the same tag and class, each short, starting with a headline (a
//! heading or a link) and carrying a share of link text. That is the shape
//! of "more stories" grids whatever their class names say.

use std::collections::HashMap;

use html5ever::local_name;

use crate::dom::Pruned;
use crate::dom::{is_heading, Dom, Ix, Measures};
use crate::Rule;

/// Fewest look-alike siblings that make a card list.
const MIN_CARDS: usize = 3;
/// Longest text of one card.
const MAX_CARD_CHARS: u32 = 600;
/// Nodes scanned at the start of a card for its headline.
const HEAD_SCAN: u32 = 200;
/// Shortest text of one card: a headline has a few words at least.
const MIN_CARD_CHARS: u32 = 15;
/// Share of a group of look-alike siblings that must be cards (three in
/// four): a stray member does not save a card list, a group of mostly
/// other boxes is not one.
const MIN_CARD_SHARE: f64 = 0.75;
/// A group holding this share of the page's paragraph text is the
/// content (a page made of cards), not a teaser list beside it.
const MAX_GROUP_PROSE_SHARE: f32 = 0.5;
/// Share of link text from which a card is a bare linked headline, its
/// summary and label standing beside it as siblings.
const ALL_LINK_SHARE: f32 = 0.6;
/// Share of link text a card carries at least: it points somewhere (its
/// headline); a box with almost no link text is content.
const MIN_CARD_LINK_SHARE: f32 = 0.15;

/// Removes card lists from the live tree, marking them [`Rule::Teaser`].
/// `good` is the paragraph text of each subtree: a group holding half the
/// page's is left alone. So is a list of described items (each with text
/// of its own beside its link, or a summary beside a bare linked
/// headline) that the article's live prose (`prose`, in the `container`
/// chosen so far) runs on both sides of: paragraphs before the list and
/// after it that are not themselves cards or summaries. The text leads
/// into such a list and goes on after it, so it is the article's own;
/// teasers sit at the article's margins. Says whether anything was
/// removed.
pub(crate) fn remove_cards(
    dom: &Dom,
    pruned: &mut Pruned,
    live: &Measures,
    good: &[f32],
    prose: &[f32],
    container: Ix,
) -> bool {
    let total = good[dom.body() as usize];
    let mut groups: HashMap<(&str, &str), Vec<Ix>> = HashMap::new();
    // Each list found: what goes with it (cards and their summaries), and
    // whether its items are described.
    let mut lists: Vec<(Vec<Ix>, bool)> = Vec::new();
    // Every member of a look-alike group and every summary: not the
    // article's prose, whether or not it goes.
    let mut in_lists = vec![false; dom.len()];
    for parent in 0..dom.len() as Ix {
        let Some(parent_tag) = dom.tag(parent) else {
            continue;
        };
        // Links side by side in running text are not cards.
        if !pruned.alive(parent) || holds_running_text(parent_tag) {
            continue;
        }
        groups.clear();
        let mut child = parent + 1;
        while child < dom.end(parent) {
            if pruned.alive(child) {
                if let (Some(tag), Some(el)) = (dom.tag(child), dom.element(child)) {
                    if *tag != local_name!("p") {
                        groups
                            .entry((tag, el.attr("class").unwrap_or("")))
                            .or_default()
                            .push(child);
                    }
                }
            }
            child = dom.end(child);
        }
        for members in groups.values() {
            if members.len() < MIN_CARDS {
                continue;
            }
            let cards: Vec<Ix> = members
                .iter()
                .copied()
                .filter(|&m| is_card(dom, pruned, live, m))
                .collect();
            let group_good: f32 = members.iter().map(|&m| good[m as usize]).sum();
            if cards.len() >= MIN_CARDS
                && cards.len() as f64 >= MIN_CARD_SHARE * members.len() as f64
                && !(total > 0.0 && group_good >= MAX_GROUP_PROSE_SHARE * total)
            {
                // Bare linked headlines take their summaries with them.
                let bare = cards.iter().all(|&c| all_link(live, c));
                let mut items = if bare {
                    summaries(dom, pruned, live, parent, &cards)
                } else {
                    Vec::new()
                };
                let described = !bare || !items.is_empty();
                for &ix in members.iter().chain(&items) {
                    in_lists[ix as usize] = true;
                }
                items.extend(cards);
                lists.push((items, described));
            }
        }
    }
    let flow = lists
        .iter()
        .any(|(_, described)| *described)
        .then(|| Flow::new(dom, prose, &in_lists, container));
    let mut removed = false;
    for (items, described) in lists {
        if described && flow.as_ref().is_some_and(|f| f.surrounds(dom, &items)) {
            continue;
        }
        for ix in items {
            if pruned.alive(ix) {
                removed = true;
                pruned.rule[ix as usize] = Some(Rule::Teaser);
                for d in ix..dom.end(ix) {
                    pruned.dead[d as usize] = true;
                }
            }
        }
    }
    removed
}

/// The container's prose in reading order, lists left out: which lists it
/// runs on both sides of.
struct Flow {
    container: Ix,
    /// Each element's own prose (its subtree's less its children's), zero
    /// inside a list.
    own: Vec<u64>,
    /// `before[ix]`: the prose of the elements before `ix` in reading
    /// order.
    before: Vec<u64>,
}

impl Flow {
    fn new(dom: &Dom, prose: &[f32], in_lists: &[bool], container: Ix) -> Flow {
        let n = dom.len();
        let mut own: Vec<u64> = vec![0; n];
        let mut list_end: Ix = 0;
        for (ix, o) in crate::select::own_good(dom, prose).into_iter().enumerate() {
            let ix = ix as Ix;
            if in_lists[ix as usize] {
                list_end = list_end.max(dom.end(ix));
            }
            if ix >= list_end {
                own[ix as usize] = o.max(0.0) as u64;
            }
        }
        let mut before = Vec::with_capacity(n + 1);
        let mut sum = 0u64;
        for &o in &own {
            before.push(sum);
            sum += o;
        }
        before.push(sum);
        Flow {
            container,
            own,
            before,
        }
    }

    /// Whether the container's prose runs before the first of `items` and
    /// after the last: text the elements around them own (loose text in
    /// an ancestor) is not counted, as it may stand on either side.
    fn surrounds(&self, dom: &Dom, items: &[Ix]) -> bool {
        let (Some(&first), Some(last_end)) = (
            items.iter().min(),
            items.iter().map(|&ix| dom.end(ix)).max(),
        ) else {
            return false;
        };
        let c = self.container;
        if first == c || !dom.contains(c, first) {
            return false;
        }
        let around: u64 = std::iter::successors(dom.parent(first), |&a| dom.parent(a))
            .take_while(|&a| a != c)
            .map(|a| self.own[a as usize])
            .sum();
        let before = self.before[first as usize] - self.before[c as usize + 1] - around;
        let after =
            self.before[dom.end(c) as usize] - self.before[last_end.min(dom.end(c)) as usize];
        before > 0 && after > 0
    }
}

/// Longest summary under a bare headline in a flat card list.
const MAX_SUMMARY_CHARS: u32 = 300;
/// Most sibling elements a summary spans (a text and a label).
const MAX_SUMMARY_ELEMENTS: usize = 3;

/// Elements whose children flow as text: a paragraph, a heading, inline
/// markup.
fn holds_running_text(tag: &html5ever::LocalName) -> bool {
    is_heading(tag)
        || matches!(
            *tag,
            local_name!("p")
                | local_name!("span")
                | local_name!("em")
                | local_name!("strong")
                | local_name!("b")
                | local_name!("i")
                | local_name!("small")
                | local_name!("font")
                | local_name!("label")
                | local_name!("blockquote")
        )
}

fn all_link(live: &Measures, ix: Ix) -> bool {
    live.link_chars[ix as usize] as f32 >= ALL_LINK_SHARE * live.chars[ix as usize] as f32
}

/// Flat cards: when the look-alike siblings are bare linked headlines,
/// each card's summary and label are the siblings after its headline, up
/// to the next one. Those go with it when every card's are short and
/// hold no heading of their own.
fn summaries(dom: &Dom, pruned: &Pruned, live: &Measures, parent: Ix, cards: &[Ix]) -> Vec<Ix> {
    let mut out = Vec::new();
    for (k, &card) in cards.iter().enumerate() {
        let stop = cards.get(k + 1).copied().unwrap_or(dom.end(parent));
        let mut gap = Vec::new();
        let mut chars = 0;
        let mut sibling = dom.end(card);
        while sibling < stop {
            if pruned.alive(sibling) && live.chars[sibling as usize] > 0 {
                if dom.tag(sibling).is_none() {
                    // Loose text between the headlines: running text.
                    return Vec::new();
                }
                let heading =
                    (sibling..dom.end(sibling)).any(|d| dom.tag(d).is_some_and(is_heading));
                if heading {
                    return Vec::new();
                }
                chars += live.chars[sibling as usize];
                gap.push(sibling);
            }
            sibling = dom.end(sibling);
        }
        if gap.len() > MAX_SUMMARY_ELEMENTS || chars > MAX_SUMMARY_CHARS {
            return Vec::new();
        }
        out.extend(gap);
    }
    out
}

fn is_card(dom: &Dom, pruned: &Pruned, live: &Measures, ix: Ix) -> bool {
    let chars = live.chars[ix as usize];
    if !(MIN_CARD_CHARS..=MAX_CARD_CHARS).contains(&chars) {
        return false;
    }
    if (live.link_chars[ix as usize] as f32) < MIN_CARD_LINK_SHARE * chars as f32 {
        return false;
    }
    starts_with_headline(dom, pruned, ix)
}

/// Whether the element's first text sits in a heading or a link, or it
/// holds a heading near its start.
fn starts_with_headline(dom: &Dom, pruned: &Pruned, ix: Ix) -> bool {
    let end = dom.end(ix).min(ix + HEAD_SCAN);
    let mut d = ix + 1;
    while d < end {
        if !pruned.alive(d) {
            d = dom.end(d);
            continue;
        }
        if let Some(tag) = dom.tag(d) {
            if is_heading(tag) {
                return true;
            }
        } else if let Some(t) = dom.text(d) {
            if !t.trim().is_empty() {
                return in_link(dom, d, ix);
            }
        }
        d += 1;
    }
    false
}

fn in_link(dom: &Dom, mut d: Ix, stop: Ix) -> bool {
    while let Some(p) = dom.parent(d) {
        if p == stop {
            return false;
        }
        if dom.tag(p) == Some(&local_name!("a")) {
            return true;
        }
        d = p;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Focus, Limits};

    const PARAGRAPH: &str =
        "<p>A paragraph of the article, long enough to be read as its prose, ending with a full stop.</p>";

    /// Whether the prose of the page's `#c` element runs on both sides of
    /// the three items of its first list. The items of every list on the
    /// page are lists' members, not prose.
    fn list_within_prose(before: &str, after: &str) -> bool {
        let page = format!(
            "<html><body><div id=c>{before}<ul>\
             <li><a href=/a>Generic types</a> - types that take other types as parameters.</li>\
             <li><a href=/b>Keys</a> - a union of the property names of another type.</li>\
             <li><a href=/c>Conditions</a> - types that choose between two outcomes.</li>\
             </ul>{after}</div></body></html>"
        );
        let dom = Dom::parse(&page, &Limits::default());
        let live = Measures::new(&dom, |_| true);
        let prose = crate::select::good_text(&dom, |_| true, &live, Focus::Balanced);
        let ixs = 0..dom.len() as Ix;
        let container = ixs
            .clone()
            .find(|&ix| dom.element(ix).and_then(|e| e.attr("id")) == Some("c"))
            .expect("the page has a #c element");
        let items: Vec<Ix> = ixs
            .filter(|&ix| dom.tag(ix) == Some(&local_name!("li")))
            .collect();
        let mut in_lists = vec![false; dom.len()];
        for &ix in &items {
            in_lists[ix as usize] = true;
        }
        Flow::new(&dom, &prose, &in_lists, container).surrounds(&dom, &items[..3])
    }

    #[test]
    fn a_list_the_prose_runs_on_both_sides_of_is_within_it() {
        assert!(list_within_prose(PARAGRAPH, PARAGRAPH));
        // Nested deeper on one side: the prose is found through ancestors.
        let wrapped = format!("<section><div>{PARAGRAPH}</div></section>");
        assert!(list_within_prose(&wrapped, &wrapped));
    }

    #[test]
    fn a_list_at_either_end_of_the_prose_is_not() {
        assert!(!list_within_prose(PARAGRAPH, ""));
        assert!(!list_within_prose("", PARAGRAPH));
        // A heading is not prose.
        assert!(!list_within_prose(PARAGRAPH, "<h2>More from the blog</h2>"));
        // Nor is another list of described items after it.
        let list = "<ul><li><a href=/d>Release notes</a> - what changed in this version of the tools.</li></ul>";
        assert!(!list_within_prose(PARAGRAPH, list));
        assert!(list_within_prose(PARAGRAPH, &format!("{list}{PARAGRAPH}")));
    }
}
