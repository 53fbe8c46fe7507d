package dev.vigil.jdbc.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's database: connections borrowed per call, the dialect, and the schema, checked or initialised on
 * first successful use.
 */
final class StoreDatabase {

    /** The schema scripts, in order; each records its own version in {@code <prefix>schema_version}. */
    static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "V1__base.sql"),
            new Migration(2, "V2__purge_indexes.sql"),
            new Migration(3, "V3__actions.sql"),
            new Migration(4, "V4__incidents.sql"),
            new Migration(5, "V5__security_deployments.sql"),
            new Migration(6, "V6__briefings.sql"));

    /** Where the scripts are in the jar, followed by {@code h2/} or {@code postgresql/}. */
    static final String SCRIPTS = "dev/vigil/jdbc/store/schema/";

    private static final Logger log = LoggerFactory.getLogger(JdbcMonitorStore.class);
    /** Serialises migrations of the same H2 database and prefix within this JVM. */
    private static final Map<String, ReentrantLock> H2_LOCKS = new ConcurrentHashMap<>();
    private static final Duration H2_WAIT = Duration.ofSeconds(60);
    private static final Duration MIN_RETRY_PAUSE = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY_PAUSE = Duration.ofSeconds(15);

    private final DataSource dataSource;
    private final String prefix;
    private final SchemaInitialization mode;
    private final Object initLock = new Object();
    private volatile @Nullable Dialect dialect;
    private volatile int version = -1;
    /** While the database cannot be reached: the last failure, and until when calls fail at once without trying. */
    private volatile @Nullable SQLException unreachable;
    private volatile Instant retryAt = Instant.MIN;
    private volatile Duration retryPause = MIN_RETRY_PAUSE;
    private final Clock clock;
    private @Nullable Instant unavailableSince; // guarded by initLock

    StoreDatabase(DataSource dataSource, String prefix, SchemaInitialization mode, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One schema script. */
    record Migration(int version, String script) {
    }

    /** Work done with a connection. */
    @FunctionalInterface
    interface SqlWork<T> {
        T apply(Connection connection, Dialect dialect) throws SQLException;
    }

    /** The name of table {@code name} with the prefix. */
    String table(String name) {
        return prefix + name;
    }

    /** The latest schema version this code knows. */
    static int latestVersion() {
        return MIGRATIONS.get(MIGRATIONS.size() - 1).version();
    }

    /** Checks or initialises the schema now; if the database is away, logs it once and leaves it for later. */
    void initializeAtStart() {
        try {
            ensureReady();
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            // logged by ensureReady
        }
    }

    int schemaVersion() {
        ensureReady();
        return version;
    }

    /**
     * A connection, or at once the last failure while the database is known to be unreachable: a call then
     * costs nothing instead of the pool's connection timeout, so Vigil's threads and the admin API stay quick
     * through an outage. One call per pause (1 s, doubling to 15 s) tries the database again.
     */
    private Connection connect() throws SQLException {
        SQLException last = unreachable;
        Instant now = clock.instant();
        if (last != null && now.isBefore(retryAt)) {
            throw new SQLTransientConnectionException("the database is unreachable (next attempt at " + retryAt + "): "
                    + last.getMessage(), "08001", last);
        }
        if (last != null) {
            retryAt = now.plus(retryPause); // this call is the attempt; the others keep failing at once meanwhile
        }
        try {
            Connection connection = dataSource.getConnection();
            unreachable = null;
            retryPause = MIN_RETRY_PAUSE;
            return connection;
        } catch (SQLException e) {
            unreachable = e;
            retryAt = clock.instant().plus(retryPause);
            Duration doubled = retryPause.multipliedBy(2);
            retryPause = doubled.compareTo(MAX_RETRY_PAUSE) > 0 ? MAX_RETRY_PAUSE : doubled;
            throw e;
        }
    }

    /** Runs {@code work} on a connection in autocommit mode. */
    <T> T call(SqlWork<T> work) {
        Dialect current = ensureReady();
        try (Connection connection = connect()) {
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
            return work.apply(connection, current);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Runs {@code work} in one transaction. */
    <T> T transaction(SqlWork<T> work) {
        Dialect current = ensureReady();
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try {
                T result = work.apply(connection, current);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * Deletes up to {@code limit} rows of {@code table} whose {@code time} is before {@code cutoff} (and that meet
     * {@code condition}, if not empty), oldest first, in one short autocommitted statement.
     */
    int purge(String table, String key, String time, String condition, Instant cutoff, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        return call((connection, dialect) -> {
            String name = table(table);
            String sql = "DELETE FROM " + name + " WHERE " + key + " IN (SELECT " + key + " FROM " + name + " WHERE "
                    + time + " < ?" + (condition.isEmpty() ? "" : " AND " + condition) + " ORDER BY " + time + " "
                    + dialect.limit() + ")";
            try (PreparedStatement delete = connection.prepareStatement(sql)) {
                Sql.setInstant(delete, 1, cutoff);
                delete.setInt(2, limit);
                return delete.executeUpdate();
            }
        });
    }

    static RuntimeException failure(SQLException e) {
        return new IllegalStateException("Vigil's JDBC store failed: " + e.getMessage() + " (SQLState "
                + e.getSQLState() + ")", e);
    }

    private static void rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private Dialect ensureReady() {
        Dialect known = dialect;
        if (known != null) {
            return known;
        }
        synchronized (initLock) {
            if (dialect != null) {
                return dialect;
            }
            Connection connection;
            try {
                connection = connect();
            } catch (SQLException e) {
                noteUnavailable("Vigil's JDBC store cannot reach its database yet; it checks its tables '{}*' on first "
                        + "successful use: {}", e);
                throw failure(e);
            }
            try (connection) {
                connection.setAutoCommit(true);
                Dialect detected = Dialect.of(connection);
                boolean apply = mode == SchemaInitialization.ALWAYS
                        || mode == SchemaInitialization.EMBEDDED && detected.embedded(connection);
                version = apply ? migrate(connection, detected) : check(connection, detected);
                dialect = detected;
                if (unavailableSince != null) {
                    log.info("Vigil's JDBC store reached its database (away since {}); tables '{}*' are at schema "
                            + "version {}", unavailableSince, prefix, version);
                    unavailableSince = null;
                }
                return detected;
            } catch (SQLException e) {
                noteUnavailable("Vigil's JDBC store could not check or initialise its tables '{}*'; it tries again on "
                        + "next use: {}", e);
                throw failure(e);
            }
        }
    }

    /** Logs the first failure of an outage. */
    private void noteUnavailable(String message, SQLException e) {
        if (unavailableSince == null) {
            unavailableSince = clock.instant();
            log.warn(message, prefix, e.toString());
        }
    }

    /** Without initialisation: reads the version and says clearly what is missing. */
    private int check(Connection connection, Dialect detected) {
        int found = readVersionIfPresent(connection);
        if (found < latestVersion()) {
            StringBuilder missing = new StringBuilder();
            for (Migration migration : MIGRATIONS) {
                if (migration.version() > found) {
                    missing.append(missing.length() == 0 ? "" : ", ").append(migration.script());
                }
            }
            log.error("Vigil's JDBC store tables '{}*' are at schema version {}, this Vigil needs version {} and does "
                    + "not create tables (initialize-schema is {}): apply {} from classpath:{}{}/ with ${prefix} = {}",
                    prefix, found, latestVersion(), mode.name().toLowerCase(java.util.Locale.ROOT), missing, SCRIPTS,
                    detected.folder(), prefix);
        } else if (found > latestVersion()) {
            log.warn("Vigil's JDBC store tables '{}*' are at schema version {}, newer than this Vigil knows ({})",
                    prefix, found, latestVersion());
        }
        return found;
    }

    private int readVersionIfPresent(Connection connection) {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM " + table("schema_version"))) {
            return rows.next() ? rows.getInt(1) : 0;
        } catch (SQLException e) {
            return 0; // no version table
        }
    }

    private int migrate(Connection connection, Dialect detected) throws SQLException {
        return detected == Dialect.POSTGRESQL ? migratePostgres(connection) : migrateH2(connection);
    }

    /** PostgreSQL: DDL is transactional, so one transaction under an advisory lock applies what is missing. */
    private int migratePostgres(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try {
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, lockKey());
                lock.execute();
            }
            Dialect.execute(connection, versionTableDdl());
            int found = readVersion(connection);
            List<String> applied = new ArrayList<>();
            for (Migration migration : MIGRATIONS) {
                if (migration.version() > found) {
                    for (String sql : statements(Dialect.POSTGRESQL, migration)) {
                        Dialect.execute(connection, sql);
                    }
                    applied.add(migration.script());
                }
            }
            int now = readVersion(connection);
            connection.commit();
            logApplied(applied, now);
            return now;
        } catch (SQLException | RuntimeException e) {
            rollback(connection, e);
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /**
     * H2: DDL commits at once, so the scripts are idempotent ({@code IF NOT EXISTS}); instances in this JVM take
     * turns, and a version row another process wrote first is taken as its work.
     */
    private int migrateH2(Connection connection) throws SQLException {
        String key = connection.getMetaData().getURL() + "|" + prefix;
        ReentrantLock lock = H2_LOCKS.computeIfAbsent(key, k -> new ReentrantLock());
        try {
            if (!lock.tryLock(H2_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new SQLException("another instance has been initialising tables '" + prefix + "*' for "
                        + H2_WAIT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting to initialise tables '" + prefix + "*'", e);
        }
        try {
            Dialect.execute(connection, versionTableDdl());
            int found = readVersion(connection);
            List<String> applied = new ArrayList<>();
            for (Migration migration : MIGRATIONS) {
                if (migration.version() > found) {
                    for (String sql : statements(Dialect.H2, migration)) {
                        try {
                            Dialect.execute(connection, sql);
                        } catch (SQLException e) {
                            if (!Dialect.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                                throw e;
                            }
                        }
                    }
                    applied.add(migration.script());
                }
            }
            int now = readVersion(connection);
            logApplied(applied, now);
            return now;
        } finally {
            lock.unlock();
        }
    }

    private void logApplied(List<String> applied, int now) {
        if (!applied.isEmpty()) {
            log.info("Vigil's JDBC store applied {} to tables '{}*', now at schema version {}", String.join(", ", applied),
                    prefix, now);
        }
    }

    private String versionTableDdl() {
        return "CREATE TABLE IF NOT EXISTS " + table("schema_version")
                + " (version INTEGER NOT NULL PRIMARY KEY, description VARCHAR(200) NOT NULL,"
                + " installed_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL)";
    }

    private int readVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM " + table("schema_version"))) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }

    /** A stable advisory lock key per prefix. */
    private long lockKey() {
        CRC32 crc = new CRC32();
        crc.update(("vigil-store:" + prefix).getBytes(StandardCharsets.UTF_8));
        return 0x5649_4749_0000_0000L | crc.getValue();
    }

    /** The statements of a script with the prefix substituted. */
    List<String> statements(Dialect target, Migration migration) {
        return split(script(target, migration).replace("${prefix}", prefix));
    }

    static String script(Dialect target, Migration migration) {
        String path = SCRIPTS + target.folder() + "/" + migration.script();
        try (InputStream in = StoreDatabase.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing schema script " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Splits a script at the semicolons that end a line, dropping {@code --} comment lines. */
    static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            if (trimmed.endsWith(";")) {
                current.append(trimmed, 0, trimmed.length() - 1);
                statements.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(trimmed).append('\n');
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }
}
