#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ from the repository's fixtures and the shared
# datasets (../shared/datasets, or $GLEANER_DATASETS). The corpus is not
# committed (see .gitignore): run this once before fuzzing.
set -euo pipefail
cd "$(dirname "$0")/.."
datasets=${GLEANER_DATASETS:-../shared/datasets}
[ -d "$datasets" ] || { echo "seed.sh: $datasets not found" >&2; exit 1; }
for t in extract_bytes extract_html decode robots url_guard feed jsonld dates; do mkdir -p "fuzz/corpus/$t"; done
n=0
for f in tests/fixtures/extract/*/source.html tests/fixtures/memory/*/*.html examples/pages/*.html; do
  [ -f "$f" ] || continue
  n=$((n + 1))
  cp "$f" "fuzz/corpus/extract_bytes/fixture-$n"
  cp "$f" "fuzz/corpus/extract_html/fixture-$n"
  { printf 'text/html; charset=utf-8\n'; cat "$f"; } > "fuzz/corpus/decode/fixture-$n"
done
for f in "$datasets"/scrapinghub/html/*.html.gz; do
  id=$(basename "$f" .html.gz)
  # libFuzzer's default -max_len is 4096: pass -max_len to use whole pages.
  gunzip -c "$f" > "fuzz/corpus/extract_bytes/sh-$id"
  { printf 'text/html\n'; cat "fuzz/corpus/extract_bytes/sh-$id"; } > "fuzz/corpus/decode/sh-$id"
done
for d in "$datasets"/readability-dev/*/; do
  name=$(basename "$d")
  cp "$d/source.html" "fuzz/corpus/extract_html/rd-$name"
done
printf 'User-agent: *\nDisallow: /private\nAllow: /private/open\nDisallow: /*.pdf$\n\nUser-agent: gleaner\nAllow: /\ngleaner\n/private/x.pdf' \
  > fuzz/corpus/robots/basic
for u in 'http://127.0.0.1/' 'http://0x7f.1/' 'http://[::ffff:7f00:1]/' 'https://example.com/a?b#c' 'http://2130706433/'; do
  printf '%s' "$u" > "fuzz/corpus/url_guard/$(printf '%s' "$u" | md5sum | cut -c1-8)"
done
# Feeds: the first byte picks the feed's URL (1: an https one).
for f in tests/fixtures/feed/*.xml tests/fixtures/feed/*.json; do
  { printf '\001'; cat "$f"; } > "fuzz/corpus/feed/$(basename "$f")"
done
# JSON-LD scripts and date values as pages carry them, from the fixtures
# and the datasets (deduplicated; date values capped at 3 000).
python3 - "$datasets" <<'PY'
import glob, gzip, hashlib, html, os, re, sys
datasets = sys.argv[1]
pages = glob.glob("tests/fixtures/**/*.html", recursive=True)
pages += glob.glob(os.path.join(datasets, "readability-dev", "*", "source.html"))
pages += glob.glob(os.path.join(datasets, "scrapinghub", "html", "*.html.gz"))
script = re.compile(r'<script[^>]*application/ld\+json[^>]*>(.*?)</script>', re.S | re.I)
value = re.compile(r'(?:datetime|content)="([^"]{8,64})"|"date(?:Published|Modified|Created)"\s*:\s*"([^"]{1,64})"')
dates = set()
def put(target, text):
    data = text.encode()
    name = hashlib.md5(data).hexdigest()[:12]
    with open(f"fuzz/corpus/{target}/{name}", "wb") as out:
        out.write(data)
for p in pages:
    raw = gzip.open(p).read() if p.endswith(".gz") else open(p, "rb").read()
    text = raw.decode("utf-8", "replace")
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S | re.I)
    h1 = re.sub(r"<[^>]+>", "", h1.group(1)).strip() if h1 else ""
    blobs = script.findall(text)
    if blobs:
        put("jsonld", h1 + "\x01" + "\x02".join(blobs))
    for a, b in value.findall(text):
        v = html.unescape(a or b).strip()
        if any(c.isdigit() for c in v):
            dates.add(v)
for v in sorted(dates)[:3000]:
    put("dates", v)
PY
for d in '2024-06-25' '2024-06-25T10:00:00+02:00' '2015-03-27T13:07:55.096Z' '2021-11-01T10:52:50+0100' \
  'Thu, 22 Dec 2016 10:43:37 -0800' '2019/04/28 06:01:07' '20190428' 'April 28, 2019 at 6:01 am' \
  '/news/2019/04/28/rain-returns/' '/2019-04-28-rain'; do
  printf '%s' "$d" > "fuzz/corpus/dates/seed-$(printf '%s' "$d" | md5sum | cut -c1-8)"
done
echo "seeded: $(find fuzz/corpus -type f | wc -l) files in fuzz/corpus/"
