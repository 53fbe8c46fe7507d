-- Vigil JDBC store, schema version 6, for H2 2.x: daily briefings, one row per date (the ISO date, yyyy-mm-dd,
-- in the briefing's zone), with the briefing's JSON and chat text as they were rendered when it was built.

CREATE TABLE IF NOT EXISTS ${prefix}briefing (
    briefing_date VARCHAR(10) NOT NULL PRIMARY KEY,
    generated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    instance_id VARCHAR(100) NOT NULL,
    body_json TEXT NOT NULL,
    body_text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ${prefix}briefing_by_generated ON ${prefix}briefing (generated_at);

INSERT INTO ${prefix}schema_version (version, description) VALUES (6, 'daily briefings');
