//! The full-text feed as RSS 2.0: the article HTML in the item's
//! `description` (in CDATA), authors as Dublin Core `dc:creator`.

use super::item::{Channel, Item};
use super::params::Links;
use super::xml::{cdata, element, escape, NAMESPACE};

/// The feed. `link` is the site's home page, else the upstream feed;
/// `pubDate` is the entry's publication date, else its update date.
pub(crate) fn write(channel: &Channel<'_>, items: &[Item], links: Links) -> String {
    let mut out = String::with_capacity(1024 + items.iter().map(Item::weight).sum::<usize>());
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:gleaner=\"");
    out.push_str(NAMESPACE);
    out.push_str("\">\n<channel>\n");
    element(&mut out, "title", &channel.name());
    let home = channel.feed.home.as_ref().unwrap_or(channel.source);
    element(&mut out, "link", home.as_str());
    let description = channel
        .feed
        .description
        .clone()
        .filter(|d| !d.trim().is_empty())
        .unwrap_or_else(|| format!("Full text of {}", channel.name()));
    element(&mut out, "description", &description);
    if let Some(lang) = &channel.feed.language {
        element(&mut out, "language", lang);
    }
    element(&mut out, "lastBuildDate", &channel.updated.to_rfc2822());
    element(
        &mut out,
        "generator",
        concat!("gleaner ", env!("CARGO_PKG_VERSION")),
    );
    for item in items {
        out.push_str("<item>\n");
        element(&mut out, "title", item.title.as_deref().unwrap_or(""));
        if let Some(l) = &item.link {
            element(&mut out, "link", l.as_str());
        }
        let permalink = item.link.as_ref().is_some_and(|l| l.as_str() == item.id);
        out.push_str("<guid isPermaLink=\"");
        out.push_str(if permalink { "true" } else { "false" });
        out.push_str("\">");
        escape(&mut out, &item.id);
        out.push_str("</guid>\n");
        if let Some(d) = item.published.or(item.updated) {
            element(&mut out, "pubDate", &d.to_rfc2822());
        }
        for name in &item.authors {
            element(&mut out, "dc:creator", name);
        }
        for term in &item.categories {
            element(&mut out, "category", term);
        }
        out.push_str("<description>");
        match links {
            Links::Preserve => cdata(&mut out, &item.html),
            Links::Remove => cdata(&mut out, &super::item::unlink(&item.html)),
        }
        out.push_str("</description>\n");
        super::atom::origin(&mut out, &item.origin);
        out.push_str("</item>\n");
    }
    out.push_str("</channel>\n</rss>\n");
    out
}
