//! An element's id read as an anchor made from its own heading
//! ("meta-options", "displaying-the-date-time-in-messages"): such an id
//! names the section's subject, not its role, so it is not read as a name.

use crate::dom::{Dom, Ix};

/// Fewest words of an anchor read as made from the element's heading.
const MIN_ANCHOR_WORDS: usize = 2;

/// Whether `id` is an anchor made from the element's own heading: the
/// element is a heading or opens with one, and the id's words are the
/// heading's first words, two or more of them. Documentation generators
/// and editors name sections and headings so. Section numbers and
/// one-letter words that start either ("s-meta-options", "2.1 Meta
/// options") and a number that tells copies of the id apart
/// ("meta-options-1") are skipped.
pub(super) fn anchors_own_text(dom: &Dom, ix: Ix, id: &str) -> bool {
    if !id.contains(['-', '_']) {
        return false;
    }
    let numbering = |w: &&str| w.chars().nth(1).is_none() || w.chars().all(|c| c.is_ascii_digit());
    let mut anchor: Vec<&str> = words(id).skip_while(numbering).collect();
    if anchor
        .last()
        .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()))
    {
        anchor.pop();
    }
    if anchor.len() < MIN_ANCHOR_WORDS {
        return false;
    }
    // The element's first text, which a heading must hold.
    let texts = || (ix..dom.end(ix)).filter(|&i| dom.is_text(i));
    let Some(first) = texts().find(|&i| dom.text(i).is_some_and(|t| words(t).next().is_some()))
    else {
        return false;
    };
    let in_heading = std::iter::successors(dom.parent(first), |&p| {
        (p != ix).then(|| dom.parent(p)).flatten()
    })
    .any(|p| crate::dom::heads(dom, p));
    if !in_heading {
        return false;
    }
    let mut heading = texts()
        .skip_while(|&i| i < first)
        .filter_map(|i| dom.text(i))
        .flat_map(words)
        .skip_while(numbering);
    anchor
        .iter()
        .all(|w| heading.next().is_some_and(|t| t.eq_ignore_ascii_case(w)))
}

/// The words of a text: its runs of letters and digits.
pub(super) fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Limits;

    /// Whether the first element with an id in `body` is anchored by it.
    fn anchored(body: &str) -> bool {
        let dom = Dom::parse(&format!("<body>{body}</body>"), &Limits::default());
        let ix = (0..dom.len() as Ix)
            .find(|&ix| dom.attr(ix, "id").is_some())
            .expect("an element with an id");
        anchors_own_text(&dom, ix, dom.attr(ix, "id").unwrap())
    }

    #[test]
    fn an_id_made_from_the_heading_is_an_anchor() {
        assert!(anchored(
            "<section id='displaying-the-date-time-in-messages'><h2>Displaying the date/time in messages</h2><p>Text.</p></section>"
        ));
        // A one-letter prefix, a section number, a copy's number.
        assert!(anchored(
            "<section id='s-meta-options'><h2>Meta options</h2></section>"
        ));
        assert!(anchored(
            "<section id='meta-options-2'><h2><span>2.1.</span> Meta options</h2></section>"
        ));
        assert!(anchored(
            "<h3 id='a-note-on-meta-tags'>A note on meta tags</h3>"
        ));
    }

    #[test]
    fn a_role_name_is_not_an_anchor() {
        // The text is not a heading's.
        assert!(!anchored(
            "<div id='date-published'>Date published: 4 March</div>"
        ));
        // The heading does not start with the id's words.
        assert!(!anchored("<div id='post-meta'><h4>Filed under</h4></div>"));
        // One word is a name, not a heading's anchor.
        assert!(!anchored("<section id='meta'><h2>Meta</h2></section>"));
        // No text at all.
        assert!(!anchored("<div id='author-box'><img src='a.png'></div>"));
    }
}
