package dev.vigil.it;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that records which thread asks it for a connection, and which host request that thread
 * was serving at the time ({@link #servingStarts}), so a test can show that no host request ever waits for it.
 */
final class RecordingDataSource implements DataSource {

    /**
     * One request for a connection.
     *
     * @param thread the calling thread's name
     * @param hostRequest the host request that thread was serving, if any
     */
    record Call(String thread, Optional<String> hostRequest) {
    }

    private static final ThreadLocal<String> SERVING = new ThreadLocal<>();

    private final DataSource delegate;
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    RecordingDataSource(DataSource delegate) {
        this.delegate = delegate;
    }

    /** The calling thread serves the host request {@code uri} from now until {@link #servingEnds()}. */
    static void servingStarts(String uri) {
        SERVING.set(uri);
    }

    /** The calling thread has served its host request. */
    static void servingEnds() {
        SERVING.remove();
    }

    /** Every request for a connection so far. */
    List<Call> calls() {
        return List.copyOf(calls);
    }

    private void record() {
        calls.add(new Call(Thread.currentThread().getName(), Optional.ofNullable(SERVING.get())));
    }

    @Override
    public Connection getConnection() throws SQLException {
        record();
        return delegate.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        record();
        return delegate.getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : delegate.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || delegate.isWrapperFor(type);
    }
}
