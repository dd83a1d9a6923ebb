//! Writing XML text: escaping, CDATA, and leaving out the characters XML
//! 1.0 forbids (control characters, U+FFFE, U+FFFF) even when escaped.

/// The namespace of gleaner's own elements in Atom and RSS output
/// (`<gleaner:source>`, `<gleaner:page-error>`, `<gleaner:error>`).
pub const NAMESPACE: &str = "https://crates.io/crates/gleaner#feed";

fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
}

/// Appends `text` escaped for element content or a double-quoted attribute.
pub(crate) fn escape(out: &mut String, text: &str) {
    for c in text.chars().filter(|&c| allowed(c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
}

/// Appends `<name>text</name>`.
pub(crate) fn element(out: &mut String, name: &str, text: &str) {
    out.push('<');
    out.push_str(name);
    out.push('>');
    escape(out, text);
    out.push_str("</");
    out.push_str(name);
    out.push_str(">\n");
}

/// Appends `text` as CDATA (a `]]>` inside is split across two sections).
pub(crate) fn cdata(out: &mut String, text: &str) {
    out.push_str("<![CDATA[");
    let clean: String = text.chars().filter(|&c| allowed(c)).collect();
    out.push_str(&clean.replace("]]>", "]]]]><![CDATA[>"));
    out.push_str("]]>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_drops_what_xml_forbids() {
        let mut out = String::new();
        escape(&mut out, "a<b & \"c\"\u{0}\u{b}\u{FFFF}\té");
        assert_eq!(out, "a&lt;b &amp; &quot;c&quot;\té");
        let mut out = String::new();
        cdata(&mut out, "x]]>y\u{1}");
        assert_eq!(out, "<![CDATA[x]]]]><![CDATA[>y]]>");
    }
}
