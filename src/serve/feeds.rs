//! The upstream feeds the service has read: each polled at most once per
//! `feed_ttl` (with a conditional GET), its full-text entries made once
//! per version of the feed, and one request at a time working on it (the
//! others wait and then find it done).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use tokio::sync::Mutex;
use url::Url;

use super::bounded::Bounded;
use super::conditional::etag;
use super::item::{Channel, Item};
use super::params::{FeedQuery, Format, Links};
use crate::error::{Error, InputName, Result};
use crate::feed::{Feed, FeedRead, Pipeline, Poll};
use crate::fetch::Validators;

/// A full-text feed, rendered.
#[derive(Debug, Clone)]
pub(crate) struct Rendered {
    pub body: String,
    pub etag: String,
    /// When this exact body was first served.
    pub last_modified: SystemTime,
}

/// The feeds, by the URL requested.
#[derive(Debug)]
pub(crate) struct Feeds {
    slots: Bounded<String, Arc<Mutex<Slot>>>,
    ttl: Duration,
}

#[derive(Debug, Default)]
struct Slot {
    current: Option<Current>,
}

/// One version of an upstream feed and what was made of it.
#[derive(Debug)]
struct Current {
    feed: Feed,
    url: Url,
    validators: Validators,
    read_at: DateTime<Utc>,
    checked: Instant,
    /// The full-text entries, for the first `items.len()` entries.
    items: Vec<Item>,
    /// Per output variant: the last body's ETag and when it was first served.
    versions: HashMap<(Format, usize, Links), (String, SystemTime)>,
}

impl Current {
    fn new(read: FeedRead) -> Self {
        Current {
            feed: read.feed,
            url: read.url,
            validators: read.validators,
            read_at: Utc::now(),
            checked: Instant::now(),
            items: Vec::new(),
            versions: HashMap::new(),
        }
    }

    fn weight(&self) -> usize {
        let entries: usize = self
            .feed
            .entries
            .iter()
            .map(|e| {
                e.content.as_ref().map_or(0, String::len)
                    + e.summary.as_ref().map_or(0, String::len)
                    + 256
            })
            .sum();
        entries + self.items.iter().map(Item::weight).sum::<usize>() + 64 * self.versions.len()
    }
}

impl Feeds {
    pub fn new(max_entries: usize, max_bytes: usize, ttl: Duration) -> Self {
        Feeds {
            slots: Bounded::new(max_entries, max_bytes),
            ttl,
        }
    }

    /// Feeds kept and their weight in bytes.
    pub fn usage(&self) -> (usize, usize) {
        self.slots.usage()
    }

    /// The full-text feed `query` asks for: the upstream feed read or
    /// revalidated when its read is older than the TTL (the last read is
    /// served when upstream fails then), its first `max` entries made
    /// full-text once per version, rendered in the format asked for.
    pub async fn full_text(&self, pipeline: &Pipeline, query: &FeedQuery) -> Result<Rendered> {
        let key = query.url.as_str().to_string();
        let slot = self.slots.get_or_insert(key.clone(), Default::default);
        let mut guard = slot.lock().await;
        let current = self
            .refresh(pipeline, &query.url, guard.current.take())
            .await?;
        let current = guard.current.insert(current);
        let want = query.max.min(current.feed.entries.len());
        if current.items.len() < want {
            let results: Vec<_> = pipeline
                .clone()
                .limit(Some(want))
                .articles(&current.feed)
                .collect()
                .await;
            current.items = results.into_iter().filter_map(Item::from_result).collect();
        }
        let items = &current.items[..want.min(current.items.len())];
        let channel = Channel::new(&current.feed, &current.url, current.read_at, items);
        let body = match query.format {
            Format::Atom => super::atom::write(&channel, items, query.links),
            Format::Rss => super::rss::write(&channel, items, query.links),
            Format::Json => super::jsonfeed::write(&channel, items, query.links),
        };
        let tag = etag(body.as_bytes());
        let variant = (query.format, query.max, query.links);
        let last_modified = match current.versions.get(&variant) {
            Some((old, at)) if *old == tag => *at,
            _ => {
                let now = SystemTime::now();
                current.versions.insert(variant, (tag.clone(), now));
                now
            }
        };
        let weight = current.weight();
        drop(guard);
        self.slots.put(key, Arc::clone(&slot), weight);
        Ok(Rendered {
            body,
            etag: tag,
            last_modified,
        })
    }

    /// The version of the feed to serve: the one held while it is fresh,
    /// else what a (conditional) poll gives.
    async fn refresh(
        &self,
        pipeline: &Pipeline,
        requested: &Url,
        held: Option<Current>,
    ) -> Result<Current> {
        let Some(mut held) = held else {
            return match pipeline.read(requested.as_str(), None).await? {
                Poll::Feed(read) => Ok(Current::new(*read)),
                _ => Err(Error::NotAFeed {
                    input: InputName::Url(requested.clone()),
                    reason: "not modified, though nothing was asked conditionally".into(),
                }),
            };
        };
        if held.checked.elapsed() < self.ttl {
            return Ok(held);
        }
        match pipeline
            .read(held.url.as_str(), Some(held.validators.clone()))
            .await
        {
            Ok(Poll::Feed(read)) => Ok(Current::new(*read)),
            Ok(Poll::NotModified(nm)) => {
                held.validators = nm.validators;
                held.checked = Instant::now();
                Ok(held)
            }
            Err(e) => {
                log::warn!("{}: poll failed, serving the last read: {e}", held.url);
                held.checked = Instant::now();
                Ok(held)
            }
        }
    }
}
