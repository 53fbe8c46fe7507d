package dev.vigil.jdbc.query;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One query submitted to {@link ReadOnlyQueryRunner}, for {@link QueryAuditor}.
 *
 * @param who       who asked (as the caller identified them)
 * @param at        when the request arrived, from the runner's clock
 * @param sql       the query as submitted, cut to {@link #MAX_SQL_LENGTH} characters
 * @param outcome   accepted, rejected or failed
 * @param rejection why it was rejected; {@code null} unless {@link Outcome#REJECTED}
 * @param reason    the rejection message; {@code null} unless {@link Outcome#REJECTED}
 * @param error     why it failed; {@code null} unless {@link Outcome#FAILED}
 * @param rowCount  rows returned (0 unless accepted)
 * @param elapsedMs how long the request took
 */
public record QueryAuditRecord(String who, Instant at, String sql, Outcome outcome, @Nullable RejectionReason rejection,
        @Nullable String reason, @Nullable String error, int rowCount, long elapsedMs) {

    /** Audited SQL is cut to 4096 characters. */
    public static final int MAX_SQL_LENGTH = 4096;

    /** What became of a query. */
    public enum Outcome {
        /** Validated, run and read. */
        ACCEPTED,
        /** Refused before reaching the database. */
        REJECTED,
        /** Validated, but the database failed it, it timed out, or no connection could be had. */
        FAILED
    }

    /** Checks the fields agree with the outcome and cuts {@code sql}. */
    public QueryAuditRecord {
        Objects.requireNonNull(who, "who");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(outcome, "outcome");
        if ((outcome == Outcome.REJECTED) != (rejection != null && reason != null)) {
            throw new IllegalArgumentException("a rejection and its reason go with, and only with, REJECTED");
        }
        if ((outcome == Outcome.FAILED) != (error != null)) {
            throw new IllegalArgumentException("an error goes with, and only with, FAILED");
        }
        if (rowCount < 0 || elapsedMs < 0) {
            throw new IllegalArgumentException("rowCount and elapsedMs must not be negative");
        }
        sql = cut(sql);
    }

    /** True when the query was refused before reaching the database. */
    public boolean rejected() {
        return outcome == Outcome.REJECTED;
    }

    private static String cut(String sql) {
        if (sql.length() <= MAX_SQL_LENGTH) {
            return sql;
        }
        int end = MAX_SQL_LENGTH - 1;
        if (Character.isHighSurrogate(sql.charAt(end - 1))) {
            end--;
        }
        return sql.substring(0, end) + "…";
    }
}
