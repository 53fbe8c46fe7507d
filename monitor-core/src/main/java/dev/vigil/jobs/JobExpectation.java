package dev.vigil.jobs;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import dev.vigil.internal.CronSchedule;
import org.jspecify.annotations.Nullable;

/**
 * How often a job is expected to succeed; a job that misses its expectation makes its health check
 * {@code job:<name>} DOWN. Immutable: the {@code with}-style methods return a changed copy.
 *
 * <pre>{@code
 * jobs.expect("curation", JobExpectation.maxAge(Duration.ofHours(2)).suggestedAction("start_curation"));
 * jobs.expect("backup", JobExpectation.cron("0 0 3 * * ?", Duration.ofMinutes(30)).critical(true));
 * }</pre>
 *
 * <p>Two kinds:
 * <ul>
 *   <li>{@link #maxAge(Duration)}: a run must have succeeded within the last {@code maxAge} (a run
 *       that started within it and is still in progress also counts).</li>
 *   <li>{@link #cron(String, Duration)}: for the latest scheduled fire time whose grace has passed, a
 *       run must have succeeded after that fire time (or started after it and still be running).
 *       Five fields are Unix cron ({@code 0 * * * *}); six fields are Spring's {@code @Scheduled}
 *       syntax with seconds first ({@code 0 0 * * * ?}, {@code ?} allowed, day-of-week {@code 0}
 *       or {@code 7} = Sunday, names {@code MON-SUN}), which also accepts macros like
 *       {@code @hourly}. Quartz expressions that only use {@code *}, {@code ?}, numbers and names
 *       read the same, except numeric days of the week (Quartz counts from 1 = Sunday). Needs the
 *       optional dependency {@code com.cronutils:cron-utils}.</li>
 * </ul>
 * Fire times before the job was first known to the monitor are not checked: the job may have run
 * before the monitor started.
 */
public final class JobExpectation {

    private final @Nullable Duration maxAge;
    private final @Nullable CronSchedule cron;
    private final Duration grace;
    private final @Nullable String suggestedAction;
    private final boolean critical;
    private final @Nullable ZoneId zone;

    private JobExpectation(@Nullable Duration maxAge, @Nullable CronSchedule cron, Duration grace,
            @Nullable String suggestedAction, boolean critical, @Nullable ZoneId zone) {
        this.maxAge = maxAge;
        this.cron = cron;
        this.grace = grace;
        this.suggestedAction = suggestedAction;
        this.critical = critical;
        this.zone = zone;
    }

    /**
     * The job must have succeeded within the last {@code maxAge}, e.g. {@code maxAge(Duration.ofHours(2))}.
     *
     * @throws IllegalArgumentException if {@code maxAge} is not positive
     */
    public static JobExpectation maxAge(Duration maxAge) {
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isZero() || maxAge.isNegative()) {
            throw new IllegalArgumentException("job expectation maxAge must be positive, was " + maxAge);
        }
        return new JobExpectation(maxAge, null, Duration.ZERO, null, false, null);
    }

    /**
     * The job must succeed after each fire time of {@code expression}, at the latest {@code grace}
     * after it, e.g. {@code cron("0 0 * * * ?", Duration.ofMinutes(10))} or {@code cron("0 * * * *", ...)}.
     *
     * @throws IllegalArgumentException naming the expression if it is not 5-field Unix or 6-field
     *     Spring cron, or never fires; or if {@code grace} is negative
     * @throws IllegalStateException if cron-utils is not on the classpath
     */
    public static JobExpectation cron(String expression, Duration grace) {
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("job expectation grace must not be negative, was " + grace);
        }
        if (!cronUtilsPresent()) {
            throw new IllegalStateException("JobExpectation.cron(\"" + expression + "\", ...) needs com.cronutils:cron-utils"
                    + " on the classpath (an optional dependency of monitor-core)");
        }
        return new JobExpectation(null, CronSchedule.parse(expression), grace, null, false, null);
    }

    /** This expectation with the id of a remediation action to suggest when it is missed, e.g. {@code "start_curation"}. */
    public JobExpectation suggestedAction(String actionId) {
        Objects.requireNonNull(actionId, "actionId");
        if (actionId.isBlank()) {
            throw new IllegalArgumentException("suggested action id must not be blank");
        }
        return new JobExpectation(maxAge, cron, grace, actionId, critical, zone);
    }

    /** This expectation with the job's health check critical (a miss makes the service DOWN) or not (default: only DEGRADED). */
    public JobExpectation critical(boolean critical) {
        return new JobExpectation(maxAge, cron, grace, suggestedAction, critical, zone);
    }

    /** This expectation with cron fire times computed in {@code zone} (default: the zone of the monitor's clock). */
    public JobExpectation inZone(ZoneId zone) {
        return new JobExpectation(maxAge, cron, grace, suggestedAction, critical, Objects.requireNonNull(zone, "zone"));
    }

    /** The maximum age of the last success, for a max-age expectation. */
    public Optional<Duration> maximumAge() {
        return Optional.ofNullable(maxAge);
    }

    /** The cron expression as given, for a cron expectation. */
    public Optional<String> cronExpression() {
        return cron == null ? Optional.empty() : Optional.of(cron.expression());
    }

    /** How late after a fire time a cron job may succeed; zero for a max-age expectation. */
    public Duration grace() {
        return grace;
    }

    /** The remediation action to suggest when the expectation is missed. */
    public Optional<String> suggestedActionId() {
        return Optional.ofNullable(suggestedAction);
    }

    /** Whether the job's health check is critical (default {@code false}). */
    public boolean isCritical() {
        return critical;
    }

    /** The zone for cron fire times, if set; otherwise the monitor's clock zone applies. */
    public Optional<ZoneId> zone() {
        return Optional.ofNullable(zone);
    }

    @Nullable CronSchedule schedule() {
        return cron;
    }

    private static boolean cronUtilsPresent() {
        try {
            Class.forName("com.cronutils.parser.CronParser", false, JobExpectation.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JobExpectation that
                && Objects.equals(maxAge, that.maxAge)
                && Objects.equals(cronExpression(), that.cronExpression())
                && grace.equals(that.grace)
                && Objects.equals(suggestedAction, that.suggestedAction)
                && critical == that.critical
                && Objects.equals(zone, that.zone);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxAge, cronExpression(), grace, suggestedAction, critical, zone);
    }

    /** {@code max age 2 hours} or {@code cron '0 0 * * * ?' + 10 minutes grace}. */
    @Override
    public String toString() {
        return cron != null
                ? "cron '" + cron.expression() + "' + " + (grace.isZero() ? "no" : JobText.span(grace)) + " grace"
                : "max age " + JobText.span(Objects.requireNonNull(maxAge));
    }
}
