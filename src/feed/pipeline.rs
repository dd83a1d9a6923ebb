//! The full-text pipeline: a feed (or a page that links one) in, a stream
//! of clean [`FeedArticle`]s out, one per entry.

use std::fmt;
use std::sync::Arc;

use futures_util::stream::{self, BoxStream, StreamExt};
use url::Url;

use super::discover::{feed_links, usual_feed_urls, FeedLink};
use super::entries::{ArticleCache, Learning};
use super::merge::FeedArticle;
use super::model::{parse_feed, Entry, Feed};
use crate::error::{Error, Result};
use crate::fetch::{Client, Fetched, NotModified, Outcome, Request, Resource, Validators};
use crate::{Extractor, SiteMemory};

/// Turns feeds into clean, full-text articles: reads the feed (finding it
/// first when given a page), then fetches each entry's page, extracts its
/// article, cleans the entry's own content with the same stripper, and
/// merges the two (see [`FeedArticle`] for the rule).
///
/// Politeness, robots.txt, the address guard and every bound are the
/// [`Client`]'s; on top of them the pipeline keeps at most
/// [`concurrency`](Self::concurrency) entries in flight. The pages of a
/// feed share one [`SiteMemory`] by default (so a box repeated on every
/// page of the site goes even where no rule catches it), and by default
/// the pages of each window of entries are all learned before any is
/// extracted, so the first entries are as clean as the later ones (see
/// [`Learning`]); entries' own content is cleaned without memory. Clones
/// share the client, the memory and the article cache.
///
/// ```no_run
/// # async fn run() -> gleaner::Result<()> {
/// use gleaner::feed::StreamExt;
/// let pipeline = gleaner::feed::Pipeline::new(gleaner::fetch::Client::new()?);
/// let mut articles = pipeline.run("https://example.com/");
/// while let Some(item) = articles.next().await {
///     match item {
///         Ok(a) => println!("{:?} ({}): {} chars", a.title, a.source().name(), a.article.text.len()),
///         Err(e) => eprintln!("{e}"),
///     }
/// }
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct Pipeline {
    pub(super) client: Client,
    pub(super) extractor: Extractor,
    pub(super) memory: Option<Arc<SiteMemory>>,
    pub(super) concurrency: usize,
    pub(super) limit: Option<usize>,
    pub(super) fetch_pages: bool,
    pub(super) learning: Learning,
    pub(super) cache: Option<Arc<dyn ArticleCache>>,
}

/// The result of reading a feed once.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Poll {
    /// The feed, read and parsed.
    Feed(Box<FeedRead>),
    /// The server answered 304 to the validators sent: nothing new.
    NotModified(NotModified),
}

/// A feed read from the network.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct FeedRead {
    /// The parsed feed (its `url` is where it was read, after redirects).
    pub feed: Feed,
    /// The feed's URL, after redirects and discovery: poll this one next.
    pub url: Url,
    /// The validators to send on the next poll of `url`.
    pub validators: Validators,
    /// The page the feed was discovered from, when a page was given.
    pub discovered_from: Option<Url>,
}

/// One entry (or the feed itself) that produced no article.
#[derive(Debug)]
#[non_exhaustive]
pub struct EntryError {
    /// The feed's URL, when known.
    pub feed_url: Option<Url>,
    /// The entry that failed; `None` when the feed itself could not be read.
    pub entry: Option<Box<Entry>>,
    /// What went wrong.
    pub error: Error,
}

impl fmt::Display for EntryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.entry {
            Some(e) => match &e.link {
                Some(link) => write!(f, "entry {link}: {}", self.error),
                None => write!(f, "entry {:?}: {}", e.id, self.error),
            },
            None => write!(f, "feed: {}", self.error),
        }
    }
}

impl std::error::Error for EntryError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

/// What the pipeline's streams yield: an article, or why an entry (or the
/// feed) gave none.
pub type EntryResult = std::result::Result<FeedArticle, EntryError>;

impl Pipeline {
    /// A pipeline over `client` with the defaults: 4 entries in flight,
    /// one fresh [`SiteMemory`], every entry, pages fetched, each window
    /// of [`DEFAULT_LEARNING_WINDOW`](super::DEFAULT_LEARNING_WINDOW) pages learned before it is
    /// extracted, no article cache.
    pub fn new(client: Client) -> Self {
        Pipeline {
            client,
            extractor: Extractor::default(),
            memory: Some(Arc::new(SiteMemory::new())),
            concurrency: 4,
            limit: None,
            fetch_pages: true,
            learning: Learning::default(),
            cache: None,
        }
    }

    /// Most entries processed at once (at least 1); the client's per-host
    /// limits still apply to their fetches. Results come out in feed order
    /// whatever the concurrency. Default: 4.
    #[must_use]
    pub fn concurrency(mut self, n: usize) -> Self {
        self.concurrency = n.max(1);
        self
    }

    /// The site memory shared by the pages; `None` turns memory off.
    /// Default: a fresh memory per pipeline (shared by its clones).
    #[must_use]
    pub fn memory(mut self, memory: Option<Arc<SiteMemory>>) -> Self {
        self.memory = memory;
        self
    }

    /// The extractor for pages and entries (its own memory, if any, is
    /// replaced by the pipeline's for pages and left off for entries).
    /// Default: [`Extractor::default`].
    #[must_use]
    pub fn extractor(mut self, extractor: Extractor) -> Self {
        self.extractor = extractor;
        self
    }

    /// Processes only the first `n` entries of each feed. Default: all.
    #[must_use]
    pub fn limit(mut self, n: Option<usize>) -> Self {
        self.limit = n;
        self
    }

    /// Whether entries' pages are fetched; without, only the entries' own
    /// content is cleaned. Default: yes.
    #[must_use]
    pub fn fetch_pages(mut self, on: bool) -> Self {
        self.fetch_pages = on;
        self
    }

    /// How the pages teach the site memory: each window of pages learned
    /// before it is extracted, or extracted as they arrive. Default:
    /// [`Learning::Window`] of [`DEFAULT_LEARNING_WINDOW`](super::DEFAULT_LEARNING_WINDOW) pages. No effect
    /// without memory.
    #[must_use]
    pub fn learning(mut self, learning: Learning) -> Self {
        self.learning = learning;
        self
    }

    /// Keeps the articles of the pages read, by entry link, so a page is
    /// fetched and extracted once however often its entry is read again
    /// (see [`ArticleCache`]). Default: none.
    #[must_use]
    pub fn article_cache(mut self, cache: Option<Arc<dyn ArticleCache>>) -> Self {
        self.cache = cache;
        self
    }

    /// The client used for every fetch.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The one call: reads the feed at `url` (or finds the feed of the
    /// page at `url`) and yields each entry's article, in feed order, with
    /// bounded concurrency. A failing entry yields its [`EntryError`] and
    /// the stream goes on; a feed that cannot be read yields one
    /// [`EntryError`] without an entry, and the stream ends.
    pub fn run(&self, url: &str) -> BoxStream<'static, EntryResult> {
        let this = self.clone();
        let url = url.to_string();
        stream::once(async move {
            match this.read(&url, None).await {
                Ok(Poll::Feed(read)) => this.articles(&read.feed),
                Ok(Poll::NotModified(_)) => stream::empty().boxed(),
                Err(error) => stream::iter([Err(EntryError {
                    feed_url: None,
                    entry: None,
                    error,
                })])
                .boxed(),
            }
        })
        .flatten()
        .boxed()
    }

    /// Reads a feed once. With `validators` from the last read the server
    /// may answer [`Poll::NotModified`]. When `url` serves an HTML page,
    /// its feed is found first: the feeds its `<link rel="alternate">`
    /// declare, in order, else the usual feed paths of its site, tried one
    /// by one through the client (robots.txt and politeness apply), the
    /// first that parses as a feed winning.
    pub async fn read(&self, url: &str, validators: Option<Validators>) -> Result<Poll> {
        let mut request = Request::feed(url)?;
        if let Some(v) = validators {
            request = request.validators(v);
        }
        let fetched = match self.client.execute(request).await? {
            Outcome::Fetched(f) => f,
            Outcome::NotModified(nm) => return Ok(Poll::NotModified(nm)),
        };
        match parse_feed(&fetched.body, Some(&fetched.url)) {
            Ok(feed) => Ok(Poll::Feed(Box::new(FeedRead {
                feed,
                url: fetched.url.clone(),
                validators: fetched.validators.clone(),
                discovered_from: None,
            }))),
            Err(Error::NotAFeed { .. }) if is_html(&fetched) => {
                let (feed_fetched, feed) = self.find_feed(&fetched).await?;
                Ok(Poll::Feed(Box::new(FeedRead {
                    feed,
                    url: feed_fetched.url,
                    validators: feed_fetched.validators,
                    discovered_from: Some(fetched.url),
                })))
            }
            Err(e) => Err(e),
        }
    }

    /// The feeds the page at `url` declares (no fallback paths tried).
    pub async fn discover(&self, url: &str) -> Result<Vec<FeedLink>> {
        let page = self.client.fetch(url).await?;
        Ok(feed_links(
            &page.body,
            page.content_type.as_deref(),
            &page.url,
        ))
    }

    /// The declared feeds, else the usual paths: the first that parses.
    async fn find_feed(&self, page: &Fetched) -> Result<(Fetched, Feed)> {
        let declared = feed_links(&page.body, page.content_type.as_deref(), &page.url);
        let (candidates, resource): (Vec<Url>, Resource) = if declared.is_empty() {
            (usual_feed_urls(&page.url), Resource::Page)
        } else {
            (
                declared.into_iter().map(|l| l.url).collect(),
                Resource::Feed,
            )
        };
        let mut tried = 0;
        let mut last_error = None;
        for candidate in candidates {
            if candidate == page.url {
                continue;
            }
            tried += 1;
            let fetched = match self.client.execute(Request::new(candidate, resource)).await {
                Ok(Outcome::Fetched(f)) => f,
                Ok(Outcome::NotModified(_)) => continue,
                Err(e) => {
                    log::debug!("feed candidate refused: {e}");
                    last_error = Some(e);
                    continue;
                }
            };
            match parse_feed(&fetched.body, Some(&fetched.url)) {
                Ok(feed) => return Ok((fetched, feed)),
                Err(e) => {
                    log::debug!("feed candidate is no feed: {e}");
                    last_error = Some(e);
                }
            }
        }
        // A declared feed that fails says more than "none found".
        match (resource, last_error) {
            (Resource::Feed, Some(e)) => Err(e),
            _ => Err(Error::NoFeedFound {
                url: page.url.clone(),
                tried,
            }),
        }
    }
}

/// Whether a response is an HTML page (by Content-Type, else by its start).
pub(super) fn is_html(fetched: &Fetched) -> bool {
    let mime = fetched
        .content_type
        .as_deref()
        .and_then(|ct| ct.split(';').next())
        .map(|m| m.trim().to_ascii_lowercase());
    match mime.as_deref() {
        Some("text/html" | "application/xhtml+xml") => true,
        Some(m) if !m.is_empty() && m != "text/plain" && m != "application/octet-stream" => false,
        _ => {
            let head: Vec<u8> = fetched
                .body
                .iter()
                .skip_while(|b| b.is_ascii_whitespace())
                .take(256)
                .map(u8::to_ascii_lowercase)
                .collect();
            head.starts_with(b"<!doctype html") || head.starts_with(b"<html")
        }
    }
}
