//! WARC input (the `warc` feature): the HTML responses of a WARC or WARC.gz
//! file, streamed one record at a time, ready for the [`Extractor`](crate::Extractor).
//!
//! Web archives and crawls (Common Crawl among them) are published as WARC
//! files: a series of records, each a header block and a payload, usually
//! compressed one record per gzip member. [`WarcReader`] reads them
//! through a fixed-size buffer (a whole file is never in memory, one record
//! at most, under [`WarcSettings::max_record_bytes`]) and yields the
//! `response` records that hold an HTML page with status 200, its body
//! de-chunked and decompressed. Every other record is skipped and counted
//! by reason ([`Skip`]); a record that is truncated or corrupt is an
//! [`Error::Warc`] naming the record's offset, and
//! reading goes on at the next record (the next gzip member, or the next
//! `WARC/1.` version line).
//!
//! ```
//! use gleaner::warc::{Skip, WarcReader};
//! let warc = "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.com/a\r\n\
//!     WARC-Date: 2024-05-01T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n\
//!     Content-Length: 87\r\n\r\n\
//!     HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>Rain fell.</p></body></html>\r\n\r\n\
//!     WARC/1.0\r\nWARC-Type: request\r\nContent-Length: 0\r\n\r\n\r\n\r\n";
//! let mut reader = WarcReader::new(warc.as_bytes());
//! let record = reader.next().unwrap()?;
//! assert_eq!(record.url.as_str(), "https://example.com/a");
//! let article = gleaner::Extractor::default().extract(&record.page())?;
//! assert_eq!(article.text, "Rain fell.");
//! assert!(reader.next().is_none());
//! assert_eq!(reader.counts().skipped(Skip::NotResponse), 1);
//! # Ok::<(), gleaner::Error>(())
//! ```

mod counts;
mod gzip;
mod http;
mod record;
mod response;
mod settings;
mod stream;

use std::fs::File;
use std::io::{self, BufRead, Read};
use std::path::Path;

use url::Url;

use crate::error::InputName;
use crate::{Error, Result, Timestamp};

pub use crate::error::WarcProblem as Problem;
pub use counts::{Skip, WarcCounts};
use gzip::{Members, GZIP_MAGIC};
pub use response::Response;
pub use settings::WarcSettings;
use stream::{Found, Stream};

/// The records of a WARC or WARC.gz stream, as an iterator of HTML
/// responses and errors (see the [module docs](self)).
pub struct WarcReader<R> {
    stream: Stream<Source<R>>,
    settings: WarcSettings,
    counts: WarcCounts,
    input: InputName,
    /// After an error inside a record: resume at the next version line.
    resync: bool,
    /// An error met while reading ahead after a good record.
    pending: Option<Failure>,
    /// The input and record offsets at the last error.
    last_error_at: Option<(u64, u64)>,
    done: bool,
}

impl WarcReader<File> {
    /// Opens a WARC file, gzip-compressed or not (told by its first bytes).
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let label = path.display().to_string();
        let file = File::open(path).map_err(|source| Error::Io {
            input: InputName::Label(label.clone()),
            source,
        })?;
        Ok(WarcReader::new(file).with_label(label))
    }
}

impl<R: Read> WarcReader<R> {
    /// Reads records from any reader, gzip-compressed or not (told by its
    /// first bytes), with the default [`WarcSettings`].
    pub fn new(reader: R) -> Self {
        WarcReader {
            stream: Stream::new(Source::Sniff(
                Some(Stream::new(reader)),
                WarcSettings::default().max_rewind_bytes,
            )),
            settings: WarcSettings::default(),
            counts: WarcCounts::default(),
            input: InputName::Anonymous,
            resync: false,
            pending: None,
            last_error_at: None,
            done: false,
        }
    }

    /// Replaces the limits (before the first record is read).
    pub fn with_settings(mut self, settings: WarcSettings) -> Self {
        if let Source::Sniff(_, rewind) = self.stream.get_mut() {
            *rewind = settings.max_rewind_bytes;
        }
        self.settings = settings;
        self
    }

    /// A name for the input in error messages (a file path, say).
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.input = InputName::Label(label.into());
        self
    }

    /// What has been read so far.
    pub fn counts(&self) -> &WarcCounts {
        &self.counts
    }

    /// Reads up to the next HTML response, skipped record or end.
    fn step(&mut self) -> Result<Step, Failure> {
        let at = self.stream.offset();
        let failure = |problem| Failure::between(at, problem);
        if std::mem::take(&mut self.resync) {
            // Errors met on the way belong to the record already reported
            // (a damaged gzip member goes on failing until its end).
            let mut tries = 0;
            loop {
                match self.stream.skip_to(b"WARC/1.") {
                    Ok(true) => break,
                    Ok(false) => return Ok(Step::End),
                    Err(e) if tries < RESYNC_TRIES => {
                        tries += 1;
                        log::debug!("{}: skipping to the next record: {e}", self.input);
                    }
                    Err(e) => return Err(failure(io_problem(e))),
                }
            }
        }
        let s = &mut self.stream;
        s.skip_while(|b| b == b'\r' || b == b'\n')
            .map_err(|e| failure(io_problem(e)))?;
        if s.at_eof().map_err(|e| failure(io_problem(e)))? {
            return Ok(Step::End);
        }
        let offset = s.offset();
        self.counts.records += 1;
        let failure = |problem| Failure::new(offset, None, problem, true);
        let head_len = match s.find(b"\r\n\r\n", self.settings.max_header_bytes) {
            Ok(Found::At(i)) => i,
            Ok(Found::Eof) => return Err(failure(Problem::Truncated)),
            Ok(Found::Beyond) => {
                return Err(failure(Problem::Header {
                    reason: "the header block is over the limit",
                }))
            }
            Err(e) => return Err(failure(io_problem(e))),
        };
        let header = record::parse(&s.ahead()[..head_len]).map_err(failure)?;
        s.consume(head_len + 4);
        let url = header
            .target_uri
            .as_deref()
            .and_then(|u| Url::parse(u).ok());
        let failure = |problem, resync| Failure::new(offset, url.clone(), problem, resync);
        let len = header.content_length;
        let http = header.kind == "response"
            && header
                .content_type
                .as_deref()
                .is_none_or(|c| c.starts_with("application/http"));
        let skip = if !http {
            Some(Skip::NotResponse)
        } else if self.settings.max_record_bytes.is_some_and(|m| len > m)
            || usize::try_from(len).is_err()
        {
            Some(Skip::TooLarge)
        } else {
            None
        };
        let block = match skip {
            Some(_) => s.discard(len).map(|()| Vec::new()),
            None => s.read_vec(len as usize),
        };
        // Read on to the next record: a gzip member's checksum, checked at
        // its end, then fails this record rather than the next, and so do
        // bytes that are not the next record (a wrong length, damaged data),
        // unless the record's own gzip member ended whole before them.
        let after = match &block {
            Err(_) => Ok(true),
            Ok(_) => s
                .skip_while(|c| c == b'\r' || c == b'\n')
                .and_then(|()| Ok(s.at_eof()? || s.find(b"WARC/", Some(0))? == Found::At(0))),
        };
        let whole_member = s.get_ref().member_end() == Some(s.offset());
        let next_at = s.offset();
        let block = block.map_err(|e| failure(io_problem(e), true))?;
        match after {
            Ok(true) => {}
            Ok(false) if whole_member => {}
            Ok(false) => return Err(failure(Problem::Length, true)),
            // The next member is damaged: its error comes next.
            Err(e) if whole_member => {
                self.pending = Some(Failure::between(next_at, io_problem(e)));
            }
            Err(e) => return Err(failure(io_problem(e), true)),
        }
        if let Some(reason) = skip {
            return Ok(Step::Skipped(reason));
        }
        // From here on the record has been read whole: no resync needed.
        let head = http::parse_head(&block).map_err(|p| failure(p, false))?;
        if head.status != 200 {
            return Ok(Step::Skipped(Skip::Status));
        }
        let content_type = head.get("content-type").or(header.payload_type.as_deref());
        if content_type.is_some_and(|ct| !http::is_html(ct)) {
            return Ok(Step::Skipped(Skip::NotHtml));
        }
        let body = block[head.body_start..].to_vec();
        drop(block);
        let Some(body) = http::decode_body(&head, body, self.settings.max_record_bytes)
            .map_err(|p| failure(p, false))?
        else {
            return Ok(Step::Skipped(Skip::TooLarge));
        };
        let Some(url) = url else {
            return Err(failure(
                Problem::Header {
                    reason: "no valid WARC-Target-URI",
                },
                false,
            ));
        };
        Ok(Step::Page(Box::new(Response {
            url,
            date: header.date.as_deref().and_then(Timestamp::parse),
            record_id: header.record_id,
            offset,
            headers: head.headers,
            truncated: header.truncated,
            body,
        })))
    }
}

impl<R: Read> Iterator for WarcReader<R> {
    type Item = Result<Response>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let step = match self.pending.take() {
                Some(failure) => Err(failure),
                None => self.step(),
            };
            match step {
                Ok(Step::Page(r)) => {
                    self.counts.responses += 1;
                    return Some(Ok(*r));
                }
                Ok(Step::Skipped(reason)) => self.counts.skipped[reason as usize] += 1,
                Ok(Step::End) => self.done = true,
                Err(f) => {
                    self.counts.errors += 1;
                    let now = self.stream.offset();
                    // An error that made no progress through the input (a
                    // read that keeps failing) would repeat forever.
                    let at = (self.stream.get_ref().input_offset(), now);
                    self.done = self.last_error_at == Some(at);
                    self.last_error_at = Some(at);
                    self.resync = f.resync;
                    // Still at the failed record, its bytes read ahead: step
                    // past its version line, or the search finds it again.
                    if f.record && now == f.offset && !self.stream.ahead().is_empty() {
                        self.stream.consume(1);
                    }
                    log::debug!("{}: record at byte {}: {}", self.input, f.offset, f.problem);
                    return Some(Err(Error::Warc {
                        input: self.input.clone(),
                        offset: f.offset,
                        url: f.url,
                        problem: Box::new(f.problem),
                    }));
                }
            }
        }
        None
    }
}

/// How many read errors a search for the next record passes over before
/// it gives up (and reports one).
const RESYNC_TRIES: usize = 16;

/// The outcome of one [`WarcReader::step`].
enum Step {
    Page(Box<Response>),
    Skipped(Skip),
    End,
}

/// A record that could not be read, and whether the stream must be
/// searched for the next record.
struct Failure {
    offset: u64,
    url: Option<Box<Url>>,
    problem: Problem,
    resync: bool,
    /// Whether a record starts at `offset` (else the failure came between
    /// records, or from a gzip member after a good record).
    record: bool,
}

impl Failure {
    /// The failure of the record that starts at `offset`.
    fn new(offset: u64, url: Option<Url>, problem: Problem, resync: bool) -> Self {
        Failure {
            offset,
            url: url.map(Box::new),
            problem,
            resync,
            record: true,
        }
    }

    /// A failure between records: the search for the next record starts
    /// where it happened.
    fn between(offset: u64, problem: Problem) -> Self {
        Failure {
            offset,
            url: None,
            problem,
            resync: true,
            record: false,
        }
    }
}

fn io_problem(e: io::Error) -> Problem {
    if e.kind() == io::ErrorKind::UnexpectedEof {
        Problem::Truncated
    } else {
        Problem::Read { source: e }
    }
}

/// The bytes of the input: plain, or gzip members, told by the first bytes.
enum Source<R> {
    /// Not read yet; the gzip rewind limit.
    Sniff(Option<Stream<R>>, Option<usize>),
    Plain(Stream<R>),
    Gzip(Members<R>),
}

impl<R: Read> Source<R> {
    /// How many bytes of the input have been consumed.
    fn input_offset(&self) -> u64 {
        match self {
            Source::Sniff(..) => 0,
            Source::Plain(s) => s.offset(),
            Source::Gzip(m) => m.input_offset(),
        }
    }

    /// Where the last gzip member that decoded whole ended.
    fn member_end(&self) -> Option<u64> {
        match self {
            Source::Gzip(m) => m.last_end(),
            Source::Sniff(..) | Source::Plain(_) => None,
        }
    }
}

impl<R: Read> Read for Source<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        loop {
            match self {
                Source::Sniff(s, rewind) => {
                    let rewind = *rewind;
                    let Some(mut s) = s.take() else {
                        return Ok(0);
                    };
                    let gzip = match s.find(&GZIP_MAGIC[..2], Some(0))? {
                        Found::At(i) => i == 0,
                        Found::Eof | Found::Beyond => false,
                    };
                    *self = if gzip {
                        Source::Gzip(Members::new(s, rewind))
                    } else {
                        Source::Plain(s)
                    };
                }
                Source::Plain(s) => return s.read(out),
                Source::Gzip(m) => return m.read(out),
            }
        }
    }
}
