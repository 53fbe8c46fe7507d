package dev.vigil.jdbc.store;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** Databases, scripts and threads for the JDBC store's tests. */
final class StoreTests {

    private StoreTests() {
    }

    /** A named H2 database in memory that lives until the JVM ends. */
    static JdbcDataSource h2(String name) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        return dataSource;
    }

    /** Applies schema script {@code version} as a migration tool would: read from the jar, prefix substituted. */
    static void applyScript(DataSource dataSource, Dialect dialect, int version, String prefix) throws SQLException {
        StoreDatabase.Migration migration = StoreDatabase.MIGRATIONS.stream().filter(m -> m.version() == version)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no schema script of version " + version));
        String script = StoreDatabase.script(dialect, migration).replace("${prefix}", prefix);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : StoreDatabase.split(script)) {
                statement.execute(sql);
            }
        }
    }

    /** Applies every shipped schema script in order, as a migration tool would. */
    static void applyAllScripts(DataSource dataSource, Dialect dialect, String prefix) throws SQLException {
        for (StoreDatabase.Migration migration : StoreDatabase.MIGRATIONS) {
            applyScript(dataSource, dialect, migration.version(), prefix);
        }
    }

    /** The versions of the shipped schema scripts, in order. */
    static List<Integer> shippedVersions() {
        return StoreDatabase.MIGRATIONS.stream().map(StoreDatabase.Migration::version).toList();
    }

    /** The shipped schema scripts' names, comma-separated, as the store's log lists them. */
    static String shippedScripts() {
        return String.join(", ", StoreDatabase.MIGRATIONS.stream().map(StoreDatabase.Migration::script).toList());
    }

    /** The versions recorded in {@code <prefix>schema_version}, in order. */
    static List<Integer> recordedVersions(DataSource dataSource, String prefix) throws SQLException {
        List<Integer> versions = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version FROM " + prefix + "schema_version ORDER BY version")) {
            while (rows.next()) {
                versions.add(rows.getInt(1));
            }
        }
        return versions;
    }

    /** A real database behind a switch: while down, every connection attempt fails as an unreachable server does. */
    static final class SwitchableDataSource implements DataSource {
        private final DataSource database;
        private volatile boolean up;
        final java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();

        SwitchableDataSource(DataSource database, boolean up) {
            this.database = database;
            this.up = up;
        }

        void up() {
            up = true;
        }

        @Override
        public Connection getConnection() throws SQLException {
            attempts.incrementAndGet();
            if (!up) {
                throw new SQLException("Connection refused: localhost:5432", "08001");
            }
            return database.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
