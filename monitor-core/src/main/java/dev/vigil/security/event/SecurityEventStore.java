package dev.vigil.security.event;

import java.util.List;

/**
 * Where security events are kept: appended in batches by the recorder's background writer, read newest first
 * by the admin API. Adding an id already stored does nothing, so a retried write is not doubled.
 */
public interface SecurityEventStore {

    /** Stores {@code events}. */
    void add(List<SecurityEvent> events);

    /** The events that pass {@code query}, newest first (by time, then by arrival). */
    List<SecurityEvent> query(SecurityEventQuery query);
}
