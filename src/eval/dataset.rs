//! Corpora with reference answers, in three layouts:
//!
//! - [`Format::Articles`]: `ground-truth.json` mapping each id to
//!   `{"articleBody": "...", "url": "..."}`, pages in `html/<id>.html.gz`
//!   (or `html/<id>.html`); scored with the shingle metric.
//! - [`Format::Segments`]: one JSON object keyed by URL whose values are
//!   `{"file": "page.html", "with": [...], "without": [...]}`, files relative
//!   to the JSON file; scored with the segment metric.
//! - [`Format::Readability`]: folders `<case>/source.html` +
//!   `<case>/expected.html`; the text of `expected.html` is the truth for the
//!   shingle metric.
//!
//! A dataset is opened from its directory (or, for segments, from the JSON
//! file itself). Anything missing is an error naming the path.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::text::html_to_text;
use super::{EvalError, Result};

/// The layout of a corpus, which also decides the metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// `ground-truth.json` + `html/<id>.html.gz`.
    Articles,
    /// A JSON of `with` / `without` snippets per page.
    Segments,
    /// `<case>/source.html` + `<case>/expected.html`.
    Readability,
}

/// The reference answer for one page.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Truth {
    /// The article text.
    Text(String),
    /// Snippets that must and must not appear.
    Segments {
        /// Must appear.
        with: Vec<String>,
        /// Must not appear.
        without: Vec<String>,
    },
}

/// One page of a corpus.
#[derive(Debug, Clone)]
pub struct Doc {
    /// A stable id (file stem or folder name).
    pub id: String,
    /// The page's URL, used as its base URL only.
    pub url: Option<String>,
    /// Where the page's bytes are (possibly gzip-compressed).
    pub path: PathBuf,
    /// The reference answer.
    pub truth: Truth,
    /// The page's type, when the corpus labels it (`article`, `forum`…).
    pub page_type: Option<String>,
    /// Snippets a correct output contains, when the corpus gives them
    /// beside a reference text.
    pub with: Vec<String>,
    /// Boilerplate snippets a correct output leaves out.
    pub without: Vec<String>,
}

impl Doc {
    /// The page's bytes, decompressed when the file ends in `.gz`.
    pub fn read_html(&self) -> Result<Vec<u8>> {
        let raw = fs::read(&self.path).map_err(|e| EvalError::io(&self.path, e))?;
        if self.path.extension().is_some_and(|e| e == "gz") {
            let mut out = Vec::with_capacity(raw.len() * 4);
            flate2::read::GzDecoder::new(&raw[..])
                .read_to_end(&mut out)
                .map_err(|e| EvalError::io(&self.path, e))?;
            Ok(out)
        } else {
            Ok(raw)
        }
    }
}

/// A corpus: its pages and reference answers, sorted by id.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// The directory (or JSON file) it was opened from.
    pub root: PathBuf,
    /// Its layout.
    pub format: Format,
    /// Its pages.
    pub docs: Vec<Doc>,
}

#[derive(Deserialize)]
struct ArticleTruth {
    #[serde(rename = "articleBody")]
    article_body: String,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    page_type: Option<String>,
    #[serde(default)]
    with: Vec<String>,
    #[serde(default)]
    without: Vec<String>,
}

#[derive(Deserialize)]
struct SegmentEntry {
    file: String,
    #[serde(default)]
    with: Vec<String>,
    #[serde(default)]
    without: Vec<String>,
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T> {
    let text = fs::read_to_string(path).map_err(|e| EvalError::io(path, e))?;
    serde_json::from_str(&text).map_err(|source| EvalError::Json {
        path: path.to_path_buf(),
        source,
    })
}

/// The id of a page file: its name without `.html.gz`, `.htm` or `.html`.
pub fn file_id(name: &str) -> &str {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    [".html.gz", ".htm.gz", ".html", ".htm", ".gz"]
        .iter()
        .find_map(|ext| base.strip_suffix(ext))
        .unwrap_or(base)
}

impl Dataset {
    /// Opens a corpus, recognising its layout.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        if !path.exists() {
            return Err(EvalError::invalid(
                path,
                "dataset not found (no such file or directory)",
            ));
        }
        if path.is_file() {
            return Self::segments(path);
        }
        if path.join("ground-truth.json").is_file() {
            return Self::articles(path);
        }
        let jsons: Vec<PathBuf> = list_dir(path)?
            .into_iter()
            .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "json"))
            .collect();
        if let [one] = &jsons[..] {
            return Self::segments(one);
        }
        let ds = Self::readability(path)?;
        if ds.docs.is_empty() {
            return Err(EvalError::invalid(
                path,
                "not a recognised dataset: expected ground-truth.json + html/, \
                 a single segments JSON file, or <case>/source.html + expected.html folders",
            ));
        }
        Ok(ds)
    }

    /// The page with this id.
    pub fn get(&self, id: &str) -> Option<&Doc> {
        self.docs.iter().find(|d| d.id == id)
    }

    fn articles(root: &Path) -> Result<Self> {
        let gt_path = root.join("ground-truth.json");
        let truth: BTreeMap<String, ArticleTruth> = read_json(&gt_path)?;
        let mut docs = Vec::with_capacity(truth.len());
        for (id, t) in truth {
            let gz = root.join("html").join(format!("{id}.html.gz"));
            let plain = root.join("html").join(format!("{id}.html"));
            let path = if gz.is_file() {
                gz
            } else if plain.is_file() {
                plain
            } else {
                return Err(EvalError::invalid(&gz, format!("page of {id:?} not found")));
            };
            docs.push(Doc {
                id,
                url: t.url.filter(|u| !u.is_empty()),
                path,
                truth: Truth::Text(t.article_body),
                page_type: t.page_type.filter(|p| !p.is_empty()),
                with: t.with,
                without: t.without,
            });
        }
        if docs.is_empty() {
            return Err(EvalError::invalid(&gt_path, "no documents"));
        }
        Ok(Dataset {
            root: root.to_path_buf(),
            format: Format::Articles,
            docs,
        })
    }

    fn segments(json: &Path) -> Result<Self> {
        let entries: BTreeMap<String, SegmentEntry> = read_json(json)?;
        let dir = json.parent().unwrap_or(Path::new("."));
        let mut seen = HashSet::new();
        let mut docs = Vec::with_capacity(entries.len());
        for (url, e) in entries {
            let path = dir.join(&e.file);
            if !path.is_file() {
                return Err(EvalError::invalid(
                    &path,
                    format!("page of {url:?} not found"),
                ));
            }
            if e.with.iter().chain(&e.without).any(|s| s.trim().is_empty()) {
                return Err(EvalError::invalid(json, format!("{url:?}: empty snippet")));
            }
            let id = file_id(&e.file).to_string();
            if !seen.insert(id.clone()) {
                return Err(EvalError::invalid(
                    json,
                    format!("two pages share the id {id:?}"),
                ));
            }
            docs.push(Doc {
                id,
                url: Some(url).filter(|u| !u.is_empty()),
                path,
                truth: Truth::Segments {
                    with: e.with,
                    without: e.without,
                },
                page_type: None,
                with: Vec::new(),
                without: Vec::new(),
            });
        }
        if docs.is_empty() {
            return Err(EvalError::invalid(json, "no documents"));
        }
        docs.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(Dataset {
            root: json.to_path_buf(),
            format: Format::Segments,
            docs,
        })
    }

    fn readability(root: &Path) -> Result<Self> {
        let mut docs = Vec::new();
        for dir in list_dir(root)? {
            let (source, expected) = (dir.join("source.html"), dir.join("expected.html"));
            if !(source.is_file() && expected.is_file()) {
                continue;
            }
            let bytes = fs::read(&expected).map_err(|e| EvalError::io(&expected, e))?;
            let id = dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            docs.push(Doc {
                id,
                url: None,
                path: source,
                truth: Truth::Text(html_to_text(&String::from_utf8_lossy(&bytes))),
                page_type: None,
                with: Vec::new(),
                without: Vec::new(),
            });
        }
        Ok(Dataset {
            root: root.to_path_buf(),
            format: Format::Readability,
            docs,
        })
    }
}

fn list_dir(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).map_err(|e| EvalError::io(dir, e))? {
        out.push(entry.map_err(|e| EvalError::io(dir, e))?.path());
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_file_names() {
        assert_eq!(file_id("html/abc.html.gz"), "abc");
        assert_eq!(file_id("/x/y/page.html"), "page");
        assert_eq!(file_id("page"), "page");
    }

    #[test]
    fn missing_dataset_is_an_error() {
        let err = Dataset::open("/nonexistent/gleaner-dataset").unwrap_err();
        assert!(err.to_string().contains("dataset not found"), "{err}");
    }
}
