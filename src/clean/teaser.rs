//! Teasers: a short headline followed by a snippet cut off with an
//! ellipsis, the shape of "more stories" cards whatever their markup.

use crate::segment::Block;
use crate::Rule;

/// Longest snippet that counts as a teaser's truncated summary.
const MAX_SNIPPET_CHARS: u32 = 400;
/// Longest headline of a teaser.
const MAX_HEADLINE_CHARS: u32 = 200;
/// Shortest snippet: a summary long enough to have been cut off.
const MIN_SNIPPET_CHARS: u32 = 50;

pub(crate) fn ends_with_ellipsis(text: &str) -> bool {
    let t = text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»')
    });
    t.ends_with("...") || t.ends_with('…') || t.ends_with(". . .")
}

/// A card's headline, or the date or label between headline and snippet;
/// judged whether or not another rule already dropped it.
fn is_headline(b: &Block) -> bool {
    if b.chars > MAX_HEADLINE_CHARS {
        return false;
    }
    if b.is_heading() || b.link_density() > 0.6 {
        return true;
    }
    let t = b.text.trim_end();
    !(t.ends_with('.') || t.ends_with(':') || t.ends_with(','))
}

fn is_snippet(b: &Block) -> bool {
    b.drop.is_none()
        && (MIN_SNIPPET_CHARS..=MAX_SNIPPET_CHARS).contains(&b.chars)
        && ends_with_ellipsis(&b.text)
}

/// Drops headline + snippet pairs. One pair alone is dropped only when its
/// headline is a link (a card pointing elsewhere); two or more always are,
/// since article prose does not repeat that shape.
pub(crate) fn teasers(blocks: &mut [Block]) {
    let mut pairs = Vec::new();
    for i in 1..blocks.len() {
        if is_snippet(&blocks[i])
            && is_headline(&blocks[i - 1])
            && blocks[i - 1].chars < blocks[i].chars
        {
            pairs.push(i);
        }
    }
    let lone_snippets: Vec<usize> = (0..blocks.len())
        .filter(|&i| is_snippet(&blocks[i]) && blocks[i].link_density() > 0.5)
        .collect();
    let all = pairs.len() >= 2;
    for &i in &pairs {
        if all || blocks[i - 1].link_density() > 0.5 {
            blocks[i - 1].drop.get_or_insert(Rule::Teaser);
            blocks[i].drop = Some(Rule::Teaser);
        }
    }
    for i in lone_snippets {
        blocks[i].drop.get_or_insert(Rule::Teaser);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ellipsis_forms() {
        assert!(ends_with_ellipsis("It was cut off..."));
        assert!(ends_with_ellipsis("It was cut off…"));
        assert!(ends_with_ellipsis("He said \"wait...\""));
        assert!(!ends_with_ellipsis("A full sentence."));
    }
}
