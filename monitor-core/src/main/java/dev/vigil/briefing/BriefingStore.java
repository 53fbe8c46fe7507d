package dev.vigil.briefing;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Where daily briefings are kept: at most one per date, whichever instance built it first. Implementations
 * must be thread-safe and make {@link #add} atomic.
 */
public interface BriefingStore {

    /** Stores {@code briefing} unless one for its date is stored already; whether it stored it. */
    boolean add(StoredBriefing briefing);

    /** The briefing of {@code date}, if one is stored. */
    Optional<StoredBriefing> find(LocalDate date);

    /** The briefing of the latest date stored, if any. */
    Optional<StoredBriefing> latest();
}
