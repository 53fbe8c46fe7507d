package dev.vigil.health;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A {@link HealthCheck} with the name it reports under and how it is run.
 *
 * <p>Interval and timeout are optional: when absent, the monitor's defaults apply
 * ({@link HealthSettings#DEFAULT_INTERVAL} and {@link HealthSettings#DEFAULT_TIMEOUT} unless configured).
 * A <em>critical</em> check that is DOWN makes the whole service DOWN; a non-critical one only
 * makes it DEGRADED.
 *
 * <pre>{@code
 * HealthCheckRegistration.builder("payments", payments)
 *         .interval(Duration.ofSeconds(30))
 *         .timeout(Duration.ofSeconds(2))
 *         .critical(true)
 *         .build();
 * }</pre>
 */
public final class HealthCheckRegistration {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");

    private final String name;
    private final HealthCheck check;
    private final @Nullable Duration interval;
    private final @Nullable Duration timeout;
    private final boolean critical;
    private final boolean singleton;

    private HealthCheckRegistration(Builder builder) {
        this.name = builder.name;
        this.check = builder.check;
        this.interval = builder.interval;
        this.timeout = builder.timeout;
        this.critical = builder.critical;
        this.singleton = builder.singleton;
    }

    /** A registration with the monitor's default interval and timeout, critical. */
    public static HealthCheckRegistration of(String name, HealthCheck check) {
        return builder(name, check).build();
    }

    /** Starts a registration of {@code check} under {@code name} (letters, digits, {@code . _ : -}). */
    public static Builder builder(String name, HealthCheck check) {
        return new Builder(name, check);
    }

    /** The name the check reports under. */
    public String name() {
        return name;
    }

    /** The check itself. */
    public HealthCheck check() {
        return check;
    }

    /** How often the check runs, if set on this registration. */
    public Optional<Duration> interval() {
        return Optional.ofNullable(interval);
    }

    /** How long one run may take before it is reported DOWN, if set on this registration. */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /** Whether this check being DOWN makes the whole service DOWN. */
    public boolean critical() {
        return critical;
    }

    /**
     * Whether one instance at a time runs this check when several share a store (the holder of its
     * lease); the others show the holder's result. For checks of shared things: an external URL, the
     * database. Per-instance checks (disk, memory) run everywhere.
     */
    public boolean singleton() {
        return singleton;
    }

    /** A copy of this registration that runs {@code other} instead, e.g. to decorate the check. */
    public HealthCheckRegistration withCheck(HealthCheck other) {
        return toBuilder().check(other).build();
    }

    /** A builder pre-filled with this registration's settings. */
    public Builder toBuilder() {
        Builder builder = new Builder(name, check).critical(critical).singleton(singleton);
        builder.interval = interval;
        builder.timeout = timeout;
        return builder;
    }

    @Override
    public String toString() {
        return "HealthCheckRegistration[" + name + ", critical=" + critical + ", singleton=" + singleton
                + ", interval=" + interval + ", timeout=" + timeout + "]";
    }

    /** Builds a {@link HealthCheckRegistration}. */
    public static final class Builder {
        private final String name;
        private HealthCheck check;
        private @Nullable Duration interval;
        private @Nullable Duration timeout;
        private boolean critical = true;
        private boolean singleton;

        private Builder(String name, HealthCheck check) {
            this.name = Objects.requireNonNull(name, "name");
            this.check = Objects.requireNonNull(check, "check");
        }

        /** Replaces the check. */
        public Builder check(HealthCheck check) {
            this.check = Objects.requireNonNull(check, "check");
            return this;
        }

        /** How often to run the check (positive). */
        public Builder interval(Duration interval) {
            this.interval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /** How long one run may take (positive). */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Whether DOWN makes the service DOWN (default {@code true}) or only DEGRADED. */
        public Builder critical(boolean critical) {
            this.critical = critical;
            return this;
        }

        /** Whether one instance at a time runs it when several share a store (default {@code false}). */
        public Builder singleton(boolean singleton) {
            this.singleton = singleton;
            return this;
        }

        /** Validates and builds. */
        public HealthCheckRegistration build() {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("health check name '" + name
                        + "' must be 1-100 characters of letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
            }
            requirePositive("interval", interval);
            requirePositive("timeout", timeout);
            return new HealthCheckRegistration(this);
        }

        private void requirePositive(String setting, @Nullable Duration value) {
            if (value != null && (value.isZero() || value.isNegative())) {
                throw new IllegalArgumentException("health check '" + name + "': " + setting
                        + " must be positive, was " + value);
            }
        }
    }
}
