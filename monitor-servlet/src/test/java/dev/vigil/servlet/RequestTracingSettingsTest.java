package dev.vigil.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RequestTracingSettingsTest {

    @Test
    void defaultsArePublished() {
        RequestTracingSettings settings = RequestTracingSettings.ofDefaults();

        assertThat(settings.maxRoutes()).isEqualTo(200);
        assertThat(settings.maxPlatforms()).isEqualTo(20);
        assertThat(settings.maxSeries()).isEqualTo(500);
        assertThat(settings.groupUnmatchedNotFound()).isTrue();
    }

    @Test
    void invalidLimitsNameTheSetting() {
        assertThatThrownBy(() -> RequestTracingSettings.builder().maxRoutes(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-routes");
        assertThatThrownBy(() -> RequestTracingSettings.builder().maxPlatforms(1_001).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-platforms");
        assertThatThrownBy(() -> RequestTracingSettings.builder().maxSeries(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-series");
    }
}
