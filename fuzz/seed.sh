#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ from the repository's fixtures and the shared
# datasets (../shared/datasets, or $GLEANER_DATASETS). The corpus is not
# committed (see .gitignore): run this once before fuzzing.
set -euo pipefail
cd "$(dirname "$0")/.."
datasets=${GLEANER_DATASETS:-../shared/datasets}
[ -d "$datasets" ] || { echo "seed.sh: $datasets not found" >&2; exit 1; }
for t in extract_bytes extract_html decode robots url_guard; do mkdir -p "fuzz/corpus/$t"; done
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
echo "seeded: $(find fuzz/corpus -type f | wc -l) files in fuzz/corpus/"
