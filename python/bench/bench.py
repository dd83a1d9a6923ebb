"""Speed and quality figures of the Python package, the `warc` example and the
Spark job, on the shared datasets (never copied: WARC files made from them go
to a temporary folder).

    python python/bench/bench.py compare DATASET...   # gleaner.extract vs trafilatura.extract
    python python/bench/bench.py threads DATASET...   # extract_many, 2 threads vs 1
    python python/bench/bench.py warc DATASET...      # the Rust `warc` example on a WARC of the pages
    python python/bench/bench.py spark DATASET...     # the Spark job, local[2]

A DATASET folder holds html/<id>.html.gz and ground-truth.json
({id: {"articleBody", "url"}}). `compare` needs trafilatura installed (keep it
out of the test environment); `spark` needs pyspark and a Java runtime.
Times are medians of --repeat passes over all pages, tools interleaved.
"""

import argparse
import gzip
import json
import os
import pathlib
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "python" / "tests"))

import warcgen  # noqa: E402

WORD = re.compile(r"\w+")


def load(dataset):
    """(id, url, html bytes, reference text) of every page, in id order."""
    folder = pathlib.Path(dataset)
    truth = json.loads((folder / "ground-truth.json").read_text())
    pages = []
    for pid in sorted(truth):
        path = folder / "html" / f"{pid}.html.gz"
        if path.exists():
            pages.append((pid, truth[pid].get("url"), gzip.decompress(path.read_bytes()),
                          truth[pid].get("articleBody") or ""))
    return pages


def word_f1(pred, ref):
    """The WCXB word metric for one page: lower-cased \\w+ bags; P = overlap /
    predicted, R = overlap / reference; an empty prediction scores 0, an
    empty reference with an empty prediction 1."""
    p, r = WORD.findall((pred or "").lower()), WORD.findall(ref.lower())
    if not p:
        return 0.0 if r else 1.0
    if not r:
        return 0.0
    counts = {}
    for w in r:
        counts[w] = counts.get(w, 0) + 1
    overlap = 0
    for w in p:
        if counts.get(w, 0) > 0:
            counts[w] -= 1
            overlap += 1
    if overlap == 0:
        return 0.0
    precision, recall = overlap / len(p), overlap / len(r)
    return 2 * precision * recall / (precision + recall)


def timed_pass(fn, pages):
    """Seconds for one pass of `fn(html, url)` over the pages, and the outputs."""
    outputs = []
    start = time.perf_counter()
    for _, url, html, _ in pages:
        outputs.append(fn(html, url))
    return time.perf_counter() - start, outputs


def compare(args):
    import gleaner
    import trafilatura

    tools = {
        "gleaner.extract": lambda html, url: gleaner.extract(html, url),
        "trafilatura.extract": lambda html, url: trafilatura.extract(html, url=url),
    }
    print(f"trafilatura {trafilatura.__version__}, gleaner {gleaner.__version__}, one thread, "
          f"median of {args.repeat} passes")
    print(f"{'dataset':<14} {'tool':<20} {'pages':>5} {'docs/s':>8} {'word F1':>8}")
    for dataset in args.datasets:
        pages = load(dataset)
        times = {name: [] for name in tools}
        outputs = {}
        for _ in range(args.repeat):
            for name, fn in tools.items():
                seconds, outputs[name] = timed_pass(fn, pages)
                times[name].append(seconds)
        speed = {}
        for name in tools:
            speed[name] = len(pages) / statistics.median(times[name])
            f1 = statistics.mean(word_f1(o, p[3]) for o, p in zip(outputs[name], pages))
            print(f"{pathlib.Path(dataset).name:<14} {name:<20} {len(pages):>5} {speed[name]:>8.1f} {f1:>8.4f}")
        print(f"{'':<14} speed ratio gleaner / trafilatura: "
              f"{speed['gleaner.extract'] / speed['trafilatura.extract']:.2f}")


def threads(args):
    import gleaner

    extractor = gleaner.Extractor()
    print(f"extract_many on {os.cpu_count()} cores, median of {args.repeat} passes; "
          f"cpu = the process's CPU time over the wall time (2.0: two cores busy)")
    print(f"{'dataset':<14} {'pages':>5} {'1 thread':>10} {'cpu':>5} {'2 threads':>10} {'cpu':>5} {'ratio':>6}")
    for dataset in args.datasets:
        pages = [(html, url) for _, url, html, _ in load(dataset)]
        times = {1: [], 2: []}
        cpu = {1: [], 2: []}
        for _ in range(args.repeat):
            for n in (1, 2):
                start, start_cpu = time.perf_counter(), time.process_time()
                extractor.extract_many(pages, threads=n)
                times[n].append(time.perf_counter() - start)
                cpu[n].append((time.process_time() - start_cpu) / times[n][-1])
        one, two = (len(pages) / statistics.median(times[n]) for n in (1, 2))
        print(f"{pathlib.Path(dataset).name:<14} {len(pages):>5} {one:>8.1f}/s {statistics.median(cpu[1]):>5.2f} "
              f"{two:>8.1f}/s {statistics.median(cpu[2]):>5.2f} {two / one:>6.2f}")


def write_warcs(dataset, folder, parts=1):
    """WARC.gz files (one gzip member per record) of the dataset's pages, in `parts` files."""
    pages = load(dataset)
    name = pathlib.Path(dataset).name
    paths = []
    for i in range(parts):
        path = pathlib.Path(folder) / f"{name}-{i}.warc.gz"
        warcgen.write(path, (warcgen.response(url or f"https://example.com/{pid}", html)
                             for pid, url, html, _ in pages[i::parts]))
        paths.append(path)
    return pages, paths


def cargo_example(name, features):
    subprocess.run(["cargo", "build", "--release", "--quiet", "--features", features, "--example", name],
                   cwd=ROOT, check=True)
    meta = json.loads(subprocess.run(["cargo", "metadata", "--format-version", "1", "--no-deps"],
                                     cwd=ROOT, check=True, capture_output=True, text=True).stdout)
    return pathlib.Path(meta["target_directory"]) / "release" / "examples" / name


def warc(args):
    binary = cargo_example("warc", "warc")
    print(f"the `warc` example, --format jsonl to /dev/null, median of {args.repeat} runs")
    with tempfile.TemporaryDirectory() as tmp:
        for dataset in args.datasets:
            pages, (path,) = write_warcs(dataset, tmp)
            for threads_ in (1, 2):
                rates, summary = [], ""
                for _ in range(args.repeat):
                    run = subprocess.run([str(binary), "--threads", str(threads_), str(path)],
                                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                         check=True)
                    summary = run.stderr.strip().splitlines()[-1]
                    rates.append(float(re.search(r"([\d.]+) docs/s", summary).group(1)))
                print(f"{pathlib.Path(dataset).name:<14} {threads_} thread(s): "
                      f"{statistics.median(rates):.1f} docs/s   ({summary})")


class PeakMemory:
    """Samples the peak resident memory (VmHWM) of processes whose command
    line matches, until stopped."""

    def __init__(self, pattern):
        self.pattern = pattern
        self.peaks = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self):
        while not self.stop.is_set():
            for pid in os.listdir("/proc"):
                if not pid.isdigit():
                    continue
                try:
                    cmd = pathlib.Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
                    if not re.search(self.pattern, cmd):
                        continue
                    status = pathlib.Path(f"/proc/{pid}/status").read_text()
                except OSError:
                    continue
                kb = int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1))
                self.peaks[pid] = max(self.peaks.get(pid, 0), kb)
            time.sleep(0.05)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()


def spark(args):
    import pyspark

    submit = pathlib.Path(pyspark.__file__).parent / "bin" / "spark-submit"
    job = ROOT / "examples" / "spark" / "extract_warc.py"
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable,
               SPARK_LOCAL_IP="127.0.0.1")
    print(f"the Spark job, spark-submit --master local[2], the pages in 2 WARC files, "
          f"median of {args.repeat} runs")

    def run_job(paths, out):
        start = time.perf_counter()
        subprocess.run([str(submit), "--master", "local[2]", "--conf", "spark.ui.enabled=false",
                        str(job), "--output", out, *map(str, paths)],
                       env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return time.perf_counter() - start

    with tempfile.TemporaryDirectory() as tmp:
        for dataset in args.datasets:
            pages, paths = write_warcs(dataset, tmp, parts=2)
            # The same files once and three times: the difference is the
            # extraction of 2 x the pages, without Spark's start-up.
            once, thrice = [], []
            with PeakMemory(r"pyspark[./](daemon|worker)") as workers, \
                    PeakMemory(r"java .*org\.apache\.spark\.deploy\.SparkSubmit") as jvm:
                for _ in range(args.repeat):
                    once.append(run_job(paths, f"{tmp}/out"))
                    thrice.append(run_job(paths * 3, f"{tmp}/out"))
            t1, t3 = statistics.median(once), statistics.median(thrice)
            worker_peak = max(workers.peaks.values(), default=0) / 1024
            jvm_peak = max(jvm.peaks.values(), default=0) / 1024
            print(f"{pathlib.Path(dataset).name:<14} {len(pages)} pages: {t1:.1f} s end to end "
                  f"({len(pages) / t1:.1f} docs/s); three times the pages: {t3:.1f} s; "
                  f"{2 * len(pages) / (t3 - t1):.1f} docs/s past start-up; "
                  f"peak RSS per Python worker {worker_peak:.0f} MiB "
                  f"({len(workers.peaks)} worker processes seen), JVM {jvm_peak:.0f} MiB")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("what", choices=["compare", "threads", "warc", "spark"])
    parser.add_argument("datasets", nargs="+")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    {"compare": compare, "threads": threads, "warc": warc, "spark": spark}[args.what](args)


if __name__ == "__main__":
    main()
