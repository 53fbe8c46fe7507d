package dev.vigil.jdbc.query;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.ProxyConnection;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A HikariCP pool: evicts connections and reads the pool's state through its MXBean. The only class
 * of the runner that refers to HikariCP types; it is loaded only when asked, which fails with a
 * {@link LinkageError} when HikariCP is absent.
 */
final class HikariPoolAccess implements ConnectionPool {

    private final HikariDataSource hikari;

    private HikariPoolAccess(HikariDataSource hikari) {
        this.hikari = hikari;
    }

    /** Access to {@code dataSource}'s Hikari pool, or null if it is not (and does not wrap) one. */
    static @Nullable HikariPoolAccess find(DataSource dataSource) throws SQLException {
        if (dataSource instanceof HikariDataSource pool) {
            return new HikariPoolAccess(pool);
        }
        if (dataSource.isWrapperFor(HikariDataSource.class)) {
            return new HikariPoolAccess(dataSource.unwrap(HikariDataSource.class));
        }
        return null;
    }

    /**
     * Evicts {@code connection}; HikariCP closes it at once while it is still borrowed (the pool then
     * counts it neither active nor idle and may open a replacement), or when it comes back.
     */
    @Override
    public boolean evict(Connection connection) {
        try {
            Connection proxy;
            if (connection instanceof ProxyConnection) {
                proxy = connection;
            } else if (connection.isWrapperFor(ProxyConnection.class)) {
                proxy = connection.unwrap(ProxyConnection.class);
            } else {
                return false;
            }
            hikari.evictConnection(proxy);
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public int headroom() {
        int max = maximumSize();
        HikariPoolMXBean pool = hikari.getHikariPoolMXBean();
        if (pool == null) {
            return max; // a lazy pool that has not started yet
        }
        return max - pool.getActiveConnections() - pool.getThreadsAwaitingConnection();
    }

    @Override
    public int maximumSize() {
        return hikari.getHikariConfigMXBean().getMaximumPoolSize();
    }

    @Override
    public String name() {
        String name = hikari.getPoolName();
        return name == null ? "HikariCP" : name;
    }
}
