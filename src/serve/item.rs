//! What a full-text feed says: the upstream feed's description and, per
//! entry, the merged article, whatever the output format.

use chrono::{DateTime, Utc};
use url::Url;

use crate::feed::{ChoiceReason, ContentSource, EntryResult, Feed};

/// The feed around the entries: the upstream feed as read, where it was
/// read, and the date the output states for it.
#[derive(Debug, Clone)]
pub(crate) struct Channel<'a> {
    pub feed: &'a Feed,
    /// The upstream feed's URL (after discovery and redirects).
    pub source: &'a Url,
    /// The latest date the upstream feed or its entries state, else when
    /// this version of the feed was first read (stable across requests).
    pub updated: DateTime<Utc>,
}

impl<'a> Channel<'a> {
    pub fn new(feed: &'a Feed, source: &'a Url, read_at: DateTime<Utc>, items: &[Item]) -> Self {
        let latest = items
            .iter()
            .filter_map(|i| i.updated.or(i.published))
            .chain(feed.updated)
            .max();
        Channel {
            feed,
            source,
            updated: latest.unwrap_or(read_at),
        }
    }

    /// The feed's title, else its host.
    pub fn name(&self) -> String {
        self.feed
            .title
            .clone()
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| self.source.host_str().unwrap_or("feed").to_string())
    }
}

/// How an entry's content came about.
#[derive(Debug, Clone)]
pub(crate) enum Origin {
    /// An article was made: from the page or the entry, and why; with
    /// the reason the page was not used, when it was not.
    Article {
        source: ContentSource,
        reason: ChoiceReason,
        page_error: Option<String>,
    },
    /// Neither the page nor the entry gave an article.
    Failed { error: String },
}

/// One entry of the full-text feed.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    /// The upstream entry's id (stable across polls).
    pub id: String,
    pub title: Option<String>,
    pub link: Option<Url>,
    pub published: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
    pub authors: Vec<String>,
    pub categories: Vec<String>,
    /// The clean article's HTML (allow-listed, links absolute); empty
    /// when the entry failed.
    pub html: String,
    pub summary: Option<String>,
    pub image: Option<Url>,
    pub language: Option<String>,
    pub origin: Origin,
}

impl Item {
    pub fn from_result(result: EntryResult) -> Option<Item> {
        match result {
            Ok(a) => Some(Item {
                id: a.entry.id.clone(),
                title: a.title.clone(),
                link: a.url.clone().or_else(|| a.entry.link.clone()),
                published: a.published,
                updated: a.updated,
                authors: a.authors.clone(),
                categories: a.categories.clone(),
                summary: a.article.description.clone(),
                image: a.article.image.clone(),
                language: a.language.clone(),
                origin: Origin::Article {
                    source: a.source(),
                    reason: a.choice.reason,
                    page_error: a.page_error.as_ref().map(|e| super::problem::chain(e)),
                },
                html: a.article.html,
            }),
            Err(e) => {
                let entry = e.entry?;
                Some(Item {
                    id: entry.id.clone(),
                    title: entry.title.clone(),
                    link: entry.link.clone(),
                    published: entry.published,
                    updated: entry.updated,
                    authors: entry.authors.clone(),
                    categories: entry.categories.clone(),
                    html: String::new(),
                    summary: None,
                    image: None,
                    language: entry.language.clone(),
                    origin: Origin::Failed {
                        error: super::problem::chain(&e.error),
                    },
                })
            }
        }
    }

    /// What the item weighs in the feed cache.
    pub fn weight(&self) -> usize {
        self.html.len()
            + self.summary.as_ref().map_or(0, String::len)
            + self.title.as_ref().map_or(0, String::len)
            + self.id.len()
            + 256
    }

    /// An id that is an IRI, as Atom requires: the entry's own when it is
    /// an absolute URI, else a URN made from it.
    pub fn iri(&self) -> String {
        match Url::parse(&self.id) {
            Ok(u) if !u.cannot_be_a_base() || u.scheme() == "urn" || u.scheme() == "tag" => {
                self.id.clone()
            }
            _ => format!(
                "urn:gleaner:entry:{}",
                url::form_urlencoded::byte_serialize(self.id.as_bytes()).collect::<String>()
            ),
        }
    }
}

/// The HTML with its links unwrapped (their content kept). Only for the
/// article HTML gleaner renders, where a `<` in text or attributes is
/// always escaped, so every `<a` and `</a>` found is a tag.
pub(crate) fn unlink(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let tag = &rest[at..];
        let is_link = tag.starts_with("<a>") || tag.starts_with("<a ") || tag.starts_with("</a>");
        match (is_link, tag.find('>')) {
            (true, Some(end)) => rest = &tag[end + 1..],
            _ => {
                out.push('<');
                rest = &tag[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_unwrapped_and_nothing_else() {
        let html = r#"<p>See <a href="https://a.example/x?a=1&amp;b=2">the report</a> &lt;a&gt; and <abbr>UN</abbr> <a>bare</a></p>"#;
        assert_eq!(
            unlink(html),
            "<p>See the report &lt;a&gt; and <abbr>UN</abbr> bare</p>"
        );
    }

    #[test]
    fn ids_become_iris() {
        let mut item = Item {
            id: "https://a.example/1".into(),
            title: None,
            link: None,
            published: None,
            updated: None,
            authors: vec![],
            categories: vec![],
            html: String::new(),
            summary: None,
            image: None,
            language: None,
            origin: Origin::Failed {
                error: String::new(),
            },
        };
        assert_eq!(item.iri(), "https://a.example/1");
        item.id = "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a".into();
        assert_eq!(item.iri(), item.id);
        item.id = "a1b2 c3/d".into();
        assert_eq!(item.iri(), "urn:gleaner:entry:a1b2+c3%2Fd");
    }
}
