package dev.vigil.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import dev.vigil.health.HealthReport;
import dev.vigil.metrics.MetricsSettings;
import dev.vigil.metrics.TimeSeriesStore;
import dev.vigil.test.MutableClock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Several engines (instances of one service) on one store: they agree on each alert, so together they
 * make each notification once, share acknowledgements and silences, and a restarted engine carries on
 * where the store says.
 */
class SharedAlertStoreTest {

    private static final Duration TICK = Duration.ofSeconds(15);

    private final MutableClock clock = MutableClock.atFixedStart();
    private final RuleContext context = RuleContext.of(clock, new TimeSeriesStore(clock, MetricsSettings.ofDefaults()),
            () -> HealthReport.of(clock.instant(), Duration.ZERO, "1.0", List.of()));
    private final FlakyStore store = new FlakyStore(new MemoryAlertStore());
    private final List<Notification> sent = new ArrayList<>();
    private final AlertSettings settings = AlertSettings.builder().service("shop").resolveGrace(TICK.multipliedBy(2)).build();

    /** A condition the test switches, seen by every instance's rule. */
    private final AtomicBoolean failing = new AtomicBoolean();

    private AlertEngine instance(Duration forDuration) {
        AlertEngine engine = new AlertEngine(context, System::nanoTime, sent::add, settings, store);
        engine.register(AlertRuleRegistration.builder("payments-down", view -> failing.get()
                ? List.of(AlertCondition.of("payments answers 503")) : List.of())
                .severity(Severity.CRITICAL).forDuration(forDuration).build());
        return engine;
    }

    private void round(List<AlertEngine> engines) {
        engines.forEach(AlertEngine::evaluate);
        clock.advance(TICK);
    }

    private long count(Notification.Kind kind) {
        return sent.stream().filter(n -> n.kind() == kind).count();
    }

    @Test
    void threeInstancesMakeOneFiringAndOneResolvedNotification() {
        List<AlertEngine> engines = List.of(instance(Duration.ZERO), instance(Duration.ZERO), instance(Duration.ZERO));
        failing.set(true);
        for (int i = 0; i < 10; i++) {
            round(engines);
        }
        failing.set(false);
        for (int i = 0; i < 10; i++) {
            round(engines);
        }

        assertThat(count(Notification.Kind.FIRING)).isEqualTo(1);
        assertThat(count(Notification.Kind.RESOLVED)).isEqualTo(1);
        assertThat(sent).extracting(Notification::id).doesNotHaveDuplicates();
        String alertId = sent.get(0).alert().id();
        assertThat(sent.get(1).alert().id()).isEqualTo(alertId);
        assertThat(store.history(null, null, 100)).filteredOn(t -> t.change() == AlertTransition.Change.STATE)
                .extracting(AlertTransition::to).containsExactly(AlertState.RESOLVED, AlertState.FIRING);
        engines.forEach(engine -> assertThat(engine.active()).isEmpty());
    }

    @Test
    void pendingAlertFiresOnceWhenItsForDurationHasPassedSinceTheFirstInstanceSawIt() {
        AlertEngine first = instance(Duration.ofMinutes(1));
        AlertEngine second = instance(Duration.ofMinutes(1));
        failing.set(true);
        first.evaluate();
        Instant activation = clock.instant();
        clock.advance(Duration.ofSeconds(50));
        second.evaluate(); // adopts the pending alert: its `for` counts from the first sighting
        assertThat(second.active()).singleElement().satisfies(alert -> {
            assertThat(alert.state()).isEqualTo(AlertState.PENDING);
            assertThat(alert.since()).isEqualTo(activation);
        });
        clock.advance(Duration.ofSeconds(10));
        second.evaluate();
        first.evaluate();

        assertThat(count(Notification.Kind.FIRING)).isEqualTo(1);
        assertThat(first.active()).singleElement().extracting(Alert::state).isEqualTo(AlertState.FIRING);
    }

    @Test
    void alertStaysFiringWhileAnyInstanceStillSeesItsCondition() {
        AlertEngine seeing = instance(Duration.ZERO);
        AlertEngine recovered = new AlertEngine(context, System::nanoTime, sent::add, settings, store);
        recovered.register(AlertRuleRegistration.builder("payments-down", view -> List.of())
                .severity(Severity.CRITICAL).build());
        failing.set(true);
        for (int i = 0; i < 10; i++) {
            round(List.of(seeing, recovered));
        }

        assertThat(count(Notification.Kind.RESOLVED)).isZero();
        assertThat(recovered.active()).singleElement().extracting(Alert::state).isEqualTo(AlertState.FIRING);
    }

    @Test
    void acknowledgementAndSilenceMadeOnOneInstanceApplyOnTheOthers() {
        AlertEngine one = instance(Duration.ZERO);
        AlertEngine two = instance(Duration.ZERO);
        failing.set(true);
        round(List.of(one, two));
        String id = one.active().get(0).id();

        assertThat(two.acknowledge(id, "alice")).isPresent();
        round(List.of(one, two));
        assertThat(one.activeDetails()).singleElement().satisfies(alert -> {
            assertThat(alert.acknowledgedBy()).isEqualTo("alice");
            assertThat(alert.alert().acknowledged()).isTrue();
        });

        Silence maintenance = Silence.of(Map.of("rule", "payments-down"), clock.instant(), Duration.ofHours(1),
                "maintenance", "alice");
        one.silence(maintenance);
        round(List.of(one, two));
        assertThat(two.silences()).containsExactly(maintenance);
        assertThat(two.activeDetails().get(0).silencedBy()).containsExactly(maintenance.id());

        failing.set(false);
        for (int i = 0; i < 5; i++) {
            round(List.of(one, two));
        }
        assertThat(count(Notification.Kind.RESOLVED)).as("resolved while silenced: no notification").isZero();
        assertThat(count(Notification.Kind.FIRING)).isEqualTo(1);
    }

    @Test
    void restartedInstanceCarriesOnWithoutNotifyingAgain() {
        failing.set(true);
        AlertEngine before = instance(Duration.ZERO);
        round(List.of(before));
        round(List.of(before));
        String id = before.active().get(0).id();

        AlertEngine after = instance(Duration.ZERO); // the process restarted: same store, empty cache
        for (int i = 0; i < 5; i++) {
            round(List.of(after));
        }

        assertThat(count(Notification.Kind.FIRING)).isEqualTo(1);
        assertThat(after.active()).singleElement().extracting(Alert::id).isEqualTo(id);
        failing.set(false);
        for (int i = 0; i < 5; i++) {
            round(List.of(after));
        }
        assertThat(sent).extracting(Notification::kind)
                .containsExactly(Notification.Kind.FIRING, Notification.Kind.RESOLVED);
        assertThat(sent.get(1).alert().id()).isEqualTo(id);
    }

    @Test
    void outageOfTheStoreIsBridgedFromMemoryAndWrittenBackWhenItReturns() {
        AlertEngine engine = instance(Duration.ZERO);
        store.down = true;
        failing.set(true);
        round(List.of(engine));

        assertThat(engine.storeFailing()).isTrue();
        assertThat(count(Notification.Kind.FIRING)).as("notified from memory while the store is away").isEqualTo(1);
        assertThat(engine.active()).singleElement().extracting(Alert::state).isEqualTo(AlertState.FIRING);

        store.down = false;
        round(List.of(engine));
        assertThat(engine.storeFailing()).isFalse();
        assertThat(store.active()).singleElement().satisfies(alert -> {
            assertThat(alert.id()).isEqualTo(engine.active().get(0).id());
            assertThat(alert.notifications()).isEqualTo(1);
        });
        round(List.of(engine));
        assertThat(count(Notification.Kind.FIRING)).isEqualTo(1);
    }

    @Test
    void deterministicIdsNameTheSameActivationAlikeEverywhere() {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(AlertEngine.alertId("db{zone=a}", at)).isEqualTo(AlertEngine.alertId("db{zone=a}", at));
        assertThat(AlertEngine.alertId("db{zone=a}", at)).isNotEqualTo(AlertEngine.alertId("db{zone=b}", at))
                .isNotEqualTo(AlertEngine.alertId("db{zone=a}", at.plusMillis(1)));
    }

    /** A store that fails every call while {@code down}. */
    private static final class FlakyStore implements AlertStore {
        private final AlertStore delegate;
        volatile boolean down;

        FlakyStore(AlertStore delegate) {
            this.delegate = delegate;
        }

        private AlertStore up() {
            if (down) {
                throw new IllegalStateException("connection refused");
            }
            return delegate;
        }

        @Override
        public List<StoredAlert> active() {
            return up().active();
        }

        @Override
        public StoredAlert open(StoredAlert candidate) {
            return up().open(candidate);
        }

        @Override
        public Optional<StoredAlert> replace(StoredAlert current, StoredAlert next) {
            return up().replace(current, next);
        }

        @Override
        public boolean remove(StoredAlert current) {
            return up().remove(current);
        }

        @Override
        public void seen(Collection<String> ids, Instant at) {
            up().seen(ids, at);
        }

        @Override
        public void record(AlertTransition transition) {
            up().record(transition);
        }

        @Override
        public List<AlertTransition> history(@Nullable AlertState entered, @Nullable Instant since, int limit) {
            return up().history(entered, since, limit);
        }

        @Override
        public void saveSilence(Silence silence) {
            up().saveSilence(silence);
        }

        @Override
        public boolean removeSilence(String id) {
            return up().removeSilence(id);
        }

        @Override
        public List<Silence> silences(Instant now) {
            return up().silences(now);
        }
    }
}
