INSERT INTO bookings (customer, slot) VALUES
    ('Ada', TIMESTAMP '2026-12-01 09:00:00'),
    ('Grace', TIMESTAMP '2026-12-01 10:30:00'),
    ('Linus', TIMESTAMP '2026-12-02 14:00:00');
