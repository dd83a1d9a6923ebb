//! `gleaner.Extractor`: a configured extractor for one page, many pages on
//! every core, or the pages of a WARC file.

use std::path::PathBuf;

use gleaner::warc::WarcReader;
use gleaner::{Config, Extractor, Focus, Limits, Page};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyString, PyTuple};
use pyo3::IntoPyObjectExt;

use crate::article::PyArticle;
use crate::errors::{to_py, to_value};
use crate::parallel;
use crate::warc::WarcArticles;

/// The markup of a page: text, or bytes in any charset.
pub(crate) enum Html {
    Text(String),
    Bytes(Vec<u8>),
}

impl Html {
    /// Reads `str`, `bytes` or `bytearray`.
    pub(crate) fn from_py(obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        if obj.is_instance_of::<PyString>() {
            Ok(Html::Text(obj.extract()?))
        } else if let Ok(b) = obj.cast::<PyBytes>() {
            Ok(Html::Bytes(b.as_bytes().to_vec()))
        } else if let Ok(b) = obj.cast::<PyByteArray>() {
            Ok(Html::Bytes(b.to_vec()))
        } else {
            Err(PyTypeError::new_err(format!(
                "html must be str or bytes, not {}",
                obj.get_type().name()?
            )))
        }
    }
}

/// One page to extract, owned, so that it can cross threads.
pub(crate) struct Input {
    html: Html,
    url: Option<String>,
}

impl Input {
    pub(crate) fn new(html: Html, url: Option<String>) -> Self {
        Input { html, url }
    }

    /// Reads an item of `extract_many`: the markup, or a `(markup, url)` pair.
    fn from_py(obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        if let Ok(pair) = obj.cast::<PyTuple>() {
            if pair.len() != 2 {
                return Err(PyTypeError::new_err(
                    "a page is html, or a (html, url) pair",
                ));
            }
            let html = Html::from_py(&pair.get_item(0)?)?;
            let url: Option<String> = pair.get_item(1)?.extract()?;
            return Ok(Input { html, url });
        }
        Ok(Input {
            html: Html::from_py(obj)?,
            url: None,
        })
    }

    /// Extracts the article (the GIL need not be held).
    pub(crate) fn extract(&self, extractor: &Extractor) -> gleaner::Result<gleaner::Article> {
        let page = match &self.html {
            Html::Text(t) => Page::html(t.as_str()),
            Html::Bytes(b) => Page::bytes(&b[..]),
        };
        let page = match &self.url {
            Some(u) => page.with_url(u)?,
            None => page,
        };
        extractor.extract(&page)
    }
}

/// Reads a focus name.
pub(crate) fn focus(name: &str) -> PyResult<Focus> {
    match name {
        "balanced" => Ok(Focus::Balanced),
        "precision" => Ok(Focus::Precision),
        "recall" => Ok(Focus::Recall),
        other => Err(PyValueError::new_err(format!(
            "focus must be 'balanced', 'precision' or 'recall', not {other:?}"
        ))),
    }
}

/// A configured extractor: build it once, use it for every page (it can be
/// shared by threads).
///
/// `focus` leans towards keeping less ("precision") or more ("recall")
/// when a block could be either article or boilerplate. `max_bytes`,
/// `max_depth` and `max_nodes` bound the work one page may cause (`None`
/// lifts a limit). `links` and `images` say whether the Markdown and HTML
/// keep links and images; `report` whether `Article.removed` lists what was
/// removed and why.
#[pyclass(module = "gleaner", name = "Extractor", frozen)]
pub struct PyExtractor {
    inner: Extractor,
}

#[pymethods]
impl PyExtractor {
    #[new]
    #[pyo3(signature = (
        *,
        focus = "balanced",
        max_bytes = Limits::default().max_bytes,
        max_depth = Limits::default().max_depth,
        max_nodes = Limits::default().max_nodes,
        links = true,
        images = true,
        report = true,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        focus: &str,
        max_bytes: Option<usize>,
        max_depth: Option<usize>,
        max_nodes: Option<usize>,
        links: bool,
        images: bool,
        report: bool,
    ) -> PyResult<Self> {
        let limits = Limits::default()
            .max_bytes(max_bytes)
            .max_depth(max_depth)
            .max_nodes(max_nodes);
        let config = Config::new()
            .focus(self::focus(focus)?)
            .limits(limits)
            .links(links)
            .images(images)
            .report(report);
        Ok(PyExtractor {
            inner: Extractor::new(config),
        })
    }

    /// Extracts the article of one page.
    ///
    /// `html` is `str`, or `bytes` in any charset (decoded from a BOM, a
    /// `<meta>` declaration, else detected). `url` makes links absolute.
    /// Raises `TooLargeError` or `NotHtmlError` when the input is refused,
    /// `InvalidUrlError` for a bad URL. The GIL is released meanwhile.
    #[pyo3(signature = (html, url = None))]
    fn extract(
        &self,
        py: Python<'_>,
        html: &Bound<'_, PyAny>,
        url: Option<String>,
    ) -> PyResult<PyArticle> {
        let input = Input::new(Html::from_py(html)?, url);
        let extractor = &self.inner;
        let article = py.detach(|| input.extract(extractor)).map_err(to_py)?;
        Ok(PyArticle::new(article, None))
    }

    /// Extracts many pages on `threads` threads (default: one per core),
    /// with the GIL released.
    ///
    /// `pages` is an iterable of `str` / `bytes`, or of `(html, url)`
    /// pairs. Returns a list in the order of `pages`: an `Article` for each
    /// page, or the `gleaner.Error` it failed with (returned, not raised).
    #[pyo3(signature = (pages, threads = None))]
    fn extract_many(
        &self,
        py: Python<'_>,
        pages: &Bound<'_, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Vec<Py<PyAny>>> {
        let threads = check_threads(threads)?;
        let inputs = pages
            .try_iter()?
            .map(|p| Input::from_py(&p?))
            .collect::<PyResult<Vec<_>>>()?;
        let extractor = &self.inner;
        let results =
            py.detach(|| parallel::map_ordered(&inputs, threads, |input| input.extract(extractor)));
        drop(inputs);
        results
            .into_iter()
            .map(|r| match r {
                Ok(a) => PyArticle::new(a, None).into_py_any(py),
                Err(e) => Ok(to_value(py, e)),
            })
            .collect()
    }

    /// Iterates the articles of the HTML pages of a WARC or WARC.gz file,
    /// extracted on `threads` threads (default: one per core) with the GIL
    /// released, in file order.
    ///
    /// Each item is an `Article` (with the record's URL, and its date as
    /// `warc_date`) or, for a truncated or corrupt record or a page that
    /// failed, the `gleaner.Error` (returned, not raised). Records that are
    /// not HTML responses with status 200 are skipped and counted in
    /// `counts`. Raises `IoError` when the file cannot be opened.
    #[pyo3(signature = (path, threads = None))]
    fn extract_warc(&self, path: PathBuf, threads: Option<usize>) -> PyResult<WarcArticles> {
        let threads = check_threads(threads)?;
        let reader = WarcReader::open(&path).map_err(to_py)?;
        Ok(WarcArticles::new(reader, self.inner.clone(), threads))
    }

    fn __repr__(&self) -> String {
        format!("Extractor({:?})", self.inner.config())
    }
}

/// `threads` as given (at least one), else one per core.
fn check_threads(threads: Option<usize>) -> PyResult<usize> {
    if threads == Some(0) {
        return Err(PyValueError::new_err("threads must be at least 1"));
    }
    Ok(parallel::threads(threads))
}
