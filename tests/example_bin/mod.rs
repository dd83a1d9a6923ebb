//! Where `cargo test` put the examples it built beside the test binaries.

use std::path::PathBuf;

/// The path of the example called `name` (which must have been built).
pub fn example(name: &str) -> PathBuf {
    let mut dir = std::env::current_exe().expect("test binary path");
    dir.pop(); // the test binary
    if dir.ends_with("deps") {
        dir.pop();
    }
    let path = dir
        .join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.exists(),
        "{} not built: run the tests with `cargo test`, which builds the examples",
        path.display()
    );
    path
}
