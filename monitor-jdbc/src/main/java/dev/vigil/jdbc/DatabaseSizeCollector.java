package dev.vigil.jdbc;

import dev.vigil.metrics.MetricCollector;
import dev.vigil.metrics.MetricSample;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emits how big the database is, once per collection interval (never per request):
 * <ul>
 *   <li>PostgreSQL: {@code db.size.bytes} ({@code pg_database_size(current_database())}) and
 *       {@code db.table.rows{table=schema.name}} from {@code pg_stat_user_tables.n_live_tup}
 *       (the statistics collector's estimate, kept current by autovacuum and {@code ANALYZE});</li>
 *   <li>H2: {@code db.size.bytes} (the database file's size, {@code info.FILE_SIZE} of
 *       {@code INFORMATION_SCHEMA.SETTINGS}; an in-memory database has no file and no size) and
 *       {@code db.table.rows{table=schema.name}} from
 *       {@code INFORMATION_SCHEMA.TABLES.ROW_COUNT_ESTIMATE} (exact for H2's default MVStore tables,
 *       and no table is scanned);</li>
 *   <li>any other database: nothing (logged once).</li>
 * </ul>
 * Only the {@code maxTables} tables with the most rows are reported (default 50), which bounds the
 * number of series. Each query runs with a query timeout; a query that fails is logged once (until
 * it works again) and its samples are skipped, while the others are still emitted. Failing to get a
 * connection at all is thrown, for the collection runtime to log.
 *
 * <p>Given a {@link MonitoredDataSource}, it queries the data source behind it, so that its own
 * statements do not show up in the statement statistics.
 */
public final class DatabaseSizeCollector implements MetricCollector {

    /** Each query gets 5 seconds unless configured otherwise. */
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(5);
    /** Row counts of the 50 largest tables are reported unless configured otherwise. */
    public static final int DEFAULT_MAX_TABLES = 50;

    private static final Logger log = LoggerFactory.getLogger(DatabaseSizeCollector.class);

    private static final String POSTGRES_SIZE_SQL = "SELECT pg_database_size(current_database())";
    private static final String POSTGRES_TABLES_SQL = "SELECT schemaname, relname, n_live_tup"
            + " FROM pg_stat_user_tables ORDER BY n_live_tup DESC, schemaname, relname LIMIT ?";
    private static final String H2_SIZE_SQL = "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
            + " WHERE SETTING_NAME = 'info.FILE_SIZE'";
    private static final String H2_TABLES_SQL = "SELECT TABLE_SCHEMA, TABLE_NAME, ROW_COUNT_ESTIMATE"
            + " FROM INFORMATION_SCHEMA.TABLES"
            + " WHERE TABLE_TYPE IN ('BASE TABLE', 'TABLE') AND TABLE_SCHEMA <> 'INFORMATION_SCHEMA'"
            + " ORDER BY ROW_COUNT_ESTIMATE DESC, TABLE_SCHEMA, TABLE_NAME FETCH FIRST ? ROWS ONLY";

    private final DataSource dataSource;
    private final Duration queryTimeout;
    private final int queryTimeoutSeconds;
    private final int maxTables;
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean unsupportedLogged = new AtomicBoolean();

    private DatabaseSizeCollector(Builder builder) {
        this.dataSource = builder.dataSource instanceof MonitoredDataSource monitored
                ? monitored.target()
                : builder.dataSource;
        this.queryTimeout = builder.queryTimeout;
        this.queryTimeoutSeconds = DataSourceHealthCheck.wholeSeconds(queryTimeout);
        this.maxTables = builder.maxTables;
    }

    /** A collector for {@code dataSource} with the defaults: 5 s query timeout, 50 tables. */
    public static DatabaseSizeCollector of(DataSource dataSource) {
        return builder(dataSource).build();
    }

    /** Starts a collector for {@code dataSource}, with the defaults until changed. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** Reads the database's size and its largest tables' row counts; see the class comment. */
    @Override
    public List<MetricSample> collect() throws SQLException {
        List<MetricSample> samples = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            try {
                String product = connection.getMetaData().getDatabaseProductName();
                if ("PostgreSQL".equals(product)) {
                    read("size", connection, autoCommit, () -> samples.add(MetricSample.of(
                            "db.size.bytes", querySize(connection))));
                    read("table row counts", connection, autoCommit,
                            () -> samples.addAll(tableRows(connection, POSTGRES_TABLES_SQL)));
                } else if ("H2".equals(product)) {
                    read("size", connection, autoCommit, () -> {
                        Long size = queryH2Size(connection);
                        if (size != null) {
                            samples.add(MetricSample.of("db.size.bytes", size));
                        }
                    });
                    read("table row counts", connection, autoCommit,
                            () -> samples.addAll(tableRows(connection, H2_TABLES_SQL)));
                } else if (unsupportedLogged.compareAndSet(false, true)) {
                    log.info("Database size metrics are not available for {}: only PostgreSQL and H2 are supported",
                            product);
                }
            } finally {
                endTransaction(connection, autoCommit);
            }
        }
        return samples;
    }

    private void read(String what, Connection connection, boolean autoCommit, SqlWork work) {
        try {
            work.run();
            if (failing.remove(what)) {
                log.info("Database {} can be read again", what);
            }
        } catch (SQLException | RuntimeException e) {
            if (failing.add(what)) {
                log.warn("Cannot read the database {}; skipped until it works again: {}", what, e.toString());
            } else {
                log.debug("Cannot read the database {}", what, e);
            }
            endTransaction(connection, autoCommit);
        }
    }

    private long querySize(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(POSTGRES_SIZE_SQL)) {
            return withQueryTimeout(statement, () -> {
                try (ResultSet rows = statement.executeQuery()) {
                    if (!rows.next()) {
                        throw new SQLException("no row returned by: " + POSTGRES_SIZE_SQL);
                    }
                    return rows.getLong(1);
                }
            });
        }
    }

    /** The H2 database file's size, or null for an in-memory database. */
    private @Nullable Long queryH2Size(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(H2_SIZE_SQL)) {
            return withQueryTimeout(statement, () -> {
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Long.valueOf(rows.getString(1).strip()) : null;
                }
            });
        }
    }

    private List<MetricSample> tableRows(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, maxTables);
            return withQueryTimeout(statement, () -> {
                List<MetricSample> samples = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        samples.add(MetricSample.of("db.table.rows", Math.max(0, rows.getLong(3)),
                                "table", rows.getString(1) + "." + rows.getString(2)));
                    }
                }
                return samples;
            });
        }
    }

    /** Runs {@code work} with the query timeout, then restores the previous one (H2 applies it to the session). */
    private <T> T withQueryTimeout(PreparedStatement statement, SqlQuery<T> work) throws SQLException {
        int previous = statement.getQueryTimeout();
        statement.setQueryTimeout(queryTimeoutSeconds);
        try {
            return work.run();
        } finally {
            if (previous != queryTimeoutSeconds) {
                try {
                    statement.setQueryTimeout(previous);
                } catch (SQLException e) {
                    log.debug("Cannot restore the query timeout to {} s", previous, e);
                }
            }
        }
    }

    /** Outside auto-commit, ends the read-only transaction (or the one a failed query aborted). */
    private static void endTransaction(Connection connection, boolean autoCommit) {
        if (autoCommit) {
            return;
        }
        try {
            connection.rollback();
        } catch (SQLException | RuntimeException e) {
            log.debug("Cannot roll back the size collector's transaction", e);
        }
    }

    @Override
    public String toString() {
        return "DatabaseSizeCollector[queryTimeout=" + queryTimeout + ", maxTables=" + maxTables + "]";
    }

    @FunctionalInterface
    private interface SqlWork {
        void run() throws SQLException;
    }

    @FunctionalInterface
    private interface SqlQuery<T> {
        T run() throws SQLException;
    }

    /** Builds a {@link DatabaseSizeCollector}; every setting starts at its default. */
    public static final class Builder {
        private final DataSource dataSource;
        private Duration queryTimeout = DEFAULT_QUERY_TIMEOUT;
        private int maxTables = DEFAULT_MAX_TABLES;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** How long each query may take (default 5 s); applied in whole seconds, rounded up. */
        public Builder queryTimeout(Duration queryTimeout) {
            this.queryTimeout = Objects.requireNonNull(queryTimeout, "monitor.jdbc.size.query-timeout");
            return this;
        }

        /** How many of the largest tables get a {@code db.table.rows} sample (default 50). */
        public Builder maxTables(int maxTables) {
            this.maxTables = maxTables;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException naming the setting that is invalid
         */
        public DatabaseSizeCollector build() {
            if (queryTimeout.isZero() || queryTimeout.isNegative()) {
                throw new IllegalArgumentException("monitor.jdbc.size.query-timeout must be positive, was "
                        + queryTimeout);
            }
            if (maxTables < 0) {
                throw new IllegalArgumentException("monitor.jdbc.size.max-tables must not be negative, was "
                        + maxTables);
            }
            return new DatabaseSizeCollector(this);
        }
    }
}
