//! `gleaner.extract`: the call trafilatura users already write, so that
//! swapping `trafilatura.extract` for `gleaner.extract` is a one-line change.

use gleaner::{Article, Config, Extractor, Focus, Timestamp};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use serde_json::json;

use crate::extractor::{Html, Input};

/// The output formats, by trafilatura's names.
#[derive(Clone, Copy)]
enum Format {
    Text,
    Markdown,
    Html,
    Json,
}

impl Format {
    fn parse(name: &str) -> PyResult<Format> {
        match name {
            "txt" => Ok(Format::Text),
            "markdown" => Ok(Format::Markdown),
            "html" => Ok(Format::Html),
            "json" => Ok(Format::Json),
            other => Err(PyValueError::new_err(format!(
                "output_format must be 'txt', 'markdown', 'html' or 'json', not {other:?}"
            ))),
        }
    }
}

/// Extracts the main text of a page, the way `trafilatura.extract` does:
/// returns a `str`, or `None` when the page has no main text or is refused
/// (too large, not HTML) — use `Extractor.extract` to learn why.
///
/// `html` is `str` or `bytes`; `url` makes links absolute (one that does
/// not parse, such as `""`, is ignored, as trafilatura does). `output_format`
/// is "txt" (the default), "markdown", "html" or "json" (a JSON object with
/// trafilatura's keys: title, author, hostname, date, source,
/// source-hostname, excerpt, categories, tags, language, image, id, text,
/// raw_text). `favor_precision` / `favor_recall` choose the focus (not
/// both). `include_links` and `include_images` keep links and images in
/// the Markdown and HTML (off by default, as in trafilatura).
/// `with_metadata` puts metadata lines (between `---` lines) before "txt"
/// and "markdown" output; `only_with_metadata` returns `None` for a page
/// without a title or a date; `target_language` (an ISO 639-1 code)
/// returns `None` for a page in another language.
///
/// Accepted for compatibility, with no effect: `record_id` (copied into the
/// JSON's "id"), `fast`, `no_fallback`, `include_comments` (gleaner always
/// leaves comment sections out), `include_tables` (tables' text is kept),
/// `include_formatting` (the Markdown always has it), `deduplicate`.
#[pyfunction]
#[pyo3(signature = (
    html,
    url = None,
    *,
    output_format = "txt",
    favor_precision = false,
    favor_recall = false,
    include_links = false,
    include_images = false,
    with_metadata = false,
    only_with_metadata = false,
    target_language = None,
    record_id = None,
    fast = false,
    no_fallback = false,
    include_comments = true,
    include_tables = true,
    include_formatting = false,
    deduplicate = false,
))]
#[allow(clippy::too_many_arguments, unused_variables)]
pub fn extract(
    py: Python<'_>,
    html: &Bound<'_, PyAny>,
    url: Option<String>,
    output_format: &str,
    favor_precision: bool,
    favor_recall: bool,
    include_links: bool,
    include_images: bool,
    with_metadata: bool,
    only_with_metadata: bool,
    target_language: Option<String>,
    record_id: Option<String>,
    fast: bool,
    no_fallback: bool,
    include_comments: bool,
    include_tables: bool,
    include_formatting: bool,
    deduplicate: bool,
) -> PyResult<Option<String>> {
    let format = Format::parse(output_format)?;
    let focus = match (favor_precision, favor_recall) {
        (false, false) => Focus::Balanced,
        (true, false) => Focus::Precision,
        (false, true) => Focus::Recall,
        (true, true) => {
            return Err(PyValueError::new_err(
                "favor_precision and favor_recall cannot both be set",
            ))
        }
    };
    let config = Config::new()
        .focus(focus)
        .links(include_links)
        .images(include_images)
        .report(false);
    // trafilatura reads a page whatever its `url` says (an empty string
    // from a crawl record, a relative path): an address that does not
    // parse is left out, and links stay as the page wrote them.
    let url = url.filter(|u| gleaner::Page::html("").with_url(u).is_ok());
    let input = Input::new(Html::from_py(html)?, url);
    let extractor = Extractor::new(config);
    let Ok(article) = py.detach(|| input.extract(&extractor)) else {
        return Ok(None);
    };
    if article.is_empty()
        || (only_with_metadata && (article.title.is_none() || article.published.is_none()))
        || target_language.is_some_and(|want| !same_language(article.language.as_deref(), &want))
    {
        return Ok(None);
    }
    Ok(Some(match format {
        Format::Text if with_metadata => format!("{}{}", header(&article), article.text),
        Format::Markdown if with_metadata => format!("{}{}", header(&article), article.markdown),
        Format::Text => article.text,
        Format::Markdown => article.markdown,
        Format::Html => article.html,
        Format::Json => to_json(&article, record_id.as_deref()),
    }))
}

/// Whether a BCP 47 tag names the language of an ISO 639-1 code.
fn same_language(tag: Option<&str>, code: &str) -> bool {
    tag.and_then(|t| t.split(['-', '_']).next())
        .is_some_and(|primary| primary.eq_ignore_ascii_case(code))
}

/// The date as trafilatura writes it: the calendar day.
fn day(t: Option<Timestamp>) -> Option<String> {
    t.map(|t| t.date().format("%Y-%m-%d").to_string())
}

/// The metadata lines trafilatura's `with_metadata` puts before the text.
fn header(a: &Article) -> String {
    let mut lines = vec!["---".to_string()];
    let mut add = |name: &str, value: Option<String>| {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            lines.push(format!("{name}: {v}"));
        }
    };
    add("title", a.title.clone());
    add("author", Some(a.authors.join("; ")));
    add("url", a.url.as_ref().map(|u| u.to_string()));
    add(
        "hostname",
        a.url
            .as_ref()
            .and_then(|u| u.host_str().map(str::to_string)),
    );
    add("description", a.description.clone());
    add("sitename", a.site_name.clone());
    add("date", day(a.published));
    add("tags", Some(a.tags.join(", ")));
    lines.push("---\n".to_string());
    lines.join("\n")
}

/// The JSON object of trafilatura's "json" output, filled from the article.
fn to_json(a: &Article, record_id: Option<&str>) -> String {
    let authors = (!a.authors.is_empty()).then(|| a.authors.join("; "));
    json!({
        "title": a.title,
        "author": authors,
        "hostname": a.url.as_ref().and_then(|u| u.host_str()),
        "date": day(a.published),
        "id": record_id,
        "source": a.url.as_ref().map(|u| u.as_str()),
        "source-hostname": a.site_name,
        "excerpt": a.description,
        "categories": "",
        "tags": a.tags.join(","),
        "language": a.language,
        "image": a.image.as_ref().map(|u| u.as_str()),
        "text": a.text,
        "raw_text": a.text,
    })
    .to_string()
}
