package dev.vigil.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertRuleRegistrationTest {

    private static final AlertRule NOTHING = context -> List.of();

    @Test
    void defaultsAreWarningFiringAtOnceAndEnabled() {
        AlertRuleRegistration registration = AlertRuleRegistration.of("orders", NOTHING);

        assertThat(registration.severity()).isEqualTo(Severity.WARNING);
        assertThat(registration.forDuration()).isZero();
        assertThat(registration.keepFiringFor()).isZero();
        assertThat(registration.labels()).isEmpty();
        assertThat(registration.suggestedAction()).isEmpty();
        assertThat(registration.enabled()).isTrue();
    }

    @Test
    void toBuilderKeepsEverySetting() {
        AlertRuleRegistration registration = AlertRuleRegistration.builder("orders", NOTHING).severity(Severity.CRITICAL)
                .forDuration(Duration.ofMinutes(1)).keepFiringFor(Duration.ofMinutes(2)).label("team", "shop")
                .suggestedAction("restart").enabled(false).build();

        AlertRuleRegistration copy = registration.toBuilder().build();

        assertThat(copy).usingRecursiveComparison().isEqualTo(registration);
    }

    @Test
    void invalidSettingsAreRejectedNamingTheSetting() {
        assertThatThrownBy(() -> AlertRuleRegistration.of("bad name", NOTHING))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alert rule name 'bad name'");
        assertThatThrownBy(() -> AlertRuleRegistration.builder("orders", NOTHING).keepFiringFor(Duration.ofSeconds(-1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("monitor.alerts.rules.orders.keep-firing-for must not be negative");
        assertThatThrownBy(() -> AlertRuleRegistration.builder("orders", NOTHING).label("rule", "x").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("monitor.alerts.rules.orders.labels: 'rule' is not allowed");
    }

    @Test
    void settingsValidationNamesTheProperty() {
        assertThat(AlertSettings.ofDefaults()).isEqualTo(new AlertSettings(Duration.ofSeconds(15), Duration.ofHours(4), true,
                1000, 1000, "service", Duration.ZERO));
        assertThatThrownBy(() -> AlertSettings.builder().repeatInterval(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("monitor.alerts.repeat-interval");
        assertThatThrownBy(() -> AlertSettings.builder().historySize(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("monitor.alerts.history-size");
    }

    @Test
    void silenceMatchesLabelsAndPseudoLabelsWithinItsTime() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        Silence silence = Silence.of(Map.of("rule", "errors", "severity", "CRITICAL", "route", "/a"), start,
                Duration.ofHours(1), "deploy", "alice");

        assertThat(silence.matches("errors", Severity.CRITICAL, Map.of("route", "/a", "platform", "ios"))).isTrue();
        assertThat(silence.matches("errors", Severity.WARNING, Map.of("route", "/a"))).isFalse();
        assertThat(silence.matches("errors", Severity.CRITICAL, Map.of("route", "/b"))).isFalse();
        assertThat(silence.isActiveAt(start)).isTrue();
        assertThat(silence.isActiveAt(start.plus(Duration.ofHours(1)))).isFalse();
        assertThatThrownBy(() -> Silence.of(Map.of(), start, Duration.ofHours(1), "", "alice"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one matcher");
    }
}
