//! `gleaner.Article`: the crate's article as Python reads it. Its fields are
//! listed once, in [`fields!`] below: their names, and how each becomes a
//! Python value (on access, so unread fields cost nothing).

use gleaner::{Article, MetaSource, Timestamp};
use pyo3::exceptions::PyAttributeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use pyo3::IntoPyObjectExt;

/// A clean article: the main content of a page and what is known about it.
///
/// Every field is an attribute (`article.title`); `to_dict()` returns them
/// all, `url` included. Dates are `datetime.datetime` (with its offset when
/// the page gave one) or `datetime.date` when the page gave a date only.
#[pyclass(module = "gleaner", name = "Article", frozen)]
pub struct PyArticle {
    article: Article,
    /// When the page was fetched, for a page read from a WARC record.
    warc_date: Option<Timestamp>,
}

impl PyArticle {
    pub(crate) fn new(article: Article, warc_date: Option<Timestamp>) -> Self {
        PyArticle { article, warc_date }
    }
}

/// Declares the fields: `FIELDS` (their names, in order) and `field`
/// (one field's Python value), from one list.
macro_rules! fields {
    ($($name:literal => |$a:ident, $py:ident| $value:expr,)*) => {
        /// Every field's name, in the order `to_dict()` lists them.
        pub(crate) const FIELDS: &[&str] = &[$($name),*];

        /// The Python value of the field called `name`, if there is one.
        fn field<'py>(py: Python<'py>, it: &PyArticle, name: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
            Ok(Some(match name {
                $($name => {
                    let ($a, $py) = (it, py);
                    ($value).into_bound_py_any(py)?
                })*
                _ => return Ok(None),
            }))
        }
    };
}

fields! {
    "url" => |it, _py| it.article.url.as_ref().map(|u| u.as_str()),
    "title" => |it, _py| it.article.title.as_deref(),
    "authors" => |it, _py| &it.article.authors[..],
    "byline" => |it, _py| it.article.byline.as_deref(),
    "published" => |it, py| timestamp(py, it.article.published)?,
    "modified" => |it, py| timestamp(py, it.article.modified)?,
    "site_name" => |it, _py| it.article.site_name.as_deref(),
    "language" => |it, _py| it.article.language.as_deref(),
    "language_confidence" => |it, _py| it.article.language_confidence,
    "description" => |it, _py| it.article.description.as_deref(),
    "canonical_url" => |it, _py| it.article.canonical_url.as_ref().map(|u| u.as_str()),
    "image" => |it, _py| it.article.image.as_ref().map(|u| u.as_str()),
    "tags" => |it, _py| &it.article.tags[..],
    "paywalled" => |it, _py| it.article.paywalled,
    "text" => |it, _py| it.article.text.as_str(),
    "markdown" => |it, _py| it.article.markdown.as_str(),
    "html" => |it, _py| it.article.html.as_str(),
    "word_count" => |it, _py| it.article.word_count,
    "page_type" => |it, _py| it.article.page_type.name(),
    "page_type_confidence" => |it, _py| it.article.page_type_confidence,
    "fallback" => |it, _py| it.article.fallback.map(|f| f.to_string()),
    "reading_minutes" => |it, _py| it.article.reading_time().as_secs() / 60,
    "lead_image" => |it, py| match &it.article.lead_image {
        Some(i) => image(py, i)?.into_any(),
        None => py.None().into_bound(py),
    },
    "images" => |it, py| list(py, &it.article.images, image)?,
    "links" => |it, py| list(py, &it.article.links, |py, l| {
        let d = PyDict::new(py);
        d.set_item("url", l.url.as_str())?;
        d.set_item("text", &l.text)?;
        Ok(d)
    })?,
    "removed" => |it, py| list(py, &it.article.removed, |py, r| {
        let d = PyDict::new(py);
        d.set_item("rule", r.rule.name())?;
        d.set_item("tag", &r.tag)?;
        d.set_item("text", &r.text)?;
        Ok(d)
    })?,
    "meta_sources" => |it, py| meta_sources(py, &it.article)?,
    "encoding" => |it, _py| it.article.encoding.name.as_str(),
    "warc_date" => |it, py| timestamp(py, it.warc_date)?,
}

#[pymethods]
impl PyArticle {
    fn __getattr__<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
        field(py, self, name)?.ok_or_else(|| {
            PyAttributeError::new_err(format!("'Article' object has no attribute {name:?}"))
        })
    }

    fn __dir__(&self) -> Vec<&'static str> {
        let mut names = FIELDS.to_vec();
        names.push("to_dict");
        names
    }

    /// Every field in a new dict, `url` included.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for name in FIELDS {
            d.set_item(name, field(py, self, name)?)?;
        }
        Ok(d)
    }

    fn __repr__(&self) -> String {
        format!(
            "Article(url={:?}, title={:?}, word_count={})",
            self.article.url.as_ref().map(|u| u.as_str()),
            self.article.title,
            self.article.word_count
        )
    }
}

/// A date as Python's `datetime.date`, a date and time as
/// `datetime.datetime` (aware when the page gave an offset), or `None`.
pub(crate) fn timestamp(py: Python<'_>, t: Option<Timestamp>) -> PyResult<Bound<'_, PyAny>> {
    match t {
        None => Ok(py.None().into_bound(py)),
        Some(Timestamp::Date(d)) => d.into_bound_py_any(py),
        Some(Timestamp::DateTime(t)) => t.into_bound_py_any(py),
        Some(Timestamp::Local(t)) => t.into_bound_py_any(py),
        Some(other) => other.to_rfc3339().into_bound_py_any(py),
    }
}

fn image<'py>(py: Python<'py>, i: &gleaner::Image) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("url", i.url.as_str())?;
    d.set_item("alt", i.alt.as_deref())?;
    d.set_item("caption", i.caption.as_deref())?;
    Ok(d)
}

fn list<'py, T>(
    py: Python<'py>,
    items: &[T],
    each: impl Fn(Python<'py>, &T) -> PyResult<Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyList>> {
    let l = PyList::empty(py);
    for item in items {
        l.append(each(py, item)?)?;
    }
    Ok(l)
}

/// Where each metadata field came from, by field name (`None` where empty).
fn meta_sources<'py>(py: Python<'py>, a: &Article) -> PyResult<Bound<'py, PyDict>> {
    let s = &a.meta_sources;
    let d = PyDict::new(py);
    for (name, source) in [
        ("title", s.title),
        ("authors", s.authors),
        ("published", s.published),
        ("modified", s.modified),
        ("site_name", s.site_name),
        ("language", s.language),
        ("description", s.description),
        ("canonical_url", s.canonical_url),
        ("image", s.image),
        ("tags", s.tags),
        ("paywalled", s.paywalled),
    ] {
        d.set_item(name, source.map(MetaSource::name))?;
    }
    Ok(d)
}
