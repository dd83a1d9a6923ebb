//! The crate's one error type.

use std::fmt;

/// Everything that can go wrong in gleaner.
///
/// Each variant names the input (a URL when there is one) and keeps its
/// cause, so a message read in a log says what failed and why.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input is larger than the configured byte limit.
    #[error("{input}: input of {size} bytes exceeds the limit of {limit} bytes")]
    TooLarge {
        /// The input that was refused.
        input: InputName,
        /// Its size in bytes, as far as it was read.
        size: u64,
        /// The configured limit.
        limit: u64,
    },
    /// The bytes are not an HTML document (for example an image or a PDF).
    #[error("{input}: not an html document ({reason})")]
    NotHtml {
        /// The input that was refused.
        input: InputName,
        /// What gave it away.
        reason: String,
    },
    /// A URL could not be parsed.
    #[error("invalid url {input:?}")]
    InvalidUrl {
        /// The text that was given as a URL.
        input: String,
        /// The parser's reason.
        #[source]
        source: url::ParseError,
    },
    /// Reading a local input failed.
    #[error("{input}: {source}")]
    Io {
        /// The path or name of the input.
        input: InputName,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
}

/// How an input is named in error messages: its URL when known, else a label.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputName {
    /// The page's URL.
    Url(url::Url),
    /// A caller-supplied label such as a file path.
    Label(String),
    /// An input given without URL or label.
    Anonymous,
}

impl fmt::Display for InputName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputName::Url(u) => write!(f, "{u}"),
            InputName::Label(l) => write!(f, "{l}"),
            InputName::Anonymous => write!(f, "<input>"),
        }
    }
}

/// Shorthand for results whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
