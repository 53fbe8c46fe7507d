package dev.vigil.benchmarks.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;

/** The result of every {@link StubPreparedStatement} query: one row whose only column is {@code 1}. */
final class StubResultSet extends UnsupportedResultSet {

    private final StubPreparedStatement statement;
    private int row;
    private boolean closed;

    StubResultSet(StubPreparedStatement statement) {
        this.statement = statement;
    }

    StubResultSet open() {
        row = 0;
        closed = false;
        return this;
    }

    @Override
    public boolean next() {
        return ++row == 1;
    }

    @Override
    public int getInt(int columnIndex) {
        return 1;
    }

    @Override
    public long getLong(int columnIndex) {
        return 1L;
    }

    @Override
    public Object getObject(int columnIndex) {
        return 1;
    }

    @Override
    public boolean wasNull() {
        return false;
    }

    @Override
    public Statement getStatement() {
        return statement;
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        throw new java.sql.SQLFeatureNotSupportedException("stub: ResultSet.getMetaData");
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
    public int getType() {
        return TYPE_FORWARD_ONLY;
    }

    @Override
    public int getConcurrency() {
        return CONCUR_READ_ONLY;
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
