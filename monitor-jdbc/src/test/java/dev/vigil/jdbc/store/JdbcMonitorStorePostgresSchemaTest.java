package dev.vigil.jdbc.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import dev.vigil.alert.AlertState;
import dev.vigil.alert.StoredAlert;
import dev.vigil.config.StoredSetting;
import dev.vigil.health.CheckRunRecord;
import dev.vigil.health.HealthCheckRun;
import dev.vigil.health.HealthStatus;
import dev.vigil.jdbc.StderrCapture;
import dev.vigil.store.contract.MonitorStoreContractTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JDBC store's tables on a real PostgreSQL: one server for the class, a prefix per test. */
class JdbcMonitorStorePostgresSchemaTest {

    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static EmbeddedPostgres postgres;
    private static DataSource database;

    private final String prefix = "p" + PREFIXES.incrementAndGet() + "_";

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        database = postgres.getPostgresDatabase();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    private JdbcMonitorStore.Builder builder() {
        return JdbcMonitorStore.builder(database).tablePrefix(prefix);
    }

    private Set<String> tables() throws SQLException {
        Set<String> names = new HashSet<>();
        try (Connection connection = database.getConnection(); PreparedStatement select = connection.prepareStatement(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE ?")) {
            select.setString(1, prefix + "%");
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }

    private Set<String> indexes() throws SQLException {
        Set<String> names = new HashSet<>();
        try (Connection connection = database.getConnection(); PreparedStatement select = connection.prepareStatement(
                "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename LIKE ?")) {
            select.setString(1, prefix + "%");
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }

    @Test
    void embeddedModeLeavesAServerDatabaseAloneAndSaysSo() throws SQLException {
        String logged;
        JdbcMonitorStore store;
        try (StderrCapture capture = StderrCapture.start()) {
            store = builder().build();
            logged = capture.text();
        }

        assertThat(store.schemaVersion()).isZero();
        assertThat(tables()).isEmpty();
        assertThat(StderrCapture.linesContaining(logged, "initialize-schema is embedded")).singleElement()
                .satisfies(line -> assertThat(line).contains("schema/postgresql/", StoreTests.shippedScripts()));
    }

    @Test
    void alwaysModeCreatesEveryTableWithThePrefix() throws SQLException {
        JdbcMonitorStore store = builder().initializeSchema(SchemaInitialization.ALWAYS).build();

        assertThat(store.schemaVersion()).isEqualTo(StoreDatabase.latestVersion());
        Set<String> expected = new HashSet<>();
        for (String table : List.of("schema_version", "check_run", "alert", "alert_history", "silence", "outbox", "audit",
                "setting", "lease", "action_approval", "action_run", "security_event", "deployment", "deployment_instance",
                "briefing", "incident", "incident_event", "incident_fix")) {
            expected.add(prefix + table);
        }
        assertThat(tables()).isEqualTo(expected);
    }

    @Test
    void upgradesFromVersionOneKeepingTheData() throws SQLException {
        StoreTests.applyScript(database, Dialect.POSTGRESQL, 1, prefix);
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO " + prefix + "check_run (instance, check_name, checked_at, status, duration_nanos,"
                    + " message) VALUES ('a', 'db', TIMESTAMPTZ '2026-01-01 00:00:00+00', 'DOWN', 1500000, 'refused')");
        }
        assertThat(indexes()).doesNotContain(prefix + "check_run_by_time");

        JdbcMonitorStore store = builder().initializeSchema(SchemaInitialization.ALWAYS).build();

        assertThat(store.schemaVersion()).isEqualTo(StoreDatabase.latestVersion());
        assertThat(StoreTests.recordedVersions(database, prefix)).containsExactlyElementsOf(StoreTests.shippedVersions());
        assertThat(indexes()).contains(prefix + "check_run_by_time", prefix + "outbox_by_finish");
        assertThat(store.checkRuns().recent("db", 10)).containsExactly(new CheckRunRecord("a", "db",
                new HealthCheckRun(T0, HealthStatus.DOWN, Duration.ofNanos(1_500_000), "refused")));
    }

    @Test
    void threeInstancesStartingAtOnceInitialiseTheSchemaOnce() throws Exception {
        List<Integer> versions = MonitorStoreContractTest.runTogether(3,
                thread -> builder().initializeSchema(SchemaInitialization.ALWAYS).build().schemaVersion());

        assertThat(versions).containsOnly(StoreDatabase.latestVersion());
        assertThat(StoreTests.recordedVersions(database, prefix)).containsExactlyElementsOf(StoreTests.shippedVersions());
    }

    @Test
    void neverModeUsesTablesAMigrationToolCreatedFromTheShippedScripts() throws SQLException {
        StoreTests.applyAllScripts(database, Dialect.POSTGRESQL, prefix);

        JdbcMonitorStore store = builder().initializeSchema(SchemaInitialization.NEVER).build();

        assertThat(store.schemaVersion()).isEqualTo(StoreDatabase.latestVersion());
        StoredSetting setting = new StoredSetting("health.interval", "30s", T0, "alice");
        store.config().save(setting);
        assertThat(store.config().loadAll()).containsExactly(setting);
    }

    @Test
    void fingerprintsLongerThanAnIndexEntryAreUniqueAllTheSame() {
        JdbcMonitorStore store = builder().initializeSchema(SchemaInitialization.ALWAYS).build();
        Map<String, String> labels = new TreeMap<>();
        for (int i = 0; i < 200; i++) {
            labels.put("label-" + i, "value-" + "x".repeat(40));
        }
        String fingerprint = "rule" + labels;
        StoredAlert first = new StoredAlert("a1", "rule", fingerprint, labels, AlertState.PENDING, "m", T0, null, T0, false,
                null, null, null, 0, 0);
        StoredAlert second = new StoredAlert("a2", "rule", fingerprint, labels, AlertState.PENDING, "m", T0.plusSeconds(1),
                null, T0, false, null, null, null, 0, 0);

        assertThat(fingerprint).hasSizeGreaterThan(10_000);
        assertThat(store.alerts().open(first)).isEqualTo(first.withVersion(1));
        assertThat(store.alerts().open(second)).isEqualTo(first.withVersion(1));
    }
}
