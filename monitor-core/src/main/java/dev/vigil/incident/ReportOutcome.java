package dev.vigil.incident;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What became of a reported event.
 *
 * @param incident its incident, after the event
 * @param created whether the event opened the incident (new to this instance)
 * @param regression whether it reopened a resolved incident
 * @param suggestedFix the best known fix for the incident, or null
 */
public record ReportOutcome(Incident incident, boolean created, boolean regression, @Nullable FixSuggestion suggestedFix) {

    public ReportOutcome {
        Objects.requireNonNull(incident, "incident");
    }

    /** The best known fix, if there is one. */
    public Optional<FixSuggestion> fix() {
        return Optional.ofNullable(suggestedFix);
    }
}
