"""WARC files made here, read from Python: the HTML pages come out, the rest
is counted, damaged records are errors that do not end the file."""

import datetime
import gzip

import pytest

import gleaner
import warcgen
from conftest import fixture_pages


def crawl(n=5):
    """A crawl: `n` fixture pages between records of every skipped kind."""
    pages = fixture_pages()[:n]
    records = warcgen.skipped_records()
    for i, (name, html) in enumerate(pages):
        records.insert(2 + 2 * i, warcgen.response(f"https://example.com/{name}", html))
    return pages, records


@pytest.mark.parametrize("layout", ["gzip-per-record", "gzip-whole", "plain"])
def test_read_warc_yields_the_html_pages_and_counts_the_rest(tmp_path, layout):
    pages, records = crawl()
    path = tmp_path / "crawl.warc.gz"
    warcgen.write(path, records, layout)
    reader = gleaner.read_warc(path)
    got = list(reader)
    assert [url for url, _, _ in got] == [f"https://example.com/{name}" for name, _ in pages]
    assert [body for _, _, body in got] == [html for _, html in pages]
    assert got[0][1]["Content-Type"] == "text/html; charset=utf-8"
    assert reader.counts == {
        "records": len(records),
        "responses": len(pages),
        "errors": 0,
        "skipped": {"not_response": 3, "status": 2, "not_html": 1, "too_large": 0},
    }


def test_damaged_records_are_skipped_or_raised(tmp_path):
    pages, records = crawl(3)
    members = [gzip.compress(r) for r in records]
    # Damage the middle of the first page's member, cut the last member short.
    first = next(i for i, r in enumerate(records) if pages[0][1] in r)
    bad = bytearray(members[first])
    for i in range(len(bad) // 2, len(bad) // 2 + 16):
        bad[i] ^= 0x5A
    members[first] = bytes(bad)
    members.append(gzip.compress(warcgen.response("https://example.com/last", pages[0][1]))[:-40])
    path = tmp_path / "damaged.warc.gz"
    path.write_bytes(b"".join(members))

    reader = gleaner.read_warc(path)
    urls = [url for url, _, _ in reader]
    assert urls == [f"https://example.com/{name}" for name, _ in pages[1:]]
    assert reader.counts["errors"] == 2

    reader = gleaner.read_warc(path, errors="raise")
    with pytest.raises(gleaner.WarcError) as e:
        next(reader)
    assert "warc record at byte" in str(e.value)
    assert str(path) in str(e.value)
    # The iterator goes on after the damaged record.
    assert next(reader)[0] == f"https://example.com/{pages[1][0]}"

    items = list(gleaner.Extractor().extract_warc(path, threads=2))
    errors = [i for i in items if isinstance(i, gleaner.Error)]
    assert len(errors) == 2 and all(isinstance(e, gleaner.WarcError) for e in errors)
    assert [a.url for a in items if isinstance(a, gleaner.Article)] == urls


def test_extract_warc_gives_the_articles_of_extract_with_the_record_date(tmp_path):
    pages, records = crawl(len(fixture_pages()))
    path = tmp_path / "crawl.warc.gz"
    warcgen.write(path, records)
    extractor = gleaner.Extractor()
    for threads in (1, 2):
        items = extractor.extract_warc(path, threads=threads)
        articles = list(items)
        assert len(articles) == len(pages)
        for article, (name, html) in zip(articles, pages):
            url = f"https://example.com/{name}"
            assert isinstance(article, gleaner.Article)
            assert article.url == url
            assert article.warc_date == datetime.datetime(2024, 5, 1, 10, tzinfo=datetime.timezone.utc)
            expected = extractor.extract(html, url).to_dict()
            expected["warc_date"] = article.warc_date
            assert article.to_dict() == expected
        assert items.counts["responses"] == len(pages)
        assert items.counts["skipped"]["status"] == 2


def test_a_missing_file_raises_io_error(tmp_path):
    with pytest.raises(gleaner.IoError):
        gleaner.read_warc(tmp_path / "none.warc.gz")
    with pytest.raises(gleaner.IoError):
        gleaner.Extractor().extract_warc(tmp_path / "none.warc.gz")
    with pytest.raises(ValueError):
        gleaner.read_warc(tmp_path / "none.warc.gz", errors="ignore")
