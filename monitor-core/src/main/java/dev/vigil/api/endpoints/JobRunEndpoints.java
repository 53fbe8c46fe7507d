package dev.vigil.api.endpoints;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.vigil.api.ApiException;
import dev.vigil.api.BodyField;
import dev.vigil.api.InputSchema;
import dev.vigil.api.Operation;
import dev.vigil.api.Result;
import dev.vigil.internal.HumanText;
import dev.vigil.jobs.JobMonitor;
import dev.vigil.jobs.JobRunRecord;
import dev.vigil.security.Role;

/**
 * {@code GET /jobs/runs}: the individual runs of every job over a recent window (start, end, outcome, duration,
 * error), what the dashboard's job timeline draws. Read from the runs {@link JobMonitor} keeps in memory, so it
 * is bounded by {@code monitor.jobs.history-size} runs per job.
 */
public final class JobRunEndpoints {

    /** How far back {@code since} may reach. */
    public static final Duration MAX_WINDOW = Duration.ofDays(7);
    /** The window when {@code since} is not given. */
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(24);
    /** The most runs one answer holds: the newest are kept. */
    public static final int MAX_RUNS = 5000;

    static final BodyField SINCE = BodyField.string("since").maxLength(40)
            .describedAs("an ISO-8601 instant, or a duration back from now such as 24h (default 24h, at most 7 days)");

    private JobRunEndpoints() {
    }

    /** The {@code jobs.runs} operation over {@code jobs}, reading now from {@code clock}. */
    public static Operation operation(JobMonitor jobs, Clock clock) {
        return Operation.get("jobs.runs", "/jobs/runs")
                .role(Role.READ)
                .description("The runs of every job since a time (default the last 24 hours, at most 7 days), oldest"
                        + " first, runs in progress included: job, start, end, outcome, duration, error")
                .input(InputSchema.builder().query(SINCE).build())
                .handler((caller, arguments) -> {
                    Instant now = clock.instant();
                    Instant from = arguments.string("since").map(text -> since(text.strip(), now))
                            .orElse(now.minus(DEFAULT_WINDOW));
                    List<JobRunRecord> runs = jobs.timeline(from);
                    boolean truncated = runs.size() > MAX_RUNS;
                    if (truncated) {
                        runs = runs.subList(runs.size() - MAX_RUNS, runs.size());
                    }
                    List<Object> list = new ArrayList<>(runs.size());
                    runs.forEach(run -> list.add(json(run)));
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("since", from.toString());
                    body.put("now", now.toString());
                    body.put("jobs", jobs.jobs());
                    body.put("runs", list);
                    body.put("truncated", truncated);
                    return Result.ok(body);
                })
                .build();
    }

    private static Instant since(String text, Instant now) {
        Instant from;
        try {
            from = Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            try {
                from = now.minus(HumanText.parseDuration(text));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidField("since",
                        "since must be an ISO-8601 instant or a duration like 24h, was '" + text + "'");
            }
        }
        if (from.isBefore(now.minus(MAX_WINDOW))) {
            throw ApiException.invalidField("since", "since must be within the last 7 days");
        }
        return from;
    }

    private static Map<String, Object> json(JobRunRecord run) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("job", run.job());
        json.put("startedAt", run.startedAt().toString());
        json.put("endedAt", run.endedAt() == null ? null : run.endedAt().toString());
        json.put("outcome", run.outcome().jsonName());
        json.put("durationMs", run.duration().toMillis());
        Optional.ofNullable(run.error()).ifPresent(error -> json.put("error", error));
        return json;
    }
}
