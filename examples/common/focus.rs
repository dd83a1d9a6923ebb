//! The `--focus` option of the `extract` and `warc` examples.

use gleaner::Focus;

/// The focus named on the command line, or why the name is not one.
pub fn parse(name: Option<&str>) -> Result<Focus, String> {
    match name {
        Some("precision") => Ok(Focus::Precision),
        Some("balanced") => Ok(Focus::Balanced),
        Some("recall") => Ok(Focus::Recall),
        other => Err(format!("unknown focus {other:?}")),
    }
}
