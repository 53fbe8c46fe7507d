package dev.vigil.jdbc.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryRunnerSettingsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        QueryRunnerSettings settings = QueryRunnerSettings.ofDefaults();

        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.maxConcurrentQueries()).isEqualTo(2);
        assertThat(settings.poolReserve()).isEqualTo(2);
        assertThat(settings.defaultMaxRows()).isEqualTo(100);
        assertThat(settings.maxRowsCap()).isEqualTo(1000);
        assertThat(settings.maxQueryLength()).isEqualTo(16_384);
        assertThat(settings.maxResultChars()).isEqualTo(1_048_576);
        assertThat(settings.maxCellChars()).isEqualTo(65_536);
        assertThat(settings.maxSeriesRows()).isEqualTo(100_000);
        assertThat(settings.allowedTables()).isEmpty();
        assertThat(settings.redactedColumns()).containsExactly("password", "passwd", "secret", "token", "api_key", "apikey",
                "private_key", "credit_card", "ssn");
    }

    @Test
    void limitsAreKept() {
        QueryRunnerSettings settings = QueryRunnerSettings.builder().maxConcurrentQueries(1).poolReserve(0).build();

        assertThat(settings.maxConcurrentQueries()).isEqualTo(1);
        assertThat(settings.poolReserve()).isZero();
        assertThat(settings.toString()).contains("maxConcurrentQueries=1", "poolReserve=0");
    }

    @Test
    void namesAreNormalised() {
        QueryRunnerSettings settings = QueryRunnerSettings.builder()
                .allowedTables(List.of(" Users ", "\"Public\".\"Orders\""))
                .redactedColumns(List.of("PIN", "pin", " Iban "))
                .build();

        assertThat(settings.allowedTables()).containsExactlyInAnyOrder("users", "public.orders");
        assertThat(settings.redactedColumns()).containsExactly("pin", "iban");
    }

    @Test
    void invalidSettingsAreNamed() {
        assertThatThrownBy(() -> QueryRunnerSettings.builder().timeout(Duration.ZERO).build())
                .hasMessage("monitor.query.timeout must be at least 1 ms, was PT0S");
        assertThatThrownBy(() -> QueryRunnerSettings.builder().maxConcurrentQueries(0).build())
                .hasMessage("monitor.query.max-concurrent must be between 1 and 64, was 0");
        assertThatThrownBy(() -> QueryRunnerSettings.builder().maxConcurrentQueries(65).build())
                .hasMessage("monitor.query.max-concurrent must be between 1 and 64, was 65");
        assertThatThrownBy(() -> QueryRunnerSettings.builder().poolReserve(-1).build())
                .hasMessage("monitor.query.pool-reserve must be at least 0, was -1");
        assertThatThrownBy(() -> QueryRunnerSettings.builder().defaultMaxRows(2000).build())
                .hasMessage("monitor.query.max-rows must be between 1 and monitor.query.max-rows-cap (1000), was 2000");
        assertThatThrownBy(() -> QueryRunnerSettings.builder().maxRowsCap(0).build())
                .hasMessage("monitor.query.max-rows-cap must be at least 1, was 0");
        assertThatThrownBy(() -> QueryRunnerSettings.builder().maxQueryLength(0).build())
                .hasMessage("monitor.query.max-query-length must be at least 1, was 0");
        assertThatThrownBy(() -> QueryRunnerSettings.builder().maxCellChars(100).maxResultChars(99).build())
                .hasMessage("monitor.query.max-result-chars must be at least monitor.query.max-cell-chars (100), was 99");
        assertThatThrownBy(() -> QueryRunnerSettings.builder().maxSeriesRows(0).build())
                .hasMessage("monitor.query.max-series-rows must be at least 1, was 0");
        assertThatThrownBy(() -> QueryRunnerSettings.builder().allowedTables(List.of("a.b.c")))
                .hasMessage("monitor.query.allowed-tables: 'a.b.c' is not a table or schema.table name");
        assertThatThrownBy(() -> QueryRunnerSettings.builder().redactedColumns(List.of(" ")))
                .hasMessage("monitor.query.redacted-columns must not contain a blank pattern");
    }
}
