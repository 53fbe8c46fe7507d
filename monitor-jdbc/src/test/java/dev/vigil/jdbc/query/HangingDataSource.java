package dev.vigil.jdbc.query;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A real data source whose statements misbehave on purpose when their SQL names a marker column:
 * {@code stuck} hangs the way a driver waiting on a server that never answers does, ignoring
 * {@link Statement#cancel()} and interrupts, until its connection is aborted (if
 * {@code abortEndsStatements}) or the test {@link #release() releases} it; {@code raise_oom},
 * {@code raise_overflow} and {@code raise_linkage} throw that {@link Error}. Everything else,
 * including unwrapping to the pool underneath, is the real data source's.
 */
final class HangingDataSource implements DataSource {

    private final DataSource target;
    private final boolean abortEndsStatements;
    private final Object monitor = new Object();
    private boolean released;
    private final AtomicInteger hanging = new AtomicInteger();
    private final AtomicInteger cancels = new AtomicInteger();
    private final AtomicInteger aborts = new AtomicInteger();
    private final AtomicInteger interrupted = new AtomicInteger();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    HangingDataSource(DataSource target, boolean abortEndsStatements) {
        this.target = target;
        this.abortEndsStatements = abortEndsStatements;
    }

    /** Statements hanging now. */
    int hanging() {
        return hanging.get();
    }

    /** Calls of {@link Statement#cancel()} on a hanging statement's connection. */
    int cancels() {
        return cancels.get();
    }

    /** Calls of {@link Connection#abort}. */
    int aborts() {
        return aborts.get();
    }

    /** Hanging statements whose thread was interrupted (and carried on hanging). */
    int interrupted() {
        return interrupted.get();
    }

    /** The threads that ran hanging statements. */
    List<Thread> threads() {
        return threads;
    }

    /** Lets every hanging statement, and any later one, return normally. */
    void release() {
        synchronized (monitor) {
            released = true;
            monitor.notifyAll();
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connection(target.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return connection(target.getConnection(username, password));
    }

    private Connection connection(Connection real) {
        boolean[] aborted = {false};
        InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
            case "createStatement" -> statement((Statement) invoke(real, method, args), aborted);
            case "abort" -> {
                aborts.incrementAndGet();
                if (abortEndsStatements) {
                    synchronized (monitor) {
                        aborted[0] = true;
                        monitor.notifyAll();
                    }
                }
                yield invoke(real, method, args);
            }
            case "isWrapperFor" -> ((Class<?>) args[0]).isInstance(real) || real.isWrapperFor((Class<?>) args[0]);
            case "unwrap" -> ((Class<?>) args[0]).isInstance(real) ? real : real.unwrap((Class<?>) args[0]);
            default -> invoke(real, method, args);
        };
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    private Statement statement(Statement real, boolean[] aborted) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("cancel")) {
                cancels.incrementAndGet();
                return null; // ignored, like a cancel the server never receives
            }
            if (method.getName().equals("execute") && args != null && args.length == 1 && args[0] instanceof String sql) {
                String lower = sql.toLowerCase(Locale.ROOT);
                if (lower.contains("raise_oom")) {
                    throw new OutOfMemoryError("Java heap space");
                }
                if (lower.contains("raise_overflow")) {
                    throw new StackOverflowError();
                }
                if (lower.contains("raise_linkage")) {
                    throw new NoClassDefFoundError("com/example/MissingDriverClass");
                }
                if (lower.contains("stuck")) {
                    hang(aborted);
                }
            }
            return invoke(real, method, args);
        };
        return (Statement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Statement.class}, handler);
    }

    private void hang(boolean[] aborted) throws SQLException {
        threads.add(Thread.currentThread());
        hanging.incrementAndGet();
        boolean wasInterrupted = false;
        try {
            synchronized (monitor) {
                while (!released && !aborted[0]) {
                    try {
                        monitor.wait();
                    } catch (InterruptedException e) {
                        wasInterrupted = true; // and hang on
                    }
                }
            }
        } finally {
            if (wasInterrupted | Thread.interrupted()) {
                interrupted.incrementAndGet();
            }
            hanging.decrementAndGet();
        }
        if (aborted[0]) {
            throw new SQLException("An I/O error occurred while sending to the backend: the connection was aborted", "08006");
        }
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(target) ? iface.cast(target) : target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(target) || target.isWrapperFor(iface);
    }
}
