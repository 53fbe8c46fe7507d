-- Vigil JDBC store, schema version 2, for H2 2.x: indexes for the retention purge, which deletes check runs
-- by time across every check and finished notifications by the time they finished.

CREATE INDEX IF NOT EXISTS ${prefix}check_run_by_time ON ${prefix}check_run (checked_at);
CREATE INDEX IF NOT EXISTS ${prefix}outbox_by_finish ON ${prefix}outbox (finished_at);

INSERT INTO ${prefix}schema_version (version, description) VALUES (2, 'purge indexes');
