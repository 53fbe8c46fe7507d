package dev.vigil.query;

/**
 * Why a query did not return rows: it was rejected, the service is unavailable or busy, the database
 * failed it, or it ran out of time.
 */
public final class QueryException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The ways a query can fail, each with its HTTP status. */
    public enum Kind {
        /** Not a single safe read-only query (400). */
        REJECTED(400),
        /**
         * The service does not run the query now (503): it refuses queries at all (its database role
         * can write), or is busy (code {@code busy}: too many queries running, or the application's
         * connection pool too short); a busy request may be sent again a moment later.
         */
        UNAVAILABLE(503),
        /** The database failed the query, e.g. an unknown column or a refused write (422). */
        FAILED(422),
        /** The query ran out of time and was cancelled (504). */
        TIMED_OUT(504);

        private final int httpStatus;

        Kind(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        /** The HTTP status the API answers with. */
        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Kind kind;
    private final String code;

    /**
     * @param kind how it failed
     * @param code a short machine-readable reason, e.g. {@code not_a_query}, {@code denied_function}, {@code timeout}
     * @param message the precise human reason (never the data)
     */
    public QueryException(Kind kind, String code, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
    }

    /** How it failed. */
    public Kind kind() {
        return kind;
    }

    /** The machine-readable reason. */
    public String code() {
        return code;
    }
}
