//! A full-text feed service (with the `serve` feature): any feed in, a
//! clean full-text feed out, over HTTP, for the feed readers people
//! already use.
//!
//! | endpoint | answers |
//! |---|---|
//! | `GET /feed?url=URL[&format=atom\|rss\|json][&max=N][&links=preserve\|remove]` | the full-text feed of the feed at URL, or of the feed the page at URL links (Atom 1.0 by default) |
//! | `GET /makefulltextfeed.php?url=URL[&format=rss\|json][&max=N][&links=…]` | the same with the parameter names of FiveFilters Full-Text RSS (RSS by default) |
//! | `GET /extract?url=URL[&format=json\|html\|markdown\|text]` | one page as an article |
//! | `GET /health` | `{"status": "ok", …}` with the caches' sizes |
//!
//! Every entry's content is the clean article (the page's, or the entry's
//! own cleaned when the page is unusable, chosen by
//! [`feed::choose`](crate::feed::choose)); title, link, dates, authors
//! and categories are the entry's ([`feed::merge`](crate::feed::merge)).
//! Where the content came from, and why, is in gleaner's own elements
//! (`<gleaner:source reason="…">page</gleaner:source>`, namespace
//! [`NAMESPACE`]) or the `_gleaner` object of a JSON Feed item.
//!
//! One [`Client`] serves every request, so per-host politeness, robots.txt
//! and the address guard hold across all readers (a URL on a non-public
//! address is answered 403 unless the client admits it); one
//! [`SiteMemory`] remembers each host's repeated blocks across requests.
//! Articles are cached by entry link and upstream feeds are revalidated
//! with a conditional GET once their TTL is over; answers carry `ETag` and
//! `Last-Modified` and a reader's conditional request gets a 304. The
//! bounds are in [`Settings`]; errors are a status and a plain reason.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = gleaner::fetch::Client::new()?;
//! let service = gleaner::serve::Service::new(client, gleaner::serve::Settings::new());
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! service.serve(listener).await?;
//! # Ok(()) }
//! ```
//!
//! Files, a concept each: `settings`, `params` (the query), `admit`
//! (concurrency and queue bounds), `bounded` (the LRU store), `cache`
//! (articles), `feeds` (upstream feeds and their full text), `item` (the
//! output model), `xml`, `atom`, `rss`, `jsonfeed` (the writers),
//! `conditional` (ETags and 304), `problem` (errors), `http` (routes).

mod admit;
mod atom;
mod bounded;
mod cache;
mod conditional;
mod feeds;
mod http;
mod item;
mod jsonfeed;
mod params;
mod problem;
mod rss;
mod settings;
mod xml;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

pub use params::{Format, Links};
pub use settings::Settings;
pub use xml::NAMESPACE;

use crate::feed::{ArticleCache, Pipeline};
use crate::fetch::Client;
use crate::{Extractor, SiteMemory};

/// The full-text feed service: build it once over a [`Client`], then
/// [`serve`](Self::serve) it on a listener (or mount its
/// [`router`](Self::router) in a larger axum application).
#[derive(Debug, Clone)]
pub struct Service {
    shared: Arc<Shared>,
}

/// What every request shares.
#[derive(Debug)]
pub(crate) struct Shared {
    settings: Settings,
    client: Client,
    pipeline: Pipeline,
    page_extractor: Extractor,
    articles: Arc<cache::Articles>,
    feeds: feeds::Feeds,
    admission: admit::Admission,
}

impl Service {
    /// The service over `client` (its politeness, robots.txt, address
    /// guard and bounds apply to every upstream fetch) with `settings`.
    pub fn new(client: Client, settings: Settings) -> Self {
        let memory = Arc::new(SiteMemory::new());
        let articles = Arc::new(cache::Articles::new(
            settings.article_cache_entries,
            settings.article_cache_bytes,
        ));
        let pipeline = Pipeline::new(client.clone())
            .extractor(settings.extractor.clone())
            .memory(Some(Arc::clone(&memory)))
            .concurrency(settings.entry_concurrency)
            .learning(settings.learning)
            .article_cache(Some(Arc::clone(&articles) as Arc<dyn ArticleCache>));
        let shared = Shared {
            page_extractor: settings.extractor.clone().with_memory(memory),
            feeds: feeds::Feeds::new(
                settings.feed_cache_entries,
                settings.feed_cache_bytes,
                settings.feed_ttl,
            ),
            admission: admit::Admission::new(
                settings.max_concurrent,
                settings.max_queued,
                settings.queue_timeout,
            ),
            articles,
            pipeline,
            client,
            settings,
        };
        Service {
            shared: Arc::new(shared),
        }
    }

    /// The routes, for mounting in a larger axum application.
    pub fn router(&self) -> axum::Router {
        http::router(Arc::clone(&self.shared))
    }

    /// Serves until the listener fails.
    pub async fn serve(self, listener: tokio::net::TcpListener) -> std::io::Result<()> {
        self.serve_until(listener, std::future::pending()).await
    }

    /// Serves until `shutdown` completes, then finishes the requests in
    /// flight.
    pub async fn serve_until(
        self,
        listener: tokio::net::TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let app = self
            .router()
            .into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown)
            .await
    }
}
