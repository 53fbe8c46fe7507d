package dev.vigil.alert.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.vigil.alert.Notification;
import dev.vigil.alert.Severity;
import org.junit.jupiter.api.Test;

class AlertRouterTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final AlertRouter defaults = AlertRouter.defaults(Set.of("slack", "email", "webhook"));

    @Test
    void criticalGoesToEveryConfiguredSinkAndTheLogImmediately() {
        assertThat(defaults.resolve(TestNotifications.firing(Severity.CRITICAL, NOW)))
                .containsExactlyInAnyOrder(
                        new RouteTarget("email", Duration.ZERO),
                        new RouteTarget("log", Duration.ZERO),
                        new RouteTarget("slack", Duration.ZERO),
                        new RouteTarget("webhook", Duration.ZERO));
    }

    @Test
    void warningGoesToEveryNonLogSinkWithEmailBatchedForFiveMinutes() {
        assertThat(defaults.resolve(TestNotifications.firing(Severity.WARNING, NOW)))
                .containsExactlyInAnyOrder(
                        new RouteTarget("email", Duration.ofMinutes(5)),
                        new RouteTarget("slack", Duration.ZERO),
                        new RouteTarget("webhook", Duration.ZERO));
    }

    @Test
    void infoIsLoggedOnly() {
        assertThat(defaults.resolve(TestNotifications.firing(Severity.INFO, NOW)))
                .containsExactly(new RouteTarget("log", Duration.ZERO));
    }

    @Test
    void warningWithOnlyTheLogConfiguredFallsBackToTheLog() {
        AlertRouter router = AlertRouter.defaults(Set.of());

        assertThat(router.resolve(TestNotifications.firing(Severity.WARNING, NOW)))
                .containsExactly(new RouteTarget("log", Duration.ZERO));
        assertThat(router.sinkNames()).containsExactly("log");
    }

    @Test
    void warningWithOnlyEmailConfiguredIsBatchedForEmail() {
        AlertRouter router = AlertRouter.defaults(Set.of("email"));

        assertThat(router.resolve(TestNotifications.firing(Severity.WARNING, NOW)))
                .containsExactly(new RouteTarget("email", Duration.ofMinutes(5)));
    }

    @Test
    void firstMatchingRouteWinsUnlessItContinues() {
        Route payments = Route.builder().matchLabel("team", "payments").to("pager").build();
        Route everything = Route.builder().to("slack").build();
        Notification forPayments = TestNotifications.firing(Severity.WARNING, Map.of("team", "payments"), NOW);

        assertThat(AlertRouter.of(List.of(payments, everything)).resolve(forPayments))
                .containsExactly(new RouteTarget("pager", Duration.ZERO));

        Route continuing = Route.builder().matchLabel("team", "payments").to("pager").continueMatching(true).build();
        assertThat(AlertRouter.of(List.of(continuing, everything)).resolve(forPayments))
                .containsExactly(new RouteTarget("pager", Duration.ZERO), new RouteTarget("slack", Duration.ZERO));
    }

    @Test
    void labelMatchersAndSeveritiesMustAllMatch() {
        Route route = Route.builder().severities(Severity.CRITICAL).matchLabel("team", "payments")
                .matchLabel("env", "prod").to("pager").build();

        assertThat(route.matches(TestNotifications.firing(Severity.CRITICAL, Map.of("team", "payments", "env", "prod"), NOW)))
                .isTrue();
        assertThat(route.matches(TestNotifications.firing(Severity.CRITICAL, Map.of("team", "payments"), NOW))).isFalse();
        assertThat(route.matches(TestNotifications.firing(Severity.WARNING, Map.of("team", "payments", "env", "prod"), NOW)))
                .isFalse();
    }

    @Test
    void notificationMatchingNoRouteGoesToTheLog() {
        AlertRouter router = AlertRouter.of(List.of(Route.builder().matchLabel("team", "payments").to("pager").build()));

        assertThat(router.resolve(TestNotifications.firing(Severity.CRITICAL, NOW)))
                .containsExactly(new RouteTarget("log", Duration.ZERO));
    }

    @Test
    void sinkReachedByTwoRoutesGetsTheNotificationOnceWithTheShorterWait() {
        AlertRouter router = AlertRouter.of(List.of(
                Route.builder().to("email").groupWait(Duration.ofMinutes(5)).continueMatching(true).build(),
                Route.builder().severities(Severity.CRITICAL).to("email").build()));

        assertThat(router.resolve(TestNotifications.firing(Severity.CRITICAL, NOW)))
                .containsExactly(new RouteTarget("email", Duration.ZERO));
    }

    @Test
    void routeNeedsASinkAndANonNegativeGroupWait() {
        assertThatThrownBy(() -> Route.builder().build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one sink");
        assertThatThrownBy(() -> Route.builder().to("log").groupWait(Duration.ofSeconds(-1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("group-wait");
    }
}
