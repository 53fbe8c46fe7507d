package dev.vigil.store;

import java.time.Duration;
import java.util.Optional;

/**
 * Leases on singleton work, in the model of ShedLock: an instance runs the work (the retention purge,
 * an external URL check) only while it holds the work's lease, and extends it each time it runs. When
 * the holder dies its lease runs out and another instance takes the work over.
 *
 * <p>A store shared by several instances keeps leases on the database's clock, so the instances'
 * clocks need not agree; the memory store uses the monitor's clock.
 */
public interface LeaseStore {

    /**
     * Takes the lease {@code name} for {@code owner} until {@code duration} from now, if nobody holds
     * it, its lease has run out, or {@code owner} holds it already (then it is extended).
     *
     * @return whether {@code owner} holds the lease now
     */
    boolean tryAcquire(String name, String owner, Duration duration);

    /** Gives the lease up if {@code owner} holds it, so another instance may take it at once. */
    void release(String name, String owner);

    /** The lease's holder, if it is held and has not run out. */
    Optional<Lease> holder(String name);
}
