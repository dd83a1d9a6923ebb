//! What comes out: the clean article and the report of what was removed.

use std::fmt;

use url::Url;

use crate::input::EncodingSource;
use crate::page_type::PageType;
use crate::timestamp::Timestamp;

/// A clean article: the main content of a page and what is known about it.
///
/// Fields are public to read; the struct is `#[non_exhaustive]` so fields
/// can be added without breaking callers.
#[derive(Debug, Clone, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Article {
    /// The page's URL, when it was given.
    pub url: Option<Url>,
    /// The headline, without the site name around it.
    pub title: Option<String>,
    /// The main content as plain text: paragraphs separated by a blank line.
    pub text: String,
    /// The main content as clean HTML, links and images made absolute
    /// against the page's URL; a page given without a URL keeps its
    /// relative links as written (its relative images, which cannot be
    /// shown, are left out).
    pub html: String,
    /// The language as a BCP 47 tag: declared by the markup (`<html lang>`,
    /// `content-language`, `og:locale`, JSON-LD `inLanguage`), else detected
    /// from the text (then [`Article::language_confidence`] is set).
    pub language: Option<String>,
    /// The detector's confidence (0 to 1) when [`Article::language`] was
    /// detected rather than declared; `None` when declared.
    pub language_confidence: Option<f64>,
    /// The authors' names, each cleaned of "By", dates, job titles, handles
    /// and the site name; empty when unknown.
    pub authors: Vec<String>,
    /// The credit line as the page prints it ("By Staff Reporter, June
    /// 14, 2016"), whitespace collapsed: what [`authors`](Article::authors)
    /// was cleaned from when the page shows one; `None` when the page
    /// prints no byline.
    #[cfg_attr(feature = "serde", serde(default))]
    pub byline: Option<String>,
    /// When the article was first published (never after the fetch time).
    pub published: Option<Timestamp>,
    /// When the article was last modified, as the article's own metadata
    /// says (never a site's "last updated" footer).
    pub modified: Option<Timestamp>,
    /// The site's or publication's name.
    pub site_name: Option<String>,
    /// A short summary: the page's description, else the lead paragraph.
    pub description: Option<String>,
    /// The canonical URL the page declares, made absolute.
    pub canonical_url: Option<Url>,
    /// The lead image, made absolute.
    pub image: Option<Url>,
    /// Tags and keywords, in the page's order, without duplicates.
    pub tags: Vec<String>,
    /// Whether the page says its content is behind a paywall (schema.org
    /// `isAccessibleForFree`); `None` when it does not say.
    pub paywalled: Option<bool>,
    /// Where each of the metadata fields above came from.
    pub meta_sources: MetaSources,
    /// How the bytes were decoded.
    pub encoding: Encoding,
    /// What the stripper removed, and why (empty when the report is off).
    pub removed: Vec<Removal>,
    /// Site memory would have removed most of the main content's prose
    /// (the page repeats what other pages of its site said), so it was
    /// ignored for this page and everything it would have removed was kept.
    /// Always `false` without a [`SiteMemory`](crate::SiteMemory).
    #[cfg_attr(feature = "serde", serde(default))]
    pub memory_overruled: bool,
    /// The main content as GitHub-flavoured Markdown, links and images
    /// made absolute as in [`html`](Article::html).
    pub markdown: String,
    /// The images of the main content in document order, with their alt
    /// text and figure caption (listed even when rendering images is off).
    pub images: Vec<Image>,
    /// The article's lead image: the first image of the main content.
    pub lead_image: Option<Image>,
    /// The links of the main content in document order (empty unless
    /// [`Config::link_list`](crate::Config::link_list) is on).
    pub links: Vec<Link>,
    /// Words in [`text`](Article::text): runs of letters and digits, each
    /// CJK character counting as one.
    pub word_count: usize,
    /// What kind of page this is (article, forum, product…), which decided
    /// how the main content was chosen.
    #[cfg_attr(feature = "serde", serde(default))]
    pub page_type: PageType,
    /// How sure the page-type reading is, from 0 (a guess) to 1.
    #[cfg_attr(feature = "serde", serde(default))]
    pub page_type_confidence: f64,
    /// Set when the choice the page type called for kept almost nothing of
    /// the page's readable text, and a looser one was used: part of the
    /// removal report, saying which and why.
    #[cfg_attr(feature = "serde", serde(default))]
    pub fallback: Option<Fallback>,
}

/// A looser choice of the main content, made because the stricter one
/// kept almost nothing ([`Article::fallback`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Fallback {
    /// The looser choice that was used.
    pub step: FallbackStep,
    /// Characters the stricter choice kept.
    pub kept: u32,
    /// Characters of readable text on the page (its main region, chrome
    /// removed; after a reading of cards, with what class names removed).
    pub readable: u32,
}

/// The steps of the fallback ladder, from the article's choice outwards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum FallbackStep {
    /// The page's main region, its sections and cards kept, with what the
    /// eye sees of what the page hides (not what it keeps out of sight).
    Regions,
    /// The main region with only landmarks and code removed: no element is
    /// dropped for its class name or for being hidden.
    WholePage,
    /// The page's description (its `<meta>` description, `og:description`
    /// or JSON-LD): the only readable text of a page whose body is built
    /// by script.
    Description,
}

impl fmt::Display for Fallback {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let step = match self.step {
            FallbackStep::Regions => "the main region",
            FallbackStep::WholePage => "the whole page",
            FallbackStep::Description => "the page's description",
        };
        write!(
            f,
            "read {step}: the stricter choice kept {} of {} readable characters",
            self.kept, self.readable
        )
    }
}

impl Article {
    /// What the stripper removed, in document order, each with its rule.
    pub fn removed(&self) -> &[Removal] {
        &self.removed
    }

    /// Whether no main content was found.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Estimated reading time at 230 words a minute, rounded up to whole
    /// minutes (zero for an empty article).
    pub fn reading_time(&self) -> std::time::Duration {
        let minutes = self.word_count.div_ceil(WORDS_PER_MINUTE) as u64;
        std::time::Duration::from_secs(60 * minutes)
    }
}

/// Average adult silent reading speed for non-fiction, in words a minute.
const WORDS_PER_MINUTE: usize = 230;

/// The encoding the page was decoded with, and the evidence that chose it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Encoding {
    /// The WHATWG name of the encoding, such as `UTF-8` or `windows-1252`.
    pub name: String,
    /// Which evidence decided it.
    pub source: EncodingSource,
}

impl Default for Encoding {
    fn default() -> Self {
        Encoding {
            name: "UTF-8".to_string(),
            source: EncodingSource::Text,
        }
    }
}

/// One block removed from the page, with the rule that removed it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Removal {
    /// The rule that fired.
    pub rule: Rule,
    /// The element's tag name (`div`, `p`…).
    pub tag: String,
    /// The start of the removed text (at most 160 characters).
    pub text: String,
}

/// Why a block was removed. Each rule is generic: none names a site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Rule {
    /// Elements that never hold article text: script, style, form controls
    /// and links whose class names dress them as buttons, forms to fill in
    /// (not one that wraps the page's records or posts), embeds, and a
    /// schema.org item kept out of sight whose words the page already
    /// shows (its data for machines).
    NonContent,
    /// Hidden by the markup (`hidden`, `aria-hidden`, `display:none`), and
    /// not a panel the reader can open (one a toggle's `aria-controls`
    /// names, a tab panel, `hidden="until-found"`), nor a schema.org copy
    /// of the shown text ([`Rule::NonContent`]).
    Hidden,
    /// Site navigation: `<nav>`, menus, breadcrumbs, skip links.
    Navigation,
    /// The site's header, footer or sidebar (`<header>`, `<footer>`, `<aside>`, landmark roles).
    PageChrome,
    /// Marked by the page as no part of what a search engine may quote
    /// from it (`data-nosnippet`): its cookie notice, footer, author box.
    NoSnippet,
    /// A class or id naming boilerplate (share, related, comments, promo…).
    BoilerplateName,
    /// A sign-up box: a newsletter, a subscription, a form asking for the
    /// reader's email.
    Newsletter,
    /// A box the page names a call to action (`cta`) that asks for no
    /// sign-up: beside an article, an offer of the site's; on a page of
    /// sections or cards, one of the page's own sections, and kept.
    CallToAction,
    /// A teaser: a headline followed by a snippet cut off with an ellipsis.
    Teaser,
    /// A block of links with little text of its own.
    LinkList,
    /// A heading such as "Related" or "More stories" and the blocks it introduces.
    SectionAfterTerminator,
    /// A cookie or consent banner.
    Consent,
    /// Share and social-media buttons.
    Share,
    /// An advertisement marker.
    Advertisement,
    /// A comment section.
    Comments,
    /// Byline and dateline blocks around the headline.
    Byline,
    /// The headline itself (it is reported in [`Article::title`]).
    Title,
    /// Text outside the chosen main content.
    OutsideMainContent,
    /// A short fragment without sentence structure near boilerplate.
    ShortFragment,
    /// A block the page shows again: a copy of one met earlier (a caption
    /// or a value written twice), a passage laid out twice (a desktop and
    /// a mobile copy of the text), a button label repeated under items.
    Repeated,
    /// A block seen on several other pages of the same site (see
    /// [`SiteMemory`](crate::SiteMemory)).
    SiteMemory,
}

impl Rule {
    /// Every rule, in declaration order.
    pub const ALL: [Rule; 21] = [
        Rule::NonContent,
        Rule::Hidden,
        Rule::Navigation,
        Rule::PageChrome,
        Rule::NoSnippet,
        Rule::BoilerplateName,
        Rule::Newsletter,
        Rule::CallToAction,
        Rule::Teaser,
        Rule::LinkList,
        Rule::SectionAfterTerminator,
        Rule::Consent,
        Rule::Share,
        Rule::Advertisement,
        Rule::Comments,
        Rule::Byline,
        Rule::Title,
        Rule::OutsideMainContent,
        Rule::ShortFragment,
        Rule::Repeated,
        Rule::SiteMemory,
    ];

    /// A stable snake_case name for the rule.
    pub fn name(self) -> &'static str {
        match self {
            Rule::NonContent => "non_content",
            Rule::Hidden => "hidden",
            Rule::Navigation => "navigation",
            Rule::PageChrome => "page_chrome",
            Rule::NoSnippet => "no_snippet",
            Rule::BoilerplateName => "boilerplate_name",
            Rule::Newsletter => "newsletter",
            Rule::CallToAction => "call_to_action",
            Rule::Teaser => "teaser",
            Rule::LinkList => "link_list",
            Rule::SectionAfterTerminator => "section_after_terminator",
            Rule::Consent => "consent",
            Rule::Share => "share",
            Rule::Advertisement => "advertisement",
            Rule::Comments => "comments",
            Rule::Byline => "byline",
            Rule::Title => "title",
            Rule::OutsideMainContent => "outside_main_content",
            Rule::ShortFragment => "short_fragment",
            Rule::Repeated => "repeated",
            Rule::SiteMemory => "site_memory",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Where a metadata value was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum MetaSource {
    /// A schema.org object in a `<script type="application/ld+json">`.
    JsonLd,
    /// OpenGraph tags: `og:*` and `article:*`.
    OpenGraph,
    /// Twitter card tags: `twitter:*`.
    Twitter,
    /// Other `<meta>` tags and links: `author`, `description`, Dublin Core,
    /// `parsely-*`, `citation_*`, `<link rel=canonical>`, `<html lang>`.
    Meta,
    /// Microdata: `itemprop` attributes in the body.
    Microdata,
    /// The visible page: `<title>`, `<h1>`, a byline, a `<time>`, an image.
    Dom,
    /// The page's URL (a date in its path).
    Url,
    /// A feed entry (set by callers that merge feed data).
    Feed,
    /// Guessed from the text by a language detector
    /// (see [`Article::language_confidence`]).
    Detector,
}

impl MetaSource {
    /// A stable snake_case name for the source.
    pub fn name(self) -> &'static str {
        match self {
            MetaSource::JsonLd => "json_ld",
            MetaSource::OpenGraph => "open_graph",
            MetaSource::Twitter => "twitter",
            MetaSource::Meta => "meta",
            MetaSource::Microdata => "microdata",
            MetaSource::Dom => "dom",
            MetaSource::Url => "url",
            MetaSource::Feed => "feed",
            MetaSource::Detector => "detector",
        }
    }
}

impl fmt::Display for MetaSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Where each metadata field of an [`Article`] came from; `None` where
/// the field is empty.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct MetaSources {
    /// Source of [`Article::title`].
    pub title: Option<MetaSource>,
    /// Source of [`Article::authors`].
    pub authors: Option<MetaSource>,
    /// Source of [`Article::published`].
    pub published: Option<MetaSource>,
    /// Source of [`Article::modified`].
    pub modified: Option<MetaSource>,
    /// Source of [`Article::site_name`].
    pub site_name: Option<MetaSource>,
    /// Source of [`Article::language`].
    pub language: Option<MetaSource>,
    /// Source of [`Article::description`].
    pub description: Option<MetaSource>,
    /// Source of [`Article::canonical_url`].
    pub canonical_url: Option<MetaSource>,
    /// Source of [`Article::image`].
    pub image: Option<MetaSource>,
    /// Source of [`Article::tags`].
    pub tags: Option<MetaSource>,
    /// Source of [`Article::paywalled`].
    pub paywalled: Option<MetaSource>,
}

/// An image of the main content.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Image {
    /// Where the picture is, absolute: lazy-loading attributes, `srcset`,
    /// `<picture>` sources and `<noscript>` copies are resolved.
    pub url: Url,
    /// The `alt` text, when not empty.
    pub alt: Option<String>,
    /// The caption of the `<figure>` holding the image, when it has one.
    pub caption: Option<String>,
}

/// A link of the main content.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Link {
    /// The target, absolute (only http and https links are listed).
    pub url: Url,
    /// The link's text (or its image's alt text), whitespace collapsed.
    pub text: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_listed_once_with_its_own_name() {
        let names: std::collections::HashSet<&str> = Rule::ALL.iter().map(|r| r.name()).collect();
        assert_eq!(names.len(), Rule::ALL.len());
        for (i, r) in Rule::ALL.iter().enumerate() {
            assert!(!Rule::ALL[..i].contains(r), "{r} listed twice");
        }
        assert!(names.contains("call_to_action"));
    }
}
