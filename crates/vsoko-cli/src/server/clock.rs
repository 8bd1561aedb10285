//! The time stamps the service writes (UTC, RFC 3339, milliseconds).

use std::time::{SystemTime, UNIX_EPOCH};

/// Now, as `2026-12-02T06:27:43.123Z`.
pub fn now_rfc3339() -> String {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    rfc3339(since.as_secs(), since.subsec_millis())
}

/// Seconds since 1970 as an RFC 3339 UTC time stamp.
///
/// ```
/// assert_eq!(vsoko_cli::server::clock::rfc3339(0, 0), "1970-01-01T00:00:00.000Z");
/// assert_eq!(vsoko_cli::server::clock::rfc3339(1_709_251_199, 5), "2024-02-29T23:59:59.005Z");
/// ```
pub fn rfc3339(secs: u64, millis: u32) -> String {
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rest = secs % 86_400;
    let (y, m, d) = vsoko::calendar::Date::from_unix_days(days)
        .map_or((9999, 12, 31), |d| (d.year(), d.month(), d.day()));
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{millis:03}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}
