//! The kind of page the main content was read from.

use std::fmt;
use std::str::FromStr;

/// What kind of page a document is, as gleaner reads it from generic
/// signals (schema.org types, `og:type`, the share of prose in one
/// container, runs of repeated cards or posts, code blocks, whether the
/// address is the site's front page). It decides
/// how the main content is chosen: one container of prose for an article,
/// several sections or a run of cards for the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum PageType {
    /// One piece of prose: a news story, a blog post, a guide.
    #[default]
    Article,
    /// A discussion: a question and its answers, a thread of posts.
    Forum,
    /// One product: its description, specifications and price.
    Product,
    /// A grid of products (a category or a search in a shop).
    Collection,
    /// A list of items that are the page's content: posts, courses,
    /// events, search results.
    Listing,
    /// Technical documentation: prose with code blocks and tables.
    Documentation,
    /// A page about a service or an organisation, in several sections
    /// (features, pricing, questions).
    Service,
}

impl PageType {
    /// Every page type, in declaration order.
    pub const ALL: [PageType; 7] = [
        PageType::Article,
        PageType::Forum,
        PageType::Product,
        PageType::Collection,
        PageType::Listing,
        PageType::Documentation,
        PageType::Service,
    ];

    /// A stable lower-case name.
    pub fn name(self) -> &'static str {
        match self {
            PageType::Article => "article",
            PageType::Forum => "forum",
            PageType::Product => "product",
            PageType::Collection => "collection",
            PageType::Listing => "listing",
            PageType::Documentation => "documentation",
            PageType::Service => "service",
        }
    }
}

/// How a page's main content is laid out, which decides how it is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// One container of prose, with boxes and teasers to strip around it.
    Single,
    /// A thread of posts or one product's sections, which together are
    /// the content; a block of links among them is the site's navigation
    /// or a list of other threads or products.
    Sections,
    /// Sections or a run of cards, each often no more than a linked name:
    /// the links may be the content.
    Cards,
}

impl PageType {
    /// The layout pages of this type have.
    pub(crate) fn layout(self) -> Layout {
        match self {
            PageType::Article | PageType::Documentation => Layout::Single,
            PageType::Forum | PageType::Product => Layout::Sections,
            PageType::Listing | PageType::Collection | PageType::Service => Layout::Cards,
        }
    }
}

impl fmt::Display for PageType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The error of parsing a [`PageType`] from a name it does not have.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown page type {0:?}")]
pub struct UnknownPageType(pub String);

impl FromStr for PageType {
    type Err = UnknownPageType;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PageType::ALL
            .into_iter()
            .find(|t| t.name() == s)
            .ok_or_else(|| UnknownPageType(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for t in PageType::ALL {
            assert_eq!(t.name().parse::<PageType>(), Ok(t));
        }
        assert!("blog".parse::<PageType>().is_err());
    }
}
