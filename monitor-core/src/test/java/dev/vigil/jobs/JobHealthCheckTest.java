package dev.vigil.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import dev.vigil.health.HealthCheckRegistration;
import dev.vigil.health.HealthResult;
import dev.vigil.health.HealthStatus;
import dev.vigil.test.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class JobHealthCheckTest {

    private static final JobExpectation EVERY_TWO_HOURS =
            JobExpectation.maxAge(Duration.ofHours(2)).suggestedAction("start_curation");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T09:30:00Z"));
    private final AtomicLong nanos = new AtomicLong();
    private final JobMonitor jobs = new JobMonitor(clock, nanos::get, new SimpleMeterRegistry());

    private void elapse(Duration duration) {
        clock.advance(duration);
        nanos.addAndGet(duration.toNanos());
    }

    private HealthResult check(String job) throws Exception {
        return jobs.healthCheck(job).check();
    }

    private void succeed(String job) {
        jobs.run(job, () -> { });
    }

    private void fail(String job, String message) {
        assertThatThrownBy(() -> jobs.run(job, () -> {
            throw new IllegalStateException(message);
        })).hasMessage(message);
    }

    @Test
    void recentSuccessIsUpWithDetails() throws Exception {
        jobs.expect("curation", EVERY_TWO_HOURS);
        jobs.run("curation", () -> elapse(Duration.ofSeconds(90)));
        Instant end = clock.instant();
        elapse(Duration.ofMinutes(12));

        HealthResult result = check("curation");

        assertThat(result.status()).isEqualTo(HealthStatus.UP);
        assertThat(result.message()).isEqualTo("Curation ran 12 minutes ago");
        assertThat(result.details())
                .containsEntry("lastRun", end.toString())
                .containsEntry("lastSuccess", end.toString())
                .containsEntry("failures24h", 0)
                .containsEntry("averageDurationMs", 90_000L)
                .containsEntry("expectation", "max age 2 hours");
        assertThat(result.suggestedActionId()).isEmpty();
        assertThat(jobs.status("curation").orElseThrow().expectationMet()).isTrue();
    }

    @Test
    void missedMaxAgeIsDownWithHoursAndTheSuggestedAction() throws Exception {
        jobs.expect("curation", EVERY_TWO_HOURS);
        succeed("curation");
        elapse(Duration.ofHours(2));
        assertThat(check("curation").status()).isEqualTo(HealthStatus.UP);

        elapse(Duration.ofHours(2));
        HealthResult result = check("curation");

        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.message()).isEqualTo("Curation hasn't run in 4.0 hours");
        assertThat(result.suggestedActionId()).contains("start_curation");
        assertThat(jobs.status("curation").orElseThrow().expectationMet()).isFalse();
    }

    @Test
    void missedMaxAgeUnderAnHourIsInMinutes() throws Exception {
        jobs.expect("curation", JobExpectation.maxAge(Duration.ofMinutes(30)));
        succeed("curation");
        elapse(Duration.ofMinutes(45).plusSeconds(59));

        assertThat(check("curation").message()).isEqualTo("Curation hasn't run in 45 minutes");
    }

    @Test
    void jobThatNeverRanIsWaitingUntilTheMaxAgeHasPassedSinceTheMonitorStarted() throws Exception {
        jobs.expect("curation", EVERY_TWO_HOURS);

        HealthResult waiting = check("curation");
        assertThat(waiting.status()).isEqualTo(HealthStatus.UP);
        assertThat(waiting.message()).isEqualTo("Curation is waiting for its first run");

        elapse(Duration.ofHours(2));
        assertThat(check("curation").status()).isEqualTo(HealthStatus.UP);

        elapse(Duration.ofSeconds(1));
        HealthResult never = check("curation");
        assertThat(never.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(never.message()).isEqualTo("Curation has never run");
        assertThat(never.suggestedActionId()).contains("start_curation");
    }

    @Test
    void lastRunFailedIsDegradedWithTheFailureCountAndLastError() throws Exception {
        jobs.expect("curation", EVERY_TWO_HOURS);
        succeed("curation");
        fail("curation", "first");
        fail("curation", "second");
        fail("curation", "quota exceeded");

        HealthResult result = check("curation");

        assertThat(result.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(result.message()).isEqualTo("Curation failed 3 times in the last 24 h: IllegalStateException: quota exceeded");
        assertThat(result.details()).containsEntry("failures24h", 3)
                .containsEntry("lastError", "IllegalStateException: quota exceeded");
        assertThat(result.suggestedActionId()).contains("start_curation");
        assertThat(jobs.status("curation").orElseThrow().expectationMet()).isTrue();
    }

    @Test
    void singleAndOldFailuresAreWordedForWhatTheyAre() throws Exception {
        fail("report", "timeout");
        assertThat(check("report").message()).isEqualTo("Report failed once in the last 24 h: IllegalStateException: timeout");

        elapse(Duration.ofHours(25));
        assertThat(check("report").message()).isEqualTo("Report's last run failed: IllegalStateException: timeout");
    }

    @Test
    void failuresPastTheMaxAgeAreDownAndSayTheJobHasNotSucceeded() throws Exception {
        jobs.expect("curation", EVERY_TWO_HOURS);
        succeed("curation");
        elapse(Duration.ofHours(3));
        fail("curation", "quota exceeded");

        HealthResult result = check("curation");

        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.message()).isEqualTo(
                "Curation hasn't succeeded in 3.0 hours; last error: IllegalStateException: quota exceeded");
    }

    @Test
    void onlyFailuresSinceTheMonitorStartedIsNeverSucceeded() throws Exception {
        jobs.expect("curation", EVERY_TWO_HOURS);
        fail("curation", "quota exceeded");
        elapse(Duration.ofHours(3));

        assertThat(check("curation").message())
                .isEqualTo("Curation has never succeeded; last error: IllegalStateException: quota exceeded");
    }

    @Test
    void runInProgressThatStartedWithinTheMaxAgeMeetsIt() throws Exception {
        jobs.expect("curation", EVERY_TWO_HOURS);
        succeed("curation");
        elapse(Duration.ofMinutes(110));
        JobRun run = jobs.start("curation");
        elapse(Duration.ofMinutes(20));

        HealthResult result = check("curation");
        assertThat(result.status()).isEqualTo(HealthStatus.UP);
        assertThat(result.message()).isEqualTo("Curation ran 2.2 hours ago; running now");

        elapse(Duration.ofHours(2));
        assertThat(check("curation").message())
                .isEqualTo("Curation hasn't succeeded in 4.2 hours; a run has been in progress for 2.3 hours");
        run.success();
        assertThat(check("curation").status()).isEqualTo(HealthStatus.UP);
    }

    @Test
    void jobWithoutExpectationIsUpUntilARunFails() throws Exception {
        assertThat(check("cleanup").message()).isEqualTo("Cleanup is waiting for its first run");
        succeed("cleanup");
        elapse(Duration.ofDays(3));

        assertThat(check("cleanup").message()).isEqualTo("Cleanup ran 72.0 hours ago");
        assertThat(check("cleanup").status()).isEqualTo(HealthStatus.UP);
    }

    @Test
    void sixFieldCronIsMetWithinGraceAndMissedAfterIt() throws Exception {
        jobs.expect("curation", JobExpectation.cron("0 0 * * * ?", Duration.ofMinutes(10)).suggestedAction("start_curation"));

        clock.set(Instant.parse("2026-01-01T10:10:00Z"));
        assertThat(check("curation").status()).isEqualTo(HealthStatus.UP);

        clock.set(Instant.parse("2026-01-01T10:10:01Z"));
        HealthResult missed = check("curation");
        assertThat(missed.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(missed.message()).isEqualTo("Curation missed its 10:00 run");
        assertThat(missed.suggestedActionId()).contains("start_curation");

        succeed("curation");
        assertThat(check("curation").status()).isEqualTo(HealthStatus.UP);

        clock.set(Instant.parse("2026-01-01T11:10:01Z"));
        assertThat(check("curation").message()).isEqualTo("Curation missed its 11:00 run");
    }

    @Test
    void fiveFieldUnixCronWorksTheSame() throws Exception {
        jobs.expect("curation", JobExpectation.cron("0 * * * *", Duration.ofMinutes(10)));

        clock.set(Instant.parse("2026-01-01T10:05:00Z"));
        succeed("curation");
        clock.set(Instant.parse("2026-01-01T11:09:00Z"));
        assertThat(check("curation").status()).isEqualTo(HealthStatus.UP);

        clock.set(Instant.parse("2026-01-01T11:11:00Z"));
        assertThat(check("curation").message()).isEqualTo("Curation missed its 11:00 run");
        assertThat(jobs.status("curation").orElseThrow().expectationMet()).isFalse();
    }

    @Test
    void cronRunThatStartedBeforeTheFireTimeButSucceededAfterItCounts() throws Exception {
        jobs.expect("curation", JobExpectation.cron("0 * * * *", Duration.ofMinutes(10)));
        clock.set(Instant.parse("2026-01-01T09:59:59Z"));

        jobs.run("curation", () -> elapse(Duration.ofSeconds(5)));
        clock.set(Instant.parse("2026-01-01T10:30:00Z"));

        assertThat(check("curation").status()).isEqualTo(HealthStatus.UP);
    }

    @Test
    void cronRunInProgressSinceTheFireTimeIsNotMissed() throws Exception {
        jobs.expect("curation", JobExpectation.cron("0 * * * *", Duration.ofMinutes(10)));
        clock.set(Instant.parse("2026-01-01T10:00:00Z"));
        jobs.start("curation");
        clock.set(Instant.parse("2026-01-01T10:30:00Z"));

        assertThat(check("curation").status()).isEqualTo(HealthStatus.UP);
        assertThat(check("curation").message()).isEqualTo("Curation is running for the first time");
    }

    @Test
    void cronFireTimesBeforeTheMonitorKnewTheJobAreNotChecked() throws Exception {
        jobs.expect("curation", JobExpectation.cron("0 0 * * * ?", Duration.ofMinutes(10)));

        clock.set(Instant.parse("2026-01-01T09:59:00Z"));
        HealthResult result = check("curation");

        assertThat(result.status()).isEqualTo(HealthStatus.UP);
        assertThat(result.message()).isEqualTo("Curation is waiting for its first run");
    }

    @Test
    void cronMissedOnAnEarlierDayNamesTheDate() throws Exception {
        clock.set(Instant.parse("2026-01-02T08:00:00Z")); // a Friday
        jobs.expect("report", JobExpectation.cron("0 30 9 * * MON-FRI", Duration.ofMinutes(15)));

        clock.set(Instant.parse("2026-01-05T08:00:00Z")); // the Monday after
        assertThat(check("report").message()).isEqualTo("Report missed its 2026-01-02 09:30 run");
    }

    @Test
    void cronFollowsTheExpectationZone() throws Exception {
        clock.set(Instant.parse("2026-01-01T06:00:00Z"));
        jobs.expect("report", JobExpectation.cron("0 0 9 * * *", Duration.ofMinutes(5)).inZone(ZoneId.of("Europe/Berlin")));

        clock.set(Instant.parse("2026-01-01T08:06:00Z")); // 09:06 in Berlin
        assertThat(check("report").message()).isEqualTo("Report missed its 09:00 run");
    }

    @Test
    void unknownCronSyntaxIsRejectedNamingTheExpression() {
        assertThatThrownBy(() -> JobExpectation.cron("0 0 * *", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'0 0 * *'");
        assertThatThrownBy(() -> JobExpectation.cron("61 * * * *", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'61 * * * *'");
        assertThatThrownBy(() -> JobExpectation.cron("0 0 * * * ? 2026", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'0 0 * * * ? 2026'");
        assertThatThrownBy(() -> JobExpectation.cron("0 0 31 2 *", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("never fires");
        assertThatThrownBy(() -> JobExpectation.cron("0 * * * *", Duration.ofMinutes(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JobExpectation.maxAge(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void expectationsDescribeThemselvesAndCompareByValue() {
        assertThat(JobExpectation.cron("0 0 * * * ?", Duration.ofMinutes(10)))
                .hasToString("cron '0 0 * * * ?' + 10 minutes grace")
                .isEqualTo(JobExpectation.cron("0 0 * * * ?", Duration.ofMinutes(10)));
        assertThat(EVERY_TWO_HOURS.maximumAge()).contains(Duration.ofHours(2));
        assertThat(EVERY_TWO_HOURS.isCritical()).isFalse();
    }

    @Test
    void healthChecksAreNamedAfterTheJobAndNonCriticalByDefault() throws Exception {
        jobs.expect("curation", EVERY_TWO_HOURS);
        jobs.expect("billing", JobExpectation.maxAge(Duration.ofHours(1)).critical(true));
        succeed("cleanup");

        List<HealthCheckRegistration> checks = jobs.healthChecks();

        assertThat(checks).extracting(HealthCheckRegistration::name)
                .containsExactly("job:curation", "job:billing", "job:cleanup");
        assertThat(checks).extracting(HealthCheckRegistration::critical).containsExactly(false, true, false);
        elapse(Duration.ofHours(5));
        assertThat(checks.get(0).check().check().message()).isEqualTo("Curation has never run");
    }
}
