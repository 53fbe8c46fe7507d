package dev.vigil.notice;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How Vigil tells users that part of the site is being looked after: the areas, the default message, the
 * response header the request filter adds on affected routes, the page-load beacon and how user impact is
 * counted. Immutable; {@link #ofDefaults()} is on, with no area.
 */
public final class NoticeSettings {

    /** The message an area without its own shows: calm, and never blaming the user. */
    public static final String DEFAULT_MESSAGE = "We're refreshing part of the system to ensure optimal performance."
            + " Please retry shortly \u2014 everything's under active care.";
    /** Default name of the header the request filter adds on affected routes. */
    public static final String DEFAULT_HEADER = "Vigil-Notice";
    /** Default share of page loads the script reports. */
    public static final double DEFAULT_SAMPLE_RATE = 0.1;
    /** Most areas a service may declare. */
    public static final int MAX_AREAS = 100;

    private final boolean enabled;
    private final String defaultMessage;
    private final List<NoticeArea> areas;
    private final String header;
    private final Duration maxAge;
    private final boolean beaconEnabled;
    private final double sampleRate;
    private final int beaconPerClientPerMinute;
    private final int beaconGlobalPerSecond;
    private final int maxPages;
    private final Duration impactWindow;
    private final int maxUsersPerArea;
    private final double areaErrorRatio;

    private NoticeSettings(Builder builder) {
        this.enabled = builder.enabled;
        this.defaultMessage = builder.defaultMessage;
        this.areas = List.copyOf(builder.areas);
        this.header = builder.header;
        this.maxAge = builder.maxAge;
        this.beaconEnabled = builder.beaconEnabled;
        this.sampleRate = builder.sampleRate;
        this.beaconPerClientPerMinute = builder.beaconPerClientPerMinute;
        this.beaconGlobalPerSecond = builder.beaconGlobalPerSecond;
        this.maxPages = builder.maxPages;
        this.impactWindow = builder.impactWindow;
        this.maxUsersPerArea = builder.maxUsersPerArea;
        this.areaErrorRatio = builder.areaErrorRatio;
    }

    /** Notices on, no area, the default message, header {@value #DEFAULT_HEADER}, the beacon on. */
    public static NoticeSettings ofDefaults() {
        return builder().build();
    }

    /** Starts from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether the notice API, script and beacon are served at all. */
    public boolean enabled() {
        return enabled;
    }

    /** The message of areas without their own. */
    public String defaultMessage() {
        return defaultMessage;
    }

    /** The areas, in declaration order. */
    public List<NoticeArea> areas() {
        return areas;
    }

    /** The response header naming an affected area, or {@code ""} for none. */
    public String header() {
        return header;
    }

    /** How long browsers and proxies may cache a notice answer. */
    public Duration maxAge() {
        return maxAge;
    }

    /** Whether the page-load beacon is accepted (and the script asked to send it). */
    public boolean beaconEnabled() {
        return beaconEnabled;
    }

    /** Share of page loads the script reports, 0..1. */
    public double sampleRate() {
        return sampleRate;
    }

    /** Beacons one client address may send per minute (also the burst). */
    public int beaconPerClientPerMinute() {
        return beaconPerClientPerMinute;
    }

    /** Beacons accepted per second from all clients together (also the burst). */
    public int beaconGlobalPerSecond() {
        return beaconGlobalPerSecond;
    }

    /** Most page templates page loads are recorded under; the rest are {@code other}. */
    public int maxPages() {
        return maxPages;
    }

    /** The window distinct affected users are counted over. */
    public Duration impactWindow() {
        return impactWindow;
    }

    /** Most distinct users counted per area; past it the count reads "10,000+". */
    public int maxUsersPerArea() {
        return maxUsersPerArea;
    }

    /** The 5xx ratio over the impact window above which an area's own alert fires. */
    public double areaErrorRatio() {
        return areaErrorRatio;
    }

    /** Builds {@link NoticeSettings}. */
    public static final class Builder {
        private boolean enabled = true;
        private String defaultMessage = DEFAULT_MESSAGE;
        private final List<NoticeArea> areas = new ArrayList<>();
        private String header = DEFAULT_HEADER;
        private Duration maxAge = Duration.ofSeconds(5);
        private boolean beaconEnabled = true;
        private double sampleRate = DEFAULT_SAMPLE_RATE;
        private int beaconPerClientPerMinute = 30;
        private int beaconGlobalPerSecond = 200;
        private int maxPages = 100;
        private Duration impactWindow = Duration.ofMinutes(5);
        private int maxUsersPerArea = 10_000;
        private double areaErrorRatio = 0.10;

        private Builder() {
        }

        /** Whether notices are served (default true). */
        public Builder enabled(boolean value) {
            this.enabled = value;
            return this;
        }

        /** The message of areas without their own (default {@link #DEFAULT_MESSAGE}). */
        public Builder defaultMessage(String message) {
            Objects.requireNonNull(message, "defaultMessage");
            if (message.isBlank() || message.length() > NoticeArea.MAX_MESSAGE_LENGTH) {
                throw new IllegalArgumentException("monitor.notices.default-message: 1-" + NoticeArea.MAX_MESSAGE_LENGTH
                        + " characters");
            }
            this.defaultMessage = message;
            return this;
        }

        /** Adds an area. */
        public Builder area(NoticeArea area) {
            areas.add(Objects.requireNonNull(area, "area"));
            return this;
        }

        /** The header naming an affected area on its responses (default {@value #DEFAULT_HEADER}); blank for none. */
        public Builder header(String name) {
            Objects.requireNonNull(name, "header");
            String trimmed = name.strip();
            if (!trimmed.isEmpty() && !trimmed.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}")) {
                throw new IllegalArgumentException("monitor.notices.header: an HTTP header name (token characters, at most"
                        + " 64), or empty for none; was '" + name + "'");
            }
            this.header = trimmed;
            return this;
        }

        /** How long a notice answer may be cached (default 5 s, at most 1 minute). */
        public Builder maxAge(Duration value) {
            if (value.isNegative() || value.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("monitor.notices.max-age: 0s to 1m, was " + value);
            }
            this.maxAge = value;
            return this;
        }

        /** Whether page loads are accepted (default true). */
        public Builder beaconEnabled(boolean value) {
            this.beaconEnabled = value;
            return this;
        }

        /** Share of page loads the script reports (default {@value #DEFAULT_SAMPLE_RATE}). */
        public Builder sampleRate(double value) {
            if (!(value >= 0 && value <= 1)) {
                throw new IllegalArgumentException("monitor.notices.beacon.sample-rate: 0 to 1, was " + value);
            }
            this.sampleRate = value;
            return this;
        }

        /** Beacons per client address and minute (default 30) and per second from everyone (default 200). */
        public Builder beaconRateLimit(int perClientPerMinute, int globalPerSecond) {
            if (perClientPerMinute < 1 || globalPerSecond < 1) {
                throw new IllegalArgumentException("monitor.notices.beacon.rate-limit: at least 1 per client and minute and"
                        + " 1 per second overall; were " + perClientPerMinute + " and " + globalPerSecond);
            }
            this.beaconPerClientPerMinute = perClientPerMinute;
            this.beaconGlobalPerSecond = globalPerSecond;
            return this;
        }

        /** Most page templates recorded (default 100). */
        public Builder maxPages(int value) {
            if (value < 1 || value > 10_000) {
                throw new IllegalArgumentException("monitor.notices.beacon.max-pages: 1 to 10000, was " + value);
            }
            this.maxPages = value;
            return this;
        }

        /** The window and cap of distinct affected users per area (default 5 minutes, 10,000). */
        public Builder impact(Duration window, int maxUsers) {
            if (window.isNegative() || window.isZero() || maxUsers < 1 || maxUsers > 1_000_000) {
                throw new IllegalArgumentException("monitor.notices.impact: a positive window and 1 to 1,000,000 users; were "
                        + window + " and " + maxUsers);
            }
            this.impactWindow = window;
            this.maxUsersPerArea = maxUsers;
            return this;
        }

        /** The 5xx ratio above which an area's own alert fires (default 0.10). */
        public Builder areaErrorRatio(double value) {
            if (!(value > 0 && value <= 1)) {
                throw new IllegalArgumentException("monitor.notices.area-error-ratio: above 0, at most 1; was " + value);
            }
            this.areaErrorRatio = value;
            return this;
        }

        /**
         * The settings.
         *
         * @throws IllegalArgumentException if two areas share a name or there are more than {@value #MAX_AREAS}
         */
        public NoticeSettings build() {
            Set<String> names = new HashSet<>();
            for (NoticeArea area : areas) {
                if (!names.add(area.name())) {
                    throw new IllegalArgumentException("monitor.notices.areas: the area '" + area.name() + "' is declared twice");
                }
            }
            if (areas.size() > MAX_AREAS) {
                throw new IllegalArgumentException("monitor.notices.areas: at most " + MAX_AREAS + " areas, were " + areas.size());
            }
            return new NoticeSettings(this);
        }
    }
}
