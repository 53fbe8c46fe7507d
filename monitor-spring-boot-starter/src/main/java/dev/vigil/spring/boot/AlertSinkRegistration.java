package dev.vigil.spring.boot;

import java.time.Duration;
import java.util.Objects;
import dev.vigil.alert.AlertSink;

/**
 * A sink under the name routes use, with the least time between two of its sends (Slack wants one
 * message per second per webhook). A plain {@link AlertSink} bean is registered under its bean name.
 *
 * @param name the sink's name, e.g. {@code slack}
 * @param sink the sink
 * @param minSendInterval least time between two sends; zero for none
 */
public record AlertSinkRegistration(String name, AlertSink sink, Duration minSendInterval) {

    public AlertSinkRegistration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(minSendInterval, "minSendInterval");
    }
}
