package dev.vigil.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.vigil.health.HealthReport;
import dev.vigil.metrics.MetricsSettings;
import dev.vigil.metrics.TimeSeriesStore;
import dev.vigil.test.MutableClock;
import org.junit.jupiter.api.Test;

class AlertEngineTest {

    private static final Duration TICK = Duration.ofSeconds(15);

    private final MutableClock clock = MutableClock.atFixedStart();
    private final RuleContext context = RuleContext.of(clock, new TimeSeriesStore(clock, MetricsSettings.ofDefaults()),
            () -> HealthReport.of(clock.instant(), Duration.ZERO, "1.0", List.of()));
    private final List<Notification> sent = new ArrayList<>();
    private final AlertEngine engine = new AlertEngine(context, sent::add,
            AlertSettings.builder().service("shop").build());

    /** A rule whose conditions the test sets. */
    private static final class Switch implements AlertRule {
        volatile List<AlertCondition> conditions = List.of();

        void on(String message) {
            conditions = List.of(AlertCondition.of(message));
        }

        void off() {
            conditions = List.of();
        }

        @Override
        public List<AlertCondition> evaluate(RuleContext context) {
            return conditions;
        }
    }

    private Switch register(String name, Duration forDuration) {
        Switch rule = new Switch();
        engine.register(AlertRuleRegistration.builder(name, rule).severity(Severity.CRITICAL).forDuration(forDuration).build());
        return rule;
    }

    /** Evaluates, then moves the clock one tick; {@code times} times. */
    private void ticks(int times) {
        for (int i = 0; i < times; i++) {
            engine.evaluate();
            clock.advance(TICK);
        }
    }

    private List<Notification.Kind> kinds() {
        return sent.stream().map(Notification::kind).toList();
    }

    @Test
    void ruleWithoutForFiresOnFirstEvaluationAndNotifiesOnceAcrossManyTicks() {
        register("db", Duration.ZERO).on("database is down");

        ticks(100);

        assertThat(sent).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(Notification.Kind.FIRING);
            assertThat(n.service()).isEqualTo("shop");
            assertThat(n.alert().rule()).isEqualTo("db");
            assertThat(n.alert().state()).isEqualTo(AlertState.FIRING);
            assertThat(n.alert().severity()).isEqualTo(Severity.CRITICAL);
            assertThat(n.alert().message()).isEqualTo("database is down");
            assertThat(n.alert().firedAt()).isEqualTo(n.alert().since());
        });
        assertThat(engine.active()).singleElement().extracting(Alert::state).isEqualTo(AlertState.FIRING);
    }

    @Test
    void alertFiresOnlyAfterForDuration() {
        Switch rule = register("slow", Duration.ofMinutes(2));
        rule.on("slow");

        engine.evaluate();
        assertThat(engine.active()).singleElement().extracting(Alert::state).isEqualTo(AlertState.PENDING);
        clock.advance(Duration.ofSeconds(119));
        engine.evaluate();
        assertThat(sent).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        engine.evaluate();

        assertThat(sent).singleElement().extracting(n -> n.alert().state()).isEqualTo(AlertState.FIRING);
        Alert alert = engine.active().get(0);
        assertThat(alert.since()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(alert.firedAt()).isEqualTo(Instant.parse("2026-01-01T00:02:00Z"));
    }

    @Test
    void flappingInsideForSendsNothing() {
        Switch rule = register("flappy", Duration.ofMinutes(5));
        for (int i = 0; i < 20; i++) {
            rule.on("up");
            ticks(4); // one minute on
            rule.off();
            ticks(1);
        }

        assertThat(sent).isEmpty();
        assertThat(engine.active()).isEmpty();
        assertThat(engine.history(Optional.of(AlertState.FIRING), Optional.empty(), 100)).isEmpty();
    }

    @Test
    void resolvedIsNotifiedOnceAndANewActivationIsANewAlert() {
        Switch rule = register("db", Duration.ZERO);
        rule.on("down");
        ticks(3);
        String firstId = engine.active().get(0).id();

        rule.off();
        ticks(10);

        assertThat(kinds()).containsExactly(Notification.Kind.FIRING, Notification.Kind.RESOLVED);
        Alert resolved = sent.get(1).alert();
        assertThat(resolved.state()).isEqualTo(AlertState.RESOLVED);
        assertThat(resolved.resolvedAt()).isNotNull();
        assertThat(resolved.id()).isEqualTo(firstId);
        assertThat(engine.active()).isEmpty();

        rule.on("down again");
        ticks(1);

        assertThat(engine.active()).singleElement().satisfies(alert -> {
            assertThat(alert.id()).isNotEqualTo(firstId);
            assertThat(alert.acknowledged()).isFalse();
        });
        assertThat(sent).hasSize(3);
        assertThat(sent).extracting(Notification::id).doesNotHaveDuplicates();
    }

    @Test
    void resolvedIsNotSentWhenSendResolvedIsOff() {
        AlertEngine quiet = new AlertEngine(context, sent::add, AlertSettings.builder().sendResolved(false).build());
        Switch rule = new Switch();
        quiet.register(AlertRuleRegistration.of("db", rule));
        rule.on("down");
        quiet.evaluate();
        rule.off();
        quiet.evaluate();

        assertThat(kinds()).containsExactly(Notification.Kind.FIRING);
        assertThat(quiet.history(Optional.of(AlertState.RESOLVED), Optional.empty(), 10)).hasSize(1);
    }

    @Test
    void firingAlertIsRepeatedEveryRepeatInterval() {
        register("db", Duration.ZERO).on("down");

        engine.evaluate();
        clock.advance(Duration.ofHours(4).minusSeconds(1));
        engine.evaluate();
        assertThat(sent).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        engine.evaluate();
        clock.advance(Duration.ofHours(4));
        engine.evaluate();

        assertThat(kinds()).containsExactly(Notification.Kind.FIRING, Notification.Kind.FIRING, Notification.Kind.FIRING);
        assertThat(sent).extracting(Notification::id).doesNotHaveDuplicates();
        assertThat(sent).extracting(n -> n.alert().id()).containsOnly(sent.get(0).alert().id());
    }

    @Test
    void acknowledgedAlertIsNotRepeatedButStaysVisibleAndStillResolves() {
        Switch rule = register("db", Duration.ZERO);
        rule.on("down");
        engine.evaluate();
        String id = engine.active().get(0).id();

        Optional<Alert> acknowledged = engine.acknowledge(id, "alice");
        clock.advance(Duration.ofHours(12));
        engine.evaluate();

        assertThat(acknowledged).get().extracting(Alert::acknowledged).isEqualTo(true);
        assertThat(sent).hasSize(1);
        assertThat(engine.activeDetails()).singleElement().satisfies(active -> {
            assertThat(active.alert().acknowledged()).isTrue();
            assertThat(active.acknowledger()).contains("alice");
        });
        assertThat(engine.history(Optional.empty(), Optional.empty(), 10)).extracting(AlertTransition::change)
                .contains(AlertTransition.Change.ACKNOWLEDGED);

        rule.off();
        engine.evaluate();
        assertThat(kinds()).containsExactly(Notification.Kind.FIRING, Notification.Kind.RESOLVED);
        assertThat(engine.acknowledge(id, "bob")).isEmpty();
    }

    @Test
    void keepFiringForHoldsTheAlertThroughShortGaps() {
        Switch rule = new Switch();
        engine.register(AlertRuleRegistration.builder("cpu", rule).keepFiringFor(Duration.ofMinutes(5)).build());
        rule.on("hot");
        ticks(1);
        rule.off();
        ticks(4 * 4); // four minutes without the condition
        rule.on("hot again");
        ticks(1);
        rule.off();
        ticks(4 * 5); // four minutes 45 seconds after the first evaluation without it

        assertThat(kinds()).containsExactly(Notification.Kind.FIRING);
        assertThat(engine.active()).singleElement().extracting(Alert::message).isEqualTo("hot again");

        ticks(1);
        assertThat(kinds()).containsExactly(Notification.Kind.FIRING, Notification.Kind.RESOLVED);
    }

    @Test
    void silenceSuppressesNotificationsAndItsEndSendsTheFiringNotification() {
        Switch rule = register("disk", Duration.ZERO);
        engine.silence(Silence.of(Map.of("rule", "disk"), clock.instant(), Duration.ofHours(1), "maintenance", "ops"));
        rule.on("disk full");

        ticks(4 * 60 - 1);
        engine.evaluate(); // the last evaluation inside the hour of the silence
        assertThat(sent).isEmpty();
        assertThat(engine.activeDetails()).singleElement().satisfies(active -> {
            assertThat(active.silenced()).isTrue();
            assertThat(active.alert().state()).isEqualTo(AlertState.FIRING);
        });

        clock.advance(TICK); // the silence has ended
        engine.evaluate();

        assertThat(sent).singleElement().extracting(n -> n.alert().message()).isEqualTo("disk full");
        assertThat(engine.activeDetails().get(0).silenced()).isFalse();
        assertThat(engine.history(Optional.empty(), Optional.empty(), 100)).extracting(AlertTransition::change)
                .contains(AlertTransition.Change.SILENCED, AlertTransition.Change.UNSILENCED);
    }

    @Test
    void silenceMatchesLabelsAndSeverityAndOnlyMutesMatchingAlerts() {
        AlertRule routes = context -> List.of(
                AlertCondition.of(Map.of("route", "/a"), 1, "a"),
                AlertCondition.of(Map.of("route", "/b"), 1, "b"));
        engine.register(AlertRuleRegistration.builder("errors", routes).severity(Severity.WARNING).build());
        engine.silence(Silence.of(Map.of("route", "/a", "severity", "warning"), clock.instant(), Duration.ofHours(1), "", "ops"));

        engine.evaluate();

        assertThat(sent).singleElement().extracting(n -> n.alert().labels()).isEqualTo(Map.of("route", "/b"));
    }

    @Test
    void removingASilenceLetsTheHeldNotificationThrough() {
        Switch rule = register("disk", Duration.ZERO);
        Silence silence = Silence.of(Map.of("rule", "disk"), clock.instant(), Duration.ofDays(1), "", "ops");
        engine.silence(silence);
        rule.on("full");
        ticks(2);
        assertThat(engine.silences()).containsExactly(silence);

        assertThat(engine.removeSilence(silence.id())).isTrue();
        ticks(1);

        assertThat(kinds()).containsExactly(Notification.Kind.FIRING);
        assertThat(engine.silences()).isEmpty();
    }

    @Test
    void throwingRuleDoesNotStopOthersAndKeepsItsAlerts() {
        AlertRule broken = context -> {
            throw new IllegalStateException("boom");
        };
        Switch flaky = register("flaky", Duration.ZERO);
        engine.register(AlertRuleRegistration.of("broken", broken));
        engine.register(AlertRuleRegistration.of("nulls", context -> null));
        Switch healthy = register("healthy", Duration.ZERO);
        flaky.on("flaky fires");
        healthy.on("fires");
        engine.evaluate();

        flaky.conditions = null; // now fails: its firing alert must not resolve
        healthy.off();
        ticks(3);

        assertThat(engine.active()).extracting(Alert::rule).containsExactly("flaky");
        assertThat(kinds()).containsExactly(Notification.Kind.FIRING, Notification.Kind.FIRING, Notification.Kind.RESOLVED);
        assertThat(engine.failingRules()).containsOnlyKeys("broken", "nulls", "flaky")
                .containsEntry("broken", "IllegalStateException: boom");
        assertThat(engine.lastEvaluation()).get().satisfies(e -> {
            assertThat(e.rules()).isEqualTo(4);
            assertThat(e.failedRules()).isEqualTo(3);
        });
    }

    @Test
    void disabledRuleIsNeverEvaluated() {
        engine.register(AlertRuleRegistration.builder("off", context -> {
            throw new AssertionError("must not be called");
        }).enabled(false).build());

        engine.evaluate();

        assertThat(engine.failingRules()).isEmpty();
        assertThat(engine.rules()).extracting(AlertRuleRegistration::name).containsExactly("off");
    }

    @Test
    void oneAlertPerLabelSetWithStaticLabelsAndUpdatedValues() {
        double[] ratio = {0.2};
        AlertRule routes = context -> List.of(
                AlertCondition.of(Map.of("route", "/a"), ratio[0], "a at " + ratio[0]),
                AlertCondition.of(Map.of("route", "/b"), 0.3, "b"),
                AlertCondition.of(Map.of("route", "/a"), 0.9, "duplicate ignored"));
        engine.register(AlertRuleRegistration.builder("errors", routes).label("team", "shop").build());

        engine.evaluate();
        ratio[0] = 0.4;
        clock.advance(TICK);
        engine.evaluate();

        assertThat(sent).hasSize(2);
        assertThat(engine.active()).extracting(Alert::fingerprint)
                .containsExactlyInAnyOrder("errors{route=/a, team=shop}", "errors{route=/b, team=shop}");
        Alert a = engine.active().stream().filter(alert -> "/a".equals(alert.labels().get("route"))).findFirst().orElseThrow();
        assertThat(a.value()).isEqualTo(0.4);
        assertThat(a.message()).isEqualTo("a at 0.4");
        assertThat(a.labels()).containsEntry("team", "shop");
    }

    @Test
    void activeListsCriticalFirst() {
        engine.register(AlertRuleRegistration.builder("warn", context -> List.of(AlertCondition.of("w"))).build());
        engine.register(AlertRuleRegistration.builder("crit", context -> List.of(AlertCondition.of("c")))
                .severity(Severity.CRITICAL).build());

        engine.evaluate();

        assertThat(engine.active()).extracting(Alert::rule).containsExactly("crit", "warn");
    }

    @Test
    void historyIsNewestFirstAndFiltersByStateAndSince() {
        Switch rule = register("db", Duration.ofMinutes(1));
        rule.on("down");
        ticks(5); // pending at 0:00, firing at 1:00
        Instant beforeResolve = clock.instant();
        rule.off();
        ticks(1); // resolved at 1:15

        List<AlertTransition> all = engine.history(Optional.empty(), Optional.empty(), 100);
        assertThat(all).extracting(AlertTransition::to)
                .containsExactly(AlertState.RESOLVED, AlertState.FIRING, AlertState.PENDING);
        assertThat(all.get(0).from()).isEqualTo(AlertState.FIRING);
        assertThat(all.get(2).from()).isNull();

        assertThat(engine.history(Optional.of(AlertState.FIRING), Optional.empty(), 100)).singleElement()
                .satisfies(t -> assertThat(t.at()).isEqualTo(Instant.parse("2026-01-01T00:01:00Z")));
        assertThat(engine.history(Optional.empty(), Optional.of(beforeResolve), 100)).extracting(AlertTransition::to)
                .containsExactly(AlertState.RESOLVED);
        assertThat(engine.history(Optional.empty(), Optional.empty(), 1)).hasSize(1);
    }

    @Test
    void historyIsBounded() {
        AlertEngine small = new AlertEngine(context, sent::add, AlertSettings.builder().historySize(3).build());
        Switch rule = new Switch();
        small.register(AlertRuleRegistration.of("db", rule));
        for (int i = 0; i < 5; i++) {
            rule.on("down");
            small.evaluate();
            rule.off();
            small.evaluate();
        }

        assertThat(small.history(Optional.empty(), Optional.empty(), 100)).hasSize(3);
    }

    @Test
    void unregisteringARuleRecordsItsFiringAlertsAsResolvedWithoutNotifying() {
        register("db", Duration.ZERO).on("down");
        engine.evaluate();

        assertThat(engine.unregister("db")).isTrue();
        assertThat(engine.unregister("db")).isFalse();

        assertThat(engine.active()).isEmpty();
        assertThat(sent).hasSize(1);
        assertThat(engine.history(Optional.of(AlertState.RESOLVED), Optional.empty(), 10)).singleElement()
                .extracting(AlertTransition::note).isEqualTo("rule unregistered");
    }

    @Test
    void duplicateRuleNamesAreRejected() {
        register("db", Duration.ZERO);

        assertThatThrownBy(() -> register("db", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'db' is already registered");
    }

    @Test
    void dispatcherFailureDoesNotBreakEvaluation() {
        AlertEngine failing = new AlertEngine(context, n -> {
            throw new IllegalStateException("queue full");
        }, AlertSettings.ofDefaults());
        failing.register(AlertRuleRegistration.of("db", context -> List.of(AlertCondition.of("down"))));

        failing.evaluate();
        failing.evaluate();

        assertThat(failing.active()).hasSize(1);
    }

    @Test
    void evaluateIfDueFollowsTheEvaluationInterval() {
        Switch rule = register("db", Duration.ZERO);
        rule.on("down");

        assertThat(engine.evaluateIfDue()).isTrue();
        assertThat(engine.evaluateIfDue()).isFalse();
        assertThat(engine.untilNextDue()).isEqualTo(AlertSettings.DEFAULT_EVALUATION_INTERVAL);
        clock.advance(AlertSettings.DEFAULT_EVALUATION_INTERVAL);

        assertThat(engine.evaluateIfDue()).isTrue();
    }

    @Test
    void conditionSuggestedActionWinsOverTheRegistrations() {
        engine.register(AlertRuleRegistration.builder("jobs", context -> List.of(
                AlertCondition.of(Map.of("job", "a"), 1, "a").withSuggestedAction("start_a"),
                AlertCondition.of(Map.of("job", "b"), 1, "b"))).suggestedAction("restart").build());

        engine.evaluate();

        assertThat(engine.active()).extracting(alert -> alert.suggestedActionId().orElseThrow())
                .containsExactlyInAnyOrder("start_a", "restart");
    }

    @Test
    void alertOpenedByAnotherInstanceIsAdoptedForItsRuleWithoutANotification() {
        MemoryAlertStore shared = new MemoryAlertStore();
        AlertSettings settings = AlertSettings.ofDefaults().withResolveGrace(Duration.ofMinutes(1));
        List<Notification> sentByFirst = new ArrayList<>();
        List<Notification> sentBySecond = new ArrayList<>();
        AlertEngine first = new AlertEngine(context, System::nanoTime, sentByFirst::add, settings, shared);
        AlertEngine second = new AlertEngine(context, System::nanoTime, sentBySecond::add, settings, shared);
        first.register(AlertRuleRegistration.of("db", context -> List.of(AlertCondition.of(Map.of("pool", "main"), 1, "down"))));
        first.register(AlertRuleRegistration.of("disk", context -> List.of(AlertCondition.of("full"))));
        second.register(AlertRuleRegistration.of("cache", context -> List.of()));
        second.register(AlertRuleRegistration.of("db", context -> List.of()));

        first.evaluate();
        second.evaluate();

        assertThat(second.active()).singleElement().satisfies(alert -> {
            assertThat(alert.rule()).isEqualTo("db");
            assertThat(alert.labels()).isEqualTo(Map.of("pool", "main"));
            assertThat(alert.id()).isEqualTo(first.active().stream().filter(a -> a.rule().equals("db")).findFirst()
                    .orElseThrow().id());
        });
        assertThat(sentByFirst).hasSize(2);
        assertThat(sentBySecond).isEmpty();
    }
}
