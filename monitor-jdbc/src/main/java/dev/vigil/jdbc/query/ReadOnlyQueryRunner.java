package dev.vigil.jdbc.query;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one ad-hoc read-only query for an administrator ({@code POST /api/admin/run-query}), with
 * defences that do not depend on each other:
 * <ol>
 *   <li><b>The query</b> is checked before it reaches the database (see the package documentation
 *       for every rule): one statement, a plain {@code SELECT}, {@code WITH ... SELECT},
 *       {@code VALUES} or {@code EXPLAIN} without {@code ANALYZE}; no locking clause, {@code INTO},
 *       data-modifying {@code WITH}, or call of a function with side effects, anywhere in the parsed
 *       tree; optionally only allowed tables. What runs is the canonical text that was checked.</li>
 *   <li><b>The role</b> is inspected once ({@link #inspect()}, or lazily before the first query):
 *       a role that can do more than read disables the runner, unless the data source is declared
 *       the application's own.</li>
 *   <li><b>The transaction</b>: every query gets a fresh connection with auto-commit off and
 *       {@link Connection#setReadOnly(boolean) read-only} on; on PostgreSQL also
 *       {@code SET TRANSACTION READ ONLY} (verified), {@code SET LOCAL statement_timeout} and
 *       {@code SET LOCAL standard_conforming_strings = on}. The driver's query timeout, a row limit
 *       ({@code maxRows + 1} to see truncation) and a cap on value text apply; the transaction is
 *       always rolled back. A connection from a HikariCP pool is then evicted, so one whose session
 *       a query might have changed never goes back to the application; from any other pool it is
 *       put back to its original auto-commit and read-only state and closed, which is the best a
 *       generic pool allows. H2 has no read-only transactions ({@code setReadOnly} is ignored
 *       there): on H2 the query checks and the role carry the weight.</li>
 *   <li><b>Redaction</b>: values of columns whose label contains a configured pattern become
 *       {@code ***}, and queries that would read such a column under another name are rejected.</li>
 *   <li><b>Audit</b>: every request, accepted, rejected or failed, goes to the {@link QueryAuditor}.</li>
 * </ol>
 *
 * <pre>{@code
 * ReadOnlyQueryRunner runner = ReadOnlyQueryRunner.builder(readOnlyDataSource)
 *         .settings(QueryRunnerSettings.builder().timeout(Duration.ofSeconds(5)).build())
 *         .auditor(record -> auditLog.info("{}", record))
 *         .build();
 * QueryResult result = runner.run("alice", "SELECT id, status FROM orders ORDER BY id DESC", 50);
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class ReadOnlyQueryRunner {

    private static final Logger log = LoggerFactory.getLogger(ReadOnlyQueryRunner.class);

    /** Rows fetched per round trip, so that a result of wide rows is not held in the driver all at once. */
    private static final int FETCH_SIZE = 10;
    private static final String QUERY_CANCELED = "57014";

    private final DataSource dataSource;
    private final QueryRunnerSettings settings;
    private final QueryAuditor auditor;
    private final boolean applicationDataSource;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final QueryValidator validator;
    private final @Nullable Predicate<Connection> evictor;
    private final Object inspecting = new Object();
    private volatile @Nullable RoleInspection inspection;
    private @Nullable String loggedInspection;

    private ReadOnlyQueryRunner(Builder builder) {
        this.dataSource = builder.dataSource;
        this.settings = builder.settings;
        this.auditor = builder.auditor;
        this.applicationDataSource = builder.applicationDataSource;
        this.clock = builder.clock;
        this.nanoTime = builder.nanoTime;
        this.validator = new QueryValidator(settings);
        this.evictor = evictor(dataSource);
    }

    /** Starts building a runner over {@code dataSource}, which should log in as a role with SELECT privileges only. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** The settings this runner was built with. */
    public QueryRunnerSettings settings() {
        return settings;
    }

    /**
     * Inspects the role the data source logs in as now (see {@link RoleInspection} and the package
     * documentation for what is checked) and keeps the outcome; call it at startup to log it. An
     * inspection that could not run (the database is down) disables the runner until one succeeds.
     */
    public RoleInspection inspect() {
        synchronized (inspecting) {
            RoleInspection result;
            boolean conclusive;
            try {
                result = session(connection -> RoleInspector.inspect(connection, applicationDataSource));
                conclusive = true;
            } catch (SQLException | RuntimeException e) {
                String error = describe(e);
                result = new RoleInspection(false, "unknown", "unknown", List.of("cannot be inspected: " + error),
                        "the query runner is disabled until its role can be inspected: " + error);
                conclusive = false;
            }
            if (conclusive) {
                inspection = result;
            }
            if (!result.message().equals(loggedInspection)) {
                loggedInspection = result.message();
                if (result.enabled() && result.leastPrivileged()) {
                    log.info("Vigil query runner: {}", result.message());
                } else {
                    log.warn("Vigil query runner: {}", result.message());
                }
            }
            return result;
        }
    }

    /** The last conclusive inspection, if there has been one. */
    public Optional<RoleInspection> inspection() {
        return Optional.ofNullable(inspection);
    }

    /** Runs {@code query} for {@code who}, returning at most {@link QueryRunnerSettings#defaultMaxRows()} rows. */
    public QueryResult run(String who, String query) {
        return run(who, query, settings.defaultMaxRows());
    }

    /**
     * Runs {@code query} for {@code who}, returning at most {@code maxRows} rows (cut to
     * {@link QueryRunnerSettings#maxRowsCap()}).
     *
     * @throws QueryRejectedException if the query, the request or the runner's role does not pass;
     *                                nothing reached the database
     * @throws QueryFailedException   if the database failed the query or it timed out
     */
    public QueryResult run(String who, String query, int maxRows) {
        Objects.requireNonNull(who, "who");
        Objects.requireNonNull(query, "query");
        Instant at = clock.instant();
        long started = nanoTime.getAsLong();
        try {
            RoleInspection role = inspection;
            if (role == null) {
                role = inspect();
            }
            if (!role.enabled()) {
                throw new QueryRejectedException(RejectionReason.RUNNER_DISABLED, role.message());
            }
            if (maxRows < 1) {
                throw new QueryRejectedException(RejectionReason.INVALID_MAX_ROWS, "maxRows must be at least 1, was " + maxRows);
            }
            SqlDialect dialect = SqlDialect.of(role.database()).orElseThrow(() -> new QueryRejectedException(
                    RejectionReason.RUNNER_DISABLED, "run-query supports H2 and PostgreSQL only"));
            String sql = validator.validate(query, dialect);
            ResultReader.Read read = execute(sql, Math.min(maxRows, settings.maxRowsCap()));
            QueryResult result = QueryResult.of(read.columns(), read.rows(), read.truncated(), elapsedMillis(started));
            audit(new QueryAuditRecord(who, at, query, QueryAuditRecord.Outcome.ACCEPTED, null, null, null,
                    result.rowCount(), result.elapsedMs()));
            return result;
        } catch (QueryRejectedException e) {
            log.debug("Query by {} rejected: {}", who, e.getMessage());
            audit(new QueryAuditRecord(who, at, query, QueryAuditRecord.Outcome.REJECTED, e.reason(), e.getMessage(), null,
                    0, elapsedMillis(started)));
            throw e;
        } catch (QueryFailedException e) {
            audit(new QueryAuditRecord(who, at, query, QueryAuditRecord.Outcome.FAILED, null, null, e.getMessage(), 0,
                    elapsedMillis(started)));
            throw e;
        } catch (RuntimeException e) {
            QueryFailedException failed = new QueryFailedException("the query failed: " + describe(e), false, null, e);
            audit(new QueryAuditRecord(who, at, query, QueryAuditRecord.Outcome.FAILED, null, null, failed.getMessage(), 0,
                    elapsedMillis(started)));
            throw failed;
        }
    }

    private ResultReader.Read execute(String sql, int maxRows) {
        try {
            return session(connection -> {
                try (Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                    int previousTimeout = statement.getQueryTimeout();
                    statement.setEscapeProcessing(false);
                    statement.setQueryTimeout(timeoutSeconds());
                    statement.setMaxRows(maxRows + 1);
                    statement.setFetchSize(Math.min(FETCH_SIZE, maxRows + 1));
                    try {
                        if (!statement.execute(sql)) {
                            return new ResultReader.Read(List.of(), List.of(), false);
                        }
                        try (ResultSet rows = statement.getResultSet()) {
                            return new ResultReader(maxRows, settings).read(rows);
                        }
                    } finally {
                        restoreTimeout(statement, previousTimeout);
                    }
                }
            });
        } catch (SQLException e) {
            boolean timedOut = e instanceof SQLTimeoutException || QUERY_CANCELED.equals(e.getSQLState());
            String message = timedOut
                    ? "the query timed out after " + format(settings.timeout()) + " (" + describe(e) + ")"
                    : "the query failed: " + describe(e);
            throw new QueryFailedException(message, timedOut, e.getSQLState(), e);
        }
    }

    /**
     * Runs {@code work} on a fresh connection inside a read-only transaction that is always rolled
     * back; the connection is evicted from a HikariCP pool, or restored and closed.
     */
    private <T> T session(SessionWork<T> work) throws SQLException {
        Connection connection = dataSource.getConnection();
        boolean autoCommit = true;
        boolean readOnly = false;
        try {
            autoCommit = connection.getAutoCommit();
            readOnly = connection.isReadOnly();
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            if (SqlDialect.POSTGRESQL.productName().equals(connection.getMetaData().getDatabaseProductName())) {
                beginPostgres(connection);
            }
            return work.run(connection);
        } finally {
            release(connection, autoCommit, readOnly);
        }
    }

    private void beginPostgres(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TRANSACTION READ ONLY");
            statement.execute("SET LOCAL statement_timeout = " + Math.max(1, settings.timeout().toMillis()));
            statement.execute("SET LOCAL standard_conforming_strings = on");
            try (ResultSet rows = statement.executeQuery("SELECT current_setting('transaction_read_only')")) {
                if (!rows.next() || !"on".equals(rows.getString(1))) {
                    throw new SQLException("the transaction did not become read-only; refusing to run the query");
                }
            }
        }
    }

    private void release(Connection connection, boolean autoCommit, boolean readOnly) {
        try {
            connection.rollback();
        } catch (SQLException | RuntimeException e) {
            log.debug("Cannot roll back the query runner's transaction", e);
        }
        boolean evicted = evictor != null && evictor.test(connection);
        if (!evicted) {
            try {
                connection.setReadOnly(readOnly);
                connection.setAutoCommit(autoCommit);
            } catch (SQLException | RuntimeException e) {
                log.debug("Cannot restore the query runner's connection", e);
            }
        }
        try {
            connection.close();
        } catch (SQLException | RuntimeException e) {
            log.debug("Cannot close the query runner's connection", e);
        }
    }

    /** Some drivers (H2) apply a statement's query timeout to the whole session. */
    private static void restoreTimeout(Statement statement, int previous) {
        try {
            statement.setQueryTimeout(previous);
        } catch (SQLException | RuntimeException e) {
            log.debug("Cannot restore the query timeout", e);
        }
    }

    private void audit(QueryAuditRecord record) {
        try {
            auditor.audit(record);
        } catch (RuntimeException e) {
            log.warn("Query auditor {} failed; the query's outcome stands", auditor, e);
        }
    }

    private int timeoutSeconds() {
        long millis = settings.timeout().toMillis();
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, (millis + 999) / 1000));
    }

    private long elapsedMillis(long started) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(nanoTime.getAsLong() - started));
    }

    private static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** The error's message on one line, with its SQLState. */
    private static String describe(Throwable error) {
        String message = error.getMessage();
        String text = message == null || message.isBlank() ? error.getClass().getSimpleName()
                : String.join(" ", message.strip().split("\\s+"));
        if (text.length() > 1000) {
            text = text.substring(0, 1000) + "…";
        }
        return error instanceof SQLException sql && sql.getSQLState() != null
                ? text + " [SQLState " + sql.getSQLState() + "]" : text;
    }

    private static @Nullable Predicate<Connection> evictor(DataSource dataSource) {
        try {
            HikariEviction hikari = HikariEviction.find(dataSource);
            return hikari == null ? null : hikari::evict;
        } catch (LinkageError absent) {
            return null; // HikariCP is not on the class path
        } catch (Exception e) {
            log.debug("Cannot tell whether {} is a HikariCP pool", dataSource, e);
            return null;
        }
    }

    @Override
    public String toString() {
        return "ReadOnlyQueryRunner[" + dataSource + ", applicationDataSource=" + applicationDataSource + ", " + settings + "]";
    }

    @FunctionalInterface
    private interface SessionWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Builds a {@link ReadOnlyQueryRunner}. */
    public static final class Builder {
        private final DataSource dataSource;
        private QueryRunnerSettings settings = QueryRunnerSettings.ofDefaults();
        private QueryAuditor auditor = QueryAuditor.NO_OP;
        private boolean applicationDataSource;
        private Clock clock = Clock.systemUTC();
        private LongSupplier nanoTime = System::nanoTime;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** Limits and policies (default {@link QueryRunnerSettings#ofDefaults()}). */
        public Builder settings(QueryRunnerSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Receives a record of every request (default: none kept). */
        public Builder auditor(QueryAuditor auditor) {
            this.auditor = Objects.requireNonNull(auditor, "auditor");
            return this;
        }

        /**
         * Declares (true) that the data source is the application's own rather than a dedicated,
         * least-privileged one (default false). The role inspection then only warns about what the
         * role may do, instead of disabling the runner; every other defence still applies. Also
         * the only way to run queries on H2 as its admin user. Databases other than H2 and PostgreSQL are
         * refused either way (see {@link SqlDialect}).
         */
        public Builder applicationDataSource(boolean applicationDataSource) {
            this.applicationDataSource = applicationDataSource;
            return this;
        }

        /** The clock audit records are stamped with (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The monotonic nanosecond source durations are measured with (default {@link System#nanoTime()}). */
        public Builder nanoTime(LongSupplier nanoTime) {
            this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
            return this;
        }

        /** Builds the runner; it inspects its role on the first query or {@link ReadOnlyQueryRunner#inspect()}. */
        public ReadOnlyQueryRunner build() {
            return new ReadOnlyQueryRunner(this);
        }
    }
}
