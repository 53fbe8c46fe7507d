package dev.vigil.store;

import java.time.Instant;
import java.util.Objects;

/**
 * Who holds a lease on a piece of singleton work, and until when.
 *
 * @param name the work, e.g. {@code retention} or {@code check:payments-api}
 * @param owner the instance that holds it ({@link dev.vigil.Monitor#instanceId()})
 * @param until when the lease ends unless its owner extends it
 */
public record Lease(String name, String owner, Instant until) {

    public Lease {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(until, "until");
    }
}
