//! The page-type stage: what kind of page this is, from its structured
//! data and its structure, and so how its main content is to be chosen.
//!
//! The decision that matters most is made at page level: whether the page
//! is one article with boxes and teasers around it (then a run of cards is
//! boilerplate to strip), or a page whose sections, cards or posts are
//! themselves the content (then they are kept). A page is read as an
//! article unless
//! - its schema.org data says it is a discussion or a product, or it holds
//!   code blocks (documentation);
//! - it is the site's front page (its address is the root);
//! - the article container would keep almost nothing of the page's text;
//! - a run of cards fills much of the page while no container holds a
//!   substantial share of it as prose, or the cards carry the prose
//!   themselves, each with its own summary and a link elsewhere.

mod address;
mod structure;

pub(crate) use address::Address;
pub(crate) use structure::{long_paragraphs, measure, Structure};

use crate::meta::SchemaHints;
use crate::page_type::PageType;

/// The page type with how sure the reading is (0 to 1).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Verdict {
    pub kind: PageType,
    pub confidence: f64,
}

/// Share of the page's text under which what an article container keeps
/// means the page is not one article (a listing's intro, one card).
const MIN_ARTICLE_SHARE: f32 = 0.15;

/// Share of the page's text a run of cards fills on a listing.
const MIN_CARDS_SHARE: f32 = 0.4;

/// Share of the page's text that one container's prose must reach for the
/// page to be an article despite a large run of cards.
const ARTICLE_PROSE_SHARE: f32 = 0.5;

/// Share of the page's text a run of cards that each carry their own
/// summary fills on a listing of posts: the prose is the cards'.
const SUMMARY_CARDS_SHARE: f32 = 0.7;

/// Share of a run's text in links from which its members point elsewhere
/// (items of a listing), unlike the sections of one long article.
const CARD_LINK_SHARE: f32 = 0.1;

/// Fewest cards of a listing of posts with summaries.
const MIN_SUMMARY_CARDS: usize = 4;

/// Long paragraphs from which an article container is a narrative (a
/// story told in running prose), an article even when it is not signed.
const MIN_NARRATIVE_PARAGRAPHS: usize = 5;

/// Code blocks from which a page is documentation.
const MIN_CODE_BLOCKS: u32 = 2;

/// Products in the structured data from which a page is a shop's grid.
const MIN_COLLECTION_PRODUCTS: usize = 3;

/// schema.org types of a discussion.
const FORUM_TYPES: [&str; 3] = ["DiscussionForumPosting", "QAPage", "SocialMediaPosting"];
/// schema.org types of one product.
const PRODUCT_TYPES: [&str; 2] = ["Product", "ProductGroup"];
/// schema.org types of a list of items.
const LIST_TYPES: [&str; 3] = ["ItemList", "CollectionPage", "SearchResultsPage"];
/// schema.org types of technical documentation.
const DOC_TYPES: [&str; 2] = ["TechArticle", "APIReference"];
/// schema.org types of an article.
const ARTICLE_TYPES: [&str; 6] = [
    "Article",
    "NewsArticle",
    "BlogPosting",
    "Report",
    "ScholarlyArticle",
    "OpinionNewsArticle",
];

/// Reads the page type. `single_share` is the share of the page's text
/// that the article container keeps once teaser cards are removed;
/// `signed` says whether the page names an author or a publication date,
/// or wraps its container in an `<article>` element; a page with none of
/// these is an article only when its container tells a narrative in long
/// paragraphs. A site's front page ([`Address::Front`]) is read as what
/// fills it whatever article type it declares or signature it carries.
pub(crate) fn classify(
    schema: &SchemaHints,
    s: &Structure,
    single_share: f32,
    signed: bool,
    address: Address,
) -> Verdict {
    let has = |types: &[&str]| schema.types.iter().any(|t| types.contains(&t.as_str()));
    let og = schema.og_type.as_deref().unwrap_or("");
    let chars = s.chars.max(1) as f32;
    let cards =
        s.cards.count >= structure::MIN_CARDS && s.cards.chars as f32 >= MIN_CARDS_SHARE * chars;
    let article_prose = s.container_prose >= ARTICLE_PROSE_SHARE * chars;
    // Items with their own summaries, each linking elsewhere, filling the
    // page: the prose is spread over cards, not one article's paragraphs.
    let summaries = s.cards.count >= MIN_SUMMARY_CARDS
        && s.cards.chars as f32 >= SUMMARY_CARDS_SHARE * chars
        && 2 * s.cards.with_prose >= s.cards.count
        && s.cards.link_chars as f32 >= CARD_LINK_SHARE * s.cards.chars as f32;
    let product_schema = has(&PRODUCT_TYPES) || og.starts_with("product");
    let declared_list = og == "product.group" || has(&LIST_TYPES);
    let collection_schema = schema.products >= MIN_COLLECTION_PRODUCTS || declared_list;

    let (kind, confidence) = if has(&FORUM_TYPES) {
        (PageType::Forum, 0.9)
    } else if s.code_blocks >= MIN_CODE_BLOCKS {
        (
            PageType::Documentation,
            if has(&DOC_TYPES) { 0.9 } else { 0.7 },
        )
    } else if product_schema
        && !declared_list
        && (schema.titled_product || (!collection_schema && !cards))
    {
        // Other products beside it (a grid of cards, more products in the
        // data) make a collection, unless the page's headline names the
        // product its data describes first: the page is that product's. A
        // page that declares itself a list stays one.
        (PageType::Product, 0.85)
    } else if address == Address::Front
        || single_share < MIN_ARTICLE_SHARE
        || (cards && !article_prose)
        || summaries
    {
        // Not one article: what fills the page is the content.
        let kind = if collection_schema && (product_schema || og == "product.group") {
            PageType::Collection
        } else if cards || has(&LIST_TYPES) {
            PageType::Listing
        } else {
            PageType::Service
        };
        let sure = cards || has(&LIST_TYPES) || collection_schema;
        (kind, if sure { 0.7 } else { 0.5 })
    } else if has(&ARTICLE_TYPES) || og == "article" {
        (PageType::Article, 0.9)
    } else if signed || s.long_paragraphs >= MIN_NARRATIVE_PARAGRAPHS {
        (PageType::Article, 0.6)
    } else {
        // Neither declared an article, nor signed by an author or a date,
        // nor a narrative: a page of the site's own (its services, its
        // offer), whose sections are the content.
        (PageType::Service, 0.5)
    };
    Verdict { kind, confidence }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page of 3,000 characters whose article container holds
    /// `long_paragraphs` long paragraphs and keeps all of its text.
    fn page(long_paragraphs: usize) -> Structure {
        Structure {
            chars: 3000,
            container_prose: 2500.0,
            long_paragraphs,
            ..Structure::default()
        }
    }

    #[test]
    fn an_unsigned_narrative_is_an_article() {
        let none = SchemaHints::default();
        let v = classify(&none, &page(9), 1.0, false, Address::Inner);
        assert_eq!(v.kind, PageType::Article);
    }

    #[test]
    fn an_unsigned_page_of_short_sections_is_a_service_page() {
        let none = SchemaHints::default();
        assert_eq!(
            classify(&none, &page(2), 1.0, false, Address::Inner).kind,
            PageType::Service
        );
        // Signed by an author or a date, the same page is an article.
        assert_eq!(
            classify(&none, &page(2), 1.0, true, Address::Inner).kind,
            PageType::Article
        );
    }

    #[test]
    fn a_declared_article_needs_no_signature() {
        let declared = SchemaHints {
            og_type: Some("article".to_string()),
            ..SchemaHints::default()
        };
        let v = classify(&declared, &page(0), 1.0, false, Address::Inner);
        assert_eq!((v.kind, v.confidence), (PageType::Article, 0.9));
    }

    #[test]
    fn a_front_page_is_never_one_article() {
        let declared = SchemaHints {
            og_type: Some("article".to_string()),
            ..SchemaHints::default()
        };
        // A signed narrative declared an article, at the site's root.
        let v = classify(&declared, &page(9), 1.0, true, Address::Front);
        assert_eq!(v.kind, PageType::Service);
    }

    #[test]
    fn a_product_beside_other_products_is_a_product_when_its_headline_names_it() {
        // A grid of cards holding half the page's text.
        let grid = Structure {
            chars: 3000,
            container_prose: 800.0,
            cards: structure::Repeats {
                count: 8,
                chars: 1500,
                link_chars: 600,
                with_prose: 0,
            },
            ..Structure::default()
        };
        let mut product = SchemaHints {
            types: vec!["Product".to_string()],
            products: 4,
            ..SchemaHints::default()
        };
        let v = classify(&product, &grid, 0.5, false, Address::Inner);
        assert_ne!(v.kind, PageType::Product);
        product.titled_product = true;
        let v = classify(&product, &grid, 0.5, false, Address::Inner);
        assert_eq!(v.kind, PageType::Product);
        // Declared a list of items, it stays one.
        product.types.push("ItemList".to_string());
        let v = classify(&product, &grid, 0.5, false, Address::Inner);
        assert_ne!(v.kind, PageType::Product);
    }
}
