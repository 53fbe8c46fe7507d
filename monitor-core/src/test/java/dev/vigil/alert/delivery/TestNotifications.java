package dev.vigil.alert.delivery;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertState;
import dev.vigil.alert.Notification;
import dev.vigil.alert.Severity;

/** Builds notifications for delivery and sink tests. */
public final class TestNotifications {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private TestNotifications() {
    }

    /** A firing notification of a rule named after the severity, with a unique id. */
    public static Notification firing(Severity severity, Instant at) {
        return firing(severity, Map.of(), at);
    }

    /** A firing notification with these labels and a unique id. */
    public static Notification firing(Severity severity, Map<String, String> labels, Instant at) {
        int n = SEQUENCE.incrementAndGet();
        Alert alert = new Alert("alert-" + n, severity.jsonName() + "-rule", severity.jsonName() + "-rule" + labels,
                severity, AlertState.FIRING, "Error rate 12.4% above 10%", labels, 0.124, at.minusSeconds(60), at,
                null, false, null);
        return new Notification("n-" + n, Notification.Kind.FIRING, alert, "shop", at);
    }
}
