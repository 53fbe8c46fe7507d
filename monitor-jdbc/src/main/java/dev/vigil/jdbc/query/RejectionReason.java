package dev.vigil.jdbc.query;

/**
 * Why {@link ReadOnlyQueryRunner} refused to run a query; carried by {@link QueryRejectedException}.
 * A rejected query never reaches the database.
 */
public enum RejectionReason {
    /** The runner is disabled: its role inspection found the connection privileged, or could not run. */
    RUNNER_DISABLED,
    /** {@code maxRows} was below 1. */
    INVALID_MAX_ROWS,
    /** Nothing but whitespace and comments. */
    EMPTY,
    /** Longer than {@link QueryRunnerSettings#maxQueryLength()}. */
    TOO_LONG,
    /** Parentheses or brackets nested deeper than the cap, or too deep for the parser's stack. */
    TOO_DEEPLY_NESTED,
    /** Not valid SQL for the parser (also: unterminated strings or comments, NUL, invalid escapes). */
    UNPARSEABLE,
    /**
     * Written in a form that the database and the parser would split differently (where a string,
     * quoted name, comment, name or number begins or ends): {@code //}, {@code #}, {@code $1},
     * backslashes, backticks, JDBC escape braces, non-ASCII characters outside literals, nested
     * comments, non-decimal numbers, prefixed strings such as {@code N'..'}, two strings in a row...
     * Rewriting it in the plain form (see {@code dev.vigil.jdbc.query}) gets it through.
     */
    AMBIGUOUS_SYNTAX,
    /** More than one statement. */
    MULTIPLE_STATEMENTS,
    /** A statement that is not a query ({@code SET}, {@code COPY}, {@code CALL}, {@code COMMIT}, DML, DDL...). */
    NOT_A_QUERY,
    /** {@code SELECT ... FOR UPDATE / NO KEY UPDATE / SHARE / KEY SHARE}, which lock rows. */
    LOCKING_CLAUSE,
    /** {@code SELECT ... INTO}, which creates a table. */
    SELECT_INTO,
    /** A {@code WITH} item that is an {@code INSERT}, {@code UPDATE}, {@code DELETE} or {@code MERGE}. */
    DATA_MODIFYING_CTE,
    /** {@code EXPLAIN ANALYZE}, which executes the statement. */
    EXPLAIN_ANALYZE,
    /**
     * A call of a function that is not on the dialect's list of functions run-query allows (see
     * {@code AllowedFunctions}): user-defined functions, functions with side effects, functions that
     * run SQL given as text, sleeps, session and server administration.
     */
    DENIED_FUNCTION,
    /** A table outside {@link QueryRunnerSettings#allowedTables()}. */
    TABLE_NOT_ALLOWED,
    /** A redacted column used where redaction cannot hide it (a condition, an expression, a renaming...). */
    REDACTED_COLUMN_USE,
    /**
     * A value or row count the query sets without a bound known before it runs: {@code repeat},
     * {@code lpad}, {@code rpad}, {@code space} or a padded {@code CHAR(n)} with a size that is not a
     * numeric literal within {@link QueryRunnerSettings#maxCellChars()}; {@code generate_series} /
     * {@code SYSTEM_RANGE} beyond {@link QueryRunnerSettings#maxSeriesRows()}; functions that grow a
     * value nested too deeply; an aggregate that builds one value out of every row ({@code string_agg},
     * {@code array_agg}, {@code json_agg}...); values built up over several levels of the query or in
     * a recursive {@code WITH}.
     */
    VALUE_AMPLIFIER,
    /**
     * Not now: {@link QueryRunnerSettings#maxConcurrentQueries()} queries are already running, or
     * borrowing a connection would leave the application's pool fewer than
     * {@link QueryRunnerSettings#poolReserve()} free. The same query may pass a moment later.
     */
    BUSY
}
