package dev.vigil.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.vigil.metrics.MetricSample;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link PoolMetricsCollector} reading a real HikariCP pool over H2. */
class PoolMetricsCollectorTest {

    private HikariDataSource pool;

    @AfterEach
    void closePool() {
        if (pool != null) {
            pool.close();
        }
    }

    private HikariDataSource startPool(int maxPoolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(MonitoredDataSourceH2Test.h2().getURL());
        config.setUsername("sa");
        config.setMaximumPoolSize(maxPoolSize);
        config.setMinimumIdle(0);
        pool = new HikariDataSource(config);
        return pool;
    }

    @Test
    void hikariPoolReportsConnectionsInUseAgainstItsMaximum() throws SQLException {
        PoolMetricsCollector collector = PoolMetricsCollector.of(startPool(4));

        try (Connection first = pool.getConnection(); Connection second = pool.getConnection()) {
            assertThat(first.isValid(1) && second.isValid(1)).isTrue();
            Map<String, Double> values = values(collector.collect());

            assertThat(collector.isSupported()).isTrue();
            assertThat(values).containsEntry("db.pool.active", 2.0)
                    .containsEntry("db.pool.max", 4.0)
                    .containsEntry("db.pool.usage", 0.5)
                    .containsEntry("db.pool.pending", 0.0)
                    .containsKeys("db.pool.idle", "db.pool.total");
            // The pool may have opened a spare connection in the background.
            assertThat(values.get("db.pool.total")).isBetween(2.0, 4.0);
            assertThat(values.get("db.pool.idle")).isBetween(0.0, 2.0);
        }

        assertThat(values(collector.collect())).containsEntry("db.pool.active", 0.0).containsEntry("db.pool.usage", 0.0);
    }

    @Test
    void hikariPoolBehindAMonitoredDataSourceIsFound() throws SQLException {
        MonitoredDataSource monitored = MonitoredDataSource.wrap(startPool(2), new SimpleMeterRegistry());
        PoolMetricsCollector collector = PoolMetricsCollector.of(monitored);

        try (Connection connection = monitored.getConnection()) {
            assertThat(connection.isValid(1)).isTrue();
            assertThat(values(collector.collect())).containsEntry("db.pool.active", 1.0).containsEntry("db.pool.usage", 0.5);
        }
    }

    @Test
    void poolThatHasNotStartedYetEmitsNothing() {
        HikariDataSource lazy = new HikariDataSource();
        lazy.setJdbcUrl(MonitoredDataSourceH2Test.h2().getURL());
        pool = lazy;

        PoolMetricsCollector collector = PoolMetricsCollector.of(lazy);

        assertThat(collector.isSupported()).isTrue();
        assertThat(collector.collect()).isEmpty();
    }

    @Test
    void closedPoolEmitsNothing() {
        PoolMetricsCollector collector = PoolMetricsCollector.of(startPool(2));
        pool.close();

        assertThat(collector.collect()).isEmpty();
    }

    @Test
    void dataSourceWithoutASupportedPoolEmitsNothing() {
        PoolMetricsCollector collector = PoolMetricsCollector.of(MonitoredDataSourceH2Test.h2());

        assertThat(collector.isSupported()).isFalse();
        assertThat(collector.collect()).isEmpty();
    }

    private static Map<String, Double> values(List<MetricSample> samples) {
        return samples.stream().collect(Collectors.toMap(MetricSample::name, MetricSample::value));
    }
}
