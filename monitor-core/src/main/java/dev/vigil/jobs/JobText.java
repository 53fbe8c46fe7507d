package dev.vigil.jobs;

import java.time.Duration;
import java.util.Locale;

/** Wording shared by the job messages. Not API. */
final class JobText {

    private JobText() {
    }

    /** {@code curation} becomes {@code Curation}, for the start of a sentence. */
    static String capitalise(String name) {
        return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }

    /**
     * An elapsed time: {@code less than a minute}, {@code 1 minute}, {@code 45 minutes} below one hour
     * (whole minutes, rounded down), then hours with one decimal ({@code 1.0 hours}, {@code 4.0 hours}).
     */
    static String elapsed(Duration elapsed) {
        long seconds = Math.max(0, elapsed.getSeconds());
        if (seconds < 60) {
            return "less than a minute";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes == 1 ? "1 minute" : minutes + " minutes";
        }
        return String.format(Locale.ROOT, "%.1f hours", seconds / 3600.0);
    }

    /** A configured duration in its largest whole unit: {@code 2 hours}, {@code 90 minutes}, {@code 1 second}. */
    static String span(Duration span) {
        long seconds = span.getSeconds();
        if (seconds > 0 && seconds % 3600 == 0) {
            return plural(seconds / 3600, "hour");
        }
        if (seconds > 0 && seconds % 60 == 0) {
            return plural(seconds / 60, "minute");
        }
        return seconds > 0 || span.isZero() ? plural(seconds, "second") : span.toMillis() + " ms";
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }

    /** An exception as its simple type name and message: {@code IOException: disk full}. */
    static String describe(Throwable error) {
        String type = error.getClass().getSimpleName();
        if (type.isEmpty()) {
            type = error.getClass().getName();
        }
        String message;
        try {
            message = error.getMessage();
        } catch (RuntimeException e) { // a broken getMessage() must not hide the original failure
            message = null;
        }
        return message == null || message.isBlank() ? type : type + ": " + message;
    }

    /** {@code text} cut to at most {@code max} characters, ending with an ellipsis when cut. */
    static String trim(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "\u2026";
    }
}
