//! Content streamed in after the page's shell. A server that renders a
//! page in parts (React's streaming renderer, behind Next.js and others)
//! sends the shell first, with a placeholder `<template id="B:0">` where a
//! part is still loading (`P:0` for a part inside a part), and the part
//! later, at the end of the body, in a hidden `<div hidden id="S:0">`,
//! with a script that moves it into place. Without the script the part
//! would read as hidden, out of its place: each part is moved to its
//! placeholder. A segment's part and placeholder share their number
//! (`S:n`, `P:n`); a boundary's do from React 19 on, so a part with no
//! `P:` placeholder of its number goes to the `B:` one. The loading text
//! a placeholder shows until its part arrives stays (its markers are
//! comments, which are not read); parts React writes in other elements
//! (a hidden `<table>` for table rows, `<svg>`) stay hidden.

use std::collections::{HashMap, VecDeque};

use ego_tree::iter::Edge;
use ego_tree::NodeId;
use html5ever::local_name;
use scraper::{Html, Node};

/// A streamed part to move: its element, how many levels its content
/// reaches below it, its placeholder, and the part that placeholder lies
/// in (`None`: in the page itself).
struct Move {
    part: NodeId,
    height: usize,
    to: NodeId,
    enclosing: Option<NodeId>,
}

/// Whether the page's source may hold a streamed part as the renderer
/// writes it (`id="S:`): a scan of the text, cheaper than a walk of the
/// tree on the pages that hold none.
pub(super) fn may_hold_parts(source: &str) -> bool {
    source.contains("id=\"S:")
}

/// Moves each streamed part's content (`div[hidden]#S:n`) to its
/// placeholder (`template#P:n`, else `template#B:n`), in place of the
/// placeholder. A part moves once, after the part holding its placeholder
/// (if any) has moved, so the work is one pass over the page; a part whose
/// placeholder is missing or inside a part that never moves (itself, or a
/// cycle of parts) stays hidden, and so does one that would nest the page
/// deeper than `max_depth`, the bound the parser keeps.
pub(super) fn place_parts(html: &mut Html, max_depth: usize) {
    let moves = find(html);
    // The moves whose placeholder lies in each part, in page order.
    let mut waiting: HashMap<Option<NodeId>, Vec<usize>> = HashMap::new();
    for (k, m) in moves.iter().enumerate() {
        waiting.entry(m.enclosing).or_default().push(k);
    }
    let mut ready: VecDeque<usize> = waiting.remove(&None).unwrap_or_default().into();
    while let Some(k) = ready.pop_front() {
        let Move {
            part, height, to, ..
        } = moves[k];
        let depth = html.tree.get(to).map_or(0, |n| n.ancestors().count());
        if depth + height > max_depth || !move_into(html, part, to) {
            continue;
        }
        if let Some(inner) = waiting.remove(&Some(part)) {
            ready.extend(inner);
        }
    }
}

/// Which placeholder a template is.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Prefix {
    /// `B:n`, a loading boundary.
    Boundary,
    /// `P:n`, a segment inside a part.
    Segment,
}

/// The page's parts, each with the placeholder it goes to (the first of
/// its number, as the script finds it), in one walk that measures each
/// part's height; parts without a placeholder are left out.
fn find(html: &Html) -> Vec<Move> {
    // Each part (element, number, height), in page order.
    let mut parts: Vec<(NodeId, &str, usize)> = Vec::new();
    let mut placeholders = HashMap::new();
    // Along the path from the root: the deepest level below each node
    // yet, and the parts open (index into `parts`, depth).
    let mut below: Vec<usize> = Vec::new();
    let mut open: Vec<(usize, usize)> = Vec::new();
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                let depth = below.len();
                below.push(depth);
                let Node::Element(el) = node.value() else {
                    continue;
                };
                let id = || el.attr("id");
                match el.name.local {
                    local_name!("template") => {
                        let placeholder = id().and_then(|i| {
                            i.strip_prefix("P:")
                                .map(|n| (Prefix::Segment, n))
                                .or_else(|| i.strip_prefix("B:").map(|n| (Prefix::Boundary, n)))
                        });
                        if let Some(key) = placeholder {
                            let enclosing = open.last().map(|&(k, _)| parts[k].0);
                            placeholders.entry(key).or_insert((node.id(), enclosing));
                        }
                    }
                    local_name!("div") if el.attr("hidden").is_some() => {
                        if let Some(number) = id().and_then(|i| i.strip_prefix("S:")) {
                            open.push((parts.len(), depth));
                            parts.push((node.id(), number, 0));
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                let deepest = below.pop().unwrap_or(0);
                if let Some(up) = below.last_mut() {
                    *up = (*up).max(deepest);
                }
                if let Some(&(k, depth)) = open.last() {
                    if parts[k].0 == node.id() {
                        parts[k].2 = deepest - depth;
                        open.pop();
                    }
                }
            }
        }
    }
    parts
        .into_iter()
        .filter_map(|(part, number, height)| {
            let (to, enclosing) = *placeholders
                .get(&(Prefix::Segment, number))
                .or_else(|| placeholders.get(&(Prefix::Boundary, number)))?;
            Some(Move {
                part,
                height,
                to,
                enclosing,
            })
        })
        .collect()
}

/// Moves the part's children before the placeholder and takes out the
/// placeholder and the emptied part; says whether it did.
fn move_into(html: &mut Html, part: NodeId, placeholder: NodeId) -> bool {
    let Some(children) = html
        .tree
        .get(part)
        .map(|p| p.children().map(|c| c.id()).collect::<Vec<_>>())
    else {
        return false;
    };
    let Some(mut at) = html.tree.get_mut(placeholder) else {
        return false;
    };
    if at.parent().is_none() {
        return false;
    }
    for child in children {
        at.insert_id_before(child);
    }
    at.detach();
    if let Some(mut emptied) = html.tree.get_mut(part) {
        emptied.detach();
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placed_within(source: &str, max_depth: usize) -> String {
        let mut html = Html::parse_document(source);
        place_parts(&mut html, max_depth);
        html.root_element().html()
    }

    fn placed(source: &str) -> String {
        placed_within(source, 512)
    }

    #[test]
    fn a_streamed_part_takes_its_placeholder_s_place() {
        let out = placed(
            "<body><main><h1>Title</h1><template id=\"B:0\"></template><p>End</p></main>\
             <div hidden id=\"S:0\"><p>First</p><p>Second</p></div></body>",
        );
        let body = out.split("<body>").nth(1).unwrap();
        assert!(
            body.contains("<h1>Title</h1><p>First</p><p>Second</p><p>End</p></main>"),
            "{body}"
        );
        assert!(!body.contains("hidden"), "{body}");
        assert!(!body.contains("template"), "{body}");
    }

    #[test]
    fn a_part_without_its_placeholder_stays_hidden() {
        let out = placed("<body><p>Shell</p><div hidden id=\"S:3\"><p>Part</p></div></body>");
        assert!(
            out.contains("<div hidden=\"\" id=\"S:3\"><p>Part</p></div>"),
            "{out}"
        );
    }

    #[test]
    fn a_placeholder_inside_its_own_part_is_left() {
        let out = placed(
            "<body><div hidden id=\"S:1\"><p>Part</p><template id=\"B:1\"></template></div></body>",
        );
        assert!(
            out.contains("<p>Part</p><template id=\"B:1\"></template>"),
            "{out}"
        );
    }

    #[test]
    fn parts_nest_in_parts_whatever_their_order() {
        let inner_first = placed(
            "<body><template id=\"B:0\"></template>\
             <div hidden id=\"S:1\"><p>Inner</p></div>\
             <div hidden id=\"S:0\"><p>Outer</p><template id=\"P:1\"></template></div></body>",
        );
        assert!(
            inner_first.contains("<body><p>Outer</p><p>Inner</p></body>"),
            "{inner_first}"
        );
    }

    #[test]
    fn a_segment_s_placeholder_comes_before_a_boundary_s_of_its_number() {
        let out = placed(
            "<body><template id=\"B:2\"></template><p>Middle</p><template id=\"P:2\"></template>\
             <div hidden id=\"S:2\"><p>Part</p></div></body>",
        );
        assert!(
            out.contains("<template id=\"B:2\"></template><p>Middle</p><p>Part</p></body>"),
            "{out}"
        );
    }

    #[test]
    fn the_first_of_two_placeholders_or_parts_of_a_number_is_used() {
        let out = placed(
            "<body><template id=\"B:0\"></template><p>Between</p><template id=\"B:0\"></template>\
             <div hidden id=\"S:0\"><p>One</p></div><div hidden id=\"S:0\"><p>Two</p></div></body>",
        );
        let body = out.split("<body>").nth(1).unwrap();
        // The first part takes the first placeholder; the second part has
        // none left and stays hidden where it is.
        assert!(
            body.starts_with("<p>One</p><p>Between</p><template id=\"B:0\"></template>"),
            "{body}"
        );
        assert!(
            body.contains("<div hidden=\"\" id=\"S:0\"><p>Two</p></div>"),
            "{body}"
        );
    }

    #[test]
    fn two_parts_holding_each_other_s_placeholder_stay_hidden() {
        let out = placed(
            "<body><div hidden id=\"S:0\"><template id=\"P:1\"></template></div>\
             <div hidden id=\"S:1\"><template id=\"P:0\"></template></div></body>",
        );
        assert_eq!(out.matches("hidden").count(), 2, "{out}");
    }

    #[test]
    fn a_part_that_would_nest_past_the_depth_limit_stays_hidden() {
        let deep = format!(
            "<body><template id=\"B:0\"></template><div hidden id=\"S:0\">{}<p>Deep</p>{}</div></body>",
            "<div>".repeat(20),
            "</div>".repeat(20)
        );
        assert!(placed_within(&deep, 10).contains("<div hidden=\"\" id=\"S:0\">"));
        assert!(!placed_within(&deep, 40).contains("hidden"));
    }
}
