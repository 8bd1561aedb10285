//! Submissions kept in a database: SQLite embedded (created on first start, WAL) or PostgreSQL
//! for a region, through one set of migrations and one set of queries (sqlx's `Any` driver).
//! Decimals are stored as the text the report prints, never as floats.
//!
//! Every submission is one row: posting the same school, period and methodology again adds
//! the next version in one statement (so a crash leaves either the whole row or none); the
//! latest version counts and every earlier one is kept.

use serde::Serialize;
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::{AnyPool, Row};
use std::borrow::Cow;
use std::fmt::Write as _;
use std::time::Duration;

/// Which database a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// `sqlite://FILE`.
    Sqlite,
    /// `postgres://…` or `postgresql://…`.
    Postgres,
}

impl Backend {
    /// The backend of a database URL.
    pub fn of(url: &str) -> Option<Backend> {
        if url.starts_with("sqlite:") {
            Some(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Backend::Postgres)
        } else {
            None
        }
    }
}

/// Why the store could not be opened or used.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The URL names no supported database.
    #[error("unsupported database URL (expected sqlite://FILE or postgres://…)")]
    UnsupportedUrl,
    /// The database refused or failed.
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    /// The migrations failed.
    #[error("migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// A submission to store, already scored.
#[derive(Debug, Clone)]
pub struct NewSubmission {
    /// The school.
    pub school: String,
    /// Its municipality, when given.
    pub municipality: Option<String>,
    /// The period.
    pub period: String,
    /// The methodology id.
    pub methodology: String,
    /// The total, exactly as the report prints it.
    pub total: String,
    /// The level id, when the methodology has levels.
    pub level: Option<String>,
    /// The submitted values, as JSON text.
    pub values: String,
}

/// A stored submission (one version).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Stored {
    /// The submission's id.
    pub id: String,
    /// The school.
    pub school: String,
    /// Its municipality.
    pub municipality: Option<String>,
    /// The period.
    pub period: String,
    /// The methodology id.
    pub methodology: String,
    /// 1 for the first submission of the school, period and methodology; each repeat adds one.
    pub version: i64,
    /// The total points, exact (a decimal as a string).
    pub total: String,
    /// The level id.
    pub level: Option<String>,
    /// When it was received (UTC, RFC 3339).
    pub received_at: String,
}

/// What dynamics read of a stored submission.
#[derive(Debug, Clone)]
pub struct Document {
    /// The school.
    pub school: String,
    /// Its municipality.
    pub municipality: Option<String>,
    /// The period.
    pub period: String,
    /// The submitted values, as JSON text.
    pub values: String,
}

/// Which latest submissions to list.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only this period.
    pub period: Option<String>,
    /// Only this municipality.
    pub municipality: Option<String>,
    /// Only this school.
    pub school: Option<String>,
    /// Only this methodology.
    pub methodology: Option<String>,
}

/// The database.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// Submissions of one school, period and methodology are written one at a time within
    /// this process (striped by the key's hash), so they do not race for the next version;
    /// the unique key still guards against another process writing the same database.
    stripes: std::sync::Arc<Vec<tokio::sync::Mutex<()>>>,
}

/// How many stripes the write locks have.
const STRIPES: usize = 64;

/// The migrations, the same on both databases.
const MIGRATIONS: &[(i64, &str, &str)] = &[(
    1,
    "submissions",
    include_str!("../../migrations/0001_submissions.sql"),
)];

const COLUMNS: &str =
    "id, school, municipality, period, methodology, version, total, level, received_at";

impl Store {
    /// Opens (and on first start creates) the database and brings its schema up to date.
    ///
    /// # Errors
    /// [`StoreError`] when the URL is not supported or the database does not answer.
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        sqlx::any::install_default_drivers();
        let backend = Backend::of(url).ok_or(StoreError::UnsupportedUrl)?;
        let url = match backend {
            Backend::Sqlite if !url.contains('?') && !url.contains(":memory:") => {
                format!("{url}?mode=rwc")
            }
            _ => url.to_string(),
        };
        let options = AnyPoolOptions::new()
            .max_connections(match backend {
                Backend::Sqlite => 4,
                Backend::Postgres => 8,
            })
            .acquire_timeout(Duration::from_secs(10));
        let options = if backend == Backend::Sqlite {
            options.after_connect(|conn, _| {
                Box::pin(async move {
                    // WAL: readers do not wait for the writer; NORMAL: a commit survives the
                    // process being killed (the OS still holds the log); 5 s for a busy writer.
                    sqlx::query("PRAGMA journal_mode = WAL")
                        .execute(&mut *conn)
                        .await?;
                    sqlx::query("PRAGMA synchronous = NORMAL")
                        .execute(&mut *conn)
                        .await?;
                    sqlx::query("PRAGMA busy_timeout = 5000")
                        .execute(&mut *conn)
                        .await?;
                    Ok(())
                })
            })
        } else {
            options
        };
        let pool = options.connect(&url).await?;
        let migrator = Migrator {
            migrations: Cow::Owned(
                MIGRATIONS
                    .iter()
                    .map(|(version, name, sql)| {
                        Migration::new(
                            *version,
                            Cow::Borrowed(*name),
                            MigrationType::Simple,
                            sqlx::SqlSafeStr::into_sql_str(*sql),
                            false,
                        )
                    })
                    .collect(),
            ),
            ..Migrator::DEFAULT
        };
        migrator.run(&pool).await?;
        Ok(Store {
            pool,
            backend,
            stripes: std::sync::Arc::new(
                (0..STRIPES).map(|_| tokio::sync::Mutex::new(())).collect(),
            ),
        })
    }

    /// Which database this is.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Closes every connection (after the last request has finished).
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Stores a submission as the next version of its school, period and methodology.
    ///
    /// # Errors
    /// [`StoreError::Database`] when the database fails.
    pub async fn submit(&self, s: &NewSubmission, received_at: &str) -> Result<Stored, StoreError> {
        let stripe = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            (&s.school, &s.period, &s.methodology).hash(&mut h);
            usize::try_from(h.finish() % STRIPES as u64).unwrap_or(0)
        };
        let _turn = match self.stripes.get(stripe) {
            Some(lock) => Some(lock.lock().await),
            None => None,
        };
        // Another process writing the same database may pick the same next version on
        // PostgreSQL; the unique key refuses the second, which tries again after a pause.
        let mut attempt: u64 = 0;
        loop {
            let id = uuid::Uuid::now_v7().to_string();
            let result = sqlx::query(
                "INSERT INTO submissions (id, school, municipality, period, methodology, version, total, level, document, received_at) \
                 SELECT $1, $2, $3, $4, $5, COALESCE(MAX(version), 0) + 1, $6, $7, $8, $9 FROM submissions \
                 WHERE school = $10 AND period = $11 AND methodology = $12 \
                 RETURNING version",
            )
            .bind(&id)
            .bind(&s.school)
            .bind(s.municipality.as_deref())
            .bind(&s.period)
            .bind(&s.methodology)
            .bind(&s.total)
            .bind(s.level.as_deref())
            .bind(&s.values)
            .bind(received_at)
            .bind(&s.school)
            .bind(&s.period)
            .bind(&s.methodology)
            .fetch_one(&self.pool)
            .await;
            match result {
                Ok(row) => {
                    return Ok(Stored {
                        id,
                        school: s.school.clone(),
                        municipality: s.municipality.clone(),
                        period: s.period.clone(),
                        methodology: s.methodology.clone(),
                        version: row.try_get::<i64, _>(0)?,
                        total: s.total.clone(),
                        level: s.level.clone(),
                        received_at: received_at.to_string(),
                    });
                }
                Err(sqlx::Error::Database(e)) if e.is_unique_violation() && attempt < 20 => {
                    attempt += 1;
                    tokio::time::sleep(Duration::from_millis(attempt)).await;
                }
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// The latest version of every school, period and methodology that passes the filter,
    /// ordered by period, municipality and school.
    ///
    /// # Errors
    /// [`StoreError::Database`] when the database fails.
    pub async fn latest(&self, filter: &Filter) -> Result<Vec<Stored>, StoreError> {
        let rows = self.latest_rows(filter, COLUMNS).await?;
        rows.iter().map(stored).collect()
    }

    /// What dynamics need of the latest submissions that pass the filter: school,
    /// municipality, period and the values (JSON text), in the order of [`Store::latest`].
    ///
    /// # Errors
    /// [`StoreError::Database`] when the database fails.
    pub async fn latest_documents(&self, filter: &Filter) -> Result<Vec<Document>, StoreError> {
        let rows = self
            .latest_rows(filter, "school, municipality, period, document")
            .await?;
        rows.iter()
            .map(|r| {
                Ok(Document {
                    school: r.try_get(0)?,
                    municipality: r.try_get(1)?,
                    period: r.try_get(2)?,
                    values: r.try_get(3)?,
                })
            })
            .collect()
    }

    /// `columns` is one of the fixed column lists of this file, never client text.
    async fn latest_rows(
        &self,
        filter: &Filter,
        columns: &'static str,
    ) -> Result<Vec<AnyRow>, StoreError> {
        let mut sql = format!(
            "SELECT {columns} FROM submissions s WHERE version = \
             (SELECT MAX(version) FROM submissions m WHERE m.school = s.school AND m.period = s.period AND m.methodology = s.methodology)"
        );
        let mut binds: Vec<&str> = Vec::new();
        for (column, value) in [
            ("period", &filter.period),
            ("municipality", &filter.municipality),
            ("school", &filter.school),
            ("methodology", &filter.methodology),
        ] {
            if let Some(v) = value {
                binds.push(v);
                let _ = write!(sql, " AND {column} = ${}", binds.len());
            }
        }
        sql.push_str(" ORDER BY period, municipality, school, methodology");
        // The SQL text is built from the fixed column names above; every value is bound.
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for b in binds {
            query = query.bind(b);
        }
        Ok(query.fetch_all(&self.pool).await?)
    }

    /// Every version of the school, period and methodology of a submission, oldest first;
    /// `None` when there is no such submission.
    ///
    /// # Errors
    /// [`StoreError::Database`] when the database fails.
    pub async fn history(&self, id: &str) -> Result<Option<Vec<Stored>>, StoreError> {
        let rows = sqlx::query(
            "SELECT s.id, s.school, s.municipality, s.period, s.methodology, s.version, s.total, s.level, s.received_at \
             FROM submissions s JOIN submissions k \
             ON s.school = k.school AND s.period = k.period AND s.methodology = k.methodology \
             WHERE k.id = $1 ORDER BY s.version",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        if rows.is_empty() {
            return Ok(None);
        }
        rows.iter().map(stored).collect::<Result<_, _>>().map(Some)
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }
}

fn stored(r: &AnyRow) -> Result<Stored, StoreError> {
    Ok(Stored {
        id: r.try_get("id")?,
        school: r.try_get("school")?,
        municipality: r.try_get("municipality")?,
        period: r.try_get("period")?,
        methodology: r.try_get("methodology")?,
        version: r.try_get("version")?,
        total: r.try_get("total")?,
        level: r.try_get("level")?,
        received_at: r.try_get("received_at")?,
    })
}
