package dev.vigil.incident;

import dev.vigil.settings.InvalidSettingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How incidents are classified, grouped, kept and ingested. Built with {@link #builder()}; every setting has the
 * default documented on its builder method.
 */
public final class IncidentSettings {

    /** Largest ingest body by default: 256 KiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 256 * 1024;

    private final Classifier classifier;
    private final int fingerprintFrames;
    private final int maxIncidents;
    private final int eventsPerIncident;
    private final Duration activeRetention;
    private final Duration flushInterval;
    private final int maxBodyBytes;
    private final int rateLimitBurst;
    private final double rateLimitPerSecond;
    private final List<String> sentryClientSecrets;
    private final List<KnownFix> knownFixes;
    private final Duration fixWindow;
    private final Duration suspectWindow;
    private final boolean checkIncidents;
    private final boolean enabled;

    private IncidentSettings(Builder builder) {
        this.enabled = builder.enabled;
        this.classifier = builder.classifier;
        this.fingerprintFrames = builder.fingerprintFrames;
        this.maxIncidents = builder.maxIncidents;
        this.eventsPerIncident = builder.eventsPerIncident;
        this.activeRetention = builder.activeRetention;
        this.flushInterval = builder.flushInterval;
        this.maxBodyBytes = builder.maxBodyBytes;
        this.rateLimitBurst = builder.rateLimitBurst;
        this.rateLimitPerSecond = builder.rateLimitPerSecond;
        this.sentryClientSecrets = List.copyOf(builder.sentryClientSecrets);
        this.knownFixes = List.copyOf(builder.knownFixes);
        this.fixWindow = builder.fixWindow;
        this.suspectWindow = builder.suspectWindow;
        this.checkIncidents = builder.checkIncidents;
    }

    /** The defaults. */
    public static IncidentSettings ofDefaults() {
        return builder().build();
    }

    /** Starts from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Gives events their severity and category. */
    public Classifier classifier() {
        return classifier;
    }

    /** Stack frames that count in a fingerprint. */
    public int fingerprintFrames() {
        return fingerprintFrames;
    }

    /** Incidents this instance keeps in memory. */
    public int maxIncidents() {
        return maxIncidents;
    }

    /** Newest events kept per incident. */
    public int eventsPerIncident() {
        return eventsPerIncident;
    }

    /** How long a resolved incident stays in the active list. */
    public Duration activeRetention() {
        return activeRetention;
    }

    /** How often what was seen is written to the store. */
    public Duration flushInterval() {
        return flushInterval;
    }

    /** Largest body the ingest operations read. */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** Ingest requests a caller may send at once. */
    public int rateLimitBurst() {
        return rateLimitBurst;
    }

    /** Ingest requests per second a caller may send over time. */
    public double rateLimitPerSecond() {
        return rateLimitPerSecond;
    }

    /** Client secrets a Sentry webhook may be signed with (several during a rotation); none turns the webhook off. */
    public List<String> sentryClientSecrets() {
        return sentryClientSecrets;
    }

    /** Remediation actions known to fix classes of incidents. */
    public List<KnownFix> knownFixes() {
        return knownFixes;
    }

    /** How long after a fix's action ran its incident must be resolved (or quiet) for the fix to count as working. */
    public Duration fixWindow() {
        return fixWindow;
    }

    /** How long after a deployment a new incident names it as a suspect. */
    public Duration suspectWindow() {
        return suspectWindow;
    }

    /** Whether incidents are on: the ingest and incident operations served, checks and the alert rule wired. */
    public boolean enabled() {
        return enabled;
    }

    /** Whether failing critical or HTTP health checks open incidents. */
    public boolean checkIncidents() {
        return checkIncidents;
    }

    @Override
    public String toString() {
        return "IncidentSettings[rules=" + classifier.rules().size() + ", maxIncidents=" + maxIncidents + ", activeRetention="
                + activeRetention + ", maxBodyBytes=" + maxBodyBytes + ", sentrySecrets=" + sentryClientSecrets.size()
                + ", knownFixes=" + knownFixes.size() + "]";
    }

    /** Builds {@link IncidentSettings}. */
    public static final class Builder {
        private Classifier classifier = Classifier.ofDefaults();
        private int fingerprintFrames = Fingerprints.DEFAULT_FRAMES;
        private int maxIncidents = MemoryIncidentStore.DEFAULT_MAX_INCIDENTS;
        private int eventsPerIncident = 100;
        private Duration activeRetention = Duration.ofHours(24);
        private Duration flushInterval = Duration.ofSeconds(1);
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private int rateLimitBurst = 200;
        private double rateLimitPerSecond = 100;
        private final List<String> sentryClientSecrets = new ArrayList<>();
        private final List<KnownFix> knownFixes = new ArrayList<>();
        private Duration fixWindow = Duration.ofMinutes(30);
        private Duration suspectWindow = Duration.ofMinutes(30);
        private boolean checkIncidents = true;
        private boolean enabled = true;

        private Builder() {
        }

        /**
         * Whether incidents are on (default true); off, no incident operation is served, checks open no incidents
         * and no alert is raised, though the host may still report to {@link IncidentService} in process.
         */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /** The classifier (default: {@link Classifier#ofDefaults()}). */
        public Builder classifier(Classifier classifier) {
            this.classifier = Objects.requireNonNull(classifier, "classifier");
            return this;
        }

        /** Stack frames in a fingerprint, 0..50 (default 5). */
        public Builder fingerprintFrames(int frames) {
            this.fingerprintFrames = frames;
            return this;
        }

        /** Incidents kept in memory, 1..1,000,000 (default 10,000). */
        public Builder maxIncidents(int max) {
            this.maxIncidents = max;
            return this;
        }

        /** Newest events kept per incident, 1..10,000 (default 100). */
        public Builder eventsPerIncident(int events) {
            this.eventsPerIncident = events;
            return this;
        }

        /** How long a resolved incident stays in the active list (default 24 h). */
        public Builder activeRetention(Duration retention) {
            this.activeRetention = Objects.requireNonNull(retention, "activeRetention");
            return this;
        }

        /** How often what was seen is written to the store (default 1 s). */
        public Builder flushInterval(Duration interval) {
            this.flushInterval = Objects.requireNonNull(interval, "flushInterval");
            return this;
        }

        /** Largest ingest body in bytes, 1 KiB..16 MiB (default 256 KiB). */
        public Builder maxBodyBytes(int bytes) {
            this.maxBodyBytes = bytes;
            return this;
        }

        /** Per caller: requests at once and per second over time (default 200 at once, 100 per second). */
        public Builder rateLimit(int burst, double perSecond) {
            this.rateLimitBurst = burst;
            this.rateLimitPerSecond = perSecond;
            return this;
        }

        /** Adds a client secret Sentry webhooks may be signed with. */
        public Builder sentryClientSecret(String secret) {
            Objects.requireNonNull(secret, "secret");
            if (secret.isBlank()) {
                throw new IllegalArgumentException("monitor.incidents.sentry.client-secrets must not hold a blank secret");
            }
            this.sentryClientSecrets.add(secret);
            return this;
        }

        /** Adds a known fix. */
        public Builder knownFix(KnownFix fix) {
            this.knownFixes.add(Objects.requireNonNull(fix, "fix"));
            return this;
        }

        /** How long a fix has to work (default 30 min). */
        public Builder fixWindow(Duration window) {
            this.fixWindow = Objects.requireNonNull(window, "fixWindow");
            return this;
        }

        /** How long after a deployment a new incident names it as a suspect (default 30 min). */
        public Builder suspectWindow(Duration window) {
            this.suspectWindow = Objects.requireNonNull(window, "suspectWindow");
            return this;
        }

        /** Whether failing critical or HTTP health checks open incidents (default true). */
        public Builder checkIncidents(boolean enabled) {
            this.checkIncidents = enabled;
            return this;
        }

        /**
         * The settings.
         *
         * @throws IllegalArgumentException naming the setting out of range
         */
        public IncidentSettings build() {
            if (fingerprintFrames < 0 || fingerprintFrames > 50) {
                throw new IllegalArgumentException("monitor.incidents.fingerprint-frames must be 0..50, was " + fingerprintFrames);
            }
            if (maxIncidents < 1 || maxIncidents > 1_000_000) {
                throw new IllegalArgumentException("monitor.incidents.max-incidents must be 1..1000000, was " + maxIncidents);
            }
            if (eventsPerIncident < 1 || eventsPerIncident > 10_000) {
                throw new IllegalArgumentException("monitor.incidents.events-per-incident must be 1..10000, was "
                        + eventsPerIncident);
            }
            positive("monitor.incidents.active-retention", activeRetention);
            positive("monitor.incidents.flush-interval", flushInterval);
            positive("monitor.incidents.fix-window", fixWindow);
            positive("monitor.incidents.suspect-window", suspectWindow);
            if (maxBodyBytes < 1024 || maxBodyBytes > 16 * 1024 * 1024) {
                throw new IllegalArgumentException("monitor.incidents.max-body-size must be 1KB..16MB, was " + maxBodyBytes
                        + " bytes");
            }
            if (rateLimitBurst < 1 || !(rateLimitPerSecond > 0)) {
                throw new IllegalArgumentException("monitor.incidents.rate-limit: burst must be at least 1 and per-second"
                        + " above 0; were " + rateLimitBurst + " and " + rateLimitPerSecond);
            }
            if (knownFixes.stream().map(KnownFix::name).distinct().count() != knownFixes.size()) {
                throw new IllegalArgumentException("monitor.incidents.known-fixes names must be distinct");
            }
            return new IncidentSettings(this);
        }

        private static void positive(String name, Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new InvalidSettingException(name, value, "must be positive");
            }
        }
    }
}
