package dev.vigil.benchmarks.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/** What wrappers read about the stub database when they label their measurements. */
final class StubDatabaseMetaData extends UnsupportedDatabaseMetaData {

    private final StubConnection connection;

    StubDatabaseMetaData(StubConnection connection) {
        this.connection = connection;
    }

    @Override
    public String getURL() {
        return "jdbc:stub:bench";
    }

    @Override
    public String getUserName() {
        return "bench";
    }

    @Override
    public String getDatabaseProductName() {
        return "Stub";
    }

    @Override
    public String getDatabaseProductVersion() {
        return "1.0";
    }

    @Override
    public String getDriverName() {
        return "Vigil benchmark stub";
    }

    @Override
    public String getDriverVersion() {
        return "1.0";
    }

    @Override
    public Connection getConnection() {
        return connection;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
