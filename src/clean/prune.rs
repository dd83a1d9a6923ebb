//! Whole-element removals decided before the main content is chosen: tags
//! that never hold article text, hidden elements, landmarks of the page's
//! chrome, controls (forms, button links, input widgets by their role), and
//! elements whose class or id names boilerplate.

use std::cell::OnceCell;
use std::collections::HashSet;

use html5ever::{local_name, LocalName};

use super::anchor::words;
use super::copies::Copies;
use super::forms;
use super::hiding::{name_words, style_hides};
use super::names::{Name, Named, Names};
use super::replies::{by_replies, Replies};
use super::vocab::BUTTON_TOKENS;
use crate::dom::{Dom, Ix, Measures, Pruned};
use crate::Rule;

/// Share of the page's paragraph text that, met before an element named
/// as furniture ("subhead"), makes it a subheading of the article.
const PROSE_ABOVE_SUBHEADS: f32 = 0.2;

/// Share of the page's paragraph text from which an element is protected.
pub(super) const PROTECT_SHARE: f32 = 0.5;

/// Share of the page's paragraph text that, held by hidden elements, means
/// the page reveals its article with script ("nearly all"): hidden
/// elements are then kept.
const HIDDEN_PROSE_SHARE: f32 = 0.8;

/// Paragraph text from which a removal is logged at debug level; smaller
/// ones would drown the few that matter.
const LOGGED_GOOD_CHARS: f32 = 100.0;

/// What a reading keeps of what the page hides, beside the panels a
/// control opens (kept in every reading).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unseen {
    /// Nothing: one article, a thread.
    Removed,
    /// Panels hidden from every reader until opened (a product's tabs),
    /// but not text for one kind of reader alone: hidden from assistive
    /// technology (`aria-hidden`: a "selling fast" badge, an image's
    /// loading label, a label drawn twice) it is for the eye alone; named
    /// for screen readers (the strong names that hide: `sr-only`,
    /// `visually-hidden`; a carousel's instructions) it is not on the page
    /// the reader sees.
    Panels,
    /// What the eye sees (`aria-hidden`: a card's summary drawn inside a
    /// link screen readers skip), but not what the page keeps out of
    /// sight: on a page of cards, what no control opens is a state the
    /// reader has not reached (an account's dialogs, a sign-in's errors, a
    /// cart drawer), not a card.
    Shown,
    /// Everything: the last resort.
    All,
}

impl Unseen {
    /// Whether an element the page hides stays; `name` is the name that
    /// hid it, if any, and `named` says whether its names remove it (an
    /// `aria-hidden` dialog named `modal`, a box named `hidden`).
    fn keeps(self, dom: &Dom, ix: Ix, name: Option<Name>, named: impl Fn() -> bool) -> bool {
        let for_the_eye = dom.attr(ix, "aria-hidden") == Some("true");
        match self {
            Unseen::Removed => false,
            Unseen::Panels => !(for_the_eye || matches!(name, Some(Name::Strong(_)))),
            Unseen::Shown => for_the_eye && !out_of_sight(dom, ix) && !named(),
            Unseen::All => true,
        }
    }
}

/// Removes whole elements. `good` is the paragraph-like text of every
/// subtree before any removal: an element holding at least half of the
/// page's is protected from removal by name or landmark, since it is more
/// likely the article than boilerplate.
///
/// When hidden elements hold nearly all the page's paragraph text, the page
/// reveals its article with script: hidden elements are then kept.
///
/// `keep` lists the rules set aside and what is done with the headline's
/// furniture, `unseen` what is kept of what the page hides; `replies`
/// says what the replies a page holds are to it.
/// `names` keeps what each element's names say across the passes and
/// readings of one page.
pub(crate) fn prune(
    dom: &Dom,
    raw: &Measures,
    good: &[f32],
    (keep, furniture): (&[Rule], Furniture),
    unseen: Unseen,
    replies: Replies,
    names: &Names,
) -> Pruned {
    let total = good[dom.body() as usize];
    let mut hidden = Hidden::Remove;
    let mut layout: Vec<Name> = Vec::new();
    let mut pruned;
    let sight = Sight {
        toggled: toggled_ids(dom),
        shown: OnceCell::new(),
        next_text_block: OnceCell::new(),
        copies: Copies::new(&raw.chars),
        names,
    };
    loop {
        let (p, by_name) = prune_with(
            dom,
            good,
            hidden,
            &layout,
            (keep, furniture, unseen),
            replies,
            &sight,
        );
        pruned = p;
        let hidden_prose: f32 = pruned
            .rule
            .iter()
            .enumerate()
            .filter(|(_, r)| **r == Some(Rule::Hidden))
            .map(|(ix, _)| good[ix])
            .sum();
        // Hidden elements are kept only when they hold nearly all the prose.
        if hidden == Hidden::Remove && total > 0.0 && hidden_prose > HIDDEN_PROSE_SHARE * total {
            hidden = Hidden::Keep;
            continue;
        }
        // A name that would take most of the prose the page shows is how
        // this page names its layout ("widget" in a page builder,
        // "sidebar" in a template's wrapper), not a box of boilerplate: it
        // is ignored, and an element of prose it names is the layout's
        // whatever other weak word it holds (see `names`). What the page
        // keeps out of sight (a consent manager's settings, a dialog) is
        // not weighed: it can outweigh a short article. Comments are left
        // to the page's type: on a forum they are the content, beside an
        // article they are not, however long.
        let shown = total - hidden_prose;
        let names: Vec<Name> = by_name
            .into_iter()
            .filter(|(name, _)| name.rule() != Rule::Comments)
            .filter(|(_, prose)| shown > 0.0 && *prose > LAYOUT_SHARE * shown)
            .map(|(name, _)| name)
            .collect();
        if names.is_empty() {
            break;
        }
        log::debug!("names of the page's layout, not removed: {names:?}");
        layout.extend(names);
    }
    forms::widen_signup_boxes(dom, raw, good, &mut pruned);
    pruned
}

/// What a reading does with the furniture around the headline: the
/// elements named as its deck, kicker, eyebrow or subtitle above the
/// page's prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Furniture {
    /// Removed: an article's headline is its title, and the furniture
    /// around it is not the article's text.
    Removed,
    /// Kept: a page of sections, cards or posts keeps its headline, and
    /// the subtitle under it is the page's own text.
    Kept,
}

/// Share of the page's paragraph text above which the elements one class
/// or id name removes are the page's layout rather than boilerplate.
const LAYOUT_SHARE: f32 = 0.5;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Hidden {
    Remove,
    Keep,
}

/// Prunes the page, leaving alone the names in `ignored`; also returns the
/// paragraph text each name removed.
fn prune_with(
    dom: &Dom,
    good: &[f32],
    hidden: Hidden,
    ignored: &[Name],
    (keep, furniture, unseen): (&[Rule], Furniture, Unseen),
    replies: Replies,
    sight: &Sight<'_>,
) -> (Pruned, Vec<(Name, f32)>) {
    let mut by_name: Vec<(Name, f32)> = Vec::new();
    let mut named = Vec::new();
    let n = dom.len();
    let mut rule: Vec<Option<Rule>> = vec![None; n];
    let mut dead = vec![false; n];
    let total = good[dom.body() as usize];
    // Each element's own paragraph text, summed in reading order: the
    // prose met before a node.
    let own = crate::select::own_good(dom, good);
    let mut prose_before = 0f32;
    // The end of the code block being walked: names inside code describe
    // its syntax (`hljs-comment`, `token comment`), not parts of the page.
    let mut code_end: Ix = 0;
    let mut ix: Ix = 0;
    while (ix as usize) < n {
        let before = prose_before;
        prose_before += own[ix as usize];
        let parent_dead = dom.parent(ix).is_some_and(|p| dead[p as usize]);
        if parent_dead {
            dead[ix as usize] = true;
            ix += 1;
            continue;
        }
        let Some(tag) = dom.tag(ix) else {
            ix += 1;
            continue;
        };
        let in_code = ix < code_end;
        if matches!(*tag, local_name!("pre") | local_name!("code")) {
            code_end = code_end.max(dom.end(ix));
        }
        let protected = total > 0.0 && good[ix as usize] >= PROTECT_SHARE * total;
        // Half the prose, and the rest of the page holds nearly as much:
        // room for a copy of it.
        let page_sized =
            || protected && total - good[ix as usize] >= COPY_SHARE * good[ix as usize];
        // Furniture (a deck, a kicker) sits above the article's prose; a
        // "subhead" met after it is one of the article's own subheadings.
        let place = if total > 0.0 && before >= PROSE_ABOVE_SUBHEADS * total {
            Place::BelowProse
        } else {
            Place::AboveProse
        };
        let mut name = None;
        // Hidden by an attribute, a style or a class name, a panel the
        // reader can open stays; its other names still count.
        let opens = || opens_on_demand(dom, ix, &sight.toggled);
        // What the page's replies are is its kind's to say, whatever the
        // plan sets aside.
        let mut by_kind = false;
        // Whether the element's names remove it, whatever hid it.
        let names_remove = || {
            dom.element(ix).is_some_and(|el| {
                !matches!(
                    sight.names.of(dom, el, ix, tag, (&[], false)),
                    Named::Nothing
                )
            })
        };
        // Whether this reading keeps the element if the page hides it.
        let kept_unseen = |name: Option<Name>| {
            hidden == Hidden::Keep || unseen.keeps(dom, ix, name, names_remove)
        };
        let verdict = by_tag(tag, protected, || labels_heading(dom, ix))
            .or_else(|| by_visibility(dom, ix, page_sized(), sight))
            // The name rules: the page's replies, then the element's names.
            .or_else(|| {
                if in_code {
                    return None;
                }
                if let Some(rule) = by_replies(dom, ix, tag, protected, replies) {
                    by_kind = true;
                    return Some(rule);
                }
                let (rule, n) = by_attributes(
                    dom,
                    ix,
                    tag,
                    protected,
                    place == Place::AboveProse && furniture == Furniture::Removed,
                    (ignored, good[ix as usize] > 0.0),
                    sight,
                )?;
                name = n;
                Some(rule)
            })
            .filter(|r| *r != Rule::Hidden || !opens())
            // Where hidden panels are kept (a product's tabs, a page that
            // reveals its article with script), a hidden element that
            // repeats the page word for word is the copy a responsive
            // layout shows on other screens (`hidden-md-up` beside
            // `hidden-md-down`), not a panel.
            .map(|r| {
                if r == Rule::Hidden && kept_unseen(name) && sight.copies.copied(dom, ix) {
                    Rule::NonContent
                } else {
                    r
                }
            })
            .filter(|r| hidden == Hidden::Remove || *r != Rule::Hidden)
            .filter(|r| {
                by_kind
                    || match r {
                        Rule::Hidden => !kept_unseen(name),
                        r => !keep.contains(r),
                    }
            })
            // A modal dialog (a consent manager's, a sign-up's) is never
            // the page's content, however much prose it holds.
            .filter(|r| !protected || matches!(r, Rule::NonContent) || is_modal(dom, ix));
        if let Some(r) = verdict {
            if let Some(n) = name {
                match by_name.iter_mut().find(|(k, _)| *k == n) {
                    Some((_, g)) => *g += good[ix as usize],
                    None => by_name.push((n, good[ix as usize])),
                }
            }
            if good[ix as usize] > LOGGED_GOOD_CHARS && log::log_enabled!(log::Level::Debug) {
                let el = dom.element(ix);
                log::debug!(
                    "pruned by {r}: {:?} class={:?} id={:?} good={}",
                    tag,
                    el.and_then(|e| e.attr("class")),
                    el.and_then(|e| e.attr("id")),
                    good[ix as usize]
                );
            }
            rule[ix as usize] = Some(r);
            dead[ix as usize] = true;
            if (name.is_some() || matches!(r, Rule::Hidden | Rule::NoSnippet))
                && r != Rule::Comments
            {
                named.push(ix);
            }
        }
        ix += 1;
    }
    (Pruned { rule, dead, named }, by_name)
}

/// Where an element stands against the page's paragraph text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Less than [`PROSE_ABOVE_SUBHEADS`] of it comes before.
    AboveProse,
    BelowProse,
}

/// Removal by tag alone. A `<noscript>` holding most of the page's prose
/// is the page itself, served to readers without script, and stays; so
/// does a `<button>` that is a heading's text (an accordion's question).
fn by_tag(tag: &LocalName, protected: bool, labels_heading: impl Fn() -> bool) -> Option<Rule> {
    let rule = match *tag {
        local_name!("noscript") if protected => return None,
        local_name!("button") | local_name!("label") if labels_heading() => return None,
        local_name!("script")
        | local_name!("style")
        | local_name!("noscript")
        | local_name!("template")
        | local_name!("head")
        | local_name!("iframe")
        | local_name!("object")
        | local_name!("embed")
        | local_name!("canvas")
        | local_name!("svg")
        | local_name!("button")
        | local_name!("input")
        | local_name!("select")
        | local_name!("textarea")
        | local_name!("label")
        | local_name!("option")
        | local_name!("video")
        | local_name!("audio")
        | local_name!("dialog")
        | local_name!("map")
        | local_name!("link")
        | local_name!("meta") => Rule::NonContent,
        local_name!("nav") => Rule::Navigation,
        local_name!("footer") | local_name!("aside") => Rule::PageChrome,
        _ => return None,
    };
    Some(rule)
}

/// Whether a button or a control's label is a heading's text (a button
/// that opens a section names the section): inside a heading, a
/// `role="heading"` element or a `<summary>`, or holding a heading itself;
/// the shapes accordions write their headers in. Other labels caption a
/// form control ("Compare", "Sort by") and go with it.
fn labels_heading(dom: &Dom, ix: Ix) -> bool {
    let in_heading = dom
        .parent(ix)
        .is_some_and(|p| crate::dom::heads(dom, p) || dom.tag(p) == Some(&local_name!("summary")));
    in_heading || (ix + 1..dom.end(ix)).any(|d| crate::dom::heads(dom, d))
}

/// The ids of the elements a toggle on the page opens (`aria-controls`).
fn toggled_ids(dom: &Dom) -> HashSet<&str> {
    (0..dom.len() as Ix)
        .filter_map(|ix| dom.element(ix)?.attr("aria-controls"))
        .flat_map(str::split_whitespace)
        .collect()
}

/// Whether an element is a dialog laid over the page (`role="dialog"`,
/// `role="alertdialog"`, `aria-modal="true"`).
fn is_modal(dom: &Dom, ix: Ix) -> bool {
    crate::dom::role_is(dom, ix, &["dialog", "alertdialog"])
        || dom
            .attr(ix, "aria-modal")
            .is_some_and(|m| m.trim().eq_ignore_ascii_case("true"))
}

/// What the page shows: the panels its toggles open, the words of its
/// shown text, read once when a hidden schema.org item asks, and its whole
/// text, read once when a kept hidden element may be a copy; with what its
/// elements' names say, read once for all its readings.
struct Sight<'a> {
    toggled: HashSet<&'a str>,
    shown: OnceCell<HashSet<String>>,
    /// For each node, the first paragraph or heading at or after it in
    /// document order (the page's length where there is none): read once,
    /// when an input widget is met.
    next_text_block: OnceCell<Vec<Ix>>,
    copies: Copies<'a>,
    names: &'a Names,
}

impl Sight<'_> {
    fn shown(&self, dom: &Dom) -> &HashSet<String> {
        self.shown.get_or_init(|| shown_words(dom, &self.toggled))
    }

    /// Whether the element holds a paragraph or a heading.
    fn holds_text_block(&self, dom: &Dom, ix: Ix) -> bool {
        let next = self.next_text_block.get_or_init(|| {
            let n = dom.len();
            let mut next = vec![n as Ix; n + 1];
            for d in (0..n).rev() {
                let block =
                    dom.tag(d as Ix) == Some(&local_name!("p")) || crate::dom::heads(dom, d as Ix);
                next[d] = if block { d as Ix } else { next[d + 1] };
            }
            next
        });
        next[ix as usize + 1] < dom.end(ix)
    }
}

/// Share of the words of a hidden schema.org item, or of a hidden element
/// holding half the prose, that the shown text holds from which the
/// element is a copy of it: nearly all.
const COPY_SHARE: f32 = 0.8;

/// Whether the element is kept out of sight by the `hidden` attribute (not
/// `hidden="until-found"`, which the browser's search reveals) or an
/// inline style.
fn out_of_sight(dom: &Dom, ix: Ix) -> bool {
    dom.element(ix).is_some_and(|el| {
        el.attr("hidden")
            .is_some_and(|v| !v.trim().eq_ignore_ascii_case("until-found"))
            || el.attr("style").is_some_and(style_hides)
    })
}

/// Whether the page hides the element: out of sight, or `aria-hidden`.
fn hidden(dom: &Dom, ix: Ix) -> bool {
    out_of_sight(dom, ix) || dom.attr(ix, "aria-hidden") == Some("true")
}

/// Removal of what the page hides (see [`hidden`]), but for a panel the
/// reader can open. A schema.org item (`itemscope`) out of sight whose
/// words the shown text already holds is the page's data for machines (a
/// copy of its headline, author and body): not content, in any reading.
/// So is an element out of sight that holds half the page's prose (which
/// would protect it) in words the shown text holds, when the rest of the
/// page holds about as much prose (`page_sized`): the article again in
/// another form (its Markdown source for programs), not a full text the
/// page opens from an excerpt. Only the outermost hidden element is
/// weighed so.
fn by_visibility(dom: &Dom, ix: Ix, page_sized: bool, sight: &Sight<'_>) -> Option<Rule> {
    if !hidden(dom, ix) || opens_on_demand(dom, ix, &sight.toggled) {
        return None;
    }
    let page_sized = page_sized && dom.parent(ix).is_none_or(|p| !hidden(dom, p));
    let copy = out_of_sight(dom, ix)
        && (dom.attr(ix, "itemscope").is_some() || page_sized)
        && repeats_shown(dom, ix, sight.shown(dom));
    Some(if copy { Rule::NonContent } else { Rule::Hidden })
}

/// The words of the text a reader sees: every text node outside code and
/// outside what the page hides (panels the reader can open count as shown).
fn shown_words(dom: &Dom, toggled: &HashSet<&str>) -> HashSet<String> {
    let mut words = HashSet::new();
    let body = dom.body();
    let mut ix = body;
    while ix < dom.end(body) {
        if hidden(dom, ix) && !opens_on_demand(dom, ix, toggled) {
            ix = dom.end(ix);
            continue;
        }
        if let Some(t) = dom.text(ix).filter(|_| !crate::dom::never_content(dom, ix)) {
            words.extend(lower_words(t));
        }
        ix += 1;
    }
    words
}

/// Whether nearly all the words of the element's text are in `shown`.
fn repeats_shown(dom: &Dom, ix: Ix, shown: &HashSet<String>) -> bool {
    let text = crate::dom::text_of(dom, ix);
    let (mut all, mut found) = (0u32, 0u32);
    for w in lower_words(&text) {
        all += 1;
        found += u32::from(shown.contains(&w));
    }
    found as f32 >= COPY_SHARE * all as f32
}

fn lower_words(text: &str) -> impl Iterator<Item = String> + '_ {
    words(text).map(str::to_lowercase)
}

/// Levels of frames around a panel looked through (a collapsing frame,
/// its wrapper, its inner wrapper).
const MAX_FRAME_DEPTH: usize = 3;

/// Whether the reader can open a hidden element: the panel a toggle
/// controls (an accordion's answer), a tab panel, or a collapsing frame
/// around one (elements each holding nothing but the next, down to the
/// panel). Those are collapsed content, not boilerplate kept out of sight.
fn opens_on_demand(dom: &Dom, ix: Ix, toggled: &HashSet<&str>) -> bool {
    let panel = |ix: Ix| {
        dom.element(ix).is_some_and(|el| {
            crate::dom::role_is(dom, ix, &["tabpanel"])
                || el.attr("id").is_some_and(|id| toggled.contains(id))
        })
    };
    // The one element a frame holds, with no text of its own beside it.
    let only_child = |frame: Ix| {
        let mut children = dom
            .children(frame)
            .filter(|&c| dom.tag(c).is_some() || dom.text_chars(c) > 0);
        let child = children.next().filter(|&c| dom.tag(c).is_some());
        child.filter(|_| children.next().is_none())
    };
    std::iter::successors(Some(ix), |&frame| only_child(frame))
        .take(MAX_FRAME_DEPTH + 1)
        .any(panel)
}

/// ARIA roles of widgets that take the reader's input, as `<select>` and
/// `<input>` do: a shop's filter options, a size picker, a slider. Their
/// text is the labels of choices, not content. An element given such a
/// role that holds paragraphs or headings (a grid of cards, a carousel) is
/// not one.
const INPUT_WIDGET_ROLES: [&str; 6] = [
    "listbox",
    "combobox",
    "radiogroup",
    "slider",
    "spinbutton",
    "switch",
];

fn by_attributes(
    dom: &Dom,
    ix: Ix,
    tag: &LocalName,
    protected: bool,
    furniture_goes: bool,
    (ignored, prose): (&[Name], bool),
    sight: &Sight<'_>,
) -> Option<(Rule, Option<Name>)> {
    let names = sight.names;
    let el = dom.element(ix)?;
    let by_other = |r: Rule| Some((r, None));
    if let Some(role) = crate::dom::role(dom, ix) {
        let is = |roles: &[&str]| crate::dom::role_in(role, roles);
        if is(&["navigation", "menu", "menubar", "search"]) {
            return by_other(Rule::Navigation);
        }
        if is(&["banner", "contentinfo", "complementary"]) {
            return by_other(Rule::PageChrome);
        }
        if is(&["dialog", "alertdialog"]) {
            return by_other(Rule::BoilerplateName);
        }
        // Non-content passes protection, so a widget holding the page's
        // prose is not judged as one.
        if is(&INPUT_WIDGET_ROLES) && !protected && !sight.holds_text_block(dom, ix) {
            return by_other(Rule::NonContent);
        }
    }
    if *tag == local_name!("header") && !inside_article(dom, ix) {
        return by_other(Rule::PageChrome);
    }
    if *tag == local_name!("form") && !protected && !forms::wraps_content(dom, ix) {
        return by_other(if forms::has_email_field(dom, ix) {
            Rule::Newsletter
        } else {
            Rule::NonContent
        });
    }
    if dressed_as_button(dom, ix, tag) {
        return by_other(Rule::NonContent);
    }
    if crate::dom::is_landmark(tag) {
        return None;
    }
    // The page says it is nothing to quote from it; an element holding
    // half the prose stays (the protection below).
    if el.attr("data-nosnippet").is_some() {
        return by_other(Rule::NoSnippet);
    }
    let (rule, name) = names
        .of(dom, el, ix, tag, (ignored, prose))
        .removal(furniture_goes)?;
    Some((rule, Some(name)))
}

/// Whether an element is a link the page dresses as a button (a class
/// word `btn` or `button`): a control ("Get started", "Download now"), as
/// a `<button>` is. Like a `<button>`, one that is a heading's text (an
/// accordion's question) is not; nor is a link that holds blocks or
/// headings (a card written as one link): it is more than a label.
fn dressed_as_button(dom: &Dom, ix: Ix, tag: &LocalName) -> bool {
    *tag == local_name!("a")
        && dom.attr(ix, "class").is_some_and(|class| {
            name_words(class).any(|w| BUTTON_TOKENS.iter().any(|b| w.eq_ignore_ascii_case(b)))
        })
        && !(ix + 1..dom.end(ix)).any(|d| dom.tag(d).is_some_and(crate::dom::is_block))
        && !labels_heading(dom, ix)
}

fn inside_article(dom: &Dom, ix: Ix) -> bool {
    let mut cur = dom.parent(ix);
    while let Some(p) = cur {
        if matches!(
            dom.tag(p),
            Some(&local_name!("article")) | Some(&local_name!("main"))
        ) {
            return true;
        }
        cur = dom.parent(p);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Limits;

    #[test]
    fn each_reading_keeps_its_share_of_what_the_page_hides() {
        let page = r#"<body><p id="eye" aria-hidden="true">A summary drawn for the eye.</p>
            <div id="away" style="display: none">A dialog's state.</div>
            <div id="both" aria-hidden="true" hidden>Both.</div></body>"#;
        let dom = Dom::parse(page, &Limits::default());
        let by_id = |id: &str| {
            (0..dom.len() as Ix)
                .find(|&ix| dom.attr(ix, "id") == Some(id))
                .expect("the element is on the page")
        };
        let (eye, away, both) = (by_id("eye"), by_id("away"), by_id("both"));
        let kept =
            |unseen: Unseen| [eye, away, both].map(|ix| unseen.keeps(&dom, ix, None, || false));
        assert_eq!(kept(Unseen::Removed), [false, false, false]);
        // A product's tabs are out of sight; what only the eye sees is not
        // a tab.
        assert_eq!(kept(Unseen::Panels), [false, true, false]);
        // A page of cards keeps what the eye sees, nothing out of sight.
        assert_eq!(kept(Unseen::Shown), [true, false, false]);
        assert_eq!(kept(Unseen::All), [true, true, true]);
    }

    /// Prunes `page` with no rule set aside and the page's replies aside,
    /// and gives the rule that removed the element of each id.
    fn rules_by_id(
        page: &str,
        furniture: Furniture,
        unseen: Unseen,
    ) -> impl Fn(&str) -> Option<Rule> {
        let dom = Dom::parse(page, &Limits::default());
        let raw = Measures::new(&dom, |_| true);
        let good = crate::select::good_text(&dom, |_| true, &raw, crate::Focus::Balanced);
        let pruned = prune(
            &dom,
            &raw,
            &good,
            (&[], furniture),
            unseen,
            Replies::Aside,
            &Names::new(&dom),
        );
        move |id: &str| {
            let ix = (0..dom.len() as Ix)
                .find(|&ix| dom.attr(ix, "id") == Some(id))
                .expect("the element is on the page");
            pruned.rule[ix as usize]
        }
    }

    #[test]
    fn what_names_say_beside_the_layout_name() {
        let prose = "Words enough to be the prose of the page, read as it is, with a comma, \
                     and long enough to count as a paragraph of running text in any reading.";
        // `cta` holds most of the prose: the page's layout name.
        let page = format!(
            r##"<body><div class="cmp-cta"><p>{prose}</p></div>
            <div class="cmp-cta"><p>{prose}</p></div>
            <div id="banner" class="cmp-cta cmp-cta__banner"><p>{prose}</p></div>
            <div id="hidden" class="cmp-cta hidden">A panel.</div>
            <div id="alone" class="banner">Free delivery this week.</div>
            <p>{prose}</p>
            <div id="legal" class="product-disclaimer">Results may vary.</div>
            <a id="link-button" class="btn btn-primary" href="/start">Get started</a>
            <span id="badge" class="btn-label">New</span>
            <h5><a id="question" class="btn btn-link" href="#a1">How long does delivery take?</a></h5>
            <a id="card" class="card-button" href="/guide"><h3>A guide</h3><p>{prose}</p></a>
            <div id="layout-menu" class="cmp-cta nav">Home About</div></body>"##
        );
        let rule = rules_by_id(&page, Furniture::Removed, Unseen::Removed);
        // Named `banner` too, the component is still the layout's.
        assert_eq!(rule("banner"), None);
        // A name that hides it still does; `banner` alone still names a
        // banner, and a disclaimer is boilerplate.
        assert_eq!(rule("hidden"), Some(Rule::Hidden));
        assert_eq!(rule("alone"), Some(Rule::PageChrome));
        assert_eq!(rule("legal"), Some(Rule::BoilerplateName));
        // A link dressed as a button is a control; another element named
        // so is not.
        assert_eq!(rule("link-button"), Some(Rule::NonContent));
        assert_eq!(rule("badge"), None);
        // Nor is one that is a heading's text, or that holds a card.
        assert_eq!(rule("question"), None);
        assert_eq!(rule("card"), None);
        // A box of the layout without prose is judged by its other names.
        assert_eq!(rule("layout-menu"), Some(Rule::Navigation));
    }

    #[test]
    fn widgets_that_take_input_are_controls() {
        let page = r#"<body><div id="brands" role="listbox"><div role="option">
            <a href="/shoes/altra">Altra</a> 14</div></div>
            <div id="price" role="Slider presentation" aria-valuenow="120">Up to 120 pounds</div>
            <ul id="track" role="listbox"><li role="option"><h3>A card</h3>
            <p>Given the role by a carousel.</p></li></ul>
            <ul id="list" role="list"><li>A list is content.</li></ul>
            <div id="titles" role="listbox"><div role="option"><div role="heading">A card</div>
            <a href="/card">Its link</a></div></div></body>"#;
        let rule = rules_by_id(page, Furniture::Kept, Unseen::Shown);
        assert_eq!(rule("brands"), Some(Rule::NonContent));
        // The first of the role's tokens is the role, in any case.
        assert_eq!(rule("price"), Some(Rule::NonContent));
        // A widget holding headings and paragraphs is a grid of cards.
        assert_eq!(rule("track"), None);
        assert_eq!(rule("list"), None);
        assert_eq!(rule("titles"), None);
    }

    #[test]
    fn a_widget_role_on_the_pages_prose_leaves_it() {
        let prose = "Words enough to be the prose of the page, read as it is, with a comma, \
                     and long enough to count as a paragraph of running text in any reading.";
        // No paragraph element, but the page's prose: protected.
        let page = format!(
            r#"<body><div id="region" role="combobox"><div>{prose}</div><div>{prose}</div>
            <div>{prose}</div></div><div id="filter" role="radiogroup">Small Large</div></body>"#
        );
        let rule = rules_by_id(&page, Furniture::Kept, Unseen::Shown);
        assert_eq!(rule("region"), None);
        assert_eq!(rule("filter"), Some(Rule::NonContent));
    }

    #[test]
    fn the_headlines_furniture_goes_only_where_the_headline_does() {
        let prose = "Words enough to be the prose of the page, read as it is, with a comma, \
                     and long enough to count as a paragraph of running text in any reading.";
        let page = format!(
            r#"<body><h1>A headline</h1><p id="deck" class="hero-subtitle">A line under it.</p>
            <p id="hidden-deck" class="subtitle hidden">A line for small screens.</p>
            <p>{prose}</p><p>{prose}</p></body>"#
        );
        let removed = rules_by_id(&page, Furniture::Removed, Unseen::Removed);
        let kept = rules_by_id(&page, Furniture::Kept, Unseen::Removed);
        assert_eq!(removed("deck"), Some(Rule::Byline));
        assert_eq!(kept("deck"), None);
        // Kept furniture is still judged by its other names.
        assert_eq!(kept("hidden-deck"), Some(Rule::Hidden));
    }

    #[test]
    fn names_read_once_answer_every_reading_alike() {
        // Real paragraph text: furniture is met above and below the
        // prose, and "widget" holds most of it (the page builder's name
        // for its layout, set aside on a second pass).
        let prose = "Words enough to be the prose of the page, read as it is, with a comma, \
                     and long enough to count as a paragraph of running text in any reading.";
        let page = format!(
            r#"<body><div class="site-header">Menu</div>
            <p class="dek">A deck above the prose.</p>
            <article class="post-body"><p>{prose}</p>
            <div class="widget"><p>{prose}</p><p>{prose}</p><p>{prose}</p></div>
            <p class="dek">A subhead below the prose.</p>
            <div class="related-posts">Related</div><div class="widget hidden">Panel</div>
            <div id="cta" class="cta">Subscribe to the newsletter</div></article>
            <aside class="sidebar">Aside</aside></body>"#
        );
        let dom = Dom::parse(&page, &Limits::default());
        let raw = Measures::new(&dom, |_| true);
        let good = crate::select::good_text(&dom, |_| true, &raw, crate::Focus::Balanced);
        assert!(good[dom.body() as usize] > 0.0);
        let readings: [(&[Rule], Unseen, Replies); 4] = [
            (&[], Unseen::Removed, Replies::Aside),
            (&[Rule::CallToAction], Unseen::Panels, Replies::Reviews),
            (
                &[Rule::Comments, Rule::CallToAction],
                Unseen::Removed,
                Replies::Posts,
            ),
            (&[Rule::CallToAction], Unseen::Shown, Replies::Aside),
        ];
        let widget = (0..dom.len() as Ix)
            .find(|&ix| dom.attr(ix, "class") == Some("widget"))
            .expect("the page builder's wrapper is on the page");
        let shared = Names::new(&dom);
        for (keep, unseen, replies) in readings {
            // Every reading but the article's keeps the headline's furniture.
            let furniture = if keep.is_empty() {
                Furniture::Removed
            } else {
                Furniture::Kept
            };
            let keep = (keep, furniture);
            let fresh = prune(&dom, &raw, &good, keep, unseen, replies, &Names::new(&dom));
            let again = prune(&dom, &raw, &good, keep, unseen, replies, &shared);
            assert_eq!(again.rule, fresh.rule, "{keep:?}");
            assert_eq!(again.dead, fresh.dead, "{keep:?}");
            assert_eq!(again.named, fresh.named, "{keep:?}");
            // The layout's name was set aside: the prose it holds stays.
            assert!(again.alive(widget), "{keep:?}");
        }
    }
}
