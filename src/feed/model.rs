//! The crate's feed model: a thin, documented wrapper over feed-rs's, with
//! plain strings for titles, absolute URLs for links and the entry's HTML
//! kept apart from its plain-text summary. Parsing happens here, from bytes.

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
use url::Url;

use crate::error::{Error, InputName, Result};

/// The largest feed document parsed from bytes: 16 MiB, the fetcher's
/// default body cap. Larger inputs are refused with [`Error::TooLarge`].
pub const MAX_FEED_BYTES: usize = 16 * 1024 * 1024;

/// Which syndication format a feed was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FeedKind {
    /// Atom (RFC 4287).
    Atom,
    /// RSS 0.90, 0.91 or 0.92.
    Rss0,
    /// RSS 1.0 (RDF).
    Rss1,
    /// RSS 2.0.
    Rss2,
    /// JSON Feed 1.0 or 1.1.
    Json,
}

impl FeedKind {
    /// A short stable name: `atom`, `rss0`, `rss1`, `rss2` or `json`.
    pub fn name(self) -> &'static str {
        match self {
            FeedKind::Atom => "atom",
            FeedKind::Rss0 => "rss0",
            FeedKind::Rss1 => "rss1",
            FeedKind::Rss2 => "rss2",
            FeedKind::Json => "json",
        }
    }
}

/// A parsed feed: what it says about itself and its entries, in document order.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Feed {
    /// The format it was written in.
    pub kind: FeedKind,
    /// Where the feed was read from, when known (relative links are
    /// resolved against it).
    pub url: Option<Url>,
    /// The feed's title, as plain text.
    pub title: Option<String>,
    /// The site the feed belongs to (its first non-`self` link), when http(s).
    pub home: Option<Url>,
    /// The feed's description or subtitle, as plain text.
    pub description: Option<String>,
    /// The feed's language, when declared.
    pub language: Option<String>,
    /// When the feed was last updated, when stated.
    pub updated: Option<DateTime<Utc>>,
    /// The entries, in the order the feed lists them.
    pub entries: Vec<Entry>,
}

/// One entry (item) of a feed, as the feed describes it.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct Entry {
    /// The entry's id (Atom `id`, RSS `guid`, JSON Feed `id`); when the
    /// feed gives none, a stable hash of the link and title (empty when
    /// the entry has neither).
    pub id: String,
    /// The title, as plain text.
    pub title: Option<String>,
    /// The page the entry points to: its first `alternate` (or unlabelled)
    /// link, made absolute against `xml:base`, the feed's URL or both;
    /// always http(s) (`None` for a `javascript:` or `mailto:` link).
    pub link: Option<Url>,
    /// When the entry was first published; its last update date when the
    /// feed states no publication date.
    pub published: Option<DateTime<Utc>>,
    /// When the entry was last updated, when stated (RSS copies the
    /// publication date here).
    pub updated: Option<DateTime<Utc>>,
    /// Author names (or e-mail addresses when that is all the feed gives).
    pub authors: Vec<String>,
    /// Category terms or labels (RSS categories, Atom categories, JSON Feed tags).
    pub categories: Vec<String>,
    /// The summary (RSS `description`, Atom `summary`, JSON Feed
    /// `summary`), as HTML: a plain-text summary is escaped into paragraphs.
    pub summary: Option<String>,
    /// The full content (RSS `content:encoded`, Atom `content`, JSON Feed
    /// `content_html` or `content_text`), as HTML: plain text is escaped
    /// into paragraphs.
    pub content: Option<String>,
    /// The base URL for relative links inside `summary` and `content`:
    /// the entry's `xml:base`, else its link, else the feed's URL.
    pub base: Option<Url>,
    /// The entry's language, when declared.
    pub language: Option<String>,
}

impl Entry {
    /// The entry's own HTML, the fuller of `content` and `summary`
    /// (content when both are there and it is not shorter).
    pub fn body_html(&self) -> Option<&str> {
        match (self.content.as_deref(), self.summary.as_deref()) {
            (Some(c), Some(s)) if s.len() > c.len() => Some(s),
            (Some(c), _) => Some(c),
            (None, s) => s,
        }
    }
}

/// Parses a feed (RSS 0.9x, 1.0, 2.0, Atom or JSON Feed) from its raw bytes.
/// The XML encoding declaration decides the charset; `url`, where the feed
/// was read from, resolves relative links (after any `xml:base`).
///
/// A byte-order mark or the UTF-16 shape of `<?` wins over the declaration.
///
/// Errors, each naming `url` when given:
/// - [`Error::TooLarge`] over [`MAX_FEED_BYTES`];
/// - [`Error::NotAFeed`] for input that is no feed at all (an HTML page,
///   an image, an empty body);
/// - [`Error::FeedParse`] for a feed that is malformed (truncated XML, bad
///   JSON) or declares XML entities (refused outright: no feed needs them
///   and they are how entity-expansion bombs work).
///
/// ```
/// let rss = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>
///   <item><title>First</title><link>/news/1</link><description>A summary.</description></item>
/// </channel></rss>"#;
/// let url = url::Url::parse("https://example.com/feed.xml").unwrap();
/// let feed = gleaner::feed::parse_feed(rss, Some(&url)).unwrap();
/// assert_eq!(feed.entries[0].title.as_deref(), Some("First"));
/// assert_eq!(feed.entries[0].link.as_ref().unwrap().as_str(), "https://example.com/news/1");
/// ```
pub fn parse_feed(bytes: &[u8], url: Option<&Url>) -> Result<Feed> {
    let input = || match url {
        Some(u) => InputName::Url(u.clone()),
        None => InputName::Anonymous,
    };
    if bytes.len() > MAX_FEED_BYTES {
        return Err(Error::TooLarge {
            input: input(),
            size: bytes.len() as u64,
            limit: MAX_FEED_BYTES as u64,
        });
    }
    if let Some(reason) = not_a_feed(bytes) {
        return Err(Error::NotAFeed {
            input: input(),
            reason: reason.to_string(),
        });
    }
    let bytes = readable_xml(bytes);
    if declares_entities(&bytes) {
        return Err(Error::FeedParse {
            input: input(),
            source: "the document declares XML entities (refused: entity expansion bomb risk)"
                .into(),
        });
    }
    let parser = feed_rs::parser::Builder::new()
        .base_uri(url.map(Url::as_str))
        .id_generator(stable_id)
        .build();
    let parsed = parser.parse(&bytes[..]).map_err(|e| match e {
        feed_rs::parser::ParseFeedError::ParseError(
            feed_rs::parser::ParseErrorKind::NoFeedRoot,
        ) => Error::NotAFeed {
            input: input(),
            reason: "no rss, atom or json feed root".to_string(),
        },
        e => Error::FeedParse {
            input: input(),
            source: Box::new(e),
        },
    })?;
    Ok(Feed::from_parsed(parsed, url))
}

/// An id for an entry that has none: a hash of its link and title, or of
/// the feed's URL and its title; empty when it has neither (never random,
/// so a [`SeenSet`](super::SeenSet) recognises it on the next poll).
fn stable_id(
    links: &[feed_rs::model::Link],
    title: &Option<feed_rs::model::Text>,
    uri: Option<&str>,
) -> String {
    match (links.first(), title) {
        (Some(link), _) => feed_rs::parser::generate_id_from_link_and_title(link, title),
        (None, Some(title)) => {
            feed_rs::parser::generate_id_from_uri_and_title(uri.unwrap_or(""), title)
        }
        (None, None) => String::new(),
    }
}

/// A quick look at the first bytes for input that is clearly no feed.
fn not_a_feed(bytes: &[u8]) -> Option<&'static str> {
    let start = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(bytes)
        .iter()
        .position(|b| !b.is_ascii_whitespace());
    let Some(start) = start else {
        return Some("empty document");
    };
    let head: Vec<u8> = bytes[start..]
        .iter()
        .take(512)
        .map(u8::to_ascii_lowercase)
        .collect();
    if head.starts_with(b"<!doctype html") || head.starts_with(b"<html") {
        return Some("an html page");
    }
    if !matches!(bytes[start], b'<' | b'{') && !bytes.starts_with(b"\xEF\xBB\xBF") {
        // UTF-16 feeds start with a byte-order mark or a zero byte.
        if !matches!(bytes[start], 0 | 0xFE | 0xFF) {
            return Some("neither xml nor json");
        }
    }
    None
}

/// The feed as UTF-8 that feed-rs reads without changing its decoder:
/// decoded here from the charset that its byte-order mark, its UTF-16
/// shape or its XML declaration names, and with every XML declaration
/// that names an encoding rewritten without it. quick-xml panics when a
/// declaration asks it to switch encodings after its 64-byte prefix (a
/// long declaration, a UTF-16 document declaring another charset, a second
/// declaration later in the document); decoding first makes the switch
/// unnecessary. UTF-8 without such declarations is passed on as it is,
/// JSON untouched.
fn readable_xml(bytes: &[u8]) -> Cow<'_, [u8]> {
    let (encoding, bom) = match Encoding::for_bom(bytes) {
        Some((e, len)) => (e, len),
        None if bytes.starts_with(b"<\0?\0") => (UTF_16LE, 0),
        None if bytes.starts_with(b"\0<\0?") => (UTF_16BE, 0),
        // A UTF-16 label on ASCII-compatible bytes is wrong: read UTF-8.
        None => (
            declared_encoding(bytes).map_or(UTF_8, Encoding::output_encoding),
            0,
        ),
    };
    let body = &bytes[bom..];
    let text: Cow<'_, [u8]> = if encoding == UTF_8 {
        Cow::Borrowed(body)
    } else {
        let (text, _) = encoding.decode_without_bom_handling(body);
        Cow::Owned(text.into_owned().into_bytes())
    };
    if text.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{') {
        return text;
    }
    without_encoding_declarations(text)
}

/// The encoding named by the XML declaration at the start of the document.
fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    let decl = head.trim_ascii_start().strip_prefix(b"<?xml")?;
    let decl = &decl[..find(decl, b"?>")?];
    let rest = &decl[find(decl, b"encoding")? + b"encoding".len()..];
    let rest = rest
        .trim_ascii_start()
        .strip_prefix(b"=")?
        .trim_ascii_start();
    let (&quote, rest) = rest.split_first()?;
    if quote != b'"' && quote != b'\'' {
        return None;
    }
    Encoding::for_label(&rest[..rest.iter().position(|&b| b == quote)?])
}

/// Every `<?xml …?>` that mentions an encoding replaced by a plain
/// `<?xml version="1.0"?>` (the text is UTF-8 by now).
fn without_encoding_declarations(text: Cow<'_, [u8]>) -> Cow<'_, [u8]> {
    let mut out: Option<Vec<u8>> = None;
    let (mut pos, mut copied) = (0, 0);
    while let Some(at) = find(&text[pos..], b"<?xml") {
        let start = pos + at;
        let after = start + b"<?xml".len();
        // `<?xml-stylesheet …?>` and the like are processing instructions.
        if !text
            .get(after)
            .is_some_and(|&b| b == b'?' || b.is_ascii_whitespace())
        {
            pos = after;
            continue;
        }
        let Some(len) = find(&text[after..], b"?>") else {
            break;
        };
        let end = after + len + 2;
        if find(&text[start..end], b"encoding").is_some() {
            let o = out.get_or_insert_with(|| Vec::with_capacity(text.len()));
            o.extend_from_slice(&text[copied..start]);
            o.extend_from_slice(b"<?xml version=\"1.0\"?>");
            copied = end;
        }
        pos = end;
    }
    match out {
        Some(mut o) => {
            o.extend_from_slice(&text[copied..]);
            Cow::Owned(o)
        }
        None => text,
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Whether an XML document declares entities in its internal DTD subset
/// (looked for in the first 64 KiB, where a prolog is). quick-xml would
/// not expand them anyway (feed-rs leaves `&name;` as text); refusing them
/// makes a bomb a typed error rather than a feed full of entity names.
fn declares_entities(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let find = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    find(b"<!DOCTYPE") && find(b"<!ENTITY")
}

impl Feed {
    fn from_parsed(f: feed_rs::model::Feed, url: Option<&Url>) -> Feed {
        use feed_rs::model::FeedType;
        let kind = match f.feed_type {
            FeedType::Atom => FeedKind::Atom,
            FeedType::RSS0 => FeedKind::Rss0,
            FeedType::RSS1 => FeedKind::Rss1,
            FeedType::RSS2 => FeedKind::Rss2,
            FeedType::JSON => FeedKind::Json,
        };
        let home = f
            .links
            .iter()
            .find(|l| l.rel.as_deref() != Some("self") && l.rel.as_deref() != Some("hub"))
            .and_then(|l| page_link(&l.href, None, url));
        let language = f.language.clone();
        let entries = f
            .entries
            .into_iter()
            .map(|e| Entry::from_parsed(e, url, language.as_deref()))
            .collect();
        Feed {
            kind,
            url: url.cloned(),
            title: f.title.as_ref().map(text_of),
            home,
            description: f.description.as_ref().map(text_of),
            language,
            updated: f.updated,
            entries,
        }
    }
}

impl Entry {
    fn from_parsed(
        e: feed_rs::model::Entry,
        feed_url: Option<&Url>,
        language: Option<&str>,
    ) -> Entry {
        let base = e.base.as_deref().and_then(|b| resolve(b, None, feed_url));
        let link = e
            .links
            .iter()
            .find(|l| matches!(l.rel.as_deref(), None | Some("alternate")))
            .or_else(|| e.links.first())
            .and_then(|l| page_link(&l.href, base.as_ref(), feed_url));
        let content = e.content.as_ref().and_then(|c| {
            let body = c.body.as_deref()?.trim();
            if body.is_empty() {
                return None;
            }
            let essence = c.content_type.essence().to_string();
            Some(if essence.contains("html") || essence.contains("xml") {
                body.to_string()
            } else {
                text_to_html(body)
            })
        });
        let summary = e.summary.as_ref().and_then(|t| {
            let html = html_of(t);
            (!html.trim().is_empty()).then_some(html)
        });
        let authors = e
            .authors
            .iter()
            .filter_map(|p| {
                let name = p.name.as_deref().unwrap_or("").trim();
                let name = if name.is_empty() || name == "unknown" {
                    p.email.as_deref().unwrap_or("").trim()
                } else {
                    name
                };
                (!name.is_empty()).then(|| name.to_string())
            })
            .collect();
        let mut categories: Vec<String> = Vec::new();
        for c in &e.categories {
            let name = c.label.as_deref().unwrap_or(&c.term).trim().to_string();
            if !name.is_empty() && !categories.contains(&name) {
                categories.push(name);
            }
        }
        Entry {
            title: e.title.as_ref().map(text_of).filter(|t| !t.is_empty()),
            base: base
                .clone()
                .or_else(|| link.clone())
                .or_else(|| feed_url.cloned()),
            link,
            id: e.id,
            published: e.published.or(e.updated),
            updated: e.updated,
            authors,
            categories,
            summary,
            content,
            language: e.language.or_else(|| language.map(str::to_string)),
        }
    }
}

/// Makes a link to a page absolute (see [`resolve`]) and keeps it only
/// when it is http(s): a `javascript:`, `data:` or `mailto:` link is no
/// page to fetch and must not reach a reader as the entry's link.
fn page_link(href: &str, base: Option<&Url>, feed_url: Option<&Url>) -> Option<Url> {
    resolve(href, base, feed_url).filter(|u| matches!(u.scheme(), "http" | "https"))
}

/// Makes `href` absolute: against `base` (an `xml:base`), else `feed_url`.
fn resolve(href: &str, base: Option<&Url>, feed_url: Option<&Url>) -> Option<Url> {
    let href = href.trim();
    if href.is_empty() {
        return None;
    }
    match Url::parse(href) {
        Ok(u) => Some(u),
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            base.or(feed_url).and_then(|b| b.join(href).ok())
        }
        Err(_) => None,
    }
}

/// A feed-rs text as plain text: HTML titles lose their tags.
fn text_of(t: &feed_rs::model::Text) -> String {
    let s = t.content.trim();
    let mime = t.content_type.essence().to_string().to_ascii_lowercase();
    if mime.ends_with("html") || mime.ends_with("xhtml+xml") {
        let frag = scraper::Html::parse_fragment(s);
        let text: String = frag.root_element().text().collect();
        collapse_ws(&text)
    } else {
        collapse_ws(s)
    }
}

/// A feed-rs text as HTML: plain text is escaped into paragraphs.
fn html_of(t: &feed_rs::model::Text) -> String {
    let mime = t.content_type.essence().to_string().to_ascii_lowercase();
    if mime == "text/plain" && !looks_like_html(&t.content) {
        text_to_html(&t.content)
    } else {
        t.content.clone()
    }
}

/// RSS descriptions often carry HTML while claiming to be text.
fn looks_like_html(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    [
        "<p",
        "<br",
        "<div",
        "<a ",
        "<img",
        "<ul",
        "<h2",
        "<h3",
        "<blockquote",
        "<span",
    ]
    .iter()
    .any(|t| lower.contains(t))
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Plain text into HTML paragraphs, one per blank-line-separated block.
pub(crate) fn text_to_html(text: &str) -> String {
    let mut out = String::new();
    for para in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        out.push_str("<p>");
        for ch in para.chars() {
            match ch {
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '&' => out.push_str("&amp;"),
                '"' => out.push_str("&quot;"),
                '\n' => out.push(' '),
                c => out.push(c),
            }
        }
        out.push_str("</p>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_html_and_entities() {
        let html = b"<!DOCTYPE html><html><body><p>hi</p></body></html>";
        assert!(matches!(
            parse_feed(html, None),
            Err(Error::NotAFeed { .. })
        ));
        let bomb = b"<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"aaaa\">]><rss version=\"2.0\"><channel><title>&a;</title></channel></rss>";
        assert!(matches!(
            parse_feed(bomb, None),
            Err(Error::FeedParse { .. })
        ));
        assert!(matches!(
            parse_feed(b"   ", None),
            Err(Error::NotAFeed { .. })
        ));
    }

    /// Found by `tests/prop_feed.rs`: quick-xml panicked ("set_encoding()
    /// called after prefix buffer was drained") on each of these.
    #[test]
    fn declarations_that_switch_encodings_late_do_not_panic() {
        let title = |bytes: &[u8]| parse_feed(bytes, None).unwrap().title;
        let rss = "<rss version=\"2.0\"><channel><title>Новости</title></channel></rss>";
        let cp1251 = |s: &str| encoding_rs::WINDOWS_1251.encode(s).0.into_owned();
        // A declaration longer than quick-xml's 64-byte prefix.
        let long = format!(
            "<?xml version=\"1.0\"{}encoding=\"windows-1251\"?>{rss}",
            " ".repeat(60)
        );
        assert_eq!(title(&cp1251(&long)).as_deref(), Some("Новости"));
        // UTF-16 declaring another charset (the BOM wins).
        let utf16 = format!("<?xml version=\"1.0\" encoding=\"windows-1251\"?>{rss}");
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(utf16.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(title(&le).as_deref(), Some("Новости"));
        let be: Vec<u8> = utf16.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(title(&be).as_deref(), Some("Новости"));
        // A second declaration after the prefix, in a UTF-8 feed.
        let late = format!(
            "<rss version=\"2.0\"><channel><title>Новости</title>{}<?xml version=\"1.0\" encoding=\"koi8-r\"?></channel></rss>",
            " ".repeat(100)
        );
        assert!(std::panic::catch_unwind(|| parse_feed(late.as_bytes(), None)).is_ok());
    }

    #[test]
    fn declared_charsets_are_decoded_and_stylesheets_kept() {
        let doc = "<?xml version='1.0' encoding='koi8-r'?><?xml-stylesheet href=\"s.xsl\"?><rss version=\"2.0\"><channel><title>Привет</title></channel></rss>";
        let bytes = encoding_rs::KOI8_R.encode(doc).0.into_owned();
        let feed = parse_feed(&bytes, None).unwrap();
        assert_eq!(feed.title.as_deref(), Some("Привет"));
        let readable = readable_xml(&bytes);
        assert!(find(&readable, b"<?xml-stylesheet href=").is_some());
        // UTF-8 without a declaration naming another charset is not copied.
        let utf8 = b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel/></rss>";
        assert!(matches!(readable_xml(utf8), Cow::Borrowed(_)));
    }

    #[test]
    fn entity_declarations_are_refused_in_utf16_too() {
        let bomb = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"aaaa\">]><rss version=\"2.0\"><channel><title>&a;</title></channel></rss>";
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(bomb.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert!(matches!(
            parse_feed(&le, None),
            Err(Error::FeedParse { .. })
        ));
    }

    #[test]
    fn text_becomes_paragraphs() {
        assert_eq!(text_to_html("a < b\n\nc"), "<p>a &lt; b</p><p>c</p>");
    }
}
