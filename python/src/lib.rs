//! gleaner for Python: clean articles from web pages and WARC files.
//!
//! The extension module `gleaner._gleaner`, re-exported by the `gleaner`
//! package (`python/gleaner/__init__.py`); its API is described in
//! `python/gleaner/__init__.pyi`.

mod article;
mod compat;
mod errors;
mod extractor;
mod parallel;
mod warc;

use pyo3::prelude::*;

/// gleaner: clean articles from web pages and WARC files.
#[pymodule]
mod _gleaner {
    #[pymodule_export]
    use super::article::PyArticle;
    #[pymodule_export]
    use super::compat::extract;
    #[pymodule_export]
    use super::errors::{Error, InvalidUrlError, IoError, NotHtmlError, TooLargeError, WarcError};
    #[pymodule_export]
    use super::extractor::PyExtractor;
    #[pymodule_export]
    use super::warc::{read_warc, WarcArticles, WarcRecords};

    use pyo3::prelude::*;

    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add("__version__", env!("CARGO_PKG_VERSION"))?;
        m.add("FIELDS", super::article::FIELDS.to_vec())?;
        Ok(())
    }
}
