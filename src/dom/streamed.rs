//! Content streamed in after the page's shell. A server that renders a
//! page in parts (React's streaming renderer, behind Next.js and others)
//! sends the shell first, with a placeholder `<template id="B:0">` where a
//! part is still loading (`P:0` for a part inside a part), and the part
//! later, at the end of the body, in a hidden `<div hidden id="S:0">`,
//! with a script that moves it into place; the placeholder and the part
//! share their number.
//! Without the script the part would read as hidden, out of its place:
//! each part is moved to its placeholder, as the browser shows it.

use std::collections::HashMap;

use ego_tree::NodeId;
use html5ever::local_name;
use scraper::{Html, Node};

/// Moves each streamed part (`div[hidden]#S:n`) to its placeholder
/// (`template#B:n` or `template#P:n`), in place of the placeholder. A part whose
/// placeholder is missing, or lies inside the part itself, stays where it
/// is.
pub(super) fn place_parts(html: &mut Html) {
    let mut placeholders: HashMap<&str, NodeId> = HashMap::new();
    let mut parts: Vec<(&str, NodeId)> = Vec::new();
    for node in html.tree.nodes() {
        let Node::Element(el) = node.value() else {
            continue;
        };
        let id = || el.attr("id");
        match el.name.local {
            local_name!("template") => {
                let n = id().and_then(|i| i.strip_prefix("B:").or_else(|| i.strip_prefix("P:")));
                if let Some(n) = n {
                    placeholders.insert(n, node.id());
                }
            }
            local_name!("div") => {
                if let Some(n) = id().and_then(|i| i.strip_prefix("S:")) {
                    if el.attr("hidden").is_some() {
                        parts.push((n, node.id()));
                    }
                }
            }
            _ => {}
        }
    }
    if parts.is_empty() || placeholders.is_empty() {
        return;
    }
    let moves: Vec<(NodeId, NodeId)> = parts
        .into_iter()
        .filter_map(|(n, part)| Some((part, *placeholders.get(n)?)))
        .collect();
    for (part, placeholder) in moves {
        // A placeholder inside its own part: moving the part there would
        // make it its own ancestor.
        let inside = html
            .tree
            .get(placeholder)
            .is_some_and(|p| p.ancestors().any(|a| a.id() == part));
        if inside {
            continue;
        }
        let children: Vec<NodeId> = match html.tree.get(part) {
            Some(p) => p.children().map(|c| c.id()).collect(),
            None => continue,
        };
        let Some(mut at) = html.tree.get_mut(placeholder) else {
            continue;
        };
        if at.parent().is_none() {
            continue;
        }
        for child in children {
            at.insert_id_before(child);
        }
        at.detach();
        if let Some(mut emptied) = html.tree.get_mut(part) {
            emptied.detach();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placed(source: &str) -> String {
        let mut html = Html::parse_document(source);
        place_parts(&mut html);
        html.root_element().html()
    }

    #[test]
    fn a_streamed_part_takes_its_placeholders_place() {
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
    fn parts_nest_in_parts() {
        let out = placed(
            "<body><template id=\"B:0\"></template>\
             <div hidden id=\"S:0\"><p>Outer</p><template id=\"P:1\"></template></div>\
             <div hidden id=\"S:1\"><p>Inner</p></div></body>",
        );
        assert!(
            out.contains("<body><p>Outer</p><p>Inner</p></body>"),
            "{out}"
        );
    }
}
