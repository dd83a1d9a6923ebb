//! The deck (standfirst): a summary set between the headline and the
//! article, repeating the page's description. It goes when it stands apart
//! from the article's paragraphs; a first paragraph that the description
//! merely quotes stays.

use html5ever::local_name;

use crate::block::Block;
use crate::dom::{Dom, Ix};
use crate::tuning::Strictness;
use crate::Rule;

/// Blocks looked at before the article's first strong paragraph.
const LOOK: usize = 6;
/// Fewest words of a description that can be a deck: a shorter one is a
/// slogan, which a short line of the article may repeat by chance.
const MIN_DESCRIPTION_WORDS: usize = 8;
/// Words a block may have past a description cut off with an ellipsis:
/// the end of the sentence the cut took.
const MAX_WORDS_PAST_CUT: usize = 3;

pub(crate) fn deck(dom: &Dom, blocks: &mut [Block], s: &Strictness) {
    let Some(description) = description(dom) else {
        return;
    };
    let Some(first_strong) = blocks
        .iter()
        .position(|b| b.drop.is_none() && b.is_strong(s))
    else {
        return;
    };
    let body_parent = dom.parent(blocks[first_strong].owner);
    for b in blocks.iter_mut().take(first_strong + 1).take(LOOK) {
        if b.drop.is_some() || !same_words(&b.text, &description) {
            continue;
        }
        if dom.parent(b.owner) != body_parent {
            b.drop = Some(Rule::Byline);
        }
        return;
    }
}

/// The page's description from `<meta name=description>`, `og:description`
/// or `twitter:description`.
fn description(dom: &Dom) -> Option<String> {
    let head_end = dom.find(&local_name!("body")).unwrap_or(dom.len() as Ix);
    (0..head_end)
        .filter(|&ix| dom.tag(ix) == Some(&local_name!("meta")))
        .find_map(|ix| {
            let key = dom.attr(ix, "name").or_else(|| dom.attr(ix, "property"))?;
            let key = key.to_ascii_lowercase();
            matches!(
                key.as_str(),
                "description" | "og:description" | "twitter:description"
            )
            .then(|| dom.attr(ix, "content"))
            .flatten()
            .filter(|c| c.split_whitespace().count() >= MIN_DESCRIPTION_WORDS)
            .map(str::to_string)
        })
}

/// Whether two texts have the same words, ignoring case and punctuation; a
/// description cut short with an ellipsis matches the start of the block.
fn same_words(block: &str, description: &str) -> bool {
    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let b = words(block);
    let d = words(description);
    !d.is_empty()
        && (b == d
            || (description.trim_end().ends_with(['…', '.'])
                && b.starts_with(&d[..d.len().saturating_sub(1)])
                && d.len() >= MIN_DESCRIPTION_WORDS
                && b.len() <= d.len() + MAX_WORDS_PAST_CUT))
}

#[cfg(test)]
mod tests {
    const PROSE: &str = "The council approved the budget on Monday after a long debate that ran \
        late into the evening, with seven votes in favour and two against the plan.";

    fn page(deck_in_header: bool) -> String {
        let description =
            "Seven councillors backed the plan after a debate that lasted most of the evening";
        let deck = format!("<p>{description}</p>");
        let (header, body) = if deck_in_header {
            (deck.as_str(), String::new())
        } else {
            ("", deck.clone())
        };
        format!(
            r#"<html><head><meta name="description" content="{description}">
            <meta property="article:published_time" content="2024-03-04"></head><body>
            <article><header><h1>Budget passes</h1>{header}</header>
            <div class="body">{body}<p>{PROSE}</p><p>{PROSE}</p></div></article></body></html>"#
        )
    }

    #[test]
    fn a_deck_apart_from_the_paragraphs_goes() {
        let article = crate::extract(&page(true)).unwrap();
        assert!(
            !article.text.contains("Seven councillors"),
            "{}",
            article.text
        );
        assert!(article.text.contains("The council approved"));
    }

    #[test]
    fn a_first_paragraph_quoted_by_the_description_stays() {
        let article = crate::extract(&page(false)).unwrap();
        assert!(
            article.text.starts_with("Seven councillors"),
            "{}",
            article.text
        );
    }
}
