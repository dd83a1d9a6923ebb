//! One pass over the document that collects everything the metadata
//! readers look at: `<meta>` tags, JSON-LD scripts, links, headings,
//! `<time>` elements, microdata properties and byline candidates.

use html5ever::local_name;

use crate::dom::text_of;
use crate::dom::{Dom, Ix};

/// Most bytes of one JSON-LD script parsed; larger ones are skipped.
const MAX_JSON_LD: usize = 1 << 20;
/// Most characters of paragraph text kept for language detection.
const SAMPLE: usize = 1_000;

/// A `<meta>` tag: its key (lower-cased `property`, `name` or `itemprop`,
/// Dublin Core's `DC.x` written `dc:x`) and content.
pub(crate) struct MetaTag<'a> {
    pub key: String,
    pub content: &'a str,
    pub itemprop: bool,
    /// Keyed by `property` (RDFa, OpenGraph) rather than `name`.
    pub property: bool,
}

/// A dated element found in the body.
pub(crate) struct Dated {
    pub value: String,
    /// Marked as the publication date (`pubdate`, `itemprop`, a class
    /// naming publication), rather than any date.
    pub marked: bool,
    pub in_article: bool,
}

#[derive(Default)]
pub(crate) struct Scan<'a> {
    pub html_lang: Option<&'a str>,
    pub doc_title: Option<String>,
    pub h1s: Vec<String>,
    /// The first `<h1>`s that have text, in the chrome or not (at most
    /// four), with their text.
    pub any_h1s: Vec<(Ix, String)>,
    pub metas: Vec<MetaTag<'a>>,
    pub ld_json: Vec<String>,
    pub canonical: Option<&'a str>,
    pub image_src: Option<&'a str>,
    pub base: Option<&'a str>,
    pub times: Vec<Dated>,
    /// Microdata outside `<meta>`: (property, element).
    pub itemprops: Vec<(&'a str, Ix)>,
    pub bylines: Vec<Ix>,
    /// Short elements outside the chrome whose text starts with "By ".
    pub by_lines: Vec<Ix>,
    /// The first `<h1>` outside the chrome.
    pub h1: Option<Ix>,
    /// Elements other than `<time>` whose class names a date.
    pub date_els: Vec<Ix>,
    pub sample: String,
    pub article_img: Option<&'a str>,
    /// Microdata `itemtype` values, outside page chrome (at most
    /// [`MAX_ITEMTYPES`]).
    pub itemtypes: Vec<&'a str>,
}

/// Most microdata item types collected.
const MAX_ITEMTYPES: usize = 64;

/// Class or id token prefixes that mark page chrome: dates and names
/// inside are other stories' or the site's, not the article's.
const CHROME: &[&str] = &[
    "sidebar",
    "related",
    "widget",
    "footer",
    "comment",
    "recommend",
    "popular",
    "trending",
    "newsletter",
    "promo",
    "teaser",
    "rail",
];

/// What the class and id of an element say, from one walk over their
/// tokens (split at non-alphanumerics, lower-cased).
#[derive(Default)]
struct Named {
    chrome: bool,
    /// A byline: `byline`, `author`, `writer`… but not a bio or avatar.
    byline: bool,
    not_byline: bool,
    /// An element showing a date.
    date: bool,
    /// A date marked as the publication date.
    publish: bool,
}

fn named(lower: &str) -> Named {
    let mut n = Named::default();
    for t in lower.split(|c: char| !c.is_ascii_alphanumeric()) {
        if t.len() < 3 {
            continue;
        }
        match t {
            "byline" | "bylines" | "author" | "authors" | "writer" | "contributor" | "creator"
            | "postedby" => n.byline = true,
            "bio" | "avatar" | "photo" | "image" | "description" | "about" | "follow" => {
                n.not_byline = true
            }
            "published" | "publish" | "pubdate" | "posted" | "dateline" => {
                n.date = true;
                n.publish = true;
            }
            "date" | "timestamp" | "postdate" | "datetime" => n.date = true,
            _ => {}
        }
        let first = t.as_bytes()[0];
        if matches!(first, b's' | b'r' | b'w' | b'f' | b'c' | b'p' | b'n' | b't') {
            n.chrome |= CHROME.iter().any(|w| t.starts_with(w));
        }
    }
    n
}

/// Collects in one pass over the arena.
pub(crate) fn scan(dom: &Dom) -> Scan<'_> {
    let mut s = Scan::default();
    let mut chrome_end: Ix = 0;
    let mut article_end: Ix = 0;
    // Dates in a table (an infobox, a schedule) are about something else.
    let mut table_end: Ix = 0;
    // A line inside a link belongs to a card for another page.
    let mut link_end: Ix = 0;
    let mut ix: Ix = 0;
    let mut lower = String::new();
    let len = dom.len() as Ix;
    while ix < len {
        let Some(tag) = dom.tag(ix) else {
            ix += 1;
            continue;
        };
        let in_chrome = ix < chrome_end;
        // One walk over the attributes; class and id lower-cased into a
        // reused buffer. Inside page chrome only the tag matters.
        let (mut itemprop, mut rel) = (None, None);
        lower.clear();
        if let Some(el) = dom.element(ix).filter(|_| !in_chrome) {
            for (name, value) in el.attrs() {
                match name {
                    "class" | "id" => {
                        lower.push_str(value);
                        lower.push(' ');
                    }
                    "itemprop" => itemprop = Some(value),
                    "itemtype" if s.itemtypes.len() < MAX_ITEMTYPES => s.itemtypes.push(value),
                    "rel" => rel = Some(value),
                    _ => {}
                }
            }
        }
        lower.make_ascii_lowercase();
        let named = if lower.is_empty() {
            Named::default()
        } else {
            named(&lower)
        };
        match *tag {
            local_name!("meta") => meta(dom, ix, &mut s),
            local_name!("script") => {
                let ld = dom
                    .attr(ix, "type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
                if ld {
                    let text: String = (ix..dom.end(ix)).filter_map(|d| dom.text(d)).collect();
                    if text.len() <= MAX_JSON_LD {
                        s.ld_json.push(text);
                    }
                }
                ix = dom.end(ix);
                continue;
            }
            local_name!("style") | local_name!("noscript") | local_name!("template") => {
                ix = dom.end(ix);
                continue;
            }
            local_name!("link") => {
                let rel = dom.attr(ix, "rel").unwrap_or("").to_ascii_lowercase();
                let href = dom.attr(ix, "href").filter(|h| !h.trim().is_empty());
                let rels = rel.split_whitespace();
                for r in rels {
                    match r {
                        "canonical" if s.canonical.is_none() => s.canonical = href,
                        "image_src" if s.image_src.is_none() => s.image_src = href,
                        _ => {}
                    }
                }
            }
            local_name!("base") if s.base.is_none() => s.base = dom.attr(ix, "href"),
            local_name!("html") if s.html_lang.is_none() => {
                s.html_lang = dom.attr(ix, "lang").or_else(|| dom.attr(ix, "xml:lang"))
            }
            local_name!("title") if s.doc_title.is_none() => {
                s.doc_title = Some(text_of(dom, ix)).filter(|t| !t.is_empty());
                ix = dom.end(ix);
                continue;
            }
            local_name!("svg") => {
                ix = dom.end(ix);
                continue;
            }
            // An article's own aside or footer holds its byline and date.
            local_name!("aside") | local_name!("footer") | local_name!("nav")
                if ix >= article_end || *tag == local_name!("nav") =>
            {
                chrome_end = chrome_end.max(dom.end(ix));
            }
            local_name!("table") => table_end = table_end.max(dom.end(ix)),
            local_name!("a") => link_end = link_end.max(dom.end(ix)),
            local_name!("article") | local_name!("main") if !in_chrome => {
                article_end = article_end.max(dom.end(ix));
            }
            local_name!("h1") if s.any_h1s.len() < 4 || (!in_chrome && s.h1s.len() < 4) => {
                let t = text_of(dom, ix);
                if !t.is_empty() {
                    if !in_chrome && s.h1s.len() < 4 {
                        s.h1s.push(t.clone());
                        s.h1.get_or_insert(ix);
                    }
                    if s.any_h1s.len() < 4 {
                        s.any_h1s.push((ix, t));
                    }
                }
            }
            local_name!("p")
            | local_name!("div")
            | local_name!("span")
            | local_name!("address")
            | local_name!("small")
            | local_name!("em")
            | local_name!("strong")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
                if !in_chrome
                    && ix >= link_end
                    && s.by_lines.len() < 8
                    && starts_with_by(dom, ix) =>
            {
                s.by_lines.push(ix);
            }
            local_name!("time") if !in_chrome => {
                let value = dom.attr(ix, "datetime").map(str::to_string);
                let value = value.unwrap_or_else(|| text_of(dom, ix));
                let marked = dom.attr(ix, "pubdate").is_some()
                    || itemprop.is_some_and(|p| p == "datePublished")
                    || named.publish;
                s.times.push(Dated {
                    value,
                    marked,
                    in_article: ix < article_end,
                });
            }
            local_name!("p") if s.sample.len() < SAMPLE && !in_chrome => {
                let t = text_of(dom, ix);
                if t.len() > 40 {
                    s.sample.push_str(&t);
                    s.sample.push('\n');
                }
            }
            local_name!("img") if ix < article_end && !in_chrome && s.article_img.is_none() => {
                let small = ["width", "height"].iter().any(|a| {
                    dom.attr(ix, a)
                        .and_then(|v| v.trim_end_matches("px").parse::<u32>().ok())
                        .is_some_and(|v| v < 100)
                });
                if !small {
                    s.article_img = dom.attr(ix, "src").filter(|v| !v.starts_with("data:"));
                }
            }
            _ => {}
        }
        if !in_chrome && named.chrome && *tag != local_name!("body") {
            chrome_end = chrome_end.max(dom.end(ix));
        }
        if ix >= chrome_end {
            if let Some(p) = itemprop {
                s.itemprops.push((p, ix));
            }
            let rel_author = rel.is_some_and(|r| r.contains("author"));
            if s.bylines.len() < 8 && (rel_author || (named.byline && !named.not_byline)) {
                s.bylines.push(ix);
            }
            let dated = *tag != local_name!("time") && ix >= table_end && named.date;
            if s.date_els.len() < 8 && dated {
                s.date_els.push(ix);
            }
        }
        ix += 1;
    }
    s
}

/// Whether an element's text starts with "By " (its first text within a
/// few nodes) and is short enough to be a byline.
fn starts_with_by(dom: &Dom, ix: Ix) -> bool {
    // A byline is a few nodes; a larger subtree is not looked into, so no
    // nesting of "By" lines makes the scan quadratic.
    if dom.end(ix) - ix > 64 {
        return false;
    }
    let end = dom.end(ix).min(ix + 4);
    let first =
        (ix + 1..end).find_map(|d| dom.text(d).map(str::trim_start).filter(|t| !t.is_empty()));
    let by = first.is_some_and(|t| {
        ["By ", "by ", "BY "].iter().any(|p| t.starts_with(p))
            || ["By", "by", "BY"].contains(&t.trim_end())
    });
    by && text_of(dom, ix).chars().count() <= 120
}

fn meta<'a>(dom: &'a Dom, ix: Ix, s: &mut Scan<'a>) {
    let Some(content) = dom.attr(ix, "content") else {
        return;
    };
    if let Some(equiv) = dom.attr(ix, "http-equiv") {
        s.metas.push(MetaTag {
            key: format!("http-equiv:{}", equiv.trim().to_ascii_lowercase()),
            content,
            itemprop: false,
            property: false,
        });
    }
    let keys = [
        (dom.attr(ix, "property"), 1),
        (dom.attr(ix, "name"), 0),
        (dom.attr(ix, "itemprop"), 2),
    ];
    for (key, kind) in keys
        .into_iter()
        .filter_map(|(k, i)| Some((k?, i)))
        .flat_map(|(k, i)| k.split_whitespace().map(move |k| (k, i)))
    {
        let mut key = key.to_ascii_lowercase();
        for (from, to) in [("dc.", "dc:"), ("dcterms.", "dcterms:")] {
            if let Some(rest) = key.strip_prefix(from) {
                key = format!("{to}{rest}");
            }
        }
        s.metas.push(MetaTag {
            key,
            content,
            itemprop: kind == 2,
            property: kind == 1,
        });
    }
}
