//! The one place that knows the order of the stages: decode, parse, clean,
//! select, filter blocks, render.

use std::sync::Arc;

use crate::article::{Article, Encoding};
use crate::config::Config;
use url::Url;

use crate::dom::{Dom, Measures};
use crate::error::{Error, Result};
use crate::input::{decode, Page};
use crate::{clean, meta, render, report, segment, select};

/// A reusable extractor: build it once from a [`Config`], share it across
/// threads (it is `Send + Sync` and cheap to clone), call
/// [`extract`](Extractor::extract) per page.
#[derive(Debug, Clone, Default)]
pub struct Extractor {
    config: Arc<Config>,
}

impl Extractor {
    /// An extractor with the given configuration.
    pub fn new(config: Config) -> Self {
        Extractor {
            config: Arc::new(config),
        }
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
        let limits = &self.config.limits;
        if let Some(max) = limits.max_bytes {
            if page.len() > max {
                return Err(Error::TooLarge {
                    input: page.name(),
                    size: page.len() as u64,
                    limit: max as u64,
                });
            }
        }
        let decoded = decode(&page.body, page.content_type.as_deref(), page.url.as_ref());
        let dom = Dom::parse(&decoded.text, limits);
        let mut article = self.extract_dom(&dom, page.url.as_ref());
        article.url = page.url.clone();
        article.encoding = Encoding {
            name: decoded.encoding.name().to_string(),
            source: decoded.source,
        };
        Ok(article)
    }

    /// The stages, in order, over one parsed document.
    fn extract_dom(&self, dom: &Dom, url: Option<&Url>) -> Article {
        let focus = self.config.focus;
        let visible = |ix| !clean::never_content(dom, ix);
        let raw = Measures::new(dom, visible);
        let raw_good = select::good_text(dom, visible, &raw, focus);
        let pruned = clean::prune(dom, &raw_good);
        let live = Measures::new(dom, |ix| pruned.alive(ix));
        let root = select::select(dom, &pruned, &live, focus);
        let title = meta::title(dom);
        let mut blocks = segment::segment(dom, &pruned, root);
        clean::filter_blocks(dom, root, &mut blocks, title.as_deref(), focus);
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
        let text = render::text(dom, &blocks, focus);
        let images = render::images(&kept);
        Article {
            title,
            word_count: render::word_count(&text),
            text,
            html: render::html(&kept),
            markdown: render::markdown(&kept),
            lead_image: images.first().cloned(),
            images,
            links: if r.link_list {
                render::links(&kept)
            } else {
                Vec::new()
            },
            language: meta::language(dom),
            removed,
            ..Article::default()
        }
    }
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
