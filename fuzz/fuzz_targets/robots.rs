//! robots.txt: the file, then the agent and the path on the last two lines.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let mut parts = text.rsplitn(3, '\n');
    let path = parts.next().unwrap_or("/");
    let agent = parts.next().unwrap_or("gleaner");
    let txt = parts.next().unwrap_or("");
    let _ = gleaner::fuzzing::robots_allows(txt, agent, path);
});
