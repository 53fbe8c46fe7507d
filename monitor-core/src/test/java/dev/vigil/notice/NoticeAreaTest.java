package dev.vigil.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import dev.vigil.health.HealthReport;
import dev.vigil.test.MutableClock;
import org.junit.jupiter.api.Test;

class NoticeAreaTest {

    @Test
    void prefixMatchesWholeSegmentsOnly() {
        NoticeArea area = NoticeArea.of("media-upload", "/media-upload");

        assertThat(area.covers("/media-upload")).isTrue();
        assertThat(area.covers("/media-upload/")).isTrue();
        assertThat(area.covers("/media-upload/42/edit")).isTrue();
        assertThat(area.covers("/media-upload?x=1")).isTrue();
        assertThat(area.covers("/media-uploads")).isFalse();
        assertThat(area.covers("/media")).isFalse();
        assertThat(area.covers("/other/media-upload")).isFalse();
    }

    @Test
    void longestPrefixWinsAcrossAreas() {
        NoticeSettings settings = NoticeSettings.builder()
                .area(NoticeArea.of("portal", "/portal"))
                .area(NoticeArea.of("portal-billing", "/portal/billing"))
                .area(NoticeArea.of("everything", "/"))
                .build();
        NoticeService notices = new NoticeService(MutableClock.atFixedStart(), settings,
                () -> HealthReport.of(java.time.Instant.EPOCH, Duration.ZERO, "1", List.of()), List::of);

        assertThat(notices.area("/portal/billing/7")).map(NoticeArea::name).contains("portal-billing");
        assertThat(notices.area("/portal/billings")).map(NoticeArea::name).contains("portal");
        assertThat(notices.area("/portal")).map(NoticeArea::name).contains("portal");
        assertThat(notices.area("/bookings")).map(NoticeArea::name).contains("everything");
        assertThat(notices.areaAt("/ctx/portal/x", 4)).extracting(NoticeArea::name).isEqualTo("portal");
    }

    @Test
    void trailingSlashOfAPrefixIsDropped() {
        assertThat(NoticeArea.of("a", "/media-upload/").paths()).containsExactly("/media-upload");
    }

    @Test
    void badAreasAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> NoticeArea.of("Media Upload", "/m")).hasMessageContaining("area name");
        assertThatThrownBy(() -> NoticeArea.of("m", "media")).hasMessageContaining("monitor.notices.areas.m.paths");
        assertThatThrownBy(() -> NoticeArea.of("m", "/a?b=c")).hasMessageContaining("paths");
        assertThatThrownBy(() -> NoticeArea.of("m")).hasMessageContaining("at least one route prefix");
        assertThatThrownBy(() -> NoticeArea.of("m", "/m").withMessage(" ")).hasMessageContaining("message");
        assertThatThrownBy(() -> NoticeSettings.builder().area(NoticeArea.of("m", "/a")).area(NoticeArea.of("m", "/b")).build())
                .hasMessageContaining("declared twice");
        assertThatThrownBy(() -> NoticeSettings.builder().header("Bad Header")).hasMessageContaining("monitor.notices.header");
        assertThatThrownBy(() -> NoticeSettings.builder().sampleRate(1.5)).hasMessageContaining("sample-rate");
    }

    @Test
    void defaultMessageIsCalmAndBlamesNobody() {
        assertThat(NoticeSettings.DEFAULT_MESSAGE)
                .isEqualTo("We're refreshing part of the system to ensure optimal performance. Please retry shortly"
                        + " \u2014 everything's under active care.")
                .doesNotContainIgnoringCase("error").doesNotContainIgnoringCase("you ");
    }
}
