package dev.vigil.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * A typed runtime switch of {@link RuntimeConfig}: its name, type, default, allowed range and
 * description. The known keys are the constants of {@link RuntimeConfig}.
 *
 * <p>Values are accepted in their Java type, as text ({@code "true"}, {@code "20"}, {@code "30s"}) or
 * as a Jackson {@link JsonNode}; anything else is refused with a message naming the key, the allowed
 * values and what was given, e.g. {@code actions.max-per-hour must be an integer 1..1000, was 'abc'}.
 *
 * @param <T> {@link Boolean}, {@link Integer} or {@link Duration}
 */
public final class ConfigKey<T> {

    private enum Kind { BOOLEAN, INTEGER, DURATION }

    private final String name;
    private final Kind kind;
    private final Class<T> type;
    private final T defaultValue;
    private final @Nullable T min;
    private final @Nullable T max;
    private final String description;

    private ConfigKey(String name, Kind kind, Class<T> type, T defaultValue, @Nullable T min, @Nullable T max,
            String description) {
        this.name = name;
        this.kind = kind;
        this.type = type;
        this.min = min;
        this.max = max;
        this.description = description;
        this.defaultValue = parse(defaultValue);
    }

    static ConfigKey<Boolean> bool(String name, boolean defaultValue, String description) {
        return new ConfigKey<>(name, Kind.BOOLEAN, Boolean.class, defaultValue, null, null, description);
    }

    static ConfigKey<Integer> integer(String name, int defaultValue, int min, int max, String description) {
        return new ConfigKey<>(name, Kind.INTEGER, Integer.class, defaultValue, min, max, description);
    }

    static ConfigKey<Duration> duration(String name, Duration defaultValue, Duration min, Duration max, String description) {
        return new ConfigKey<>(name, Kind.DURATION, Duration.class, defaultValue, min, max, description);
    }

    /** The key, e.g. {@code actions.max-per-hour}. */
    public String name() {
        return name;
    }

    /** The Java type of its values. */
    public Class<T> type() {
        return type;
    }

    /** The type as the API shows it: {@code boolean}, {@code integer} or {@code duration}. */
    public String typeName() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** The built-in default (a {@link RuntimeConfig} may be constructed with another one). */
    public T defaultValue() {
        return defaultValue;
    }

    /** What one line of documentation says the switch does. */
    public String description() {
        return description;
    }

    /** The accepted values as text: {@code true|false}, {@code 1..1000}, {@code 1s..1h}. */
    public String allowed() {
        return switch (kind) {
            case BOOLEAN -> "true|false";
            case INTEGER -> min + ".." + max;
            case DURATION -> format((Duration) Objects.requireNonNull(min)) + ".." + format((Duration) Objects.requireNonNull(max));
        };
    }

    /**
     * Converts and validates a value given as its Java type, as text or as a {@link JsonNode}.
     *
     * @throws IllegalArgumentException naming the key, what is allowed and what was given
     */
    public T parse(@Nullable Object raw) {
        Object value = raw instanceof JsonNode node ? unwrap(node) : raw;
        return type.cast(switch (kind) {
            case BOOLEAN -> parseBoolean(value, raw);
            case INTEGER -> parseInteger(value, raw);
            case DURATION -> parseDuration(value, raw);
        });
    }

    /** A value as JSON shows it: a boolean, a number, or a duration as text such as {@code 30s}. */
    public Object toJson(T value) {
        return value instanceof Duration duration ? format(duration) : value;
    }

    /** A value as text, the form a {@link ConfigStore} keeps; {@link #parse} reads it back. */
    public String toText(T value) {
        return String.valueOf(toJson(value));
    }

    private Boolean parseBoolean(@Nullable Object value, @Nullable Object raw) {
        if (value instanceof Boolean bool) {
            return bool;
        }
        if (value instanceof String text) {
            String normalized = text.strip().toLowerCase(Locale.ROOT);
            if (normalized.equals("true") || normalized.equals("false")) {
                return Boolean.valueOf(normalized);
            }
        }
        throw invalid("must be true or false", raw);
    }

    private Integer parseInteger(@Nullable Object value, @Nullable Object raw) {
        BigInteger number = null;
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            number = BigInteger.valueOf(((Number) value).longValue());
        } else if (value instanceof BigInteger big) {
            number = big;
        } else if (value instanceof String text && text.strip().matches("[+-]?\\d{1,18}")) {
            number = new BigInteger(text.strip());
        } else if (value instanceof BigDecimal decimal && decimal.stripTrailingZeros().scale() <= 0) {
            number = decimal.toBigInteger();
        } else if ((value instanceof Double || value instanceof Float) && Double.isFinite(((Number) value).doubleValue())
                && ((Number) value).doubleValue() == Math.rint(((Number) value).doubleValue())) {
            number = BigDecimal.valueOf(((Number) value).doubleValue()).toBigInteger();
        }
        if (number == null || number.compareTo(BigInteger.valueOf((Integer) Objects.requireNonNull(min))) < 0
                || number.compareTo(BigInteger.valueOf((Integer) Objects.requireNonNull(max))) > 0) {
            throw invalid("must be an integer " + allowed(), raw);
        }
        return number.intValueExact();
    }

    private Duration parseDuration(@Nullable Object value, @Nullable Object raw) {
        Duration duration = null;
        if (value instanceof Duration given) {
            duration = given;
        } else if (value instanceof String text) {
            duration = parseDurationText(text);
        }
        if (duration == null || duration.compareTo((Duration) Objects.requireNonNull(min)) < 0
                || duration.compareTo((Duration) Objects.requireNonNull(max)) > 0) {
            throw invalid("must be a duration " + allowed() + " such as 30s or 5m", raw);
        }
        return duration;
    }

    private static @Nullable Duration parseDurationText(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (value.startsWith("p")) {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            }
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            long amount = Long.parseLong(value.substring(0, value.length() - 1));
            return switch (value.charAt(value.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> null;
            };
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** {@code 1h}, {@code 5m}, {@code 90s} or {@code 1500ms}: the largest unit that divides the duration. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 1000 != 0) {
            return millis + "ms";
        }
        long seconds = millis / 1000;
        if (seconds != 0 && seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds != 0 && seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }

    private static @Nullable Object unwrap(JsonNode node) {
        if (node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        return node;
    }

    private IllegalArgumentException invalid(String rule, @Nullable Object raw) {
        String shown = raw instanceof JsonNode node && node.isTextual() ? node.textValue() : String.valueOf(raw);
        if (shown.length() > 100) {
            shown = shown.substring(0, 100) + "...";
        }
        return new IllegalArgumentException(name + " " + rule + ", was '" + shown + "'");
    }

    @Override
    public String toString() {
        return name;
    }
}
