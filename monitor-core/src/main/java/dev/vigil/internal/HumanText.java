package dev.vigil.internal;

import java.time.Duration;
import java.util.Locale;

/** Short human text for messages (not API): {@code 93.1%}, {@code 6.9 GB}, {@code 2.4s}. */
public final class HumanText {

    private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB", "PB", "EB"};

    private HumanText() {
    }

    /** A ratio as a percentage with at most one decimal: {@code 0.931} is {@code 93.1%}, {@code 0.9} is {@code 90%}. */
    public static String percent(double ratio) {
        return oneDecimal(ratio * 100) + "%";
    }

    /** A byte count in binary units (1 GB = 1024 MB) with at most one decimal: {@code 6.9 GB}, {@code 100 GB}. */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return oneDecimal(value) + " " + UNITS[unit];
    }

    /** A duration as {@code 250ms}, {@code 5s}, {@code 2.4s} or {@code 2m}. */
    public static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis % 60_000 == 0) {
            return (millis / 60_000) + "m";
        }
        return oneDecimal(millis / 1000.0) + "s";
    }

    /** A ratio rounded to four decimals, for details. */
    public static double round(double ratio) {
        return Math.round(ratio * 10_000) / 10_000.0;
    }

    private static String oneDecimal(double value) {
        String text = String.format(Locale.ROOT, "%.1f", value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }

    /**
     * Parses {@code 500ms}, {@code 90s}, {@code 5m}, {@code 24h}, {@code 30d} or ISO-8601 ({@code PT5M}).
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static Duration parseDuration(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (value.startsWith("p")) {
                return Duration.parse(text.strip().toUpperCase(Locale.ROOT));
            }
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            long amount = Long.parseLong(value.substring(0, value.length() - 1));
            switch (value.charAt(value.length() - 1)) {
                case 's':
                    return Duration.ofSeconds(amount);
                case 'm':
                    return Duration.ofMinutes(amount);
                case 'h':
                    return Duration.ofHours(amount);
                case 'd':
                    return Duration.ofDays(amount);
                default:
                    break;
            }
        } catch (RuntimeException e) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("'" + text + "' is not a duration: use 500ms, 90s, 5m, 24h, 30d or PT5M");
    }
}
