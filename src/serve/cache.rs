//! The articles the service has read, by page link, shared by every
//! feed and every `/extract` request.

use std::sync::Arc;

use url::Url;

use super::bounded::Bounded;
use crate::feed::ArticleCache;
use crate::Article;

/// Articles by the link that led to their page, bounded in count and in
/// bytes (text, HTML and Markdown), least recently used evicted first.
#[derive(Debug)]
pub(crate) struct Articles {
    store: Bounded<String, Arc<(Article, Url)>>,
}

impl Articles {
    pub fn new(max_entries: usize, max_bytes: usize) -> Self {
        Articles {
            store: Bounded::new(max_entries, max_bytes),
        }
    }

    /// The shared copy for `link`.
    pub fn get_shared(&self, link: &Url) -> Option<Arc<(Article, Url)>> {
        self.store.get(&link.as_str().to_string())
    }

    /// Articles kept and their weight in bytes.
    pub fn usage(&self) -> (usize, usize) {
        self.store.usage()
    }
}

/// What an article weighs in the cache: its renderings and metadata.
fn weight(a: &Article) -> usize {
    let meta: usize = [&a.title, &a.description, &a.site_name, &a.byline]
        .iter()
        .map(|s| s.as_ref().map_or(0, String::len))
        .sum::<usize>()
        + a.authors
            .iter()
            .chain(&a.tags)
            .map(String::len)
            .sum::<usize>();
    a.text.len() + a.html.len() + a.markdown.len() + meta + 512
}

impl ArticleCache for Articles {
    fn get(&self, link: &Url) -> Option<(Article, Url)> {
        self.get_shared(link)
            .map(|hit| (hit.0.clone(), hit.1.clone()))
    }

    fn put(&self, link: &Url, article: &Article, url: &Url) {
        let mut article = article.clone();
        article.removed = Vec::new();
        let bytes = weight(&article);
        self.store.put(
            link.as_str().to_string(),
            Arc::new((article, url.clone())),
            bytes,
        );
    }
}
