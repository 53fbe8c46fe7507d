package dev.vigil.jdbc.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertState;
import dev.vigil.alert.Notification;
import dev.vigil.alert.Severity;
import dev.vigil.alert.delivery.OutboxEntry;
import dev.vigil.audit.AuditEntry;
import dev.vigil.audit.AuditQuery;
import dev.vigil.config.StoredSetting;
import dev.vigil.health.CheckRunRecord;
import dev.vigil.health.HealthCheckRun;
import dev.vigil.health.HealthStatus;
import dev.vigil.jdbc.StderrCapture;
import dev.vigil.store.contract.MonitorStoreContractTest;
import dev.vigil.store.contract.TestClock;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteDataSource;

/** The JDBC store's tables on H2: prefixes, initialisation modes, upgrades, concurrent starts, outages. */
class JdbcMonitorStoreSchemaTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Set<String> TABLES = Set.of("SCHEMA_VERSION", "CHECK_RUN", "ALERT", "ALERT_HISTORY", "SILENCE",
            "OUTBOX", "AUDIT", "SETTING", "LEASE", "ACTION_APPROVAL", "ACTION_RUN", "SECURITY_EVENT", "DEPLOYMENT",
            "DEPLOYMENT_INSTANCE", "BRIEFING", "INCIDENT", "INCIDENT_EVENT", "INCIDENT_FIX");

    private final TestClock clock = new TestClock();
    private final JdbcDataSource database = StoreTests.h2("schema-" + DATABASES.incrementAndGet());

    private Set<String> tables() throws SQLException {
        Set<String> names = new HashSet<>();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private Set<String> indexes() throws SQLException {
        Set<String> names = new HashSet<>();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_SCHEMA = 'PUBLIC'")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private static Set<String> prefixed(String prefix) {
        Set<String> names = new HashSet<>();
        TABLES.forEach(table -> names.add(prefix + table));
        return names;
    }

    @Test
    void everyTableCarriesThePrefix() throws SQLException {
        JdbcMonitorStore store = JdbcMonitorStore.builder(database).tablePrefix("vigil_").build();

        assertThat(store.schemaVersion()).isEqualTo(StoreDatabase.latestVersion());
        assertThat(tables()).isEqualTo(prefixed("VIGIL_"));
    }

    @Test
    void twoPrefixesLiveSideBySideInOneDatabase() throws SQLException {
        JdbcMonitorStore blue = JdbcMonitorStore.builder(database).tablePrefix("blue_").build();
        JdbcMonitorStore green = JdbcMonitorStore.builder(database).tablePrefix("green_").build();

        blue.config().save(new StoredSetting("actions.kill-switch", "true", T0, "alice"));
        assertThat(blue.leases().tryAcquire("retention", "a", Duration.ofMinutes(5))).isTrue();

        assertThat(green.config().loadAll()).isEmpty();
        assertThat(green.leases().tryAcquire("retention", "b", Duration.ofMinutes(5))).isTrue();
        Set<String> expected = prefixed("BLUE_");
        expected.addAll(prefixed("GREEN_"));
        assertThat(tables()).isEqualTo(expected);
    }

    @Test
    void defaultPrefixIsMonitor() throws SQLException {
        JdbcMonitorStore.builder(database).build();

        assertThat(tables()).isEqualTo(prefixed("MONITOR_"));
    }

    @Test
    void prefixMustBeAPlainName() {
        JdbcMonitorStore.Builder builder = JdbcMonitorStore.builder(database);

        for (String wrong : List.of("", "1st_", "a-b", "a b", "x;DROP", "a".repeat(32))) {
            assertThatThrownBy(() -> builder.tablePrefix(wrong)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("monitor.store.table-prefix must match [A-Za-z_][A-Za-z0-9_]{0,30}");
        }
        assertThat(builder.tablePrefix("_" + "a".repeat(30))).isSameAs(builder);
    }

    @Test
    void embeddedModeInitialisesAnEmbeddedH2() {
        assertThat(JdbcMonitorStore.builder(database).initializeSchema(SchemaInitialization.EMBEDDED).build()
                .schemaVersion()).isEqualTo(StoreDatabase.latestVersion());
        assertThat(Dialect.embeddedH2("jdbc:h2:mem:x")).isTrue();
        assertThat(Dialect.embeddedH2("jdbc:h2:file:/data/vigil")).isTrue();
        assertThat(Dialect.embeddedH2("jdbc:h2:./vigil")).isTrue();
        assertThat(Dialect.embeddedH2("jdbc:h2:tcp://db:9092/vigil")).isFalse();
        assertThat(Dialect.embeddedH2("jdbc:h2:ssl://db:9092/vigil")).isFalse();
    }

    @Test
    void neverModeCreatesNothingAndSaysWhichScriptsAreMissing() throws SQLException {
        String logged;
        JdbcMonitorStore store;
        try (StderrCapture capture = StderrCapture.start()) {
            store = JdbcMonitorStore.builder(database).initializeSchema(SchemaInitialization.NEVER).build();
            logged = capture.text();
        }

        assertThat(store.schemaVersion()).isZero();
        assertThat(tables()).isEmpty();
        assertThat(StderrCapture.linesContaining(logged, "are at schema version 0")).singleElement().satisfies(line ->
                assertThat(line).contains("initialize-schema is never", StoreTests.shippedScripts(),
                        "classpath:dev/vigil/jdbc/store/schema/h2/", "${prefix} = monitor_"));
    }

    @Test
    void neverModeUsesTablesAMigrationToolCreatedFromTheShippedScripts() throws SQLException {
        StoreTests.applyAllScripts(database, Dialect.H2, "app_monitor_");

        JdbcMonitorStore store = JdbcMonitorStore.builder(database).tablePrefix("app_monitor_")
                .initializeSchema(SchemaInitialization.NEVER).build();

        assertThat(store.schemaVersion()).isEqualTo(StoreDatabase.latestVersion());
        StoredSetting setting = new StoredSetting("health.interval", "30s", T0, "alice");
        store.config().save(setting);
        assertThat(store.config().loadAll()).containsExactly(setting);
    }

    @Test
    void upgradesFromVersionOneKeepingTheData() throws SQLException {
        StoreTests.applyScript(database, Dialect.H2, 1, "monitor_");
        assertThat(indexes()).doesNotContain("MONITOR_CHECK_RUN_BY_TIME", "MONITOR_OUTBOX_BY_FINISH");
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO monitor_check_run (instance, check_name, checked_at, status, duration_nanos, message)"
                    + " VALUES ('a', 'db', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00', 'DOWN', 1500000, 'refused')");
            statement.execute("INSERT INTO monitor_setting (setting_key, setting_value, updated_at, updated_by)"
                    + " VALUES ('actions.kill-switch', 'true', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00', 'alice')");
        }

        JdbcMonitorStore store = JdbcMonitorStore.builder(database).build();

        assertThat(store.schemaVersion()).isEqualTo(StoreDatabase.latestVersion());
        assertThat(StoreTests.recordedVersions(database, "monitor_")).containsExactlyElementsOf(StoreTests.shippedVersions());
        assertThat(indexes()).contains("MONITOR_CHECK_RUN_BY_TIME", "MONITOR_OUTBOX_BY_FINISH");
        assertThat(store.checkRuns().recent("db", 10)).containsExactly(new CheckRunRecord("a", "db",
                new HealthCheckRun(T0, HealthStatus.DOWN, Duration.ofNanos(1_500_000), "refused")));
        assertThat(store.config().loadAll()).containsExactly(new StoredSetting("actions.kill-switch", "true", T0, "alice"));
    }

    @Test
    void threeInstancesStartingAtOnceInitialiseTheSchemaOnce() throws Exception {
        List<Integer> versions = MonitorStoreContractTest.runTogether(3,
                thread -> JdbcMonitorStore.builder(database).tablePrefix("race_").build().schemaVersion());

        assertThat(versions).containsOnly(StoreDatabase.latestVersion());
        assertThat(StoreTests.recordedVersions(database, "race_")).containsExactlyElementsOf(StoreTests.shippedVersions());
    }

    @Test
    void anUnsupportedDatabaseIsRefusedNamingTheSupportedOnes() {
        SQLiteDataSource sqlite = new SQLiteDataSource();
        sqlite.setUrl("jdbc:sqlite::memory:");

        assertThatThrownBy(() -> JdbcMonitorStore.builder(sqlite).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("supports H2 2.x and PostgreSQL")
                .hasMessageContaining("SQLite");
    }

    @Test
    void databaseAwayAtStartIsLoggedOnceAndTheSchemaIsInitialisedOnFirstSuccessfulUse() throws SQLException {
        StoreTests.SwitchableDataSource switchable = new StoreTests.SwitchableDataSource(database, false);
        String logged;
        JdbcMonitorStore store;
        try (StderrCapture capture = StderrCapture.start()) {
            store = JdbcMonitorStore.builder(switchable).clock(clock).build();
            assertThatThrownBy(() -> store.config().loadAll()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Connection refused");
            assertThatThrownBy(() -> store.audit().query(AuditQuery.latest(1))).isInstanceOf(IllegalStateException.class);

            switchable.up();
            assertThatThrownBy(() -> store.config().loadAll()).as("fails at once until the next attempt is due")
                    .hasMessageContaining("the database is unreachable (next attempt at");
            clock.advance(Duration.ofSeconds(20));
            assertThat(store.config().loadAll()).isEmpty();
            logged = capture.text();
        }

        assertThat(StderrCapture.linesContaining(logged, "cannot reach its database")).hasSize(1);
        assertThat(StderrCapture.linesContaining(logged, "reached its database")).hasSize(1);
        assertThat(store.schemaVersion()).isEqualTo(StoreDatabase.latestVersion());
        assertThat(tables()).isEqualTo(prefixed("MONITOR_"));
    }

    @Test
    void callsDuringAnOutageFailAtOnceAndOneCallPerPauseTriesTheDatabase() {
        StoreTests.SwitchableDataSource switchable = new StoreTests.SwitchableDataSource(database, false);
        JdbcMonitorStore store = JdbcMonitorStore.builder(switchable).clock(clock).build();
        int tried = switchable.attempts.get();

        for (int i = 0; i < 50; i++) {
            assertThatThrownBy(() -> store.checkRuns().recent("db", 1)).isInstanceOf(IllegalStateException.class);
        }
        assertThat(switchable.attempts.get()).as("no attempt before the pause is over").isEqualTo(tried);

        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> store.checkRuns().recent("db", 1)).hasMessageContaining("Connection refused");
        assertThat(switchable.attempts.get()).isEqualTo(tried + 1);
        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> store.checkRuns().recent("db", 1)).as("the pause doubles")
                .hasMessageContaining("the database is unreachable");
        assertThat(switchable.attempts.get()).isEqualTo(tried + 1);

        switchable.up();
        clock.advance(Duration.ofSeconds(15));
        assertThat(store.checkRuns().recent("db", 1)).isEmpty();
    }

    @Test
    void isSharedAndClosingLeavesTheDataSourceOpen() throws SQLException {
        JdbcMonitorStore store = JdbcMonitorStore.builder(database).build();

        assertThat(store.shared()).isTrue();
        store.close();

        try (Connection connection = database.getConnection()) {
            assertThat(connection.isValid(5)).isTrue();
        }
        store.audit().add(new AuditEntry("a", T0, AuditEntry.Type.CONFIG, "alice", "k", Map.of(), "changed", null));
        assertThat(store.audit().query(AuditQuery.latest(1))).hasSize(1);
    }

    @Test
    void outboxAddIsAllOrNone() {
        JdbcMonitorStore store = JdbcMonitorStore.builder(database).build();
        Alert alert = new Alert("a", "rule", "rule", Severity.CRITICAL, AlertState.FIRING, "m", Map.of(), 1, T0, T0, null,
                false, null);
        Notification notification = new Notification("n", Notification.Kind.FIRING, alert, "shop", T0);
        OutboxEntry fine = OutboxEntry.pending(notification, "slack", T0, T0);
        OutboxEntry tooLong = OutboxEntry.pending(notification, "s".repeat(300), T0, T0);

        assertThatThrownBy(() -> store.outbox().add(List.of(fine, tooLong))).isInstanceOf(IllegalStateException.class);

        assertThat(store.outbox().recent(10)).isEmpty();
        assertThat(store.outbox().add(List.of(fine))).isTrue();
        assertThat(store.outbox().recent(10)).containsExactly(fine);
    }

    @Test
    void auditEntryAddedTwiceIsStoredOnce() {
        JdbcMonitorStore store = JdbcMonitorStore.builder(database).build();
        AuditEntry entry = new AuditEntry("a", T0, AuditEntry.Type.CONFIG, "alice", "k", Map.of(), "changed", null);

        store.audit().add(entry);
        store.audit().add(entry);

        assertThat(store.audit().query(AuditQuery.latest(10))).containsExactly(entry);
    }

    @Test
    void instantsAreKeptToTheMicrosecond() {
        JdbcMonitorStore store = JdbcMonitorStore.builder(database).build();
        Instant nanos = Instant.parse("2026-01-01T00:00:00.123456789Z");

        store.config().save(new StoredSetting("k", "v", nanos, "alice"));

        assertThat(store.config().loadAll()).singleElement()
                .satisfies(setting -> assertThat(setting.updatedAt()).isEqualTo("2026-01-01T00:00:00.123456Z"));
    }
}
