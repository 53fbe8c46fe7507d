package dev.vigil.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthResultTest {

    @Test
    void downFromExceptionCarriesTypeAndMessage() {
        HealthResult result = HealthResult.down(new IOException("disk gone"));

        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.message()).isEqualTo("IOException: disk gone");
        assertThat(result.problem()).contains("IOException: disk gone");
    }

    @Test
    void detailsAreCopiedAndOrdered() {
        Map<String, Object> details = new HashMap<>();
        HealthResult result = HealthResult.up().withDetail("z", 1).withDetail("a", 2).withDetails(details);
        details.put("late", 3);

        assertThat(result.details()).containsExactly(Map.entry("z", 1), Map.entry("a", 2));
        assertThatThrownBy(() -> result.details().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void nullDetailValuesAreRejectedWithTheirKey() {
        Map<String, Object> details = new HashMap<>();
        details.put("pool", null);

        assertThatThrownBy(() -> HealthResult.up().withDetails(details))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("'pool'");
    }

    @Test
    void upHasNoProblemAndDegradedReportsItsMessage() {
        assertThat(HealthResult.up("fine").problem()).isEmpty();
        assertThat(HealthResult.degraded("pool at 82%").problem()).contains("pool at 82%");
    }

    @Test
    void timingAndSuggestedActionAreKept() {
        Instant at = Instant.parse("2026-03-01T10:00:00Z");
        HealthResult result = HealthResult.degraded("stale").withSuggestedAction("start_curation")
                .timed(at, Duration.ofMillis(12));

        assertThat(result.checkedAt()).isEqualTo(at);
        assertThat(result.duration()).isEqualTo(Duration.ofMillis(12));
        assertThat(result.suggestedActionId()).contains("start_curation");
    }

    @Test
    void registrationValidatesNameAndDurations() {
        assertThatThrownBy(() -> HealthCheckRegistration.builder("bad name", HealthResult::up).build())
                .hasMessageContaining("'bad name'");
        assertThatThrownBy(() -> HealthCheckRegistration.builder("db", HealthResult::up).timeout(Duration.ZERO).build())
                .hasMessageContaining("timeout must be positive");
    }
}
