//! What the feed knows and what the page gives, merged into one
//! [`FeedArticle`]: the choice of content on quality ([`choose`]) and the
//! metadata rule (on [`FeedArticle`]).

use chrono::{DateTime, Utc};
use url::Url;

use super::model::Entry;
use crate::article::Article;
use crate::error::Error;
use crate::extractor::Extractor;
use crate::input::Page;
use crate::page_type::PageType;

/// Where a [`FeedArticle`]'s text and HTML came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ContentSource {
    /// The linked page, fetched and cleaned.
    Page,
    /// The entry's own content (or summary) from the feed, cleaned.
    Feed,
}

impl ContentSource {
    /// `page` or `feed`.
    pub fn name(self) -> &'static str {
        match self {
            ContentSource::Page => "page",
            ContentSource::Feed => "feed",
        }
    }
}

/// Why [`choose`] picked the content it picked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ChoiceReason {
    /// The entry carries no content of its own: the page is all there is.
    FeedEmpty,
    /// The page could not be fetched or read as HTML.
    PageUnavailable,
    /// The page was read but no main text was found in it.
    PageEmpty,
    /// The page's text shares few words with the entry's substantial
    /// content: it is something else (a paywall, a consent wall, an error
    /// page served with status 200).
    PageUnrelated,
    /// The page's text is much shorter than the entry's
    /// (under 70 % of it).
    PageMuchShorter,
    /// The page's text is at least about as long as the entry's.
    PageFuller,
}

impl ChoiceReason {
    /// A stable snake_case name: `feed_empty`, `page_unavailable`,
    /// `page_empty`, `page_unrelated`, `page_much_shorter` or `page_fuller`.
    pub fn name(self) -> &'static str {
        match self {
            ChoiceReason::FeedEmpty => "feed_empty",
            ChoiceReason::PageUnavailable => "page_unavailable",
            ChoiceReason::PageEmpty => "page_empty",
            ChoiceReason::PageUnrelated => "page_unrelated",
            ChoiceReason::PageMuchShorter => "page_much_shorter",
            ChoiceReason::PageFuller => "page_fuller",
        }
    }
}

/// The page loses when its text is shorter than this share of the feed's.
const PAGE_SHORTER_RATIO: f64 = 0.7;
/// The page loses when it contains less than this share of the distinct
/// words of a feed text of at least [`RELATED_MIN_CHARS`] characters.
const RELATED_MIN_OVERLAP: f64 = 0.3;
/// Feed texts shorter than this are too short to judge relatedness.
const RELATED_MIN_CHARS: usize = 200;

/// The content choice for one entry and the measures behind it.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct Choice {
    /// Which content was used.
    pub source: ContentSource,
    /// Why.
    pub reason: ChoiceReason,
    /// Non-whitespace characters of the page's text (`None`: no page).
    pub page_chars: Option<usize>,
    /// Non-whitespace characters of the entry's cleaned content (0: none).
    pub feed_chars: usize,
}

/// Chooses between the page's article and the entry's cleaned content on
/// quality, not by a fixed preference. In order:
///
/// 1. no page → the feed's content ([`ChoiceReason::PageUnavailable`]);
/// 2. no feed content → the page ([`ChoiceReason::FeedEmpty`]);
/// 3. a page without main text → the feed ([`ChoiceReason::PageEmpty`]);
/// 4. a feed text of at least 200 characters of which the page holds
///    less than 30 % of the distinct words → the feed
///    ([`ChoiceReason::PageUnrelated`]);
/// 5. a page text under 70 % of the feed's → the feed
///    ([`ChoiceReason::PageMuchShorter`]);
/// 6. otherwise the page ([`ChoiceReason::PageFuller`]): it is the
///    published article itself, and the feed's copy is often an excerpt
///    even when it looks long.
///
/// Returns `None` when there is neither.
pub fn choose(page: Option<&Article>, feed: Option<&Article>) -> Option<Choice> {
    let feed_chars = feed.map_or(0, |a| chars(&a.text));
    let page_chars = page.map(|a| chars(&a.text));
    let pick = |source, reason| {
        Some(Choice {
            source,
            reason,
            page_chars,
            feed_chars,
        })
    };
    let (Some(page), Some(pc)) = (page, page_chars) else {
        return feed.and_then(|_| pick(ContentSource::Feed, ChoiceReason::PageUnavailable));
    };
    if feed_chars == 0 {
        return pick(ContentSource::Page, ChoiceReason::FeedEmpty);
    }
    if pc == 0 {
        return pick(ContentSource::Feed, ChoiceReason::PageEmpty);
    }
    let feed_text = feed.map_or("", |a| a.text.as_str());
    if feed_chars >= RELATED_MIN_CHARS && overlap(feed_text, &page.text) < RELATED_MIN_OVERLAP {
        return pick(ContentSource::Feed, ChoiceReason::PageUnrelated);
    }
    if (pc as f64) < PAGE_SHORTER_RATIO * feed_chars as f64 {
        return pick(ContentSource::Feed, ChoiceReason::PageMuchShorter);
    }
    pick(ContentSource::Page, ChoiceReason::PageFuller)
}

/// Non-whitespace characters.
fn chars(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// Words of four letters or more, lowercased.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_lowercase)
}

/// The share of `feed`'s distinct words found in `page`.
fn overlap(feed: &str, page: &str) -> f64 {
    let feed: std::collections::HashSet<String> = words(feed).take(2000).collect();
    if feed.is_empty() {
        return 1.0;
    }
    let page: std::collections::HashSet<String> = words(page).collect();
    feed.iter().filter(|w| page.contains(*w)).count() as f64 / feed.len() as f64
}

/// Runs the boilerplate stripper on the entry's own HTML (the fuller of
/// its content and summary), with links made absolute against the
/// entry's base. The entry is a post, so it is read as one article,
/// never as a page of sections or cards.
/// `None` when the entry carries no HTML.
pub fn clean_entry(extractor: &Extractor, entry: &Entry) -> Option<crate::Result<Article>> {
    let html = entry.body_html()?;
    let doc = format!("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><article>{html}</article></body></html>");
    let mut page = Page::html(doc).with_page_type(PageType::Article);
    if let Some(base) = &entry.base {
        page = page.with_parsed_url(base.clone());
    }
    Some(extractor.extract(&page))
}

/// An entry's clean, full-text article: the feed's metadata merged with
/// the page's content or the entry's own.
///
/// # The merge rule
///
/// | field | value |
/// |---|---|
/// | text and HTML | the page's or the entry's cleaned content, chosen by [`choose`] on quality |
/// | `url` | the page's final URL after redirects when it was fetched, else the entry's link |
/// | `title` | the feed's title; the page's headline only when the feed gives none |
/// | `published`, `updated` | the feed's (machine-readable, with a time zone); when the feed has none, the page's if it gives a date and time with an offset |
/// | `authors` | the feed's; when the feed names none, the page's |
/// | `categories` | the feed's |
/// | `language` | the page's declared language, else the entry's, else the feed's |
///
/// The feed wins on metadata because it is what the publisher stated for
/// machines, exactly, while the page's headline may carry a site name and
/// its dates are free text. The page wins on content unless it is missing,
/// empty, unrelated to the entry or much shorter than the feed's copy.
/// `article` is left as extracted, except that its `url` and `title` are
/// set to the merged values.
#[derive(Debug)]
#[non_exhaustive]
pub struct FeedArticle {
    /// The feed the entry came from, when read from a URL.
    pub feed_url: Option<Url>,
    /// The entry as the feed describes it.
    pub entry: Entry,
    /// The article's URL: the page's final URL when it was fetched, else
    /// the entry's link.
    pub url: Option<Url>,
    /// The feed's title, else the page's headline.
    pub title: Option<String>,
    /// When the entry was published: the feed's date, else the page's.
    pub published: Option<DateTime<Utc>>,
    /// When the entry was last updated: the feed's date, else the page's.
    pub updated: Option<DateTime<Utc>>,
    /// The feed's authors, else the page's.
    pub authors: Vec<String>,
    /// The feed's categories.
    pub categories: Vec<String>,
    /// The page's language, else the entry's or the feed's.
    pub language: Option<String>,
    /// The clean content: the chosen [`Article`], with `url` and `title`
    /// set to the merged values above.
    pub article: Article,
    /// Which content was used, and why.
    pub choice: Choice,
    /// Why the page could not be used, when it could not (the entry's own
    /// content was used instead).
    pub page_error: Option<Error>,
}

impl FeedArticle {
    /// Where the text came from: the page or the feed.
    pub fn source(&self) -> ContentSource {
        self.choice.source
    }
}

/// Merges one entry with what its page gave: `page` is the page's
/// article and final URL, or why there is none (`Ok(None)`: the page was
/// not fetched). Fails only when neither the page nor the entry has
/// content; the error is then the page's (or [`Error::NotHtml`] naming
/// the entry when there was no page to fetch).
pub fn merge(
    extractor: &Extractor,
    feed_url: Option<&Url>,
    entry: Entry,
    page: crate::Result<Option<(Article, Url)>>,
) -> crate::Result<FeedArticle> {
    let feed_article = match clean_entry(extractor, &entry) {
        Some(Ok(a)) => Some(a),
        Some(Err(e)) => {
            log::debug!("entry {}: its own html could not be cleaned: {e}", entry.id);
            None
        }
        None => None,
    };
    let (page_article, final_url, page_error) = match page {
        Ok(Some((a, u))) => (Some(a), Some(u), None),
        Ok(None) => (None, None, None),
        Err(e) => (None, None, Some(e)),
    };
    let Some(choice) = choose(page_article.as_ref(), feed_article.as_ref()) else {
        return Err(page_error.unwrap_or_else(|| Error::NotHtml {
            input: match (&entry.link, feed_url) {
                (Some(u), _) | (None, Some(u)) => crate::error::InputName::Url(u.clone()),
                (None, None) => crate::error::InputName::Label(entry.id.clone()),
            },
            reason: "the entry has no link and no content".to_string(),
        }));
    };
    let page_language = page_article.as_ref().and_then(|a| a.language.clone());
    let page_published = page_article
        .as_ref()
        .and_then(|a| instant(a.published.as_ref()));
    let page_modified = page_article
        .as_ref()
        .and_then(|a| instant(a.modified.as_ref()));
    let page_authors = page_article
        .as_ref()
        .map(|a| a.authors.clone())
        .unwrap_or_default();
    let page_title = page_article.as_ref().and_then(|a| a.title.clone());
    let mut article = match choice.source {
        ContentSource::Page => page_article.unwrap_or_default(),
        ContentSource::Feed => feed_article.unwrap_or_default(),
    };
    let url = final_url.or_else(|| entry.link.clone());
    let title = entry.title.clone().or(page_title).or(article.title.take());
    article.url = url.clone();
    article.title = title.clone();
    Ok(FeedArticle {
        feed_url: feed_url.cloned(),
        url,
        title,
        published: entry.published.or(page_published),
        updated: entry.updated.or(page_modified),
        authors: if entry.authors.is_empty() {
            page_authors
        } else {
            entry.authors.clone()
        },
        categories: entry.categories.clone(),
        language: page_language.or_else(|| entry.language.clone()),
        article,
        choice,
        page_error,
        entry,
    })
}

/// A page date as an instant, when the page gave a time with its offset
/// (a bare date or a wall-clock time names no instant).
fn instant(t: Option<&crate::Timestamp>) -> Option<DateTime<Utc>> {
    match t? {
        crate::Timestamp::DateTime(d) => Some(d.with_timezone(&Utc)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn art(text: &str) -> Article {
        Article {
            text: text.to_string(),
            ..Article::default()
        }
    }

    #[test]
    fn choice_follows_quality() {
        let long = "Reservoirs filled after weeks of steady rain across the valley. ".repeat(10);
        let short = "Reservoirs filled after weeks of steady rain.";
        let c = choose(Some(&art(&long)), Some(&art(short))).unwrap();
        assert_eq!(
            (c.source, c.reason),
            (ContentSource::Page, ChoiceReason::PageFuller)
        );
        let c = choose(Some(&art(short)), Some(&art(&long))).unwrap();
        assert_eq!(c.reason, ChoiceReason::PageMuchShorter);
        let other =
            "Subscribe to continue reading this story with unlimited digital access. ".repeat(10);
        let c = choose(Some(&art(&other)), Some(&art(&long))).unwrap();
        assert_eq!(c.reason, ChoiceReason::PageUnrelated);
        let c = choose(Some(&art("")), Some(&art(short))).unwrap();
        assert_eq!(c.reason, ChoiceReason::PageEmpty);
        let c = choose(None, Some(&art(short))).unwrap();
        assert_eq!(c.reason, ChoiceReason::PageUnavailable);
        let c = choose(Some(&art(short)), None).unwrap();
        assert_eq!(c.reason, ChoiceReason::FeedEmpty);
        assert!(choose(None, None).is_none());
    }
}
