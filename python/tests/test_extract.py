"""The Python API over single pages and batches: what comes out, what is
refused and how, and that batches run in parallel with the GIL released."""

import datetime
import json
import re
import threading
import time

import pytest

import gleaner
from conftest import FIXTURES, ROOT, fixture_pages, normalise

SEED = FIXTURES / "seed-semantic"


def test_seed_page_gives_the_expected_article():
    article = gleaner.Extractor().extract((SEED / "source.html").read_bytes(), "https://example.com/news/1")
    assert normalise(article.text) == normalise((SEED / "expected.txt").read_text())
    assert article.title == (SEED / "title.txt").read_text().strip()
    for sentinel in (SEED / "absent.txt").read_text().splitlines():
        if sentinel.strip():
            assert sentinel.strip() not in article.text
    assert article.url == "https://example.com/news/1"
    assert any(r["rule"] for r in article.removed)


def test_the_example_seed_page_loses_its_boilerplate():
    html = (ROOT / "examples" / "pages" / "seed-article.html").read_text()
    text = gleaner.extract(html)
    assert text.startswith("Chinese and American officials said today")
    assert "Newsletter" not in text and "Squid Brains" not in text


def test_bytes_in_a_legacy_charset_are_decoded():
    page = ("<html><head><meta charset='windows-1252'><title>Caf\u00e9s</title></head><body><article>"
            "<p>Le caf\u00e9 du coin ouvre \u00e0 l'aube, et les habitu\u00e9s y lisent le journal "
            "en silence pendant une heure enti\u00e8re.</p></article></body></html>").encode("cp1252")
    assert b"\xe9" in page  # really not UTF-8
    article = gleaner.Extractor().extract(page)
    assert article.encoding == "windows-1252"
    assert "Le caf\u00e9 du coin ouvre \u00e0 l'aube" in article.text
    assert gleaner.extract(page) == article.text
    # Shift_JIS, declared by the markup only.
    jp = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=Shift_JIS'></head><body>"
          "<p>\u6771\u4eac\u3067\u306f\u671d\u304b\u3089\u96e8\u304c\u964d\u308a\u7d9a\u3044\u3066\u3044\u307e\u3059\u3002"
          "\u5348\u5f8c\u306b\u306f\u6b62\u3080\u898b\u8fbc\u307f\u3067\u3059\u3002</p></body></html>").encode("shift_jis")
    article = gleaner.Extractor().extract(jp)
    assert article.encoding == "Shift_JIS"
    assert "\u6771\u4eac\u3067\u306f\u671d\u304b\u3089\u96e8" in article.text


def test_bad_inputs_raise_typed_errors_with_the_rust_message():
    png = b"\x89PNG\r\n\x1a\n" + bytes(200)
    with pytest.raises(gleaner.NotHtmlError) as e:
        gleaner.Extractor().extract(png)
    assert isinstance(e.value, gleaner.Error)
    assert str(e.value).startswith("<input>: not an html document (")

    page = "<p>" + "x" * 200 + "</p>"
    with pytest.raises(gleaner.TooLargeError) as e:
        gleaner.Extractor(max_bytes=100).extract(page)
    assert str(e.value) == f"<input>: input of {len(page)} bytes exceeds the limit of 100 bytes"
    # None lifts the limit.
    assert gleaner.Extractor(max_bytes=None).extract(page).text == "x" * 200

    with pytest.raises(gleaner.InvalidUrlError) as e:
        gleaner.Extractor().extract("<p>hi</p>", url="not a url")
    assert str(e.value) == 'invalid url "not a url"'
    assert issubclass(gleaner.InvalidUrlError, gleaner.Error)

    with pytest.raises(TypeError):
        gleaner.Extractor().extract(42)
    with pytest.raises(ValueError):
        gleaner.Extractor(focus="everything")


def test_extract_is_trafilatura_shaped():
    html = (SEED / "source.html").read_text()
    article = gleaner.Extractor().extract(html, "https://example.com/news/1")
    assert gleaner.extract(html) == article.text
    # An address that does not parse (an empty field of a crawl record) is
    # ignored, as trafilatura ignores it; Extractor.extract raises instead.
    assert gleaner.extract(html, "") == gleaner.extract(html, "not a url") == article.text
    assert gleaner.extract(html, "https://example.com/news/1", output_format="markdown").startswith(
        article.text.split("\n")[0][:40])
    assert "<p>" in gleaner.extract(html, output_format="html")
    data = json.loads(gleaner.extract(html, "https://example.com/news/1", output_format="json", record_id="r1"))
    assert data["title"] == article.title
    assert data["text"] == article.text
    assert data["hostname"] == "example.com"
    assert data["id"] == "r1"
    with_meta = gleaner.extract(html, with_metadata=True)
    assert with_meta.startswith("---\ntitle: " + article.title)
    assert with_meta.endswith(article.text)
    # No main text, or a refused input: None, as trafilatura returns.
    assert gleaner.extract("<html><body></body></html>") is None
    assert gleaner.extract(b"\x89PNG\r\n\x1a\n" + bytes(100)) is None
    assert gleaner.extract(html, target_language="de") is None
    assert gleaner.extract(html, target_language="en") == article.text
    assert gleaner.extract(html, only_with_metadata=True) is None or article.published is not None
    with pytest.raises(ValueError):
        gleaner.extract(html, favor_precision=True, favor_recall=True)
    with pytest.raises(ValueError):
        gleaner.extract(html, output_format="xmltei")


def test_focus_maps_favor_precision_and_recall():
    html = (SEED / "source.html").read_text()
    for favor, focus in [("favor_precision", "precision"), ("favor_recall", "recall")]:
        expected = gleaner.Extractor(focus=focus).extract(html).text
        assert gleaner.extract(html, **{favor: True}) == expected


def test_article_fields_and_dates():
    html = """<html lang="en"><head><title>Rain returns | The Daily</title>
      <meta property="og:site_name" content="The Daily">
      <script type="application/ld+json">{"@type": "NewsArticle", "headline": "Rain returns",
        "datePublished": "2024-05-01", "dateModified": "2024-05-02T08:30:00+02:00",
        "author": [{"@type": "Person", "name": "Ann Lee"}]}</script></head>
      <body><article><h1>Rain returns</h1><p>After months of drought, rain fell across the region on
      Tuesday, filling reservoirs that had dropped to their lowest level in a decade.</p>
      <p>Farmers said the rain came too late for this year's wheat, but welcomed it.</p>
      <div><h3>Newsletter</h3><p>Sign up for our morning briefing.</p></div></article></body></html>"""
    a = gleaner.Extractor().extract(html, "https://example.com/rain")
    assert a.title == "Rain returns"
    assert a.authors == ["Ann Lee"]
    assert a.site_name == "The Daily"
    assert a.language == "en"
    assert a.published == datetime.date(2024, 5, 1) and not isinstance(a.published, datetime.datetime)
    assert a.modified == datetime.datetime(2024, 5, 2, 6, 30, tzinfo=datetime.timezone.utc)
    assert a.meta_sources["published"] == "json_ld"
    assert "Sign up" not in a.text
    assert any("Sign up" in r["text"] for r in a.removed)
    assert a.word_count == len(re.findall(r"[^\W_]+", a.text))
    d = a.to_dict()
    assert list(d) == gleaner.FIELDS
    assert d["url"] == "https://example.com/rain"
    for name in gleaner.FIELDS:
        assert getattr(a, name) == d[name], name
    assert a.warc_date is None
    with pytest.raises(AttributeError):
        a.no_such_field
    assert "Rain returns" in repr(a)


def test_extract_many_equals_one_by_one():
    extractor = gleaner.Extractor()
    inputs = []
    for i, (name, html) in enumerate(fixture_pages()):
        url = f"https://example.com/{name}"
        inputs.append([html, html.decode("utf-8", "replace"), (html, url), (html, None)][i % 4])
    inputs.insert(3, b"\x89PNG\r\n\x1a\n" + bytes(64))
    inputs.insert(7, ("<p>hi</p>", "not a url"))

    def one(page):
        html, url = page if isinstance(page, tuple) else (page, None)
        try:
            return extractor.extract(html, url).to_dict()
        except gleaner.Error as e:
            return (type(e), str(e))

    expected = [one(p) for p in inputs]

    def value(r):
        return (type(r), str(r)) if isinstance(r, gleaner.Error) else r.to_dict()

    for threads in (1, 2, 3):
        results = extractor.extract_many(inputs, threads=threads)
        assert [value(r) for r in results] == expected
    assert isinstance(results[3], gleaner.NotHtmlError)
    assert isinstance(results[7], gleaner.InvalidUrlError)
    assert extractor.extract_many([]) == []
    with pytest.raises(TypeError):
        extractor.extract_many(["<p>a</p>", 3])
    with pytest.raises(ValueError):
        extractor.extract_many(["<p>a</p>"], threads=0)


def test_extract_many_releases_the_gil():
    pages = [html for _, html in fixture_pages()] * 40
    extractor = gleaner.Extractor()
    counter = [0]
    stop = threading.Event()

    def count():
        while not stop.is_set():
            counter[0] += 1

    t = threading.Thread(target=count)
    t.start()
    try:
        # The counter's pace on its own, while this thread sleeps.
        start, started = counter[0], time.perf_counter()
        time.sleep(0.2)
        pace = (counter[0] - start) / (time.perf_counter() - started)
        start, started = counter[0], time.perf_counter()
        extractor.extract_many(pages, threads=1)
        elapsed = time.perf_counter() - started
        during = counter[0] - start
    finally:
        stop.set()
        t.join()
    assert elapsed > 0.2, "the batch is too short to tell"
    # With the GIL held through the call, the counter could run for one
    # switch interval (5 ms) at most.
    assert during > 0.2 * pace * elapsed, (
        f"the other thread counted {during} in {elapsed:.2f} s, against {pace:.0f}/s alone")


def test_the_stubs_list_every_article_field():
    import ast

    tree = ast.parse((ROOT / "python" / "gleaner" / "__init__.pyi").read_text())
    article = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Article")
    names = [n.target.id for n in article.body if isinstance(n, ast.AnnAssign)]
    assert names == gleaner.FIELDS
