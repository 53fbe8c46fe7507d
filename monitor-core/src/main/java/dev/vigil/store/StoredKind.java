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
    /** Daily briefings (kept 400 days unless configured otherwise). */
    BRIEFINGS;

    /** Lower-case name with dashes, as in {@code monitor.store.retention.check-runs}. */
    public String propertyName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
