package dev.vigil.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.vigil.metrics.LatencyHistogram;
import dev.vigil.metrics.MetricSample;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link QueryStatistics} fed by a {@link MonitoredDataSource} over H2, timed by a {@link StepTicker}. */
class QueryStatisticsTest {

    private final StepTicker ticker = new StepTicker();
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private DataSource h2;

    @BeforeEach
    void createDatabase() throws SQLException {
        h2 = MonitoredDataSourceH2Test.h2();
        try (Connection connection = h2.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(AbstractMonitoredDataSourceTest.CREATE_ITEMS);
            statement.execute("INSERT INTO items (name, qty) VALUES ('apple', 3), ('pear', 5)");
        }
    }

    private MonitoredDataSource wrap(JdbcMonitoringSettings settings) {
        return MonitoredDataSource.wrap(h2, registry, settings, ticker);
    }

    @Test
    void preparedAndPlainStatementsWithDifferentLiteralsShareOneShape() throws SQLException {
        MonitoredDataSource dataSource = wrap(JdbcMonitoringSettings.ofDefaults());
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement statement = connection.prepareStatement("SELECT name FROM items WHERE id = ?")) {
                for (long id = 1; id <= 4; id++) {
                    statement.setLong(1, id);
                    statement.executeQuery().close();
                }
            }
            try (Statement statement = connection.createStatement()) {
                statement.executeQuery("SELECT name FROM items WHERE id = 2").close();
                statement.executeQuery("SELECT name FROM items WHERE id = 99").close();
            }
        }

        assertThat(dataSource.statistics().snapshot().statements())
                .extracting(StatementStatistics::sql, StatementStatistics::count)
                .containsExactly(tuple("SELECT name FROM items WHERE id = ?", 6L));
        assertThat(dataSource.statistics().shapeCount()).isEqualTo(1);
    }

    @Test
    void perShapeLatencyHasExactCountTotalAndMaxAndAPlausibleP95() throws SQLException {
        MonitoredDataSource dataSource = wrap(JdbcMonitoringSettings.ofDefaults());
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT qty FROM items WHERE id = ?")) {
            for (int millis = 1; millis <= 100; millis++) {
                ticker.nextDurations(Duration.ofMillis(millis));
                statement.setLong(1, millis);
                statement.executeQuery().close();
            }
        }

        StatementStatistics statistics = dataSource.statistics().snapshot().statements().get(0);
        assertThat(statistics.count()).isEqualTo(100);
        assertThat(statistics.errors()).isZero();
        assertThat(statistics.totalMs()).isEqualTo(5050.0);
        assertThat(statistics.meanMs()).isEqualTo(50.5);
        assertThat(statistics.maxMs()).isEqualTo(100.0);
        // Read from log-scale buckets: within 6.25% of the true value.
        assertThat(statistics.p95Ms()).isCloseTo(95.0, withinPercentage(6.25));
        assertThat(registry.get("db.query").tags("operation", "query", "outcome", "success").functionTimer()
                .totalTime(TimeUnit.MILLISECONDS)).isEqualTo(5050.0);
    }

    @Test
    void topSlowestIsOrderedByP95AndTheSnapshotByTotalTime() throws SQLException {
        MonitoredDataSource dataSource = wrap(JdbcMonitoringSettings.ofDefaults());
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            run(statement, "SELECT * FROM items WHERE qty > 1", Duration.ofMillis(200), 10);
            run(statement, "SELECT name FROM items", Duration.ofMillis(5), 100);
            run(statement, "SELECT COUNT(*) FROM items", Duration.ofMillis(50), 1);
        }

        assertThat(dataSource.statistics().topSlowest(2)).extracting(StatementStatistics::sql)
                .containsExactly("SELECT * FROM items WHERE qty > ?", "SELECT COUNT(*) FROM items");
        assertThat(dataSource.statistics().topSlowest()).hasSize(3);
        assertThat(dataSource.statistics().topSlowest(0)).isEmpty();
        assertThat(dataSource.statistics().snapshot().statements())
                .extracting(StatementStatistics::sql, StatementStatistics::totalMs)
                .containsExactly(
                        tuple("SELECT * FROM items WHERE qty > ?", 2000.0),
                        tuple("SELECT name FROM items", 500.0),
                        tuple("SELECT COUNT(*) FROM items", 50.0));
    }

    @Test
    void topSlowestWithoutACountListsTheConfiguredNumber() throws SQLException {
        MonitoredDataSource dataSource = wrap(JdbcMonitoringSettings.builder().topSlowest(1).build());
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            run(statement, "SELECT 1", Duration.ofMillis(1), 1);
            run(statement, "SELECT 2 FROM items", Duration.ofMillis(9), 1);
        }

        assertThat(dataSource.statistics().topSlowest()).extracting(StatementStatistics::sql)
                .containsExactly("SELECT ? FROM items");
    }

    @Test
    void shapesBeyondTheCapAreCountedTogetherAsOther() throws SQLException {
        MonitoredDataSource dataSource = wrap(JdbcMonitoringSettings.builder().maxStatementShapes(2).build());
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            run(statement, "SELECT id FROM items", Duration.ofMillis(1), 3);
            run(statement, "SELECT name FROM items", Duration.ofMillis(1), 1);
            run(statement, "SELECT qty FROM items", Duration.ofMillis(1), 2);
            run(statement, "SELECT id, qty FROM items", Duration.ofMillis(1), 4);
        }

        QueryStatistics statistics = dataSource.statistics();
        assertThat(statistics.shapeCount()).isEqualTo(2);
        assertThat(statistics.snapshot().statements())
                .extracting(StatementStatistics::sql, StatementStatistics::count)
                .containsExactlyInAnyOrder(
                        tuple("SELECT id FROM items", 3L),
                        tuple("SELECT name FROM items", 1L),
                        tuple(QueryStatistics.OTHER, 6L));
        assertThat(statistics.snapshot().queries()).isEqualTo(10);
    }

    @Test
    void statementsPreparedButNeverExecutedAreNotListed() throws SQLException {
        MonitoredDataSource dataSource = wrap(JdbcMonitoringSettings.ofDefaults());
        try (Connection connection = dataSource.getConnection()) {
            connection.prepareStatement("SELECT name FROM items").close();
        }

        assertThat(dataSource.statistics().snapshot().statements()).isEmpty();
        assertThat(dataSource.statistics().topSlowest()).isEmpty();
    }

    @Test
    void snapshotHasOverallTotalsAndCannotBeModified() throws SQLException {
        MonitoredDataSource dataSource = wrap(JdbcMonitoringSettings.ofDefaults());
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            run(statement, "SELECT id FROM items", Duration.ofMillis(10), 3);
            run(statement, "SELECT name FROM items", Duration.ofMillis(40), 1);
            ticker.nextDurations(Duration.ofMillis(2));
            catchThrowable(() -> statement.execute("SELECT missing FROM items"));
        }

        QueryStatisticsSnapshot snapshot = dataSource.statistics().snapshot();
        assertThat(snapshot.queries()).isEqualTo(5);
        assertThat(snapshot.errors()).isEqualTo(1);
        assertThat(snapshot.slow()).isZero();
        assertThat(snapshot.totalMs()).isEqualTo(72.0);
        assertThat(snapshot.maxMs()).isEqualTo(40.0);
        assertThat(snapshot.p50Ms()).isCloseTo(10.0, withinPercentage(6.25));
        assertThat(snapshot.p99Ms()).isCloseTo(40.0, withinPercentage(6.25));
        // getConnection() was measured with the 1 ms default of the ticker.
        assertThat(snapshot.connectionAcquisitions()).isEqualTo(1);
        assertThat(snapshot.connectionAcquireP95Ms()).isCloseTo(1.0, withinPercentage(6.25));
        assertThatThrownBy(() -> snapshot.statements().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void overallTotalsAndPercentilesAreThoseOfAllShapesTogether() throws SQLException {
        MonitoredDataSource dataSource = wrap(JdbcMonitoringSettings.builder()
                .slowQueryThreshold(Duration.ofMillis(100)).maxStatementShapes(2).build());
        String[] sql = {"SELECT id FROM items", "SELECT name FROM items", "SELECT qty FROM items"};
        LatencyHistogram everyExecution = new LatencyHistogram();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (int i = 0; i < 60; i++) {
                Duration duration = Duration.ofMillis(1 + i * i % 173);
                run(statement, sql[i % sql.length], duration, 1);
                everyExecution.record(duration.toNanos());
            }
            ticker.nextDurations(Duration.ofMillis(3));
            catchThrowable(() -> statement.execute("SELECT missing FROM items"));
            everyExecution.record(Duration.ofMillis(3).toNanos());
        }

        QueryStatisticsSnapshot snapshot = dataSource.statistics().snapshot();
        List<StatementStatistics> shapes = snapshot.statements();
        assertThat(shapes).extracting(StatementStatistics::sql)
                .containsExactlyInAnyOrder(sql[0], sql[1], QueryStatistics.OTHER);
        assertThat(snapshot.queries()).isEqualTo(shapes.stream().mapToLong(StatementStatistics::count).sum())
                .isEqualTo(61);
        assertThat(snapshot.errors()).isEqualTo(shapes.stream().mapToLong(StatementStatistics::errors).sum())
                .isEqualTo(1);
        assertThat(snapshot.slow()).isEqualTo(shapes.stream().mapToLong(StatementStatistics::slow).sum())
                .isPositive();
        assertThat(snapshot.totalMs()).isEqualTo(shapes.stream().mapToDouble(StatementStatistics::totalMs).sum());
        assertThat(snapshot.maxMs()).isEqualTo(shapes.stream().mapToDouble(StatementStatistics::maxMs).max().orElseThrow());
        LatencyHistogram.Snapshot expected = everyExecution.snapshot();
        assertThat(snapshot.meanMs()).isEqualTo(QueryStatistics.round(expected.meanMillis()));
        assertThat(snapshot.p50Ms()).isEqualTo(QueryStatistics.round(expected.percentileMillis(0.50)));
        assertThat(snapshot.p95Ms()).isEqualTo(QueryStatistics.round(expected.percentileMillis(0.95)));
        assertThat(snapshot.p99Ms()).isEqualTo(QueryStatistics.round(expected.percentileMillis(0.99)));
        assertThat(values(dataSource.statistics().collect()))
                .containsEntry("db.queries", 61.0)
                .containsEntry("db.query.errors", 1.0)
                .containsEntry("db.query.slow", (double) snapshot.slow())
                .containsEntry("db.query.latency.p50", snapshot.p50Ms())
                .containsEntry("db.query.latency.p95", snapshot.p95Ms())
                .containsEntry("db.query.latency.p99", snapshot.p99Ms());
    }

    @Test
    void dbQueryCountsAndTimesEveryExecutionByOperationAndOutcome() throws SQLException {
        MonitoredDataSource dataSource = wrap(JdbcMonitoringSettings.ofDefaults());
        try (Connection connection = dataSource.getConnection()) {
            try (Statement statement = connection.createStatement()) {
                run(statement, "SELECT name FROM items", Duration.ofMillis(10), 3);
                ticker.nextDurations(Duration.ofMillis(20));
                statement.executeQuery("SELECT 1").close();
                ticker.nextDurations(Duration.ofMillis(5));
                catchThrowable(() -> statement.executeUpdate("UPDATE missing SET qty = 1"));
            }
            try (PreparedStatement statement = connection.prepareStatement("INSERT INTO items (name, qty) VALUES (?, ?)")) {
                ticker.nextDurations(Duration.ofMillis(7));
                statement.setString(1, "fig");
                statement.setInt(2, 1);
                statement.executeUpdate();
                statement.addBatch();
                statement.addBatch();
                statement.executeBatch();
            }
        }

        List<FunctionTimer> timers = List.copyOf(registry.get("db.query").functionTimers());
        assertThat(timers).hasSize(8).filteredOn(timer -> timer.count() > 0)
                .extracting(timer -> timer.getId().getTag("operation"), timer -> timer.getId().getTag("outcome"),
                        FunctionTimer::count, timer -> timer.totalTime(TimeUnit.MILLISECONDS))
                .containsExactlyInAnyOrder(
                        tuple("execute", "success", 3.0, 30.0),
                        tuple("query", "success", 1.0, 20.0),
                        tuple("update", "error", 1.0, 5.0),
                        tuple("update", "success", 1.0, 7.0),
                        tuple("batch", "success", 1.0, 7.0));
        QueryStatisticsSnapshot snapshot = dataSource.statistics().snapshot();
        assertThat(timers.stream().mapToDouble(FunctionTimer::count).sum()).isEqualTo(snapshot.queries());
        assertThat(timers.stream().mapToDouble(timer -> timer.totalTime(TimeUnit.MILLISECONDS)).sum())
                .isEqualTo(snapshot.totalMs());
    }

    @Test
    void dataSourcesOfOneRegistryAddUpInDbQueryAndKeepTheirOwnStatistics() throws SQLException {
        MonitoredDataSource first = wrap(JdbcMonitoringSettings.ofDefaults());
        MonitoredDataSource second = wrap(JdbcMonitoringSettings.ofDefaults());
        try (Connection one = first.getConnection(); Statement statement = one.createStatement()) {
            run(statement, "SELECT id FROM items", Duration.ofMillis(4), 2);
        }
        try (Connection other = second.getConnection(); Statement statement = other.createStatement()) {
            run(statement, "SELECT id FROM items", Duration.ofMillis(4), 3);
        }

        FunctionTimer executions = registry.get("db.query").tags("operation", "execute", "outcome", "success")
                .functionTimer();
        assertThat(executions.count()).isEqualTo(5);
        assertThat(executions.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(20);
        assertThat(first.statistics().snapshot().queries()).isEqualTo(2);
        assertThat(second.statistics().snapshot().queries()).isEqualTo(3);
    }

    @Test
    void dbQueryOutlivesTheDataSourcesThatRecordedIntoIt() throws SQLException {
        runOnceAndForgetTheDataSource();
        System.gc();

        assertThat(registry.get("db.query").tags("operation", "execute", "outcome", "success").functionTimer()
                .count()).isEqualTo(1);
    }

    private void runOnceAndForgetTheDataSource() throws SQLException {
        try (Connection connection = wrap(JdbcMonitoringSettings.ofDefaults()).getConnection();
                Statement statement = connection.createStatement()) {
            run(statement, "SELECT id FROM items", Duration.ofMillis(1), 1);
        }
    }

    @Test
    void collectEmitsTotalsOfTheIntervalSinceThePreviousCollect() throws SQLException {
        MonitoredDataSource dataSource = wrap(JdbcMonitoringSettings.builder()
                .slowQueryThreshold(Duration.ofMillis(100)).build());
        QueryStatistics statistics = dataSource.statistics();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            run(statement, "SELECT id FROM items", Duration.ofMillis(10), 19);
            run(statement, "SELECT name FROM items", Duration.ofMillis(500), 1);

            Map<String, Double> first = values(statistics.collect());
            assertThat(first).containsEntry("db.queries", 20.0)
                    .containsEntry("db.query.errors", 0.0)
                    .containsEntry("db.query.slow", 1.0)
                    .containsKeys("db.query.latency.p50", "db.query.latency.p95", "db.query.latency.p99",
                            "db.connection.acquire.p95");
            assertThat(first.get("db.query.latency.p50")).isCloseTo(10.0, withinPercentage(6.25));
            assertThat(first.get("db.query.latency.p99")).isCloseTo(500.0, withinPercentage(6.25));

            run(statement, "SELECT name FROM items", Duration.ofMillis(30), 2);
            ticker.nextDurations(Duration.ofMillis(30));
            catchThrowable(() -> statement.executeQuery("SELECT missing FROM items"));

            Map<String, Double> second = values(statistics.collect());
            assertThat(second).containsEntry("db.queries", 3.0)
                    .containsEntry("db.query.errors", 1.0)
                    .containsEntry("db.query.slow", 0.0)
                    .doesNotContainKey("db.connection.acquire.p95");
            assertThat(second.get("db.query.latency.p95")).isCloseTo(30.0, withinPercentage(6.25));
        }
    }

    @Test
    void collectOfAQuietIntervalEmitsZeroCountsAndNoLatency() throws SQLException {
        QueryStatistics statistics = wrap(JdbcMonitoringSettings.ofDefaults()).statistics();

        assertThat(statistics.collect()).extracting(MetricSample::name, MetricSample::value)
                .containsExactly(tuple("db.queries", 0.0), tuple("db.query.errors", 0.0), tuple("db.query.slow", 0.0));
    }

    @Test
    void slowStatementsAreCountedEveryTimeButLoggedOncePerShape() throws SQLException {
        MonitoredDataSource dataSource = wrap(JdbcMonitoringSettings.ofDefaults());
        String log;
        try (StderrCapture stderr = StderrCapture.start();
                Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            run(statement, "SELECT name FROM items WHERE name = 'first-secret'", Duration.ofSeconds(2), 1);
            run(statement, "SELECT name FROM items WHERE name = 'second-secret'", Duration.ofSeconds(3), 1);
            run(statement, "SELECT qty FROM items", Duration.ofMillis(1500), 1);
            run(statement, "SELECT id FROM items", Duration.ofMillis(1000), 1); // at the threshold: not slow
            log = stderr.text();
        }

        assertThat(registry.get("db.query.slow").counter().count()).isEqualTo(3.0);
        assertThat(StderrCapture.linesContaining(log, "Slow statement"))
                .hasSize(2)
                .anySatisfy(line -> assertThat(line).contains("took 2000 ms (threshold 1000 ms)")
                        .endsWith("SELECT name FROM items WHERE name = ?"))
                .anySatisfy(line -> assertThat(line).contains("took 1500 ms").endsWith("SELECT qty FROM items"))
                .allSatisfy(line -> assertThat(line).contains("WARN").doesNotContain("secret"));
        assertThat(dataSource.statistics().snapshot().statements())
                .extracting(StatementStatistics::sql, StatementStatistics::slow)
                .contains(tuple("SELECT name FROM items WHERE name = ?", 2L), tuple("SELECT id FROM items", 0L));
    }

    @Test
    void executionsFromManyThreadsAreAllCounted() throws Exception {
        MonitoredDataSource dataSource = MonitoredDataSource.wrap(h2, registry);
        int threads = 4;
        int perThread = 250;
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(executor.submit(() -> {
                    try (Connection connection = dataSource.getConnection();
                            PreparedStatement statement = connection.prepareStatement("SELECT qty FROM items WHERE id = ?")) {
                        for (int i = 0; i < perThread; i++) {
                            statement.setLong(1, i % 2 + 1);
                            statement.executeQuery().close();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> each : done) {
                each.get(30, TimeUnit.SECONDS);
            }
        } finally {
            executor.shutdownNow();
        }

        assertThat(dataSource.statistics().snapshot().statements()).singleElement()
                .satisfies(s -> assertThat(s.count()).isEqualTo(threads * perThread));
        assertThat(registry.get("db.query").tags("operation", "query", "outcome", "success").functionTimer().count())
                .isEqualTo(threads * perThread);
        assertThat(values(dataSource.statistics().collect())).containsEntry("db.queries", (double) threads * perThread);
    }

    private void run(Statement statement, String sql, Duration duration, int times) throws SQLException {
        ticker.nextDurations(duration);
        for (int i = 0; i < times; i++) {
            statement.execute(sql);
        }
    }

    private static Map<String, Double> values(List<MetricSample> samples) {
        return samples.stream().collect(Collectors.toMap(MetricSample::name, MetricSample::value));
    }
}
