"""The Spark job, run for real with spark-submit in local mode over WARC
files made from the repository's fixtures; its Parquet output must hold what
the Rust `extract` example gives for the same pages."""

import datetime
import functools
import json
import os
import pathlib
import shutil
import subprocess
import sys

import pytest

import warcgen
from conftest import ROOT, fixture_pages

JOB = ROOT / "examples" / "spark" / "extract_warc.py"
REQUIRED = os.environ.get("GLEANER_REQUIRE_SPARK") == "1"


def need(condition, why):
    if not condition:
        if REQUIRED:
            pytest.fail(why)
        pytest.skip(why)


def spark_submit():
    try:
        import pyspark
    except ImportError:
        return None
    path = pathlib.Path(pyspark.__file__).parent / "bin" / "spark-submit"
    return str(path) if path.exists() else shutil.which("spark-submit")


@functools.lru_cache(maxsize=None)
def target_dir():
    meta = json.loads(subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--no-deps"], cwd=ROOT,
        check=True, capture_output=True, text=True).stdout)
    return pathlib.Path(meta["target_directory"])


def rust_extract(html_path, url):
    """The Rust `extract` example's JSON line for one page."""
    binary = target_dir() / "release" / "examples" / "extract"
    out = subprocess.run([str(binary), "--format", "jsonl", "--url", url, str(html_path)],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def test_spark_job_writes_what_rust_extracts(tmp_path):
    submit = spark_submit()
    need(submit is not None, "pyspark is not installed")
    need(shutil.which("java") is not None, "no java runtime")
    try:
        import pyarrow.parquet as pq
    except ImportError:
        pq = None
    need(pq is not None, "pyarrow is not installed")
    subprocess.run(["cargo", "build", "--release", "--quiet", "--example", "extract"], cwd=ROOT, check=True)

    pages = [(name, ROOT / "tests" / "fixtures" / "extract" / name / "source.html") for name, _ in fixture_pages()]
    pages.append(("seed-article", ROOT / "examples" / "pages" / "seed-article.html"))
    urls = {f"https://example.com/{name}": path for name, path in pages}
    records = [warcgen.response(url, path.read_bytes()) for url, path in urls.items()]
    half = len(records) // 2
    broken = warcgen.response("https://example.com/cut", b"<p>" + b"x" * 500)
    warcgen.write(tmp_path / "a.warc.gz", warcgen.skipped_records() + records[:half])
    warcgen.write(tmp_path / "b.warc.gz", records[half:] + [broken[:-100]], layout="plain")

    # Workers run the Python that has gleaner installed, as the README says.
    out = tmp_path / "out"
    submit_job(submit, out, [tmp_path / "a.warc.gz", tmp_path / "b.warc.gz"], sys.executable)
    check_rows(pq.read_table(out).to_pylist(), urls)

    # Workers without gleaner, the wheel shipped with --py-files.
    wheel = built_wheel()
    need(wheel is not None, "no gleaner wheel in target/wheels (set GLEANER_WHEEL)")
    bare = tmp_path / "bare"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(bare)], check=True)
    bare_python = str(bare / "bin" / "python")
    assert subprocess.run([bare_python, "-c", "import gleaner"], capture_output=True).returncode != 0
    out = tmp_path / "out-py-files"
    submit_job(submit, out, [tmp_path / "a.warc.gz", tmp_path / "b.warc.gz"], bare_python,
               ["--py-files", str(wheel)])
    check_rows(pq.read_table(out).to_pylist(), urls)


def built_wheel():
    """The wheel .ci/run built (GLEANER_WHEEL), else the newest in target/wheels."""
    if os.environ.get("GLEANER_WHEEL"):
        return pathlib.Path(os.environ["GLEANER_WHEEL"])
    wheels = sorted((target_dir() / "wheels").glob("gleaner-*.whl"),
                    key=lambda p: p.stat().st_mtime)
    return wheels[-1] if wheels else None


def submit_job(submit, out, warcs, worker_python, extra=()):
    # Spark's driver and workers talk over loopback only; no web UI.
    env = dict(os.environ, PYSPARK_PYTHON=worker_python, PYSPARK_DRIVER_PYTHON=sys.executable,
               SPARK_LOCAL_IP="127.0.0.1")
    run = subprocess.run(
        [submit, "--master", "local[2]", "--conf", "spark.ui.enabled=false",
         "--conf", "spark.driver.bindAddress=127.0.0.1", "--conf", "spark.driver.host=127.0.0.1",
         *extra, str(JOB), "--output", str(out), *map(str, warcs)],
        env=env, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr[-4000:]


def check_rows(rows, urls):
    errors = [r for r in rows if r["error"] is not None]
    assert len(errors) == 1 and "warc record at byte" in errors[0]["error"], errors
    articles = {r["url"]: r for r in rows if r["error"] is None}
    assert set(articles) == set(urls)
    for url, path in urls.items():
        row, rust = articles[url], rust_extract(path, url)
        assert rust["error"] is None
        for column in ["title", "authors", "published", "language", "page_type", "text", "word_count"]:
            assert row[column] == rust[column], (url, column)
        assert row["warc_date"] == datetime.datetime(2024, 5, 1, 10, tzinfo=datetime.timezone.utc)
