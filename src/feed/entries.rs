//! The entries of a feed through the pipeline: each entry's page fetched
//! (or taken from the article cache), learned by the site memory a window
//! at a time, extracted and merged with what the entry says.

use std::fmt;
use std::sync::Arc;

use futures_util::stream::{self, BoxStream, StreamExt};
use url::Url;

use super::merge::merge;
use super::model::{Entry, Feed};
use super::pipeline::{is_html, EntryError, EntryResult, Pipeline};
use crate::error::{Error, InputName, Result};
use crate::fetch::Fetched;
use crate::{Article, Extractor, PageType};

/// The pages learned together before any of them is extracted, by default
/// (see [`Learning::Window`]).
pub const DEFAULT_LEARNING_WINDOW: usize = 16;

/// How the pages of a feed teach the pipeline's [`SiteMemory`](crate::SiteMemory).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Learning {
    /// The pages of up to this many entries are fetched and all recorded
    /// in the memory before any of them is extracted (the two-pass read of
    /// [`Extractor::extract_batch`], a window at a time), so a box the site
    /// repeats goes from the first entries too. Articles come out a window
    /// at a time; at most this many fetched pages are held at once.
    Window(usize),
    /// Each page is extracted as soon as it arrives: the first article
    /// comes sooner, but memory cleans only from the K-th page of a site on.
    Stream,
}

impl Default for Learning {
    /// [`Learning::Window`] of [`DEFAULT_LEARNING_WINDOW`] pages.
    fn default() -> Self {
        Learning::Window(DEFAULT_LEARNING_WINDOW)
    }
}

/// Where a [`Pipeline`] keeps the articles of the pages it has read, by
/// the entry's link, so that an entry read again (the next poll of the
/// feed, another reader of it) costs no fetch and no extraction. Only
/// pages that gave an article are kept; implementations choose the bound
/// and the eviction order.
pub trait ArticleCache: Send + Sync + fmt::Debug {
    /// The article of the page the entry's `link` led to, with the page's
    /// final URL, when kept.
    fn get(&self, link: &Url) -> Option<(Article, Url)>;
    /// Keeps the article of the page `link` led to (its final URL `url`).
    fn put(&self, link: &Url, article: &Article, url: &Url);
}

/// An entry's page: not fetched, fetched, or its article from the cache.
enum Got {
    Nothing,
    Fetched(Box<Fetched>),
    Cached(Box<(Article, Url)>),
}

impl Pipeline {
    /// Each entry's article, in feed order (the first
    /// [`limit`](Self::limit) entries), with at most
    /// [`concurrency`](Self::concurrency) in flight, each window of pages
    /// learned first as [`learning`](Self::learning) says. Filter
    /// `feed.entries` through a [`SeenSet`](super::SeenSet) first to skip
    /// entries already read.
    pub fn articles(&self, feed: &Feed) -> BoxStream<'static, EntryResult> {
        let entries: Vec<Entry> = feed
            .entries
            .iter()
            .take(self.limit.unwrap_or(usize::MAX))
            .cloned()
            .collect();
        let this = self.clone();
        let feed_url = feed.url.clone();
        match (self.learning, &self.memory) {
            (Learning::Window(n), Some(_)) => {
                let windows: Vec<Vec<Entry>> =
                    entries.chunks(n.max(1)).map(<[Entry]>::to_vec).collect();
                stream::iter(windows)
                    .then(move |window| {
                        let this = this.clone();
                        let feed_url = feed_url.clone();
                        async move { this.window(feed_url, window).await }
                    })
                    .flatten()
                    .boxed()
            }
            _ => stream::iter(entries)
                .map(move |entry| {
                    let this = this.clone();
                    let feed_url = feed_url.clone();
                    async move { this.entry(feed_url, entry).await }
                })
                .buffered(self.concurrency)
                .boxed(),
        }
    }

    /// One window: every page fetched, every page learned, then each
    /// entry finished, in order.
    async fn window(
        &self,
        feed_url: Option<Url>,
        entries: Vec<Entry>,
    ) -> BoxStream<'static, EntryResult> {
        let this = self.clone();
        let got: Vec<(Entry, Result<Got>)> = stream::iter(entries)
            .map(|entry| {
                let this = this.clone();
                async move {
                    let page = this.fetch_page(&entry).await;
                    (entry, page)
                }
            })
            .buffered(self.concurrency)
            .collect()
            .await;
        let learner = self.page_extractor();
        let learned = blocking(move || {
            for (_, page) in &got {
                if let Ok(Got::Fetched(f)) = page {
                    if is_html(f) {
                        // A refused page is reported when it is extracted.
                        let _ = learner.learn(&f.page());
                    }
                }
            }
            got
        });
        let Ok(got) = learned.await else {
            // Shutting down: nothing left to yield.
            return stream::empty().boxed();
        };
        stream::iter(got)
            .map(move |(entry, page)| {
                let this = this.clone();
                let feed_url = feed_url.clone();
                async move { this.finish(feed_url, entry, page).await }
            })
            .buffered(self.concurrency)
            .boxed()
    }

    /// One entry: its page fetched and extracted, its own content cleaned,
    /// the two merged.
    pub async fn entry(&self, feed_url: Option<Url>, entry: Entry) -> EntryResult {
        let page = self.fetch_page(&entry).await;
        self.finish(feed_url, entry, page).await
    }

    /// The extractor for pages: the pipeline's, with its memory.
    fn page_extractor(&self) -> Extractor {
        match &self.memory {
            Some(m) => self.extractor.clone().with_memory(Arc::clone(m)),
            None => self.extractor.clone(),
        }
    }

    /// The entry's page: from the cache, else fetched (`Nothing`: no
    /// link, or pages are not fetched).
    async fn fetch_page(&self, entry: &Entry) -> Result<Got> {
        let (Some(link), true) = (&entry.link, self.fetch_pages) else {
            return Ok(Got::Nothing);
        };
        if let Some(hit) = self.cache.as_ref().and_then(|c| c.get(link)) {
            return Ok(Got::Cached(Box::new(hit)));
        }
        let fetched = self.client.fetch(link.as_str()).await?;
        Ok(Got::Fetched(Box::new(fetched)))
    }

    /// Extracts the page (keeping its article in the cache), cleans the
    /// entry's content and merges them, on tokio's blocking pool.
    async fn finish(&self, feed_url: Option<Url>, entry: Entry, page: Result<Got>) -> EntryResult {
        let page_extractor = self.page_extractor();
        let entry_extractor = Extractor::new(self.extractor.config().clone());
        let entry_copy = Box::new(entry.clone());
        let job_feed_url = feed_url.clone();
        let cache = self.cache.clone();
        let job = move || {
            let page = page.and_then(|p| match p {
                Got::Fetched(fetched) => {
                    let (article, url) = extract_page(&page_extractor, &fetched)?;
                    if let (Some(cache), Some(link)) = (&cache, &entry.link) {
                        cache.put(link, &article, &url);
                    }
                    Ok(Some((article, url)))
                }
                Got::Cached(hit) => Ok(Some(*hit)),
                Got::Nothing => Ok(None),
            });
            merge(&entry_extractor, job_feed_url.as_ref(), entry, page)
        };
        let result = blocking(job).await.unwrap_or_else(|()| {
            Err(Error::Io {
                input: entry_copy
                    .link
                    .clone()
                    .map_or(InputName::Anonymous, InputName::Url),
                source: std::io::Error::other("extraction cancelled: the runtime is shutting down"),
            })
        });
        result.map_err(|error| EntryError {
            feed_url,
            entry: Some(entry_copy),
            error,
        })
    }
}

/// Runs `job` on tokio's blocking pool; a panic in it is passed on
/// unchanged, `Err(())` means the runtime is shutting down.
async fn blocking<T: Send + 'static>(job: impl FnOnce() -> T + Send + 'static) -> Result<T, ()> {
    match tokio::task::spawn_blocking(job).await {
        Ok(t) => Ok(t),
        Err(e) => match e.try_into_panic() {
            Ok(panic) => std::panic::resume_unwind(panic),
            Err(_) => Err(()),
        },
    }
}

/// Extracts a fetched page, refusing bodies whose Content-Type is not HTML.
pub(crate) fn extract_page(extractor: &Extractor, fetched: &Fetched) -> Result<(Article, Url)> {
    if let Some(ct) = &fetched.content_type {
        let mime = crate::fetch::mime_type(ct);
        if !(mime.is_empty() || mime == "text/html" || mime == "application/xhtml+xml") {
            return Err(Error::NotHtml {
                input: InputName::Url(fetched.url.clone()),
                reason: format!("content type {mime}"),
            });
        }
    }
    // The page an entry links to is its article.
    let article = extractor.extract(&fetched.page().with_page_type(PageType::Article))?;
    Ok((article, fetched.url.clone()))
}
