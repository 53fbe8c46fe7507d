package dev.vigil.benchmarks.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLWarning;

/** A connection of {@link StubDataSource}: hands out one reusable prepared statement per SQL text kind. */
final class StubConnection extends UnsupportedConnection {

    private final StubPreparedStatement statement = new StubPreparedStatement(this);
    private final StubDatabaseMetaData metaData = new StubDatabaseMetaData(this);
    private boolean autoCommit = true;
    private boolean closed;

    @Override
    public PreparedStatement prepareStatement(String sql) {
        statement.open(sql);
        return statement;
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency) {
        return prepareStatement(sql);
    }

    @Override
    public DatabaseMetaData getMetaData() {
        return metaData;
    }

    @Override
    public boolean getAutoCommit() {
        return autoCommit;
    }

    @Override
    public void setAutoCommit(boolean autoCommit) {
        this.autoCommit = autoCommit;
    }

    @Override
    public void commit() {
        // nothing to commit
    }

    @Override
    public void rollback() {
        // nothing to roll back
    }

    @Override
    public int getTransactionIsolation() {
        return Connection.TRANSACTION_READ_COMMITTED;
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    @Override
    public String getCatalog() {
        return "BENCH";
    }

    @Override
    public String getSchema() {
        return "PUBLIC";
    }

    @Override
    public SQLWarning getWarnings() {
        return null;
    }

    @Override
    public void clearWarnings() {
        // no warnings
    }

    @Override
    public boolean isValid(int timeout) {
        return !closed;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
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
