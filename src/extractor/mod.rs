//! The one place that knows the order of the stages: decode, parse, clean,
//! select, filter blocks, render.

use std::sync::Arc;

use crate::article::{Article, Encoding, Fallback, FallbackStep, MetaSource, MetaSources};
use crate::config::Config;

use crate::block::Block;
use crate::clean::{Opening, Replies};
use crate::dom::{Dom, Ix, Pruned};
use crate::error::{Error, Result};
use crate::input::{decode, not_html, Body, Decoded, Page};
use crate::memory::{self, SiteMemory};
use crate::meta::SchemaHints;
use crate::page_type::{Layout, PageType};
use crate::tuning::{ImageText, Strictness};
use crate::{clean, meta, render, report, segment};

mod choose;
mod times;

use choose::{Chosen, Plan};
use times::Lap;
pub use times::StageTimes;

/// A reusable extractor: build it once from a [`Config`], share it across
/// threads (it is `Send + Sync` and cheap to clone), call
/// [`extract`](Extractor::extract) per page.
#[derive(Debug, Clone, Default)]
pub struct Extractor {
    config: Arc<Config>,
    memory: Option<Arc<SiteMemory>>,
}

impl Extractor {
    /// An extractor with the given configuration.
    pub fn new(config: Config) -> Self {
        Extractor {
            config: Arc::new(config),
            memory: None,
        }
    }

    /// The same extractor, recording every page it reads in `memory` and
    /// dropping the blocks the memory knows as the site's boilerplate
    /// (see [`SiteMemory`]). Clones of the extractor, and other extractors
    /// given the same `Arc`, share the memory. Pages without a URL are
    /// extracted without memory (the host is what groups pages).
    pub fn with_memory(mut self, memory: Arc<SiteMemory>) -> Self {
        self.memory = Some(memory);
        self
    }

    /// The attached site memory, if any.
    pub fn memory(&self) -> Option<&Arc<SiteMemory>> {
        self.memory.as_ref()
    }

    /// Records a page in the attached memory without extracting it (no
    /// container choice, no rendering): the first pass of a two-pass read.
    /// A page already recorded (same URL or same content) is not counted
    /// again. Does nothing without a memory or without a URL.
    pub fn learn(&self, page: &Page<'_>) -> Result<()> {
        let (Some(memory), Some(url)) = (&self.memory, page.url.as_ref()) else {
            return Ok(());
        };
        let (_, dom) = self.read(page, &mut StageTimes::default())?;
        let meta = meta::read(&dom, Some(url), None);
        let (_, chosen) = choose::choose(&dom, &meta, self.config.focus, page.page_type, Some(url));
        let blocks = segment::segment(&dom, &chosen.pruned, &chosen.live, dom.body());
        memory::learn(memory, url, &blocks);
        Ok(())
    }

    /// Extracts a batch of pages read together (the pages of one feed), in
    /// two passes when a memory is attached: every page is
    /// [learned](Extractor::learn) first, then each is extracted, so the
    /// first pages already benefit from what the later ones reveal. Without
    /// a memory this is [`extract`](Extractor::extract) on each page.
    /// Results are in the order of `pages`. Each page is parsed twice; no
    /// page's document is kept between the passes.
    pub fn extract_batch(&self, pages: &[Page<'_>]) -> Vec<Result<Article>> {
        if self.memory.is_some() {
            for page in pages {
                // A refused page is reported by its extraction below.
                let _ = self.learn(page);
            }
        }
        pages.iter().map(|p| self.extract(p)).collect()
    }

    /// Refuses inputs over the byte limit and bytes that are clearly not HTML.
    fn check_input(&self, page: &Page<'_>) -> Result<()> {
        if let Some(max) = self.config.limits.max_bytes {
            if page.len() > max {
                return Err(Error::TooLarge {
                    input: page.name(),
                    size: page.len() as u64,
                    limit: max as u64,
                });
            }
        }
        if let Body::Bytes(bytes) = &page.body {
            if let Some(reason) = not_html(bytes) {
                return Err(Error::NotHtml {
                    input: page.name(),
                    reason: reason.to_string(),
                });
            }
        }
        Ok(())
    }

    /// The configuration in use.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Extracts the main content of one page.
    ///
    /// Fails only when the input is refused outright (over the byte limit,
    /// or clearly not HTML); a page with no recognisable article yields an
    /// empty [`Article`].
    pub fn extract(&self, page: &Page<'_>) -> Result<Article> {
        self.extract_timed(page).map(|(article, _)| article)
    }

    /// Like [`extract`](Extractor::extract), and also says how long each
    /// stage took: for profiling and benchmarks.
    pub fn extract_timed(&self, page: &Page<'_>) -> Result<(Article, StageTimes)> {
        let mut times = StageTimes::default();
        let (decoded, dom) = self.read(page, &mut times)?;
        let mut article = self.extract_dom(&dom, page, &mut times);
        article.url = page.url.clone();
        article.encoding = Encoding {
            name: decoded.encoding.name().to_string(),
            source: decoded.source,
        };
        Ok((article, times))
    }

    /// The first stages, shared by [`extract`](Extractor::extract) and
    /// [`learn`](Extractor::learn): the input check, decoding, parsing.
    fn read<'p>(&self, page: &'p Page<'_>, times: &mut StageTimes) -> Result<(Decoded<'p>, Dom)> {
        let mut lap = Lap::start();
        self.check_input(page)?;
        let decoded = decode(&page.body, page.content_type.as_deref(), page.url.as_ref());
        times.decode = lap.next();
        let dom = Dom::parse_with(&decoded.text, &self.config.limits, self.config.unread);
        times.parse = lap.next();
        Ok((decoded, dom))
    }

    /// The blocks of the chosen content, judged by the block rules of its
    /// layout.
    fn blocks(&self, dom: &Dom, chosen: &Chosen, opening: Opening<'_>) -> Vec<Block> {
        let mut blocks = segment::segment(dom, &chosen.pruned, &chosen.live, chosen.root);
        self.block_rules(
            dom,
            &chosen.pruned,
            chosen.root,
            chosen.plan,
            &mut blocks,
            opening,
        );
        blocks
    }

    /// The block rules, in order, over the blocks of the main content:
    /// each marks the blocks it drops with its [`Rule`](crate::Rule).
    /// Earlier rules see every block; later ones skip what is dropped.
    fn block_rules(
        &self,
        dom: &Dom,
        pruned: &Pruned,
        root: Ix,
        plan: Plan,
        blocks: &mut [Block],
        opening: Opening<'_>,
    ) {
        let s = Strictness::for_focus(self.config.focus);
        let layout = plan.layout();
        match layout {
            Layout::Single => {
                clean::title_and_byline(blocks, opening, &s);
                clean::deck(dom, blocks, &s);
                clean::junk_lines(blocks, clean::Values::Dropped);
                clean::repeats_and_credits(dom, blocks);
                clean::calls_to_action(blocks, &s);
                clean::consent_notices(blocks);
                clean::teasers(blocks);
                clean::trailing_cards(blocks, &s);
                clean::terminated_sections(dom, pruned, root, blocks, &s);
                clean::link_lists(blocks, &s);
                clean::orphan_headings(dom, pruned, root, blocks);
            }
            // Cards, sections and posts are the content: no teaser or card
            // rules, and the headline stays. Between sections or posts, a
            // run of links is navigation; on a page of cards the links are
            // the items.
            Layout::Sections | Layout::Cards => {
                // A thread opens at its title, a product at its name, a
                // listing at its heading: what precedes them is the site's
                // (a forum's notices, other products seen, promotions).
                // A product is described in prose, weighed as an
                // article's; a thread's replies and a listing's cards
                // count however short. The text of pictures stays (a
                // product's gallery comes before its name).
                let weigh = match plan {
                    Plan::Sections {
                        replies: Replies::Reviews,
                    } => Some(s),
                    Plan::Sections { .. } | Plan::Cards => Some(s.for_items()),
                    // The last resort keeps what it can.
                    Plan::WholePage | Plan::Article => None,
                };
                if let Some(weigh) = weigh {
                    let pictures = picture_text(layout, &s);
                    clean::open_at_headline(blocks, opening, &weigh, &s, pictures);
                }
                // Read as cards (a page of items, or the looser readings a
                // page falls back to), a price or a score is the card's.
                let values = match layout {
                    Layout::Cards => clean::Values::Fields,
                    Layout::Single | Layout::Sections => clean::Values::Dropped,
                };
                clean::junk_lines(blocks, values);
                clean::repeats_and_credits(dom, blocks);
                clean::repeated_labels(dom, blocks);
                if let Plan::Sections {
                    replies: Replies::Posts,
                } = plan
                {
                    clean::post_labels(blocks);
                }
                clean::calls_to_action(blocks, &s);
                clean::consent_notices(blocks);
                if layout == Layout::Sections {
                    clean::link_lists(blocks, &s);
                    clean::orphan_headings(dom, pruned, root, blocks);
                }
            }
        }
    }

    /// The stages, in order, over one parsed document.
    fn extract_dom(&self, dom: &Dom, input: &Page<'_>, times: &mut StageTimes) -> Article {
        let url = input.url.as_ref();
        let focus = self.config.focus;
        let mut lap = Lap::start();
        let meta = meta::read(dom, url, None);
        times.meta = lap.next();
        let (mut page, mut chosen) = choose::choose(dom, &meta, focus, input.page_type, url);
        times.select = lap.next();
        let title = meta.title;
        let opening = Opening {
            title: title.as_deref(),
            headline: meta.headline,
            titled_end: meta
                .headline
                .zip(title.as_deref())
                .filter(|&(h, t)| {
                    crate::dom::normalized(&crate::dom::text_of(dom, h))
                        == crate::dom::normalized(t)
                })
                .map(|(h, _)| dom.end(h)),
        };
        let mut blocks = self.blocks(dom, &chosen, opening);
        if page.items_are_content(&chosen, &blocks) {
            drop(std::mem::take(&mut blocks));
            page.reread_as_listing(dom, &mut chosen);
            blocks = self.blocks(dom, &chosen, opening);
        }
        if chosen.plan.layout() == Layout::Single {
            clean::section_headings(&mut blocks, &Strictness::for_focus(focus));
        }
        let mut fallback = None;
        while let Some((plan, why)) = page.looser(&chosen, kept_chars(&blocks)) {
            // One reading at a time: blocks, pruned set and measures of
            // the page are freed before the next are made.
            drop(std::mem::take(&mut blocks));
            page.reread(dom, &mut chosen, plan);
            blocks = self.blocks(dom, &chosen, opening);
            fallback = Some(why);
        }
        let chosen_layout = chosen.plan.layout();
        let Chosen {
            pruned, live, root, ..
        } = chosen;
        let verdict = page.verdict;
        let mut memory_overruled = false;
        if let (Some(memory), Some(url)) = (&self.memory, url) {
            // The whole page is recorded: a box may be inside the
            // container on one page and beside it on another.
            let page = segment::segment(dom, &pruned, &live, dom.body());
            memory_overruled = memory::apply(memory, dom, url, &page, &mut blocks, focus).overruled;
        }
        // The renderings below are the peak of memory: the copies the
        // block rules made are not needed any more.
        blocks.iter_mut().for_each(crate::block::Block::drop_caches);
        times.blocks = lap.next();
        let removed = if self.config.report {
            report::removals(dom, &pruned, root, &blocks)
        } else {
            Vec::new()
        };
        let r = self.config.render;
        let options = render::Options {
            links: r.links,
            images: r.images,
            iframes: r.iframes,
        };
        let kept = render::Kept::new(dom, &pruned, root, &blocks, url, options);
        let image_text = picture_text(chosen_layout, &Strictness::for_focus(focus));
        let mut text = render::text(dom, &blocks, image_text);
        let images = render::images(&kept);
        let (description, description_source) = match meta.description {
            Some(d) => (Some(d), meta.sources.description),
            None => (meta::lead(&text), Some(MetaSource::Dom)),
        };
        let mut html = render::html(&kept);
        let mut markdown = render::markdown(&kept);
        if let Some(d) = missing_description(verdict.kind, &meta.schema, &text) {
            render::prepend(d, &mut text, &mut html, &mut markdown);
        }
        // A page whose body holds no readable text (built by script) still
        // says what it is about in its description.
        if let (true, Some(d)) = (text.is_empty(), description.as_deref()) {
            render::prepend(d, &mut text, &mut html, &mut markdown);
            fallback = Some(Fallback {
                step: FallbackStep::Description,
                kept: 0,
                readable: page.readable,
            });
        }
        let links = if r.link_list {
            render::links(&kept)
        } else {
            Vec::new()
        };
        times.render = lap.next();
        Article {
            title,
            word_count: render::word_count(&text),
            html,
            markdown,
            lead_image: images.first().cloned(),
            images,
            links,
            language: meta.language,
            language_confidence: meta.language_confidence,
            authors: meta.authors,
            byline: meta.byline,
            published: meta.published,
            modified: meta.modified,
            site_name: meta.site_name,
            description: description.clone(),
            canonical_url: meta.canonical_url,
            image: meta.image,
            tags: meta.tags,
            paywalled: meta.paywalled,
            meta_sources: MetaSources {
                description: description.and(description_source),
                ..meta.sources
            },
            text,
            removed,
            memory_overruled,
            page_type: verdict.kind,
            page_type_confidence: verdict.confidence,
            fallback,
            ..Article::default()
        }
    }
}

/// Shortest word that tells whether a description is already in the text
/// (shorter ones, "a", "the", "on", are in any text).
const MIN_TELLING_WORD: usize = 4;
/// Share of a product description's telling words that, found in the
/// text read from the page, means the text already holds it.
const DESCRIPTION_FOUND_SHARE: f64 = 0.5;

/// A product's description from its structured data, when the text read
/// from the page does not already hold it: under half of its telling
/// words appear in the text as words.
fn missing_description<'m>(kind: PageType, schema: &'m SchemaHints, text: &str) -> Option<&'m str> {
    let d = schema
        .product_description
        .as_deref()
        .filter(|_| kind == PageType::Product)?;
    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= MIN_TELLING_WORD)
            .map(str::to_lowercase)
            .collect()
    };
    let in_text: std::collections::HashSet<String> = words(text).into_iter().collect();
    let telling = words(d);
    let found = telling.iter().filter(|w| in_text.contains(*w)).count();
    ((found as f64) < DESCRIPTION_FOUND_SHARE * telling.len() as f64).then_some(d)
}

/// What a layout does with the text attached to a picture outside a
/// figure. On a page of cards or sections it is a card's name or a
/// section's label: content, not a caption.
fn picture_text(layout: Layout, s: &Strictness) -> ImageText {
    match layout {
        Layout::Sections | Layout::Cards => ImageText::Keep,
        Layout::Single => s.image_text,
    }
}

/// Characters of the blocks no rule dropped.
fn kept_chars(blocks: &[Block]) -> u32 {
    blocks
        .iter()
        .filter(|b| b.drop.is_none())
        .map(|b| b.chars)
        .sum()
}

/// Extracts the main content of an HTML string with the default settings.
///
/// ```
/// let html = "<html><body><article><h1>Hi</h1><p>Some words, enough of them to \
///             count as a real paragraph of an article.</p></article></body></html>";
/// let article = gleaner::extract(html).unwrap();
/// assert!(article.text.contains("enough of them"));
/// ```
pub fn extract(html: &str) -> Result<Article> {
    Extractor::default().extract(&Page::html(html))
}
