package dev.vigil.alert.sinks;

import java.util.List;
import java.util.Objects;
import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertSink;
import dev.vigil.alert.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Writes each notification as one line to an SLF4J logger: firing CRITICAL at ERROR, WARNING at WARN,
 * INFO at INFO; resolved notifications at INFO. It is the sink of last resort: it never fails, and
 * the dispatcher always has one, named {@value #NAME}.
 */
public final class LogAlertSink implements AlertSink {

    /** The name the dispatcher and the default routes know this sink by. */
    public static final String NAME = "log";

    private final Logger logger;

    /** A sink that logs to the logger {@code dev.vigil.alert.sinks.LogAlertSink}. */
    public LogAlertSink() {
        this(LoggerFactory.getLogger(LogAlertSink.class));
    }

    /** A sink that logs to the given logger, e.g. one the host routes to its own appender. */
    public LogAlertSink(Logger logger) {
        this.logger = Objects.requireNonNull(logger, "logger");
    }

    @Override
    public void send(List<Notification> batch) {
        for (Notification notification : batch) {
            logger.atLevel(level(notification)).log(format(notification));
        }
    }

    /** The level a notification is logged at: by severity while firing, INFO once resolved. */
    public static Level level(Notification notification) {
        if (notification.kind() == Notification.Kind.RESOLVED) {
            return Level.INFO;
        }
        switch (notification.alert().severity()) {
            case CRITICAL:
                return Level.ERROR;
            case WARNING:
                return Level.WARN;
            default:
                return Level.INFO;
        }
    }

    /**
     * The single line logged for a notification, e.g.
     * {@code [CRITICAL] firing error-ratio: Error rate 12.4% above 10% (service=shop, labels={route=/upload}, value=0.124, alert=a-1, notification=n-1)}.
     */
    public static String format(Notification notification) {
        Alert alert = notification.alert();
        StringBuilder line = new StringBuilder(160)
                .append('[').append(alert.severity().name()).append("] ")
                .append(notification.kind().jsonName()).append(' ')
                .append(alert.rule()).append(": ")
                .append(alert.message())
                .append(" (service=").append(notification.service());
        if (!alert.labels().isEmpty() && notification.kind() != Notification.Kind.REPLY) {
            // a reply's labels say where it goes (a chat's one-time response URL), which logs must not show
            line.append(", labels=").append(alert.labels());
        }
        if (Double.isFinite(alert.value())) {
            line.append(", value=").append(alert.value());
        }
        alert.suggestedActionId().ifPresent(action -> line.append(", suggestedAction=").append(action));
        if (alert.acknowledged()) {
            line.append(", acknowledged");
        }
        line.append(", alert=").append(alert.id())
                .append(", notification=").append(notification.id()).append(')');
        return oneLine(line.toString());
    }

    private static String oneLine(String text) {
        return text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }
}
