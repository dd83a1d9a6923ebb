"""The README's Python examples run as written (in a folder holding the
`crawl.warc.gz` they read)."""

import re

import warcgen
from conftest import ROOT, fixture_pages


def python_blocks():
    text = (ROOT / "README.md").read_text()
    return re.findall(r"```python\n(.*?)```", text, flags=re.S)


def test_readme_python_examples_run(tmp_path, monkeypatch):
    blocks = python_blocks()
    assert len(blocks) >= 2, "the README's Python examples are missing"
    records = warcgen.skipped_records() + [
        warcgen.response(f"https://example.com/{name}", html) for name, html in fixture_pages()]
    warcgen.write(tmp_path / "crawl.warc.gz", records)
    monkeypatch.chdir(tmp_path)
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})
