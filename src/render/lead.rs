//! A paragraph the page states only in its structured data (a product's
//! description kept in JSON-LD while the visible page hides it in a tab
//! that is filled by script), put at the head of every rendering.

/// Puts `paragraph` before the text, the HTML and the Markdown.
pub(crate) fn prepend(
    paragraph: &str,
    text: &mut String,
    html: &mut String,
    markdown: &mut String,
) {
    let paragraph = paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
    if paragraph.is_empty() {
        return;
    }
    let join = |head: String, rest: &str| {
        if rest.is_empty() {
            head
        } else {
            format!("{head}\n\n{rest}")
        }
    };
    *text = join(paragraph.clone(), text);
    let mut p = String::from("<p>");
    super::html::escape_text(&mut p, &paragraph);
    p.push_str("</p>");
    *html = join(p, html);
    *markdown = join(super::markdown::escaped(&paragraph), markdown);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_paragraph_leads_every_rendering() {
        let (mut text, mut html, mut md) = (
            "Specs".to_string(),
            "<p>Specs</p>".to_string(),
            "Specs".to_string(),
        );
        prepend("A  <b>bold</b> kettle *now*", &mut text, &mut html, &mut md);
        assert_eq!(text, "A <b>bold</b> kettle *now*\n\nSpecs");
        assert_eq!(
            html,
            "<p>A &lt;b&gt;bold&lt;/b&gt; kettle *now*</p>\n\n<p>Specs</p>"
        );
        // Markdown escapes what would read as markup.
        assert_eq!(md, "A \\<b>bold\\</b> kettle \\*now\\*\n\nSpecs");
        let (mut t, mut h, mut m) = (String::new(), String::new(), String::new());
        prepend("Only this.", &mut t, &mut h, &mut m);
        assert_eq!(
            (t.as_str(), h.as_str()),
            ("Only this.", "<p>Only this.</p>")
        );
    }
}
