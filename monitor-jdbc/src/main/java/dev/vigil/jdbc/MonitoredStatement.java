package dev.vigil.jdbc;

import java.sql.SQLException;
import java.sql.Statement;
import org.jspecify.annotations.Nullable;

/**
 * A timed plain {@link Statement}. SQL passed to {@code execute*} is shaped per call (through the
 * shape cache). A batch of {@code addBatch(sql)} calls is recorded once, under the shape of its first
 * statement.
 */
final class MonitoredStatement extends AbstractMonitoredStatement<Statement> {

    private @Nullable String firstBatchSql;

    MonitoredStatement(Statement delegate, MonitoredConnection connection) {
        super(delegate, connection);
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        delegate.addBatch(sql);
        if (firstBatchSql == null) {
            firstBatchSql = sql;
        }
    }

    @Override
    public void clearBatch() throws SQLException {
        delegate.clearBatch();
        firstBatchSql = null;
    }

    @Override
    StatementShape batchShape() {
        String sql = firstBatchSql;
        return sql == null ? connection.recorder.emptyBatchShape() : connection.recorder.shapeOf(sql);
    }

    @Override
    void batchFinished() {
        firstBatchSql = null;
    }
}
