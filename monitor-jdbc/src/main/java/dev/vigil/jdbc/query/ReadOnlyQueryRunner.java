package dev.vigil.jdbc.query;

import dev.vigil.internal.DaemonThreadFactory;
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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one ad-hoc read-only query for an administrator ({@code POST /api/admin/run-query}), with
 * defences that do not depend on each other:
 * <ol>
 *   <li><b>The query</b> is checked before it reaches the database (see the package documentation
 *       for every rule): written only in forms that the database and the parser split into the same
 *       tokens; one statement, a plain {@code SELECT}, {@code WITH ... SELECT}, {@code VALUES} or
 *       {@code EXPLAIN} without {@code ANALYZE}; no locking clause, {@code INTO} or data-modifying
 *       {@code WITH}, and no call of a function outside the database's reviewed allow-list
 *       ({@code AllowedFunctions}), anywhere in the parsed tree; value sizes and generated rows
 *       bounded by literals before anything runs; redacted columns only shown as the mask;
 *       optionally only allowed tables. What runs is the canonical text that was checked.</li>
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
 *   <li><b>The deadline</b>, enforced from outside the statement, so it holds where the database's
 *       own timeouts do not (a Java function in H2, a server that does not answer): the query runs
 *       on one of the runner's daemon threads ({@code vigil-query-*}), and the caller is answered
 *       "timed out" ({@link QueryFailedException#timedOut()}) at
 *       {@link QueryRunnerSettings#timeout()} whatever the statement does. At that moment the
 *       statement is {@link Statement#cancel() cancelled}; if it has not ended a grace period later,
 *       its connection is {@link Connection#abort aborted}, evicted from a HikariCP pool (which can
 *       then replace it) and the thread is interrupted.</li>
 *   <li><b>The load</b>: at most {@link QueryRunnerSettings#maxConcurrentQueries()} queries run at
 *       once, and on the application's own HikariCP pool a query must leave
 *       {@link QueryRunnerSettings#poolReserve()} connections free for the application; otherwise it
 *       is refused at once as {@link RejectionReason#BUSY}. A query keeps its place until its
 *       statement has really ended, so statements that ignore their deadline cannot pile up.</li>
 *   <li><b>Redaction</b>: values of columns whose label contains a configured pattern become
 *       {@code ***}, and queries that would read such a column under another name, or compare it
 *       with a value of their choosing, are rejected.</li>
 *   <li><b>Audit</b>: every request goes to the {@link QueryAuditor}: accepted, rejected (busy
 *       included), failed, timed out, and those that ended in an {@link Error}. An Error is then
 *       rethrown if it is a {@link VirtualMachineError} ({@link OutOfMemoryError},
 *       {@link StackOverflowError}...), and turned into a {@link QueryFailedException} otherwise.</li>
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
 * <p>Thread-safe. Its threads are daemons that end when idle; {@link #close()} stops the queries
 * under way and refuses new ones.
 */
public final class ReadOnlyQueryRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReadOnlyQueryRunner.class);

    /**
     * How long a statement has to end on its cancel before its connection is aborted: long enough
     * for a database to deliver the cancel (PostgreSQL answers it within milliseconds), short
     * enough that a stuck statement holds a connection of the pool for little longer than its timeout.
     */
    static final Duration DEFAULT_CANCEL_GRACE = Duration.ofSeconds(1);

    /** Rows fetched per round trip, so that a result of wide rows is not held in the driver all at once. */
    private static final int FETCH_SIZE = 10;
    private static final String QUERY_CANCELED = "57014";
    /** Idle threads of the runner end after this long. */
    private static final long IDLE_SECONDS = 30;

    private final DataSource dataSource;
    private final QueryRunnerSettings settings;
    private final QueryAuditor auditor;
    private final boolean applicationDataSource;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final Duration cancelGrace;
    private final QueryValidator validator;
    private final @Nullable ConnectionPool pool;
    private final Semaphore places;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService deadlines;
    private final boolean ownsDeadlines;
    private final ThreadPoolExecutor cancellers;
    private final Set<Execution> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
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
        this.cancelGrace = builder.cancelGrace;
        this.validator = new QueryValidator(settings);
        this.pool = pool(dataSource);
        int threads = settings.maxConcurrentQueries();
        this.places = new Semaphore(threads);
        // The places bound the work in flight, so the queues never hold more than a handful of tasks.
        this.workers = new ThreadPoolExecutor(threads, threads, IDLE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                new DaemonThreadFactory("vigil-query"));
        this.workers.allowCoreThreadTimeOut(true);
        this.ownsDeadlines = builder.timer == null;
        this.deadlines = builder.timer != null ? builder.timer : deadlineThread();
        // Statement.cancel and Connection.abort may block (H2 closes the connection inside abort): never on the deadline thread.
        this.cancellers = new ThreadPoolExecutor(2 * threads, 2 * threads, IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), new DaemonThreadFactory("vigil-query-cancel"));
        this.cancellers.allowCoreThreadTimeOut(true);
    }

    /** One daemon thread that fires deadlines and hands the blocking work to the cancellers; it ends when idle. */
    private static ScheduledExecutorService deadlineThread() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, new DaemonThreadFactory("vigil-query-deadline"));
        timer.setRemoveOnCancelPolicy(true);
        timer.setKeepAliveTime(IDLE_SECONDS, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        return timer;
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
                result = session(null, connection -> RoleInspector.inspect(connection, applicationDataSource));
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
     * {@link QueryRunnerSettings#maxRowsCap()}). Returns or throws by {@link QueryRunnerSettings#timeout()}
     * (plus the time to check the query, and to inspect the role before the first query).
     *
     * @throws QueryRejectedException if the query, the request or the runner's role does not pass, or
     *                                the runner is {@link RejectionReason#BUSY busy}; nothing reached
     *                                the database
     * @throws QueryFailedException   if the database failed the query, it {@link QueryFailedException#timedOut()
     *                                timed out}, or it ended in an {@link Error} other than a
     *                                {@link VirtualMachineError}
     * @throws VirtualMachineError    if the query ran into one ({@link OutOfMemoryError}...), after auditing it
     */
    public QueryResult run(String who, String query, int maxRows) {
        Objects.requireNonNull(who, "who");
        Objects.requireNonNull(query, "query");
        Instant at = clock.instant();
        long started = nanoTime.getAsLong();
        try {
            if (closed) {
                throw new QueryRejectedException(RejectionReason.RUNNER_DISABLED, "the query runner is closed");
            }
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
        } catch (Error e) {
            String error = "the query failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + describe(e));
            if (e instanceof VirtualMachineError) {
                log.error("Query by {} ended in {}", who, e.toString(), e);
            }
            audit(new QueryAuditRecord(who, at, query, QueryAuditRecord.Outcome.FAILED, null, null, error, 0,
                    elapsedMillis(started)));
            if (e instanceof VirtualMachineError) {
                throw e;
            }
            throw new QueryFailedException(error, false, null, e);
        }
    }

    /**
     * Stops the queries under way (their callers are answered, their statements cancelled and their
     * connections aborted) and refuses new ones as {@link RejectionReason#RUNNER_DISABLED}.
     */
    @Override
    public void close() {
        closed = true;
        for (Execution execution : running) {
            execution.stop(new QueryFailedException("the query runner was closed while the query ran", false, null, null),
                    true);
        }
        if (ownsDeadlines) {
            deadlines.shutdownNow();
        }
        workers.shutdown();
        cancellers.shutdown();
    }

    /** Takes a place, hands the query to a worker and waits for its answer, which comes by the deadline. */
    private ResultReader.Read execute(String sql, int maxRows) {
        if (!places.tryAcquire()) {
            int max = settings.maxConcurrentQueries();
            throw new QueryRejectedException(RejectionReason.BUSY, (max == 1 ? "a query is" : max + " queries are")
                    + " already running (monitor.query.max-concurrent=" + max + "); try again when one has finished");
        }
        Execution execution = new Execution(sql, maxRows);
        boolean started = false;
        try {
            checkPoolReserve();
            running.add(execution);
            execution.start();
            started = true;
        } catch (RejectedExecutionException e) {
            throw new QueryRejectedException(RejectionReason.RUNNER_DISABLED, "the query runner is closed");
        } finally {
            if (!started) {
                running.remove(execution);
                places.release();
            }
        }
        return execution.await();
    }

    /** Refuses a query that would leave the application's own pool short of connections. */
    private void checkPoolReserve() {
        int reserve = settings.poolReserve();
        if (!applicationDataSource || pool == null || reserve == 0) {
            return;
        }
        int headroom;
        int size;
        try {
            headroom = pool.headroom();
            size = pool.maximumSize();
        } catch (RuntimeException e) {
            log.debug("Cannot read the state of pool {}", pool.name(), e);
            return;
        }
        if (headroom - 1 < reserve) {
            throw new QueryRejectedException(RejectionReason.BUSY, "the application's connection pool " + pool.name()
                    + " has " + Math.max(0, headroom) + " of " + size + " connections free, and monitor.query.pool-reserve keeps "
                    + reserve + " for the application"
                    + (size <= reserve ? " (the pool is too small to share: raise its maximum size, lower the reserve,"
                            + " or give the query runner a data source of its own)" : "; try again when it is less busy"));
        }
    }

    /**
     * Runs {@code work} on a fresh connection inside a read-only transaction that is always rolled
     * back; the connection is evicted from a HikariCP pool, or restored and closed. With an
     * {@code execution}, its statements and connection are registered so that its deadline can reach them.
     */
    private <T> T session(@Nullable Execution execution, SessionWork<T> work) throws SQLException {
        Connection connection = dataSource.getConnection();
        boolean autoCommit = true;
        boolean readOnly = false;
        try {
            if (execution != null) {
                execution.attach(connection);
            }
            autoCommit = connection.getAutoCommit();
            readOnly = connection.isReadOnly();
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            if (SqlDialect.POSTGRESQL.productName().equals(connection.getMetaData().getDatabaseProductName())) {
                beginPostgres(connection, execution);
            }
            return work.run(connection);
        } finally {
            boolean evicted = execution != null && execution.detach();
            release(connection, autoCommit, readOnly, evicted);
        }
    }

    private void beginPostgres(Connection connection, @Nullable Execution execution) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (execution != null) {
                execution.attach(statement);
            }
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

    /** The query itself, on a worker thread. */
    private ResultReader.Read query(Execution execution) throws SQLException {
        return session(execution, connection -> {
            try (Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                execution.attach(statement);
                int previousTimeout = statement.getQueryTimeout();
                statement.setEscapeProcessing(false);
                statement.setQueryTimeout(timeoutSeconds());
                statement.setMaxRows(execution.maxRows + 1);
                statement.setFetchSize(Math.min(FETCH_SIZE, execution.maxRows + 1));
                try {
                    if (!statement.execute(execution.sql)) {
                        return new ResultReader.Read(List.of(), List.of(), false);
                    }
                    try (ResultSet rows = statement.getResultSet()) {
                        return new ResultReader(execution.maxRows, settings).read(rows);
                    }
                } finally {
                    restoreTimeout(statement, previousTimeout);
                }
            }
        });
    }

    private void release(Connection connection, boolean autoCommit, boolean readOnly, boolean evictedAlready) {
        try {
            connection.rollback();
        } catch (SQLException | RuntimeException e) {
            log.debug("Cannot roll back the query runner's transaction", e);
        }
        boolean evicted = evictedAlready || pool != null && pool.evict(connection);
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

    private QueryFailedException timedOut(@Nullable SQLException cause) {
        String message = "the query timed out after " + format(settings.timeout());
        return cause == null ? new QueryFailedException(message, true, null, null)
                : new QueryFailedException(message + " (" + describe(cause) + ")", true, cause.getSQLState(), cause);
    }

    /** What the caller gets for what the worker threw. */
    private RuntimeException failure(@Nullable Throwable cause) {
        if (cause instanceof Error error) {
            throw error;
        }
        if (cause instanceof RuntimeException runtime) {
            return runtime; // the deadline's or close's QueryFailedException, or a driver's bug, audited as failed
        }
        if (cause instanceof SQLException sql) {
            return sql instanceof SQLTimeoutException || QUERY_CANCELED.equals(sql.getSQLState()) ? timedOut(sql)
                    : new QueryFailedException("the query failed: " + describe(sql), false, sql.getSQLState(), sql);
        }
        return new QueryFailedException("the query failed: " + (cause == null ? "unknown" : describe(cause)), false, null,
                cause);
    }

    private int timeoutSeconds() {
        long millis = settings.timeout().toMillis();
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, (millis + 999) / 1000));
    }

    private long elapsedMillis(long started) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(nanoTime.getAsLong() - started));
    }

    private static long nanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
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

    private static @Nullable ConnectionPool pool(DataSource dataSource) {
        try {
            return HikariPoolAccess.find(dataSource);
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

    /**
     * One query handed to a worker. Its answer is completed by whichever comes first: the worker's
     * result, or the deadline. The worker registers its connection and statements here while it
     * uses them, so that the deadline reaches exactly those and never a connection already back
     * in its pool (the lock orders the two).
     */
    private final class Execution implements Runnable {
        final String sql;
        final int maxRows;
        private final CompletableFuture<ResultReader.Read> answer = new CompletableFuture<>();
        private volatile @Nullable ScheduledFuture<?> deadline;
        // Guarded by this.
        private @Nullable Thread worker;
        private @Nullable Connection connection;
        private @Nullable Statement statement;
        private boolean stopped;
        private boolean evicted;
        private boolean ended;

        Execution(String sql, int maxRows) {
            this.sql = sql;
            this.maxRows = maxRows;
        }

        /** Sets the deadline and hands the query to a worker. */
        void start() {
            ScheduledFuture<?> timer = deadlines.schedule(() -> stop(timedOut(null), false), nanos(settings.timeout()),
                    TimeUnit.NANOSECONDS);
            deadline = timer;
            try {
                workers.execute(this);
            } catch (RejectedExecutionException e) {
                timer.cancel(false);
                throw e;
            }
        }

        @Override
        public void run() {
            boolean answeredAlready;
            synchronized (this) {
                answeredAlready = stopped; // stopped before a worker was free
                if (!answeredAlready) {
                    worker = Thread.currentThread();
                }
            }
            if (answeredAlready) {
                end();
                return;
            }
            ResultReader.Read result = null;
            Throwable failure = null;
            try {
                result = query(this);
            } catch (Throwable e) {
                failure = e;
            } finally {
                // The place is given back before the caller hears the answer, so that a caller who asks
                // again at once is never refused for the query it has just been answered for.
                end();
            }
            if (failure == null) {
                answer.complete(result);
            } else if (!answer.completeExceptionally(failure)) {
                if (failure instanceof Error) {
                    log.warn("A query that had already been answered ended in {}", failure.toString(), failure);
                } else {
                    log.debug("A query that had already been answered ended with {}", failure.toString());
                }
            }
        }

        /** Waits for the answer, which the deadline guarantees; the timed wait is only a safety net. */
        ResultReader.Read await() {
            try {
                return answer.get(saturatedAdd(nanos(settings.timeout()), 2 * nanos(cancelGrace)), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                stop(timedOut(null), false);
                try {
                    return answer.join(); // completed now, by stop or by the worker
                } catch (CompletionException failed) {
                    throw failure(failed.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                QueryFailedException interrupted = new QueryFailedException(
                        "the request was interrupted while its query ran; the query was cancelled", false, null, e);
                stop(interrupted, false);
                throw interrupted;
            } catch (ExecutionException e) {
                throw failure(e.getCause());
            }
        }

        synchronized void attach(Connection borrowed) throws SQLException {
            if (stopped) {
                throw new SQLTimeoutException("the query was stopped before it could start");
            }
            connection = borrowed;
        }

        synchronized void attach(Statement created) throws SQLException {
            if (stopped) {
                throw new SQLTimeoutException("the query was stopped before it could start");
            }
            statement = created;
        }

        /**
         * The worker is done with the connection: from now on it may go back to the pool, and nothing
         * here touches it. True if the connection was aborted and evicted already.
         */
        synchronized boolean detach() {
            connection = null;
            statement = null;
            return evicted;
        }

        /**
         * Answers the caller with {@code failure} and cancels the statement; the connection is aborted
         * now if {@code abortNow}, else after the grace period if the statement has not ended by then.
         */
        void stop(QueryFailedException failure, boolean abortNow) {
            Statement toCancel;
            synchronized (this) {
                if (ended || stopped) {
                    return;
                }
                stopped = true;
                toCancel = statement;
            }
            answer.completeExceptionally(failure);
            if (toCancel != null) {
                offload(() -> toCancel.cancel(), "cancel the statement");
            }
            if (abortNow) {
                abort(false);
            } else {
                try {
                    deadlines.schedule(() -> abort(true), nanos(cancelGrace), TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException closing) {
                    abort(false);
                }
            }
        }

        /** Aborts and evicts the connection and interrupts the thread: the statement did not end on its cancel, or the runner closes. */
        private void abort(boolean afterGrace) {
            Connection toAbort;
            String thread;
            synchronized (this) {
                if (ended) {
                    return;
                }
                toAbort = connection;
                thread = worker == null ? "a worker" : worker.getName();
                if (worker != null) {
                    worker.interrupt();
                }
            }
            if (afterGrace) {
                log.warn("A query on {} did not end within {} of being cancelled: aborting its connection", thread,
                        format(cancelGrace));
            }
            if (toAbort != null) {
                offload(() -> {
                    toAbort.abort(Runnable::run); // already on a canceller thread
                    synchronized (this) {
                        if (connection == toAbort && pool != null) {
                            evicted = pool.evict(toAbort);
                        }
                    }
                }, "abort the connection");
            }
            try {
                deadlines.schedule(this::stillRunning, nanos(cancelGrace), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException closing) {
                // closed: nobody is left to tell
            }
        }

        private void stillRunning() {
            String thread;
            synchronized (this) {
                if (ended) {
                    return;
                }
                thread = worker == null ? "a worker" : worker.getName();
            }
            log.warn("A query on {} is still running after its connection was aborted; it keeps one of the"
                    + " monitor.query.max-concurrent places until it ends", thread);
        }

        private void offload(SqlAction action, String what) {
            try {
                cancellers.execute(() -> {
                    try {
                        action.run();
                    } catch (SQLException | RuntimeException e) {
                        log.debug("Cannot {} of a stopped query", what, e);
                    }
                });
            } catch (RejectedExecutionException closed) {
                log.debug("Cannot {} of a stopped query: the runner is closed", what);
            }
        }

        /** The worker has finished with this query: its place and its thread are free again. */
        private void end() {
            synchronized (this) {
                ended = true;
                worker = null;
                connection = null;
                statement = null;
            }
            Thread.interrupted(); // an interrupt meant for this query must not reach the next one
            ScheduledFuture<?> timer = deadline;
            if (timer != null) {
                timer.cancel(false);
            }
            running.remove(this);
            places.release();
        }
    }

    @FunctionalInterface
    private interface SqlAction {
        void run() throws SQLException;
    }

    /** Builds a {@link ReadOnlyQueryRunner}. */
    public static final class Builder {
        private final DataSource dataSource;
        private QueryRunnerSettings settings = QueryRunnerSettings.ofDefaults();
        private QueryAuditor auditor = QueryAuditor.NO_OP;
        private boolean applicationDataSource;
        private Clock clock = Clock.systemUTC();
        private LongSupplier nanoTime = System::nanoTime;
        private Duration cancelGrace = DEFAULT_CANCEL_GRACE;
        private @Nullable ScheduledExecutorService timer;

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
         * role may do, instead of disabling the runner; every other defence still applies, and a
         * HikariCP pool keeps {@link QueryRunnerSettings#poolReserve()} connections for the
         * application. Also the only way to run queries on H2 as its admin user. Databases other
         * than H2 and PostgreSQL are refused either way (see {@link SqlDialect}).
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

        /** How long a cancelled statement has to end before its connection is aborted (default 1 s). */
        Builder cancelGrace(Duration cancelGrace) {
            if (cancelGrace.isNegative()) {
                throw new IllegalArgumentException("cancelGrace must not be negative, was " + cancelGrace);
            }
            this.cancelGrace = cancelGrace;
            return this;
        }

        /** Fires the deadlines instead of the runner's own thread; tasks must not block it (default: a thread of its own). */
        Builder timer(ScheduledExecutorService timer) {
            this.timer = Objects.requireNonNull(timer, "timer");
            return this;
        }

        /** Builds the runner; it inspects its role on the first query or {@link ReadOnlyQueryRunner#inspect()}. */
        public ReadOnlyQueryRunner build() {
            return new ReadOnlyQueryRunner(this);
        }
    }
}
