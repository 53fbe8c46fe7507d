INSERT INTO bookings (customer, slot) VALUES
    ('Ada', TIMESTAMP '2026-12-01 09:00:00'),
    ('Grace', TIMESTAMP '2026-12-01 10:30:00'),
    ('Linus', TIMESTAMP '2026-12-02 14:00:00');

INSERT INTO users (email, password_hash, lifetime_member, monthly_price, created_at, last_active_at) VALUES
    ('ada@example.com', '$2a$10$demoHashAda', TRUE, 0, DATEADD('DAY', -120, CURRENT_TIMESTAMP), CURRENT_TIMESTAMP),
    ('grace@example.com', '$2a$10$demoHashGrace', FALSE, 29.00, DATEADD('DAY', -60, CURRENT_TIMESTAMP), CURRENT_TIMESTAMP),
    ('linus@example.com', '$2a$10$demoHashLinus', FALSE, 29.00, DATEADD('DAY', -30, CURRENT_TIMESTAMP), DATEADD('DAY', -2, CURRENT_TIMESTAMP)),
    ('margaret@example.com', '$2a$10$demoHashMargaret', FALSE, 99.00, DATEADD('HOUR', -5, CURRENT_TIMESTAMP), CURRENT_TIMESTAMP),
    ('alan@example.com', '$2a$10$demoHashAlan', TRUE, 0, DATEADD('HOUR', -2, CURRENT_TIMESTAMP), NULL);

INSERT INTO videos (title, views, created_at) VALUES
    ('Sourdough in 10 minutes', 1520, DATEADD('DAY', -20, CURRENT_TIMESTAMP)),
    ('Fixing a bike chain', 980, DATEADD('DAY', -3, CURRENT_TIMESTAMP)),
    ('Knife skills basics', 4410, DATEADD('DAY', -1, CURRENT_TIMESTAMP)),
    ('Morning stretch routine', 120, DATEADD('HOUR', -1, CURRENT_TIMESTAMP));

INSERT INTO curation_runs (started_at, finished_at, screened, accepted, status) VALUES
    (DATEADD('HOUR', -1, CURRENT_TIMESTAMP), DATEADD('MINUTE', -58, CURRENT_TIMESTAMP), 47, 12, 'completed');

INSERT INTO api_quotas (service, quota_date, quota_used, quota_limit) VALUES
    ('youtube', CURRENT_DATE, 2340, 10000);

INSERT INTO error_logs (level, source, message) VALUES
    ('error', 'curation', 'YouTube API returned 503 for search page 3');
