//! The JSON object that the `extract` and `warc` examples print for each
//! input: every article field under a stable name, or the error.

use gleaner::{Article, MetaSource, MetaSources};
use serde_json::{json, Value};

/// The object for one input: `source` as given, the article's fields, and
/// `error` (null, or why there is no article).
pub fn to_json(source: &str, article: Option<&Article>, error: Option<&String>) -> Value {
    match article {
        Some(a) => json!({
            "source": source,
            "url": a.url.as_ref().map(|u| u.as_str()),
            "title": a.title,
            "authors": a.authors,
            "byline": a.byline,
            "published": a.published.map(|t| t.to_rfc3339()),
            "modified": a.modified.map(|t| t.to_rfc3339()),
            "site_name": a.site_name,
            "language": a.language,
            "language_confidence": a.language_confidence,
            "description": a.description,
            "canonical_url": a.canonical_url.as_ref().map(|u| u.as_str()),
            "image": a.image.as_ref().map(|u| u.as_str()),
            "tags": a.tags,
            "paywalled": a.paywalled,
            "meta_sources": meta_sources(&a.meta_sources),
            "text": a.text,
            "markdown": a.markdown,
            "html": a.html,
            "page_type": a.page_type.name(),
            "page_type_confidence": a.page_type_confidence,
            "fallback": a.fallback.map(|f| f.to_string()),
            "links": a.links.iter().map(|l| json!({"url": l.url.as_str(), "text": l.text})).collect::<Vec<_>>(),
            "word_count": a.word_count,
            "reading_minutes": a.reading_time().as_secs() / 60,
            "lead_image": a.lead_image.as_ref().map(|i| i.url.as_str()),
            "images": a.images.iter().map(|i| json!({"url": i.url.as_str(), "alt": i.alt, "caption": i.caption})).collect::<Vec<_>>(),
            "encoding": a.encoding.name,
            "removed": a.removed.iter().map(|r| json!({"rule": r.rule.name(), "tag": r.tag, "text": r.text})).collect::<Vec<_>>(),
            "error": Value::Null,
        }),
        None => json!({
            "source": source,
            "url": Value::Null,
            "title": Value::Null,
            "authors": [],
            "published": Value::Null,
            "modified": Value::Null,
            "site_name": Value::Null,
            "language": Value::Null,
            "description": Value::Null,
            "canonical_url": Value::Null,
            "image": Value::Null,
            "tags": [],
            "text": Value::Null,
            "error": error,
        }),
    }
}

/// Where each metadata field came from, by field name.
fn meta_sources(s: &MetaSources) -> Value {
    let name = |s: Option<MetaSource>| s.map(MetaSource::name);
    json!({
        "title": name(s.title),
        "authors": name(s.authors),
        "published": name(s.published),
        "modified": name(s.modified),
        "site_name": name(s.site_name),
        "language": name(s.language),
        "description": name(s.description),
        "canonical_url": name(s.canonical_url),
        "image": name(s.image),
        "tags": name(s.tags),
        "paywalled": name(s.paywalled),
    })
}
