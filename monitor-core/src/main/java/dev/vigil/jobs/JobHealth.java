package dev.vigil.jobs;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import dev.vigil.internal.CronSchedule;
import dev.vigil.health.HealthResult;
import dev.vigil.health.HealthStatus;
import org.jspecify.annotations.Nullable;

/**
 * Turns a job's {@link TrackedJob.View} into a health result: expectation missed is DOWN, last run
 * failed is DEGRADED, otherwise UP. Pure: reads the snapshot and the time, nothing else. Not API.
 */
final class JobHealth {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter TIME_SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private JobHealth() {
    }

    /** The outcome of evaluating one job. */
    record Verdict(boolean expectationMet, HealthResult result) {
    }

    static Verdict evaluate(TrackedJob.View job, Instant now, ZoneId clockZone) {
        String who = JobText.capitalise(job.name());
        JobExpectation expectation = job.expectation();
        String missed = expectation == null ? null : missed(job, expectation, who, now, clockZone);
        JobRunRecord lastRun = job.lastRun();

        HealthResult result;
        if (missed != null) {
            result = HealthResult.down(missed + suffix(job, now));
        } else if (lastRun != null && lastRun.failed()) {
            result = HealthResult.degraded(failedMessage(who, job.failures24h(), lastRun.error()));
        } else if (lastRun == null) {
            result = HealthResult.up(job.running() > 0
                    ? who + " is running for the first time"
                    : who + " is waiting for its first run");
        } else {
            result = HealthResult.up(who + " ran " + JobText.elapsed(Duration.between(lastRun.endedAt(), now)) + " ago"
                    + (job.running() > 0 ? "; running now" : ""));
        }
        result = result.withDetails(details(job));
        if (expectation != null && result.status() != HealthStatus.UP) {
            Optional<String> action = expectation.suggestedActionId();
            if (action.isPresent()) {
                result = result.withSuggestedAction(action.get());
            }
        }
        return new Verdict(missed == null, result);
    }

    /** The DOWN message if the expectation is missed at {@code now}, else {@code null}. */
    private static @Nullable String missed(TrackedJob.View job, JobExpectation expectation, String who,
            Instant now, ZoneId clockZone) {
        Instant lastOk = job.lastSuccess() == null ? null : job.lastSuccess().endedAt();
        Instant activeStart = job.latestActiveStart();
        CronSchedule schedule = expectation.schedule();
        if (schedule != null) {
            ZoneId zone = expectation.zone().orElse(clockZone);
            Optional<Instant> due = schedule.lastFireBefore(now.minus(expectation.grace()), zone);
            if (due.isEmpty() || due.get().isBefore(job.watchedSince())) {
                return null; // nothing due yet since the monitor started watching
            }
            Instant fire = due.get();
            if ((lastOk != null && !lastOk.isBefore(fire)) || (activeStart != null && !activeStart.isBefore(fire))) {
                return null;
            }
            return who + " missed its " + fireTime(fire, now, zone) + " run";
        }
        Duration maxAge = expectation.maximumAge().orElseThrow();
        if (activeStart != null && Duration.between(activeStart, now).compareTo(maxAge) <= 0) {
            return null; // a run started within the max age is still going
        }
        if (lastOk != null) {
            Duration age = Duration.between(lastOk, now);
            if (age.compareTo(maxAge) <= 0) {
                return null;
            }
            // the last completed run is the last success unless a later one failed
            boolean ranSince = activeStart != null || (job.lastRun() != null && job.lastRun().failed());
            return who + (ranSince ? " hasn't succeeded in " : " hasn't run in ") + JobText.elapsed(age);
        }
        if (Duration.between(job.watchedSince(), now).compareTo(maxAge) <= 0) {
            return null; // still within the first max age since the monitor started watching
        }
        return job.lastRun() == null && activeStart == null ? who + " has never run" : who + " has never succeeded";
    }

    /** What else an operator should know about a missed expectation: the last error, or a run that is still going. */
    private static String suffix(TrackedJob.View job, Instant now) {
        JobRunRecord lastRun = job.lastRun();
        if (lastRun != null && lastRun.failed()) {
            return "; last error: " + lastRun.error();
        }
        if (job.latestActiveStart() != null) {
            return "; a run has been in progress for " + JobText.elapsed(Duration.between(job.latestActiveStart(), now));
        }
        return "";
    }

    private static String failedMessage(String who, int failures24h, @Nullable String error) {
        if (failures24h == 0) {
            return who + "'s last run failed: " + error;
        }
        String times = failures24h == 1 ? "once" : failures24h + " times";
        return who + " failed " + times + " in the last 24 h: " + error;
    }

    /** {@code 10:00} for a fire time today, {@code 10:00:30} with seconds, {@code 2026-01-04 10:00} for an earlier day. */
    private static String fireTime(Instant fire, Instant now, ZoneId zone) {
        ZonedDateTime at = fire.atZone(zone);
        if (!at.toLocalDate().equals(now.atZone(zone).toLocalDate())) {
            return DATE_TIME.format(at);
        }
        return at.getSecond() == 0 ? TIME.format(at) : TIME_SECONDS.format(at);
    }

    private static Map<String, Object> details(TrackedJob.View job) {
        Map<String, Object> details = new LinkedHashMap<>();
        JobRunRecord lastRun = job.lastRun();
        if (lastRun != null) {
            details.put("lastRun", lastRun.endedAt().toString());
            details.put("lastOutcome", lastRun.outcome().jsonName());
            if (lastRun.failed()) {
                details.put("lastError", lastRun.error());
            }
        }
        if (job.lastSuccess() != null) {
            details.put("lastSuccess", job.lastSuccess().endedAt().toString());
        }
        details.put("failures24h", job.failures24h());
        details.put("averageDurationMs", job.averageDuration().toMillis());
        details.put("running", job.running());
        details.put("totalRuns", job.totalRuns());
        if (job.expectation() != null) {
            details.put("expectation", job.expectation().toString());
        }
        return details;
    }
}
