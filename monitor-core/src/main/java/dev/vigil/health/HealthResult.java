package dev.vigil.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one health check run.
 *
 * <p>A check builds one with the factories ({@link #up()}, {@link #degraded(String)},
 * {@link #down(Throwable)}...) and the {@code with...} methods; the runtime then stamps the time
 * the run started and how long it took ({@link #timed(Instant, Duration)}). Until stamped,
 * {@link #checkedAt()} is {@link Instant#EPOCH} and {@link #duration()} is zero.
 *
 * @param status what the check saw
 * @param message a short human-readable explanation, may be empty
 * @param details structured facts (numbers, strings, booleans, nested maps or lists), insertion-ordered
 * @param error the error text when the run failed, for example an exception's message
 * @param suggestedAction the id of a remediation action an operator could run, if the check knows one
 * @param checkedAt when the run started
 * @param duration how long the run took
 */
public record HealthResult(
        HealthStatus status,
        String message,
        Map<String, Object> details,
        @Nullable String error,
        @Nullable String suggestedAction,
        Instant checkedAt,
        Duration duration) {

    public HealthResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(checkedAt, "checkedAt");
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative: " + duration);
        }
        details.forEach((key, value) -> {
            Objects.requireNonNull(key, "detail key");
            Objects.requireNonNull(value, () -> "detail '" + key + "' has a null value");
        });
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** A healthy result with no message. */
    public static HealthResult up() {
        return of(HealthStatus.UP, "");
    }

    /** A healthy result with a message such as {@code "42 ms"}. */
    public static HealthResult up(String message) {
        return of(HealthStatus.UP, message);
    }

    /** A working-but-impaired result, for example {@code degraded("pool at 82%")}. */
    public static HealthResult degraded(String message) {
        return of(HealthStatus.DEGRADED, message);
    }

    /** A failed result with an explanation; the message is also the error text. */
    public static HealthResult down(String message) {
        return new HealthResult(HealthStatus.DOWN, message, Map.of(), message, null, Instant.EPOCH, Duration.ZERO);
    }

    /** A failed result caused by {@code error}; message and error text come from the exception. */
    public static HealthResult down(Throwable error) {
        Objects.requireNonNull(error, "error");
        String text = describe(error);
        return new HealthResult(HealthStatus.DOWN, text, Map.of(), text, null, Instant.EPOCH, Duration.ZERO);
    }

    /** A result with the given status and message. */
    public static HealthResult of(HealthStatus status, String message) {
        return new HealthResult(status, message, Map.of(), null, null, Instant.EPOCH, Duration.ZERO);
    }

    /** This result with one more detail. */
    public HealthResult withDetail(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(details);
        copy.put(key, value);
        return new HealthResult(status, message, copy, error, suggestedAction, checkedAt, duration);
    }

    /** This result with the given details added (later keys win). */
    public HealthResult withDetails(Map<String, ?> more) {
        Map<String, Object> copy = new LinkedHashMap<>(details);
        copy.putAll(more);
        return new HealthResult(status, message, copy, error, suggestedAction, checkedAt, duration);
    }

    /** This result with an error text. */
    public HealthResult withError(String errorText) {
        return new HealthResult(status, message, details, Objects.requireNonNull(errorText, "errorText"),
                suggestedAction, checkedAt, duration);
    }

    /** This result pointing an operator at a registered remediation action, e.g. {@code "clear_cache"}. */
    public HealthResult withSuggestedAction(String actionId) {
        return new HealthResult(status, message, details, error,
                Objects.requireNonNull(actionId, "actionId"), checkedAt, duration);
    }

    /** This result stamped with when its run started and how long it took. */
    public HealthResult timed(Instant startedAt, Duration took) {
        return new HealthResult(status, message, details, error, suggestedAction, startedAt, took);
    }

    /** The error text, if the run failed with one. */
    public Optional<String> errorText() {
        return Optional.ofNullable(error);
    }

    /** The suggested remediation action id, if any. */
    public Optional<String> suggestedActionId() {
        return Optional.ofNullable(suggestedAction);
    }

    /** What an operator should read for a non-healthy result: the error text, else the message. */
    public Optional<String> problem() {
        if (status == HealthStatus.UP) {
            return Optional.empty();
        }
        if (error != null && !error.isEmpty()) {
            return Optional.of(error);
        }
        return message.isEmpty() ? Optional.of(status.jsonName()) : Optional.of(message);
    }

    private static String describe(Throwable error) {
        String text = error.getMessage();
        String type = error.getClass().getSimpleName();
        return text == null || text.isBlank() ? type : type + ": " + text;
    }
}
