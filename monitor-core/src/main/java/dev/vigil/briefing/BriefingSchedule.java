package dev.vigil.briefing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.vigil.internal.CronSchedule;
import org.jspecify.annotations.Nullable;

/**
 * When the daily briefing is made: a 6-field Spring cron expression ({@code second minute hour day-of-month
 * month day-of-week}) read in a time zone.
 *
 * <p>The daily form {@code S M H * * *} (also with {@code ?} for a day field), such as the default
 * {@code 0 0 8 * * *}, is read without any library. Any other expression needs the optional cron-utils
 * library on the classpath ({@code com.cronutils:cron-utils}); without it, {@link #parse} fails at once
 * with a message that says so, rather than when the first briefing is due.
 */
public final class BriefingSchedule {

    private static final Pattern DAILY = Pattern.compile(
            "\\s*(\\d{1,2})\\s+(\\d{1,2})\\s+(\\d{1,2})\\s+[*?]\\s+\\*\\s+[*?]\\s*");

    private final String expression;
    private final @Nullable LocalTime daily;
    private final @Nullable CronSchedule cron;

    private BriefingSchedule(String expression, @Nullable LocalTime daily, @Nullable CronSchedule cron) {
        this.expression = expression;
        this.daily = daily;
        this.cron = cron;
    }

    /**
     * Parses {@code expression}.
     *
     * @throws IllegalArgumentException naming {@code monitor.briefing.cron} when the expression is not valid,
     *         or is not of the daily form and cron-utils is not on the classpath
     */
    public static BriefingSchedule parse(String expression) {
        Objects.requireNonNull(expression, "monitor.briefing.cron");
        Matcher matcher = DAILY.matcher(expression);
        if (matcher.matches()) {
            int second = Integer.parseInt(matcher.group(1));
            int minute = Integer.parseInt(matcher.group(2));
            int hour = Integer.parseInt(matcher.group(3));
            if (second > 59 || minute > 59 || hour > 23) {
                throw new IllegalArgumentException("monitor.briefing.cron '" + expression
                        + "': second and minute must be 0-59 and hour 0-23");
            }
            return new BriefingSchedule(expression, LocalTime.of(hour, minute, second), null);
        }
        if (!cronUtilsPresent()) {
            throw new IllegalArgumentException("monitor.briefing.cron '" + expression + "' needs com.cronutils:cron-utils"
                    + " on the classpath (an optional dependency of monitor-core); without it only the daily form"
                    + " 'S M H * * *' is understood, e.g. '0 0 8 * * *' for 08:00 every day");
        }
        String[] fields = expression.trim().split("\\s+");
        if (fields.length != 6 && !expression.trim().startsWith("@")) {
            throw new IllegalArgumentException("monitor.briefing.cron '" + expression + "' has " + fields.length
                    + " fields; expected 6 (Spring: second minute hour day-of-month month day-of-week)");
        }
        try {
            return new BriefingSchedule(expression, null, CronSchedule.parse(expression));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("monitor.briefing.cron: " + e.getMessage(), e);
        }
    }

    /** The latest time the schedule fires at or before {@code instant}, in {@code zone}; empty if it never did. */
    public Optional<Instant> lastFireAtOrBefore(Instant instant, ZoneId zone) {
        Objects.requireNonNull(instant, "instant");
        Objects.requireNonNull(zone, "zone");
        if (daily != null) {
            LocalDate day = instant.atZone(zone).toLocalDate();
            Instant today = day.atTime(daily).atZone(zone).toInstant();
            return Optional.of(today.isAfter(instant) ? day.minusDays(1).atTime(daily).atZone(zone).toInstant() : today);
        }
        // cron-utils is exclusive of the instant, to the second: ask for the second after it
        return Objects.requireNonNull(cron).lastFireBefore(instant.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1), zone);
    }

    /** The expression as given. */
    public String expression() {
        return expression;
    }

    @Override
    public String toString() {
        return expression;
    }

    private static boolean cronUtilsPresent() {
        try {
            Class.forName("com.cronutils.parser.CronParser", false, BriefingSchedule.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
