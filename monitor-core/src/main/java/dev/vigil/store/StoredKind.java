package dev.vigil.store;

import java.time.Duration;
import java.util.Locale;

/** The kinds of records that grow over time and are purged after their retention. */
public enum StoredKind {
    /** Health check runs. */
    CHECK_RUNS,
    /** Alert history entries. */
    ALERT_HISTORY,
    /** Delivered and dead-lettered notifications (undelivered ones are never purged). */
    NOTIFICATIONS,
    /** Audit entries. */
    AUDIT,
    /** Action runs and approval tokens that expired. */
    ACTIONS,
    /** Security events (failed logins, refused requests, attack signatures). */
    SECURITY_EVENTS,
    /** Deployments, kept 400 days by default so a year can be compared with the one before. */
    DEPLOYMENTS(Duration.ofDays(400)),
    /** Daily briefings, kept 400 days by default. */
    BRIEFINGS(Duration.ofDays(400)),
    /** Resolved incidents (by their resolution time) and incident events, kept 90 days by default. */
    INCIDENTS(Duration.ofDays(90));

    private final Duration defaultRetention;

    StoredKind() {
        this(StoreSettings.DEFAULT_RETENTION);
    }

    StoredKind(Duration defaultRetention) {
        this.defaultRetention = defaultRetention;
    }

    /** How long this kind is kept unless configured otherwise. */
    public Duration defaultRetention() {
        return defaultRetention;
    }

    /** Lower-case name with dashes, as in {@code monitor.store.retention.check-runs}. */
    public String propertyName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
