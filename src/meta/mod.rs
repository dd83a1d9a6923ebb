//! Page metadata: headline, authors, dates, site name, language,
//! description, canonical URL, lead image, tags and paywall flag, each with
//! the source it was read from. One pass over the document collects the
//! evidence ([`scan`]); the readers per concept pick from it in order of
//! trust: JSON-LD, `<meta>` tags, microdata, the visible page, the URL.

mod authors;
mod credits;
pub(crate) mod dates;
pub(crate) mod jsonld;
mod language;
mod scan;
mod tags;
mod title;

use std::time::SystemTime;

use chrono::{DateTime, Utc};
use url::Url;

pub(crate) use crate::timestamp::Timestamp;

use crate::article::{MetaSource, MetaSources};
use crate::dom::{normalized, text_of, Dom, Ix};
use scan::Scan;
use tags::Tags;

/// Most tags kept.
const MAX_TAGS: usize = 50;

/// Everything [`read`] found, with sources.
#[derive(Debug, Default)]
pub(crate) struct Metadata {
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub byline: Option<String>,
    pub published: Option<Timestamp>,
    pub modified: Option<Timestamp>,
    pub site_name: Option<String>,
    pub language: Option<String>,
    pub language_confidence: Option<f64>,
    pub description: Option<String>,
    pub canonical_url: Option<Url>,
    pub image: Option<Url>,
    pub tags: Vec<String>,
    pub paywalled: Option<bool>,
    pub sources: MetaSources,
    /// The page's headline element: its first `<h1>` with text that is
    /// not the site's name (a logo), wherever it stands: a banner's
    /// headline removed with the banner still heads the page.
    pub headline: Option<Ix>,
    /// What the page's structured data says about what kind of page it is.
    pub schema: SchemaHints,
}

/// What a page says of its own kind in structured data: schema.org types
/// (JSON-LD and microdata) and `og:type`.
#[derive(Debug, Default)]
pub(crate) struct SchemaHints {
    /// schema.org type names, without their vocabulary prefix.
    pub types: Vec<String>,
    /// `og:type`, lower-cased.
    pub og_type: Option<String>,
    /// JSON-LD objects typed as a product.
    pub products: usize,
    /// The first description among the JSON-LD products.
    pub product_description: Option<String>,
    /// Whether the page's headline (an `<h1>`, else its title) names the
    /// first JSON-LD product: the page is that product's, whatever other
    /// products it shows.
    pub titled_product: bool,
}

/// Reads the page's metadata. `fetched_at` bounds the dates (none may lie
/// after it); `None` means now.
pub(crate) fn read(dom: &Dom, url: Option<&Url>, fetched_at: Option<DateTime<Utc>>) -> Metadata {
    let now = fetched_at.unwrap_or_else(|| DateTime::<Utc>::from(SystemTime::now()));
    read_at(dom, url, now)
}

fn read_at(dom: &Dom, url: Option<&Url>, now: DateTime<Utc>) -> Metadata {
    let scan = scan::scan(dom);
    let tags = Tags { metas: &scan.metas };
    let urls: Vec<&str> = url
        .map(Url::as_str)
        .into_iter()
        .chain(scan.canonical)
        .collect();
    let ld = jsonld::read(&scan.ld_json, &scan.h1s, &urls);
    let base = match (url, scan.base) {
        (Some(u), Some(b)) => u.join(b).ok(),
        (Some(u), None) => Some(u.clone()),
        (None, Some(b)) => Url::parse(b).ok(),
        (None, None) => None,
    };
    let absolute = |s: &str| -> Option<Url> {
        let s = s.trim();
        let u = match &base {
            Some(b) => b.join(s).ok(),
            None => Url::parse(s).ok(),
        }?;
        matches!(u.scheme(), "http" | "https").then_some(u)
    };
    let mut m = Metadata::default();
    let mut s = MetaSources::default();
    let json = |v: &Option<String>| v.clone().map(|v| (v, MetaSource::JsonLd));

    let site = tags
        .first(tags::SITE)
        .or_else(|| json(&ld.site))
        .or_else(|| json(&ld.publisher));
    (m.site_name, s.site_name) = split(site.map(|(name, src)| (site_name(&name), src)));

    let mut titles: Vec<(String, MetaSource)> = json(&ld.headline).into_iter().collect();
    titles.extend(tags::TITLE.iter().filter_map(|k| tags.first(&[k])));
    // Several microdata headlines are a list of stories, none the page's.
    let headlines = scan
        .itemprops
        .iter()
        .filter(|(p, _)| *p == "headline")
        .count();
    if headlines == 1 {
        titles.extend(microdata(dom, &scan, "headline").map(|t| (t, MetaSource::Microdata)));
    }
    titles.extend(scan.doc_title.clone().map(|t| (t, MetaSource::Dom)));
    (m.title, s.title) = split(title::choose(&titles, &scan.h1s, m.site_name.as_deref()));
    let site = m.site_name.as_deref().map(normalized);
    m.headline = scan
        .any_h1s
        .iter()
        .find(|(_, text)| site.as_deref() != Some(normalized(text).as_str()))
        .map(|&(ix, _)| ix);

    let credits = credits::read(dom, &scan, &tags, &ld.authors, m.site_name.as_deref());
    (m.authors, s.authors, m.byline) = (credits.authors, credits.source, credits.byline);

    let link = |v: Option<&str>, src| Some((absolute(v?)?, src));
    let canonical = link(scan.canonical, MetaSource::Meta)
        .or_else(|| {
            tags.first(tags::URL)
                .and_then(|(u, src)| link(Some(&u), src))
        })
        .or_else(|| link(ld.url.as_deref(), MetaSource::JsonLd));
    (m.canonical_url, s.canonical_url) = split(canonical);
    let image = tags
        .first(tags::IMAGE)
        .and_then(|(u, src)| link(Some(&u), src))
        .or_else(|| link(ld.image.as_deref(), MetaSource::JsonLd))
        .or_else(|| link(scan.image_src, MetaSource::Meta))
        .or_else(|| link(scan.article_img, MetaSource::Dom));
    (m.image, s.image) = split(image);

    let plausible = |t: &Timestamp| dates::plausible(t, now);
    let parsed = |v: Option<(String, MetaSource)>| {
        v.and_then(|(v, src)| Some((dates::parse(&v).filter(plausible)?, src)))
    };
    let published = parsed(json(&ld.published))
        .or_else(|| parsed(tags.first(tags::PUBLISHED)))
        .or_else(|| parsed(microdata_date(dom, &scan, "datePublished")))
        .or_else(|| visible_date(dom, &scan).filter(|(t, _)| plausible(t)))
        .or_else(|| {
            let canonical = m.canonical_url.as_ref();
            let d = [url, canonical]
                .into_iter()
                .flatten()
                .find_map(|u| dates::from_url(u.path()))?;
            Some((Timestamp::Date(d), MetaSource::Url)).filter(|(t, _)| plausible(t))
        });
    (m.published, s.published) = split(published);
    let modified = parsed(json(&ld.modified))
        .or_else(|| parsed(tags.first(tags::MODIFIED)))
        .or_else(|| parsed(microdata_date(dom, &scan, "dateModified")))
        .filter(|(t, _)| m.published.is_none_or(|p| t.date() >= p.date()));
    (m.modified, s.modified) = split(modified);

    let lang = scan
        .html_lang
        .and_then(language::normalise)
        .map(|l| (l, MetaSource::Meta))
        .or_else(|| {
            let (l, src) = tags.first(tags::LANGUAGE)?;
            Some((language::normalise(&l)?, src))
        })
        .or_else(|| {
            Some((
                language::normalise(ld.language.as_deref()?)?,
                MetaSource::JsonLd,
            ))
        });
    match lang {
        Some((l, src)) => (m.language, s.language) = (Some(l), Some(src)),
        None => {
            if let Some((l, confidence)) = language::detect(&scan.sample) {
                m.language = Some(l);
                m.language_confidence = Some(confidence);
                s.language = Some(MetaSource::Detector);
            }
        }
    }

    let description = tags
        .first(tags::DESCRIPTION)
        .or_else(|| json(&ld.description))
        .or_else(|| microdata(dom, &scan, "description").map(|d| (d, MetaSource::Microdata)));
    (m.description, s.description) = split(description);

    (m.tags, s.tags) = read_tags(&tags, &ld.keywords);
    if let Some(free) = ld.free {
        m.paywalled = Some(!free);
        s.paywalled = Some(MetaSource::JsonLd);
    }
    let mut types = ld.types;
    for t in &scan.itemtypes {
        for t in t.split_whitespace() {
            let t = t
                .trim_end_matches('/')
                .rsplit(['/', ':', '#'])
                .next()
                .unwrap_or(t);
            if !t.is_empty() && !types.iter().any(|k| k == t) {
                types.push(t.to_string());
            }
        }
    }
    m.schema = SchemaHints {
        types,
        og_type: tags
            .first(&["og:type"])
            .map(|(t, _)| t.to_ascii_lowercase()),
        products: ld.products,
        product_description: ld.product_description,
        titled_product: ld.product_name.as_deref().is_some_and(|name| {
            if scan.h1s.is_empty() {
                m.title.as_deref().is_some_and(|t| same_name(name, t))
            } else {
                scan.h1s.iter().any(|h| same_name(name, h))
            }
        }),
    };
    m.sources = s;
    m
}

/// Shortest name, in characters (spaces between its words counted), that
/// can name a page.
const MIN_NAME_CHARS: usize = 4;
/// Share of the longer name the shorter one covers at least: "Trail 25
/// Pack" names "REI Co-op Trail 25 Pack", a category's "Running Shoes" does
/// not name "Nike Pegasus 41 Running Shoes".
const MIN_NAME_COVER: f32 = 0.5;

/// Whether two names are one: the shorter one's words found in a row in
/// the longer one's, covering at least [`MIN_NAME_COVER`] of it, whatever
/// the case and punctuation.
fn same_name(a: &str, b: &str) -> bool {
    let words = |s: &str| {
        let w: Vec<String> = s
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        format!(" {} ", w.join(" "))
    };
    let (a, b) = (words(a), words(b));
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let len = |s: &str| s.trim().chars().count();
    len(&short) >= MIN_NAME_CHARS
        && len(&short) as f32 >= MIN_NAME_COVER * len(&long) as f32
        && long.contains(&short)
}

/// A site name without its tagline: "Aktuálně.cz - Víte, co se děje" →
/// "Aktuálně.cz".
fn site_name(name: &str) -> String {
    for sep in [" - ", " | ", " – ", " — ", ": "] {
        if let Some((head, tail)) = name.split_once(sep) {
            if head.split_whitespace().count() <= 3 && tail.split_whitespace().count() >= 2 {
                return head.trim().to_string();
            }
        }
    }
    name.trim().to_string()
}

fn split<T>(v: Option<(T, MetaSource)>) -> (Option<T>, Option<MetaSource>) {
    match v {
        Some((v, s)) => (Some(v), Some(s)),
        None => (None, None),
    }
}

fn read_tags(tags: &Tags<'_, '_>, ld: &[String]) -> (Vec<String>, Option<MetaSource>) {
    let mut found: Option<(Vec<String>, MetaSource)> = None;
    let article: Vec<_> = tags.all("article:tag").collect();
    if !article.is_empty() {
        found = Some((
            article.into_iter().map(|t| t.0).collect(),
            MetaSource::OpenGraph,
        ));
    } else if !ld.is_empty() {
        found = Some((ld.to_vec(), MetaSource::JsonLd));
    } else if let Some((v, src)) = tags.first(&["news_keywords", "keywords", "parsely-tags"]) {
        found = Some((v.split(',').map(str::to_string).collect(), src));
    }
    let Some((raw, src)) = found else {
        return (Vec::new(), None);
    };
    let mut out: Vec<String> = Vec::new();
    for t in raw.iter().flat_map(|t| t.split(',')) {
        let t = t.trim();
        if !t.is_empty() && t.len() <= 100 && !out.iter().any(|o| o.eq_ignore_ascii_case(t)) {
            out.push(t.to_string());
        }
    }
    out.truncate(MAX_TAGS);
    let src = (!out.is_empty()).then_some(src);
    (out, src)
}

/// The value of a microdata property element: `content`, `datetime`,
/// `href`/`src` for links and images, else its text.
pub(super) fn prop_value(dom: &Dom, ix: Ix) -> String {
    ["content", "datetime"]
        .iter()
        .find_map(|a| dom.attr(ix, a))
        .map(|v| v.trim().to_string())
        .unwrap_or_else(|| text_of(dom, ix))
}

fn microdata(dom: &Dom, scan: &Scan<'_>, prop: &str) -> Option<String> {
    scan.itemprops
        .iter()
        .filter(|(p, _)| *p == prop)
        .map(|&(_, ix)| prop_value(dom, ix))
        .find(|v| !v.is_empty())
}

fn microdata_date(dom: &Dom, scan: &Scan<'_>, prop: &str) -> Option<(String, MetaSource)> {
    microdata(dom, scan, prop)
        .map(|v| (v, MetaSource::Microdata))
        .or_else(|| {
            let key = prop.to_ascii_lowercase();
            let tag = scan.metas.iter().find(|m| m.itemprop && m.key == key)?;
            Some((tag.content.trim().to_string(), MetaSource::Microdata))
        })
}

/// A date the reader sees: a `<time>` marked as the publication date or
/// inside the article, else a date written in a byline.
fn visible_date(dom: &Dom, scan: &Scan<'_>) -> Option<(Timestamp, MetaSource)> {
    let times = scan.times.iter();
    let time = times
        .clone()
        .filter(|t| t.marked)
        .chain(times.clone().filter(|t| t.in_article && !t.marked))
        .chain(scan.times.iter().filter(|_| scan.times.len() == 1))
        .find_map(|t| {
            dates::parse(&t.value).or_else(|| dates::find_in_text(&t.value).map(Timestamp::Date))
        });
    if let Some(t) = time {
        return Some((t, MetaSource::Dom));
    }
    scan.date_els.iter().chain(&scan.bylines).find_map(|&ix| {
        let text = text_of(dom, ix);
        let d = dates::find_in_text(text.get(..300).unwrap_or(&text))?;
        Some((Timestamp::Date(d), MetaSource::Dom))
    })
}

/// The text of a subtree with its line breaks, which separate the parts
/// of a byline ("By Ann Lee\n Health News"); text nodes of different
/// elements are kept apart by a space ("By" and a linked name).
pub(super) fn raw_text(dom: &Dom, ix: Ix) -> String {
    let mut out = String::new();
    for t in (ix..dom.end(ix)).filter_map(|d| dom.text(d)).take(50) {
        let glued = !out.is_empty()
            && !out.ends_with(char::is_whitespace)
            && !t.starts_with(char::is_whitespace);
        if glued {
            out.push(' ');
        }
        out.push_str(t);
    }
    out
}

/// The lead of an article's text, as a description when the page has
/// none: its first paragraph, cut at a word near 300 characters.
pub(crate) fn lead(text: &str) -> Option<String> {
    let first = text
        .split("\n\n")
        .map(str::trim)
        .find(|p| p.chars().count() >= 40)?;
    if first.chars().count() <= 300 {
        return Some(first.to_string());
    }
    let cut: String = first.chars().take(300).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(h, _)| h);
    Some(format!("{cut}…"))
}

#[cfg(test)]
mod tests;
