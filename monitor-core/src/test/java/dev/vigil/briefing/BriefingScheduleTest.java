package dev.vigil.briefing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class BriefingScheduleTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static Instant paris(String local) {
        return LocalDateTime.parse(local).atZone(PARIS).toInstant();
    }

    @Test
    void theDailyFormFiresEveryDayAtItsTimeInTheZone() {
        BriefingSchedule schedule = BriefingSchedule.parse("0 0 8 * * *");

        assertThat(schedule.lastFireAtOrBefore(paris("2026-03-15T08:00:00"), PARIS)).contains(paris("2026-03-15T08:00:00"));
        assertThat(schedule.lastFireAtOrBefore(paris("2026-03-15T07:59:59"), PARIS)).contains(paris("2026-03-14T08:00:00"));
        assertThat(schedule.lastFireAtOrBefore(paris("2026-03-15T23:00:00"), PARIS)).contains(paris("2026-03-15T08:00:00"));
        // across the switch to summer time (2026-03-29 in Paris) it is still 08:00 local
        assertThat(schedule.lastFireAtOrBefore(paris("2026-03-29T09:00:00"), PARIS)).contains(paris("2026-03-29T08:00:00"));
    }

    @Test
    void theDailyFormTakesSecondsMinutesAndAQuestionMark() {
        BriefingSchedule schedule = BriefingSchedule.parse("30 15 6 ? * *");

        assertThat(schedule.lastFireAtOrBefore(paris("2026-03-15T07:00:00"), PARIS)).contains(paris("2026-03-15T06:15:30"));
    }

    @Test
    void aCronExpressionFiresOnItsDays() {
        BriefingSchedule weekdays = BriefingSchedule.parse("0 30 7 * * MON-FRI");

        // Sunday 2026-03-15: the last firing was Friday the 13th
        assertThat(weekdays.lastFireAtOrBefore(paris("2026-03-15T12:00:00"), PARIS)).contains(paris("2026-03-13T07:30:00"));
        assertThat(weekdays.lastFireAtOrBefore(paris("2026-03-16T07:30:00"), PARIS)).contains(paris("2026-03-16T07:30:00"));
    }

    @Test
    void badExpressionsNameTheSetting() {
        assertThatThrownBy(() -> BriefingSchedule.parse("0 0 25 * * *")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("monitor.briefing.cron");
        assertThatThrownBy(() -> BriefingSchedule.parse("0 8 * * *")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("monitor.briefing.cron").hasMessageContaining("expected 6");
        assertThatThrownBy(() -> BriefingSchedule.parse("0 0 8 * * FOO")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("monitor.briefing.cron");
    }
}
