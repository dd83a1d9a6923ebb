//! What goes in: a page (bytes or text, with an optional URL and
//! Content-Type), and the one place where bytes become text.

use std::borrow::Cow;

use encoding_rs::Encoding;
use url::Url;

use crate::page_type::PageType;

/// A page to extract from: its markup plus what is known about it.
///
/// ```
/// use gleaner::Page;
/// let page = Page::html("<p>Hello</p>").with_url("https://example.com/a").unwrap();
/// assert_eq!(page.url().unwrap().as_str(), "https://example.com/a");
/// ```
#[derive(Debug, Clone)]
pub struct Page<'a> {
    pub(crate) body: Body<'a>,
    pub(crate) url: Option<Url>,
    pub(crate) content_type: Option<String>,
    pub(crate) label: Option<String>,
    pub(crate) page_type: Option<PageType>,
}

#[derive(Debug, Clone)]
pub(crate) enum Body<'a> {
    Text(Cow<'a, str>),
    Bytes(Cow<'a, [u8]>),
}

impl<'a> Page<'a> {
    /// A page given as already decoded text.
    pub fn html(text: impl Into<Cow<'a, str>>) -> Self {
        Page {
            body: Body::Text(text.into()),
            url: None,
            content_type: None,
            label: None,
            page_type: None,
        }
    }

    /// A page given as raw bytes in any charset; decoded once, see
    /// [`EncodingSource`] for the order in which the charset is chosen.
    pub fn bytes(bytes: impl Into<Cow<'a, [u8]>>) -> Self {
        Page {
            body: Body::Bytes(bytes.into()),
            url: None,
            content_type: None,
            label: None,
            page_type: None,
        }
    }

    /// The page's URL: links and images are made absolute against it, and
    /// a site's front page (its root) is never read as one article.
    pub fn with_url(mut self, url: &str) -> Result<Self, crate::Error> {
        let parsed = Url::parse(url).map_err(|source| crate::Error::InvalidUrl {
            input: url.to_string(),
            source,
        })?;
        self.url = Some(parsed);
        Ok(self)
    }

    /// The page's URL, already parsed.
    pub fn with_parsed_url(mut self, url: Url) -> Self {
        self.url = Some(url);
        self
    }

    /// The HTTP `Content-Type` header, whose charset (if any) decides the
    /// decoding when the body has no byte-order mark.
    pub fn with_content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// A name for the input in error messages when it has no URL (a file path, say).
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// What the caller already knows of the page's kind (the page an entry
    /// of a feed links to is an article): the page-type stage is skipped
    /// and the content chosen as for that type, with
    /// [`Article::page_type_confidence`](crate::Article::page_type_confidence) 1.
    ///
    /// ```
    /// use gleaner::{Extractor, Page, PageType};
    /// let html = "<html><body><h1>Opening hours</h1>\
    ///   <p>The library opens at nine on weekdays and at ten on Saturdays, and \
    ///   stays open until eight in the evening from Monday to Thursday.</p></body></html>";
    /// // Undated and declaring no article: read as a page of the site's own.
    /// assert_eq!(gleaner::extract(html).unwrap().page_type, PageType::Service);
    /// let page = Page::html(html).with_page_type(PageType::Article);
    /// let article = Extractor::default().extract(&page).unwrap();
    /// assert_eq!(article.page_type, PageType::Article);
    /// assert_eq!(article.page_type_confidence, 1.0);
    /// ```
    pub fn with_page_type(mut self, page_type: PageType) -> Self {
        self.page_type = Some(page_type);
        self
    }

    /// The page's URL, if given.
    pub fn url(&self) -> Option<&Url> {
        self.url.as_ref()
    }

    /// The size of the markup in bytes.
    pub fn len(&self) -> usize {
        match &self.body {
            Body::Text(t) => t.len(),
            Body::Bytes(b) => b.len(),
        }
    }

    /// Whether the markup is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub(crate) fn name(&self) -> crate::error::InputName {
        use crate::error::InputName;
        match (&self.url, &self.label) {
            (Some(u), _) => InputName::Url(u.clone()),
            (None, Some(l)) => InputName::Label(l.clone()),
            (None, None) => InputName::Anonymous,
        }
    }
}

/// Which evidence decided how the page's bytes were decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum EncodingSource {
    /// The page was given as text; nothing was decoded.
    Text,
    /// A byte-order mark at the start of the bytes.
    Bom,
    /// The charset parameter of the HTTP Content-Type.
    Header,
    /// A `<meta charset>` or `<meta http-equiv>` in the first kilobytes.
    Meta,
    /// A statistical detector (chardetng), used when nothing was declared.
    Detected,
}

/// The decoded text and how its encoding was chosen.
#[derive(Debug)]
pub(crate) struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub encoding: &'static Encoding,
    pub source: EncodingSource,
}

/// Decodes a page body once: BOM, then the HTTP charset, then a `<meta>`
/// prescan, then detection. Never fails: malformed sequences become U+FFFD.
pub(crate) fn decode<'a>(
    body: &'a Body<'_>,
    content_type: Option<&str>,
    url: Option<&Url>,
) -> Decoded<'a> {
    let bytes: &[u8] = match body {
        Body::Text(t) => {
            return Decoded {
                text: Cow::Borrowed(t.as_ref()),
                encoding: encoding_rs::UTF_8,
                source: EncodingSource::Text,
            }
        }
        Body::Bytes(b) => b,
    };
    let (encoding, source) = if let Some((enc, _)) = Encoding::for_bom(bytes) {
        (enc, EncodingSource::Bom)
    } else if let Some(enc) = content_type.and_then(charset_of_content_type) {
        (enc, EncodingSource::Header)
    } else if let Some(enc) = prescan_meta(bytes) {
        // A legacy declaration over bytes that are valid UTF-8 with
        // non-ASCII text is a page re-saved as UTF-8 without its <meta>
        // being updated: legacy multi-byte text is almost never valid UTF-8.
        if enc != encoding_rs::UTF_8 && !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() {
            (encoding_rs::UTF_8, EncodingSource::Detected)
        } else {
            (enc, EncodingSource::Meta)
        }
    } else if std::str::from_utf8(bytes).is_ok() {
        // Valid UTF-8 with nothing declared: no legacy encoding produces
        // that by accident, so the detector is not needed.
        (encoding_rs::UTF_8, EncodingSource::Detected)
    } else {
        let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        let sample = &bytes[..bytes.len().min(64 * 1024)];
        detector.feed(sample, sample.len() == bytes.len());
        let tld = url.and_then(top_level_domain);
        (
            detector.guess(tld.map(str::as_bytes), chardetng::Utf8Detection::Allow),
            EncodingSource::Detected,
        )
    };
    // A page that declares UTF-16 in markup is really ASCII-compatible (the
    // declaration could be read), so the HTML standard maps it to UTF-8.
    let encoding = if source == EncodingSource::Meta
        && (encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE)
    {
        encoding_rs::UTF_8
    } else {
        encoding
    };
    let (text, used, _had_errors) = encoding.decode(bytes);
    Decoded {
        text,
        encoding: used,
        source,
    }
}

/// Why bytes are clearly not an HTML document, if they are not: a known
/// binary signature, or control bytes that no text encoding produces.
/// Pages with a UTF-16 byte-order mark are text whatever their zero bytes.
pub(crate) fn not_html(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "png image"),
        (b"\xff\xd8\xff", "jpeg image"),
        (b"GIF87a", "gif image"),
        (b"GIF89a", "gif image"),
        (b"%PDF-", "pdf document"),
        (b"PK\x03\x04", "zip archive"),
        (b"\x1f\x8b", "gzip data"),
        (b"BM", "bmp image"),
        (b"\x00\x00\x01\x00", "icon"),
        (b"wOFF", "font"),
        (b"wOF2", "font"),
        (b"OggS", "ogg media"),
        (b"\x1aE\xdf\xa3", "matroska media"),
        (b"ID3", "mp3 audio"),
        (b"\x7fELF", "executable"),
    ];
    if Encoding::for_bom(bytes).is_some() {
        return None;
    }
    if let Some((_, what)) = SIGNATURES.iter().find(|(sig, _)| bytes.starts_with(sig)) {
        return Some(what);
    }
    if bytes.len() >= 12
        && &bytes[..4] == b"RIFF"
        && (&bytes[8..12] == b"WEBP" || &bytes[8..12] == b"WAVE")
    {
        return Some("riff media");
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        return Some("mp4 media");
    }
    let head = &bytes[..bytes.len().min(1024)];
    let control = head
        .iter()
        .filter(|&&b| b < 0x09 || (0x0e..0x20).contains(&b) && b != 0x1b)
        .count();
    (control * 10 > head.len()).then_some("binary data")
}

/// The charset parameter of a Content-Type value, if it names a known encoding.
pub(crate) fn charset_of_content_type(content_type: &str) -> Option<&'static Encoding> {
    content_type.split(';').skip(1).find_map(|param| {
        let (key, value) = param.split_once('=')?;
        if !key.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'');
        Encoding::for_label(value.as_bytes())
    })
}

/// How far into the page the `<meta>` prescan looks. The HTML standard
/// says 1024 bytes, but real pages often declare their charset after
/// kilobytes of other `<meta>` tags.
const PRESCAN_BYTES: usize = 16 * 1024;

/// A simplified form of the HTML standard's prescan: looks for
/// `<meta charset=...>` or `<meta http-equiv=content-type content="...charset=...">`.
fn prescan_meta(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"<meta") {
        let start = from + pos + 5;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(cs) = find(tag, b"charset") {
            let rest = &tag[cs + 7..];
            let rest = trim_start(rest);
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = trim_start(rest);
                let rest = rest
                    .strip_prefix(b"\"")
                    .or_else(|| rest.strip_prefix(b"'"))
                    .unwrap_or(rest);
                let len = rest
                    .iter()
                    .position(|&b| {
                        matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>')
                            || b.is_ascii_whitespace()
                    })
                    .unwrap_or(rest.len());
                if let Some(enc) = Encoding::for_label(&rest[..len]) {
                    return Some(enc);
                }
            }
        }
        from = end;
    }
    None
}

/// The URL's top-level domain as the detector wants it: lower-case ASCII
/// letters, digits and hyphens only.
fn top_level_domain(url: &Url) -> Option<&str> {
    let host = url.host_str()?;
    let tld = host.rsplit('.').next()?;
    let ok = !tld.is_empty()
        && tld
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    ok.then_some(tld)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn trim_start(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &s[n..]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_bytes(bytes: &[u8], ct: Option<&str>) -> (String, EncodingSource, &'static str) {
        let body = Body::Bytes(Cow::Borrowed(bytes));
        let d = decode(&body, ct, None);
        (d.text.into_owned(), d.source, d.encoding.name())
    }

    #[test]
    fn bom_wins_over_header_and_meta() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("<meta charset=latin1><p>é</p>".as_bytes());
        let (text, source, name) = decode_bytes(&bytes, Some("text/html; charset=windows-1251"));
        assert_eq!(source, EncodingSource::Bom);
        assert_eq!(name, "UTF-8");
        assert!(text.contains('é'));
    }

    #[test]
    fn header_charset_beats_meta() {
        let bytes = b"<meta charset=utf-8><p>\xe9t\xe9</p>";
        let (text, source, _) = decode_bytes(bytes, Some("text/html; charset=\"ISO-8859-1\""));
        assert_eq!(source, EncodingSource::Header);
        assert!(text.contains("été"));
    }

    #[test]
    fn meta_prescan_finds_both_forms() {
        let a = b"<html><head><meta charset='windows-1252'></head><p>caf\xe9</p>";
        let (text, source, _) = decode_bytes(a, None);
        assert_eq!(source, EncodingSource::Meta);
        assert!(text.contains("café"));
        let b = b"<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=KOI8-R\"><p>\xf0\xd2\xc9\xd7\xc5\xd4</p>";
        let (text, source, name) = decode_bytes(b, None);
        assert_eq!(source, EncodingSource::Meta);
        assert_eq!(name, "KOI8-R");
        assert!(text.contains("Привет"));
    }

    #[test]
    fn detector_used_when_nothing_declared() {
        let text = "Съешь же ещё этих мягких французских булок, да выпей чаю. ".repeat(20);
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(&text);
        let (out, source, name) = decode_bytes(&bytes, Some("text/html"));
        assert_eq!(source, EncodingSource::Detected);
        assert_eq!(name, "windows-1251");
        assert!(out.contains("французских"));
    }

    #[test]
    fn undeclared_valid_utf8_is_taken_as_utf8() {
        let (text, source, name) = decode_bytes("<p>naïve café — ünïcödé</p>".as_bytes(), None);
        assert_eq!(source, EncodingSource::Detected);
        assert_eq!(name, "UTF-8");
        assert!(text.contains("ünïcödé"));
    }

    #[test]
    fn meta_after_the_first_kilobyte_is_found() {
        let mut page = format!("<head>{}", "<meta name=x content=y>".repeat(200)).into_bytes();
        page.extend_from_slice(b"<meta charset=windows-1252><p>caf\xe9</p>");
        let (text, source, _) = decode_bytes(&page, None);
        assert_eq!(source, EncodingSource::Meta);
        assert!(text.contains("café"));
    }

    #[test]
    fn valid_utf8_overrides_a_stale_legacy_meta() {
        let page = "<meta charset=gb2312><p>腾讯科技讯 人工智能</p>".as_bytes();
        let (text, source, name) = decode_bytes(page, None);
        assert_eq!(name, "UTF-8");
        assert_eq!(source, EncodingSource::Detected);
        assert!(text.contains("人工智能"));
    }

    #[test]
    fn invalid_utf8_is_replaced_not_rejected() {
        let (text, _, _) = decode_bytes(b"<meta charset=utf-8><p>a\xff\xfeb</p>", None);
        assert!(text.contains('\u{FFFD}'));
    }

    #[test]
    fn binary_signatures_and_control_bytes_are_not_html() {
        assert_eq!(
            not_html(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Some("png image")
        );
        assert_eq!(not_html(b"%PDF-1.7 ..."), Some("pdf document"));
        assert_eq!(
            not_html(&[0u8, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0]),
            Some("binary data")
        );
        assert_eq!(not_html(b"<!doctype html><p>text</p>"), None);
        let utf16: Vec<u8> = [0xFF, 0xFE, b'<', 0, b'p', 0, b'>', 0].to_vec();
        assert_eq!(not_html(&utf16), None);
    }

    #[test]
    fn content_type_parameters() {
        assert_eq!(
            charset_of_content_type("text/html; Charset = UTF-8").map(|e| e.name()),
            Some("UTF-8")
        );
        assert!(charset_of_content_type("text/html").is_none());
        assert!(charset_of_content_type("text/html; charset=bogus").is_none());
    }
}
