//! Peak memory while a compression bomb is refused: this file holds one
//! test so that its process measures nothing else. Linux only (reads
//! /proc/self/status and resets the peak through /proc/self/clear_refs).
#![cfg(all(feature = "fetch", target_os = "linux"))]

use std::io::Write;
use std::net::{IpAddr, Ipv4Addr};

use gleaner::fetch::Client;
use gleaner::Error;
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

const MIB: usize = 1024 * 1024;

fn status_kib(field: &str) -> usize {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with(field)).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[tokio::test(flavor = "current_thread")]
async fn peak_memory_stays_near_the_body_cap() {
    // 64 MiB of zeros, gzip-compressed without ever holding them in memory.
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let zeros = vec![0u8; 64 * 1024];
    for _ in 0..(64 * MIB / zeros.len()) {
        enc.write_all(&zeros).unwrap();
    }
    let bomb = enc.finish().unwrap();
    assert!(bomb.len() < MIB, "{} bytes on the wire", bomb.len());
    let server = MockServer::start().await;
    Mock::given(path("/bomb"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("content-type", "text/html")
                .insert_header("content-encoding", "gzip")
                .set_body_bytes(bomb),
        )
        .mount(&server)
        .await;
    let cap = 4 * MIB;
    let client = Client::builder()
        .allow_address(IpAddr::V4(Ipv4Addr::LOCALHOST))
        .no_politeness()
        .robots(false)
        .max_body_bytes(Some(cap))
        .build()
        .unwrap();

    std::fs::write("/proc/self/clear_refs", "5").expect("reset the peak RSS");
    let before = status_kib("VmRSS:") * 1024;
    let result = client.fetch(&format!("{}/bomb", server.uri())).await;
    let peak = status_kib("VmHWM:") * 1024;

    assert!(matches!(result, Err(Error::TooLarge { .. })), "{result:?}");
    let grown = peak.saturating_sub(before);
    println!("peak grew by {} KiB", grown / 1024);
    assert!(
        grown < cap + 8 * MIB,
        "peak grew by {} MiB for a {} MiB cap",
        grown / MIB,
        cap / MIB
    );
}
