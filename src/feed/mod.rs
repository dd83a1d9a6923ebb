//! Feeds in, clean full-text articles out.
//!
//! - [`parse_feed`]: RSS 0.9x/1.0/2.0, Atom and JSON Feed from bytes (via
//!   feed-rs) into the crate's [`Feed`] / [`Entry`] model;
//! - [`feed_links`] and [`usual_feed_urls`]: autodiscovery;
//! - [`clean_entry`], [`choose`] and [`merge`]: the entry's own HTML
//!   cleaned by the same stripper as pages, the choice between page and
//!   feed content on quality, and the metadata merge rule;
//! - [`SeenSet`]: the entries already read, kept by the caller between polls;
//! - `Pipeline` (with the `fetch` feature): one call from a feed or page
//!   URL to a stream of [`FeedArticle`]s, with bounded concurrency, the
//!   fetcher's politeness and conditional polling.
//!
//! Files, a concept each: `model` (the wrapper over feed-rs), `discover`,
//! `merge`, `seen`, `pipeline` (reading the feed) and `entries` (its
//! entries through fetch, memory, extraction and merge).

mod discover;
#[cfg(feature = "fetch")]
mod entries;
mod merge;
mod model;
#[cfg(feature = "fetch")]
mod pipeline;
mod seen;

pub use discover::{feed_links, usual_feed_urls, FeedLink, FEED_MIME_TYPES, USUAL_FEED_PATHS};
#[cfg(feature = "serve")]
pub(crate) use entries::extract_page;
#[cfg(feature = "fetch")]
pub use entries::{ArticleCache, Learning, DEFAULT_LEARNING_WINDOW};
/// The stream type of the pipeline, and the trait to read it
/// (`while let Some(item) = stream.next().await`).
#[cfg(feature = "fetch")]
pub use futures_util::stream::{BoxStream, StreamExt};
pub use merge::{choose, clean_entry, merge, Choice, ChoiceReason, ContentSource, FeedArticle};
pub use model::{parse_feed, Entry, Feed, FeedKind, MAX_FEED_BYTES};
#[cfg(feature = "fetch")]
pub use pipeline::{EntryError, EntryResult, FeedRead, Pipeline, Poll};
pub use seen::SeenSet;
