//! gleaner turns feeds and web pages into clean articles: the main text without the
//! navigation, newsletter boxes, teaser lists and other boilerplate around
//! it, with a report of what was removed and why.
//!
//! Its main job is the [`feed`] pipeline: a feed (or a site's page that
//! links one) in, each entry's clean full-text article out, as an async
//! stream (`feed::Pipeline`, with the `fetch` feature). Underneath, one
//! page at a time:
//!
//! ```
//! let html = r#"<html><head><title>Rain returns | The Daily</title></head><body>
//!   <nav><a href="/">Home</a> <a href="/world">World</a></nav>
//!   <article><h1>Rain returns</h1>
//!     <p>After months of drought, rain fell across the region on Tuesday, filling
//!        reservoirs that had dropped to their lowest level in a decade.</p>
//!     <p>Farmers said the rain came too late for this year's wheat, but welcomed it.</p>
//!   </article>
//!   <aside><h2>Newsletter</h2><p>Sign up for our morning briefing.</p></aside>
//! </body></html>"#;
//! let article = gleaner::extract(html).unwrap();
//! assert_eq!(article.title.as_deref(), Some("Rain returns"));
//! assert!(article.text.starts_with("After months of drought"));
//! assert!(!article.text.contains("Sign up"));
//! assert!(article.removed().iter().any(|r| r.text.contains("Sign up")));
//! ```
//!
//! The article also carries its metadata, each field with the source it
//! was read from ([`MetaSources`]):
//!
//! ```
//! use gleaner::{MetaSource, Timestamp};
//! let html = r#"<html lang="en"><head>
//!   <meta property="og:site_name" content="The Daily">
//!   <script type="application/ld+json">{"@type": "NewsArticle",
//!     "headline": "Rain returns", "datePublished": "2024-05-01",
//!     "author": [{"@type": "Person", "name": "Ann Lee"}, "By Bo Chen"]}</script>
//! </head><body><article><h1>Rain returns</h1><p>Rain fell.</p></article></body></html>"#;
//! let article = gleaner::extract(html).unwrap();
//! assert_eq!(article.authors, ["Ann Lee", "Bo Chen"]);
//! assert_eq!(article.published, Timestamp::parse("2024-05-01")); // a date, no invented time
//! assert_eq!(article.meta_sources.published, Some(MetaSource::JsonLd));
//! assert_eq!(article.site_name.as_deref(), Some("The Daily"));
//! ```
//!
//! For anything beyond the defaults, build an [`Extractor`] from a
//! [`Config`] once and reuse it; pages go in as a [`Page`] (text or bytes
//! in any charset, with an optional URL and Content-Type).
//!
//! With the default `fetch` feature, [`fetch::Client`] fetches pages and
//! feeds over HTTP (bounded, polite, guarded against non-public addresses)
//! and hands their raw bytes to the same extraction core. With the
//! `serve` feature, `serve::Service` is a full-text feed service over
//! HTTP: any feed in, a clean full-text feed (Atom, RSS or JSON Feed) out.
//!
//! # Data flow
//!
//! One way, each stage a module: fetch → decode (`input`) → parse
//! (`dom::parse`, guarded against hostile depth and size) → metadata
//! (`meta`) → prune elements (`clean::prune`) → page type (`classify`) →
//! select the main content (`select`) → segment into blocks (`segment`) →
//! block rules (`clean`) → site memory (`memory`) → render (`render`,
//! `report`) → [`Article`]. `extractor` is the one place that knows this
//! order; the types the stages hand each other (`dom`, `block`,
//! `tuning`, `page_type`) sit below them all. `ARCHITECTURE.md` names each
//! stage's file, what it takes and what it hands on.
#![forbid(unsafe_code)]

mod article;
mod block;
mod classify;
mod clean;
mod config;
mod dom;
mod error;
mod extractor;
pub mod feed;
#[cfg(feature = "fetch")]
pub mod fetch;
mod input;
mod lexicon;
mod memory;
mod meta;
mod page_type;
mod render;
mod report;
mod segment;
mod select;
#[cfg(feature = "serve")]
pub mod serve;
mod timestamp;
mod tuning;
#[cfg(feature = "warc")]
pub mod warc;

#[cfg(feature = "eval")]
pub mod eval;

#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;

pub use article::{
    Article, Encoding, Fallback, FallbackStep, Image, Link, MetaSource, MetaSources, Removal, Rule,
};
pub use config::{Config, Focus, Limits, UnreadContent};
pub use error::{Error, InputName, Result};
pub use extractor::{extract, Extractor, StageTimes};
#[cfg(feature = "fetch")]
pub use fetch::Client;
pub use input::{EncodingSource, Page};
#[cfg(feature = "serde")]
pub use memory::{MemoryError, MEMORY_FORMAT_VERSION};
pub use memory::{MemorySettings, MemoryStats, SiteMemory};
pub use page_type::{PageType, UnknownPageType};
pub use timestamp::Timestamp;

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
