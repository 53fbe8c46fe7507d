package dev.vigil.jdbc.query;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.vigil.audit.AuditEntry;
import dev.vigil.audit.AuditLog;
import dev.vigil.internal.Json;
import dev.vigil.query.AdminQueryService;
import dev.vigil.query.QueryException;

/**
 * Serves {@code POST /api/admin/run-query} with a {@link ReadOnlyQueryRunner}, auditing into the
 * monitor's trail: a rejected query answers 400, a disabled or busy runner 503, a failed query 422
 * and a timed-out one 504. Every outcome is an answer, an {@link Error} of the query included (the
 * runner has audited and logged it), so that a request never goes unanswered.
 */
public final class QueryServiceAdapter implements AdminQueryService {

    private final ReadOnlyQueryRunner runner;

    /** Serves queries with {@code runner}. */
    public QueryServiceAdapter(ReadOnlyQueryRunner runner) {
        this.runner = runner;
    }

    @Override
    public Map<String, Object> run(String sql, int maxRows, String who) throws QueryException {
        try {
            return Json.mapper().convertValue(runner.run(who, sql, maxRows), new TypeReference<Map<String, Object>>() { });
        } catch (QueryRejectedException e) {
            QueryException.Kind kind = e.reason() == RejectionReason.RUNNER_DISABLED || e.reason() == RejectionReason.BUSY
                    ? QueryException.Kind.UNAVAILABLE : QueryException.Kind.REJECTED;
            throw new QueryException(kind, e.reason().name().toLowerCase(Locale.ROOT), e.getMessage());
        } catch (QueryFailedException e) {
            throw e.timedOut() ? new QueryException(QueryException.Kind.TIMED_OUT, "timeout", e.getMessage())
                    : new QueryException(QueryException.Kind.FAILED, "query_failed", e.getMessage());
        } catch (VirtualMachineError e) {
            // Audited and logged by the runner; the query's thread has let go of what it held.
            throw new QueryException(QueryException.Kind.FAILED, "query_failed",
                    "the query failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    /** Every query, accepted, rejected or failed, into the audit trail as type {@code query}. */
    public static QueryAuditor auditor(AuditLog audit) {
        return record -> {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("sql", record.sql());
            details.put("rowCount", record.rowCount());
            details.put("elapsedMs", record.elapsedMs());
            if (record.rejection() != null) {
                details.put("rejection", record.rejection().name().toLowerCase(Locale.ROOT));
                details.put("reason", record.reason());
            }
            audit.add(new AuditEntry(AuditEntry.newId(), record.at(), AuditEntry.Type.QUERY, record.who(), "run-query",
                    details, record.outcome().name().toLowerCase(Locale.ROOT), record.error()));
        };
    }

}
