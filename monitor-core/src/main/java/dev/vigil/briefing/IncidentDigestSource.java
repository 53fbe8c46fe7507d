package dev.vigil.briefing;

import java.time.Instant;

/**
 * Where a briefing reads its incidents from: counts and a bounded list for a period. The briefing shows an
 * empty incident section with {@link #NONE}, the default until an incident service is wired in.
 */
@FunctionalInterface
public interface IncidentDigestSource {

    /** No incident tracking: every period has none. */
    IncidentDigestSource NONE = (from, to) -> IncidentDigest.NONE;

    /** The incidents of the period {@code [from, to)}. */
    IncidentDigest digest(Instant from, Instant to);
}
