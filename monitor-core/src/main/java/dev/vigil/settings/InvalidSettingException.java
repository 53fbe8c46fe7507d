package dev.vigil.settings;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A setting's value is not allowed: thrown by the settings builders, naming the setting the way a Spring Boot
 * host writes it ({@code monitor.health.interval}), the value, and what is allowed ({@code must be positive}).
 * The message reads {@code monitor.health.interval must be positive, was PT0S}; the Spring Boot starter turns it
 * into a start-up failure report that says where the value was set.
 */
public class InvalidSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String key;
    private final @Nullable String value;
    private final String requirement;

    /**
     * @param key the setting, e.g. {@code monitor.health.interval}
     * @param value the rejected value, or null when it was missing
     * @param requirement what is allowed, as a predicate of the setting: {@code must be positive}, {@code must be 1..256}
     */
    public InvalidSettingException(String key, @Nullable Object value, String requirement) {
        super(Objects.requireNonNull(key, "key") + " " + Objects.requireNonNull(requirement, "requirement") + ", was " + value);
        this.key = key;
        this.value = value == null ? null : value.toString();
        this.requirement = requirement;
    }

    /** The setting, e.g. {@code monitor.health.interval}. */
    public String key() {
        return key;
    }

    /** The rejected value as text, or null when it was missing. */
    public @Nullable String value() {
        return value;
    }

    /** What is allowed: {@code must be positive}. */
    public String requirement() {
        return requirement;
    }
}
