package dev.vigil.jdbc;

import dev.vigil.health.HealthCheck;
import dev.vigil.health.HealthResult;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link HealthCheck} for any {@link DataSource}: borrows one connection, validates it, and
 * reports how long that took.
 *
 * <p>One run gets a connection, runs the validation query (or {@link Connection#isValid(int)} when
 * none is configured) with the query timeout, and closes everything again. It is
 * <ul>
 *   <li>DOWN when no connection can be had, the validation fails or times out, or the connection
 *       is not valid; the message says which, with the driver's error text (secrets such as
 *       {@code password=...} scrubbed) and the SQL state as the {@code sqlState} detail;</li>
 *   <li>DEGRADED when acquiring and validating took longer than {@code degradedAbove}
 *       ({@code "query took 140 ms, above 100 ms"}), or, on PostgreSQL, when the share of
 *       {@code max_connections} in use is above {@code connectionUsageDegradedAbove}
 *       ({@code "82 of 100 connections in use"});</li>
 *   <li>UP otherwise.</li>
 * </ul>
 *
 * <p>Details: {@code database} and {@code version} (from {@link DatabaseMetaData}) and
 * {@code latencyMs}. On PostgreSQL (10 or later) also {@code connections}, {@code maxConnections},
 * {@code connectionUsage} and {@code sizeBytes}. {@code connections} counts the server's client
 * backends in all databases and for all users, this check's own connection included, because
 * {@code max_connections} is a server-wide limit; note that the last
 * {@code superuser_reserved_connections} of them are not available to ordinary users. A user
 * without {@code pg_read_all_stats} (or {@code pg_monitor}) cannot see what kind of process another
 * user's session is; those attached to a database are counted as client backends, which may
 * overcount by the autovacuum workers running at that moment. If these
 * extra queries fail (for example for lack of privilege), the result keeps its status and carries
 * {@code connectionsError} or {@code sizeError} instead.
 *
 * <p>The check leaves the connection as it found it: it changes no session setting (a query
 * timeout that a driver applies to the whole session, as H2 does, is restored), and when the
 * connection is not in auto-commit mode it rolls back the read-only transaction it started.
 * The time to get a connection is bounded by the pool's own connection timeout and by the
 * registration's timeout; keep {@code queryTimeout} below the latter.
 *
 * <pre>{@code
 * HealthCheck database = DataSourceHealthCheck.builder(dataSource)
 *         .validationQuery("SELECT 1")
 *         .degradedAbove(Duration.ofMillis(250))
 *         .build();
 * }</pre>
 */
public final class DataSourceHealthCheck implements HealthCheck {

    /** A validation query gets 3 seconds unless configured otherwise. */
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(3);
    /** Acquiring and validating a connection in more than 100 ms is DEGRADED unless configured otherwise. */
    public static final Duration DEFAULT_DEGRADED_ABOVE = Duration.ofMillis(100);
    /** More than 80% of the server's connections in use is DEGRADED unless configured otherwise. */
    public static final double DEFAULT_CONNECTION_USAGE_DEGRADED_ABOVE = 0.80;

    private static final Logger log = LoggerFactory.getLogger(DataSourceHealthCheck.class);

    private static final String POSTGRESQL = "PostgreSQL";
    /*
     * Rows of other users' sessions show a NULL backend_type unless the user has pg_read_all_stats
     * (pg_monitor); those attached to a database are counted as client backends.
     */
    private static final String POSTGRES_CONNECTIONS_SQL =
            "SELECT count(*) FILTER (WHERE backend_type = 'client backend'"
            + " OR (backend_type IS NULL AND datid IS NOT NULL)),"
            + " current_setting('max_connections')::int"
            + " FROM pg_stat_activity";
    private static final String POSTGRES_SIZE_SQL = "SELECT pg_database_size(current_database())";
    /** SQL state for "query canceled", which drivers such as PostgreSQL's report on a query timeout. */
    private static final String QUERY_CANCELED = "57014";

    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)\\b(password|passwd|pwd|secret|token|api[_-]?key)(\\s*=\\s*)[^;&\\s,)\"']*");
    private static final Pattern URL_USER_INFO = Pattern.compile("(//[^/:@\\s]+):[^@/\\s]*@");

    private final DataSource dataSource;
    private final @Nullable String validationQuery;
    private final Duration queryTimeout;
    private final Duration degradedAbove;
    private final double connectionUsageDegradedAbove;
    private final LongSupplier nanoTime;
    private final int queryTimeoutSeconds;

    private DataSourceHealthCheck(Builder builder) {
        this.dataSource = builder.dataSource;
        this.validationQuery = builder.validationQuery;
        this.queryTimeout = builder.queryTimeout;
        this.degradedAbove = builder.degradedAbove;
        this.connectionUsageDegradedAbove = builder.connectionUsageDegradedAbove;
        this.nanoTime = builder.nanoTime;
        this.queryTimeoutSeconds = wholeSeconds(queryTimeout);
    }

    /** A check of {@code dataSource} with the defaults: {@link Connection#isValid(int)}, 3 s, 100 ms, 80%. */
    public static DataSourceHealthCheck of(DataSource dataSource) {
        return builder(dataSource).build();
    }

    /** Starts a check of {@code dataSource}, with the defaults until changed. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** The validation query, if one is configured; otherwise {@link Connection#isValid(int)} is used. */
    public Optional<String> validationQuery() {
        return Optional.ofNullable(validationQuery);
    }

    /** How long the validation may take; applied in whole seconds, rounded up. */
    public Duration queryTimeout() {
        return queryTimeout;
    }

    /** Acquisition plus validation taking longer than this is DEGRADED. */
    public Duration degradedAbove() {
        return degradedAbove;
    }

    /** A share of the server's connections in use above this (0..1] is DEGRADED (PostgreSQL only). */
    public double connectionUsageDegradedAbove() {
        return connectionUsageDegradedAbove;
    }

    /** Borrows a connection, validates it, closes it, and reports what it saw. */
    @Override
    public HealthResult check() {
        Step step = Step.CONNECT;
        long started = nanoTime.getAsLong();
        try (Connection connection = dataSource.getConnection()) {
            step = Step.VALIDATE;
            boolean autoCommit = connection.getAutoCommit();
            try {
                if (!validate(connection)) {
                    return HealthResult.down("connection is not valid (Connection.isValid returned false within "
                            + queryTimeoutSeconds + " s)");
                }
                long latencyMillis = TimeUnit.NANOSECONDS.toMillis(nanoTime.getAsLong() - started);
                step = Step.INSPECT;
                HealthResult result = inspect(connection, autoCommit, latencyMillis);
                step = Step.CLOSE;
                return result;
            } finally {
                endTransaction(connection, autoCommit);
            }
        } catch (SQLException | RuntimeException e) {
            return failure(step, e);
        }
    }

    private boolean validate(Connection connection) throws SQLException {
        if (validationQuery == null) {
            return connection.isValid(queryTimeoutSeconds);
        }
        try (Statement statement = connection.createStatement()) {
            withQueryTimeout(statement, () -> {
                if (statement.execute(validationQuery)) {
                    try (ResultSet rows = statement.getResultSet()) {
                        rows.next();
                    }
                }
                return null;
            });
        }
        return true;
    }

    private HealthResult inspect(Connection connection, boolean autoCommit, long latencyMillis) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        String product = metaData.getDatabaseProductName();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("database", product);
        details.put("version", metaData.getDatabaseProductVersion());
        details.put("latencyMs", latencyMillis);

        List<String> problems = new ArrayList<>();
        if (latencyMillis > degradedAbove.toMillis()) {
            problems.add("query took " + latencyMillis + " ms, above " + degradedAbove.toMillis() + " ms");
        }
        if (POSTGRESQL.equals(product)) {
            addPostgresConnections(connection, autoCommit, details, problems);
            addPostgresSize(connection, autoCommit, details);
        }

        HealthResult result = problems.isEmpty()
                ? HealthResult.up("query took " + latencyMillis + " ms")
                : HealthResult.degraded(String.join("; ", problems));
        return result.withDetails(details);
    }

    private void addPostgresConnections(Connection connection, boolean autoCommit,
            Map<String, Object> details, List<String> problems) {
        try {
            long[] counts = query(connection, POSTGRES_CONNECTIONS_SQL,
                    rows -> new long[] {rows.getLong(1), rows.getLong(2)});
            long connections = counts[0];
            long maxConnections = counts[1];
            double usage = maxConnections > 0 ? (double) connections / maxConnections : 0.0;
            details.put("connections", connections);
            details.put("maxConnections", maxConnections);
            details.put("connectionUsage", Math.round(usage * 10_000) / 10_000.0);
            if (usage > connectionUsageDegradedAbove) {
                problems.add(connections + " of " + maxConnections + " connections in use");
            }
        } catch (SQLException | RuntimeException e) {
            log.debug("Cannot read PostgreSQL connection counts", e);
            details.put("connectionsError", scrub(describe(e)));
            endTransaction(connection, autoCommit);
        }
    }

    private void addPostgresSize(Connection connection, boolean autoCommit, Map<String, Object> details) {
        try {
            details.put("sizeBytes", query(connection, POSTGRES_SIZE_SQL, rows -> rows.getLong(1)));
        } catch (SQLException | RuntimeException e) {
            log.debug("Cannot read PostgreSQL database size", e);
            details.put("sizeError", scrub(describe(e)));
            endTransaction(connection, autoCommit);
        }
    }

    /**
     * Outside auto-commit, rolls back the read-only transaction this check's statements started (or
     * a failed statement aborted, so that later statements can still run). Never throws: a broken
     * connection has already been reported by the statement that found it.
     */
    private static void endTransaction(Connection connection, boolean autoCommit) {
        if (autoCommit) {
            return;
        }
        try {
            connection.rollback();
        } catch (SQLException | RuntimeException e) {
            log.debug("Cannot roll back the health check's transaction", e);
        }
    }

    private <T> T query(Connection connection, String sql, RowReader<T> reader) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return withQueryTimeout(statement, () -> {
                try (ResultSet rows = statement.executeQuery(sql)) {
                    if (!rows.next()) {
                        throw new SQLException("no row returned by: " + sql);
                    }
                    return reader.read(rows);
                }
            });
        }
    }

    /**
     * Runs {@code work} with the query timeout set on {@code statement}, then puts the previous
     * timeout back: some drivers (H2) apply a statement's timeout to the whole session.
     */
    private <T> T withQueryTimeout(Statement statement, SqlWork<T> work) throws SQLException {
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

    private HealthResult failure(Step step, Exception e) {
        String error = scrub(describe(e));
        String message = step == Step.VALIDATE && isTimeout(e)
                ? "validation timed out after " + queryTimeoutSeconds + " s"
                : step.failure + ": " + error;
        HealthResult result = HealthResult.down(message).withError(error);
        if (e instanceof SQLException sql && sql.getSQLState() != null) {
            result = result.withDetail("sqlState", sql.getSQLState());
        }
        return result;
    }

    private static boolean isTimeout(Exception e) {
        return e instanceof SQLTimeoutException
                || e instanceof SQLException sql && QUERY_CANCELED.equals(sql.getSQLState());
    }

    /** The exception's type and message, and its root cause's if that is another exception. */
    private static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = oneLine(error);
        return root == error ? text : text + " (caused by " + oneLine(root) + ")";
    }

    private static String oneLine(Throwable error) {
        String message = error.getMessage();
        String type = error.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + ": " + message.strip();
    }

    /** {@code text} with passwords, tokens and URL user-info passwords replaced by {@code ****}. */
    static String scrub(String text) {
        String scrubbed = SECRET_PARAMETER.matcher(text).replaceAll("$1$2****");
        return URL_USER_INFO.matcher(scrubbed).replaceAll("$1:****@");
    }

    /** {@code timeout} in whole seconds for {@link Statement#setQueryTimeout(int)}: rounded up, at least 1. */
    static int wholeSeconds(Duration timeout) {
        long seconds = timeout.getSeconds() + (timeout.getNano() > 0 ? 1 : 0);
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, seconds));
    }

    @Override
    public String toString() {
        return "DataSourceHealthCheck[validationQuery=" + (validationQuery == null ? "<isValid>" : validationQuery)
                + ", queryTimeout=" + queryTimeout + ", degradedAbove=" + degradedAbove
                + ", connectionUsageDegradedAbove=" + connectionUsageDegradedAbove + "]";
    }

    private enum Step {
        CONNECT("cannot get a connection"),
        VALIDATE("validation failed"),
        INSPECT("cannot read database metadata"),
        CLOSE("cannot close the connection");

        private final String failure;

        Step(String failure) {
            this.failure = failure;
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** Builds a {@link DataSourceHealthCheck}; every setting starts at its default. */
    public static final class Builder {
        private final DataSource dataSource;
        private @Nullable String validationQuery;
        private Duration queryTimeout = DEFAULT_QUERY_TIMEOUT;
        private Duration degradedAbove = DEFAULT_DEGRADED_ABOVE;
        private double connectionUsageDegradedAbove = DEFAULT_CONNECTION_USAGE_DEGRADED_ABOVE;
        private LongSupplier nanoTime = System::nanoTime;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /**
         * A query to validate the connection with, such as {@code SELECT 1}; without one,
         * {@link Connection#isValid(int)} is used. Any statement works; of a result, only the
         * first row is read.
         */
        public Builder validationQuery(String validationQuery) {
            this.validationQuery = Objects.requireNonNull(validationQuery,
                    "monitor.checks.database.validation-query");
            return this;
        }

        /** How long the validation may take (default 3 s); applied in whole seconds, rounded up. */
        public Builder queryTimeout(Duration queryTimeout) {
            this.queryTimeout = Objects.requireNonNull(queryTimeout, "monitor.checks.database.query-timeout");
            return this;
        }

        /**
         * Acquiring and validating a connection in more than this is DEGRADED (default 100 ms);
         * compared in whole milliseconds.
         */
        public Builder degradedAbove(Duration degradedAbove) {
            this.degradedAbove = Objects.requireNonNull(degradedAbove, "monitor.checks.database.degraded-above");
            return this;
        }

        /**
         * A share of the server's {@code max_connections} in use above this is DEGRADED
         * (default 0.80; 1.0 never degrades). Only PostgreSQL reports it.
         */
        public Builder connectionUsageDegradedAbove(double connectionUsageDegradedAbove) {
            this.connectionUsageDegradedAbove = connectionUsageDegradedAbove;
            return this;
        }

        /** The monotonic nanosecond source latency is measured with (default {@link System#nanoTime()}). */
        public Builder nanoTime(LongSupplier nanoTime) {
            this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException naming the {@code monitor.checks.database.*} setting that is invalid
         */
        public DataSourceHealthCheck build() {
            if (validationQuery != null && validationQuery.isBlank()) {
                throw new IllegalArgumentException("monitor.checks.database.validation-query must not be blank;"
                        + " leave it unset to use Connection.isValid");
            }
            if (queryTimeout.isZero() || queryTimeout.isNegative()) {
                throw new IllegalArgumentException("monitor.checks.database.query-timeout must be positive, was "
                        + queryTimeout);
            }
            if (degradedAbove.isZero() || degradedAbove.isNegative()) {
                throw new IllegalArgumentException("monitor.checks.database.degraded-above must be positive, was "
                        + degradedAbove);
            }
            if (!(connectionUsageDegradedAbove > 0.0 && connectionUsageDegradedAbove <= 1.0)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "monitor.checks.database.connection-usage-degraded-above must be greater than 0 and at most 1,"
                                + " was %s", connectionUsageDegradedAbove));
            }
            return new DataSourceHealthCheck(this);
        }
    }
}
