package dev.vigil.jdbc.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The deadline, the concurrency cap, the pool reserve and the handling of Errors, with real threads
 * on an in-memory H2 behind a HikariCP pool (the application's own). Statements that ignore their
 * cancel come from {@link HangingDataSource}; deadlines pass when the test fires them
 * ({@link ManualTimer}), so nothing depends on the machine's speed. Waits on other threads are on
 * conditions with a generous deadline.
 */
class ReadOnlyQueryRunnerLimitsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String STUCK = "SELECT 1 AS stuck";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private final List<QueryAuditRecord> records = new CopyOnWriteArrayList<>();
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final ManualTimer timer = new ManualTimer();

    @AfterEach
    void stop() throws Exception {
        callers.shutdownNow();
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
    }

    private HikariDataSource pool(int size) {
        HikariConfig config = new HikariConfig();
        // The database lives as long as a connection of the pool does: the pool keeps 'size' open until closed.
        config.setJdbcUrl("jdbc:h2:mem:vigil_query_limits_" + DATABASES.incrementAndGet());
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(size);
        config.setConnectionTimeout(DEADLINE.toMillis());
        config.setPoolName("application");
        HikariDataSource pool = new HikariDataSource(config);
        cleanup.add(pool);
        return pool;
    }

    private ReadOnlyQueryRunner runner(HangingDataSource dataSource, QueryRunnerSettings settings) {
        ReadOnlyQueryRunner runner = ReadOnlyQueryRunner.builder(dataSource).applicationDataSource(true).settings(settings)
                .auditor(records::add).timer(timer).cancelGrace(Duration.ofSeconds(1)).build();
        cleanup.add(dataSource::release);
        cleanup.add(runner);
        return runner;
    }

    /** Settings whose own timeout never passes during a test: only the test fires the deadline. */
    private static QueryRunnerSettings.Builder settings() {
        return QueryRunnerSettings.builder().timeout(Duration.ofMinutes(10)).maxConcurrentQueries(1);
    }

    private Future<Throwable> runInBackground(ReadOnlyQueryRunner runner, String who, String sql) {
        return callers.submit(() -> catchThrowable(() -> runner.run(who, sql)));
    }

    private static void awaitUntil(String what, Callable<Boolean> condition) {
        await(what).atMost(DEADLINE).pollInterval(Duration.ofMillis(10)).until(condition);
    }

    private static Throwable answer(Future<Throwable> call) throws Exception {
        return call.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void callerIsAnsweredAtTheDeadlineThenTheStatementIsCancelledAbortedEvictedAndInterrupted() throws Exception {
        HikariDataSource pool = pool(4);
        HangingDataSource hanging = new HangingDataSource(pool, true);
        ReadOnlyQueryRunner runner = runner(hanging, settings().build());

        Future<Throwable> call = runInBackground(runner, "alice", STUCK);
        awaitUntil("the statement hangs", () -> hanging.hanging() == 1);
        assertThat(hanging.threads()).singleElement().satisfies(thread -> {
            assertThat(thread.getName()).startsWith("vigil-query-");
            assertThat(thread.isDaemon()).isTrue();
        });
        assertThat(call).isNotDone();

        assertThat(timer.fireNext()).isEqualTo(Duration.ofMinutes(10));

        assertThat(answer(call)).isInstanceOfSatisfying(QueryFailedException.class, e -> {
            assertThat(e.timedOut()).isTrue();
            assertThat(e.getMessage()).isEqualTo("the query timed out after 600 s");
        });
        awaitUntil("the statement was cancelled", () -> hanging.cancels() == 1);
        assertThat(hanging.hanging()).as("the statement ignores its cancel").isEqualTo(1);
        assertThat(hanging.aborts()).isZero();
        assertThat(catchThrowable(() -> runner.run("bob", "SELECT 1 AS one")))
                .as("the hanging statement keeps its place").isInstanceOfSatisfying(QueryRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.BUSY));

        assertThat(timer.fireNext()).as("the grace period").isEqualTo(Duration.ofSeconds(1));

        awaitUntil("the statement ended on its connection's abort", () -> hanging.hanging() == 0);
        assertThat(hanging.aborts()).isEqualTo(1);
        assertThat(hanging.interrupted()).isEqualTo(1);
        awaitUntil("the place is free again", () -> catchThrowable(() -> runner.run("carol", "SELECT 1 AS one")) == null);
        assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
        assertThat(records).extracting(QueryAuditRecord::who).startsWith("alice", "bob").endsWith("carol");
        assertThat(records.get(0)).satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(QueryAuditRecord.Outcome.FAILED);
            assertThat(r.error()).isEqualTo("the query timed out after 600 s");
        });
        assertThat(records.get(1).rejection()).isEqualTo(RejectionReason.BUSY);
        assertThat(records.get(records.size() - 1).outcome()).isEqualTo(QueryAuditRecord.Outcome.ACCEPTED);
    }

    @Test
    void statementThatOutlivesItsAbortKeepsItsPlaceButNotItsConnection() throws Exception {
        HikariDataSource pool = pool(4);
        HangingDataSource hanging = new HangingDataSource(pool, false);
        ReadOnlyQueryRunner runner = runner(hanging, settings().build());

        Future<Throwable> call = runInBackground(runner, "alice", STUCK);
        awaitUntil("the statement hangs", () -> hanging.hanging() == 1);
        assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isEqualTo(1);
        timer.fireNext(); // the deadline
        assertThat(answer(call)).isInstanceOfSatisfying(QueryFailedException.class, e -> assertThat(e.timedOut()).isTrue());
        timer.fireNext(); // the grace period

        awaitUntil("the connection was aborted and evicted", () -> hanging.aborts() == 1
                && pool.getHikariPoolMXBean().getActiveConnections() == 0);
        assertThat(hanging.hanging()).as("the statement still hangs").isEqualTo(1);
        List<Connection> all = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                all.add(pool.getConnection());
            }
            assertThat(all).allSatisfy(connection -> assertThat(connection.isValid(10)).isTrue());
        } finally {
            for (Connection connection : all) {
                connection.close();
            }
        }
        assertThat(catchThrowable(() -> runner.run("bob", "SELECT 1 AS one")))
                .isInstanceOfSatisfying(QueryRejectedException.class, e -> assertThat(e.reason()).isEqualTo(RejectionReason.BUSY));

        hanging.release();

        awaitUntil("the statement ended", () -> hanging.hanging() == 0);
        assertThat(hanging.interrupted()).as("its thread was interrupted, in vain").isEqualTo(1);
        awaitUntil("the place is free again once the statement ended",
                () -> catchThrowable(() -> runner.run("carol", "SELECT 1 AS one")) == null);
    }

    @Test
    void interruptedCallerStopsItsQuery() throws Exception {
        HangingDataSource hanging = new HangingDataSource(pool(4), true);
        ReadOnlyQueryRunner runner = runner(hanging, settings().build());
        List<Throwable> outcome = new CopyOnWriteArrayList<>();
        Thread caller = new Thread(() -> outcome.add(catchThrowable(() -> runner.run("alice", STUCK))));
        caller.start();
        awaitUntil("the statement hangs", () -> hanging.hanging() == 1);

        caller.interrupt();

        caller.join(DEADLINE.toMillis());
        assertThat(outcome).singleElement().isInstanceOfSatisfying(QueryFailedException.class, e -> {
            assertThat(e.timedOut()).isFalse();
            assertThat(e.getMessage()).isEqualTo("the request was interrupted while its query ran; the query was cancelled");
        });
        awaitUntil("the statement was cancelled", () -> hanging.cancels() == 1);
        timer.fireNext(); // the deadline: already answered, nothing to do
        timer.fireNext(); // the grace period
        awaitUntil("the statement ended on its connection's abort", () -> hanging.hanging() == 0);
    }

    @Test
    void closeAnswersQueriesUnderWayAndRefusesNewOnes() throws Exception {
        HangingDataSource hanging = new HangingDataSource(pool(4), true);
        ReadOnlyQueryRunner runner = runner(hanging, settings().build());
        Future<Throwable> call = runInBackground(runner, "alice", STUCK);
        awaitUntil("the statement hangs", () -> hanging.hanging() == 1);

        runner.close();

        assertThat(answer(call)).isInstanceOf(QueryFailedException.class)
                .hasMessage("the query runner was closed while the query ran");
        awaitUntil("the statement ended on its connection's abort", () -> hanging.hanging() == 0);
        assertThat(hanging.aborts()).isEqualTo(1);
        assertThat(catchThrowable(() -> runner.run("bob", "SELECT 1 AS one")))
                .isInstanceOfSatisfying(QueryRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.RUNNER_DISABLED))
                .hasMessage("the query runner is closed");
    }

    @Test
    void concurrencyCapRefusesAtOnceAndCountsEveryRunningQuery() throws Exception {
        HangingDataSource hanging = new HangingDataSource(pool(8), true);
        ReadOnlyQueryRunner runner = runner(hanging, settings().maxConcurrentQueries(2).poolReserve(0).build());
        List<Future<Throwable>> calls = List.of(runInBackground(runner, "alice", STUCK), runInBackground(runner, "bob", STUCK));
        awaitUntil("both statements hang", () -> hanging.hanging() == 2);

        Throwable third = catchThrowable(() -> runner.run("carol", "SELECT 1 AS one"));

        assertThat(third).isInstanceOfSatisfying(QueryRejectedException.class, e -> {
            assertThat(e.reason()).isEqualTo(RejectionReason.BUSY);
            assertThat(e.getMessage()).isEqualTo("2 queries are already running (monitor.query.max-concurrent=2);"
                    + " try again when one has finished");
        });
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.who()).isEqualTo("carol");
            assertThat(r.outcome()).isEqualTo(QueryAuditRecord.Outcome.REJECTED);
            assertThat(r.rejection()).isEqualTo(RejectionReason.BUSY);
        });
        hanging.release();
        for (Future<Throwable> call : calls) {
            assertThat(answer(call)).isNull();
        }
        assertThat(runner.run("carol", "SELECT 1 AS one").rows()).containsExactly(List.of(1));
    }

    @Test
    void errorsAreAuditedVirtualMachineErrorsRethrownOthersTurnedIntoFailures() {
        HangingDataSource misbehaving = new HangingDataSource(pool(4), true);
        ReadOnlyQueryRunner runner = runner(misbehaving, settings().build());

        Throwable oom = catchThrowable(() -> runner.run("alice", "SELECT 1 AS raise_oom"));
        Throwable overflow = catchThrowable(() -> runner.run("bob", "SELECT 1 AS raise_overflow"));
        Throwable linkage = catchThrowable(() -> runner.run("carol", "SELECT 1 AS raise_linkage"));

        assertThat(oom).isInstanceOf(OutOfMemoryError.class).hasMessage("Java heap space");
        assertThat(overflow).isInstanceOf(StackOverflowError.class);
        assertThat(linkage).isInstanceOfSatisfying(QueryFailedException.class, e -> assertThat(e.timedOut()).isFalse())
                .hasMessage("the query failed: NoClassDefFoundError: com/example/MissingDriverClass")
                .hasCauseInstanceOf(NoClassDefFoundError.class);
        assertThat(records).extracting(QueryAuditRecord::outcome).containsOnly(QueryAuditRecord.Outcome.FAILED);
        assertThat(records).extracting(QueryAuditRecord::error).containsExactly(
                "the query failed: OutOfMemoryError: Java heap space",
                "the query failed: StackOverflowError",
                "the query failed: NoClassDefFoundError: com/example/MissingDriverClass");
        assertThat(runner.run("dave", "SELECT 1 AS one").rows()).as("every place was given back").containsExactly(List.of(1));
    }

    @Test
    void poolReserveKeepsConnectionsForTheApplication() throws Exception {
        HikariDataSource pool = pool(4);
        ReadOnlyQueryRunner runner = runner(new HangingDataSource(pool, true), settings().maxConcurrentQueries(4).build());
        List<Connection> held = new ArrayList<>();
        try {
            held.add(pool.getConnection());
            assertThat(runner.run("alice", "SELECT 1 AS one").rows()).as("1 in use, 3 free: 2 are left").hasSize(1);
            held.add(pool.getConnection());

            Throwable busy = catchThrowable(() -> runner.run("bob", "SELECT 1 AS one"));

            assertThat(busy).isInstanceOfSatisfying(QueryRejectedException.class, e -> {
                assertThat(e.reason()).isEqualTo(RejectionReason.BUSY);
                assertThat(e.getMessage()).isEqualTo("the application's connection pool application has 2 of 4 connections"
                        + " free, and monitor.query.pool-reserve keeps 2 for the application; try again when it is less busy");
            });
            assertThat(records).last().satisfies(r -> assertThat(r.rejection()).isEqualTo(RejectionReason.BUSY));
            ReadOnlyQueryRunner dedicated = ReadOnlyQueryRunner.builder(pool).settings(settings().build()).build();
            cleanup.add(dedicated);
            assertThat(dedicated.inspect().enabled()).as("H2's admin is refused on a data source not the application's")
                    .isFalse();
            ReadOnlyQueryRunner noReserve = ReadOnlyQueryRunner.builder(pool).applicationDataSource(true)
                    .settings(settings().poolReserve(0).build()).build();
            cleanup.add(noReserve);
            assertThat(noReserve.run("bob", "SELECT 1 AS one").rows()).hasSize(1);
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
    }

    @Test
    void poolTooSmallToShareIsSaidSo() {
        ReadOnlyQueryRunner runner = runner(new HangingDataSource(pool(2), true), settings().build());

        assertThat(catchThrowable(() -> runner.run("alice", "SELECT 1 AS one")))
                .isInstanceOf(QueryRejectedException.class)
                .hasMessage("the application's connection pool application has 2 of 2 connections free, and"
                        + " monitor.query.pool-reserve keeps 2 for the application (the pool is too small to share: raise"
                        + " its maximum size, lower the reserve, or give the query runner a data source of its own)");
    }
}
