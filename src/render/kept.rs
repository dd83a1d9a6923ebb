//! What the HTML and Markdown renderers show, computed once: the chosen
//! subtree without pruned elements, without the text of dropped blocks,
//! without elements left holding neither text nor picture; images resolved
//! to their real URL. Both renderers consume the same [`Event`]s, so they
//! cannot disagree on what the article is.

use std::cell::RefCell;
use std::collections::HashMap;

use html5ever::{local_name, LocalName};
use url::Url;

use super::image::{absolute, img_url, link_target, noscript_img, noscript_stands_alone};
use crate::block::Block;
use crate::dom::is_block;
use crate::dom::Pruned;
use crate::dom::{Dom, Ix};
use crate::Rule;

/// Which optional parts the renderers show.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Options {
    /// Links as links (else their text only).
    pub links: bool,
    /// Images (and the captions of figures holding them).
    pub images: bool,
    /// Embedded frames (`<iframe>` with an http(s) source).
    pub iframes: bool,
}

/// A picture or frame in the chosen content.
#[derive(Debug, Clone)]
pub(crate) struct Media {
    /// The element that shows it: an `<img>`, a `<noscript>` holding the
    /// only copy of an image, or an `<iframe>`.
    pub at: Ix,
    /// The `<img>` whose attributes (alt, title) describe it, or the frame.
    pub source: Ix,
    pub url: Url,
    pub frame: bool,
    /// It sits in a block whose text was all dropped (a teaser's thumbnail).
    pub boilerplate: bool,
    /// Whether the renderers show it (options, dropped surroundings).
    pub shown: bool,
}

/// One step of the walk over the kept subtree, in document order.
pub(crate) enum Event<'a> {
    /// An element opens; its children follow, then its `Leave`.
    Enter(Ix, &'a LocalName),
    Leave(Ix, &'a LocalName),
    /// A text node, as in the markup (whitespace not yet collapsed).
    Text(&'a str),
    /// A `<br>`.
    Break,
    /// A picture or an embedded frame.
    Media(&'a Media),
}

const KEPT: u8 = 1;
/// Text dropped as boilerplate (a teaser, a link list…), not as a mere
/// fragment such as a photo credit or the headline.
const BOILERPLATE: u8 = 2;

/// The visibility pass over the chosen subtree.
pub(crate) struct Kept<'a> {
    pub dom: &'a Dom,
    pub base: Option<&'a Url>,
    pub opts: Options,
    pruned: &'a Pruned,
    root: Ix,
    /// Text flags of each subtree: holds kept text, dropped text.
    flags: Vec<u8>,
    /// Whether a text node belongs to a dropped block: 0 kept, else the
    /// flag its drop gives the subtree (0 for fragments).
    dropped: Vec<Option<u8>>,
    /// Whether the element holds kept text or a shown medium.
    visible: Vec<bool>,
    /// Media in document order.
    media: Vec<Media>,
    /// The targets of the links resolved so far, by element: both
    /// renderers write every kept link, and resolving a URL is costly.
    targets: RefCell<HashMap<Ix, Option<String>>>,
}

impl<'a> Kept<'a> {
    /// Computes what is kept of `root`'s subtree.
    pub fn new(
        dom: &'a Dom,
        pruned: &'a Pruned,
        root: Ix,
        blocks: &[Block],
        base: Option<&'a Url>,
        opts: Options,
    ) -> Self {
        let start = root as usize;
        let len = dom.end(root) as usize - start;
        let mut dropped = vec![None; len];
        for b in blocks.iter() {
            let Some(rule) = b.drop else { continue };
            let flag = if is_boilerplate(rule) { BOILERPLATE } else { 0 };
            for ix in b.first..=b.last {
                if let Some(d) = (ix as usize)
                    .checked_sub(start)
                    .and_then(|i| dropped.get_mut(i))
                {
                    *d = Some(flag);
                }
            }
        }
        let mut k = Kept {
            dom,
            base,
            opts,
            pruned,
            root,
            flags: vec![0; len],
            dropped,
            visible: vec![false; len],
            media: Vec::new(),
            targets: RefCell::default(),
        };
        k.measure();
        k.decide_media();
        k
    }

    /// Where the link `ix` leads (see [`link_target`]), resolved once.
    pub fn link_target(&self, ix: Ix) -> Option<String> {
        self.targets
            .borrow_mut()
            .entry(ix)
            .or_insert_with(|| {
                self.dom
                    .attr(ix, "href")
                    .and_then(|h| link_target(h, self.base))
            })
            .clone()
    }

    fn measure(&mut self) {
        let (dom, start) = (self.dom, self.root as usize);
        for i in (0..self.flags.len()).rev() {
            let ix = (start + i) as Ix;
            if self.pruned.alive(ix) {
                match dom.tag(ix) {
                    Some(&local_name!("img")) => {
                        if let Some(url) = img_url(dom, ix, self.base) {
                            self.media.push(medium(ix, ix, url, false));
                        }
                    }
                    Some(_) => {}
                    None => {
                        if dom.text(ix).is_some_and(|t| !t.trim().is_empty()) {
                            self.flags[i] |= self.dropped[i].unwrap_or(KEPT);
                        }
                    }
                }
            } else if self.revivable(ix) {
                match dom.tag(ix) {
                    Some(&local_name!("noscript")) if noscript_stands_alone(dom, ix) => {
                        if let Some((img, url)) = noscript_img(dom, ix, self.base) {
                            self.media.push(medium(ix, img, url, false));
                        }
                    }
                    Some(&local_name!("iframe")) => {
                        if let Some(url) = dom.attr(ix, "src").and_then(|s| absolute(s, self.base))
                        {
                            self.media.push(medium(ix, ix, url, true));
                        }
                    }
                    _ => {}
                }
                continue;
            } else {
                continue;
            }
            if i > 0 {
                let p = dom.nodes[ix as usize].parent as usize - start;
                self.flags[p] |= self.flags[i];
            }
        }
        self.media.reverse();
        for (v, f) in self.visible.iter_mut().zip(&self.flags) {
            *v = f & KEPT != 0;
        }
    }

    /// Shows each medium the options allow, unless it sits in a block
    /// whose text was all dropped as boilerplate (a teaser's thumbnail):
    /// then it belongs to the boilerplate around it. A block that lost
    /// only a credit line or the headline keeps its picture.
    fn decide_media(&mut self) {
        let start = self.root as usize;
        for m in 0..self.media.len() {
            let at = self.media[m].at;
            let allowed = if self.media[m].frame {
                self.opts.iframes
            } else {
                self.opts.images
            };
            let boilerplate = self.in_dropped_block(at);
            let shown = allowed && !boilerplate;
            self.media[m].boilerplate = boilerplate;
            self.media[m].shown = shown;
            if !allowed && !self.media[m].frame {
                // A figure's caption describes the picture left out.
                if let Some(fig) = self.figure_of(at) {
                    self.visible[fig as usize - start] = false;
                }
            }
            if !shown {
                continue;
            }
            let mut cur = at;
            loop {
                let i = cur as usize - start;
                if self.visible[i] {
                    break;
                }
                self.visible[i] = true;
                match self.dom.parent(cur) {
                    Some(p) if p >= self.root => cur = p,
                    _ => break,
                }
            }
        }
    }

    /// The `<figure>` an element sits in, if any, within the chosen content.
    pub fn figure_of(&self, ix: Ix) -> Option<Ix> {
        let mut cur = self.dom.parent(ix);
        while let Some(p) = cur.filter(|&p| p >= self.root) {
            if self.dom.tag(p) == Some(&local_name!("figure")) {
                return Some(p);
            }
            cur = self.dom.parent(p);
        }
        None
    }

    fn in_dropped_block(&self, ix: Ix) -> bool {
        let start = self.root as usize;
        let mut cur = self.dom.parent(ix);
        while let Some(p) = cur.filter(|&p| p >= self.root) {
            if self.dom.tag(p).is_some_and(is_block) {
                if self.dom.tag(p) == Some(&local_name!("figure")) {
                    return false;
                }
                let f = self.flags[p as usize - start];
                return f & BOILERPLATE != 0 && f & KEPT == 0;
            }
            cur = self.dom.parent(p);
        }
        false
    }

    /// A node pruned only for its own tag (`<noscript>`, `<iframe>`) under
    /// a live parent: the renderers may still take a picture or frame from it.
    fn revivable(&self, ix: Ix) -> bool {
        self.pruned.rule[ix as usize] == Some(Rule::NonContent)
            && self.dom.parent(ix).is_some_and(|p| self.pruned.alive(p))
            && matches!(
                self.dom.tag(ix),
                Some(&local_name!("noscript")) | Some(&local_name!("iframe"))
            )
    }

    /// The media of the chosen content in document order, shown or not.
    pub fn media(&self) -> &[Media] {
        &self.media
    }

    fn medium_at(&self, ix: Ix) -> Option<&Media> {
        self.media
            .binary_search_by_key(&ix, |m| m.at)
            .ok()
            .map(|i| &self.media[i])
    }

    /// Whether a text node is shown (it is inside a shown element and not
    /// part of a dropped block).
    pub fn text_shown(&self, ix: Ix) -> bool {
        let i = ix as usize - self.root as usize;
        self.pruned.alive(ix) && self.dropped[i].is_none()
    }

    /// Walks the kept subtree in document order, without recursion.
    pub fn walk<'s>(&'s self, mut f: impl FnMut(Event<'s>)) {
        let dom = self.dom;
        let start = self.root as usize;
        let end = dom.end(self.root);
        let mut open: Vec<(Ix, &'s LocalName)> = Vec::new();
        let mut ix = self.root;
        while ix < end {
            while let Some(&(o, tag)) = open.last() {
                if dom.end(o) > ix {
                    break;
                }
                f(Event::Leave(o, tag));
                open.pop();
            }
            let i = ix as usize - start;
            if let Some(m) = self.medium_at(ix) {
                if m.shown {
                    f(Event::Media(m));
                }
                ix = dom.end(ix);
                continue;
            }
            if !self.pruned.alive(ix) {
                ix = dom.end(ix);
                continue;
            }
            match dom.tag(ix) {
                Some(&local_name!("br")) => f(Event::Break),
                Some(tag) if self.visible[i] => {
                    f(Event::Enter(ix, tag));
                    open.push((ix, tag));
                    ix += 1;
                    continue;
                }
                Some(_) => {}
                None => {
                    if let Some(t) = dom.text(ix).filter(|_| self.dropped[i].is_none()) {
                        f(Event::Text(t));
                    }
                }
            }
            ix = dom.end(ix);
        }
        while let Some((o, tag)) = open.pop() {
            f(Event::Leave(o, tag));
        }
    }
}

/// Rules that drop blocks as boilerplate, whose pictures go with them.
fn is_boilerplate(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::Teaser
            | Rule::LinkList
            | Rule::SectionAfterTerminator
            | Rule::Newsletter
            | Rule::CallToAction
            | Rule::Share
            | Rule::Advertisement
            | Rule::Comments
            | Rule::Consent
            | Rule::BoilerplateName
            | Rule::Navigation
            | Rule::PageChrome
            | Rule::NoSnippet
            | Rule::OutsideMainContent
    )
}

fn medium(at: Ix, source: Ix, url: Url, frame: bool) -> Media {
    Media {
        at,
        source,
        url,
        frame,
        boilerplate: false,
        shown: false,
    }
}
