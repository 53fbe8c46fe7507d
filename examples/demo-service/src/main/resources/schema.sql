CREATE TABLE IF NOT EXISTS bookings (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    customer VARCHAR(100) NOT NULL,
    slot TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS media (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(200) NOT NULL,
    size_bytes BIGINT NOT NULL,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
);

-- The tables of a small video-curation product, as monitored in the demo's collectors and checks.
CREATE TABLE IF NOT EXISTS users (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    email VARCHAR(200) NOT NULL,
    password_hash VARCHAR(200) NOT NULL,
    lifetime_member BOOLEAN DEFAULT FALSE NOT NULL,
    monthly_price DECIMAL(10, 2) DEFAULT 0 NOT NULL,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL,
    last_active_at TIMESTAMP
);

CREATE TABLE IF NOT EXISTS videos (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    title VARCHAR(300) NOT NULL,
    views BIGINT DEFAULT 0 NOT NULL,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS curation_runs (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    screened INT DEFAULT 0 NOT NULL,
    accepted INT DEFAULT 0 NOT NULL,
    status VARCHAR(20) NOT NULL
);

CREATE TABLE IF NOT EXISTS api_quotas (
    service VARCHAR(50) NOT NULL,
    quota_date DATE NOT NULL,
    quota_used INT DEFAULT 0 NOT NULL,
    quota_limit INT NOT NULL,
    PRIMARY KEY (service, quota_date)
);

CREATE TABLE IF NOT EXISTS error_logs (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL,
    level VARCHAR(10) NOT NULL,
    source VARCHAR(100) NOT NULL,
    message VARCHAR(1000) NOT NULL
);

-- Lets the demo's fault switch make a query slow on purpose.
CREATE ALIAS IF NOT EXISTS SLEEP_MS FOR "java.lang.Thread.sleep";
