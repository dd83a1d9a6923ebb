"""Extracts the articles of WARC files with gleaner on a Spark cluster (or locally).

    spark-submit --master local[2] examples/spark/extract_warc.py --output OUT_DIR WARC_PATH...

The WARC paths are spread over the workers (one Spark task per file); each
task builds one ``gleaner.Extractor`` and streams its file through
``Extractor.extract_warc``. The result is Parquet in OUT_DIR with one row per
HTML page (status 200) of the files: url, warc_date, title, authors,
published, language, page_type, text, word_count, error. A record that is
truncated or corrupt, or a page that fails, gets a row with ``error`` set and
the other columns empty. Each worker needs the ``gleaner`` package installed
in the Python that ``PYSPARK_PYTHON`` names, or the wheel shipped with
``--py-files`` (see the README).
"""

import argparse
import datetime
import hashlib
import os
import shutil
import sys
import tempfile
import zipfile

from pyspark.sql import SparkSession
from pyspark.sql.types import (ArrayType, LongType, StringType, StructField, StructType,
                               TimestampType)

SCHEMA = StructType([
    StructField("url", StringType()),
    StructField("warc_date", TimestampType()),
    StructField("title", StringType()),
    StructField("authors", ArrayType(StringType())),
    # RFC 3339 text, as precise as the page gave it (a date alone stays a date).
    StructField("published", StringType()),
    StructField("language", StringType()),
    StructField("page_type", StringType()),
    StructField("text", StringType()),
    StructField("word_count", LongType()),
    StructField("error", StringType()),
])


def rfc3339(value):
    """A date or datetime as RFC 3339 text, as gleaner's Rust API writes it
    (fractions of a second only as long as needed)."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        us = value.microsecond
        spec = "seconds" if us == 0 else "milliseconds" if us % 1000 == 0 else "microseconds"
        return value.isoformat(timespec=spec)
    return value.isoformat()


def import_gleaner():
    """Imports gleaner on a worker: the installed package, else a wheel shipped
    with ``--py-files``. Spark puts such a wheel in the job's file directory,
    and Python cannot load a compiled module from a zip anyway: the wheel is
    unpacked once per machine and put first on the path."""
    try:
        import gleaner
        return gleaner
    except ImportError:
        pass
    from pyspark import SparkFiles

    folders = [SparkFiles.getRootDirectory()] + [p for p in sys.path if os.path.isdir(p)]
    wheels = [os.path.join(d, f) for d in folders for f in sorted(os.listdir(d))
              if f.startswith("gleaner-") and f.endswith(".whl")]
    if not wheels:
        raise ImportError("gleaner is neither installed nor shipped as a wheel with --py-files")
    wheel = wheels[0]
    # Named after the wheel's content, so a rebuilt wheel of the same
    # version is never served from an older unpacked copy.
    with open(wheel, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()[:16]
    target = os.path.join(tempfile.gettempdir(), "spark-" + os.path.basename(wheel)[:-4] + "-" + digest)
    if not os.path.isdir(target):
        partial = tempfile.mkdtemp(dir=tempfile.gettempdir())
        with zipfile.ZipFile(wheel) as z:
            z.extractall(partial)
        try:
            os.rename(partial, target)
        except OSError:  # another worker unpacked it first
            shutil.rmtree(partial, ignore_errors=True)
    sys.path.insert(0, target)
    import gleaner
    return gleaner


def extract_partition(paths, threads):
    """Rows for every page of the WARC files of one partition."""
    gleaner = import_gleaner()
    extractor = gleaner.Extractor()
    for path in paths:
        try:
            items = extractor.extract_warc(path, threads=threads)
        except gleaner.Error as e:
            yield (None, None, None, None, None, None, None, None, None, str(e))
            continue
        for item in items:
            if isinstance(item, gleaner.Error):
                yield (None, None, None, None, None, None, None, None, None, str(item))
                continue
            a = item.to_dict()
            yield (
                a["url"],
                a["warc_date"],
                a["title"],
                a["authors"],
                rfc3339(a["published"]),
                a["language"],
                a.get("page_type"),
                a["text"],
                a["word_count"],
                None,
            )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--output", required=True, help="directory for the Parquet files")
    parser.add_argument("--threads", type=int, default=1,
                        help="extraction threads per task (default 1: Spark runs one task per core)")
    parser.add_argument("paths", nargs="+", metavar="WARC_PATH")
    args = parser.parse_args(argv)

    spark = SparkSession.builder.appName("gleaner-extract-warc").getOrCreate()
    # Timestamps are written as the instants they are (WARC-Date is UTC), in
    # the Parquet type current readers map to an aware timestamp.
    spark.conf.set("spark.sql.session.timeZone", "UTC")
    spark.conf.set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
    threads = args.threads
    rows = (spark.sparkContext
            .parallelize(args.paths, numSlices=len(args.paths))
            .mapPartitions(lambda paths: extract_partition(paths, threads)))
    spark.createDataFrame(rows, SCHEMA).write.mode("overwrite").parquet(args.output)
    spark.stop()


if __name__ == "__main__":
    main()
