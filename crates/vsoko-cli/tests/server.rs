//! The HTTP service, driven in process through its router: every endpoint's answers and
//! errors, the roles of keys, and the stored submissions. Each test runs on SQLite, and on
//! PostgreSQL too when `VSOKO_TEST_POSTGRES` names a server (`scripts/test-server` starts a
//! private one), each time in a database of its own.
#![cfg(feature = "serve")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
// A test walks one flow end to end (submit, list, history, dynamics), hence its length.
#![allow(clippy::too_many_lines, clippy::naive_bytecount)]

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::{Value, json};
use std::fmt::Write as _;
use std::path::PathBuf;
use tower::ServiceExt;
use vsoko_cli::server::{AppState, Config, Keys, Store, hash_hex, router};

fn fixture(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(path)
}

fn unique() -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    format!(
        "{}_{}_{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos()
    )
}

/// A fresh database of each backend the run has: a new SQLite file, and a new PostgreSQL
/// database when `VSOKO_TEST_POSTGRES` is set.
async fn stores() -> Vec<Store> {
    let path = std::env::temp_dir().join(format!("vsoko-test-{}.db", unique()));
    let mut out = vec![
        Store::open(&format!("sqlite://{}", path.display()))
            .await
            .unwrap(),
    ];
    if let Ok(base) = std::env::var("VSOKO_TEST_POSTGRES") {
        use sqlx::Connection;
        sqlx::any::install_default_drivers();
        let name = format!("vsoko_test_{}", unique());
        let mut admin = sqlx::AnyConnection::connect(&base).await.unwrap();
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut admin)
            .await
            .unwrap();
        let url = match base.rsplit_once('/') {
            Some((server, _)) => format!("{server}/{name}"),
            None => panic!("VSOKO_TEST_POSTGRES should end with /DATABASE"),
        };
        out.push(Store::open(&url).await.unwrap());
    }
    out
}

struct Service {
    router: axum::Router,
}

struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    fn text(&self) -> String {
        String::from_utf8(self.body.clone()).unwrap()
    }

    fn code(&self) -> String {
        self.json()["error"]["code"]
            .as_str()
            .unwrap_or("")
            .to_string()
    }
}

impl Service {
    fn new(store: Store, keys: Option<Keys>, config: Option<Config>) -> Service {
        let config = config.unwrap_or_else(|| Config::new("127.0.0.1:0".parse().unwrap(), ""));
        Service {
            router: router(AppState::new(store, keys, &config)),
        }
    }

    async fn send(&self, request: Request<Body>) -> Answer {
        let r = self.router.clone().oneshot(request).await.unwrap();
        let status = r.status();
        let headers = r.headers().clone();
        let body = axum::body::to_bytes(r.into_body(), usize::MAX)
            .await
            .unwrap()
            .to_vec();
        Answer {
            status,
            headers,
            body,
        }
    }

    async fn get(&self, uri: &str, key: Option<&str>) -> Answer {
        let mut b = Request::get(uri);
        if let Some(k) = key {
            b = b.header(header::AUTHORIZATION, format!("Bearer {k}"));
        }
        self.send(b.body(Body::empty()).unwrap()).await
    }

    async fn post(
        &self,
        uri: &str,
        media: &str,
        body: impl Into<Body>,
        key: Option<&str>,
    ) -> Answer {
        let mut b = Request::post(uri).header(header::CONTENT_TYPE, media);
        if let Some(k) = key {
            b = b.header(header::AUTHORIZATION, format!("Bearer {k}"));
        }
        self.send(b.body(body.into()).unwrap()).await
    }

    async fn post_json(&self, uri: &str, body: &Value, key: Option<&str>) -> Answer {
        self.post(uri, "application/json", body.to_string(), key)
            .await
    }
}

#[tokio::test]
async fn health_and_the_openapi_document_cover_every_route() {
    for store in stores().await {
        let s = Service::new(store, None, None);
        let h = s.get("/healthz", None).await;
        assert_eq!(h.status, StatusCode::OK);
        assert_eq!(
            h.json(),
            json!({"status": "ok", "version": env!("CARGO_PKG_VERSION")})
        );
        let doc = s.get("/openapi.json", None).await.json();
        assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
        for (path, method) in [
            ("/healthz", "get"),
            ("/metrics", "get"),
            ("/", "get"),
            ("/v1/methodologies", "get"),
            ("/v1/methodologies/{id}", "get"),
            ("/v1/methodologies/{id}/template.xlsx", "get"),
            ("/v1/score", "post"),
            ("/v1/check", "post"),
            ("/v1/selfdiag", "post"),
            ("/v1/batch", "post"),
            ("/v1/plan/check", "post"),
            ("/v1/objectivity", "post"),
            ("/v1/tasks", "post"),
            ("/v1/marks", "post"),
            ("/v1/submissions", "post"),
            ("/v1/submissions", "get"),
            ("/v1/submissions/{id}/history", "get"),
            ("/v1/dynamics", "get"),
            ("/v1/dynamics", "post"),
            ("/v1/dashboard", "get"),
        ] {
            assert!(
                doc["paths"][path][method].is_object(),
                "{method} {path} missing"
            );
        }
        assert!(doc["components"]["schemas"]["ErrorAnswer"].is_object());
    }
}

#[tokio::test]
async fn score_answers_as_the_cli_and_errors_are_typed() {
    let store = stores().await.remove(0);
    let s = Service::new(store, None, None);
    let text = std::fs::read_to_string(fixture("schools/index-2023/all_max.json")).unwrap();
    let expected = vsoko::json::score_json(&text, None, vsoko::Options::default()).unwrap();
    let a = s
        .post("/v1/score", "application/json", text.clone(), None)
        .await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.json(), serde_json::from_str::<Value>(&expected).unwrap());
    assert!(a.json()["total"].is_string(), "decimals are strings");

    let a = s.post("/v1/score", "application/json", "{bad", None).await;
    assert_eq!(
        (a.status, a.code()),
        (StatusCode::BAD_REQUEST, "invalid_json".into())
    );
    assert!(
        a.json()["error"]["message_ru"]
            .as_str()
            .unwrap()
            .contains("строке 1")
    );

    let a = s
        .post_json("/v1/score", &json!({"values": {"1.1.1": 99}}), None)
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(a.code(), "value_out_of_range");
    assert_eq!(a.json()["error"]["indicator"], "1.1.1");

    let a = s.post("/v1/score", "text/plain", "{}", None).await;
    assert_eq!(
        (a.status, a.code()),
        (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type".into()
        )
    );

    let a = s
        .post("/v1/score", "application/json", vec![0xff, 0xfe], None)
        .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);

    let a = s
        .post_json(
            "/v1/score",
            &json!({"methodology": "nope", "values": {}}),
            None,
        )
        .await;
    assert_eq!(
        (a.status, a.code()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "unknown_methodology".into()
        )
    );

    let a = s
        .post_json(
            "/v1/check",
            &json!({"values": {"1.1.1": 99, "1.1.2": 99, "9.9": 1}}),
            None,
        )
        .await;
    assert_eq!(a.status, StatusCode::OK);
    let body = a.json();
    assert_eq!(body["ok"], false);
    assert!(body["problems"].as_array().unwrap().len() >= 3, "{body}");

    let a = s.get("/v1/nothing", None).await;
    assert_eq!(
        (a.status, a.code()),
        (StatusCode::NOT_FOUND, "not_found".into())
    );
    let a = s.get("/v1/score", None).await;
    assert_eq!(
        (a.status, a.code()),
        (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed".into())
    );
}

#[tokio::test]
async fn a_body_over_the_limit_is_413() {
    let store = stores().await.remove(0);
    let mut config = Config::new("127.0.0.1:0".parse().unwrap(), "");
    config.body_limit = 1000;
    let s = Service::new(store, None, Some(config));
    let big = format!(r#"{{"values": {{"1.1.1": "{}"}}}}"#, "1".repeat(2000));
    let a = s.post("/v1/score", "application/json", big, None).await;
    assert_eq!(
        (a.status, a.code()),
        (StatusCode::PAYLOAD_TOO_LARGE, "body_too_large".into())
    );
}

#[tokio::test]
async fn methodologies_their_catalogue_and_the_excel_form() {
    let store = stores().await.remove(0);
    let s = Service::new(store, None, None);
    let list = s.get("/v1/methodologies", None).await.json();
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vsoko::methodology::BUILTIN.to_vec());
    let one = s.get("/v1/methodologies/nocko-1547", None).await;
    let catalog = vsoko::Methodology::builtin("nocko-1547").unwrap().catalog();
    assert_eq!(one.json(), serde_json::to_value(&catalog).unwrap());
    let a = s.get("/v1/methodologies/nope", None).await;
    assert_eq!(
        (a.status, a.code()),
        (StatusCode::NOT_FOUND, "unknown_methodology".into())
    );
    let x = s
        .get("/v1/methodologies/index-2023/template.xlsx", None)
        .await;
    assert_eq!(x.status, StatusCode::OK);
    assert!(x.body.starts_with(b"PK"), "a zip package");
    let book =
        <calamine::Xlsx<_> as calamine::Reader<_>>::new(std::io::Cursor::new(x.body.clone()));
    assert!(book.is_ok(), "the form opens as a workbook");
}

#[tokio::test]
async fn batch_writes_a_row_per_school_and_never_drops_one_silently() {
    let store = stores().await.remove(0);
    let s = Service::new(store, None, None);
    let csv = std::fs::read(fixture("batch/mixed_bad_rows.csv")).unwrap();
    let rows = csv.iter().filter(|b| **b == b'\n').count() - 1;
    let a = s.post("/v1/batch", "text/csv", csv.clone(), None).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text());
    let rejected: usize = a.headers["x-vsoko-rejected-rows"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    let written = a.text().lines().count() - 1;
    assert!(rejected > 0);
    assert_eq!(written + rejected, rows);
    assert!(a.text().starts_with("school,"));

    let a = s
        .send(
            Request::post("/v1/batch?methodology=index-2023")
                .header(header::CONTENT_TYPE, "text/csv")
                .header(header::ACCEPT, "application/x-ndjson")
                .body(Body::from(csv))
                .unwrap(),
        )
        .await;
    let lines: Vec<Value> = a
        .text()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), rows, "every row, scored or not, in its place");
    let errors: Vec<&Value> = lines.iter().filter(|l| l.get("error").is_some()).collect();
    assert_eq!(errors.len(), rejected);
    assert!(errors[0]["error"]["message_ru"].is_string());

    let xlsx = std::fs::read(fixture("batch/schools.xlsx")).unwrap();
    let a = s
        .post(
            "/v1/batch",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            xlsx,
            None,
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text());
    assert!(a.text().lines().count() > 1);

    let a = s.post("/v1/batch", "application/json", "{}", None).await;
    assert_eq!(a.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let a = s
        .post("/v1/batch?rank=yes", "text/csv", "school\n", None)
        .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    let unknown = std::fs::read(fixture("batch/unknown_header.csv")).unwrap();
    let a = s.post("/v1/batch", "text/csv", unknown, None).await;
    assert!(a.status.is_client_error(), "{}", a.text());
}

#[tokio::test]
async fn submissions_version_their_history_and_feed_dynamics_and_the_dashboard() {
    for store in stores().await {
        let s = Service::new(store, None, None);
        let values = |v: u32| json!({"1.1": v, "2.7": "n/a"});
        let mut ids = Vec::new();
        for (school, period, v) in [
            ("Школа № 1", "2023/24", 4),
            ("Школа № 1", "2023/24", 6),
            ("Школа № 2", "2023/24", 9),
            ("Школа № 1", "2024/25", 8),
            ("Школа № 2", "2024/25", 7),
        ] {
            let a = s
                .post_json(
                    "/v1/submissions",
                    &json!({"school": school, "municipality": "Энск", "period": period,
                            "methodology": "nocko-1547", "values": values(v)}),
                    None,
                )
                .await;
            assert_eq!(a.status, StatusCode::CREATED, "{}", a.text());
            let body = a.json();
            assert_eq!(body["total"], v.to_string());
            ids.push((
                body["id"].as_str().unwrap().to_string(),
                body["version"].as_i64().unwrap(),
            ));
        }
        assert_eq!(
            ids.iter().map(|(_, v)| *v).collect::<Vec<_>>(),
            vec![1, 2, 1, 1, 1]
        );

        let latest = s.get("/v1/submissions?period=2023%2F24", None).await.json();
        let totals: Vec<(&str, &str)> = latest
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r["school"].as_str().unwrap(), r["total"].as_str().unwrap()))
            .collect();
        assert_eq!(
            totals,
            vec![("Школа № 1", "6"), ("Школа № 2", "9")],
            "the latest counts"
        );

        let history = s
            .get(&format!("/v1/submissions/{}/history", ids[0].0), None)
            .await
            .json();
        let versions: Vec<(i64, &str)> = history
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r["version"].as_i64().unwrap(), r["total"].as_str().unwrap()))
            .collect();
        assert_eq!(versions, vec![(1, "4"), (2, "6")], "history is kept");
        let a = s.get("/v1/submissions/nope/history", None).await;
        assert_eq!(a.status, StatusCode::NOT_FOUND);

        let d = s.get("/v1/dynamics?methodology=nocko-1547", None).await;
        assert_eq!(d.status, StatusCode::OK, "{}", d.text());
        let d = d.json();
        assert_eq!(d["periods"], json!(["2023/24", "2024/25"]));
        let school1 = d["schools"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["school"] == "Школа № 1")
            .unwrap_or_else(|| panic!("{d}"));
        assert!(
            school1.to_string().contains("\"6\"") && school1.to_string().contains("\"8\""),
            "{school1}"
        );

        let page = s.get("/v1/dashboard?methodology=nocko-1547", None).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.headers[header::CONTENT_SECURITY_POLICY]
                .to_str()
                .unwrap()
                .contains("default-src 'none'")
        );
        let html = page.text();
        assert!(html.contains("Энск") && !html.contains("<script"));

        let a = s.get("/v1/dynamics?methodology=index-2023", None).await;
        assert_eq!(
            (a.status, a.code()),
            (StatusCode::NOT_FOUND, "no_submissions".into())
        );

        let a = s
            .post_json(
                "/v1/submissions",
                &json!({"school": " ", "period": "2024", "values": {}}),
                None,
            )
            .await;
        assert_eq!(
            (a.status, a.code()),
            (StatusCode::UNPROCESSABLE_ENTITY, "empty_field".into())
        );
        let a = s
            .post_json(
                "/v1/submissions",
                &json!({"school": "x", "period": "2024", "values": {}, "extra": 1}),
                None,
            )
            .await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST);
        let a = s
            .post_json(
                "/v1/submissions",
                &json!({"school": "x", "period": "2024", "methodology": "nocko-1547", "values": {"1.1": 1000}}),
                None,
            )
            .await;
        assert_eq!(
            (a.status, a.code()),
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                "value_out_of_range".into()
            )
        );
    }
}

fn keys() -> Keys {
    let file = json!({"keys": [
        {"sha256": hash_hex("admin-key"), "role": "admin"},
        {"sha256": hash_hex("energ-key"), "role": "municipality", "municipality": "Энск"},
        {"sha256": hash_hex("other-key"), "role": "municipality", "municipality": "Другой"},
        {"sha256": hash_hex("school1-key"), "role": "school", "school": "Школа № 1", "municipality": "Энск"},
        {"sha256": hash_hex("school3-key"), "role": "school", "school": "Школа № 3", "municipality": "Другой"},
    ]});
    Keys::from_json(&file.to_string()).unwrap()
}

#[tokio::test]
async fn every_role_reaches_only_its_own() {
    for store in stores().await {
        let s = Service::new(store, Some(keys()), None);
        let doc = |school: &str, m: &str| {
            json!({"school": school, "municipality": m, "period": "2024/25",
                   "methodology": "nocko-1547", "values": {"1.1": 5}})
        };
        // No key, a wrong key: 401 on every /v1 endpoint; the service endpoints stay open.
        for uri in [
            "/v1/methodologies",
            "/v1/submissions",
            "/v1/dynamics",
            "/v1/dashboard",
        ] {
            assert_eq!(
                s.get(uri, None).await.status,
                StatusCode::UNAUTHORIZED,
                "{uri}"
            );
            assert_eq!(
                s.get(uri, Some("guess")).await.status,
                StatusCode::UNAUTHORIZED,
                "{uri}"
            );
        }
        for uri in [
            "/v1/score",
            "/v1/check",
            "/v1/selfdiag",
            "/v1/batch",
            "/v1/plan/check",
            "/v1/objectivity",
            "/v1/tasks",
            "/v1/marks",
            "/v1/submissions",
        ] {
            let a = s.post_json(uri, &json!({"values": {}}), None).await;
            assert_eq!(
                (a.status, a.code()),
                (StatusCode::UNAUTHORIZED, "unauthorized".into()),
                "{uri}"
            );
        }
        for uri in [
            "/v1/methodologies/index-2023",
            "/v1/methodologies/index-2023/template.xlsx",
            "/v1/submissions/x/history",
        ] {
            assert_eq!(
                s.get(uri, None).await.status,
                StatusCode::UNAUTHORIZED,
                "{uri}"
            );
        }
        assert_eq!(s.get("/healthz", None).await.status, StatusCode::OK);

        // Writes: a school only its own; a municipality only its schools; admin any.
        let id1 = {
            let a = s
                .post_json(
                    "/v1/submissions",
                    &doc("Школа № 1", "Энск"),
                    Some("school1-key"),
                )
                .await;
            assert_eq!(a.status, StatusCode::CREATED);
            a.json()["id"].as_str().unwrap().to_string()
        };
        for (school, m, key) in [
            ("Школа № 2", "Энск", "school1-key"),
            ("Школа № 1", "Другой", "school1-key"),
            ("Школа № 3", "Другой", "energ-key"),
            ("Школа № 2", "Энск", "other-key"),
        ] {
            let a = s
                .post_json("/v1/submissions", &doc(school, m), Some(key))
                .await;
            assert_eq!(
                (a.status, a.code()),
                (StatusCode::FORBIDDEN, "forbidden".into()),
                "{key} → {school}"
            );
        }
        assert_eq!(
            s.post_json(
                "/v1/submissions",
                &doc("Школа № 2", "Энск"),
                Some("energ-key")
            )
            .await
            .status,
            StatusCode::CREATED
        );
        let id3 = s
            .post_json(
                "/v1/submissions",
                &doc("Школа № 3", "Другой"),
                Some("admin-key"),
            )
            .await
            .json()["id"]
            .as_str()
            .unwrap()
            .to_string();

        // Reads: each key sees its own scope; asking for another is 403; another's id is 404.
        let schools = |a: Answer| -> Vec<String> {
            a.json()
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["school"].as_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(
            schools(s.get("/v1/submissions", Some("admin-key")).await).len(),
            3
        );
        assert_eq!(
            schools(s.get("/v1/submissions", Some("energ-key")).await),
            vec!["Школа № 1", "Школа № 2"]
        );
        assert_eq!(
            schools(s.get("/v1/submissions", Some("school1-key")).await),
            vec!["Школа № 1"]
        );
        assert_eq!(
            schools(s.get("/v1/submissions", Some("other-key")).await),
            vec!["Школа № 3"]
        );
        for (uri, key) in [
            (
                "/v1/submissions?municipality=%D0%94%D1%80%D1%83%D0%B3%D0%BE%D0%B9",
                "energ-key",
            ),
            ("/v1/submissions?school=x", "school1-key"),
            (
                "/v1/dynamics?municipality=%D0%AD%D0%BD%D1%81%D0%BA&methodology=nocko-1547",
                "other-key",
            ),
            (
                "/v1/dashboard?municipality=%D0%AD%D0%BD%D1%81%D0%BA&methodology=nocko-1547",
                "school3-key",
            ),
        ] {
            assert_eq!(
                s.get(uri, Some(key)).await.status,
                StatusCode::FORBIDDEN,
                "{key} {uri}"
            );
        }
        let history = |id: &str| format!("/v1/submissions/{id}/history");
        assert_eq!(
            s.get(&history(&id1), Some("school1-key")).await.status,
            StatusCode::OK
        );
        assert_eq!(
            s.get(&history(&id1), Some("energ-key")).await.status,
            StatusCode::OK
        );
        assert_eq!(
            s.get(&history(&id1), Some("other-key")).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            s.get(&history(&id3), Some("school1-key")).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            s.get(&history(&id3), Some("admin-key")).await.status,
            StatusCode::OK
        );
        let d = s
            .get("/v1/dynamics?methodology=nocko-1547", Some("energ-key"))
            .await;
        assert_eq!(d.status, StatusCode::OK);
        assert!(
            !d.text().contains("Школа № 3"),
            "a municipality's dynamics holds only its schools"
        );
    }
}

#[tokio::test]
async fn plan_tasks_and_marks_answer_as_their_commands() {
    let store = stores().await.remove(0);
    let s = Service::new(store, None, None);
    let plan = std::fs::read_dir(fixture("plan"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "csv"))
        .expect("a plan table among the fixtures");
    let a = s
        .post(
            "/v1/plan/check?year=2023%2F24",
            "text/csv",
            std::fs::read(&plan).unwrap(),
            None,
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}: {}", plan.display(), a.text());
    assert!(
        a.json().get("findings").is_some() || a.json().get("has_errors").is_some(),
        "{}",
        a.text()
    );
    let a = s
        .post("/v1/plan/check?year=20", "text/csv", "a\n", None)
        .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST, "{}", a.text());

    let tasks = std::fs::read_dir(fixture("tasks"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("vpr"))
                && p.extension().is_some_and(|x| x == "csv")
        })
        .expect("a ВПР table among the task fixtures");
    let a = s
        .post(
            "/v1/tasks",
            "text/csv",
            std::fs::read(&tasks).unwrap(),
            None,
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text());
    assert!(a.json()["input_findings"].is_array());
    let a = s
        .post(
            "/v1/tasks?weak_below=101",
            "text/csv",
            std::fs::read(&tasks).unwrap(),
            None,
        )
        .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    let a = s
        .post("/v1/tasks", "text/csv", "просто,текст\n1,2\n", None)
        .await;
    assert!(a.status.is_client_error());

    // The same answer as the command on the same file, CSV and workbook.
    for (file, media) in [
        ("objectivity/cohort_edge.csv", "text/csv"),
        (
            "objectivity/f1_vpr_math4.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    ] {
        let cli = std::process::Command::new(env!("CARGO_BIN_EXE_vsoko"))
            .args([
                "objectivity",
                fixture(file).to_str().unwrap(),
                "--format",
                "json",
            ])
            .output()
            .unwrap();
        let want: Value = serde_json::from_slice(&cli.stdout).unwrap();
        let a = s
            .post(
                "/v1/objectivity",
                media,
                std::fs::read(fixture(file)).unwrap(),
                None,
            )
            .await;
        assert_eq!(a.status, StatusCode::OK, "{file}: {}", a.text());
        let mut got = a.json();
        assert_eq!(got["rejected_rows"], json!([]), "{file}");
        got.as_object_mut().unwrap().remove("rejected_rows");
        assert_eq!(got, want, "{file}");
    }
    let a = s
        .post("/v1/objectivity?min_compared=x", "text/csv", "a\n", None)
        .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);

    let marks = std::fs::read_dir(fixture("marks"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "csv"))
        .expect("a marks table");
    let a = s
        .post(
            "/v1/marks",
            "text/csv",
            std::fs::read(&marks).unwrap(),
            None,
        )
        .await;
    assert_eq!(
        a.status,
        StatusCode::OK,
        "{}: {}",
        marks.display(),
        a.text()
    );
    assert!(a.json()["input_findings"].is_array());
}

#[tokio::test]
async fn metrics_count_requests_by_route_and_status() {
    let store = stores().await.remove(0);
    let s = Service::new(store, None, None);
    s.get("/healthz", None).await;
    s.post("/v1/score", "application/json", "{", None).await;
    let m = s.get("/metrics", None).await.text();
    assert!(
        m.contains(r#"vsoko_http_requests_total{route="/healthz",method="GET",status="200"} 1"#),
        "{m}"
    );
    assert!(
        m.contains(r#"vsoko_http_requests_total{route="/v1/score",method="POST",status="400"} 1"#),
        "{m}"
    );
    assert!(
        m.contains(r#"vsoko_http_request_duration_seconds_count{route="/v1/score"} 1"#),
        "{m}"
    );
}

#[tokio::test]
async fn dynamics_over_stored_submissions_equal_the_command_over_files() {
    let dir = std::env::temp_dir().join(format!("vsoko-dyn-{}", unique()));
    std::fs::create_dir_all(&dir).unwrap();
    // Nine schools in two municipalities over two periods; a tenth only in the first.
    let rows = |period: u32| -> Vec<(String, &str, u32)> {
        (1..=10u32)
            .filter(|i| period == 2023 || *i != 10)
            .map(|i| {
                let m = if i <= 5 { "Альфа" } else { "Бета" };
                (format!("Школа {i:02}"), m, (i * 3 + period) % 11)
            })
            .collect()
    };
    let mut files = Vec::new();
    for period in [2023u32, 2024] {
        let mut csv = String::from("school,municipality,1.1,2.7\n");
        for (school, m, v) in rows(period) {
            writeln!(csv, "{school},{m},{v},n/a").unwrap();
        }
        let path = dir.join(format!("{period}.csv"));
        std::fs::write(&path, csv).unwrap();
        files.push(path);
    }
    let cli = std::process::Command::new(env!("CARGO_BIN_EXE_vsoko"))
        .args([
            "dynamics",
            "--methodology",
            "nocko-1547",
            "--format",
            "json",
        ])
        .args(&files)
        .output()
        .unwrap();
    assert!(
        cli.status.success(),
        "{}",
        String::from_utf8_lossy(&cli.stderr)
    );
    let want: Value = serde_json::from_slice(&cli.stdout).unwrap();
    // The same rows as one long table with a period column, sent in the body.
    let mut long = String::from("school,municipality,period,1.1,2.7\n");
    for period in [2023u32, 2024] {
        for (school, m, v) in rows(period) {
            writeln!(long, "{school},{m},{period},{v},n/a").unwrap();
        }
    }
    let long_path = dir.join("long.csv");
    std::fs::write(&long_path, &long).unwrap();
    let cli_long = std::process::Command::new(env!("CARGO_BIN_EXE_vsoko"))
        .args([
            "dynamics",
            "--methodology",
            "nocko-1547",
            "--format",
            "json",
        ])
        .arg(&long_path)
        .output()
        .unwrap();
    let want_long: Value = serde_json::from_slice(&cli_long.stdout).unwrap();
    let s = Service::new(stores().await.remove(0), None, None);
    let a = s
        .post(
            "/v1/dynamics?methodology=nocko-1547",
            "text/csv",
            long.clone(),
            None,
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text());
    let mut got = a.json();
    assert_eq!(got["rejected_rows"], json!([]));
    assert_eq!(got["input_findings"], json!([]));
    let obj = got.as_object_mut().unwrap();
    obj.remove("rejected_rows");
    obj.remove("input_findings");
    assert_eq!(got, want_long);
    let a = s
        .post(
            "/v1/dynamics?methodology=nocko-1547",
            "text/csv",
            "school,1.1\nШкола,1\n",
            None,
        )
        .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST, "no period column");

    for store in stores().await {
        let s = Service::new(store, None, None);
        for period in [2023u32, 2024] {
            for (school, m, v) in rows(period) {
                let doc = json!({"school": school, "municipality": m, "period": period.to_string(),
                                 "methodology": "nocko-1547", "values": {"1.1": v, "2.7": "n/a"}});
                assert_eq!(
                    s.post_json("/v1/submissions", &doc, None).await.status,
                    StatusCode::CREATED
                );
            }
        }
        let mut got = s
            .get("/v1/dynamics?methodology=nocko-1547", None)
            .await
            .json();
        assert_eq!(got["input_findings"], json!([]));
        got.as_object_mut().unwrap().remove("input_findings");
        assert_eq!(got, want);
    }
}

#[tokio::test]
async fn the_page_is_served_and_no_path_leaves_its_folder() {
    let dir = std::env::temp_dir().join(format!("vsoko-page-{}", unique()));
    std::fs::create_dir_all(dir.join("www")).unwrap();
    std::fs::create_dir_all(dir.join("pkg/lean")).unwrap();
    std::fs::write(
        dir.join("www/index.html"),
        "<!DOCTYPE html><title>vsoko</title>",
    )
    .unwrap();
    std::fs::write(dir.join("www/app.js"), "export {}").unwrap();
    std::fs::write(dir.join("pkg/lean/x.wasm"), b"\0asm").unwrap();
    std::fs::write(dir.join("secret.txt"), "no").unwrap();
    let store = stores().await.remove(0);
    let mut config = Config::new("127.0.0.1:0".parse().unwrap(), "");
    config.page = Some(dir.clone());
    let s = Service::new(store, None, Some(config));
    let a = s.get("/", None).await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.text().contains("<title>vsoko</title>"));
    assert!(
        a.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let a = s.get("/app.js", None).await;
    assert!(
        a.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/javascript")
    );
    let a = s.get("/pkg/lean/x.wasm", None).await;
    assert_eq!(a.headers[header::CONTENT_TYPE], "application/wasm");
    for path in [
        "/secret.txt",
        "/../secret.txt",
        "/www/../secret.txt",
        "/%2e%2e/secret.txt",
        "/.hidden",
    ] {
        let a = s.get(path, None).await;
        assert_eq!(a.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(a.code(), "not_found");
    }
    let none = Service::new(stores().await.remove(0), None, None);
    assert_eq!(none.get("/", None).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn selfdiag_answers_as_the_command_and_refuses_bad_answers() {
    let s = Service::new(stores().await.remove(0), None, None);
    let definition: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("selfdiag/example.json")).unwrap())
            .unwrap();
    let mut answers: Value = serde_json::from_str(
        &std::fs::read_to_string(fixture("selfdiag/answers_critical.json")).unwrap(),
    )
    .unwrap();
    let body = json!({"definition": definition, "answers": answers});
    let a = s.post_json("/v1/selfdiag", &body, None).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text());
    let want: Value = serde_json::from_str(
        &std::fs::read_to_string(fixture("selfdiag/expected_critical.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(a.json(), want);
    answers["answers"]["K1"] = "Может быть".into();
    let a = s
        .post_json(
            "/v1/selfdiag",
            &json!({"definition": definition, "answers": answers}),
            None,
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.text());
    assert!(
        a.json()["error"]["message_ru"]
            .as_str()
            .unwrap()
            .contains("«Может быть»")
    );
    let a = s
        .post_json(
            "/v1/selfdiag",
            &json!({"definition": {"format": "x"}, "answers": {}}),
            None,
        )
        .await;
    assert_eq!(
        (a.status, a.code()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_methodology".into()
        )
    );
}
