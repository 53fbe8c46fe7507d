package dev.vigil.query;

/** Why a query did not return rows: it was rejected, the service is unavailable, or the database failed it. */
public final class QueryException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The three ways a query can fail, each with its HTTP status. */
    public enum Kind {
        /** Not a single safe read-only query (400). */
        REJECTED(400),
        /** The service refuses to run queries at all, e.g. its database role can write (503). */
        UNAVAILABLE(503),
        /** The database failed the query, e.g. it timed out (422). */
        FAILED(422);

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
