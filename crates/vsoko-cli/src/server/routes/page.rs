//! `GET /`: the offline page (the WASM package's `www/` and `pkg/`), so a municipality hosts
//! it for its schools. Any other path not routed is looked up in those two folders, and is a
//! JSON 404 when it is not there.

use crate::server::app::AppState;
use crate::server::error::ApiError;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::response::{IntoResponse, Response};
use std::path::{Component, Path, PathBuf};

/// The page.
#[utoipa::path(get, path = "/", tag = "service",
    responses((status = 200, description = "The offline page", body = String, content_type = "text/html"),
              (status = 404, description = "No page is installed (start with --page)", body = crate::server::ErrorAnswer)))]
pub async fn index(State(state): State<AppState>) -> Response {
    match state.page().map(|p| p.join("www").join("index.html")) {
        Some(path) => serve(&path).await,
        None => no_page(),
    }
}

/// A file of the page, or a JSON 404.
pub async fn file(State(state): State<AppState>, request: Request) -> Response {
    let not_found = || ApiError::not_found("resource", "ресурс не найден").into_response();
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return not_found();
    }
    let Some(root) = state.page() else {
        return not_found();
    };
    let Some(relative) = safe_relative(request.uri().path()) else {
        return not_found();
    };
    let under_www = root.join("www").join(&relative);
    if relative.starts_with("pkg") {
        let path = root.join(&relative);
        if path.is_file() {
            return serve(&path).await;
        }
    } else if under_www.is_file() {
        return serve(&under_www).await;
    }
    not_found()
}

fn no_page() -> Response {
    ApiError::not_found(
        "the page (start the service with --page bindings/wasm after scripts/build-wasm)",
        "страница не установлена: запустите сервис с --page bindings/wasm после scripts/build-wasm",
    )
    .into_response()
}

/// A URL path as a relative file path, or `None` for anything that could leave the folder.
fn safe_relative(path: &str) -> Option<PathBuf> {
    let relative = Path::new(path.trim_start_matches('/'));
    let mut out = PathBuf::new();
    for c in relative.components() {
        match c {
            Component::Normal(part) if !part.to_string_lossy().starts_with('.') => out.push(part),
            _ => return None,
        }
    }
    (!out.as_os_str().is_empty()).then_some(out)
}

async fn serve(path: &Path) -> Response {
    let Ok(bytes) = tokio::fs::read(path).await else {
        return no_page();
    };
    let media = match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    };
    let mut r = bytes.into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(media));
    r.headers_mut().insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_path_leaves_the_folder() {
        assert_eq!(safe_relative("/app.js"), Some(PathBuf::from("app.js")));
        assert_eq!(
            safe_relative("/pkg/lean/x.wasm"),
            Some(PathBuf::from("pkg/lean/x.wasm"))
        );
        assert_eq!(safe_relative("/../etc/passwd"), None);
        assert_eq!(safe_relative("/pkg/../../x"), None);
        assert_eq!(safe_relative("/.git/config"), None);
        assert_eq!(safe_relative("/"), None);
    }
}
