"""gleaner: clean articles from web pages and WARC files."""

import datetime
import os
from typing import Any, Dict, Iterable, Iterator, List, Literal, Optional, Tuple, TypedDict, Union

__version__: str

FIELDS: List[str]
"""The names of every ``Article`` field, in the order ``Article.to_dict()`` lists them."""

Html = Union[str, bytes, bytearray]
Page = Union[Html, Tuple[Html, Optional[str]]]

class Error(Exception):
    """Base class of every error gleaner raises or returns."""

class TooLargeError(Error):
    """The input is larger than the extractor's ``max_bytes``."""

class NotHtmlError(Error):
    """The bytes are not an HTML document (an image, a PDF...)."""

class InvalidUrlError(Error):
    """A URL could not be parsed."""

class IoError(Error):
    """A file could not be read."""

class WarcError(Error):
    """A WARC record is truncated or corrupt (reading goes on at the next record)."""

class ImageInfo(TypedDict):
    url: str
    alt: Optional[str]
    caption: Optional[str]

class LinkInfo(TypedDict):
    url: str
    text: str

class RemovalInfo(TypedDict):
    rule: str
    """The rule that removed the block, e.g. ``newsletter``, ``teaser``, ``navigation``."""
    tag: str
    text: str
    """The start of the removed text (at most 160 characters)."""

class Article:
    """A clean article: the main content of a page and what is known about it.

    Every field is an attribute; ``to_dict()`` returns them all, ``url`` included.
    Dates are ``datetime.datetime`` (aware when the page gave an offset) or
    ``datetime.date`` when the page gave a date only.
    """

    url: Optional[str]
    """The page's URL, when it was given."""
    title: Optional[str]
    """The headline, without the site name around it."""
    authors: List[str]
    """The authors' names, cleaned of "By", dates, job titles and the site name."""
    byline: Optional[str]
    """The credit line as the page prints it ("By Ann Lee, Staff Reporter")."""
    published: Optional[datetime.date]
    """When the article was first published (a ``datetime.datetime`` or a ``datetime.date``)."""
    modified: Optional[datetime.date]
    """When the article was last modified, as its own metadata says."""
    site_name: Optional[str]
    """The site's or publication's name."""
    language: Optional[str]
    """The language as a BCP 47 tag: declared by the markup, else detected."""
    language_confidence: Optional[float]
    """The detector's confidence (0 to 1) when the language was detected, else ``None``."""
    description: Optional[str]
    """A short summary: the page's description, else the lead paragraph."""
    canonical_url: Optional[str]
    """The canonical URL the page declares, made absolute."""
    image: Optional[str]
    """The lead image's URL from the metadata, made absolute."""
    tags: List[str]
    """Tags and keywords, in the page's order."""
    paywalled: Optional[bool]
    """Whether the page says its content is behind a paywall; ``None`` when it does not say."""
    text: str
    """The main content as plain text: paragraphs separated by a blank line."""
    markdown: str
    """The main content as GitHub-flavoured Markdown."""
    html: str
    """The main content as clean HTML, links and images made absolute."""
    word_count: int
    """Words in ``text`` (each CJK character counts as one)."""
    page_type: str
    """What kind of page this is: article, forum, product, collection, listing, documentation or service."""
    page_type_confidence: float
    """How sure the page-type reading is, from 0 to 1."""
    fallback: Optional[str]
    """Set when a looser choice of the main content was used because the stricter one kept almost nothing, saying which and why."""
    reading_minutes: int
    """Reading time at 230 words a minute, rounded up."""
    lead_image: Optional[ImageInfo]
    """The first image of the main content."""
    images: List[ImageInfo]
    """The images of the main content, with alt text and caption."""
    links: List[LinkInfo]
    """The links of the main content (empty unless listing links is on)."""
    removed: List[RemovalInfo]
    """What the stripper removed, in document order, each with its rule."""
    meta_sources: Dict[str, Optional[str]]
    """Where each metadata field came from (``json_ld``, ``open_graph``, ``meta``, ``dom``...)."""
    encoding: str
    """The encoding the bytes were decoded with, e.g. ``UTF-8`` or ``windows-1252``."""
    warc_date: Optional[datetime.datetime]
    """When the page was fetched, for a page read from a WARC file; else ``None``."""

    def to_dict(self) -> Dict[str, Any]:
        """Every field in a new dict, ``url`` included."""

def extract(
    html: Html,
    url: Optional[str] = None,
    *,
    output_format: Literal["txt", "markdown", "html", "json"] = "txt",
    favor_precision: bool = False,
    favor_recall: bool = False,
    include_links: bool = False,
    include_images: bool = False,
    with_metadata: bool = False,
    only_with_metadata: bool = False,
    target_language: Optional[str] = None,
    record_id: Optional[str] = None,
    fast: bool = False,
    no_fallback: bool = False,
    include_comments: bool = True,
    include_tables: bool = True,
    include_formatting: bool = False,
    deduplicate: bool = False,
) -> Optional[str]:
    """Extracts the main text of a page, the way ``trafilatura.extract`` does.

    Returns a ``str``, or ``None`` when the page has no main text or is refused
    (too large, not HTML); ``Extractor.extract`` says why. A ``url`` that does
    not parse (such as ``""``) is ignored, as trafilatura does. ``output_format`` is
    "txt", "markdown", "html" or "json" (trafilatura's JSON keys).
    ``favor_precision`` / ``favor_recall`` choose the focus (not both).
    ``include_links`` / ``include_images`` keep links and images in Markdown and
    HTML. ``with_metadata`` puts metadata lines before "txt" and "markdown";
    ``only_with_metadata`` returns ``None`` for a page without title or date;
    ``target_language`` (ISO 639-1) returns ``None`` for a page in another
    language. ``record_id`` goes into the JSON's "id". ``fast``,
    ``no_fallback``, ``include_comments``, ``include_tables``,
    ``include_formatting`` and ``deduplicate`` are accepted for compatibility
    and have no effect.
    """

class Extractor:
    """A configured extractor: build it once, use it for every page (threads may share it).

    ``focus`` leans towards keeping less ("precision") or more ("recall") when a
    block could be either article or boilerplate. ``max_bytes`` (16 MiB),
    ``max_depth`` (512) and ``max_nodes`` (500 000) bound the work one page may
    cause; ``None`` lifts a limit. ``links`` and ``images`` say whether the
    Markdown and HTML keep links and images; ``report`` whether
    ``Article.removed`` lists what was removed.
    """

    def __init__(
        self,
        *,
        focus: Literal["balanced", "precision", "recall"] = "balanced",
        max_bytes: Optional[int] = 16777216,
        max_depth: Optional[int] = 512,
        max_nodes: Optional[int] = 500000,
        links: bool = True,
        images: bool = True,
        report: bool = True,
    ) -> None: ...
    def extract(self, html: Html, url: Optional[str] = None) -> Article:
        """Extracts the article of one page (the GIL is released meanwhile).

        Raises ``TooLargeError`` or ``NotHtmlError`` when the input is refused,
        ``InvalidUrlError`` for a bad URL.
        """
    def extract_many(self, pages: Iterable[Page], threads: Optional[int] = None) -> List[Union[Article, Error]]:
        """Extracts many pages on ``threads`` threads (default: one per core), GIL released.

        ``pages`` holds ``str`` / ``bytes`` or ``(html, url)`` pairs. The result is in
        the order of ``pages``: an ``Article``, or the ``gleaner.Error`` that page
        failed with (returned, not raised).
        """
    def extract_warc(
        self, path: Union[str, "os.PathLike[str]"], threads: Optional[int] = None
    ) -> "WarcArticles":
        """Iterates the articles of the HTML pages of a WARC or WARC.gz file, in file order.

        Pages are extracted on ``threads`` threads (default: one per core) with the
        GIL released. Each item is an ``Article`` (with the record's URL, and its
        date as ``warc_date``) or the ``gleaner.Error`` of a truncated or corrupt
        record or a failed page (returned, not raised). Raises ``IoError`` when the
        file cannot be opened.
        """

class WarcCounts(TypedDict):
    records: int
    responses: int
    errors: int
    skipped: Dict[str, int]
    """By reason: ``not_response``, ``status``, ``not_html``, ``too_large``."""

class WarcArticles(Iterator[Union[Article, Error]]):
    """The iterator ``Extractor.extract_warc`` returns."""

    @property
    def counts(self) -> WarcCounts:
        """Records read so far (ahead of the articles yielded by up to one batch)."""
    def __iter__(self) -> "WarcArticles": ...
    def __next__(self) -> Union[Article, Error]: ...

class WarcRecords(Iterator[Tuple[str, Dict[str, str], bytes]]):
    """The iterator ``read_warc`` returns."""

    @property
    def counts(self) -> WarcCounts:
        """Records read so far."""
    def __iter__(self) -> "WarcRecords": ...
    def __next__(self) -> Tuple[str, Dict[str, str], bytes]: ...

def read_warc(
    path: Union[str, "os.PathLike[str]"], errors: Literal["skip", "raise"] = "skip"
) -> WarcRecords:
    """Iterates the HTML responses (status 200) of a WARC or WARC.gz file as ``(url, headers, body)``.

    ``headers`` are the HTTP headers (repeated ones joined with ", "), ``body`` the
    de-chunked, decompressed bytes. The file is streamed one record at a time.
    Other records are skipped and counted; a truncated or corrupt record is skipped
    and counted (``errors="skip"``) or raises ``WarcError`` (``errors="raise"``; the
    next call goes on after it). Raises ``IoError`` when the file cannot be opened.
    """
