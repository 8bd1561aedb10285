//! Reading what a client sends: the body (over the limit is 413), its type (415 when the
//! endpoint does not read it) and the query string (every parameter named, none unknown).

use super::error::ApiError;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{StatusCode, header};
use std::collections::BTreeMap;

/// A request body with its declared type.
pub struct Body {
    /// The bytes.
    pub bytes: Bytes,
    /// The media type without parameters, lower case (`application/json`), if declared.
    pub media: Option<String>,
}

impl<S: Send + Sync> FromRequest<S> for Body {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let media = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|v| {
                v.split(';')
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_ascii_lowercase()
            });
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|r| match r.status() {
                StatusCode::PAYLOAD_TOO_LARGE => ApiError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "body_too_large",
                    "the body is over the size limit",
                    "тело запроса больше допустимого размера",
                ),
                _ => ApiError::malformed(
                    "the body could not be read",
                    "тело запроса не удалось прочитать",
                ),
            })?;
        Ok(Body { bytes, media })
    }
}

impl Body {
    /// The body as JSON text: declared `application/json` (or undeclared) and UTF-8.
    ///
    /// # Errors
    /// 415 for another type, 400 for bytes that are not UTF-8.
    pub fn json_text(&self) -> Result<&str, ApiError> {
        match self.media.as_deref() {
            None | Some("application/json") => {}
            Some(_) => return Err(ApiError::unsupported_type("application/json")),
        }
        std::str::from_utf8(&self.bytes).map_err(|_| {
            ApiError::malformed("the body is not UTF-8", "тело запроса не в кодировке UTF-8")
        })
    }

    /// Which table the body is: CSV, JSON Lines or an Excel workbook, by its declared type.
    ///
    /// # Errors
    /// 415 for any other type.
    pub fn table_kind(&self, jsonl: bool) -> Result<TableKind, ApiError> {
        let expected = if jsonl {
            "text/csv, application/x-ndjson or application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        } else {
            "text/csv or application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        };
        match self.media.as_deref() {
            Some("text/csv") => Ok(TableKind::Csv),
            Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") => {
                Ok(TableKind::Xlsx)
            }
            Some("application/x-ndjson" | "application/jsonl") if jsonl => Ok(TableKind::Jsonl),
            _ => Err(ApiError::unsupported_type(expected)),
        }
    }
}

impl Body {
    /// The format of a batch table body (CSV, JSON Lines or XLSX) as the readers name it.
    ///
    /// # Errors
    /// 415 for any other type.
    pub fn batch_format(&self) -> Result<crate::sheets::InputFormat, ApiError> {
        use crate::sheets::InputFormat;
        Ok(match self.table_kind(true)? {
            TableKind::Csv => InputFormat::Csv,
            TableKind::Jsonl => InputFormat::Jsonl,
            TableKind::Xlsx => InputFormat::Xlsx,
        })
    }
}

/// The built-in methodology a query's `methodology` names (the default when it names none).
///
/// # Errors
/// 422 `unknown_methodology`.
pub fn methodology(q: &BTreeMap<String, String>) -> Result<&'static vsoko::Methodology, ApiError> {
    Ok(vsoko::Methodology::builtin(
        q.get("methodology")
            .map_or(vsoko::json::DEFAULT_METHODOLOGY, String::as_str),
    )?)
}

/// A table body's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableKind {
    /// Comma or semicolon separated, UTF-8 or Windows-1251.
    Csv,
    /// One JSON object per line.
    Jsonl,
    /// An Excel workbook.
    Xlsx,
}

/// The query string's parameters, each at most once and each one the endpoint knows.
///
/// ```
/// let q = vsoko_cli::server::query(Some("period=2024%2F25"), &["period"]).unwrap();
/// assert_eq!(q["period"], "2024/25");
/// assert!(vsoko_cli::server::query(Some("x=1"), &["period"]).is_err());
/// ```
///
/// # Errors
/// 400 naming the parameter.
pub fn query(raw: Option<&str>, known: &[&str]) -> Result<BTreeMap<String, String>, ApiError> {
    let mut out = BTreeMap::new();
    let Some(raw) = raw else {
        return Ok(out);
    };
    for (name, value) in form_urlencoded_pairs(raw)? {
        if !known.contains(&name.as_str()) {
            return Err(ApiError::malformed(
                &format!(
                    "unknown query parameter {name:?}; known: {}",
                    known.join(", ")
                ),
                &format!(
                    "неизвестный параметр запроса «{name}»; допустимы: {}",
                    known.join(", ")
                ),
            ));
        }
        if out.insert(name.clone(), value).is_some() {
            return Err(ApiError::malformed(
                &format!("query parameter {name:?} is given twice"),
                &format!("параметр запроса «{name}» указан дважды"),
            ));
        }
    }
    Ok(out)
}

fn form_urlencoded_pairs(raw: &str) -> Result<Vec<(String, String)>, ApiError> {
    serde_urlencoded_pairs(raw).ok_or_else(|| {
        ApiError::malformed(
            "the query string is not valid (percent-encoded UTF-8 expected)",
            "строка запроса не прочитана: ожидаются параметры в кодировке UTF-8",
        )
    })
}

/// `a=1&b=%D0%90` into pairs; `None` for a broken escape or bytes that are not UTF-8.
fn serde_urlencoded_pairs(raw: &str) -> Option<Vec<(String, String)>> {
    raw.split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            Some((decode(name)?, decode(value)?))
        })
        .collect()
}

fn decode(text: &str) -> Option<String> {
    let mut bytes = Vec::with_capacity(text.len());
    let mut rest = text.as_bytes().iter();
    while let Some(&b) = rest.next() {
        match b {
            b'+' => bytes.push(b' '),
            b'%' => {
                let hi = (*rest.next()? as char).to_digit(16)?;
                let lo = (*rest.next()? as char).to_digit(16)?;
                bytes.push(u8::try_from(hi * 16 + lo).ok()?);
            }
            _ => bytes.push(b),
        }
    }
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_is_decoded_and_checked() {
        let q = query(
            Some("period=2024%2F25&municipality=%D0%93+1"),
            &["period", "municipality"],
        )
        .unwrap();
        assert_eq!(q["period"], "2024/25");
        assert_eq!(q["municipality"], "Г 1");
        assert_eq!(
            query(Some("x=1"), &["period"]).unwrap_err().status,
            StatusCode::BAD_REQUEST
        );
        assert!(query(Some("period=1&period=2"), &["period"]).is_err());
        assert!(query(Some("period=%ZZ"), &["period"]).is_err());
        assert!(query(Some("period=%FF"), &["period"]).is_err());
    }

    proptest::proptest! {
        #[test]
        fn any_query_is_read_or_refused_with_400(raw in ".{0,64}") {
            match query(Some(&raw), &["period", "school"]) {
                Ok(q) => proptest::prop_assert!(q.keys().all(|k| k == "period" || k == "school")),
                Err(e) => proptest::prop_assert_eq!(e.status, StatusCode::BAD_REQUEST),
            }
        }

        #[test]
        fn an_encoded_value_comes_back_as_it_was(value in "\\PC{0,20}") {
            let encoded = value.bytes().fold(String::new(), |mut s, b| {
                use std::fmt::Write as _;
                let _ = write!(s, "%{b:02X}");
                s
            });
            let q = query(Some(&format!("school={encoded}")), &["school"]).unwrap();
            proptest::prop_assert_eq!(&q["school"], &value);
        }
    }
}
