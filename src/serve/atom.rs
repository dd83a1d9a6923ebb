//! The full-text feed as Atom 1.0 (RFC 4287).

use chrono::{DateTime, SecondsFormat, Utc};

use super::item::{Channel, Item, Origin};
use super::params::Links;
use super::xml::{element, escape, NAMESPACE};

fn date(d: DateTime<Utc>) -> String {
    d.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn link(out: &mut String, rel: &str, href: &str, media: Option<&str>) {
    out.push_str("<link rel=\"");
    out.push_str(rel);
    out.push('"');
    if let Some(m) = media {
        out.push_str(" type=\"");
        out.push_str(m);
        out.push('"');
    }
    out.push_str(" href=\"");
    escape(out, href);
    out.push_str("\"/>\n");
}

/// The feed. Entries without authors fall back on the feed's author (the
/// feed's name), as RFC 4287 requires one; `updated` is the entry's update
/// date, else its publication date, else the feed's.
pub(crate) fn write(channel: &Channel<'_>, items: &[Item], links: Links) -> String {
    let mut out = String::with_capacity(1024 + items.iter().map(Item::weight).sum::<usize>());
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:gleaner=\"");
    out.push_str(NAMESPACE);
    out.push('"');
    if let Some(lang) = &channel.feed.language {
        out.push_str(" xml:lang=\"");
        escape(&mut out, lang);
        out.push('"');
    }
    out.push_str(">\n");
    element(&mut out, "id", channel.source.as_str());
    element(&mut out, "title", &channel.name());
    if let Some(d) = &channel.feed.description {
        element(&mut out, "subtitle", d);
    }
    element(&mut out, "updated", &date(channel.updated));
    if let Some(home) = &channel.feed.home {
        link(&mut out, "alternate", home.as_str(), Some("text/html"));
    }
    link(&mut out, "via", channel.source.as_str(), None);
    out.push_str("<author>");
    element(&mut out, "name", &channel.name());
    out.push_str("</author>\n");
    out.push_str("<generator uri=\"https://crates.io/crates/gleaner\" version=\"");
    out.push_str(env!("CARGO_PKG_VERSION"));
    out.push_str("\">gleaner</generator>\n");
    for item in items {
        entry(&mut out, item, channel, links);
    }
    out.push_str("</feed>\n");
    out
}

fn entry(out: &mut String, item: &Item, channel: &Channel<'_>, links: Links) {
    out.push_str("<entry");
    if let Some(lang) = &item.language {
        out.push_str(" xml:lang=\"");
        escape(out, lang);
        out.push('"');
    }
    out.push_str(">\n");
    element(out, "id", &item.iri());
    element(out, "title", item.title.as_deref().unwrap_or(""));
    if let Some(l) = &item.link {
        link(out, "alternate", l.as_str(), Some("text/html"));
    }
    if let Some(p) = item.published {
        element(out, "published", &date(p));
    }
    let updated = item.updated.or(item.published).unwrap_or(channel.updated);
    element(out, "updated", &date(updated));
    for name in &item.authors {
        out.push_str("<author>");
        element(out, "name", name);
        out.push_str("</author>\n");
    }
    for term in &item.categories {
        out.push_str("<category term=\"");
        escape(out, term);
        out.push_str("\"/>\n");
    }
    if let Some(s) = &item.summary {
        out.push_str("<summary type=\"text\">");
        escape(out, s);
        out.push_str("</summary>\n");
    }
    out.push_str("<content type=\"html\">");
    match links {
        Links::Preserve => escape(out, &item.html),
        Links::Remove => escape(out, &super::item::unlink(&item.html)),
    }
    out.push_str("</content>\n");
    origin(out, &item.origin);
    out.push_str("</entry>\n");
}

/// gleaner's own elements: where the content came from and why, and what
/// failed (shared with RSS).
pub(crate) fn origin(out: &mut String, origin: &Origin) {
    match origin {
        Origin::Article {
            source,
            reason,
            page_error,
        } => {
            out.push_str("<gleaner:source reason=\"");
            out.push_str(reason.name());
            out.push_str("\">");
            out.push_str(source.name());
            out.push_str("</gleaner:source>\n");
            if let Some(e) = page_error {
                element(out, "gleaner:page-error", e);
            }
        }
        Origin::Failed { error } => element(out, "gleaner:error", error),
    }
}
