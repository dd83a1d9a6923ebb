//! The stages depend one way: no two top-level modules of `src/` import
//! each other (test code aside). A cycle would let a stage reach into
//! another's internals again, so it fails here. Nor may a file grow past
//! what one concept needs.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Top-level modules each `src/**/*.rs` file names through `crate::`,
/// with names the crate root re-exports mapped to their module.
fn imports(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    let mut alias = BTreeMap::new();
    for line in lib.lines().filter(|l| l.starts_with("pub use ")) {
        let rest = &line["pub use ".len()..];
        let (module, names) = rest.split_once("::").unwrap();
        for n in names.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
            if !n.is_empty() {
                alias.insert(n.to_string(), module.to_string());
            }
        }
    }
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let rel = path.strip_prefix(src).unwrap();
            let top = rel
                .components()
                .next()
                .unwrap()
                .as_os_str()
                .to_string_lossy();
            let top = top.trim_end_matches(".rs").to_string();
            // Test-only files (`mod tests;` under `#[cfg(test)]`).
            if top == "lib" || path.file_name().unwrap() == "tests.rs" {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let code = text.split("#[cfg(test)]\nmod tests").next().unwrap();
            for used in crate_paths(code) {
                let module = alias.get(&used).cloned().unwrap_or(used);
                if module != top {
                    out.entry(top.clone()).or_default().insert(module);
                }
            }
        }
    }
    out
}

/// The first segment after every `crate::`, braces included
/// (`crate::{a::X, b}` names `a` and `b`), comments left out.
fn crate_paths(code: &str) -> Vec<String> {
    let code: String = code
        .lines()
        .map(|l| l.split("//").next().unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    let mut found = Vec::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        found.push(head(&item));
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                item.push(c);
            }
            found.push(head(&item));
        } else {
            found.push(head(rest));
        }
    }
    found.retain(|s| !s.is_empty());
    found
}

fn head(s: &str) -> String {
    s.trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

#[test]
fn no_two_top_level_modules_import_each_other() {
    let graph = imports(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    let mut cycles = Vec::new();
    for (a, uses) in &graph {
        for b in uses {
            if a < b && graph.get(b).is_some_and(|u| u.contains(a)) {
                cycles.push(format!("{a} <-> {b}"));
            }
        }
    }
    assert!(
        cycles.is_empty(),
        "modules importing each other: {cycles:?}"
    );
}

#[test]
fn the_scan_sees_grouped_and_plain_paths() {
    let code = "use crate::{dom::{Dom, Ix}, block::Block};\nuse crate::tuning::X;\n// crate::ignored\nlet a = crate::Rule::Share;";
    assert_eq!(crate_paths(code), ["dom", "block", "tuning", "Rule"]);
}

#[test]
fn the_graph_has_the_stages_and_their_downward_edges() {
    let graph = imports(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    // The sequencer uses the stages; the stages do not use it.
    let extractor = &graph["extractor"];
    for stage in ["clean", "select", "segment", "render", "meta"] {
        assert!(extractor.contains(stage), "extractor does not use {stage}");
        assert!(
            !graph[stage].contains("extractor"),
            "{stage} uses extractor"
        );
    }
}

/// Longest a source file may be, in lines of code outside its tests: a
/// file a concept.
const MAX_CODE_LINES: usize = 500;

/// Lines of code of a source file: neither blank nor comment, and before
/// its `#[cfg(test)]` module.
fn code_lines(code: &str) -> usize {
    let mut count = 0;
    let mut lines = code.lines().map(str::trim).peekable();
    while let Some(line) = lines.next() {
        if line == "#[cfg(test)]" && lines.peek().is_some_and(|l| l.starts_with("mod tests")) {
            break;
        }
        if !line.is_empty() && !line.starts_with("//") {
            count += 1;
        }
    }
    count
}

#[test]
fn code_lines_leave_out_comments_blanks_and_tests() {
    let code = "//! Doc.\n\nfn a() {}\n    // note\nfn b() {}\n#[cfg(test)]\nmod tests {\n    fn t() {}\n}\n";
    assert_eq!(code_lines(code), 2);
    // A `#[cfg(test)]` item that is not the test module still counts.
    assert_eq!(code_lines("#[cfg(test)]\nfn helper() {}\nfn c() {}\n"), 3);
}

#[test]
fn no_source_file_is_longer_than_a_concept() {
    let mut long = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let n = code_lines(&std::fs::read_to_string(&path).unwrap());
                if n > MAX_CODE_LINES {
                    long.push(format!("{} ({n} lines)", path.display()));
                }
            }
        }
    }
    assert!(
        long.is_empty(),
        "files over {MAX_CODE_LINES} lines of code: {long:?}"
    );
}
