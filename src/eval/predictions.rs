//! Another tool's output, to score it on the same corpus: JSON lines, one
//! object per page, `{"id": "...", "text": "..."}` or
//! `{"source": "path/to/<id>.html.gz", "text": "..."}` (the id is then the
//! file name without `.html.gz` / `.html`).

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::dataset::file_id;
use super::{EvalError, Result};

#[derive(Deserialize)]
struct Line {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    text: Option<String>,
}

/// Reads a predictions file into `id → text`.
pub fn read(path: &Path) -> Result<HashMap<String, String>> {
    let text = fs::read_to_string(path).map_err(|e| EvalError::io(path, e))?;
    parse(&text, path)
}

/// Parses predictions from JSON-lines text; `path` names it in errors.
pub fn parse(text: &str, path: &Path) -> Result<HashMap<String, String>> {
    let mut out = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let at = || PathBuf::from(format!("{}:{}", path.display(), n + 1));
        let l: Line =
            serde_json::from_str(line).map_err(|source| EvalError::Json { path: at(), source })?;
        let id = match (l.id, l.source) {
            (Some(id), _) => id,
            (None, Some(src)) => file_id(&src).to_string(),
            (None, None) => return Err(EvalError::invalid(&at(), "needs \"id\" or \"source\"")),
        };
        if out.insert(id.clone(), l.text.unwrap_or_default()).is_some() {
            return Err(EvalError::invalid(
                &at(),
                format!("second prediction for {id:?}"),
            ));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_sources() {
        let p = parse(
            "{\"id\":\"a\",\"text\":\"x\"}\n\n{\"source\":\"dir/b.html.gz\",\"text\":null}\n",
            Path::new("p.jsonl"),
        )
        .unwrap();
        assert_eq!(p["a"], "x");
        assert_eq!(p["b"], "");
    }

    #[test]
    fn bad_lines_name_the_line() {
        let e = parse("{\"id\":\"a\"}\nnot json\n", Path::new("p.jsonl")).unwrap_err();
        assert!(e.to_string().starts_with("p.jsonl:2"), "{e}");
        let e = parse("{\"text\":\"a\"}", Path::new("p.jsonl")).unwrap_err();
        assert!(e.to_string().contains("needs"), "{e}");
        let e = parse("{\"id\":\"a\"}\n{\"id\":\"a\"}", Path::new("p.jsonl")).unwrap_err();
        assert!(e.to_string().contains("second"), "{e}");
    }
}
