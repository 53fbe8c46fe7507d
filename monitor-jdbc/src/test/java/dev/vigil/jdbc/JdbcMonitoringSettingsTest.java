package dev.vigil.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JdbcMonitoringSettingsTest {

    @Test
    void defaultsArePublishedAndUsed() {
        JdbcMonitoringSettings settings = JdbcMonitoringSettings.ofDefaults();

        assertThat(settings.slowQueryThreshold()).isEqualTo(JdbcMonitoringSettings.DEFAULT_SLOW_QUERY_THRESHOLD)
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.maxStatementShapes()).isEqualTo(JdbcMonitoringSettings.DEFAULT_MAX_STATEMENT_SHAPES)
                .isEqualTo(500);
        assertThat(settings.topSlowest()).isEqualTo(JdbcMonitoringSettings.DEFAULT_TOP_SLOWEST).isEqualTo(10);
        assertThat(JdbcMonitoringSettings.builder().build()).isEqualTo(settings);
    }

    @Test
    void builderSetsEverySetting() {
        JdbcMonitoringSettings settings = JdbcMonitoringSettings.builder()
                .slowQueryThreshold(Duration.ofMillis(250))
                .maxStatementShapes(50)
                .topSlowest(3)
                .build();

        assertThat(settings).isEqualTo(new JdbcMonitoringSettings(Duration.ofMillis(250), 50, 3));
    }

    @Test
    void invalidSettingsAreRejectedNamingTheSetting() {
        assertThatThrownBy(() -> JdbcMonitoringSettings.builder().slowQueryThreshold(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("monitor.jdbc.slow-query-threshold");
        assertThatThrownBy(() -> JdbcMonitoringSettings.builder().maxStatementShapes(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("monitor.jdbc.max-statement-shapes");
        assertThatThrownBy(() -> JdbcMonitoringSettings.builder().topSlowest(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("monitor.jdbc.top-slowest");
    }
}
