//! Property tests: page decoding and extraction are total on arbitrary
//! bytes, strings and markup soup, and every article they produce holds
//! only absolute http(s) links (relative ones as written when the page
//! has no URL), no script or style content, and excerpts
//! that are whole characters. The fuzz targets in `fuzz/` drive the same
//! entry points without a time bound.

mod common;

use std::sync::{Arc, OnceLock};

use common::{check_article, config, SENTINEL};
use gleaner::{Config, Error, Extractor, Focus, Limits, Page, SiteMemory};
use proptest::prelude::*;

const BASES: &[Option<&str>] = &[
    None,
    Some("https://example.com/news/2024/story.html?x=1#top"),
    Some("http://[::1]:8080/a/b/"),
    Some("https://xn--r8jz45g.jp/記事"),
    Some("file:///etc/passwd"),
    Some("data:text/html,<p>x</p>"),
];

const CONTENT_TYPES: &[Option<&str>] = &[
    None,
    Some("text/html"),
    Some("text/html; charset=utf-8"),
    Some("text/html; charset=\"windows-1251\""),
    Some("text/html; charset=shift_jis"),
    Some("text/html; charset=utf-16le"),
    Some("text/html; charset=bogus; charset=iso-2022-jp"),
    Some(";;;charset="),
];

fn extractor(focus: u8, report: bool, small: Option<(usize, usize)>) -> Extractor {
    let focus = match focus % 3 {
        0 => Focus::Precision,
        1 => Focus::Balanced,
        _ => Focus::Recall,
    };
    let mut limits = Limits::default();
    if let Some((depth, nodes)) = small {
        limits = limits.max_depth(Some(depth)).max_nodes(Some(nodes));
    }
    Extractor::new(Config::new().focus(focus).report(report).limits(limits))
}

/// One memory shared by every case, so pages are also judged against
/// what earlier (random) pages of the same host taught it.
fn with_memory() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::default().with_memory(Arc::new(SiteMemory::new())))
}

/// Markup soup: tags of every parsing mode, broken attributes and
/// entities, unclosed and stray tags. `strong` leaves out what legitimately
/// turns a following `<script>` into text (`<title>`, `<textarea>`,
/// `<iframe>`, `<plaintext>`, `<xmp>`, `<noembed>`, `<noframes>`, unclosed
/// comments, a `</` or `<!` that makes the next tag a comment, a bare `<`
/// that makes the next word a tag name), so that script and style content
/// can be asserted absent.
fn soup(strong: bool) -> impl Strategy<Value = String> {
    let mut tokens: Vec<&'static str> = vec![
        "<div>", "</div>", "<p>", "</p>", "<span class=x>", "</span>", "<article>", "</article>",
        "<section id=main>", "</section>", "<nav>", "</nav>", "<header>", "</header>", "<footer>",
        "<aside>", "<main>", "<h1>", "</h1>", "<h2>", "<h3>", "<ul>", "<ol>", "<li>", "</li>",
        "<table>", "<tr>", "<td>", "<th>", "</td>", "</table>", "<tbody>", "<caption>", "<b>",
        "</b>", "<i>", "<em>", "</em>", "<strong>", "<a>", "</a>", "<font>", "<nobr>", "<u>",
        "<b id=1>", "<b id=2>", "<form>", "<select>", "<option>", "<input>", "<button>",
        "<svg>", "</svg>", "<math>", "<mi>", "<foreignObject>", "<template>", "</template>",
        "<frameset>", "<frame>", "<noscript>", "</noscript>", "<body>", "<html lang=fr>", "<head>",
        "<figure>", "<figcaption>", "<img src=/a.png>", "<img src=\"javascript:alert(1)\">",
        "<img data-src=//cdn.example/x.jpg width=10>", "<br>", "<hr/>", "<wbr>",
        "<a href=/rel>", "<a href=\"javascript:void(0)\">", "<a href=\"data:text/html,x\">",
        "<a href=\"//evil.example/p\">", "<a href=\"  https://ok.example/ x \">", "<a href=\"http://%zz\">",
        "<a href=\"mailto:x@y\">", "<a href=\"\\\\back\\slash\">", "<a href=\"http://[::1\">",
        "<a href=\"file:///etc/passwd\">", "<a href=ftp://x/>", "<a href=\"?q=1#f\">",
        "<blockquote>", "<pre>", "<code>", "<dl>", "<dt>", "<dd>", "<ruby>", "<rt>",
        "<meta charset=koi8-r>", "<meta property=og:title content=\"Og | Site\">",
        "<meta http-equiv=content-language content=de>", "<base href=http://base.example/>",
        "<div class=\"share social\">", "<div class=newsletter>", "<div hidden>",
        "<div style=\"display:none\">", "<div aria-hidden=true>", "<div role=navigation>",
        "<time datetime=\"2024-02-30T25:61:61+99:99\">", "<time datetime=\"\">",
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\"2024-13-45\",\"author\":[{\"name\":null}],\"headline\":{\"x\":[[[[]]]]}}</script>",
        "<script type=\"application/ld+json\">{\"@graph\":[{\"@type\":[\"Article\",1],\"dateModified\":1e999}]</script>",
        "&amp;", "&lt;", "&#0;", "&#x110000;", "&#xD800;", "&nbsp;", "&notanentity;", "&",
        "< ", ">", "\"", "'", "=", "<!DOCTYPE html>", "<!-- c -->", "<![CDATA[x]]>",
        "<?pi?>", "\u{0}", "\u{feff}", "\r\n", "\t", "  ", "\u{200b}", "\u{fffd}", "é", "ß", "日本語",
        "🦀", "\u{202e}", "…", "Read more", "Sign up for our newsletter", "Related stories",
        "The council met on Tuesday and agreed a budget for the coming year, after a long debate. ",
        "Residents said the plan was fair, though some asked for more money for the parks. ",
        "word ", "x",
    ];
    let scripts: Vec<String> = vec![
        // No tags in the code: inside <math> or <svg> a script is parsed as
        // markup, and a <p> there is a real paragraph.
        format!("<script>var {SENTINEL} = \"{SENTINEL}\";</script>"),
        format!("<style>.{SENTINEL} {{ content: \"{SENTINEL}\" }}</style>"),
        format!("<script type=module>if (a < b && c > d) {{ {SENTINEL}() }}</script>"),
        format!("<svg><style>.{SENTINEL}{{}}</style></svg>"),
        format!("<script><!-- {SENTINEL} --></script>"),
    ];
    if !strong {
        tokens.extend([
            "<title>",
            "</title>",
            "<textarea>",
            "</textarea>",
            "<iframe>",
            "</iframe>",
            "<",
            "</",
            "<!",
            "<plaintext>",
            "<xmp>",
            "</xmp>",
            "<noembed>",
            "<noframes>",
            "<!--",
            "-->",
            "<listing>",
        ]);
    }
    let tokens: Vec<String> = tokens.into_iter().map(String::from).collect();
    let all: Vec<String> = tokens.into_iter().chain(scripts).collect();
    prop::collection::vec(prop::sample::select(all), 0..120).prop_map(|v| v.concat())
}

/// A well-formed page: a tree of block and inline elements with escaped
/// text, scripts and styles in between, and links of every kind.
fn tree() -> impl Strategy<Value = String> {
    let text = "[a-zA-Z0-9 .,;:!?'éß日…\u{a0}<>&\"]{0,80}".prop_map(|t| {
        t.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    });
    let href = prop::sample::select(vec![
        "/a/b",
        "rel/c?d=e",
        "https://ok.example/x",
        "http://ok.example",
        "javascript:x()",
        "data:,x",
        "//proto.example/rel",
        "#frag",
        "",
        " ",
        "mailto:me@x",
        "ftp://f/x",
        "http://",
        "https://[fe80::1]/",
        "\u{0}",
        "%",
        "..",
        "\\\\",
        "tel:+1",
    ]);
    let leaf = prop_oneof![
        4 => text.clone(),
        1 => (href.clone(), text.clone()).prop_map(|(h, t)| format!("<a href=\"{h}\">{t}</a>")),
        1 => href.clone().prop_map(|h| format!("<img src=\"{h}\" alt=x>")),
        1 => Just(format!("<script>var {SENTINEL}=1; if (a<b) {{}}</script>")),
        1 => Just(format!("<style>.{SENTINEL} {{ color: red }}</style>")),
    ];
    let tags = prop::sample::select(vec![
        "div",
        "p",
        "section",
        "article",
        "main",
        "aside",
        "nav",
        "header",
        "footer",
        "span",
        "ul",
        "li",
        "ol",
        "table",
        "td",
        "blockquote",
        "figure",
        "figcaption",
        "h1",
        "h2",
        "em",
        "a",
        "b",
        "form",
        "noscript",
        "template",
        "select",
        "button",
    ]);
    let classes = prop::sample::select(vec![
        "",
        " class=content",
        " class=\"related-posts\"",
        " class=share",
        " id=comments",
        " role=main",
        " hidden",
        " class=newsletter",
        " itemprop=articleBody",
    ]);
    let body = leaf.prop_recursive(6, 200, 8, move |inner| {
        (
            tags.clone(),
            classes.clone(),
            prop::collection::vec(inner, 0..8),
        )
            .prop_map(|(t, c, kids)| format!("<{t}{c}>{}</{t}>", kids.concat()))
    });
    (text, body).prop_map(|(title, body)| {
        format!("<!DOCTYPE html><html><head><title>{title}</title><script>{SENTINEL}</script></head><body>{body}</body></html>")
    })
}

fn page_with<'a>(page: Page<'a>, base: Option<&str>, ct: Option<&str>) -> Page<'a> {
    let page = match base {
        Some(b) => page.with_url(b).expect("the bases parse"),
        None => page,
    };
    match ct {
        Some(ct) => page.with_content_type(ct),
        None => page,
    }
}

/// Runs one extraction and checks the outcome: an article that satisfies
/// every invariant, or one of the typed refusals with a useful message.
fn extract_and_check(
    ex: &Extractor,
    page: &Page<'_>,
    script_free: bool,
) -> Result<(), TestCaseError> {
    match ex.extract(page) {
        Ok(article) => {
            check_article(&article, script_free).map_err(TestCaseError::fail)?;
            prop_assert_eq!(article.url.as_ref(), page.url());
        }
        Err(Error::NotHtml { .. }) => {}
        Err(e) => prop_assert!(false, "unexpected error {e}"),
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn arbitrary_bytes_are_total(
        bytes in prop::collection::vec(any::<u8>(), 0..4096),
        base in prop::sample::select(BASES),
        ct in prop::sample::select(CONTENT_TYPES),
        focus in any::<u8>(),
    ) {
        let ex = extractor(focus, focus % 2 == 0, None);
        let page = page_with(Page::bytes(&bytes[..]), base, ct);
        extract_and_check(&ex, &page, false)?;
    }

    #[test]
    fn arbitrary_strings_are_total(text in any::<String>(), base in prop::sample::select(BASES)) {
        let ex = Extractor::default();
        let page = page_with(Page::html(text.as_str()), base, None);
        extract_and_check(&ex, &page, false)?;
    }

    #[test]
    fn markup_soup_is_total(
        html in soup(false),
        base in prop::sample::select(BASES),
        focus in any::<u8>(),
        small in prop::option::of((1usize..40, 1usize..400)),
    ) {
        let ex = extractor(focus, true, small);
        extract_and_check(&ex, &page_with(Page::html(html.as_str()), base, None), false)?;
        // The same markup as bytes in a legacy charset goes through decoding.
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&html);
        let page = page_with(Page::bytes(&bytes[..]), base, Some("text/html; charset=windows-1252"));
        extract_and_check(&ex, &page, false)?;
    }

    #[test]
    fn soup_never_yields_script_or_style(
        html in soup(true),
        base in prop::sample::select(BASES),
        focus in any::<u8>(),
        small in prop::option::of((1usize..40, 1usize..400)),
    ) {
        let ex = extractor(focus, focus % 2 == 0, small);
        extract_and_check(&ex, &page_with(Page::html(html.as_str()), base, None), true)?;
    }

    #[test]
    fn generated_pages_never_yield_script_or_style(
        html in tree(),
        base in prop::sample::select(BASES),
        focus in any::<u8>(),
        small in prop::option::of((1usize..12, 1usize..200)),
    ) {
        let ex = extractor(focus, true, small);
        extract_and_check(&ex, &page_with(Page::html(html.as_str()), base, None), true)?;
    }

    #[test]
    fn site_memory_is_total(html in tree(), n in 0u8..4) {
        let url = format!("https://memory.example/{n}/{}", html.len());
        let page = Page::html(html.as_str()).with_url(&url).unwrap();
        let ex = with_memory();
        let _ = ex.learn(&page);
        extract_and_check(ex, &page, true)?;
    }

    /// The byte limit refuses exactly the inputs over it, and says so.
    #[test]
    fn byte_limit_is_exact_and_named(len in 0usize..2000, limit in 0usize..2000, labelled in any::<bool>()) {
        let html = "x".repeat(len);
        let ex = Extractor::new(Config::new().limits(Limits::default().max_bytes(Some(limit))));
        let page = if labelled {
            Page::html(html.as_str()).with_url("https://example.com/big").unwrap()
        } else {
            Page::html(html.as_str()).with_label("big.html")
        };
        match ex.extract(&page) {
            Ok(_) => prop_assert!(len <= limit),
            Err(e @ Error::TooLarge { .. }) => {
                prop_assert!(len > limit);
                let msg = e.to_string();
                prop_assert!(msg.contains(&limit.to_string()) && msg.contains(&len.to_string()), "{}", msg);
                prop_assert!(msg.contains(if labelled { "https://example.com/big" } else { "big.html" }), "{}", msg);
            }
            Err(e) => prop_assert!(false, "{e}"),
        }
    }

    /// Any string given as a URL is accepted or refused with a typed
    /// error that quotes it.
    #[test]
    fn page_urls_are_total(url in any::<String>()) {
        match Page::html("").with_url(&url) {
            Ok(p) => prop_assert!(p.url().is_some()),
            Err(e @ Error::InvalidUrl { .. }) => prop_assert!(e.to_string().contains(&format!("{url:?}")), "{}", e),
            Err(e) => prop_assert!(false, "{e}"),
        }
    }
}

/// The removal excerpt stops at 160 whole characters, multi-byte ones included.
#[test]
fn excerpts_are_cut_on_characters() {
    for ch in ["é", "日", "🦀", "a"] {
        let long = ch.repeat(400);
        let html = format!(
            "<html><body><nav>{long}</nav><article><p>The council met on Tuesday and agreed a budget \
             for the coming year, after a long debate about the parks.</p></article></body></html>"
        );
        let article = gleaner::extract(&html).unwrap();
        let nav = article
            .removed()
            .iter()
            .find(|r| r.text.starts_with(ch))
            .expect("the nav is reported");
        assert_eq!(nav.text.chars().count(), 160, "{ch}");
        assert!(long.starts_with(&nav.text));
    }
}
