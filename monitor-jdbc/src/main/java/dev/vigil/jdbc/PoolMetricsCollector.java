package dev.vigil.jdbc;

import dev.vigil.metrics.MetricCollector;
import dev.vigil.metrics.MetricSample;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emits the state of the connection pool behind a {@link DataSource} each collection interval:
 * {@code db.pool.active}, {@code db.pool.idle}, {@code db.pool.total}, {@code db.pool.max},
 * {@code db.pool.pending} (threads waiting for a connection) and {@code db.pool.usage}
 * (active / max, 0..1).
 *
 * <p>Supports HikariCP (the data source is, or unwraps to, a {@code HikariDataSource}); HikariCP is
 * an optional dependency and is only touched when it is there. For any other data source, and for a
 * Hikari pool that has not started yet, it emits nothing. Hikari's own Micrometer metrics tracker is
 * separate and left to the host (or the Spring Boot starter) to install.
 */
public final class PoolMetricsCollector implements MetricCollector {

    private static final Logger log = LoggerFactory.getLogger(PoolMetricsCollector.class);

    private final String pool;
    private final @Nullable Supplier<List<MetricSample>> reader;

    private PoolMetricsCollector(String pool, @Nullable Supplier<List<MetricSample>> reader) {
        this.pool = pool;
        this.reader = reader;
    }

    /** A collector for the pool behind {@code dataSource}; one that emits nothing if the pool is not supported. */
    public static PoolMetricsCollector of(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        Supplier<List<MetricSample>> hikari = hikari(dataSource);
        return hikari != null ? new PoolMetricsCollector("HikariCP", hikari) : new PoolMetricsCollector("none", null);
    }

    private static @Nullable Supplier<List<MetricSample>> hikari(DataSource dataSource) {
        try {
            return HikariPoolReader.find(dataSource);
        } catch (LinkageError absent) {
            return null; // HikariCP is not on the class path
        } catch (Exception e) {
            log.debug("Cannot tell whether {} is a HikariCP pool", dataSource, e);
            return null;
        }
    }

    /** True when the data source's pool is one this collector can read. */
    public boolean isSupported() {
        return reader != null;
    }

    /** The pool's current connection counts; empty for an unsupported or not yet started pool. */
    @Override
    public List<MetricSample> collect() {
        Supplier<List<MetricSample>> current = reader;
        return current == null ? List.of() : current.get();
    }

    @Override
    public String toString() {
        return "PoolMetricsCollector[" + pool + "]";
    }
}
