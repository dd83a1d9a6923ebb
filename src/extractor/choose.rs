//! The stages that choose the main content, in order: element rules, the
//! page type, then the plan it calls for: one article container with teaser
//! cards removed, or the main region of a page whose sections, cards or
//! posts are the content. When a plan keeps far too little of the page's
//! readable text, the next, looser plan is tried ([`Plan::looser`]).

use crate::article::{Fallback, FallbackStep};
use crate::block::Block;
use crate::classify::{self, Verdict};
use crate::clean::{Furniture, Replies, Unseen};
use crate::config::Focus;
use crate::dom::{Dom, Ix, Measures, Pruned};
use crate::meta::Metadata;
use crate::page_type::{Layout, PageType};
use crate::{clean, select, Rule};

/// Share of the page's readable text under which what a plan kept means
/// it missed the content, and the next plan is tried.
const MIN_KEPT_SHARE: f32 = 0.1;

/// Times the text the article reading kept from which the items it took
/// out are the page's content: beside an article, teasers are a margin.
const ITEMS_OVER_KEPT: f32 = 2.0;
/// How sure a listing found that way is.
const LISTING_CONFIDENCE: f64 = 0.6;

/// A way of choosing the main content, from the strictest to the loosest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Plan {
    /// One container of prose; teaser cards, named boxes and the
    /// headline's furniture (its deck, kicker) removed.
    Article,
    /// The region of a product's or a thread's sections
    /// ([`Layout::Sections`]), calls to action and the headline's
    /// furniture kept. A product's hidden
    /// panels are kept (its tabs), but not its text for the eye or for
    /// screen readers alone (`aria-hidden` badges, `sr-only` notes); a
    /// thread's are not (what it hides is the forum's menus and cards). The page's
    /// replies are read as its kind says: a discussion's posts are the
    /// content, a product's reviews are not.
    Sections { replies: Replies },
    /// The main region, read as cards or sections whose links may be the
    /// content ([`Layout::Cards`]); calls to action and the headline's
    /// furniture kept, and of what the
    /// page hides what the eye sees (a card's summary inside a link that
    /// screen readers skip), not what it keeps out of sight
    /// ([`Unseen::Shown`]).
    Cards,
    /// The main region with only the page's landmarks and code removed:
    /// every rule that judges an element by its name, by being hidden or by
    /// the page's `data-nosnippet` is set aside.
    WholePage,
}

impl Plan {
    fn for_page(verdict: &Verdict) -> Plan {
        match verdict.kind.layout() {
            Layout::Single => Plan::Article,
            Layout::Sections => Plan::Sections {
                replies: match verdict.kind {
                    PageType::Forum => Replies::Posts,
                    PageType::Product => Replies::Reviews,
                    _ => Replies::Aside,
                },
            },
            Layout::Cards => Plan::Cards,
        }
    }

    /// The next plan when this one kept too little, and the step it is.
    /// After the article's, the regions are read as cards: the page is
    /// likelier a grid or a list than a thread, and cards keep its links.
    fn looser(self) -> Option<(Plan, FallbackStep)> {
        match self {
            Plan::Article => Some((Plan::Cards, FallbackStep::Regions)),
            Plan::Sections { .. } | Plan::Cards => Some((Plan::WholePage, FallbackStep::WholePage)),
            Plan::WholePage => None,
        }
    }

    /// The element rules this plan sets aside.
    fn keeps(self) -> &'static [Rule] {
        match self {
            Plan::Article => &[],
            Plan::Sections {
                replies: Replies::Posts,
            } => &[Rule::Comments, Rule::CallToAction],
            Plan::Sections { .. } | Plan::Cards => &[Rule::CallToAction],
            Plan::WholePage => &[
                Rule::NoSnippet,
                Rule::Comments,
                Rule::BoilerplateName,
                Rule::Byline,
                Rule::Newsletter,
                Rule::CallToAction,
                Rule::Share,
                Rule::Advertisement,
                Rule::Consent,
            ],
        }
    }

    /// What this plan does with the headline's furniture: an article's
    /// headline is its title, while every other reading keeps the page's
    /// headline and the subtitle under it.
    fn furniture(self) -> Furniture {
        match self {
            Plan::Article => Furniture::Removed,
            Plan::Sections { .. } | Plan::Cards | Plan::WholePage => Furniture::Kept,
        }
    }

    /// What this plan keeps of what the page hides.
    fn unseen(self) -> Unseen {
        match self {
            Plan::Article
            | Plan::Sections {
                replies: Replies::Posts,
            } => Unseen::Removed,
            Plan::Sections { .. } => Unseen::Panels,
            Plan::Cards => Unseen::Shown,
            Plan::WholePage => Unseen::All,
        }
    }

    /// What the page's replies are under this plan.
    fn replies(self) -> Replies {
        match self {
            Plan::Sections { replies } => replies,
            Plan::Article | Plan::Cards | Plan::WholePage => Replies::Aside,
        }
    }

    /// The block rules' layout for this plan.
    pub fn layout(self) -> Layout {
        match self {
            Plan::Article => Layout::Single,
            Plan::Sections { .. } => Layout::Sections,
            Plan::Cards | Plan::WholePage => Layout::Cards,
        }
    }
}

/// The page measured before any plan: what every plan starts from.
pub(super) struct Page {
    raw: Measures,
    raw_good: Vec<f32>,
    /// What each element's names say, for every reading's pruning.
    names: clean::Names,
    /// The page's readable text: the live text of its main region.
    pub readable: u32,
    /// The paragraph text of the main region, with that of the elements
    /// removed for their class name or their being hidden counted in:
    /// names may have taken the content itself out.
    prose: f32,
    /// The text of the main region's elements removed for their class
    /// name, their being hidden or the page's `data-nosnippet`.
    named_chars: u32,
    pub verdict: Verdict,
    /// Whether the caller gave the page type.
    given: bool,
    focus: Focus,
}

/// What a plan hands to the rest.
pub(super) struct Chosen {
    pub plan: Plan,
    pub pruned: Pruned,
    pub live: Measures,
    pub root: Ix,
}

/// Measures the page, reads its type and applies the plan that type calls
/// for.
pub(super) fn choose(
    dom: &Dom,
    meta: &Metadata,
    focus: Focus,
    known: Option<PageType>,
    url: Option<&url::Url>,
) -> (Page, Chosen) {
    let visible = |ix| !crate::dom::never_content(dom, ix);
    let raw = Measures::new(dom, visible);
    let raw_good = select::good_text(dom, visible, &raw, focus);
    let names = clean::Names::new(dom);
    let mut pruned = clean::prune(
        dom,
        &raw,
        &raw_good,
        (&[], Furniture::Removed),
        Unseen::Removed,
        Replies::Aside,
        &names,
    );
    let live = Measures::new(dom, |ix| pruned.alive(ix));
    let good = select::good_text(dom, |ix| pruned.alive(ix), &live, focus);
    let container = select::select(dom, &pruned, &live, &good, focus);
    let mut structure = classify::measure(dom, &pruned, &live, &good, container);
    let region = select::region(dom, &pruned, &live);
    let (named, named_chars) = pruned
        .named
        .iter()
        .filter(|&&ix| dom.contains(region, ix))
        .fold((0f32, 0u32), |(g, c), &ix| {
            (g + raw_good[ix as usize], c + raw.chars[ix as usize])
        });
    let prose = good[region as usize] + named;
    let readable = live.chars[region as usize];
    // What one article container keeps once teaser cards are gone.
    let removed = clean::remove_cards(dom, &mut pruned, &live, &raw_good, &good, container);
    drop(good);
    let (live, root) = if removed {
        drop(live);
        let live = Measures::new(dom, |ix| pruned.alive(ix));
        let good = select::good_text(dom, |ix| pruned.alive(ix), &live, focus);
        let root = select::select(dom, &pruned, &live, &good, focus);
        // A narrative is told in what the article reading keeps: the long
        // paragraphs of the cards it took out are the cards' summaries.
        structure.long_paragraphs = classify::long_paragraphs(dom, &good, root);
        (live, root)
    } else {
        (live, container)
    };
    let single_share = live.chars[root as usize] as f32 / readable.max(1) as f32;
    let verdict = match known {
        Some(kind) => Verdict {
            kind,
            confidence: 1.0,
        },
        None => {
            let signed = meta.published.is_some()
                || !meta.authors.is_empty()
                || in_article_element(dom, root)
                || dated(dom, &pruned, root);
            // The address the page was read at: a canonical link may name
            // the site's root on every page.
            let address = classify::Address::of(url);
            classify::classify(&meta.schema, &structure, single_share, signed, address)
        }
    };
    let page = Page {
        raw,
        raw_good,
        names,
        readable,
        prose,
        named_chars,
        verdict,
        given: known.is_some(),
        focus,
    };
    let chosen = match Plan::for_page(&verdict) {
        Plan::Article => Chosen {
            plan: Plan::Article,
            pruned,
            live,
            root,
        },
        plan => {
            drop((pruned, live));
            apply(dom, &page, plan)
        }
    };
    (page, chosen)
}

/// Whether the block rules took out as a list's items over
/// [`ITEMS_OVER_KEPT`] times the text they kept.
fn items_outweigh(blocks: &[Block]) -> bool {
    let (items, kept) = blocks.iter().fold((0u32, 0u32), |(t, k), b| match b.drop {
        Some(Rule::Teaser | Rule::LinkList | Rule::ShortFragment | Rule::Repeated) => {
            (t + b.chars, k)
        }
        None => (t, k + b.chars),
        Some(_) => (t, k),
    });
    items as f32 > ITEMS_OVER_KEPT * kept as f32
}

/// Whether the container is, or is inside, an `<article>` element: the
/// markup declares it one.
fn in_article_element(dom: &Dom, root: Ix) -> bool {
    std::iter::successors(Some(root), |&ix| dom.parent(ix))
        .any(|ix| dom.tag(ix) == Some(&html5ever::local_name!("article")))
}

/// Text nodes read for a dateline: the container's first ones, and the
/// last ones before it (between the headline and the body).
const OPENING_TEXTS: usize = 40;
const TEXTS_BEFORE: usize = 10;

/// Whether the article shows its date or its author: a `<time>` element
/// in its container, or a byline or dateline among the texts around the
/// container's start.
fn dated(dom: &Dom, pruned: &Pruned, root: Ix) -> bool {
    let text = |ix: Ix| {
        dom.text(ix)
            .filter(|t| pruned.alive(ix) && !t.trim().is_empty())
    };
    let dateline = |t: &str| clean::is_dateline(&crate::dom::normalized(t));
    let container = root..dom.end(root);
    container
        .clone()
        .any(|ix| pruned.alive(ix) && dom.tag(ix) == Some(&html5ever::local_name!("time")))
        || container.filter_map(text).take(OPENING_TEXTS).any(dateline)
        || (0..root)
            .rev()
            .filter_map(text)
            .take(TEXTS_BEFORE)
            .any(dateline)
}

/// Applies a plan other than the article's.
fn apply(dom: &Dom, page: &Page, plan: Plan) -> Chosen {
    let pruned = clean::prune(
        dom,
        &page.raw,
        &page.raw_good,
        (plan.keeps(), plan.furniture()),
        plan.unseen(),
        plan.replies(),
        &page.names,
    );
    let live = Measures::new(dom, |ix| pruned.alive(ix));
    let mut root = select::region(dom, &pruned, &live);
    // One product's sections or one thread's posts hang together under
    // its headline; what lies outside that (other products, other
    // threads, the site's offers) is not about it.
    if plan.layout() == Layout::Sections {
        let good = select::good_text(dom, |ix| pruned.alive(ix), &live, page.focus);
        root = select::around_headline(dom, &pruned, &good, root);
    }
    Chosen {
        plan,
        pruned,
        live,
        root,
    }
}

impl Page {
    /// The next plan when `chosen` kept only `kept` characters of the
    /// page's readable text, with the fallback to report; `None` when what
    /// was kept is enough or no plan is looser.
    pub fn looser(&self, chosen: &Chosen, kept: u32) -> Option<(Plan, Fallback)> {
        // On a page of cards the items are short lines, not prose: the
        // text that class names removed counts as readable, since they
        // may have taken the grid itself.
        let readable = match chosen.plan {
            Plan::Cards => self.readable.saturating_add(self.named_chars),
            _ => self.readable,
        };
        let share = |of: f32| kept > 0 && kept as f32 >= MIN_KEPT_SHARE * of;
        let enough = share(readable as f32) && share(self.prose);
        if enough || readable == 0 {
            return None;
        }
        let (plan, step) = chosen.plan.looser()?;
        let fallback = Fallback {
            step,
            kept,
            readable,
        };
        Some((plan, fallback))
    }

    /// Whether a page read as one article is a listing after all: the
    /// block rules took out as a list's items over [`ITEMS_OVER_KEPT`]
    /// times the text they kept. Items go as teasers, as lists of links, or
    /// as short fragments (the field every item repeats, "Subjects: …", a
    /// bare label or date); all three are counted, whatever else they also
    /// take (a table of contents, a notice). A page type the caller gave
    /// stands.
    pub fn items_are_content(&self, chosen: &Chosen, blocks: &[Block]) -> bool {
        !self.given && chosen.plan == Plan::Article && items_outweigh(blocks)
    }

    /// Reads the page again as a listing of cards, once `previous` is
    /// freed.
    pub fn reread_as_listing(&mut self, dom: &Dom, previous: &mut Chosen) {
        self.verdict = Verdict {
            kind: PageType::Listing,
            confidence: LISTING_CONFIDENCE,
        };
        self.reread(dom, previous, Plan::Cards);
    }

    /// Reads the page again under a looser `plan`, once `previous` is
    /// freed: each reading holds a pruned set and measures the size of the
    /// page.
    pub fn reread(&self, dom: &Dom, previous: &mut Chosen, plan: Plan) {
        previous.pruned = Pruned::default();
        previous.live = Measures::default();
        *previous = apply(dom, self, plan);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::block::BlockKind;

    fn dropped(text: &str, rule: Option<Rule>) -> Block {
        let mut b = Block::for_test(BlockKind::Paragraph, text, false);
        b.drop = rule;
        b
    }

    const KEPT: &str = "The club builds and looks after six trails around the river.";

    #[test]
    fn items_removed_by_any_list_rule_add_up() {
        let teaser = "A gentle loop under old pines with two short climbs...";
        let names = "Beaver Dam Loop · Old Rail Grade · Fox Hollow · Sawmill";
        // Teasers alone are under twice the kept text; with the names that
        // went as a list of links they are over it.
        let teasers = [dropped(KEPT, None), dropped(teaser, Some(Rule::Teaser))];
        assert!(!items_outweigh(&teasers));
        let mut both = teasers.to_vec();
        both.push(dropped(names, Some(Rule::LinkList)));
        both.push(dropped(
            "Subjects: Artificial Intelligence",
            Some(Rule::ShortFragment),
        ));
        assert!(items_outweigh(&both));
    }

    #[test]
    fn what_lies_outside_the_article_is_not_an_item() {
        let mut blocks = vec![dropped(KEPT, None)];
        for rule in [Rule::OutsideMainContent, Rule::Comments, Rule::PageChrome] {
            blocks.push(dropped(&KEPT.repeat(3), Some(rule)));
        }
        assert!(!items_outweigh(&blocks));
    }
}
