//! The full-text feed as JSON Feed 1.1; gleaner's own fields go in the
//! `_gleaner` extension object of each item.

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{json, Map, Value};

use super::item::{Channel, Item, Origin};
use super::params::Links;

fn date(d: DateTime<Utc>) -> Value {
    Value::String(d.to_rfc3339_opts(SecondsFormat::Secs, true))
}

fn put(map: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    if let Some(v) = value {
        map.insert(key.to_string(), v);
    }
}

/// The feed.
pub(crate) fn write(channel: &Channel<'_>, items: &[Item], links: Links) -> String {
    let mut feed = Map::new();
    feed.insert("version".into(), "https://jsonfeed.org/version/1.1".into());
    feed.insert("title".into(), channel.name().into());
    put(
        &mut feed,
        "home_page_url",
        channel.feed.home.as_ref().map(|u| u.as_str().into()),
    );
    put(
        &mut feed,
        "description",
        channel.feed.description.clone().map(Value::from),
    );
    put(
        &mut feed,
        "language",
        channel.feed.language.clone().map(Value::from),
    );
    let items: Vec<Value> = items.iter().map(|i| item(i, links)).collect();
    feed.insert("items".into(), items.into());
    let mut out = Value::Object(feed).to_string();
    out.push('\n');
    out
}

fn item(i: &Item, links: Links) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), i.id.clone().into());
    put(&mut m, "url", i.link.as_ref().map(|u| u.as_str().into()));
    put(&mut m, "title", i.title.clone().map(Value::from));
    let html = match links {
        Links::Preserve => i.html.clone(),
        Links::Remove => super::item::unlink(&i.html),
    };
    m.insert("content_html".into(), html.into());
    put(&mut m, "summary", i.summary.clone().map(Value::from));
    put(&mut m, "image", i.image.as_ref().map(|u| u.as_str().into()));
    put(&mut m, "date_published", i.published.map(date));
    put(&mut m, "date_modified", i.updated.map(date));
    if !i.authors.is_empty() {
        let authors: Vec<Value> = i.authors.iter().map(|a| json!({ "name": a })).collect();
        m.insert("authors".into(), authors.into());
    }
    if !i.categories.is_empty() {
        m.insert("tags".into(), i.categories.clone().into());
    }
    put(&mut m, "language", i.language.clone().map(Value::from));
    let ext = match &i.origin {
        Origin::Article {
            source,
            reason,
            page_error,
        } => json!({
            "source": source.name(),
            "reason": reason.name(),
            "page_error": page_error,
        }),
        Origin::Failed { error } => json!({ "error": error }),
    };
    m.insert("_gleaner".into(), ext);
    Value::Object(m)
}
