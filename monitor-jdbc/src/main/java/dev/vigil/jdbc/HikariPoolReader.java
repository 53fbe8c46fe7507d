package dev.vigil.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.vigil.metrics.MetricSample;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Reads a HikariCP pool. The only class that refers to HikariCP types; it is loaded only when
 * {@link PoolMetricsCollector} asks, which fails with a {@link LinkageError} when HikariCP is absent.
 */
final class HikariPoolReader implements Supplier<List<MetricSample>> {

    private final HikariDataSource hikari;

    private HikariPoolReader(HikariDataSource hikari) {
        this.hikari = hikari;
    }

    /** A reader of {@code dataSource}'s Hikari pool, or null if it is not (and does not wrap) one. */
    static @Nullable Supplier<List<MetricSample>> find(DataSource dataSource) throws SQLException {
        if (dataSource instanceof MonitoredDataSource monitored) {
            return find(monitored.target());
        }
        if (dataSource instanceof HikariDataSource hikari) {
            return new HikariPoolReader(hikari);
        }
        if (dataSource.isWrapperFor(HikariDataSource.class)) {
            return new HikariPoolReader(dataSource.unwrap(HikariDataSource.class));
        }
        return null;
    }

    @Override
    public List<MetricSample> get() {
        HikariPoolMXBean pool = hikari.getHikariPoolMXBean();
        if (pool == null || hikari.isClosed()) {
            return List.of(); // not started yet (lazy pools start on the first getConnection) or closed
        }
        int active = pool.getActiveConnections();
        int max = hikari.getHikariConfigMXBean().getMaximumPoolSize();
        return List.of(
                MetricSample.of("db.pool.active", active),
                MetricSample.of("db.pool.idle", pool.getIdleConnections()),
                MetricSample.of("db.pool.total", pool.getTotalConnections()),
                MetricSample.of("db.pool.max", max),
                MetricSample.of("db.pool.pending", pool.getThreadsAwaitingConnection()),
                MetricSample.of("db.pool.usage", max > 0 ? Math.min(1.0, (double) active / max) : 0.0));
    }
}
