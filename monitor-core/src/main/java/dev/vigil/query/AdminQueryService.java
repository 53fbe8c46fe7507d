package dev.vigil.query;

import java.util.Map;

/**
 * Runs one read-only SQL query for an admin ({@code POST /api/admin/run-query}). The JDBC module's
 * {@code ReadOnlyQueryRunner} implements it with a SQL parser, a least-privileged connection and a
 * read-only, time- and row-limited transaction; core only transports the request.
 */
@FunctionalInterface
public interface AdminQueryService {

    /**
     * Runs {@code sql}.
     *
     * @param sql the query text as sent
     * @param maxRows rows wanted (the service caps it)
     * @param who who asked, for the audit trail
     * @return JSON-friendly result: {@code columns}, {@code rows}, {@code rowCount}, {@code truncated}, {@code elapsedMs}
     * @throws QueryException rejected (400), unavailable or busy (503), failed in the database (422) or
     *                        timed out (504)
     */
    Map<String, Object> run(String sql, int maxRows, String who) throws QueryException;
}
