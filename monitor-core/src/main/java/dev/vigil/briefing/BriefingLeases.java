package dev.vigil.briefing;

import java.time.Duration;

/**
 * How instances sharing a store agree on who builds a date's briefing: a lease per date, held while it is
 * built. The monitor backs it with its store's leases; one instance on its own can use {@link #LOCAL}.
 */
public interface BriefingLeases {

    /** Every lease is granted: for a single instance, where the insert keyed on the date is enough. */
    BriefingLeases LOCAL = new BriefingLeases() {
        @Override
        public boolean tryAcquire(String name, Duration duration) {
            return true;
        }

        @Override
        public void release(String name) {
        }
    };

    /** Takes the lease {@code name} for this instance for {@code duration}; whether this instance holds it. */
    boolean tryAcquire(String name, Duration duration);

    /** Gives the lease {@code name} back if this instance holds it. */
    void release(String name);
}
