//! WARC files from Python: `gleaner.read_warc` (the HTML responses as
//! `(url, headers, body)`) and the iterator behind `Extractor.extract_warc`.

use std::collections::VecDeque;
use std::fs::File;
use std::path::PathBuf;

use gleaner::warc::{Response, Skip, WarcCounts, WarcReader};
use gleaner::{Extractor, Timestamp};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};
use pyo3::IntoPyObjectExt;

use crate::article::PyArticle;
use crate::errors::{to_py, to_value};
use crate::parallel;

/// How many records each thread gets per batch of `extract_warc`.
const BATCH_PER_THREAD: usize = 16;

/// What to do with a truncated or corrupt record.
#[derive(Clone, Copy)]
enum OnError {
    Skip,
    Raise,
}

/// Iterates the HTML responses (status 200) of a WARC or WARC.gz file as
/// `(url, headers, body)`: the record's target URL, the HTTP headers as a
/// dict (repeated headers joined with ", "), and the body as bytes
/// (de-chunked and decompressed).
///
/// The file is streamed one record at a time. Other records are skipped and
/// counted; a truncated or corrupt record is skipped too (`errors="skip"`,
/// counted under "errors") or raises `WarcError` (`errors="raise"`; the
/// next call goes on after it). Raises `IoError` when the file cannot be
/// opened.
#[pyfunction]
#[pyo3(signature = (path, errors = "skip"))]
pub fn read_warc(path: PathBuf, errors: &str) -> PyResult<WarcRecords> {
    let on_error = match errors {
        "skip" => OnError::Skip,
        "raise" => OnError::Raise,
        other => {
            return Err(PyValueError::new_err(format!(
                "errors must be 'skip' or 'raise', not {other:?}"
            )))
        }
    };
    let reader = WarcReader::open(&path).map_err(to_py)?;
    Ok(WarcRecords { reader, on_error })
}

/// The iterator `read_warc` returns; `counts` says what it has read so far.
#[pyclass(module = "gleaner")]
pub struct WarcRecords {
    reader: WarcReader<File>,
    on_error: OnError,
}

#[pymethods]
impl WarcRecords {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&mut self, py: Python<'py>) -> PyResult<Option<Record<'py>>> {
        loop {
            let reader = &mut self.reader;
            match py.detach(|| reader.next()) {
                None => return Ok(None),
                Some(Ok(r)) => return record(py, r).map(Some),
                Some(Err(e)) => match self.on_error {
                    OnError::Skip => continue,
                    OnError::Raise => return Err(to_py(e)),
                },
            }
        }
    }

    /// Records read so far: `records`, `responses` (HTML pages yielded),
    /// `errors`, and `skipped` by reason (`not_response`, `status`,
    /// `not_html`, `too_large`).
    #[getter]
    fn counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        counts(py, self.reader.counts())
    }
}

/// What `read_warc` yields: the URL, the HTTP headers, the body.
type Record<'py> = (String, Bound<'py, PyDict>, Bound<'py, PyBytes>);

fn record(py: Python<'_>, r: Response) -> PyResult<Record<'_>> {
    let headers = PyDict::new(py);
    for (name, value) in &r.headers {
        let joined = match headers.get_item(name)? {
            Some(before) => format!("{}, {value}", before.extract::<String>()?),
            None => value.clone(),
        };
        headers.set_item(name, joined)?;
    }
    let url = r.url.to_string();
    let body = PyBytes::new(py, r.body());
    Ok((url, headers, body))
}

pub(crate) fn counts<'py>(py: Python<'py>, c: &WarcCounts) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("records", c.records)?;
    d.set_item("responses", c.responses)?;
    d.set_item("errors", c.errors)?;
    let skipped = PyDict::new(py);
    for reason in Skip::ALL {
        skipped.set_item(reason.name(), c.skipped(reason))?;
    }
    d.set_item("skipped", skipped)?;
    Ok(d)
}

/// What one record gave.
type Outcome = gleaner::Result<(gleaner::Article, Option<Timestamp>)>;

/// The iterator `Extractor.extract_warc` returns: articles (or errors) in
/// file order; `counts` says what has been read so far.
#[pyclass(module = "gleaner")]
pub struct WarcArticles {
    reader: WarcReader<File>,
    extractor: Extractor,
    threads: usize,
    ready: VecDeque<Outcome>,
}

impl WarcArticles {
    pub(crate) fn new(reader: WarcReader<File>, extractor: Extractor, threads: usize) -> Self {
        WarcArticles {
            reader,
            extractor,
            threads,
            ready: VecDeque::new(),
        }
    }

    /// Reads the next batch of records and extracts them on every thread.
    fn fill(&mut self) {
        let batch: Vec<_> = self
            .reader
            .by_ref()
            .take(self.threads * BATCH_PER_THREAD)
            .collect();
        let extractor = &self.extractor;
        let extracted = parallel::map_ordered(&batch, self.threads, |record| {
            let r = record.as_ref().ok()?;
            Some(extractor.extract(&r.page()).map(|a| (a, r.date)))
        });
        for (record, result) in batch.into_iter().zip(extracted) {
            match (record, result) {
                (Err(e), _) => self.ready.push_back(Err(e)),
                (Ok(_), Some(result)) => self.ready.push_back(result),
                (Ok(_), None) => {} // every response has its result
            }
        }
    }
}

#[pymethods]
impl WarcArticles {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        if self.ready.is_empty() {
            py.detach(|| self.fill());
        }
        match self.ready.pop_front() {
            None => Ok(None),
            Some(Ok((article, date))) => PyArticle::new(article, date).into_py_any(py).map(Some),
            Some(Err(e)) => Ok(Some(to_value(py, e))),
        }
    }

    /// Records read so far (read ahead of the articles yielded, by up to
    /// one batch): `records`, `responses`, `errors`, and `skipped` by reason.
    #[getter]
    fn counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        counts(py, self.reader.counts())
    }
}
