package dev.vigil.spring.boot;

import javax.sql.DataSource;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The store's own HikariCP pool, from {@code monitor.store.datasource.*}: kept apart from the application's
 * connections and closed on shutdown, after the store. Not a {@code DataSource} bean, so the application's
 * DataSource auto-configuration, its database check and statement statistics never see it.
 */
public final class StoreConnectionPool implements AutoCloseable {

    private final HikariDataSource pool;

    private StoreConnectionPool(HikariDataSource pool) {
        this.pool = pool;
    }

    static StoreConnectionPool create(MonitorProperties.StoreDataSource config) {
        if (config.getUrl() == null || config.getUrl().isBlank()) {
            throw new IllegalArgumentException("monitor.store.datasource.url is blank");
        }
        HikariDataSource pool = new HikariDataSource(); // connects on first use, so a database that is away does not stop the start
        pool.setPoolName("vigil-store");
        pool.setJdbcUrl(config.getUrl().strip());
        if (config.getUsername() != null) {
            pool.setUsername(config.getUsername());
        }
        if (config.getPassword() != null) {
            pool.setPassword(config.getPassword());
        }
        if (config.getDriverClassName() != null && !config.getDriverClassName().isBlank()) {
            pool.setDriverClassName(config.getDriverClassName().strip());
        }
        pool.setMaximumPoolSize(4);
        pool.setMinimumIdle(1);
        return new StoreConnectionPool(pool);
    }

    /** The pool, as the store uses it. */
    public DataSource dataSource() {
        return pool;
    }

    /** Whether the pool has been closed. */
    public boolean isClosed() {
        return pool.isClosed();
    }

    /** Closes the pool's connections. */
    @Override
    public void close() {
        pool.close();
    }
}
