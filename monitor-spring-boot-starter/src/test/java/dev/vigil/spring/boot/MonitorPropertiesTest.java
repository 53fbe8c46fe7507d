package dev.vigil.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.alert.AlertSettings;
import dev.vigil.api.ApiSettings;
import dev.vigil.health.HealthSettings;
import dev.vigil.health.checks.DiskSpaceCheck;
import dev.vigil.health.checks.HttpEndpointCheck;
import dev.vigil.health.checks.JvmHeapCheck;
import dev.vigil.jdbc.DataSourceHealthCheck;
import dev.vigil.jdbc.query.QueryRunnerSettings;
import dev.vigil.store.StoreSettings;
import dev.vigil.store.StoredKind;
import org.junit.jupiter.api.Test;

/** The property defaults are literals (for IDE metadata); they must match the core's constants. */
class MonitorPropertiesTest {

    private final MonitorProperties properties = new MonitorProperties();

    @Test
    void healthDefaultsMatchTheCore() {
        MonitorProperties.Health health = properties.getHealth();
        assertThat(health.getInterval()).isEqualTo(HealthSettings.DEFAULT_INTERVAL);
        assertThat(health.getTimeout()).isEqualTo(HealthSettings.DEFAULT_TIMEOUT);
        assertThat(health.getMaxConcurrentChecks()).isEqualTo(HealthSettings.DEFAULT_MAX_CONCURRENT_CHECKS);
        assertThat(health.getHistorySize()).isEqualTo(HealthSettings.DEFAULT_HISTORY_SIZE);
        assertThat(health.getPath()).isEqualTo(ApiSettings.DEFAULT_HEALTH_PATH);
        assertThat(properties.getAdmin().getBasePath()).isEqualTo(ApiSettings.DEFAULT_ADMIN_BASE_PATH);
    }

    @Test
    void checkDefaultsMatchTheCore() {
        MonitorProperties.Checks checks = properties.getChecks();
        assertThat(checks.getDisk().getPath()).isEqualTo(DiskSpaceCheck.DEFAULT_PATH.toString());
        assertThat(checks.getDisk().getDegradedAbove()).isEqualTo(DiskSpaceCheck.DEFAULT_DEGRADED_ABOVE);
        assertThat(checks.getDisk().getDownAbove()).isEqualTo(DiskSpaceCheck.DEFAULT_DOWN_ABOVE);
        assertThat(checks.getMemory().getDegradedAbove()).isEqualTo(JvmHeapCheck.DEFAULT_DEGRADED_ABOVE);
        assertThat(checks.getMemory().getDownAbove()).isEqualTo(JvmHeapCheck.DEFAULT_DOWN_ABOVE);
        assertThat(checks.getDatabase().getQueryTimeout()).isEqualTo(DataSourceHealthCheck.DEFAULT_QUERY_TIMEOUT);
        assertThat(checks.getDatabase().getDegradedAbove()).isEqualTo(DataSourceHealthCheck.DEFAULT_DEGRADED_ABOVE);
        assertThat(checks.getDatabase().getConnectionUsageDegradedAbove())
                .isEqualTo(DataSourceHealthCheck.DEFAULT_CONNECTION_USAGE_DEGRADED_ABOVE);
        assertThat(checks.getDatabase().isCritical()).isTrue();
        MonitorProperties.HttpCheck http = new MonitorProperties.HttpCheck();
        assertThat(http.getExpectedStatus()).isEqualTo(HttpEndpointCheck.DEFAULT_EXPECTED_STATUS);
        assertThat(http.getMaxResponseTime()).isEqualTo(HttpEndpointCheck.DEFAULT_MAX_RESPONSE_TIME);
        assertThat(http.getTimeout()).isEqualTo(HttpEndpointCheck.DEFAULT_REQUEST_TIMEOUT);
    }

    @Test
    void queryDefaultsMatchTheRunner() {
        MonitorProperties.Query query = properties.getQuery();
        assertThat(query.getTimeout()).isEqualTo(QueryRunnerSettings.DEFAULT_TIMEOUT);
        assertThat(query.getMaxConcurrent()).isEqualTo(QueryRunnerSettings.DEFAULT_MAX_CONCURRENT_QUERIES);
        assertThat(query.getPoolReserve()).isEqualTo(QueryRunnerSettings.DEFAULT_POOL_RESERVE);
        assertThat(query.getMaxRows()).isEqualTo(QueryRunnerSettings.DEFAULT_MAX_ROWS);
        assertThat(query.getMaxSeriesRows()).isEqualTo(QueryRunnerSettings.DEFAULT_MAX_SERIES_ROWS);
        assertThat(query.getMaxRowsCap()).isEqualTo(QueryRunnerSettings.DEFAULT_MAX_ROWS_CAP);
        assertThat(query.getMaxQueryLength()).isEqualTo(QueryRunnerSettings.DEFAULT_MAX_QUERY_LENGTH);
        assertThat(query.getMaxResultChars()).isEqualTo(QueryRunnerSettings.DEFAULT_MAX_RESULT_CHARS);
        assertThat(query.getMaxCellChars()).isEqualTo(QueryRunnerSettings.DEFAULT_MAX_CELL_CHARS);
    }

    @Test
    void storeDefaultsMatchTheCore() {
        MonitorProperties.Store store = properties.getStore();
        StoreSettings defaults = StoreSettings.ofDefaults();
        assertThat(store.getType()).isEqualTo(MonitorProperties.StoreType.MEMORY);
        assertThat(store.getInitializeSchema()).isEqualTo(MonitorProperties.SchemaInitialization.EMBEDDED);
        assertThat(store.getTablePrefix()).isEqualTo("monitor_");
        assertThat(store.getRetention().getCheckRuns()).isEqualTo(defaults.retention(StoredKind.CHECK_RUNS));
        assertThat(store.getRetention().getAlertHistory()).isEqualTo(defaults.retention(StoredKind.ALERT_HISTORY));
        assertThat(store.getRetention().getNotifications()).isEqualTo(defaults.retention(StoredKind.NOTIFICATIONS));
        assertThat(store.getRetention().getAudit()).isEqualTo(defaults.retention(StoredKind.AUDIT));
        assertThat(store.getPurgeInterval()).isEqualTo(defaults.purgeInterval());
        assertThat(store.getPurgeBatchSize()).isEqualTo(defaults.purgeBatchSize());
        assertThat(store.getBufferCapacity()).isEqualTo(defaults.bufferCapacity());
        assertThat(new MonitorAlertProperties().getResolveGrace()).isEqualTo(AlertSettings.ofDefaults().resolveGrace());
    }
}
