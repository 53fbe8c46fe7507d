package dev.vigil.store;

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
    /** Resolved incidents (by their resolution time) and incident events (default retention 90 days). */
    INCIDENTS;

    /** Lower-case name with dashes, as in {@code monitor.store.retention.check-runs}. */
    public String propertyName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
