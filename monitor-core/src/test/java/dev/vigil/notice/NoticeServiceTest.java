package dev.vigil.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertState;
import dev.vigil.alert.Severity;
import dev.vigil.health.CheckHealth;
import dev.vigil.health.HealthReport;
import dev.vigil.health.HealthResult;
import dev.vigil.test.MutableClock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class NoticeServiceTest {

    private final MutableClock clock = MutableClock.atFixedStart();
    private final List<CheckHealth> checks = new ArrayList<>();
    private final List<Alert> alerts = new ArrayList<>();
    private final NoticeSettings settings = NoticeSettings.builder()
            .area(NoticeArea.of("media-upload", "/media-upload").withChecks("media-storage").withRules("uploads-failing"))
            .area(NoticeArea.of("bookings", "/bookings").withMessage("Bookings are catching their breath."))
            .impact(Duration.ofMinutes(5), 3)
            .build();
    private final NoticeService notices = new NoticeService(clock, settings,
            () -> HealthReport.of(clock.instant(), Duration.ZERO, "1", List.copyOf(checks)), () -> List.copyOf(alerts));

    private void check(String name, HealthResult result) {
        checks.removeIf(check -> check.name().equals(name));
        checks.add(new CheckHealth(name, true, true, result));
    }

    private static Alert alert(String rule, AlertState state, Map<String, String> labels) {
        return new Alert("id-" + rule, rule, rule + labels, Severity.WARNING, state, "m", labels, 1, Instant.EPOCH,
                null, null, false, null);
    }

    private @Nullable Notice noticeAt(String path) {
        return notices.notice(path).orElse(null);
    }

    @Test
    void aListedCheckNotUpAffectsTheAreaUntilItRecovers() {
        check("media-storage", HealthResult.up());
        notices.refresh();
        assertThat(notices.notice("/media-upload")).isEmpty();

        check("media-storage", HealthResult.down("bucket unreachable"));
        Instant down = clock.instant();
        notices.refresh();
        clock.advance(Duration.ofSeconds(15));
        notices.refresh();

        assertThat(noticeAt("/media-upload/42")).isEqualTo(new Notice("media-upload", NoticeSettings.DEFAULT_MESSAGE, down));
        assertThat(notices.notice("/bookings")).isEmpty();

        check("media-storage", HealthResult.up());
        notices.refresh();
        assertThat(notices.notice("/media-upload")).isEmpty();
        assertThat(notices.active()).isEmpty();
    }

    @Test
    void aDegradedCheckAffectsTheAreaToo() {
        check("media-storage", HealthResult.degraded("slow"));
        notices.refresh();
        assertThat(notices.notice("/media-upload")).isPresent();
    }

    @Test
    void firingAlertsAffectTheAreaByRuleAreaLabelOrRoute() {
        alerts.add(alert("uploads-failing", AlertState.PENDING, Map.of()));
        notices.refresh();
        assertThat(notices.active()).as("a pending alert does not show a notice").isEmpty();

        alerts.set(0, alert("uploads-failing", AlertState.FIRING, Map.of()));
        notices.refresh();
        assertThat(notices.notice("/media-upload")).isPresent();

        alerts.set(0, alert("error-ratio-critical", AlertState.FIRING, Map.of("route", "/bookings/{id}")));
        notices.refresh();
        assertThat(notices.notice("/media-upload")).isEmpty();
        assertThat(noticeAt("/bookings/7")).extracting(Notice::message).isEqualTo("Bookings are catching their breath.");

        alerts.set(0, alert("page-load-warning", AlertState.FIRING, Map.of("page", "/bookingsx")));
        notices.refresh();
        assertThat(notices.active()).isEmpty();

        alerts.set(0, alert("area-errors", AlertState.FIRING, Map.of("area", "media-upload", "route", "/api/upload")));
        notices.refresh();
        assertThat(notices.active()).extracting(Notice::area).containsExactly("media-upload");
    }

    @Test
    void affectedUsersAreDistinctWithinTheWindowAndCapped() {
        NoticeArea area = settings.areas().get(0);
        notices.recordUser(area, "ann");
        notices.recordUser(area, "ann");
        notices.recordUser(area, "bob");
        assertThat(notices.affectedUsers("media-upload")).isEqualTo(2);
        assertThat(notices.affectedUsersText("media-upload")).isEqualTo("2");

        clock.advance(Duration.ofMinutes(4));
        notices.recordUser(area, "cid");
        notices.recordUser(area, "dan");
        assertThat(notices.affectedUsers("media-upload")).isEqualTo(3);
        assertThat(notices.affectedUsersText("media-upload")).isEqualTo("3+");

        clock.advance(Duration.ofMinutes(2)); // ann and bob were last seen over 5 minutes ago
        assertThat(notices.affectedUsers("media-upload")).isEqualTo(1);
        assertThat(notices.affectedUsers("bookings")).isZero();
    }
}
