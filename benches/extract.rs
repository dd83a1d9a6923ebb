//! Extraction against the parse-only floor, on a small, a medium and a
//! large page, with a per-stage breakdown.
//!
//! ```text
//! cargo bench --bench extract
//! ```
//!
//! Pages come from `../shared/datasets/scrapinghub/html` (or
//! `$GLEANER_DATASETS/scrapinghub/html`) when it exists — the pages at the
//! 10th, 50th and 90th percentile of size — and otherwise from the pages
//! that ship in the repository.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use gleaner::{Extractor, Page, StageTimes};

struct Sample {
    label: &'static str,
    bytes: Vec<u8>,
}

fn dataset_dir() -> PathBuf {
    std::env::var_os("GLEANER_DATASETS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/datasets"))
        })
        .join("scrapinghub/html")
}

fn read_gz(path: &Path) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).expect("open page"))
        .read_to_end(&mut out)
        .expect("gunzip page");
    out
}

fn samples() -> Vec<Sample> {
    let dir = dataset_dir();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        let mut pages: Vec<Vec<u8>> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.to_string_lossy().ends_with(".html.gz"))
            .map(|p| read_gz(&p))
            .collect();
        if pages.len() >= 3 {
            pages.sort_by_key(Vec::len);
            let at = |q: usize| pages[(pages.len() - 1) * q / 100].clone();
            return vec![
                Sample {
                    label: "small",
                    bytes: at(10),
                },
                Sample {
                    label: "medium",
                    bytes: at(50),
                },
                Sample {
                    label: "large",
                    bytes: at(90),
                },
            ];
        }
    }
    eprintln!(
        "{} not found: benchmarking the pages shipped in the repository",
        dir.display()
    );
    let shipped = |p: &str| {
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(p)).expect("shipped page")
    };
    vec![
        Sample {
            label: "small",
            bytes: shipped("tests/fixtures/extract/short-two-paragraphs/source.html"),
        },
        Sample {
            label: "medium",
            bytes: shipped("examples/pages/seed-article.html"),
        },
        Sample {
            label: "large",
            bytes: shipped("tests/fixtures/extract/list-table-quote/source.html"),
        },
    ]
}

fn median_stages(extractor: &Extractor, bytes: &[u8], runs: usize) -> StageTimes {
    let mut all: Vec<StageTimes> = (0..runs)
        .map(|_| {
            extractor
                .extract_timed(&Page::bytes(bytes))
                .expect("extract")
                .1
        })
        .collect();
    all.sort_by_key(StageTimes::total);
    all[all.len() / 2]
}

fn bench(c: &mut Criterion) {
    let extractor = Extractor::default();
    let samples = samples();
    for s in &samples {
        let t = median_stages(&extractor, &s.bytes, 31);
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        eprintln!(
            "stages {:>6} ({:>7} bytes): decode {:.3} parse {:.3} clean {:.3} select {:.3} meta {:.3} blocks {:.3} render {:.3} = {:.3} ms",
            s.label, s.bytes.len(), ms(t.decode), ms(t.parse), ms(t.clean), ms(t.select), ms(t.meta), ms(t.blocks), ms(t.render), ms(t.total())
        );
    }
    let mut group = c.benchmark_group("page");
    for s in &samples {
        group.throughput(Throughput::Bytes(s.bytes.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("parse_only", s.label),
            &s.bytes,
            |b, bytes| b.iter(|| scraper::Html::parse_document(&String::from_utf8_lossy(bytes))),
        );
        group.bench_with_input(
            BenchmarkId::new("extract", s.label),
            &s.bytes,
            |b, bytes| {
                b.iter(|| {
                    extractor
                        .extract(&Page::bytes(bytes.as_slice()))
                        .expect("extract")
                })
            },
        );
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
