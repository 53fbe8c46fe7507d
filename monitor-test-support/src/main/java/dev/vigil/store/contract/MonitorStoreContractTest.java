package dev.vigil.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import dev.vigil.action.ApprovalRecord;
import dev.vigil.action.PendingApproval;
import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertState;
import dev.vigil.alert.AlertStore;
import dev.vigil.alert.AlertTransition;
import dev.vigil.alert.Notification;
import dev.vigil.alert.Severity;
import dev.vigil.alert.Silence;
import dev.vigil.alert.StoredAlert;
import dev.vigil.alert.delivery.NotificationOutbox;
import dev.vigil.alert.delivery.OutboxEntry;
import dev.vigil.alert.delivery.OutboxStatus;
import dev.vigil.audit.AuditEntry;
import dev.vigil.audit.AuditLog;
import dev.vigil.audit.AuditQuery;
import dev.vigil.briefing.StoredBriefing;
import dev.vigil.config.ConfigStore;
import dev.vigil.config.StoredSetting;
import dev.vigil.deploy.Deployment;
import dev.vigil.deploy.DeploymentSource;
import dev.vigil.health.CheckRunRecord;
import dev.vigil.health.CheckRunStore;
import dev.vigil.health.HealthCheckRun;
import dev.vigil.health.HealthStatus;
import dev.vigil.incident.ErrorEvent;
import dev.vigil.incident.Fingerprints;
import dev.vigil.incident.Incident;
import dev.vigil.incident.IncidentDelta;
import dev.vigil.incident.IncidentQuery;
import dev.vigil.incident.IncidentSeverity;
import dev.vigil.incident.IncidentStatus;
import dev.vigil.incident.IncidentStore;
import dev.vigil.incident.IncidentTransition;
import dev.vigil.incident.KnownFixRecord;
import dev.vigil.security.Caller;
import dev.vigil.security.Role;
import dev.vigil.security.event.SecurityEvent;
import dev.vigil.security.event.SecurityEventQuery;
import dev.vigil.security.event.SecurityEventType;
import dev.vigil.store.LeaseStore;
import dev.vigil.store.MonitorStore;
import dev.vigil.store.StoredKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link MonitorStore} shares, kind by kind: what is written is read back equal, history
 * is ordered and filtered, the outbox claims each entry once, alerts change by compare-and-set, leases have one
 * holder, and purges delete in bounded batches. Extend it and return a fresh, empty store from {@link #newStore}.
 *
 * <p>Instants written here are at microsecond precision (the JDBC store keeps instants to the microsecond); a
 * store must return them exactly. Audit details use the types JSON reads back (strings, booleans,
 * {@code Integer} for whole numbers that fit, {@code Double}, lists and maps).
 *
 * <p>Stores bounded by size rather than by age (the memory store) override {@link #purgesByAge()} to return
 * false: the purge tests are then skipped.
 */
public abstract class MonitorStoreContractTest {

    /** A whole second, as most records use. */
    protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    /** An instant with microseconds, to check they survive. */
    protected static final Instant T0_MICROS = Instant.parse("2026-01-01T00:00:00.123456Z");
    private static final Instant NO_LEASE = T0;
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /** The clock given to the store; the lease tests move it forward. */
    protected final TestClock clock = new TestClock();

    private MonitorStore store;

    /** A new, empty store; stores that keep leases on their own clock use {@code clock}. */
    protected abstract MonitorStore newStore(TestClock clock);

    /** Whether {@link MonitorStore#purge} deletes by age; a store bounded by size returns false and skips those tests. */
    protected boolean purgesByAge() {
        return true;
    }

    @BeforeEach
    void createStore() {
        store = newStore(clock);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    /** The store under test. */
    protected MonitorStore store() {
        return store;
    }

    // ---------------------------------------------------------------- check runs

    private static CheckRunRecord run(String instance, String check, Instant at, HealthStatus status, String message) {
        return new CheckRunRecord(instance, check, new HealthCheckRun(at, status, Duration.ofNanos(1_234_567), message));
    }

    @Test
    void checkRunsComeBackEqualNewestFirstPerCheck() {
        CheckRunStore runs = store.checkRuns();
        CheckRunRecord first = run("a", "db", T0_MICROS, HealthStatus.UP, "");
        CheckRunRecord other = run("b", "disk", T0.plusSeconds(1), HealthStatus.DEGRADED, "92% used");
        CheckRunRecord second = run("b", "db", T0.plusSeconds(10), HealthStatus.DOWN, "Connection refused: 5432 — «down»");
        CheckRunRecord third = run("a", "db", T0.plusSeconds(20), HealthStatus.UP, "3 ms");
        runs.add(List.of(first, other, second));
        runs.add(List.of(third));

        assertThat(runs.recent("db", 10)).containsExactly(third, second, first);
        assertThat(runs.recent("db", 2)).containsExactly(third, second);
        assertThat(runs.recent("disk", 10)).containsExactly(other);
        assertThat(runs.recent("unknown", 10)).isEmpty();
        assertThat(runs.recent("db", 0)).isEmpty();
    }

    @Test
    void checkRunsAcceptAnEmptyBatch() {
        store.checkRuns().add(List.of());

        assertThat(store.checkRuns().recent("db", 10)).isEmpty();
    }

    // ---------------------------------------------------------------- alerts

    private static StoredAlert candidate(String fingerprint, Instant since) {
        return new StoredAlert("alert-" + SEQUENCE.incrementAndGet(), "error-ratio", fingerprint,
                Map.of("route", "/upload", "platform", "ios"), AlertState.PENDING, "Error rate 12.4% above 10%", since,
                null, since, false, null, null, null, 0, 0);
    }

    @Test
    void openStoresTheCandidateAtVersionOne() {
        StoredAlert candidate = candidate("error-ratio{route=/upload}", T0_MICROS);

        StoredAlert opened = store.alerts().open(candidate);

        assertThat(opened).isEqualTo(candidate.withVersion(1));
        assertThat(store.alerts().active()).containsExactly(opened);
    }

    @Test
    void openOfAnActiveFingerprintReturnsTheAlertStoredBefore() {
        StoredAlert first = store.alerts().open(candidate("fp", T0));

        StoredAlert second = store.alerts().open(candidate("fp", T0.plusSeconds(5)));

        assertThat(second).isEqualTo(first);
        assertThat(store.alerts().active()).containsExactly(first);
    }

    @Test
    void concurrentOpensOfOneFingerprintHaveOneWinnerAndAllGetItsAlert() throws Exception {
        int threads = 6;
        List<StoredAlert> candidates = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            candidates.add(candidate("race", T0.plusSeconds(i)));
        }
        List<StoredAlert> opened = runTogether(threads, i -> store.alerts().open(candidates.get(i)));

        assertThat(new HashSet<>(opened)).hasSize(1);
        StoredAlert winner = opened.get(0);
        assertThat(candidates.stream().map(c -> c.withVersion(1))).contains(winner);
        assertThat(store.alerts().active()).containsExactly(winner);
    }

    @Test
    void replaceIsACompareAndSetOnTheVersion() {
        StoredAlert opened = store.alerts().open(candidate("fp", T0));
        StoredAlert firing = opened.firing(T0.plusSeconds(60)).withMessage("Error rate 15% above 10%")
                .notified(T0_MICROS.plusSeconds(60)).acknowledgedBy("alice", T0.plusSeconds(70)).withSilenced(true);

        StoredAlert replaced = store.alerts().replace(opened, firing).orElseThrow();

        assertThat(replaced).isEqualTo(firing.withVersion(2));
        assertThat(store.alerts().replace(opened, opened.withMessage("stale"))).isEmpty();
        assertThat(store.alerts().active()).containsExactly(replaced);
    }

    @Test
    void replaceKeepsTheLaterLastSeenAt() {
        StoredAlert opened = store.alerts().open(candidate("fp", T0));
        store.alerts().seen(List.of(opened.id()), T0.plusSeconds(30));

        StoredAlert replaced = store.alerts().replace(opened, opened.firing(T0.plusSeconds(20))).orElseThrow();

        assertThat(replaced.lastSeenAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(replaced.version()).isEqualTo(2);
        StoredAlert later = store.alerts().replace(replaced, replaced.seen(T0.plusSeconds(40))).orElseThrow();
        assertThat(later.lastSeenAt()).isEqualTo(T0.plusSeconds(40));
    }

    @Test
    void replaceRefusesAnotherIdOrFingerprint() {
        StoredAlert opened = store.alerts().open(candidate("fp", T0));
        StoredAlert other = candidate("other", T0);

        assertThatThrownBy(() -> store.alerts().replace(opened, other)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void removeIsACompareAndSetAndFreesTheFingerprint() {
        StoredAlert opened = store.alerts().open(candidate("fp", T0));
        StoredAlert replaced = store.alerts().replace(opened, opened.firing(T0.plusSeconds(1))).orElseThrow();

        assertThat(store.alerts().remove(opened)).isFalse();
        assertThat(store.alerts().remove(replaced)).isTrue();
        assertThat(store.alerts().remove(replaced)).isFalse();
        assertThat(store.alerts().active()).isEmpty();

        StoredAlert again = candidate("fp", T0.plusSeconds(100));
        assertThat(store.alerts().open(again)).isEqualTo(again.withVersion(1));
    }

    @Test
    void seenMovesLastSeenAtForwardWithoutChangingTheVersion() {
        StoredAlert one = store.alerts().open(candidate("one", T0));
        StoredAlert two = store.alerts().open(candidate("two", T0));

        store.alerts().seen(List.of(one.id(), two.id(), "unknown"), T0_MICROS.plusSeconds(5));
        store.alerts().seen(List.of(one.id()), T0.plusSeconds(1));
        store.alerts().seen(List.of(), T0.plusSeconds(9));

        assertThat(store.alerts().active()).containsExactlyInAnyOrder(one.seen(T0_MICROS.plusSeconds(5)),
                two.seen(T0_MICROS.plusSeconds(5)));
        assertThat(store.alerts().active()).allSatisfy(alert -> assertThat(alert.version()).isEqualTo(1));
    }

    private static Alert alert(String id, AlertState state, double value) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("route", "/upload");
        labels.put("platform", "android");
        return new Alert(id, "error-ratio", "error-ratio" + labels, Severity.CRITICAL, state, "Error rate 12.4% on /upload",
                labels, value, T0_MICROS, state == AlertState.PENDING ? null : T0.plusSeconds(60),
                state == AlertState.RESOLVED ? T0.plusSeconds(600) : null, state == AlertState.FIRING, "clear_cache");
    }

    @Test
    void historyComesBackEqualNewestFirstFilteredAndLimited() {
        AlertStore alerts = store.alerts();
        AlertTransition pending = new AlertTransition(alert("a", AlertState.PENDING, 0.124), null, AlertState.PENDING,
                T0_MICROS, AlertTransition.Change.STATE, "");
        AlertTransition firing = new AlertTransition(alert("a", AlertState.FIRING, Double.NaN), AlertState.PENDING,
                AlertState.FIRING, T0.plusSeconds(60), AlertTransition.Change.STATE, "");
        AlertTransition acknowledged = new AlertTransition(alert("a", AlertState.FIRING, 1e-9), AlertState.FIRING,
                AlertState.FIRING, T0.plusSeconds(70), AlertTransition.Change.ACKNOWLEDGED, "acknowledged by alice");
        AlertTransition resolved = new AlertTransition(alert("a", AlertState.RESOLVED, Double.POSITIVE_INFINITY),
                AlertState.FIRING, AlertState.RESOLVED, T0.plusSeconds(600), AlertTransition.Change.STATE, "rule unregistered");
        alerts.record(pending);
        alerts.record(firing);
        alerts.record(acknowledged);
        alerts.record(resolved);

        assertThat(alerts.history(null, null, 10)).containsExactly(resolved, acknowledged, firing, pending);
        assertThat(alerts.history(null, null, 2)).containsExactly(resolved, acknowledged);
        assertThat(alerts.history(AlertState.FIRING, null, 10)).containsExactly(firing);
        assertThat(alerts.history(null, T0.plusSeconds(60), 10)).containsExactly(resolved, acknowledged, firing);
        assertThat(alerts.history(AlertState.PENDING, T0.plusSeconds(1), 10)).isEmpty();
        assertThat(alerts.history(null, null, 0)).isEmpty();
        assertThatThrownBy(() -> alerts.history(null, null, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Silence silence(String id, Instant startsAt, Instant endsAt) {
        return new Silence(id, Map.of("rule", "disk-critical", "instance", "a"), startsAt, endsAt, "maintenance", "alice");
    }

    @Test
    void silencesAreSavedReplacedRemovedAndEnd() {
        AlertStore alerts = store.alerts();
        Silence now = silence("now", T0_MICROS, T0.plusSeconds(3600));
        Silence later = silence("later", T0.plusSeconds(7200), T0.plusSeconds(9000));
        Silence brief = silence("brief", T0, T0.plusSeconds(60));
        alerts.saveSilence(now);
        alerts.saveSilence(later);
        alerts.saveSilence(brief);

        assertThat(alerts.silences(T0)).containsExactlyInAnyOrder(now, later, brief);
        assertThat(alerts.silences(T0.plusSeconds(60))).containsExactlyInAnyOrder(now, later);

        Silence longer = new Silence("now", Map.of("severity", "warning"), T0, T0.plusSeconds(7200), "longer", "bob");
        alerts.saveSilence(longer);
        assertThat(alerts.silences(T0.plusSeconds(60))).containsExactlyInAnyOrder(longer, later);

        assertThat(alerts.removeSilence("later")).isTrue();
        assertThat(alerts.removeSilence("later")).isFalse();
        assertThat(alerts.silences(T0.plusSeconds(60))).containsExactly(longer);
        assertThat(alerts.silences(T0.plusSeconds(7200))).isEmpty();
    }

    // ---------------------------------------------------------------- outbox

    private static Notification notification(Severity severity, Instant at) {
        int n = SEQUENCE.incrementAndGet();
        Alert alert = new Alert("alert-" + n, severity.jsonName() + "-rule", severity.jsonName() + "-rule", severity,
                AlertState.FIRING, "Error rate 12.4% above 10%", Map.of("route", "/upload"), 0.124, at.minusSeconds(60),
                at, null, false, null);
        return new Notification("n-" + n, Notification.Kind.FIRING, alert, "shop", at);
    }

    private static OutboxEntry entry(String sink, Instant due) {
        return OutboxEntry.pending(notification(Severity.WARNING, T0), sink, T0, due);
    }

    @Test
    void outboxEntryComesBackEqual() {
        Notification notification = new Notification("n-resolved", Notification.Kind.RESOLVED,
                alert("a", AlertState.RESOLVED, Double.NaN), "shop", T0_MICROS);
        OutboxEntry entry = OutboxEntry.pending(notification, "slack", T0_MICROS, T0_MICROS.plusSeconds(30));

        assertThat(store.outbox().add(List.of(entry))).isTrue();

        assertThat(store.outbox().recent(10)).containsExactly(entry);
    }

    @Test
    void outboxEntryIsPendingUntilDueAndThenClaimed() {
        OutboxEntry entry = entry("email", T0.plusSeconds(300));
        assertThat(store.outbox().add(List.of(entry))).isTrue();

        assertThat(store.outbox().claimDue("email", T0.plusSeconds(299), 10, NO_LEASE)).isEmpty();
        assertThat(store.outbox().claimDue("email", T0.plusSeconds(300), 10, T0.plusSeconds(400))).containsExactly(entry);
    }

    @Test
    void claimedEntryIsNotClaimedAgainBeforeItsLeaseEnds() {
        store.outbox().add(List.of(entry("slack", T0)));
        assertThat(store.outbox().claimDue("slack", T0, 10, T0.plusSeconds(40))).hasSize(1);

        assertThat(store.outbox().claimDue("slack", T0.plusSeconds(39), 10, T0.plusSeconds(80))).isEmpty();
        assertThat(store.outbox().nextDue("slack")).contains(T0.plusSeconds(40));
        assertThat(store.outbox().claimDue("slack", T0.plusSeconds(40), 10, T0.plusSeconds(80))).hasSize(1);
    }

    @Test
    void claimTakesOnlyThatSinkEarliestDueFirstUpToTheLimit() {
        OutboxEntry late = entry("slack", T0.plusSeconds(2));
        OutboxEntry early = entry("slack", T0.plusSeconds(1));
        OutboxEntry other = entry("email", T0);
        store.outbox().add(List.of(late, other));
        store.outbox().add(List.of(early));

        assertThat(store.outbox().claimDue("slack", T0.plusSeconds(5), 1, T0.plusSeconds(60))).containsExactly(early);
        assertThat(store.outbox().claimDue("slack", T0.plusSeconds(5), 10, T0.plusSeconds(60))).containsExactly(late);
        assertThat(store.outbox().claimDue("slack", T0.plusSeconds(5), 10, T0.plusSeconds(60))).isEmpty();
        assertThat(store.outbox().claimDue("email", T0.plusSeconds(5), 0, T0.plusSeconds(60))).isEmpty();
    }

    @Test
    void addingAStoredIdIgnoresItAndStoresTheRest() {
        OutboxEntry entry = entry("log", T0);
        store.outbox().add(List.of(entry));
        OutboxEntry sameId = new OutboxEntry(entry.id(), "log", entry.notification(), OutboxStatus.RETRYING, 5, T0,
                T0.plusSeconds(9), T0, null, "changed");
        OutboxEntry fresh = entry("log", T0.plusSeconds(1));

        assertThat(store.outbox().add(List.of(sameId, fresh))).isTrue();
        assertThat(store.outbox().add(List.of(entry, entry))).isTrue();

        assertThat(store.outbox().recent(10)).containsExactlyInAnyOrder(entry, fresh);
    }

    @Test
    void sentEntryIsFinishedAndNeverClaimedAgain() {
        OutboxEntry entry = entry("log", T0);
        store.outbox().add(List.of(entry));
        store.outbox().claimDue("log", T0, 10, T0.plusSeconds(40));

        store.outbox().markSent(List.of(entry.id()), T0_MICROS.plusSeconds(1));
        store.outbox().markSent(List.of(entry.id()), T0.plusSeconds(2));

        assertThat(store.outbox().claimDue("log", T0.plusSeconds(100), 10, T0.plusSeconds(140))).isEmpty();
        assertThat(store.outbox().nextDue("log")).isEmpty();
        assertThat(store.outbox().recent(10)).containsExactly(entry.sent(T0_MICROS.plusSeconds(1)));
    }

    @Test
    void retryingEntryIsDueAgainAtItsNextAttempt() {
        OutboxEntry entry = entry("slack", T0);
        store.outbox().add(List.of(entry));
        store.outbox().claimDue("slack", T0, 10, T0.plusSeconds(40));

        store.outbox().markRetry(entry.id(), 1, T0.plusSeconds(2), "webhook returned HTTP 500", T0_MICROS);

        OutboxEntry retrying = entry.retrying(1, T0.plusSeconds(2), "webhook returned HTTP 500", T0_MICROS);
        assertThat(store.outbox().nextDue("slack")).contains(T0.plusSeconds(2));
        assertThat(store.outbox().claimDue("slack", T0.plusSeconds(1), 10, T0.plusSeconds(40))).isEmpty();
        assertThat(store.outbox().claimDue("slack", T0.plusSeconds(2), 10, T0.plusSeconds(42))).containsExactly(retrying);
    }

    @Test
    void deadLetteredEntryIsFinishedWithItsError() {
        OutboxEntry entry = entry("slack", T0);
        store.outbox().add(List.of(entry));

        store.outbox().markDeadLettered(entry.id(), 3, "webhook returned HTTP 400", T0.plusSeconds(5));
        store.outbox().markRetry(entry.id(), 4, T0.plusSeconds(6), "too late", T0.plusSeconds(6));

        assertThat(store.outbox().claimDue("slack", T0.plusSeconds(100), 10, T0.plusSeconds(140))).isEmpty();
        assertThat(store.outbox().recent(1))
                .containsExactly(entry.deadLettered(3, "webhook returned HTTP 400", T0.plusSeconds(5)));
    }

    @Test
    void nextDueIsTheEarliestUnfinishedEntryOfTheSink() {
        assertThat(store.outbox().nextDue("slack")).isEmpty();
        store.outbox().add(List.of(entry("slack", T0.plusSeconds(30)), entry("slack", T0_MICROS.plusSeconds(20)),
                entry("email", T0)));

        assertThat(store.outbox().nextDue("slack")).contains(T0_MICROS.plusSeconds(20));
        assertThat(store.outbox().nextDue("email")).contains(T0);
    }

    @Test
    void recentIsNewestFirstAndCountsArePerSinkAndStatus() {
        Notification first = notification(Severity.CRITICAL, T0);
        Notification second = notification(Severity.CRITICAL, T0.plusSeconds(1));
        store.outbox().add(List.of(OutboxEntry.pending(first, "slack", T0, T0), OutboxEntry.pending(first, "log", T0, T0)));
        store.outbox().add(List.of(OutboxEntry.pending(second, "slack", T0.plusSeconds(1), T0.plusSeconds(1))));
        store.outbox().markSent(List.of(OutboxEntry.idOf(first, "log")), T0.plusSeconds(2));
        store.outbox().markRetry(OutboxEntry.idOf(first, "slack"), 1, T0.plusSeconds(3), "boom", T0.plusSeconds(2));

        assertThat(store.outbox().recent(2)).first().extracting(OutboxEntry::id).isEqualTo(OutboxEntry.idOf(second, "slack"));
        assertThat(store.outbox().recent(10)).hasSize(3);
        assertThat(store.outbox().recent(0)).isEmpty();
        assertThat(store.outbox().counts()).isEqualTo(Map.of(
                "slack", Map.of(OutboxStatus.PENDING, 1L, OutboxStatus.RETRYING, 1L),
                "log", Map.of(OutboxStatus.SENT, 1L)));
    }

    @Test
    void entryJsonNamesSinkStatusAndAlert() {
        OutboxEntry entry = entry("email", T0.plus(Duration.ofMinutes(5)));
        store.outbox().add(List.of(entry));

        Map<String, Object> json = store.outbox().recent(1).get(0).toJson();

        assertThat(json).containsEntry("sink", "email")
                .containsEntry("status", "pending")
                .containsEntry("attempts", 0)
                .containsEntry("lastError", null)
                .containsEntry("nextAttemptAt", T0.plus(Duration.ofMinutes(5)))
                .containsEntry("notificationId", entry.notification().id())
                .containsEntry("rule", "warning-rule")
                .containsEntry("severity", "warning")
                .containsEntry("kind", "firing");
    }

    @Test
    void twoClaimantsNeverGetTheSameEntry() throws Exception {
        NotificationOutbox outbox = store.outbox();
        int total = 40;
        List<OutboxEntry> entries = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            entries.add(entry("slack", T0));
        }
        outbox.add(entries);

        List<List<String>> claims = runTogether(2, i -> {
            List<String> mine = new ArrayList<>();
            List<OutboxEntry> batch;
            do {
                batch = outbox.claimDue("slack", T0.plusSeconds(1), 3, T0.plusSeconds(3600));
                batch.forEach(entry -> mine.add(entry.id()));
            } while (!batch.isEmpty());
            return mine;
        });

        List<String> all = new ArrayList<>(claims.get(0));
        all.addAll(claims.get(1));
        assertThat(all).doesNotHaveDuplicates().hasSize(total);
    }

    // ---------------------------------------------------------------- audit

    /** An audit entry {@code secondsAfterT0} after {@link #T0}. */
    protected static AuditEntry auditEntry(String id, long secondsAfterT0, AuditEntry.Type type, String who, String subject) {
        return new AuditEntry(id, T0.plusSeconds(secondsAfterT0), type, who, subject, Map.of("n", (int) secondsAfterT0),
                "succeeded", null);
    }

    @Test
    void auditReturnsNewestFirstUpToTheLimit() {
        AuditLog log = store.audit();
        log.add(auditEntry("a", 0, AuditEntry.Type.ACTION, "alice", "clear_cache"));
        log.add(auditEntry("b", 10, AuditEntry.Type.QUERY, "bob", "run-query"));
        log.add(auditEntry("c", 20, AuditEntry.Type.CONFIG, "alice", "actions.kill-switch"));

        assertThat(log.query(AuditQuery.latest(10))).extracting(AuditEntry::id).containsExactly("c", "b", "a");
        assertThat(log.query(AuditQuery.latest(2))).extracting(AuditEntry::id).containsExactly("c", "b");
    }

    @Test
    void auditEntryComesBackEqual() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("params", Map.of("force", true, "names", List.of("a", "b")));
        details.put("durationMs", 12);
        details.put("bytes", 5_000_000_000L);
        details.put("ratio", 0.25);
        details.put("note", "naïve — ok");
        AuditEntry entry = new AuditEntry("x", T0_MICROS, AuditEntry.Type.ACTION, "alice", "restart_server", details,
                "failed", "timed out after 30s");
        AuditEntry plain = new AuditEntry("y", T0, AuditEntry.Type.CONFIG, "bob", "health.interval", Map.of(), "changed",
                null);
        store.audit().add(entry);
        store.audit().add(plain);

        assertThat(store.audit().query(AuditQuery.latest(10))).containsExactly(entry, plain);
    }

    @Test
    void auditFiltersByTypeWhoSubjectAndSince() {
        AuditLog log = store.audit();
        log.add(auditEntry("a", 0, AuditEntry.Type.ACTION, "alice", "clear_cache"));
        log.add(auditEntry("b", 10, AuditEntry.Type.ACTION, "bob", "start_curation"));
        log.add(auditEntry("c", 20, AuditEntry.Type.CONFIG, "alice", "actions.kill-switch"));
        log.add(auditEntry("d", 30, AuditEntry.Type.ACTION, "alice", "clear_cache"));

        assertThat(log.query(AuditQuery.latest(10).ofType(AuditEntry.Type.ACTION))).extracting(AuditEntry::id)
                .containsExactly("d", "b", "a");
        assertThat(log.query(AuditQuery.latest(10).by("alice"))).extracting(AuditEntry::id).containsExactly("d", "c", "a");
        assertThat(log.query(AuditQuery.latest(10).about("clear_cache"))).extracting(AuditEntry::id)
                .containsExactly("d", "a");
        assertThat(log.query(AuditQuery.latest(10).after(T0.plusSeconds(10)))).extracting(AuditEntry::id)
                .containsExactly("d", "c", "b");
        assertThat(log.query(AuditQuery.latest(1).ofType(AuditEntry.Type.ACTION).by("alice").after(T0)))
                .extracting(AuditEntry::id).containsExactly("d");
    }

    @Test
    void auditOrdersByTimeEvenWhenEntriesArriveLate() {
        AuditLog log = store.audit();
        log.add(auditEntry("started-first-finished-last", 0, AuditEntry.Type.ACTION, "alice", "slow"));
        log.add(auditEntry("later", 5, AuditEntry.Type.ACTION, "bob", "fast"));
        log.add(auditEntry("earlier", 1, AuditEntry.Type.ACTION, "carol", "slow"));
        log.add(auditEntry("same-time-arrived-last", 5, AuditEntry.Type.ACTION, "dave", "fast"));

        assertThat(log.query(AuditQuery.latest(10))).extracting(AuditEntry::id)
                .containsExactly("same-time-arrived-last", "later", "earlier", "started-first-finished-last");
    }

    // ---------------------------------------------------------------- config

    @Test
    void newStoreHoldsNoSettings() {
        assertThat(store.config().loadAll()).isEmpty();
    }

    @Test
    void savedSettingIsLoadedBackAsSaved() {
        StoredSetting setting = new StoredSetting("actions.kill-switch", "true", T0_MICROS, "alice");
        store.config().save(setting);

        assertThat(store.config().loadAll()).containsExactly(setting);
    }

    @Test
    void savingASettingAgainReplacesIt() {
        ConfigStore config = store.config();
        config.save(new StoredSetting("actions.max-per-hour", "20", T0, "alice"));
        config.save(new StoredSetting("actions.max-per-hour", "5", T0.plusSeconds(60), "bob"));
        config.save(new StoredSetting("health.interval", "30s", T0, "alice"));

        assertThat(config.loadAll()).containsExactlyInAnyOrder(
                new StoredSetting("actions.max-per-hour", "5", T0.plusSeconds(60), "bob"),
                new StoredSetting("health.interval", "30s", T0, "alice"));
    }

    // ---------------------------------------------------------------- actions

    private static ApprovalRecord approval(String token, Instant expiresAt) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("node", 3);
        params.put("region", "eu");
        return new ApprovalRecord(token, "restart_server", params,
                new Caller("agent", "Deploy agent", Caller.Kind.SHARED_CREDENTIAL, Set.of(Role.OPERATOR), "bearer-token"),
                "audit-1", expiresAt, null, null);
    }

    @Test
    void approvalComesBackEqualAndUnknownTokensAreUnknown() {
        ApprovalRecord approval = approval("token-1", T0_MICROS.plusSeconds(600));
        store.actions().saveApproval(approval);

        assertThat(store.actions().approval("token-1")).contains(approval);
        assertThat(store.actions().approval("token-2")).isEmpty();
    }

    @Test
    void approvalIsUsedOnceAndRemembersByWhom() {
        store.actions().saveApproval(approval("token-1", T0.plusSeconds(600)));

        assertThat(store.actions().useApproval("token-1", "alice", T0_MICROS)).isTrue();
        assertThat(store.actions().useApproval("token-1", "bob", T0.plusSeconds(1))).isFalse();
        assertThat(store.actions().useApproval("unknown", "bob", T0)).isFalse();
        assertThat(store.actions().approval("token-1")).hasValueSatisfying(used -> {
            assertThat(used.usedBy()).isEqualTo("alice");
            assertThat(used.usedAt()).isEqualTo(T0_MICROS);
        });
    }

    @Test
    void concurrentUsesOfOneApprovalHaveOneWinner() throws Exception {
        store.actions().saveApproval(approval("token-1", T0.plusSeconds(600)));

        List<Boolean> used = runTogether(4, i -> store.actions().useApproval("token-1", "caller-" + i, T0));

        assertThat(used).containsOnlyOnce(true);
    }

    @Test
    void pendingApprovalsAreTheUnusedValidOnesNewestFirstWithoutTokens() {
        store.actions().saveApproval(approval("expired", T0.plusSeconds(100)));
        store.actions().saveApproval(approval("older", T0_MICROS.plusSeconds(600)));
        store.actions().saveApproval(approval("used", T0.plusSeconds(650)));
        store.actions().saveApproval(approval("newer", T0.plusSeconds(700)));
        store.actions().saveApproval(approval("newest", T0.plusSeconds(800)));
        store.actions().useApproval("used", "bob", T0.plusSeconds(60));

        List<PendingApproval> pending = store.actions().pendingApprovals(T0.plusSeconds(100), 10);

        assertThat(pending).extracting(PendingApproval::expiresAt)
                .containsExactly(T0.plusSeconds(800), T0.plusSeconds(700), T0_MICROS.plusSeconds(600));
        assertThat(pending.get(2)).isEqualTo(PendingApproval.of(approval("older", T0_MICROS.plusSeconds(600))));
        assertThat(store.actions().pendingApprovals(T0.plusSeconds(100), 2)).extracting(PendingApproval::expiresAt)
                .containsExactly(T0.plusSeconds(800), T0.plusSeconds(700));
        assertThat(store.actions().pendingApprovals(T0.plusSeconds(800), 10)).isEmpty();
    }

    @Test
    void runsComeBackOldestFirstFromTheirStart() {
        store.actions().recordRun("clear_cache", T0.plusSeconds(20));
        store.actions().recordRun("clear_cache", T0_MICROS);
        store.actions().recordRun("restart_server", T0.plusSeconds(5));
        store.actions().recordRun("clear_cache", T0.plusSeconds(40));

        assertThat(store.actions().runsSince("clear_cache", T0)).containsExactly(T0_MICROS, T0.plusSeconds(20),
                T0.plusSeconds(40));
        assertThat(store.actions().runsSince("clear_cache", T0.plusSeconds(20))).containsExactly(T0.plusSeconds(20),
                T0.plusSeconds(40));
        assertThat(store.actions().runsSince("unknown", T0)).isEmpty();
    }

    // ---------------------------------------------------------------- leases

    @Test
    void leaseHasOneHolderAtATime() {
        LeaseStore leases = store.leases();
        assertThat(leases.holder("retention")).isEmpty();

        assertThat(leases.tryAcquire("retention", "a", Duration.ofMinutes(10))).isTrue();
        assertThat(leases.tryAcquire("retention", "b", Duration.ofMinutes(10))).isFalse();
        assertThat(leases.tryAcquire("other-work", "b", Duration.ofMinutes(10))).isTrue();

        assertThat(leases.holder("retention")).hasValueSatisfying(lease -> {
            assertThat(lease.name()).isEqualTo("retention");
            assertThat(lease.owner()).isEqualTo("a");
        });
        assertThat(leases.holder("other-work")).hasValueSatisfying(lease -> assertThat(lease.owner()).isEqualTo("b"));
    }

    @Test
    void holderExtendsItsLease() {
        LeaseStore leases = store.leases();
        leases.tryAcquire("retention", "a", Duration.ofMinutes(1));
        Instant first = leases.holder("retention").orElseThrow().until();

        assertThat(leases.tryAcquire("retention", "a", Duration.ofMinutes(30))).isTrue();

        assertThat(leases.holder("retention").orElseThrow().until()).isAfter(first.plus(Duration.ofMinutes(20)));
        assertThat(leases.tryAcquire("retention", "b", Duration.ofMinutes(1))).isFalse();
    }

    @Test
    void releasedLeaseIsFreeAtOnceButOnlyItsHolderReleasesIt() {
        LeaseStore leases = store.leases();
        leases.tryAcquire("retention", "a", Duration.ofMinutes(10));

        leases.release("retention", "b");
        assertThat(leases.holder("retention")).map(lease -> lease.owner()).contains("a");

        leases.release("retention", "a");
        assertThat(leases.holder("retention")).isEmpty();
        assertThat(leases.tryAcquire("retention", "b", Duration.ofMinutes(10))).isTrue();
    }

    @Test
    void leaseThatRanOutGoesToAnotherOwner() {
        LeaseStore leases = store.leases();
        assertThat(leases.tryAcquire("retention", "a", Duration.ofMillis(500))).isTrue();

        clock.advance(Duration.ofSeconds(1)); // a store on the test clock; a database's clock moves by itself
        waitFor(() -> leases.holder("retention").isEmpty());

        assertThat(leases.tryAcquire("retention", "b", Duration.ofMinutes(10))).isTrue();
        assertThat(leases.holder("retention")).map(lease -> lease.owner()).contains("b");
    }

    @Test
    void leaseMustLastAPositiveDuration() {
        assertThatThrownBy(() -> store.leases().tryAcquire("retention", "a", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- purge

    @Test
    void purgeDeletesOldCheckRunsInBoundedBatches() {
        assumeTrue(purgesByAge(), "this store is bounded by size");
        List<CheckRunRecord> runs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            runs.add(run("a", i % 2 == 0 ? "db" : "disk", T0.plusSeconds(i), HealthStatus.UP, ""));
        }
        CheckRunRecord kept = run("a", "db", T0.plusSeconds(100), HealthStatus.UP, "");
        runs.add(kept);
        store.checkRuns().add(runs);

        assertPurgedInBatches(StoredKind.CHECK_RUNS, T0.plusSeconds(100), 5);
        assertThat(store.checkRuns().recent("db", 10)).containsExactly(kept);
        assertThat(store.checkRuns().recent("disk", 10)).isEmpty();
    }

    @Test
    void purgeDeletesOldAlertHistoryInBoundedBatches() {
        assumeTrue(purgesByAge(), "this store is bounded by size");
        for (int i = 0; i < 5; i++) {
            store.alerts().record(new AlertTransition(alert("a" + i, AlertState.PENDING, 1), null, AlertState.PENDING,
                    T0.plusSeconds(i), AlertTransition.Change.STATE, ""));
        }
        AlertTransition kept = new AlertTransition(alert("b", AlertState.PENDING, 1), null, AlertState.PENDING,
                T0.plusSeconds(100), AlertTransition.Change.STATE, "");
        store.alerts().record(kept);

        assertPurgedInBatches(StoredKind.ALERT_HISTORY, T0.plusSeconds(100), 5);
        assertThat(store.alerts().history(null, null, 10)).containsExactly(kept);
    }

    @Test
    void purgeDeletesOldActionRunsAndExpiredApprovals() {
        assumeTrue(purgesByAge(), "this store is bounded by size");
        for (int i = 0; i < 3; i++) {
            store.actions().recordRun("clear_cache", T0.plusSeconds(i));
        }
        store.actions().recordRun("clear_cache", T0.plusSeconds(100));
        store.actions().saveApproval(approval("expired-1", T0.plusSeconds(10)));
        store.actions().saveApproval(approval("expired-2", T0.plusSeconds(20)));
        store.actions().saveApproval(approval("valid", T0.plusSeconds(200)));

        assertPurgedInBatches(StoredKind.ACTIONS, T0.plusSeconds(100), 5);
        assertThat(store.actions().runsSince("clear_cache", T0)).containsExactly(T0.plusSeconds(100));
        assertThat(store.actions().approval("expired-1")).isEmpty();
        assertThat(store.actions().approval("valid")).isPresent();
    }

    @Test
    void purgeDeletesOldAuditEntriesInBoundedBatches() {
        assumeTrue(purgesByAge(), "this store is bounded by size");
        for (int i = 0; i < 5; i++) {
            store.audit().add(auditEntry("old-" + i, i, AuditEntry.Type.ACTION, "alice", "clear_cache"));
        }
        store.audit().add(auditEntry("kept", 100, AuditEntry.Type.ACTION, "alice", "clear_cache"));

        assertPurgedInBatches(StoredKind.AUDIT, T0.plusSeconds(100), 5);
        assertThat(store.audit().query(AuditQuery.latest(10))).extracting(AuditEntry::id).containsExactly("kept");
    }

    @Test
    void purgeDeletesOnlyFinishedNotificationsThatFinishedBeforeTheCutoff() {
        assumeTrue(purgesByAge(), "this store is bounded by size");
        List<OutboxEntry> finished = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            finished.add(entry("slack", T0));
        }
        OutboxEntry waiting = entry("slack", T0);
        OutboxEntry retrying = entry("slack", T0);
        OutboxEntry finishedLate = entry("slack", T0);
        List<OutboxEntry> all = new ArrayList<>(finished);
        all.addAll(List.of(waiting, retrying, finishedLate));
        store.outbox().add(all);
        for (int i = 0; i < 5; i++) {
            if (i % 2 == 0) {
                store.outbox().markSent(List.of(finished.get(i).id()), T0.plusSeconds(i));
            } else {
                store.outbox().markDeadLettered(finished.get(i).id(), 3, "HTTP 400", T0.plusSeconds(i));
            }
        }
        store.outbox().markRetry(retrying.id(), 1, T0.plusSeconds(500), "HTTP 503", T0.plusSeconds(1));
        store.outbox().markSent(List.of(finishedLate.id()), T0.plusSeconds(100));

        assertPurgedInBatches(StoredKind.NOTIFICATIONS, T0.plusSeconds(100), 5);
        assertThat(store.outbox().recent(10)).extracting(OutboxEntry::id)
                .containsExactlyInAnyOrder(waiting.id(), retrying.id(), finishedLate.id());
    }

    /** Purges {@code old} records before {@code cutoff} with a limit of 2: 2, 2, 1, then none. */
    private void assertPurgedInBatches(StoredKind kind, Instant cutoff, int old) {
        int deleted = 0;
        for (int batch = 0; batch < old / 2; batch++) {
            assertThat(store.purge(kind, cutoff, 2)).isEqualTo(2);
            deleted += 2;
        }
        assertThat(store.purge(kind, cutoff, 2)).isEqualTo(old - deleted);
        assertThat(store.purge(kind, cutoff, 2)).isZero();
    }

    // ---------------------------------------------------------------- helpers

    /** Work for the thread numbered by the argument. */
    @FunctionalInterface
    public interface ThreadWork<T> {
        T run(int thread) throws Exception;
    }

    /**
     * Runs {@code work} on {@code threads} threads released together; their results in thread order. Public for
     * a store's own race tests (schema initialisation, say).
     */
    public static <T> List<T> runTogether(int threads, ThreadWork<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int thread = i;
                Callable<T> task = () -> {
                    ready.countDown();
                    if (!go.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the threads were not released");
                    }
                    return work.run(thread);
                };
                futures.add(pool.submit(task));
            }
            assertThat(ready.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("threads ready").isTrue();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Waits until {@code condition} holds, at most 60 s, checking every 50 ms. */
    protected static void waitFor(BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the condition did not hold within " + DEADLINE.toSeconds() + " s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting", e);
            }
        }
    }

    // ---------------------------------------------------------------- security events

    private static SecurityEvent securityEvent(String id, long secondsAfterT0, SecurityEventType type, String ip,
            String user) {
        return new SecurityEvent(id, T0.plusSeconds(secondsAfterT0), type, type.defaultSeverity(), ip, user, "/api/login",
                "failed login — «ü»", "node-1", 1);
    }

    @Test
    void securityEventsComeBackEqualNewestFirstAndFiltered() {
        SecurityEvent first = new SecurityEvent("e1", T0_MICROS, SecurityEventType.SQL_INJECTION_ATTEMPT,
                dev.vigil.alert.Severity.CRITICAL, "2001:db8::1", null, null, "' or 1=1", "node-2", 42);
        SecurityEvent second = securityEvent("e2", 10, SecurityEventType.FAILED_LOGIN, "203.0.113.7", "alice");
        SecurityEvent third = securityEvent("e3", 20, SecurityEventType.RATE_LIMITED, "203.0.113.7", "bob");
        store.securityEvents().add(List.of(first, second));
        store.securityEvents().add(List.of(third));

        assertThat(store.securityEvents().query(SecurityEventQuery.latest(10))).containsExactly(third, second, first);
        assertThat(store.securityEvents().query(SecurityEventQuery.latest(2))).containsExactly(third, second);
        assertThat(store.securityEvents().query(SecurityEventQuery.latest(10).fromIp("203.0.113.7")))
                .containsExactly(third, second);
        assertThat(store.securityEvents().query(SecurityEventQuery.latest(10).ofType(SecurityEventType.FAILED_LOGIN)))
                .containsExactly(second);
        assertThat(store.securityEvents().query(SecurityEventQuery.latest(10).aboutUser("bob"))).containsExactly(third);
        assertThat(store.securityEvents().query(SecurityEventQuery.latest(10)
                .withSeverity(dev.vigil.alert.Severity.CRITICAL))).containsExactly(first);
        assertThat(store.securityEvents().query(SecurityEventQuery.latest(10).after(T0.plusSeconds(10))))
                .containsExactly(third, second);
    }

    @Test
    void securityEventsAddedTwiceAreKeptOnce() {
        SecurityEvent event = securityEvent("twice", 5, SecurityEventType.UNAUTHORIZED, "192.0.2.1", "carol");
        store.securityEvents().add(List.of(event));
        store.securityEvents().add(List.of(event));

        assertThat(store.securityEvents().query(SecurityEventQuery.latest(10))).containsExactly(event);
    }

    @Test
    void purgeDeletesOldSecurityEventsInBoundedBatches() {
        assumeTrue(purgesByAge(), "this store is bounded by size");
        for (int i = 0; i < 5; i++) {
            store.securityEvents().add(List.of(securityEvent("old-" + i, i, SecurityEventType.FORBIDDEN, "192.0.2.1", "x")));
        }
        store.securityEvents().add(List.of(securityEvent("kept", 100, SecurityEventType.FORBIDDEN, "192.0.2.1", "x")));

        assertPurgedInBatches(StoredKind.SECURITY_EVENTS, T0.plusSeconds(100), 5);
        assertThat(store.securityEvents().query(SecurityEventQuery.latest(10))).extracting(SecurityEvent::id)
                .containsExactly("kept");
    }

    // ---------------------------------------------------------------- deployments

    private static Deployment deployment(String version, long secondsAfterT0, String instance) {
        return Deployment.of(version, "c0ffee", "production", null, T0.plusSeconds(secondsAfterT0), instance,
                DeploymentSource.STARTUP);
    }

    @Test
    void deploymentsComeBackEqualAndAnswerBetweenAndLatestBefore() {
        Deployment first = Deployment.of("1.0.0", null, null, "first release — «ü»", T0_MICROS, "node-1",
                DeploymentSource.API);
        Deployment second = deployment("1.1.0", 3600, "node-1");
        Deployment third = deployment("1.2.0", 7200, "node-2");
        assertThat(store.deployments().record(first)).isEqualTo(first);
        store.deployments().record(second);
        store.deployments().record(third);

        assertThat(store.deployments().recent(null, 10)).containsExactly(third, second, first);
        assertThat(store.deployments().recent(null, 1)).containsExactly(third);
        assertThat(store.deployments().recent(T0.plusSeconds(3600), 10)).containsExactly(third, second);
        assertThat(store.deployments().between(T0, T0.plusSeconds(7200))).containsExactly(first, second);
        assertThat(store.deployments().between(T0.plusSeconds(7201), T0.plusSeconds(9000))).isEmpty();
        assertThat(store.deployments().latestBefore(T0.plusSeconds(7199))).contains(second);
        assertThat(store.deployments().latestBefore(T0.plusSeconds(7200))).contains(third);
        assertThat(store.deployments().latestBefore(T0.minusSeconds(1))).isEmpty();
    }

    @Test
    void instancesOfOneReleaseMakeOneDeploymentAtTheEarliestTime() {
        store.deployments().record(deployment("2.0.0", 30, "node-b"));
        store.deployments().record(deployment("2.0.0", 10, "node-a"));
        Deployment described = Deployment.of("2.0.0", "c0ffee", "production", "rolling deploy", T0.plusSeconds(50), "node-b",
                DeploymentSource.API);
        Deployment merged = store.deployments().record(described);

        assertThat(merged.time()).isEqualTo(T0.plusSeconds(10));
        assertThat(merged.instances()).containsExactlyInAnyOrder("node-a", "node-b");
        assertThat(merged.description()).isEqualTo("rolling deploy");
        assertThat(merged.source()).isEqualTo(DeploymentSource.STARTUP);
        assertThat(store.deployments().recent(null, 10)).containsExactly(merged);
        assertThat(store.deployments().record(deployment("2.0.0", 60, "node-c")).instances()).hasSize(3);
        assertThat(store.deployments().record(Deployment.of("2.0.0", "c0ffee", "staging", null, T0, "node-s",
                DeploymentSource.STARTUP)).id()).isNotEqualTo(merged.id());
    }

    @Test
    void instancesStartingTogetherRecordOneDeployment() throws Exception {
        runTogether(8, thread -> store.deployments().record(deployment("3.0.0", thread, "node-" + thread)));

        assertThat(store.deployments().recent(null, 10)).singleElement().satisfies(deployment -> {
            assertThat(deployment.instances()).hasSize(8);
            assertThat(deployment.time()).isEqualTo(T0);
        });
    }

    @Test
    void purgeDeletesOldDeploymentsInBoundedBatches() {
        assumeTrue(purgesByAge(), "this store is bounded by size");
        for (int i = 0; i < 5; i++) {
            store.deployments().record(deployment("0." + i, i, "node-1"));
        }
        store.deployments().record(deployment("1.0", 100, "node-1"));

        assertPurgedInBatches(StoredKind.DEPLOYMENTS, T0.plusSeconds(100), 5);
        assertThat(store.deployments().recent(null, 10)).extracting(Deployment::version).containsExactly("1.0");
        assertThat(store.deployments().recent(null, 10).get(0).instances()).containsExactly("node-1");
    }

    // ---------------------------------------------------------------- briefings

    private static StoredBriefing briefing(String date, String instance, Instant generatedAt) {
        return new StoredBriefing(LocalDate.parse(date), generatedAt, instance,
                "{\"date\":\"" + date + "\",\"note\":\"été — ✅\"}",
                "# 📋 Daily briefing — " + date + "\n\n**🚨 CRITICAL ALERTS (0)**\n• None\n");
    }

    @Test
    void briefingsAreStoredOncePerDateAndComeBackEqual() {
        StoredBriefing first = briefing("2026-03-14", "a", T0_MICROS);

        assertThat(store.briefings().add(first)).isTrue();
        assertThat(store.briefings().add(briefing("2026-03-14", "b", T0.plusSeconds(1)))).isFalse();

        assertThat(store.briefings().find(LocalDate.parse("2026-03-14"))).contains(first);
        assertThat(store.briefings().find(LocalDate.parse("2026-03-15"))).isEmpty();
    }

    @Test
    void theLatestBriefingIsTheOneOfTheLatestDate() {
        assertThat(store.briefings().latest()).isEmpty();
        store.briefings().add(briefing("2026-03-14", "a", T0));
        store.briefings().add(briefing("2026-03-16", "a", T0.plusSeconds(1)));
        store.briefings().add(briefing("2026-03-15", "a", T0.plusSeconds(2)));

        assertThat(store.briefings().latest()).map(StoredBriefing::date).contains(LocalDate.parse("2026-03-16"));
    }

    @Test
    void concurrentAddsOfOneDateHaveOneWinner() throws Exception {
        List<Boolean> added = runTogether(8, thread -> store.briefings().add(briefing("2026-03-14", "i" + thread, T0)));

        assertThat(added).containsOnlyOnce(true);
        String winner = "i" + added.indexOf(true);
        assertThat(store.briefings().find(LocalDate.parse("2026-03-14"))).map(StoredBriefing::instance).contains(winner);
    }

    @Test
    void purgeDeletesOldBriefingsInBoundedBatches() {
        assumeTrue(purgesByAge(), "this store is bounded by size");
        for (int i = 0; i < 5; i++) {
            store.briefings().add(briefing("2026-01-0" + (i + 1), "a", T0.plusSeconds(i)));
        }
        store.briefings().add(briefing("2026-03-14", "a", T0.plusSeconds(100)));

        assertPurgedInBatches(StoredKind.BRIEFINGS, T0.plusSeconds(100), 5);
        assertThat(store.briefings().find(LocalDate.parse("2026-01-01"))).isEmpty();
        assertThat(store.briefings().latest()).map(StoredBriefing::date).contains(LocalDate.parse("2026-03-14"));
    }

    // ---------------------------------------------------------------- incidents

    private static IncidentDelta incidentDelta(String fingerprint, long count, long secondsAfterT0, String application) {
        return new IncidentDelta(Fingerprints.incidentId(fingerprint), fingerprint, "Database connection failed", "SQLException",
                IncidentSeverity.HIGH, "database", count, T0.plusSeconds(secondsAfterT0), T0.plusSeconds(secondsAfterT0),
                Set.of(application), Set.of("/api/orders"), "at Db.connect", null);
    }

    @Test
    void incidentDeltasAddUpAndWidenTheirIncident() {
        IncidentStore incidents = store().incidents();
        incidents.record(List.of(incidentDelta("fp-1", 3, 10, "shop")));
        incidents.record(List.of(incidentDelta("fp-1", 2, 5, "admin"), incidentDelta("fp-2", 1, 20, "shop")));

        Incident one = incidents.find(Fingerprints.incidentId("fp-1")).orElseThrow();
        assertThat(one.count()).isEqualTo(5);
        assertThat(one.firstSeen()).isEqualTo(T0.plusSeconds(5));
        assertThat(one.lastSeen()).isEqualTo(T0.plusSeconds(10));
        assertThat(one.applications()).containsExactlyInAnyOrder("shop", "admin");
        assertThat(one.status()).isEqualTo(IncidentStatus.DETECTED);
        assertThat(incidents.list(IncidentQuery.all(10))).extracting(Incident::fingerprint).containsExactly("fp-2", "fp-1");
        assertThat(incidents.find("no-such-id")).isEmpty();
    }

    @Test
    void concurrentDeltasOfOneIncidentAreNeverLost() throws Exception {
        IncidentStore incidents = store().incidents();
        runTogether(4, thread -> {
            for (int i = 0; i < 10; i++) {
                incidents.record(List.of(incidentDelta("race", 1, i, "app-" + thread)));
            }
            return null;
        });

        assertThat(incidents.find(Fingerprints.incidentId("race")).orElseThrow().count()).isEqualTo(40);
    }

    @Test
    void incidentTransitionsAndRegressionsAreKept() {
        IncidentStore incidents = store().incidents();
        String id = Fingerprints.incidentId("fp-1");
        incidents.record(List.of(incidentDelta("fp-1", 1, 0, "shop")));
        incidents.transition(new IncidentTransition(id, IncidentStatus.ACKNOWLEDGED, "alice", "on it", T0.plusSeconds(1)));
        incidents.transition(new IncidentTransition(id, IncidentStatus.RESOLVED, "bob", "fixed", T0_MICROS.plusSeconds(2)));

        Incident resolved = incidents.find(id).orElseThrow();
        assertThat(resolved.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(resolved.acknowledgedBy()).isEqualTo("alice");
        assertThat(resolved.resolvedBy()).isEqualTo("bob");
        assertThat(resolved.resolvedAt()).isEqualTo(T0_MICROS.plusSeconds(2));
        assertThat(resolved.note()).isEqualTo("fixed");
        assertThat(incidents.list(new IncidentQuery(Set.of(), T0.plusSeconds(3), null, null, null, null, 10))).isEmpty();
        assertThat(incidents.list(new IncidentQuery(Set.of(IncidentStatus.RESOLVED), null, null, "database", "shop", null,
                10))).extracting(Incident::id).containsExactly(id);

        incidents.record(List.of(incidentDelta("fp-1", 1, 60, "shop")));

        Incident again = incidents.find(id).orElseThrow();
        assertThat(again.status()).isEqualTo(IncidentStatus.DETECTED);
        assertThat(again.regressions()).isEqualTo(1);
        assertThat(again.resolvedBy()).isNull();
        assertThat(incidents.list(new IncidentQuery(Set.of(IncidentStatus.DETECTED), T0.plusSeconds(3), null, null, null,
                null, 10))).extracting(Incident::id).containsExactly(id);
    }

    @Test
    void incidentEventsKeepTheNewestOfEachIncident() {
        IncidentStore incidents = store().incidents();
        String id = Fingerprints.incidentId("fp-1");
        incidents.record(List.of(incidentDelta("fp-1", 5, 0, "shop")));
        List<ErrorEvent> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(new ErrorEvent("boom " + i, "E", "at x", Map.of("application", "shop"), IncidentSeverity.LOW, "test",
                    null, T0.plusSeconds(i)));
        }
        incidents.addEvents(id, events.subList(0, 3), 3);
        incidents.addEvents(id, events.subList(3, 5), 3);

        assertThat(incidents.events(id, 10)).extracting(ErrorEvent::message).containsExactly("boom 4", "boom 3", "boom 2");
        assertThat(incidents.events(id, 1).get(0)).isEqualTo(events.get(4));
    }

    @Test
    void knownFixCountsAddUpAndBindingsKeepThem() {
        IncidentStore incidents = store().incidents();
        incidents.recordFixOutcome("restart", "restart_workers", true, T0);
        incidents.recordFixOutcome("restart", "restart_workers", false, T0.plusSeconds(5));
        incidents.bindFix("fix-1", "clear_cache", "fp-1");
        incidents.recordFixOutcome("fix-1", "clear_cache", true, T0.plusSeconds(9));
        incidents.bindFix("fix-1", "clear_cache_all", "fp-1");

        assertThat(incidents.fixes()).containsExactly(
                new KnownFixRecord("fix-1", "clear_cache_all", "fp-1", 1, 0, T0.plusSeconds(9), T0.plusSeconds(9)),
                new KnownFixRecord("restart", "restart_workers", null, 1, 1, T0.plusSeconds(5), T0));
    }

    @Test
    void purgeDeletesResolvedIncidentsAndEventsPastTheirRetention() {
        assumeTrue(purgesByAge());
        IncidentStore incidents = store().incidents();
        String old = Fingerprints.incidentId("old");
        String open = Fingerprints.incidentId("open");
        incidents.record(List.of(incidentDelta("old", 1, 0, "shop"), incidentDelta("open", 1, 0, "shop")));
        incidents.addEvents(old, List.of(ErrorEvent.of("boom", "E", T0)), 10);
        incidents.transition(new IncidentTransition(old, IncidentStatus.RESOLVED, "alice", null, T0.plusSeconds(10)));

        int deleted = store().purge(StoredKind.INCIDENTS, T0.plusSeconds(20), 100);

        assertThat(deleted).isEqualTo(2);
        assertThat(incidents.find(old)).isEmpty();
        assertThat(incidents.events(old, 10)).isEmpty();
        assertThat(incidents.find(open)).isPresent();
    }
}
