package dev.vigil.demo;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import dev.vigil.Monitor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The demo's background job: screens new videos every {@code demo.curation.interval} and records
 * each run with Vigil's job monitor as {@code curation} (expected every 2 h, see application.yml).
 * With {@code monitor.enabled=false} there is no {@link Monitor} and the job simply runs. Pausing it
 * ({@code POST /demo/faults {"job": "curation", "paused": true}}) plays a job that stopped the day before: today's runs are moved back a day and no scheduled run starts, so no
 * video is screened today until {@code start_curation} runs one.
 */
@Service
class CurationService {

    private final JdbcTemplate jdbc;
    private final ObjectProvider<Monitor> monitor;
    private final AtomicBoolean paused = new AtomicBoolean();

    CurationService(JdbcTemplate jdbc, ObjectProvider<Monitor> monitor) {
        this.jdbc = jdbc;
        this.monitor = monitor;
    }

    @Scheduled(fixedDelayString = "${demo.curation.interval:30m}", initialDelayString = "${demo.curation.initial-delay:5s}")
    void scheduled() {
        if (!paused.get()) {
            runOnce();
        }
    }

    /** Runs one curation now (also what a remediation action would call). */
    void runOnce() {
        Runnable curation = () -> {
            int screened = ThreadLocalRandom.current().nextInt(20, 60);
            int accepted = screened / 4;
            jdbc.update("INSERT INTO curation_runs (started_at, finished_at, screened, accepted, status) "
                    + "VALUES (CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, ?, ?, 'completed')", screened, accepted);
            jdbc.update("UPDATE api_quotas SET quota_used = quota_used + ? WHERE service = 'youtube' AND quota_date = CURRENT_DATE",
                    screened * 5);
        };
        Monitor vigil = monitor.getIfAvailable();
        if (vigil == null) {
            curation.run();
        } else {
            vigil.jobs().run("curation", curation);
        }
    }

    /**
     * Stops (or resumes) the scheduled runs, so a demo can show a job that stopped running: pausing moves today's runs
     * back a day, as if the job had been idle since yesterday.
     */
    void pause(boolean pause) {
        if (pause) {
            jdbc.update("UPDATE curation_runs SET started_at = DATEADD('DAY', -1, started_at),"
                    + " finished_at = DATEADD('DAY', -1, finished_at) WHERE started_at >= CURRENT_DATE");
        }
        paused.set(pause);
    }

    boolean paused() {
        return paused.get();
    }
}
