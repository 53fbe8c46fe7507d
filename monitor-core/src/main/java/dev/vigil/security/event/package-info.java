/**
 * Security events: failed logins, refused requests (401, 403, 429) and attack signatures, recorded without
 * blocking the caller ({@link dev.vigil.security.event.SecurityEvents}), counted into metrics so alert rules see
 * them, and kept in a {@link dev.vigil.security.event.SecurityEventStore}.
 */
package dev.vigil.security.event;
