package dev.vigil.alert.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeliverySettingsTest {

    private final DeliverySettings defaults = DeliverySettings.ofDefaults();

    @Test
    void defaultsArePublished() {
        assertThat(defaults.maxAttempts()).isEqualTo(8);
        assertThat(defaults.initialBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.maxBackoff()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.multiplier()).isEqualTo(2.0);
        assertThat(defaults.jitter()).isEqualTo(0.2);
        assertThat(defaults.sendTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.maxBatchSize()).isEqualTo(50);
        assertThat(defaults.minSendInterval("slack")).isZero();
    }

    @Test
    void backoffDoublesFromOneSecondWithinTwentyPercentJitter() {
        for (int attempt = 1; attempt <= 8; attempt++) {
            long base = 1000L << (attempt - 1);
            assertThat(defaults.backoff(attempt, 0.0).toMillis()).isEqualTo(Math.round(base * 0.8));
            assertThat(defaults.backoff(attempt, 0.5).toMillis()).isEqualTo(base);
            assertThat(defaults.backoff(attempt, 0.999_999).toMillis()).isBetween(base, Math.round(base * 1.2));
        }
    }

    @Test
    void backoffIsCappedAtTheMaximumEvenWithJitter() {
        assertThat(defaults.backoff(20, 0.999_999)).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.backoff(20, 0.0)).isEqualTo(Duration.ofMinutes(4));
        assertThat(defaults.backoff(10_000, 0.5)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void minSendIntervalIsPerSinkWithADefault() {
        DeliverySettings settings = DeliverySettings.builder()
                .defaultMinSendInterval(Duration.ofMillis(100))
                .minSendInterval("slack", Duration.ofSeconds(1))
                .build();

        assertThat(settings.minSendInterval("slack")).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.minSendInterval("email")).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void invalidSettingsNameTheProperty() {
        assertThatThrownBy(() -> DeliverySettings.builder().maxAttempts(0).build())
                .hasMessageContaining("max-attempts");
        assertThatThrownBy(() -> DeliverySettings.builder().maxBackoff(Duration.ofMillis(10)).build())
                .hasMessageContaining("max-backoff");
        assertThatThrownBy(() -> DeliverySettings.builder().jitter(1.0).build())
                .hasMessageContaining("jitter");
        assertThatThrownBy(() -> DeliverySettings.builder().sendTimeout(Duration.ZERO).build())
                .hasMessageContaining("send-timeout");
        assertThatThrownBy(() -> DeliverySettings.builder().minSendInterval("slack", Duration.ofSeconds(-1)).build())
                .hasMessageContaining("min-send-intervals.slack");
    }
}
