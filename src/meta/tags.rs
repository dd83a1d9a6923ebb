//! `<meta>` tags by key: OpenGraph (`og:*`, `article:*`), Twitter cards,
//! Dublin Core, `parsely-*`, `citation_*` and plain names, in the order of
//! preference a caller gives.

use super::scan::MetaTag;
use crate::article::MetaSource;

/// The `<meta>` tags of a page.
pub(crate) struct Tags<'s, 'a> {
    pub metas: &'s [MetaTag<'a>],
}

/// Which family a key belongs to.
pub(crate) fn source_of(tag: &MetaTag<'_>) -> MetaSource {
    if tag.itemprop {
        MetaSource::Microdata
    } else if tag.key.starts_with("og:") || tag.key.starts_with("article:") {
        MetaSource::OpenGraph
    } else if tag.key.starts_with("twitter:") {
        MetaSource::Twitter
    } else {
        MetaSource::Meta
    }
}

impl<'s, 'a> Tags<'s, 'a> {
    /// The first non-empty content for the first key (in `keys` order)
    /// that the page has, with its source.
    pub fn first(&self, keys: &[&str]) -> Option<(String, MetaSource)> {
        keys.iter().find_map(|k| self.all(k).next())
    }

    /// Every non-empty content for `key`, in document order; only the
    /// `property` tags when the page has both `property` and `name` ones.
    pub fn all<'k>(
        &self,
        key: &'k str,
    ) -> impl Iterator<Item = (String, MetaSource)> + use<'s, 'a, 'k> {
        let metas = self.metas;
        let by_property = metas.iter().any(|m| m.property && m.key == key);
        metas
            .iter()
            .filter(move |m| m.key == key && (m.property || !by_property))
            .filter_map(|m| Some((clean(m.content)?, source_of(m))))
    }
}

fn clean(content: &str) -> Option<String> {
    let text = super::jsonld::unescape(content);
    (!text.is_empty()).then_some(text)
}

/// Keys of the headline, by preference.
pub(crate) const TITLE: &[&str] = &[
    "dc:title",
    "dcterms:title",
    "og:title",
    "twitter:title",
    "parsely-title",
    "citation_title",
    "headline",
    "title",
];
/// Keys naming authors, by preference.
pub(crate) const AUTHOR: &[&str] = &[
    "dc:creator",
    "dcterms:creator",
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "byl",
    "citation_author",
];
/// Keys of the publication time, by preference.
pub(crate) const PUBLISHED: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "parsely-pub-date",
    "datepublished",
    "citation_publication_date",
    "citation_date",
    "dc:date.issued",
    "dcterms:issued",
    "dcterms:created",
    "dc:date",
    "publish-date",
    "publishdate",
    "pubdate",
    "date",
    "sailthru.date",
];
/// Keys of the modification time, by preference.
pub(crate) const MODIFIED: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dcterms:modified",
    "dc:date.modified",
    "last-modified",
];
/// Keys of the site name, by preference.
pub(crate) const SITE: &[&str] = &[
    "og:site_name",
    "application-name",
    "apple-mobile-web-app-title",
    "citation_journal_title",
    "dc:publisher",
];
/// Keys of the description, by preference.
pub(crate) const DESCRIPTION: &[&str] = &[
    "dc:description",
    "dcterms:description",
    "og:description",
    "twitter:description",
    "description",
    "citation_abstract",
];
/// Keys of the lead image, by preference.
pub(crate) const IMAGE: &[&str] = &[
    "og:image",
    "og:image:url",
    "og:image:secure_url",
    "twitter:image",
    "twitter:image:src",
    "parsely-image-url",
    "thumbnailurl",
    "image",
];
/// Keys of the canonical URL, by preference (after `<link rel=canonical>`).
pub(crate) const URL: &[&str] = &["og:url", "parsely-link", "twitter:url"];
/// Keys of the language, by preference (after `<html lang>`).
pub(crate) const LANGUAGE: &[&str] = &[
    "http-equiv:content-language",
    "content-language",
    "dc:language",
    "dcterms:language",
    "inlanguage",
    "og:locale",
    "citation_language",
];
