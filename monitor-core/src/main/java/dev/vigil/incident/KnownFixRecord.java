package dev.vigil.incident;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the store keeps of a known fix: the binding an operator made (an incident's fingerprint to an action), and
 * for every known fix, configured or bound, how often running its action was followed by the incident's resolution.
 *
 * @param name the known fix's name
 * @param action the remediation action's id
 * @param fingerprint the incident class it is bound to by an operator, or null for a configured fix
 * @param successes runs after which the incident was resolved (or stopped recurring) within the window
 * @param failures runs after which it was not
 * @param lastUsedAt when its action last ran for an incident, or null
 * @param lastSuccessAt when it last worked, or null
 */
public record KnownFixRecord(String name, String action, @Nullable String fingerprint, long successes, long failures,
        @Nullable Instant lastUsedAt, @Nullable Instant lastSuccessAt) {

    public KnownFixRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(action, "action");
        if (successes < 0 || failures < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }

    /** Successes over all judged runs, 0 when none was judged yet. */
    public double successRate() {
        long runs = successes + failures;
        return runs == 0 ? 0 : (double) successes / runs;
    }
}
