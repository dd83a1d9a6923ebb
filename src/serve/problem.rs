//! Every refusal and failure as a status and a plain reason (text, or
//! JSON when the client asked for JSON); never a stack trace.

use std::time::Duration;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use super::admit::Busy;
use crate::Error;

/// A failed request: its status and why.
#[derive(Debug, Clone)]
pub(crate) struct Problem {
    pub status: StatusCode,
    pub reason: String,
    pub retry_after: Option<Duration>,
    pub json: bool,
}

impl Problem {
    pub fn new(status: StatusCode, reason: impl Into<String>) -> Self {
        Problem {
            status,
            reason: reason.into(),
            retry_after: None,
            json: false,
        }
    }

    pub fn bad_request(reason: impl Into<String>) -> Self {
        Problem::new(StatusCode::BAD_REQUEST, reason)
    }

    /// A 503 for a request turned away by admission.
    pub fn busy(why: Busy, retry_after: Duration) -> Self {
        let reason = match why {
            Busy::QueueFull => "too many requests are waiting; try again later",
            Busy::Waited => "no turn came in time; try again later",
        };
        Problem {
            retry_after: Some(retry_after),
            ..Problem::new(StatusCode::SERVICE_UNAVAILABLE, reason)
        }
    }

    /// The status an upstream failure is answered with: 400 for a URL the
    /// fetcher will not read, 403 for one the address guard or robots.txt
    /// refuses, 504 when upstream ran out of time, 502 for the rest (an
    /// upstream error status, a network failure, something that is no
    /// feed or no page).
    pub fn upstream(error: &Error) -> Self {
        let status = match error {
            Error::InvalidUrl { .. } | Error::UnsupportedScheme { .. } => StatusCode::BAD_REQUEST,
            Error::BlockedAddress { .. } | Error::RobotsDisallowed { .. } => StatusCode::FORBIDDEN,
            Error::Timeout { .. } => StatusCode::GATEWAY_TIMEOUT,
            _ => StatusCode::BAD_GATEWAY,
        };
        Problem::new(status, chain(error))
    }

    /// The same problem, said in JSON when `json`.
    pub fn in_json(mut self, json: bool) -> Self {
        self.json = json;
        self
    }
}

/// An error and its causes, `outer: inner`, each said once.
pub(crate) fn chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut cur = error.source();
    while let Some(cause) = cur {
        let said = cause.to_string();
        if !text.contains(&said) {
            text.push_str(": ");
            text.push_str(&said);
        }
        cur = cause.source();
    }
    text
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let (content_type, body) = if self.json {
            let body = serde_json::json!({
                "error": self.reason,
                "status": self.status.as_u16(),
            });
            ("application/json", format!("{body}\n"))
        } else {
            ("text/plain; charset=utf-8", format!("{}\n", self.reason))
        };
        let mut response =
            (self.status, [(header::CONTENT_TYPE, content_type)], body).into_response();
        if let Some(after) = self.retry_after {
            let secs = after.as_secs().max(1);
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}
