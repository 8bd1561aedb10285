-- Submissions: every version a school posts for a period and a methodology. The same SQL runs
-- on SQLite and PostgreSQL. Decimals are kept as text, exactly as the report prints them.
CREATE TABLE submissions (
    id TEXT PRIMARY KEY,
    school TEXT NOT NULL,
    municipality TEXT,
    period TEXT NOT NULL,
    methodology TEXT NOT NULL,
    version BIGINT NOT NULL,
    total TEXT NOT NULL,
    level TEXT,
    document TEXT NOT NULL,
    received_at TEXT NOT NULL,
    UNIQUE (school, period, methodology, version)
);

CREATE INDEX submissions_period ON submissions (period, methodology);
CREATE INDEX submissions_municipality ON submissions (municipality);
