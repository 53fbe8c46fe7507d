package dev.vigil.benchmarks.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;

/**
 * A prepared statement of {@link StubConnection}: parameters are ignored, a query answers one row
 * holding {@code 1}, a batch reports one row per added set.
 */
final class StubPreparedStatement extends UnsupportedPreparedStatement {

    private final StubConnection connection;
    private final StubResultSet resultSet = new StubResultSet(this);
    private int batched;
    private int[] counts = new int[0];
    private boolean closed;

    StubPreparedStatement(StubConnection connection) {
        this.connection = connection;
    }

    void open(String sql) {
        closed = false;
        batched = 0;
    }

    @Override
    public void setInt(int parameterIndex, int x) {
        // ignored
    }

    @Override
    public void setLong(int parameterIndex, long x) {
        // ignored
    }

    @Override
    public void setString(int parameterIndex, String x) {
        // ignored
    }

    @Override
    public void clearParameters() {
        // nothing held
    }

    @Override
    public ResultSet executeQuery() {
        return resultSet.open();
    }

    @Override
    public int executeUpdate() {
        return 1;
    }

    @Override
    public boolean execute() {
        resultSet.open();
        return true;
    }

    @Override
    public ResultSet getResultSet() {
        return resultSet;
    }

    @Override
    public int getUpdateCount() {
        return -1;
    }

    @Override
    public void addBatch() {
        batched++;
    }

    @Override
    public void clearBatch() {
        batched = 0;
    }

    @Override
    public int[] executeBatch() {
        int n = batched;
        batched = 0;
        if (counts.length != n) { // the benchmarks use one batch size, so this allocates once
            counts = new int[n];
            java.util.Arrays.fill(counts, 1);
        }
        return counts;
    }

    @Override
    public Connection getConnection() {
        return connection;
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
    public int getMaxRows() {
        return 0;
    }

    @Override
    public int getQueryTimeout() {
        return 0;
    }

    @Override
    public int getFetchSize() {
        return 0;
    }

    @Override
    public int getResultSetType() {
        return ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public int getResultSetConcurrency() {
        return ResultSet.CONCUR_READ_ONLY;
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
