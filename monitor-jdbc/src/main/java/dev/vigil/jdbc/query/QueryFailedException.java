package dev.vigil.jdbc.query;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A query passed validation but did not complete: it timed out, the database failed it (a missing
 * column, a permission the role lacks, a write refused by the read-only transaction...), no
 * connection could be had, or it ended in an {@link Error} other than a {@link VirtualMachineError}.
 * The transaction has been, or is being, rolled back either way.
 */
public final class QueryFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean timedOut;
    private final @Nullable String sqlState;

    /** A failure described by {@code message}, caused by {@code cause}. */
    public QueryFailedException(String message, boolean timedOut, @Nullable String sqlState, @Nullable Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.timedOut = timedOut;
        this.sqlState = sqlState;
    }

    /**
     * True when the query ran out of time: the runner's deadline passed (the statement is then
     * cancelled, and its connection aborted if it does not stop), or the database's statement timeout
     * or the driver's query timeout ended it first.
     */
    public boolean timedOut() {
        return timedOut;
    }

    /** The SQLState the driver reported, if any. */
    public Optional<String> sqlState() {
        return Optional.ofNullable(sqlState);
    }
}
