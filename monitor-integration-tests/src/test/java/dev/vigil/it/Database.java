package dev.vigil.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import javax.sql.DataSource;
import dev.vigil.jdbc.store.JdbcMonitorStore;
import dev.vigil.jdbc.store.SchemaInitialization;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;

/**
 * An embedded PostgreSQL server that can be stopped and started again on the same data directory and
 * port, as a database server that goes away and comes back.
 */
final class Database implements AutoCloseable {

    private final Path dataDirectory;
    private final int port;
    private @Nullable EmbeddedPostgres postgres;
    private @Nullable JdbcMonitorStore store;

    private Database(Path dataDirectory, EmbeddedPostgres postgres) {
        this.dataDirectory = dataDirectory;
        this.postgres = postgres;
        this.port = postgres.getPort();
    }

    /** Starts a fresh server on a new data directory and a free port. */
    static Database start() {
        try {
            Path dataDirectory = Files.createTempDirectory("vigil-it-pg");
            Files.delete(dataDirectory); // initdb wants to create it
            return new Database(dataDirectory, builder(dataDirectory).start());
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        }
    }

    private static EmbeddedPostgres.Builder builder(Path dataDirectory) {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setServerConfig("max_connections", "60");
    }

    /** The JDBC URL of the {@code postgres} database (user {@code postgres}, no password). */
    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    /** A data source on the {@code postgres} database, for reading what the nodes stored. */
    DataSource dataSource() {
        return running().getPostgresDatabase();
    }

    /**
     * The nodes' store as a reader in the test sees it (the nodes create the tables), for what the API does
     * not show: leases, and which instance ran a check.
     */
    synchronized JdbcMonitorStore store() {
        if (store == null) {
            store = JdbcMonitorStore.builder(dataSource())
                    .tablePrefix(StoreNode.TABLE_PREFIX)
                    .initializeSchema(SchemaInitialization.NEVER)
                    .build();
        }
        return store;
    }

    /** The number {@code sql} (a {@code SELECT COUNT(*)}) counts. */
    long count(String sql) {
        try (Connection connection = dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed", e);
        }
    }

    /** Stops the server (fast shutdown); its data directory and port stay for {@link #restart()}. */
    synchronized void stop() {
        EmbeddedPostgres running = running();
        postgres = null;
        try {
            running.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop", e);
        }
    }

    /** Starts the server again on the same data directory and port. */
    synchronized void restart() {
        if (postgres != null) {
            throw new IllegalStateException("PostgreSQL is running");
        }
        try {
            postgres = builder(dataDirectory).setPort(port).start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start again", e);
        }
    }

    private synchronized EmbeddedPostgres running() {
        if (postgres == null) {
            throw new IllegalStateException("PostgreSQL is stopped");
        }
        return postgres;
    }

    /** Stops the server and deletes its data directory. */
    @Override
    public synchronized void close() throws IOException {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
        try (var paths = Files.walk(dataDirectory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
