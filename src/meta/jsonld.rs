//! JSON-LD: `<script type="application/ld+json">` parsed with serde_json
//! (its recursion limit stays on), `@graph` and arrays flattened, `@id`
//! references followed, and the page's own article chosen among several.

use std::collections::HashMap;

use serde_json::Value;

/// Most objects looked at across all scripts.
const MAX_NODES: usize = 2_000;

/// What the page's main JSON-LD object says, as raw strings (each
/// trimmed, entities decoded and whitespace collapsed; never empty).
#[derive(Debug, Default)]
pub struct LdArticle {
    /// `headline`, else `name`.
    pub headline: Option<String>,
    /// Author names, each with whether it is typed as a `Person`.
    pub authors: Vec<(String, bool)>,
    /// `datePublished`, else `dateCreated`, unparsed.
    pub published: Option<String>,
    /// `dateModified`, unparsed.
    pub modified: Option<String>,
    /// The publisher's name.
    pub publisher: Option<String>,
    /// The name of a `WebSite` object anywhere in the scripts.
    pub site: Option<String>,
    /// The image's URL, as written (possibly relative).
    pub image: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `keywords`, from a list or a comma-separated string.
    pub keywords: Vec<String>,
    /// `isAccessibleForFree`, on the object or one of its parts.
    pub free: Option<bool>,
    /// `inLanguage`.
    pub language: Option<String>,
    /// `url`, else `mainEntityOfPage`, as written.
    pub url: Option<String>,
    /// Every `@type` of every object, without its vocabulary prefix, in
    /// the order met, without duplicates.
    pub types: Vec<String>,
    /// Objects typed `Product` (or a kind of product offer).
    pub products: usize,
    /// The first `description` among the products.
    pub product_description: Option<String>,
    /// The first product's `name`.
    pub product_name: Option<String>,
}

fn types(v: &Value) -> Vec<&str> {
    match v.get("@type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn is_article(v: &Value) -> bool {
    types(v).iter().any(|t| {
        let t = t.rsplit(['/', ':']).next().unwrap_or(t);
        t.ends_with("Article") || t.ends_with("Posting") || t == "Report" || t == "Review"
    })
}

fn has_type(v: &Value, name: &str) -> bool {
    types(v)
        .iter()
        .any(|t| t.rsplit(['/', ':']).next() == Some(name))
}

/// Parses every script and flattens them into a list of objects.
fn nodes(scripts: &[String]) -> Vec<Value> {
    let mut out = Vec::new();
    for script in scripts {
        let mut text = script.trim();
        for (open, close) in [
            ("<!--", "-->"),
            ("//<![CDATA[", "//]]>"),
            ("<![CDATA[", "]]>"),
        ] {
            text = text.trim_start_matches(open).trim_end_matches(close).trim();
        }
        let Ok(value) = serde_json::from_str::<Value>(text) else {
            continue;
        };
        let mut stack = vec![value];
        while let Some(v) = stack.pop() {
            if out.len() >= MAX_NODES {
                return out;
            }
            match v {
                Value::Array(items) => stack.extend(items.into_iter().rev()),
                Value::Object(mut map) => {
                    if let Some(graph) = map.remove("@graph") {
                        stack.push(graph);
                    }
                    if let Some(main) = map.get("mainEntity").filter(|m| !m.is_string()) {
                        stack.push(main.clone());
                    }
                    out.push(Value::Object(map));
                }
                _ => {}
            }
        }
    }
    out
}

fn string(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => s.as_str(),
        Value::Array(a) => return a.iter().find_map(string),
        Value::Object(_) => return v.get("@value").and_then(string),
        _ => return None,
    };
    let s = unescape(s.trim());
    (!s.is_empty()).then_some(s)
}

/// Entities that CMSs leave in JSON-LD strings.
pub(crate) fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    let mut out = s.to_string();
    for (from, to) in [
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("&#039;", "'"),
        ("&apos;", "'"),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&nbsp;", " "),
        ("&#8217;", "’"),
        ("&#8216;", "‘"),
        ("&#8220;", "“"),
        ("&#8221;", "”"),
        ("&#8211;", "–"),
        ("&#8212;", "—"),
        ("&amp;", "&"),
    ] {
        out = out.replace(from, to);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A name: a string, an object's `name`, or the object an `@id` points to.
fn names(v: &Value, ids: &HashMap<&str, &Value>, out: &mut Vec<(String, bool)>) {
    match v {
        Value::String(_) => out.extend(string(v).map(|s| (s, false))),
        Value::Array(a) => a.iter().take(50).for_each(|x| names_flat(x, ids, out)),
        Value::Object(_) => names_flat(v, ids, out),
        _ => {}
    }
}

fn names_flat(v: &Value, ids: &HashMap<&str, &Value>, out: &mut Vec<(String, bool)>) {
    let v = resolve(v, ids);
    match v {
        Value::String(_) => out.extend(string(v).map(|s| (s, false))),
        Value::Object(_) => {
            let person = has_type(v, "Person");
            out.extend(v.get("name").and_then(string).map(|s| (s, person)))
        }
        _ => {}
    }
}

fn resolve<'a>(v: &'a Value, ids: &HashMap<&str, &'a Value>) -> &'a Value {
    if v.get("name").is_none() {
        if let Some(target) = v
            .get("@id")
            .and_then(Value::as_str)
            .and_then(|id| ids.get(id))
        {
            return target;
        }
    }
    v
}

fn url_of(v: &Value, ids: &HashMap<&str, &Value>) -> Option<String> {
    match resolve(v, ids) {
        Value::Array(a) => a.iter().find_map(|x| url_of(x, ids)),
        o @ Value::Object(_) => ["url", "contentUrl", "@id"]
            .iter()
            .find_map(|k| o.get(*k).and_then(string)),
        other => string(other),
    }
}

fn free(v: &Value) -> Option<bool> {
    match v.get("isAccessibleForFree")? {
        Value::Bool(b) => Some(*b),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" => Some(true),
            "false" | "no" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// Reads the page's article out of its JSON-LD scripts. `h1s` and
/// `page_urls` (the page's URL and its canonical URL) pick the page's own
/// article when several are present.
pub(crate) fn read(scripts: &[String], h1s: &[String], page_urls: &[&str]) -> LdArticle {
    let nodes = nodes(scripts);
    let ids: HashMap<&str, &Value> = nodes
        .iter()
        .filter_map(|n| Some((n.get("@id")?.as_str()?, n)))
        .collect();
    let score = |n: &Value| {
        let mut s = 0;
        if is_article(n) {
            s += 4;
        }
        if n.get("headline").is_some() {
            s += 1;
        }
        let headline = n.get("headline").and_then(string).unwrap_or_default();
        if !headline.is_empty() && h1s.iter().any(|h| h.trim() == headline) {
            s += 2;
        }
        let url = n.get("url").and_then(string);
        if url.is_some_and(|u| page_urls.contains(&u.as_str())) {
            s += 2;
        }
        s
    };
    let main = nodes
        .iter()
        .filter(|n| is_article(n) || n.get("headline").is_some())
        .enumerate()
        .max_by_key(|(i, n)| (score(n), usize::MAX - i))
        .map(|(_, n)| n)
        .or_else(|| nodes.iter().find(|n| has_type(n, "WebPage")));
    let mut ld = LdArticle {
        site: nodes
            .iter()
            .find(|n| has_type(n, "WebSite"))
            .and_then(|n| n.get("name").and_then(string)),
        ..LdArticle::default()
    };
    for n in &nodes {
        for t in types(n) {
            let t = t.rsplit(['/', ':']).next().unwrap_or(t);
            if !ld.types.iter().any(|k| k == t) {
                ld.types.push(t.to_string());
            }
        }
        if has_type(n, "Product") || has_type(n, "ProductGroup") {
            ld.products += 1;
            if ld.products == 1 {
                ld.product_name = n.get("name").and_then(string);
            }
            if ld.product_description.is_none() {
                ld.product_description = n.get("description").and_then(string);
            }
        }
    }
    let Some(main) = main else {
        return ld;
    };
    let get = |k: &str| main.get(k).and_then(string);
    ld.headline = get("headline").or_else(|| get("name"));
    if let Some(a) = main.get("author").or_else(|| main.get("creator")) {
        names(a, &ids, &mut ld.authors);
    }
    ld.published = get("datePublished").or_else(|| get("dateCreated"));
    ld.modified = get("dateModified");
    ld.publisher = main
        .get("publisher")
        .map(|p| resolve(p, &ids))
        .and_then(|p| p.get("name").and_then(string));
    ld.image = main
        .get("image")
        .or_else(|| main.get("thumbnailUrl"))
        .and_then(|i| url_of(i, &ids));
    ld.description = get("description");
    ld.keywords = match main.get("keywords") {
        Some(Value::Array(a)) => a.iter().filter_map(string).collect(),
        Some(v) => string(v)
            .map(|s| {
                s.split(',')
                    .map(str::trim)
                    .filter(|k| !k.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default(),
        None => Vec::new(),
    };
    ld.free = free(main).or_else(|| match main.get("hasPart") {
        Some(Value::Array(a)) => a.iter().find_map(free),
        Some(p) => free(p),
        None => None,
    });
    ld.language = main.get("inLanguage").and_then(|l| match l {
        Value::Object(_) => l.get("alternateName").or(l.get("name")).and_then(string),
        other => string(other),
    });
    ld.url = get("url").or_else(|| main.get("mainEntityOfPage").and_then(|m| url_of(m, &ids)));
    ld
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_with_several_authors_and_references() {
        let script = r##"{"@context":"https://schema.org","@graph":[
          {"@type":"WebSite","@id":"#site","name":"The Daily"},
          {"@type":"Person","@id":"#a1","name":"Ann Lee"},
          {"@type":["NewsArticle"],"headline":"Rain returns","author":[{"@id":"#a1"},{"@type":"Person","name":"Bo Chen"}],
           "datePublished":"2024-05-01T08:00:00+02:00","isAccessibleForFree":"False",
           "publisher":{"@type":"Organization","name":"Daily Media"},"image":{"@type":"ImageObject","url":"/i.jpg"},
           "keywords":"rain, weather"}]}"##;
        let ld = read(&[script.to_string()], &[], &[]);
        assert_eq!(ld.headline.as_deref(), Some("Rain returns"));
        let names: Vec<_> = ld.authors.iter().map(|a| a.0.as_str()).collect();
        assert_eq!(names, ["Ann Lee", "Bo Chen"]);
        assert!(ld.authors.iter().all(|a| a.1));
        assert_eq!(ld.site.as_deref(), Some("The Daily"));
        assert_eq!(ld.publisher.as_deref(), Some("Daily Media"));
        assert_eq!(ld.image.as_deref(), Some("/i.jpg"));
        assert_eq!(ld.keywords, ["rain", "weather"]);
        assert_eq!(ld.free, Some(false));
    }

    #[test]
    fn the_article_matching_the_heading_wins() {
        let a = r#"[{"@type":"NewsArticle","headline":"Other story"},
                    {"@type":"NewsArticle","headline":"This story","author":"Ann Lee"}]"#;
        let ld = read(&[a.to_string()], &["This story".to_string()], &[]);
        assert_eq!(ld.headline.as_deref(), Some("This story"));
        let b = r#"[{"@type":"NewsArticle","headline":"Other","url":"https://x.example/other"},
                    {"@type":"NewsArticle","headline":"Mine","url":"https://x.example/mine"}]"#;
        let ld = read(&[b.to_string()], &[], &["https://x.example/mine"]);
        assert_eq!(ld.headline.as_deref(), Some("Mine"));
        let ld = read(&[a.to_string()], &["This story".to_string()], &[]);
        assert_eq!(ld.headline.as_deref(), Some("This story"));
        assert_eq!(ld.authors, [("Ann Lee".to_string(), false)]);
    }

    #[test]
    fn bad_input_does_not_panic() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let big = format!(
            r#"{{"@type":"Article","headline":"{}"}}"#,
            "x".repeat(10 << 20)
        );
        let broken = r#"{"@type":"Article","headline":"#.to_string();
        let ld = read(&[deep, big, broken, "null".into(), "3".into()], &[], &[]);
        assert!(ld.headline.is_some_and(|h| h.len() == 10 << 20));
        assert!(ld.authors.is_empty());
    }
}
