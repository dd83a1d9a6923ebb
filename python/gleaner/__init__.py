"""gleaner: clean articles from web pages and WARC files.

``extract`` is the one-call function (trafilatura's signature); ``Extractor``
is the configured extractor behind it, for one page, many pages on every core,
or the pages of a WARC file; ``read_warc`` iterates a WARC file's HTML pages.
Every error is a subclass of ``gleaner.Error``.
"""

from ._gleaner import (
    FIELDS,
    Article,
    Error,
    Extractor,
    InvalidUrlError,
    IoError,
    NotHtmlError,
    TooLargeError,
    WarcArticles,
    WarcError,
    WarcRecords,
    __version__,
    extract,
    read_warc,
)

__all__ = [
    "FIELDS",
    "Article",
    "Error",
    "Extractor",
    "InvalidUrlError",
    "IoError",
    "NotHtmlError",
    "TooLargeError",
    "WarcArticles",
    "WarcError",
    "WarcRecords",
    "__version__",
    "extract",
    "read_warc",
]
