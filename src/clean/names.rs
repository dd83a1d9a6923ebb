//! What an element's class names and id say it is: a strong name, a weak
//! token, furniture around the headline, or nothing. The pruning passes
//! of every reading of a page ask about the same elements; what the names
//! say is read once per page ([`Names`]).

use std::cell::{OnceCell, RefCell};
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use html5ever::{local_name, LocalName};

use super::anchor::anchors_own_text;
use super::forms;
use super::hiding::{hidden_by_name, name_words, print_display, shown_at_some_width};
use super::phrases::Phrases;
use super::vocab::{CONTENT_NAMES, EMBED_NAMES, FURNITURE_TOKENS, STRONG_NAMES, WEAK_TOKENS};
use crate::dom::{Dom, El, Ix};
use crate::Rule;

/// The class or id name behind a removal: a strong fragment or a weak
/// token (by its index in its list), or a furniture token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Name {
    Strong(usize),
    Weak(usize),
    Furniture,
}

impl Name {
    pub(super) fn rule(self) -> Rule {
        match self {
            Name::Strong(i) => STRONG_NAMES[i].1,
            Name::Weak(i) => WEAK_TOKENS[i].1,
            Name::Furniture => Rule::Byline,
        }
    }
}

/// An index into one of the lists of names, as [`Named`] keeps it.
fn index(i: usize) -> u16 {
    u16::try_from(i).expect("the lists of names are short")
}

/// What an element's class names and id say it is; where furniture
/// stands against the prose is judged on each pass.
#[derive(Debug, Clone, Copy)]
pub(super) enum Named {
    Nothing,
    /// Furniture around the headline, with what the element's weak
    /// names say of it where the furniture stays.
    Furniture(Option<(u16, Rule)>),
    /// A strong name, by its index in [`STRONG_NAMES`].
    Strong(u16),
    /// A weak token, by its index in [`WEAK_TOKENS`], and the rule it
    /// removes the element by.
    Weak(u16, Rule),
}

/// What each element's names say, read once per page when a pass first
/// asks: the pruning passes of every reading of the page (the article's,
/// then each looser plan's) ask again about the same elements, and reading
/// the names (lower-casing them, searching them for every vocabulary) is
/// much of a pass's work.
pub(crate) struct Names {
    read: Vec<OnceCell<Named>>,
    /// The names being read, lower-cased: one buffer for every element.
    lower: RefCell<String>,
}

impl Names {
    /// Nothing read yet, for the elements of `dom`.
    pub fn new(dom: &Dom) -> Names {
        Names {
            read: vec![OnceCell::new(); dom.len()],
            lower: RefCell::new(String::new()),
        }
    }

    /// What the names of the element `el` (at `ix`) say, the names in
    /// `ignored` left alone; `prose` says whether the element holds
    /// paragraph text (an ignored name shields only such an element from
    /// the element's other weak names). With none set aside, the answer is
    /// the same on every pass: it is read once per page.
    pub(super) fn of(
        &self,
        dom: &Dom,
        el: El<'_>,
        ix: Ix,
        tag: &LocalName,
        (ignored, prose): (&[Name], bool),
    ) -> Named {
        let read = |ignored| {
            by_names(
                dom,
                el,
                ix,
                tag,
                (ignored, prose),
                &mut self.lower.borrow_mut(),
            )
        };
        match ignored {
            [] => *self.read[ix as usize].get_or_init(|| read(&[])),
            _ => read(ignored),
        }
    }
}

impl Named {
    /// The rule and the name an element is removed by, if any; furniture
    /// only where `furniture_goes` (above an article's prose: below it, a
    /// "subhead" is one of the article's own), and elsewhere by its weak
    /// names.
    pub(super) fn removal(self, furniture_goes: bool) -> Option<(Rule, Name)> {
        match self {
            Named::Nothing => None,
            Named::Furniture(_) if furniture_goes => Some((Rule::Byline, Name::Furniture)),
            Named::Furniture(weak) => weak.map(|(i, rule)| (rule, Name::Weak(usize::from(i)))),
            Named::Strong(i) => {
                let i = usize::from(i);
                Some((STRONG_NAMES[i].1, Name::Strong(i)))
            }
            Named::Weak(i, rule) => Some((rule, Name::Weak(usize::from(i)))),
        }
    }
}

/// What the class names and id of the element `el` (at `ix`) say, the
/// names in `ignored` left alone; `lower` is a buffer for the names.
fn by_names(
    dom: &Dom,
    el: El<'_>,
    ix: Ix,
    tag: &LocalName,
    (ignored, prose): (&[Name], bool),
    lower: &mut String,
) -> Named {
    let class = el.attr("class").unwrap_or("");
    // An anchor made from the element's own heading ("meta-options",
    // "displaying-the-date-time-in-messages") names its subject, not its
    // role: it is not read as a name.
    let id = el
        .attr("id")
        .filter(|id| !anchors_own_text(dom, ix, id))
        .unwrap_or("");
    if class.is_empty() && id.is_empty() {
        return Named::Nothing;
    }
    lower.clear();
    for name in crate::dom::class_names(class) {
        lower.push_str(name);
        lower.push(' ');
    }
    lower.push_str(id);
    lower.make_ascii_lowercase();
    let names = lower.as_str();
    // An embedded post (a quoted tweet, an Instagram card) is quoted
    // content, not a share button.
    static EMBEDS: Phrases = Phrases::new(EMBED_NAMES);
    static CONTENT: Phrases = Phrases::new(CONTENT_NAMES);
    if EMBEDS.in_text(names) {
        return Named::Nothing;
    }
    // Whether one of the element's names is set aside as the page's
    // layout name.
    let mut layout_named = false;
    let strong = strong_names()
        .find_iter(names)
        .map(|m| m.pattern().as_usize())
        .find(|&i| {
            let set_aside = ignored.contains(&Name::Strong(i));
            layout_named |= set_aside;
            !set_aside
        });
    if let Some(i) = strong {
        return Named::Strong(index(i));
    }
    // The words of the names, less those of print display utilities
    // (`hidden-print`): they say how the element prints, not what it is.
    // They are split once, for the furniture and the weak tokens both.
    let tokens = names
        .split_ascii_whitespace()
        .filter(|n| !print_display(n))
        .flat_map(name_words);
    let mut furniture = false;
    let mut weak = Vec::new();
    for t in tokens {
        furniture = furniture || FURNITURE_TOKENS.contains(&t);
        weak.extend(WEAK_TOKENS.iter().position(|(w, _)| *w == t));
    }
    let furniture = furniture && !ignored.contains(&Name::Furniture);
    // Furniture keeps what its weak names say, for the readings and places
    // where the furniture itself stays.
    let done = |named: Named| match named {
        Named::Weak(i, rule) if furniture => Named::Furniture(Some((i, rule))),
        _ if furniture => Named::Furniture(None),
        named => named,
    };
    // An element of prose the page names with its layout name is part of
    // the layout, whatever other weak word its names hold (a page
    // builder's component named `cta` is also its `banner`); a name that
    // hides it still does, and a box of the layout without prose (its
    // menu, its advertisement) is judged by its other names.
    let layout_named =
        prose && (layout_named || weak.iter().any(|&i| ignored.contains(&Name::Weak(i))));
    let looks_content = CONTENT.in_text(names);
    if looks_content {
        return done(Named::Nothing);
    }
    let weak = weak.into_iter().find_map(|i| {
        // "hidden" in a name hides the element unless the name hides a
        // part of it or hides it elsewhere than on a wide screen, or
        // another class shows it from some width on.
        if WEAK_TOKENS[i].1 == Rule::Hidden
            && (!hidden_by_name(names) || shown_at_some_width(names))
        {
            return None;
        }
        if ignored.contains(&Name::Weak(i)) || (layout_named && WEAK_TOKENS[i].1 != Rule::Hidden) {
            return None;
        }
        // A paragraph or a heading holds text, not an advertisement's
        // frame: an abbreviation ("kt-adv-heading", an advanced heading).
        if WEAK_TOKENS[i].1 == Rule::Advertisement
            && (*tag == local_name!("p") || crate::dom::is_heading(tag))
        {
            return None;
        }
        // A box named a call to action is a sign-up box when its fields
        // or its text ask for one.
        let rule = match WEAK_TOKENS[i].1 {
            Rule::CallToAction if forms::has_email_field(dom, ix) || asks_to_sign_up(dom, ix) => {
                Rule::Newsletter
            }
            rule => rule,
        };
        Some(Named::Weak(index(i), rule))
    });
    done(weak.unwrap_or(Named::Nothing))
}

/// One automaton over every strong name, built once.
fn strong_names() -> &'static AhoCorasick {
    static AUTOMATON: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasick::new(STRONG_NAMES.iter().map(|(w, _)| w))
            .expect("the strong names are a small fixed set")
    });
    &AUTOMATON
}

/// Whether an element's text asks the reader to sign up ("newsletter",
/// "your email"; see [`super::cta::asks_to_sign_up`]).
fn asks_to_sign_up(dom: &Dom, ix: Ix) -> bool {
    super::cta::asks_to_sign_up(&crate::dom::text_of(dom, ix).to_lowercase())
}
