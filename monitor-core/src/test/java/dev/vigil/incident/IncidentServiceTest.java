package dev.vigil.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.vigil.audit.AuditEntry;
import dev.vigil.audit.AuditQuery;
import dev.vigil.audit.MemoryAuditLog;
import dev.vigil.health.HealthCheckRun;
import dev.vigil.health.HealthStatus;
import dev.vigil.security.Caller;
import dev.vigil.test.MutableClock;
import org.junit.jupiter.api.Test;

class IncidentServiceTest {

    private final MutableClock clock = MutableClock.atFixedStart();
    private final MemoryIncidentStore store = new MemoryIncidentStore();
    private final MemoryAuditLog audit = new MemoryAuditLog();
    private final IncidentService service = new IncidentService(clock, IncidentSettings.ofDefaults(), store, audit);
    private final Caller alice = Caller.person("alice");

    private ErrorEvent event(String message) {
        return new ErrorEvent(message, "TypeError", "TypeError: x\n    at render (app.js:10:5)\n    at main (app.js:2:1)",
                Map.of("application", "shop", "endpoint", "/api/cart"), null, null, null, clock.instant());
    }

    @Test
    void eventsWithTheSameFingerprintGroupIntoOneIncident() {
        ReportOutcome first = service.report(event("Cannot read property 'id' of undefined (user 42)"));
        ReportOutcome second = service.report(event("Cannot read property 'name' of undefined (user 97)"));

        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.incident().id()).isEqualTo(first.incident().id());
        assertThat(second.incident().count()).isEqualTo(2);
        assertThat(second.incident().severity()).isEqualTo(IncidentSeverity.HIGH);
        assertThat(second.incident().category()).isEqualTo("backend");
        assertThat(store.find(first.incident().id())).as("written behind, not by report").isEmpty();

        service.flush();

        assertThat(store.find(first.incident().id())).get().extracting(Incident::count).isEqualTo(2L);
        assertThat(store.events(first.incident().id(), 10)).hasSize(2);
    }

    @Test
    void aThousandReportsOfOneErrorAreOneIncidentCountingAThousand() {
        for (int i = 0; i < 1000; i++) {
            service.report(event("Payment processing failed for order " + i));
            if (i % 300 == 0) {
                service.flush();
            }
        }
        service.flush();

        List<Incident> all = service.list(IncidentQuery.all(10));
        assertThat(all).hasSize(1);
        assertThat(all.get(0).count()).isEqualTo(1000);
        assertThat(store.events(all.get(0).id(), 1000)).as("events kept per incident").hasSize(100);
    }

    @Test
    void incidentIdsAreTheSameOnEveryInstance() {
        IncidentService other = new IncidentService(clock, IncidentSettings.ofDefaults(), store, audit);
        String here = service.report(event("boom 1")).incident().id();
        String there = other.report(event("boom 2")).incident().id();
        service.flush();
        other.flush();

        assertThat(there).isEqualTo(here);
        assertThat(store.find(here)).get().extracting(Incident::count).as("counts add up").isEqualTo(2L);
    }

    @Test
    void lifecycleGoesDetectedAcknowledgedResolvedAndRegressesWhenItRecurs() {
        String id = service.report(event("boom")).incident().id();
        service.flush();

        Incident acked = service.acknowledge(id, alice, "looking");
        assertThat(acked.status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        assertThat(acked.acknowledgedBy()).isEqualTo("alice");
        clock.advance(Duration.ofMinutes(5));
        Incident resolved = service.resolve(id, alice, "deployed the fix");
        assertThat(resolved.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThatThrownBy(() -> service.resolve(id, alice, null)).isInstanceOf(IllegalStateException.class);
        assertThat(audit.query(AuditQuery.latest(10).ofType(AuditEntry.Type.INCIDENT).about(id)))
                .extracting(AuditEntry::outcome).containsExactly("resolved", "acknowledged");

        clock.advance(Duration.ofMinutes(1));
        ReportOutcome again = service.report(event("boom"));
        service.flush();

        assertThat(again.regression()).isTrue();
        assertThat(again.incident().status()).isEqualTo(IncidentStatus.DETECTED);
        assertThat(store.find(id).orElseThrow().regressions()).isEqualTo(1);
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(IncidentStatus.DETECTED);
    }

    @Test
    void aResolvedIncidentLeavesTheActiveListADayAfterItsResolutionButStaysInTheHistory() {
        String id = service.report(event("boom")).incident().id();
        service.flush();
        service.resolve(id, alice, null);

        clock.advance(Duration.ofHours(23));
        assertThat(service.list(service.activeQuery(100))).extracting(Incident::id).containsExactly(id);

        clock.advance(Duration.ofHours(1).plusSeconds(1));
        assertThat(service.list(service.activeQuery(100))).isEmpty();
        assertThat(service.list(new IncidentQuery(Set.of(IncidentStatus.RESOLVED), null, null, null, null, null, 100)))
                .extracting(Incident::id).containsExactly(id);
    }

    @Test
    void aFailingCriticalCheckOpensAnInfrastructureIncidentThatResolvesWhenItRecovers() {
        HealthCheckRun down = new HealthCheckRun(clock.instant(), HealthStatus.DOWN, Duration.ofMillis(5), "connection refused");
        service.onCheckRun("database", down, true, true);
        service.onCheckRun("database", down, true, true);
        service.onCheckRun("cache", down, false, false);

        List<Incident> open = service.list(service.activeQuery(10));
        assertThat(open).hasSize(1);
        Incident incident = open.get(0);
        assertThat(incident.category()).isEqualTo("infrastructure");
        assertThat(incident.severity()).isEqualTo(IncidentSeverity.CRITICAL);
        assertThat(incident.count()).isEqualTo(2);
        assertThat(incident.fingerprint()).isEqualTo("reporter:check:database");

        clock.advance(Duration.ofMinutes(1));
        service.onCheckRun("database", new HealthCheckRun(clock.instant(), HealthStatus.UP, Duration.ofMillis(3), "ok"),
                true, true);

        Incident after = service.find(incident.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(after.resolvedBy()).isEqualTo("check:database");
    }

    @Test
    void theCriticalIncidentRuleHoldsUntilTheIncidentIsAcknowledged() throws Exception {
        ReportOutcome critical = service.report(new ErrorEvent("Database connection failed: timeout", "SQLException", "",
                Map.of(), null, null, null, clock.instant()));
        service.report(event("slow query on orders"));

        assertThat(critical.incident().severity()).isEqualTo(IncidentSeverity.CRITICAL);
        assertThat(service.alertRule().evaluate(null)).singleElement()
                .satisfies(condition -> assertThat(condition.labels()).containsEntry("incident", critical.incident().id()));

        service.acknowledge(critical.incident().id(), alice, null);

        assertThat(service.alertRule().evaluate(null)).isEmpty();
    }

    @Test
    void aStoreThatFailsKeepsTheWritesForTheNextFlush() {
        FailingStore failing = new FailingStore();
        IncidentService flaky = new IncidentService(clock, IncidentSettings.ofDefaults(), failing, audit);
        flaky.report(event("boom"));
        failing.failing = true;
        flaky.flush();
        flaky.report(event("boom"));
        failing.failing = false;
        flaky.flush();

        assertThat(failing.list(IncidentQuery.all(10))).singleElement().extracting(Incident::count).isEqualTo(2L);
    }

    @Test
    void aRestartedServiceKnowsTheOpenIncidentsOfItsStore() {
        String id = service.report(event("boom")).incident().id();
        service.flush();

        IncidentService restarted = new IncidentService(clock, IncidentSettings.ofDefaults(), store, audit);
        restarted.load();
        ReportOutcome next = restarted.report(event("boom"));

        assertThat(next.created()).isFalse();
        assertThat(next.incident().id()).isEqualTo(id);
        assertThat(next.incident().count()).isEqualTo(2);
    }

    /** A memory store whose writes fail while asked to. */
    private static final class FailingStore extends ForwardingIncidentStore {
        volatile boolean failing;

        FailingStore() {
            super(new MemoryIncidentStore());
        }

        @Override
        public void record(List<IncidentDelta> deltas) {
            if (failing) {
                throw new IllegalStateException("database away");
            }
            super.record(deltas);
        }
    }
}
