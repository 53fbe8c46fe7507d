/**
 * {@link dev.vigil.jdbc.store.JdbcMonitorStore}: everything Vigil keeps (check runs, alerts, the notification
 * outbox, audit, runtime switches, leases) in H2 2.x or PostgreSQL, shared by every instance using the same
 * database and table prefix. The schema scripts are in the jar under {@code dev/vigil/jdbc/store/schema/}.
 */
package dev.vigil.jdbc.store;
