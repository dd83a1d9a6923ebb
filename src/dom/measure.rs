//! Pure per-node measures, computed in one reverse pass over the arena:
//! how much text a subtree holds and how much of it sits in links.

use html5ever::local_name;

use super::{Dom, Ix, Kind};

/// Text measures of every node's subtree, indexed like [`Dom::nodes`].
#[derive(Debug, Default)]
pub(crate) struct Measures {
    /// Non-whitespace characters of text in the subtree.
    pub chars: Vec<u32>,
    /// Of those, the ones inside `<a>` elements.
    pub link_chars: Vec<u32>,
    /// Content images (`<img>` that is not an icon or emoji) in the subtree.
    pub images: Vec<u32>,
    /// Headings (`<h1>`…`<h6>`) in the subtree.
    pub headings: Vec<u32>,
}

impl Measures {
    /// Measures `dom`, counting only nodes for which `alive` holds (a dead
    /// node's subtree counts as empty).
    pub fn new(dom: &Dom, alive: impl Fn(Ix) -> bool) -> Measures {
        let n = dom.len();
        let mut in_link = vec![false; n];
        let mut chars = vec![0u32; n];
        let mut link_chars = vec![0u32; n];
        let mut images = vec![0u32; n];
        let mut headings = vec![0u32; n];
        for ix in 0..n {
            let node = &dom.nodes[ix];
            let parent_link = node.parent != super::NO_PARENT && in_link[node.parent as usize];
            in_link[ix] = parent_link
                || matches!(&node.kind, Kind::Element(name) if *name == local_name!("a"));
            if matches!(&node.kind, Kind::Element(name) if *name == local_name!("img"))
                && alive(ix as Ix)
                && is_content_image(dom, ix as Ix)
            {
                images[ix] = 1;
            }
            if matches!(&node.kind, Kind::Element(name) if super::is_heading(name))
                && alive(ix as Ix)
            {
                headings[ix] = 1;
            }
            if let Kind::Text = node.kind {
                if alive(ix as Ix) {
                    let c = dom.text_chars(ix as Ix);
                    chars[ix] = c;
                    if in_link[ix] {
                        link_chars[ix] = c;
                    }
                }
            }
        }
        for ix in (1..n).rev() {
            if !alive(ix as Ix) {
                chars[ix] = 0;
                link_chars[ix] = 0;
                images[ix] = 0;
                headings[ix] = 0;
                continue;
            }
            let p = dom.nodes[ix].parent;
            if p != super::NO_PARENT {
                chars[p as usize] += chars[ix];
                link_chars[p as usize] += link_chars[ix];
                images[p as usize] += images[ix];
                headings[p as usize] += headings[ix];
            }
        }
        Measures {
            chars,
            link_chars,
            images,
            headings,
        }
    }
}

/// Width or height (in pixels) under which an image is an icon, an emoji
/// or a tracking pixel.
const MIN_CONTENT_IMAGE_PX: u32 = 50;

/// Whether an `<img>` shows content rather than an icon, emoji or pixel.
fn is_content_image(dom: &Dom, ix: Ix) -> bool {
    let tiny = |a: &str| {
        dom.attr(ix, a)
            .and_then(|v| v.trim().trim_end_matches("px").parse::<u32>().ok())
            .is_some_and(|v| v < MIN_CONTENT_IMAGE_PX)
    };
    let decorative = dom.attr(ix, "class").is_some_and(|c| {
        super::class_names(c).any(|n| {
            ["emoji", "smiley", "icon"]
                .iter()
                .any(|w| super::names_word(n, w))
        })
    });
    !tiny("width") && !tiny("height") && !decorative
}
