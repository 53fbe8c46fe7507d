package dev.vigil.alert.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertState;
import dev.vigil.alert.Notification;
import dev.vigil.alert.Severity;
import dev.vigil.alert.delivery.TestNotifications;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class LogAlertSinkTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void firingSeverityChoosesTheLevelAndResolvedIsInfo() {
        assertThat(LogAlertSink.level(TestNotifications.firing(Severity.CRITICAL, NOW))).isEqualTo(Level.ERROR);
        assertThat(LogAlertSink.level(TestNotifications.firing(Severity.WARNING, NOW))).isEqualTo(Level.WARN);
        assertThat(LogAlertSink.level(TestNotifications.firing(Severity.INFO, NOW))).isEqualTo(Level.INFO);
        assertThat(LogAlertSink.level(resolved("all good"))).isEqualTo(Level.INFO);
    }

    @Test
    void eachNotificationIsOneLineWithRuleMessageAndLabels() {
        Notification notification = TestNotifications.firing(Severity.CRITICAL, Map.of("route", "/upload"), NOW);

        assertThat(LogAlertSink.format(notification)).isEqualTo("[CRITICAL] firing critical-rule: Error rate 12.4% above 10%"
                + " (service=shop, labels={route=/upload}, value=0.124, alert=" + notification.alert().id()
                + ", notification=" + notification.id() + ")");
    }

    @Test
    void lineBreaksInMessagesCannotForgeLogLines() {
        assertThat(LogAlertSink.format(resolved("line one\nFAKE ERROR line\r\nthree"))).doesNotContain("\n", "\r")
                .startsWith("[WARNING] resolved disk: line one FAKE ERROR line three (service=shop");
    }

    @Test
    void sendingNeverFails() {
        assertThatCode(() -> new LogAlertSink().send(List.of(TestNotifications.firing(Severity.WARNING, NOW),
                resolved("ok")))).doesNotThrowAnyException();
        assertThat(LogAlertSink.NAME).isEqualTo("log");
    }

    private static Notification resolved(String message) {
        Alert alert = new Alert("a-r", "disk", "disk{}", Severity.WARNING, AlertState.RESOLVED, message, Map.of(),
                Double.NaN, NOW.minusSeconds(600), NOW.minusSeconds(300), NOW, false, null);
        return new Notification("n-r", Notification.Kind.RESOLVED, alert, "shop", NOW);
    }
}
