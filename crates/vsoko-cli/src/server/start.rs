//! Starting and stopping: the checks before listening (no keys, no public address), the
//! database, the line that says where the service listens, and a graceful stop on SIGTERM or
//! SIGINT (requests in flight finish, then the database closes).

use super::app::{AppState, Config, router};
use super::keys::Keys;
use super::store::{Backend, Store, StoreError};
use tokio::net::TcpListener;

/// Why the service did not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// Without keys the service only listens on loopback.
    #[error("refusing to listen on {0} without --keys: anyone could read and write")]
    PublicWithoutKeys(std::net::SocketAddr),
    /// The keys file could not be read.
    #[error("keys file {path}: {message}")]
    Keys {
        /// The file.
        path: String,
        /// Every problem, in Russian, one per line.
        message: String,
    },
    /// The database could not be opened.
    #[error("database {url}: {source}")]
    Store {
        /// The URL, its password hidden.
        url: String,
        /// Why.
        source: StoreError,
    },
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {message}")]
    Listen {
        /// The address.
        addr: std::net::SocketAddr,
        /// The system's message.
        message: String,
    },
}

impl StartError {
    /// A stable code.
    pub fn code(&self) -> &'static str {
        match self {
            StartError::PublicWithoutKeys(_) => "public_without_keys",
            StartError::Keys { .. } => "invalid_keys",
            StartError::Store { .. } => "database_unavailable",
            StartError::Listen { .. } => "listen_failed",
        }
    }

    /// The message for people, in Russian.
    pub fn message_ru(&self) -> String {
        match self {
            StartError::PublicWithoutKeys(addr) => format!(
                "без файла ключей (--keys) сервис слушает только локальный адрес (127.0.0.1, ::1), а не {addr}: иначе любой в сети мог бы читать и изменять данные"
            ),
            StartError::Keys { path, message } => format!("файл ключей «{path}»:\n{message}"),
            StartError::Store { url, source } => {
                format!("база данных {url} недоступна: {source}")
            }
            StartError::Listen { addr, message } => {
                format!("не удалось открыть адрес {addr}: {message}")
            }
        }
    }
}

/// A database URL with its password hidden, for messages.
///
/// ```
/// assert_eq!(vsoko_cli::server::masked("postgres://u:secret@h/db"), "postgres://u:***@h/db");
/// assert_eq!(vsoko_cli::server::masked("sqlite://vsoko.db"), "sqlite://vsoko.db");
/// ```
pub fn masked(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    match rest.split_once('@') {
        Some((credentials, host)) => match credentials.split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
            None => url.to_string(),
        },
        None => url.to_string(),
    }
}

/// Reads the keys, opens the database, listens, and serves until SIGTERM or SIGINT.
///
/// # Errors
/// [`StartError`] when any of these fails; the service then never listens.
pub async fn serve(config: Config) -> Result<(), StartError> {
    let keys = match &config.keys {
        Some(path) => Some(read_keys(path)?),
        None if !config.listen.ip().is_loopback() => {
            return Err(StartError::PublicWithoutKeys(config.listen));
        }
        None => None,
    };
    // Each client holds a descriptor: the soft limit (often 1,024) up to the hard one, so
    // thousands of idle or slow clients leave room for the others.
    #[cfg(unix)]
    let _ = rlimit::increase_nofile_limit(1 << 20);
    let url = masked(&config.db);
    let store = Store::open(&config.db)
        .await
        .map_err(|source| StartError::Store {
            url: url.clone(),
            source,
        })?;
    let listener = TcpListener::bind(config.listen)
        .await
        .map_err(|e| StartError::Listen {
            addr: config.listen,
            message: e.to_string(),
        })?;
    let addr = listener.local_addr().unwrap_or(config.listen);
    println!(
        "vsoko serve: http://{addr} · база данных: {url} ({}) · ключи: {}",
        match store.backend() {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        },
        keys.as_ref().map_or_else(
            || "нет (только локальный адрес)".to_string(),
            |k| k.len().to_string()
        )
    );
    let state = AppState::new(store.clone(), keys, &config);
    let served = axum::serve(listener, router(state))
        .with_graceful_shutdown(stopped())
        .await;
    store.close().await;
    eprintln!("vsoko serve: остановлен, база данных закрыта");
    served.map_err(|e| StartError::Listen {
        addr,
        message: e.to_string(),
    })
}

fn read_keys(path: &std::path::Path) -> Result<Keys, StartError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| StartError::Keys {
        path: name.clone(),
        message: crate::failure::os_ru(&e),
    })?;
    Keys::from_json(&text).map_err(|problems| StartError::Keys {
        path: name,
        message: problems
            .iter()
            .map(|p| match p.entry {
                0 => format!("  - {}", p.message_ru),
                n => format!("  - запись {n}: {}", p.message_ru),
            })
            .collect::<Vec<_>>()
            .join("\n"),
    })
}

/// Resolves on SIGTERM or SIGINT.
async fn stopped() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let term = async {
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(mut s) => {
                    s.recv().await;
                }
                Err(_) => std::future::pending::<()>().await,
            }
        };
        tokio::select! {
            _ = interrupt => {},
            () = term => {},
        }
    }
    #[cfg(not(unix))]
    {
        let _ = interrupt.await;
    }
}
