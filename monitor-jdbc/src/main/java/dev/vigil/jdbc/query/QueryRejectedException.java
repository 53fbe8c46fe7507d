package dev.vigil.jdbc.query;

import java.util.Objects;

/**
 * {@link ReadOnlyQueryRunner} refused a query before it reached the database; the message says
 * precisely why, {@link #reason()} says it as a code (an HTTP layer answers 400, or 503 for
 * {@link RejectionReason#RUNNER_DISABLED} and {@link RejectionReason#BUSY}).
 */
public final class QueryRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final RejectionReason reason;

    /** A rejection for {@code reason}, explained by {@code message}. */
    public QueryRejectedException(RejectionReason reason, String message) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why the query was rejected. */
    public RejectionReason reason() {
        return reason;
    }
}
