/**
 * The operations core contributes to Vigil's HTTP API: health, system health, metrics, alerts, silences,
 * notifications, actions, runtime switches, audit, read-only SQL, error ingest and incidents. Each
 * factory takes only the services its handlers use, never the whole {@code Monitor}; {@code Monitor}
 * registers them with its {@link dev.vigil.api.MonitorApi}, as other modules register theirs.
 */
package dev.vigil.api.endpoints;
