package dev.vigil.jdbc.query;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A query passed validation but the database did not complete it: it timed out, failed (a missing
 * column, a permission the role lacks, a write refused by the read-only transaction...), or no
 * connection could be had. The transaction has been rolled back either way.
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

    /** True when the query ran out of time (the statement timeout or the driver's query timeout). */
    public boolean timedOut() {
        return timedOut;
    }

    /** The SQLState the driver reported, if any. */
    public Optional<String> sqlState() {
        return Optional.ofNullable(sqlState);
    }
}
