"""Writes WARC files for the tests and the benchmark: responses, the other
record kinds a crawl holds, in every layout (plain, one gzip member per
record as Common Crawl writes them, one member for the whole file)."""

import gzip
import uuid
from typing import Iterable, List, Optional, Sequence, Tuple

DATE = "2024-05-01T10:00:00Z"


def record(kind: str, uri: Optional[str], content_type: str, block: bytes, date: str = DATE) -> bytes:
    """One WARC record: the header block, the payload, and the blank lines after it."""
    lines = [
        "WARC/1.0",
        f"WARC-Type: {kind}",
        f"WARC-Date: {date}",
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid4()}>",
    ]
    if uri is not None:
        lines.append(f"WARC-Target-URI: {uri}")
    lines += [f"Content-Type: {content_type}", f"Content-Length: {len(block)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def http(status: int, headers: Sequence[Tuple[str, str]], body: bytes) -> bytes:
    """An HTTP response as a response record holds it."""
    head = f"HTTP/1.1 {status} X\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers) + "\r\n"
    return head.encode() + body


def response(uri: str, body: bytes, status: int = 200, content_type: str = "text/html; charset=utf-8",
             date: str = DATE) -> bytes:
    """A response record for an HTTP response with this body."""
    block = http(status, [("Content-Type", content_type), ("Content-Length", str(len(body)))], body)
    return record("response", uri, "application/http; msgtype=response", block, date)


def skipped_records(host: str = "https://example.com") -> List[bytes]:
    """One record of each kind a reader skips: warcinfo, request, metadata,
    a PDF, a 404 and a redirect."""
    return [
        record("warcinfo", None, "application/warc-fields", b"software: gleaner tests\r\n"),
        record("request", f"{host}/a", "application/http; msgtype=request", b"GET /a HTTP/1.1\r\n\r\n"),
        record("metadata", f"{host}/a", "application/warc-fields", b"fetchTimeMs: 5\r\n"),
        response(f"{host}/file.pdf", b"%PDF-1.4 ...", content_type="application/pdf"),
        response(f"{host}/missing", b"<p>not found</p>", status=404),
        response(f"{host}/old", b"", status=301),
    ]


def write(path, records: Iterable[bytes], layout: str = "gzip-per-record") -> None:
    """Writes the records: layout "gzip-per-record", "gzip-whole" or "plain"."""
    records = list(records)
    with open(path, "wb") as f:
        if layout == "gzip-per-record":
            for r in records:
                f.write(gzip.compress(r, compresslevel=6))
        elif layout == "gzip-whole":
            f.write(gzip.compress(b"".join(records)))
        elif layout == "plain":
            f.write(b"".join(records))
        else:
            raise ValueError(layout)
