package dev.vigil.alert;

import java.util.List;

/**
 * Delivers notifications somewhere people will see them: Slack, email, a webhook, a log.
 *
 * <p>Vigil calls it from its own delivery thread for that sink, never from a request or the
 * evaluation thread, with a batch of one or more notifications routed to this sink (several when the
 * route groups them, e.g. warnings by email every 5 minutes). Throw
 * {@link DeliveryException#permanent(String)} for a failure that retrying cannot fix (bad payload,
 * unknown channel, SMTP 5xx): the notifications are dead-lettered. Any other exception, or
 * {@link DeliveryException#transientFailure(String, java.time.Duration)}, is retried with backoff.
 * Nothing is dropped: every notification is in the outbox before the first attempt.
 */
@FunctionalInterface
public interface AlertSink {

    /**
     * Sends one batch; returns normally only once the receiver has accepted it.
     *
     * @param batch one or more notifications, oldest first
     * @throws Exception any failure; see the class description for how it is treated
     */
    void send(List<Notification> batch) throws Exception;
}
