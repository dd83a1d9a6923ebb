//! Replies: what the comment-like elements of a page are to it, and the
//! names read only on pages whose replies are of one kind.

use html5ever::LocalName;

use super::vocab::{REVIEW_WORDS, SIGNATURE_WORDS};
use crate::dom::{Dom, Ix};
use crate::Rule;

/// What the replies a page holds (elements named as comments, and the
/// like) are to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Replies {
    /// Comments beside the content: judged by their names like any box.
    Aside,
    /// The posts of a discussion: the content. What each post repeats (its
    /// author's signature) is not.
    Posts,
    /// A product's customer reviews: the product page's comments, removed
    /// as such.
    Reviews,
}

/// Removal by what the page's replies are, whatever the plan sets aside:
/// on a discussion each post carries its author's signature, the same
/// lines under every post, and the signatures go, as do the remarks a
/// question-and-answer page attaches to its question and answers
/// (schema.org `Comment` items of a `Question` or an `Answer`); on a
/// product page the customer reviews are its comments and go as such.
/// Names are read as words (`message-signature`, `productReviews`), never
/// inside one (`preview`). On other pages these names mean other things
/// (an e-signature product's features, a review article's body), so they
/// are not read there. The page's landmarks and an element holding half
/// its prose (`protected`) are never furniture.
pub(super) fn by_replies(
    dom: &Dom,
    ix: Ix,
    tag: &LocalName,
    protected: bool,
    replies: Replies,
) -> Option<Rule> {
    if replies == Replies::Aside || crate::dom::is_landmark(tag) || protected {
        return None;
    }
    let el = dom.element(ix)?;
    let named = |matches: &dyn Fn(&str) -> bool| {
        [el.attr("class"), el.attr("id")]
            .into_iter()
            .flatten()
            .any(|name| any_word(name, matches))
    };
    match replies {
        Replies::Aside => None,
        Replies::Posts if comments_on_a_post(dom, ix) => Some(Rule::Comments),
        Replies::Posts => named(&|w| SIGNATURE_WORDS.iter().any(|s| w.eq_ignore_ascii_case(s)))
            .then_some(Rule::BoilerplateName),
        Replies::Reviews => {
            named(&|w| REVIEW_WORDS.iter().any(|s| starts_with_ignoring_case(w, s)))
                .then_some(Rule::Comments)
        }
    }
}

/// Whether an element is a comment on a question or an answer: a
/// schema.org `Comment` item whose enclosing item is a `Question` or an
/// `Answer` (a Q&A page's remarks under each post). A forum's replies,
/// comments on its opening post, are not.
fn comments_on_a_post(dom: &Dom, ix: Ix) -> bool {
    let item_type = |ix: Ix| {
        let el = dom.element(ix)?;
        el.attr("itemscope")?;
        let types = el.attr("itemtype")?;
        Some(types.split_ascii_whitespace().map(|t| {
            t.trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or_default()
        }))
    };
    let is =
        |ix: Ix, kinds: &[&str]| item_type(ix).is_some_and(|mut t| t.any(|t| kinds.contains(&t)));
    is(ix, &["Comment"])
        && std::iter::successors(dom.parent(ix), |&p| dom.parent(p))
            .find(|&p| item_type(p).is_some())
            .is_some_and(|p| is(p, &["Question", "Answer"]))
}

fn starts_with_ignoring_case(word: &str, start: &str) -> bool {
    word.get(..start.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(start))
}

/// Whether `f` holds for a word of a class or id name: the name split at
/// every character that is not a letter or digit, and where a lower-case
/// letter meets an upper-case one (`productReviews` is `product`,
/// `Reviews`).
fn any_word(name: &str, f: &dyn Fn(&str) -> bool) -> bool {
    let mut start: Option<usize> = None;
    let mut prev_lower = false;
    for (i, c) in name.char_indices() {
        if !c.is_alphanumeric() {
            if let Some(s) = start.take() {
                if f(&name[s..i]) {
                    return true;
                }
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower {
            if let Some(s) = start.replace(i) {
                if f(&name[s..i]) {
                    return true;
                }
            }
        }
        start.get_or_insert(i);
        prev_lower = c.is_lowercase();
    }
    start.is_some_and(|s| f(&name[s..]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Limits;

    /// The rule the first element of `body` gets under `replies`.
    fn rule(body: &str, replies: Replies) -> Option<Rule> {
        let dom = Dom::parse(&format!("<body>{body}</body>"), &Limits::default());
        let ix = (0..dom.len() as Ix)
            .find(|&ix| {
                dom.element(ix)
                    .is_some_and(|e| e.attr("class").is_some() || e.attr("id").is_some())
            })
            .expect("a named element");
        by_replies(&dom, ix, dom.tag(ix).unwrap(), false, replies)
    }

    #[test]
    fn names_are_read_as_words() {
        let words = |name: &str| {
            let found = std::cell::RefCell::new(Vec::new());
            any_word(name, &|w| {
                found.borrow_mut().push(w.to_string());
                false
            });
            found.into_inner()
        };
        assert_eq!(words("productReviews"), ["product", "Reviews"]);
        assert_eq!(
            words("message-signature ipsBox"),
            ["message", "signature", "ips", "Box"]
        );
        assert_eq!(words("--x__"), ["x"]);
        assert!(words("").is_empty());
    }

    #[test]
    fn a_products_reviews_go_as_comments() {
        let reviews = Replies::Reviews;
        assert_eq!(
            rule(r#"<div class="customerReviews">r</div>"#, reviews),
            Some(Rule::Comments)
        );
        assert_eq!(
            rule(r#"<div id="reviews-list">r</div>"#, reviews),
            Some(Rule::Comments)
        );
        assert_eq!(rule(r#"<div class="image-preview">p</div>"#, reviews), None);
        // Beside an article a review box is judged like any other.
        assert_eq!(
            rule(r#"<div class="review-body">r</div>"#, Replies::Aside),
            None
        );
    }

    #[test]
    fn comments_on_a_question_or_an_answer_go_on_a_discussion() {
        let item = |outer: &str| {
            format!(
                r#"<div itemscope itemtype="https://schema.org/{outer}"><p>post</p>
                <div class="c" itemprop="comment" itemscope itemtype="https://schema.org/Comment">c</div></div>"#
            )
        };
        let comment = |body: &str, replies| {
            let dom = Dom::parse(&format!("<body>{body}</body>"), &Limits::default());
            let ix = (0..dom.len() as Ix)
                .find(|&ix| dom.attr(ix, "class") == Some("c"))
                .expect("the comment");
            by_replies(&dom, ix, dom.tag(ix).unwrap(), false, replies)
        };
        assert_eq!(
            comment(&item("Answer"), Replies::Posts),
            Some(Rule::Comments)
        );
        assert_eq!(
            comment(&item("Question"), Replies::Posts),
            Some(Rule::Comments)
        );
        // A forum's replies are comments of its opening post: the thread.
        assert_eq!(
            comment(&item("DiscussionForumPosting"), Replies::Posts),
            None
        );
        // Beside an article, comments are judged by their names.
        assert_eq!(comment(&item("Answer"), Replies::Aside), None);
    }

    #[test]
    fn a_posts_signature_goes_on_a_discussion_only() {
        let sig = r#"<div class="message-signature">s</div>"#;
        assert_eq!(rule(sig, Replies::Posts), Some(Rule::BoilerplateName));
        assert_eq!(rule(sig, Replies::Aside), None);
        assert_eq!(rule(sig, Replies::Reviews), None);
        // A word that only contains the name is another word.
        assert_eq!(
            rule(r#"<div class="nosignature">p</div>"#, Replies::Posts),
            None
        );
    }
}
