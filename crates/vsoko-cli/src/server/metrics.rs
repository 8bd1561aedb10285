//! What the service counts and logs: requests by route, method and status, and a latency
//! histogram per route, in Prometheus' text format (`GET /metrics`); one JSON line per request
//! on stderr (method, route, status, latency — never a submitted value).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::time::Duration;

/// Upper bounds of the latency buckets, in microseconds (0.5 ms … 10 s).
const BUCKETS_US: [u64; 14] = [
    500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000,
    2_500_000, 5_000_000, 10_000_000,
];

#[derive(Default)]
struct Histogram {
    buckets: [u64; BUCKETS_US.len()],
    count: u64,
    sum_us: u64,
}

#[derive(Default)]
struct Counts {
    requests: BTreeMap<(String, &'static str, u16), u64>,
    latency: BTreeMap<String, Histogram>,
}

/// The service's counters.
#[derive(Default)]
pub struct Metrics {
    counts: Mutex<Counts>,
}

impl Metrics {
    /// Counts one answered request.
    pub fn record(&self, route: &str, method: &'static str, status: u16, latency: Duration) {
        let us = u64::try_from(latency.as_micros()).unwrap_or(u64::MAX);
        let Ok(mut c) = self.counts.lock() else {
            return;
        };
        *c.requests
            .entry((route.to_string(), method, status))
            .or_default() += 1;
        let h = c.latency.entry(route.to_string()).or_default();
        h.count += 1;
        h.sum_us = h.sum_us.saturating_add(us);
        for (bound, n) in BUCKETS_US.iter().zip(h.buckets.iter_mut()) {
            if us <= *bound {
                *n += 1;
            }
        }
    }

    /// The counters in Prometheus' text exposition format.
    ///
    /// ```
    /// let m = vsoko_cli::server::Metrics::default();
    /// m.record("/healthz", "GET", 200, std::time::Duration::from_micros(1_500));
    /// let text = m.render();
    /// assert!(text.contains(r#"vsoko_http_requests_total{route="/healthz",method="GET",status="200"} 1"#));
    /// assert!(text.contains(r#"vsoko_http_request_duration_seconds_bucket{route="/healthz",le="0.0025"} 1"#));
    /// assert!(text.contains(r#"vsoko_http_request_duration_seconds_bucket{route="/healthz",le="0.001"} 0"#));
    /// assert!(text.contains(r#"vsoko_http_request_duration_seconds_sum{route="/healthz"} 0.001500"#));
    /// ```
    pub fn render(&self) -> String {
        let mut out = String::new();
        let Ok(c) = self.counts.lock() else {
            return out;
        };
        out.push_str(
            "# HELP vsoko_http_requests_total Requests answered, by route, method and status.\n",
        );
        out.push_str("# TYPE vsoko_http_requests_total counter\n");
        for ((route, method, status), n) in &c.requests {
            let _ = writeln!(
                out,
                "vsoko_http_requests_total{{route=\"{}\",method=\"{method}\",status=\"{status}\"}} {n}",
                label(route)
            );
        }
        out.push_str(
            "# HELP vsoko_http_request_duration_seconds Time from the request to the answer.\n",
        );
        out.push_str("# TYPE vsoko_http_request_duration_seconds histogram\n");
        for (route, h) in &c.latency {
            let route = label(route);
            for (bound, n) in BUCKETS_US.iter().zip(h.buckets.iter()) {
                let _ = writeln!(
                    out,
                    "vsoko_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{}\"}} {n}",
                    seconds(*bound, false)
                );
            }
            let _ = writeln!(
                out,
                "vsoko_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}",
                h.count
            );
            let _ = writeln!(
                out,
                "vsoko_http_request_duration_seconds_sum{{route=\"{route}\"}} {}",
                seconds(h.sum_us, true)
            );
            let _ = writeln!(
                out,
                "vsoko_http_request_duration_seconds_count{{route=\"{route}\"}} {}",
                h.count
            );
        }
        out
    }
}

/// Microseconds as decimal seconds, written from integers (no binary float on the way).
fn seconds(us: u64, fixed: bool) -> String {
    let text = format!("{}.{:06}", us / 1_000_000, us % 1_000_000);
    if fixed {
        return text;
    }
    let text = text.trim_end_matches('0');
    text.strip_suffix('.').unwrap_or(text).to_string()
}

/// A label value escaped as the exposition format asks.
fn label(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// One JSON log line for a request, written to stderr.
pub fn log_line(method: &str, route: &str, status: u16, latency: Duration) {
    let line = serde_json::json!({
        "time": super::clock::now_rfc3339(),
        "method": method,
        "route": route,
        "status": status,
        "latency_us": u64::try_from(latency.as_micros()).unwrap_or(u64::MAX),
    });
    eprintln!("{line}");
}
