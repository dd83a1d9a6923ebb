//! gleaner's errors as Python exceptions: one class per kind a caller may
//! want to catch, all under `gleaner.Error`, each carrying the message of
//! the Rust error.

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;

create_exception!(
    gleaner,
    Error,
    PyException,
    "Base class of every error gleaner raises or returns."
);
create_exception!(
    gleaner,
    TooLargeError,
    Error,
    "The input is larger than the extractor's `max_bytes`."
);
create_exception!(
    gleaner,
    NotHtmlError,
    Error,
    "The bytes are not an HTML document (an image, a PDF...)."
);
create_exception!(
    gleaner,
    InvalidUrlError,
    Error,
    "A URL could not be parsed."
);
create_exception!(gleaner, IoError, Error, "A file could not be read.");
create_exception!(
    gleaner,
    WarcError,
    Error,
    "A WARC record is truncated or corrupt (reading goes on at the next record)."
);

/// The exception for an error of the crate, with its message.
pub(crate) fn to_py(e: gleaner::Error) -> PyErr {
    let message = e.to_string();
    match e {
        gleaner::Error::TooLarge { .. } => TooLargeError::new_err(message),
        gleaner::Error::NotHtml { .. } => NotHtmlError::new_err(message),
        gleaner::Error::InvalidUrl { .. } => InvalidUrlError::new_err(message),
        gleaner::Error::Io { .. } => IoError::new_err(message),
        gleaner::Error::Warc { .. } => WarcError::new_err(message),
        _ => Error::new_err(message),
    }
}

/// The exception as a value, for results that hold per-page errors.
pub(crate) fn to_value(py: Python<'_>, e: gleaner::Error) -> Py<PyAny> {
    to_py(e).into_value(py).into_any()
}
