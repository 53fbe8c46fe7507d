package dev.vigil.jdbc.query;

/**
 * Receives one {@link QueryAuditRecord} for every query {@link ReadOnlyQueryRunner} is asked to
 * run: accepted, rejected and failed alike. Called on the requesting thread after the outcome is
 * known; an auditor that throws is logged and does not change the outcome. Where the records are
 * kept (a log, a table, an event stream) is up to the implementation.
 */
@FunctionalInterface
public interface QueryAuditor {

    /** Keeps nothing. */
    QueryAuditor NO_OP = record -> { };

    /** Records one query. */
    void audit(QueryAuditRecord record);
}
