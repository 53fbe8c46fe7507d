package dev.vigil.jdbc.query;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.ProxyConnection;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Evicts connections from a HikariCP pool. The only class of the runner that refers to HikariCP
 * types; it is loaded only when asked, which fails with a {@link LinkageError} when HikariCP is absent.
 */
final class HikariEviction {

    private final HikariDataSource hikari;

    private HikariEviction(HikariDataSource hikari) {
        this.hikari = hikari;
    }

    /** An evictor for {@code dataSource}'s Hikari pool, or null if it is not (and does not wrap) one. */
    static @Nullable HikariEviction find(DataSource dataSource) throws SQLException {
        if (dataSource instanceof HikariDataSource pool) {
            return new HikariEviction(pool);
        }
        if (dataSource.isWrapperFor(HikariDataSource.class)) {
            return new HikariEviction(dataSource.unwrap(HikariDataSource.class));
        }
        return null;
    }

    /**
     * Tells the pool to close {@code connection} instead of taking it back; call before closing it.
     * False when the connection is not (or does not wrap) one of Hikari's.
     */
    boolean evict(Connection connection) {
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
}
