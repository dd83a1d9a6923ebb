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
    /// The bytes are not a feed at all (an HTML page served as a feed, an
    /// empty body, neither XML nor JSON).
    #[error("{input}: not a feed ({reason})")]
    NotAFeed {
        /// The feed's URL, when known.
        input: InputName,
        /// What gave it away.
        reason: String,
    },
    /// A feed that could not be parsed: truncated or malformed XML, bad
    /// JSON, or XML entity declarations (refused).
    #[error("{input}: malformed feed")]
    FeedParse {
        /// The feed's URL, when known.
        input: InputName,
        /// The parser's error, or why the document was refused.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// A page that links no feed, and none of the usual feed paths of its
    /// site answered with one.
    #[error("{url}: no feed found ({tried} candidate(s) tried)")]
    NoFeedFound {
        /// The page given.
        url: url::Url,
        /// How many candidate URLs were fetched.
        tried: usize,
    },
    /// The client could not be built (the TLS backend failed to start, or
    /// a root certificate given to the builder is unreadable).
    #[cfg(feature = "fetch")]
    #[error("could not build the http client")]
    ClientBuild {
        /// The HTTP library's error, or why a certificate was refused.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// A URL that the fetcher will not request: its scheme is not http or https.
    #[cfg(feature = "fetch")]
    #[error("{url}: only http and https urls are fetched")]
    UnsupportedScheme {
        /// The URL.
        url: url::Url,
    },
    /// The fetch did not finish within its deadline (or connecting took too long).
    #[cfg(feature = "fetch")]
    #[error("{url}: timed out after {limit:?}")]
    Timeout {
        /// The URL being fetched when time ran out.
        url: url::Url,
        /// The limit that was reached.
        limit: std::time::Duration,
        /// The HTTP library's error, when it noticed first.
        #[source]
        source: Option<reqwest::Error>,
    },
    /// A redirect chain longer than the configured cap.
    #[cfg(feature = "fetch")]
    #[error("{url}: more than {limit} redirects")]
    TooManyRedirects {
        /// The URL first requested.
        url: url::Url,
        /// The configured cap.
        limit: usize,
        /// The URLs redirected to, in order.
        chain: Vec<url::Url>,
    },
    /// A redirect that leads back to a URL already visited.
    #[cfg(feature = "fetch")]
    #[error("{url}: redirect loop after {} hop(s)", chain.len())]
    RedirectLoop {
        /// The URL first requested.
        url: url::Url,
        /// The URLs redirected to, in order; the last one was visited before.
        chain: Vec<url::Url>,
    },
    /// A redirect from https to plain http, refused unless allowed.
    #[cfg(feature = "fetch")]
    #[error("{url}: redirect from https to http refused")]
    InsecureRedirect {
        /// The URL first requested.
        url: url::Url,
        /// The URLs redirected to, in order; the last one is the http URL refused.
        chain: Vec<url::Url>,
    },
    /// The server answered with an unsuccessful HTTP status.
    #[cfg(feature = "fetch")]
    #[error("{url}: http status {status} after {attempts} attempt(s)")]
    Status {
        /// The URL that answered.
        url: url::Url,
        /// The status code.
        status: reqwest::StatusCode,
        /// How many requests were sent for this fetch (retries included).
        attempts: u32,
    },
    /// The host resolves to (or is) an address that the address guard refuses.
    #[cfg(feature = "fetch")]
    #[error("{url}: address {addr} is not public and not allowed")]
    BlockedAddress {
        /// The URL refused.
        url: url::Url,
        /// The refused address.
        addr: std::net::IpAddr,
    },
    /// The site's robots.txt disallows this URL for our user agent.
    #[cfg(feature = "fetch")]
    #[error("{url}: disallowed by robots.txt")]
    RobotsDisallowed {
        /// The URL refused.
        url: url::Url,
    },
    /// The response is neither HTML nor a feed, judging by its Content-Type.
    #[cfg(feature = "fetch")]
    #[error("{url}: content type {content_type:?} is neither html nor a feed")]
    NotHtmlOrFeed {
        /// The URL fetched.
        url: url::Url,
        /// The Content-Type the server sent.
        content_type: String,
    },
    /// The body could not be decompressed as its Content-Encoding says.
    #[cfg(feature = "fetch")]
    #[error("{url}: could not decode the response body")]
    Decode {
        /// The URL fetched.
        url: url::Url,
        /// The HTTP library's error.
        #[source]
        source: reqwest::Error,
    },
    /// Connecting, sending or receiving failed (refused, reset, truncated body…).
    #[cfg(feature = "fetch")]
    #[error("{url}: network error after {attempts} attempt(s)")]
    Network {
        /// The URL fetched.
        url: url::Url,
        /// How many requests were sent for this fetch (retries included).
        attempts: u32,
        /// The HTTP library's error.
        #[source]
        source: reqwest::Error,
    },
    /// A WARC record that is truncated or corrupt (reading goes on at the
    /// next record).
    #[cfg(feature = "warc")]
    #[error("{input}: warc record at byte {offset}: {problem}")]
    Warc {
        /// The WARC file.
        input: InputName,
        /// Where the record starts in the decompressed stream of records.
        offset: u64,
        /// The record's `WARC-Target-URI`, when its header could be read
        /// (boxed: it is rarely there, and keeps the error small).
        url: Option<Box<url::Url>>,
        /// What is wrong with the record (boxed, to keep the error small).
        #[source]
        problem: Box<WarcProblem>,
    },
}

impl Error {
    /// The URL the error is about, when there is one.
    pub fn url(&self) -> Option<&url::Url> {
        match self {
            Error::TooLarge { input, .. }
            | Error::NotHtml { input, .. }
            | Error::Io { input, .. }
            | Error::NotAFeed { input, .. }
            | Error::FeedParse { input, .. } => match input {
                InputName::Url(u) => Some(u),
                _ => None,
            },
            Error::InvalidUrl { .. } => None,
            Error::NoFeedFound { url, .. } => Some(url),
            #[cfg(feature = "fetch")]
            Error::ClientBuild { .. } => None,
            #[cfg(feature = "fetch")]
            Error::UnsupportedScheme { url }
            | Error::Timeout { url, .. }
            | Error::TooManyRedirects { url, .. }
            | Error::RedirectLoop { url, .. }
            | Error::InsecureRedirect { url, .. }
            | Error::Status { url, .. }
            | Error::BlockedAddress { url, .. }
            | Error::RobotsDisallowed { url }
            | Error::NotHtmlOrFeed { url, .. }
            | Error::Decode { url, .. }
            | Error::Network { url, .. } => Some(url),
            #[cfg(feature = "warc")]
            Error::Warc { url, .. } => url.as_deref(),
        }
    }
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

/// What makes a WARC record unreadable (the cause of an
/// [`Error::Warc`]), re-exported as `gleaner::warc::Problem`.
#[cfg(feature = "warc")]
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WarcProblem {
    /// The input ends inside the record.
    #[error("truncated: the input ends inside the record")]
    Truncated,
    /// The record's header block is malformed or too long.
    #[error("malformed record header: {reason}")]
    Header {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The record is not followed by the next record: its Content-Length
    /// is wrong, or its bytes were damaged.
    #[error("the record is not followed by another record (wrong length or damaged data)")]
    Length,
    /// The HTTP response inside the record is malformed.
    #[error("malformed http response: {reason}")]
    Http {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The HTTP body has a Content-Encoding other than gzip or deflate.
    #[error("unsupported content encoding {name:?}")]
    Encoding {
        /// The encoding, lowercased.
        name: String,
    },
    /// The HTTP body does not decompress as its Content-Encoding says.
    #[error("the http body cannot be decompressed")]
    Decompress {
        /// The decompressor's error.
        #[source]
        source: std::io::Error,
    },
    /// The input cannot be read, or a gzip member of it cannot be decompressed.
    #[error("the input cannot be read or decompressed")]
    Read {
        /// The I/O or gzip error.
        #[source]
        source: std::io::Error,
    },
}
