//! Tests of the whole reader with a fixed fetch time.

use super::*;
use crate::config::Limits;

fn at(html: &str, url: Option<&str>, now: &str) -> Metadata {
    let dom = Dom::parse(html, &Limits::default());
    let url = url.map(|u| Url::parse(u).unwrap());
    let now = DateTime::parse_from_rfc3339(now)
        .unwrap()
        .with_timezone(&Utc);
    read_at(&dom, url.as_ref(), now)
}

#[test]
fn basic_head() {
    let m = at(
        "<html lang=en><head><title>Rain returns to the valley | The Daily</title></head><body><p>x</p></body></html>",
        None,
        "2024-06-01T00:00:00Z",
    );
    assert_eq!(m.title.as_deref(), Some("Rain returns to the valley"));
    assert_eq!(m.language.as_deref(), Some("en"));
}
