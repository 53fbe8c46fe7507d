package dev.vigil.briefing;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * How the daily briefing is made: whether at all, when ({@link BriefingSchedule}, in a zone), and through
 * which alert sinks it is sent once made.
 *
 * @param enabled whether briefings are built on schedule and stored (default true); the live one is always served
 * @param schedule when (default {@value #DEFAULT_CRON}: 08:00 every day)
 * @param zone the zone of the schedule and of the days reported on (default: the host's zone)
 * @param deliverTo names of alert sinks the scheduled briefing is sent through (default none)
 */
public record BriefingSettings(boolean enabled, BriefingSchedule schedule, ZoneId zone, List<String> deliverTo) {

    /** 08:00 every day. */
    public static final String DEFAULT_CRON = "0 0 8 * * *";

    public BriefingSettings {
        Objects.requireNonNull(schedule, "monitor.briefing.cron");
        Objects.requireNonNull(zone, "monitor.briefing.zone");
        deliverTo = List.copyOf(deliverTo);
        for (String sink : deliverTo) {
            if (sink.isBlank()) {
                throw new IllegalArgumentException("monitor.briefing.deliver-to must name sinks, found a blank name");
            }
        }
    }

    /** Enabled, at 08:00 in the host's zone, sent nowhere. */
    public static BriefingSettings ofDefaults() {
        return builder().build();
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link BriefingSettings}. */
    public static final class Builder {
        private boolean enabled = true;
        private String cron = DEFAULT_CRON;
        private ZoneId zone = ZoneId.systemDefault();
        private List<String> deliverTo = List.of();

        private Builder() {
        }

        /** Whether briefings are built on schedule and stored (default true). */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /** The schedule as a 6-field Spring cron expression (default {@value BriefingSettings#DEFAULT_CRON}). */
        public Builder cron(String cron) {
            this.cron = Objects.requireNonNull(cron, "monitor.briefing.cron");
            return this;
        }

        /** The zone of the schedule and of the days (default: the host's zone). */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "monitor.briefing.zone");
            return this;
        }

        /** Sinks the scheduled briefing is sent through, by name, e.g. {@code slack}, {@code email}. */
        public Builder deliverTo(List<String> sinks) {
            this.deliverTo = List.copyOf(sinks);
            return this;
        }

        /**
         * The settings.
         *
         * @throws IllegalArgumentException when the cron expression is not valid, or needs cron-utils and it is missing
         */
        public BriefingSettings build() {
            return new BriefingSettings(enabled, BriefingSchedule.parse(cron), zone, deliverTo);
        }
    }
}
