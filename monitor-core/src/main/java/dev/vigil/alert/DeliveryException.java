package dev.vigil.alert;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A failed delivery that says whether retrying can help, and when to retry (e.g. HTTP 429
 * {@code Retry-After}). Messages must never contain secrets (webhook URLs, passwords, tokens).
 */
public final class DeliveryException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean permanent;
    private final @Nullable Duration retryAfter;

    private DeliveryException(String message, boolean permanent, @Nullable Duration retryAfter, @Nullable Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
        this.retryAfter = retryAfter;
    }

    /** A failure retrying cannot fix: the batch is dead-lettered. */
    public static DeliveryException permanent(String message) {
        return new DeliveryException(message, true, null, null);
    }

    /** A failure retrying cannot fix, with its cause. */
    public static DeliveryException permanent(String message, Throwable cause) {
        return new DeliveryException(message, true, null, cause);
    }

    /** A failure worth retrying, not before {@code retryAfter} when the receiver said so (may be null). */
    public static DeliveryException transientFailure(String message, @Nullable Duration retryAfter) {
        return new DeliveryException(message, false, retryAfter, null);
    }

    /** A failure worth retrying, with its cause. */
    public static DeliveryException transientFailure(String message, Throwable cause) {
        return new DeliveryException(message, false, null, cause);
    }

    /** Whether retrying cannot help. */
    public boolean isPermanent() {
        return permanent;
    }

    /** How long the receiver asked us to wait before retrying, if it did. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
