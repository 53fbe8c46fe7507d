package dev.vigil.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Leases in memory: one process, so whoever asks first holds the lease until it runs out. */
public final class MemoryLeaseStore implements LeaseStore {

    private final Clock clock;
    private final Map<String, Lease> leases = new HashMap<>();

    /** Leases timed by {@code clock}. */
    public MemoryLeaseStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized boolean tryAcquire(String name, String owner, Duration duration) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a lease must last a positive duration, was " + duration);
        }
        Instant now = clock.instant();
        Lease current = leases.get(name);
        if (current != null && current.until().isAfter(now) && !current.owner().equals(owner)) {
            return false;
        }
        leases.put(name, new Lease(name, owner, now.plus(duration)));
        return true;
    }

    @Override
    public synchronized void release(String name, String owner) {
        Lease current = leases.get(name);
        if (current != null && current.owner().equals(owner)) {
            leases.remove(name);
        }
    }

    @Override
    public synchronized Optional<Lease> holder(String name) {
        Lease current = leases.get(name);
        return current != null && current.until().isAfter(clock.instant()) ? Optional.of(current) : Optional.empty();
    }
}
