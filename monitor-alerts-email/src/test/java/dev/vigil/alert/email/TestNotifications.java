package dev.vigil.alert.email;

import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertState;
import dev.vigil.alert.Notification;
import dev.vigil.alert.Severity;
import java.time.Instant;
import java.util.Map;

/** Notifications for tests. */
final class TestNotifications {

    static final Instant SINCE = Instant.parse("2026-11-03T10:15:00Z");
    static final String SERVICE = "vigil-demo";

    private TestNotifications() {
    }

    static Notification firing(String rule, Severity severity, String message) {
        Alert alert = new Alert("a-" + rule, rule, rule + "{route=/media-upload}", severity, AlertState.FIRING,
                message, Map.of("route", "/media-upload", "platform", "ios"), 0.124,
                SINCE, SINCE.plusSeconds(60), null, false, "restart-workers");
        return new Notification("n-" + rule, Notification.Kind.FIRING, alert, SERVICE, SINCE.plusSeconds(60));
    }

    static Notification resolved(String rule, Severity severity) {
        Alert alert = new Alert("a-" + rule, rule, rule, severity, AlertState.RESOLVED,
                "Back to normal", Map.of(), Double.NaN,
                SINCE, SINCE.plusSeconds(60), SINCE.plusSeconds(600), false, null);
        return new Notification("n-" + rule + "-resolved", Notification.Kind.RESOLVED, alert, SERVICE, SINCE.plusSeconds(600));
    }
}
