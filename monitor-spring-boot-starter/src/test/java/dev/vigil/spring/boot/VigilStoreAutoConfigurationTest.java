package dev.vigil.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import dev.vigil.Monitor;
import dev.vigil.jdbc.MonitoredDataSource;
import dev.vigil.jdbc.store.JdbcMonitorStore;
import dev.vigil.store.MemoryMonitorStore;
import dev.vigil.store.MonitorStore;
import dev.vigil.store.StoreSettings;
import dev.vigil.store.StoredKind;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class VigilStoreAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(VigilStoreAutoConfiguration.class, VigilAutoConfiguration.class,
                    VigilJdbcAutoConfiguration.class))
            .withPropertyValues("monitor.checks.disk.enabled=false", "monitor.checks.memory.enabled=false",
                    "monitor.metrics.system=false");

    @Test
    void theMemoryStoreIsTheDefault() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(MonitorStore.class);
            MonitorStore store = context.getBean(MonitorStore.class);
            assertThat(store).isInstanceOf(MemoryMonitorStore.class);
            Monitor monitor = context.getBean(Monitor.class);
            assertThat(monitor.store()).isSameAs(store);
            assertThat(monitor.store().shared()).isFalse();
            assertThat(context.getBean(StoreSettings.class)).isEqualTo(StoreSettings.ofDefaults());
            assertThat(monitor.alerts().settings().resolveGrace()).isZero();
        });
    }

    @Test
    void jdbcStoreUsesTheApplicationsDataSourceByDefault() {
        String url = h2Memory("app");
        runner.withBean("dataSource", DataSource.class, () -> h2(url))
                .withPropertyValues("monitor.store.type=jdbc")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(MonitorStore.class)).isInstanceOf(JdbcMonitorStore.class);
                    assertThat(context).doesNotHaveBean(StoreConnectionPool.class);
                    Monitor monitor = context.getBean(Monitor.class);
                    assertThat(monitor.store().shared()).isTrue();
                    assertThat(monitor.storeStatus().capacity()).isEqualTo(StoreSettings.ofDefaults().bufferCapacity());
                    // with a shared store, zero means two evaluation intervals
                    assertThat(monitor.alerts().settings().resolveGrace()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(storeTables(h2(url))).isNotEmpty();
                    // Vigil's own statements stay out of the application's statement statistics
                    MonitoredDataSource app = (MonitoredDataSource) context.getBean(DataSource.class);
                    assertThat(app.statistics().snapshot().statements())
                            .noneSatisfy(shape -> assertThat(shape.sql().toLowerCase()).contains("monitor_"));
                });
    }

    @Test
    void jdbcStoreTakesADataSourceOfItsOwnFromTheUrl() {
        String appUrl = h2Memory("app");
        String storeUrl = h2Memory("store");
        runner.withBean("dataSource", DataSource.class, () -> h2(appUrl))
                .withPropertyValues("monitor.store.type=JDBC", "monitor.store.datasource.url=" + storeUrl,
                        "monitor.store.datasource.username=sa", "monitor.store.datasource.password=",
                        "monitor.store.datasource.driver-class-name=org.h2.Driver", "monitor.store.table-prefix=vigil_")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(DataSource.class); // the store's pool is no DataSource bean
                    assertThat(context.getBean(MonitorStore.class)).isInstanceOf(JdbcMonitorStore.class);
                    assertThat(storeTables(h2(storeUrl, "sa"), "vigil_")).isNotEmpty();
                    assertThat(storeTables(h2(appUrl), "vigil_")).isEmpty();
                    assertThat(context.getBean(Monitor.class).health().names()).contains("database"); // the app's
                    StoreConnectionPool pool = context.getBean(StoreConnectionPool.class);
                    context.close();
                    assertThat(pool.isClosed()).isTrue();
                });
    }

    @Test
    void jdbcStoreWorksWithoutAnyApplicationDataSource() {
        runner.withPropertyValues("monitor.store.type=jdbc", "monitor.store.datasource.url=" + h2Memory("alone"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(DataSource.class);
                    assertThat(context.getBean(Monitor.class).store().shared()).isTrue();
                });
    }

    @Test
    void theApplicationsStoreWins() {
        MonitorStore own = new MemoryMonitorStore(Clock.systemUTC());
        runner.withBean("myStore", MonitorStore.class, () -> own)
                .withPropertyValues("monitor.store.type=jdbc", "monitor.store.datasource.url=" + h2Memory("unused"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(MonitorStore.class);
                    assertThat(context).doesNotHaveBean(StoreConnectionPool.class);
                    assertThat(context.getBean(Monitor.class).store()).isSameAs(own);
                });
    }

    @Test
    void jdbcWithoutADataSourceFailsAtStartupNamingTheProperties() {
        runner.withPropertyValues("monitor.store.type=jdbc").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("monitor.store.type=jdbc needs a DataSource")
                        .hasMessageContaining("monitor.store.datasource.url")
                        .hasMessageContaining("spring.datasource.url"));
    }

    @Test
    void jdbcWithoutTheJdbcModuleFailsAtStartupSayingSo() {
        runner.withClassLoader(new FilteredClassLoader(JdbcMonitorStore.class))
                .withPropertyValues("monitor.store.type=jdbc")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("monitor.store.type=jdbc needs the dev.vigil:monitor-jdbc module"));
    }

    @Test
    void anUnknownStoreTypeFailsAtStartupNamingTheProperty() {
        runner.withPropertyValues("monitor.store.type=mongo").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).anySatisfy(message ->
                    assertThat(message).contains("monitor.store.type"));
        });
    }

    @Test
    void retentionPurgeAndBufferPropertiesReachTheStoreSettings() {
        runner.withBean("dataSource", DataSource.class, () -> h2(h2Memory("settings")))
                .withPropertyValues("monitor.store.type=jdbc", "monitor.store.retention.check-runs=7d",
                        "monitor.store.retention.alert-history=90d", "monitor.store.retention.notifications=14d",
                        "monitor.store.retention.audit=365d", "monitor.store.purge-interval=15m",
                        "monitor.store.purge-batch-size=250", "monitor.store.buffer-capacity=1234",
                        "monitor.instance-id=web-1", "monitor.alerts.resolve-grace=45s")
                .run(context -> {
                    StoreSettings settings = context.getBean(StoreSettings.class);
                    assertThat(settings.retention(StoredKind.CHECK_RUNS)).isEqualTo(Duration.ofDays(7));
                    assertThat(settings.retention(StoredKind.ALERT_HISTORY)).isEqualTo(Duration.ofDays(90));
                    assertThat(settings.retention(StoredKind.NOTIFICATIONS)).isEqualTo(Duration.ofDays(14));
                    assertThat(settings.retention(StoredKind.AUDIT)).isEqualTo(Duration.ofDays(365));
                    assertThat(settings.purgeInterval()).isEqualTo(Duration.ofMinutes(15));
                    assertThat(settings.purgeBatchSize()).isEqualTo(250);
                    assertThat(settings.bufferCapacity()).isEqualTo(1234);
                    Monitor monitor = context.getBean(Monitor.class);
                    assertThat(monitor.storeStatus().capacity()).isEqualTo(1234);
                    assertThat(monitor.instanceId()).isEqualTo("web-1");
                    assertThat(monitor.alerts().settings().resolveGrace()).isEqualTo(Duration.ofSeconds(45));
                });
    }

    @Test
    void anInvalidRetentionFailsAtStartupNamingTheProperty() {
        runner.withPropertyValues("monitor.store.retention.audit=0s").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("monitor.store.retention.audit must be positive"));
    }

    @Test
    void checksOfSharedThingsAreSingletonsAndPerInstanceChecksAreNot() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(VigilStoreAutoConfiguration.class, VigilAutoConfiguration.class,
                        VigilJdbcAutoConfiguration.class))
                .withBean("dataSource", DataSource.class, () -> h2(h2Memory("checks")))
                .withPropertyValues("monitor.checks.http[0].name=portal", "monitor.checks.http[0].url=http://127.0.0.1:9/portal")
                .run(context -> {
                    Monitor monitor = context.getBean(Monitor.class);
                    assertThat(monitor.health().registration("portal").orElseThrow().singleton()).isTrue();
                    assertThat(monitor.health().registration("database").orElseThrow().singleton()).isTrue();
                    assertThat(monitor.health().registration("disk").orElseThrow().singleton()).isFalse();
                    assertThat(monitor.health().registration("memory").orElseThrow().singleton()).isFalse();
                });
    }

    private static String h2Memory(String name) {
        return "jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    private static DataSource h2(String url) {
        return h2(url, "");
    }

    private static DataSource h2(String url, String user) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser(user);
        return dataSource;
    }

    private static List<String> storeTables(DataSource dataSource) throws SQLException {
        return storeTables(dataSource, "monitor_");
    }

    private static List<String> storeTables(DataSource dataSource, String prefix) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT LOWER(TABLE_NAME) FROM INFORMATION_SCHEMA.TABLES"
                        + " WHERE TABLE_SCHEMA = 'PUBLIC'")) {
            while (rows.next()) {
                if (rows.getString(1).startsWith(prefix)) {
                    tables.add(rows.getString(1));
                }
            }
        }
        return tables;
    }

    private static List<String> messages(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            messages.add(String.valueOf(cause.getMessage()));
        }
        return messages;
    }
}
