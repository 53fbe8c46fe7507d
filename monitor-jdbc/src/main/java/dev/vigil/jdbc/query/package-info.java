/**
 * Ad-hoc read-only SQL for administrators: {@link dev.vigil.jdbc.query.ReadOnlyQueryRunner} behind
 * {@code POST /api/admin/run-query} {@code {"query": "...", "maxRows": 100}}.
 *
 * <h2>What a query must pass (nothing reaches the database otherwise)</h2>
 * <ol>
 *   <li>At most {@code monitor.query.max-query-length} characters (16384).</li>
 *   <li>Lexing into a canonical text that the database (H2 2.x or PostgreSQL with
 *       {@code standard_conforming_strings} on, the dialect taken from the connection) and
 *       JSqlParser split into the same tokens: where every string, quoted name, name and number
 *       begins and ends is the same for all three. Comments are dropped; the string forms the
 *       dialect has ({@code '...'}, {@code U&'...' UESCAPE}, {@code $$...$$}, and on PostgreSQL
 *       {@code E'...'} and {@code $tag$...$tag$}) become a plain {@code '...'}; {@code U&"..."}
 *       identifiers are decoded. Only plain forms are accepted: ASCII names, plain decimal numbers,
 *       ASCII operators. Anything the readers would split differently is
 *       {@code AMBIGUOUS_SYNTAX}: {@code //} (a comment for H2 and JSqlParser, two operators for
 *       PostgreSQL), {@code #}, {@code $} outside a dollar quote ({@code $1}, {@code a$b}),
 *       backslashes, backticks, braces (JDBC escapes), {@code ??} and {@code ?1}, {@code @} glued
 *       to a name, control and non-ASCII characters outside literals, {@code /*} inside a block
 *       comment (PostgreSQL and H2 nest them, JSqlParser does not), numbers such as {@code 0x1F},
 *       {@code 1_000}, {@code 1L} or {@code 1..2}, a name glued to a quote ({@code N'..'},
 *       {@code X'..'}, {@code q'[..]'}; {@code E'..'} and {@code $tag$} on H2), two string literals
 *       in a row (H2 joins them across whitespace and comments, PostgreSQL across a line break) and,
 *       on H2, brackets that its MSSQLServer mode would read as a quoted name around a literal or
 *       before {@code (}. Unterminated literals or comments, NUL, unpaired surrogates and invalid
 *       escapes are {@code UNPARSEABLE}. Parentheses and brackets nest at most 100 deep
 *       ({@code TOO_DEEPLY_NESTED}). Text after a {@code ;} is {@code MULTIPLE_STATEMENTS}. The lexer
 *       also lists every name written directly before {@code (}, for the function check below.
 *       Tests compare these tokens with H2's own tokenizer, PostgreSQL's parse tree and
 *       JSqlParser's token manager over a corpus of attacks.</li>
 *   <li>JSqlParser parses the canonical text (backslashes in string bodies as slashes, control
 *       characters and line breaks as spaces, so that its {@code \'} escapes and its statement
 *       separators, three line breaks or a line holding {@code go}, cannot apply): one statement, a
 *       {@code SELECT}, {@code WITH ... SELECT}, {@code VALUES}, {@code TABLE t} or {@code EXPLAIN}
 *       of one of those without {@code ANALYZE}; anything else is {@code NOT_A_QUERY} (named after
 *       its first word: {@code SET}, {@code COPY}, {@code DO}, {@code CALL}, {@code LOCK},
 *       {@code LISTEN}, {@code NOTIFY}, {@code PREPARE}, {@code EXECUTE}, {@code BEGIN},
 *       {@code COMMIT}, {@code ROLLBACK}, DML, DDL...) or {@code EXPLAIN_ANALYZE}; a parser stack
 *       overflow is {@code TOO_DEEPLY_NESTED}.</li>
 *   <li>Every node of the parsed tree is visited: an {@code INSERT}/{@code UPDATE}/{@code DELETE}/
 *       {@code MERGE} inside a {@code WITH} is {@code DATA_MODIFYING_CTE}; {@code FOR UPDATE / NO KEY
 *       UPDATE / SHARE / KEY SHARE} on any select is {@code LOCKING_CLAUSE}; {@code INTO} is
 *       {@code SELECT_INTO}; {@code NEXT VALUE FOR} and variable assignment are
 *       {@code DENIED_FUNCTION}.</li>
 *   <li>Functions: every call, wherever it is written (select list, conditions, ordering, windows,
 *       {@code FROM f(...)}), must be on the dialect's allow-list (below), else
 *       {@code DENIED_FUNCTION}. A schema may qualify the name only if it is {@code pg_catalog} on
 *       PostgreSQL (H2's built-ins take none): another schema could hold a user-defined function of
 *       the same name. A quoted name counts only in the case the database folds to
 *       ({@code "lower"} on PostgreSQL, {@code "LOWER"} on H2). {@code t.row_to_json} (PostgreSQL's
 *       attribute notation for a call over the whole row) and {@code VARIADIC} are refused too. As a
 *       backstop independent of the parser, every name the lexer sees before {@code (} must be an
 *       allowed function, a reviewed SQL keyword ({@code IN}, {@code EXISTS}, {@code OVER},
 *       {@code CAST}, {@code VARCHAR}...) or a relation the tree shows with a column list.</li>
 *   <li>Value sizes, before anything runs ({@code VALUE_AMPLIFIER}): {@code repeat}, {@code lpad},
 *       {@code rpad}, H2's {@code SPACE} and casts to padded {@code CHAR(n)} take numeric literal
 *       lengths, together at most {@code monitor.query.max-cell-chars} (65536) per query;
 *       {@code generate_series} and H2's {@code SYSTEM_RANGE} take numeric literal bounds, their
 *       row counts multiplied at most {@code monitor.query.max-series-rows} (100,000);
 *       {@code replace}, {@code regexp_replace} and {@code array_to_string} take literal
 *       replacements and separators, and functions that grow a value (those, JSON builders, array
 *       and row constructors) nest up to 256-fold; aggregates that build one value out of every row
 *       ({@code string_agg}, {@code array_agg}, {@code ARRAY(subquery)}, {@code json_agg},
 *       {@code jsonb_agg}, {@code json_object_agg}, {@code JSON_ARRAYAGG}, {@code JSON_OBJECTAGG},
 *       {@code LISTAGG}, {@code GROUP_CONCAT}, {@code xmlagg}...) are refused; values may be built up
 *       ({@code ||}, {@code concat}, constructors) in the select list of one level of the query only;
 *       {@code WITH RECURSIVE} is refused on H2 and may not build values on PostgreSQL.</li>
 *   <li>With {@code monitor.query.allowed-tables}, every table referred to must be listed
 *       ({@code TABLE_NOT_ALLOWED}); a {@code WITH} name counts as a table only outside its scope.</li>
 *   <li>With redaction on (the default patterns), a redacted column may appear only as a bare column
 *       item in the select list of the outermost select, when that is a single select (not a
 *       {@code UNION} / {@code INTERSECT} / {@code EXCEPT}), under its own or another redacted name;
 *       there it is shown as {@code ***}. Anything that could compare it with a value of the query's
 *       choosing is {@code REDACTED_COLUMN_USE}: expressions, conditions, functions, ordering,
 *       grouping, windows, joins ({@code USING (password_hash)}, {@code NATURAL JOIN} over a table or
 *       {@code *}), subqueries, set operations over a redacted column or {@code *},
 *       {@code DISTINCT} and {@code DISTINCT ON} over them, positions ({@code ORDER BY 3},
 *       {@code GROUP BY 3}) in a select list holding a redacted column or {@code *}, column lists or
 *       labels below the outermost select that name a value after a redacted column
 *       ({@code VALUES ('guess') AS v(password_hash)}), {@code *} in a subquery used as a value
 *       ({@code (...) IN (SELECT * FROM users)}), renaming the columns of a table or of
 *       {@code *}, {@code t.*} outside a select list and whole-row references
 *       ({@code SELECT u FROM users u}, {@code row_to_json(u)}).</li>
 * </ol>
 *
 * <h2>Allowed functions</h2>
 * A reviewed list per dialect, in {@code AllowedFunctions}: string, math, date/time, JSON and array
 * functions, conditionals, type and format helpers, aggregates and window functions that return one
 * bounded value, and on PostgreSQL the catalog functions an administrator reads
 * ({@code current_database}, {@code version}, {@code pg_size_pretty}, {@code pg_relation_size},
 * {@code pg_total_relation_size}, {@code pg_database_size}, {@code pg_blocking_pids},
 * {@code pg_get_viewdef}, {@code has_table_privilege}, {@code age}...), on H2 {@code H2VERSION},
 * {@code DATABASE} and {@code DISK_SPACE_USED}. Not on it: user-defined functions and H2 aliases,
 * anything with an effect outside the query (sequences, advisory locks, {@code set_config} and H2's
 * {@code SET}, notifications, signals, session and server administration), files, large objects and
 * other databases ({@code pg_read_file}, {@code lo_*}, {@code dblink}, {@code FILE_READ},
 * {@code CSVREAD}, {@code CSVWRITE}, {@code LINK_SCHEMA}), SQL run from text
 * ({@code query_to_xml}...), sleeps ({@code pg_sleep}: a monitoring console has no reason to wait),
 * and on H2, which runs inside the application, what costs its memory or CPU out of the timeout's
 * reach ({@code MEMORY_USED}, {@code HASH}, {@code EXPAND}, {@code SECURE_RAND}, the
 * {@code REGEXP_*} functions, whose backtracking cannot be cancelled).
 *
 * <h2>Time and load</h2>
 * <ul>
 *   <li>A query runs on one of the runner's daemon threads ({@code vigil-query-N}); the caller waits
 *       for it at most {@code monitor.query.timeout} (5 s), measured from the moment the query is
 *       handed over (getting a connection, running and reading all count), and is then answered
 *       "timed out" (504) whatever the statement does. At that moment the statement is cancelled
 *       ({@code Statement.cancel()}, on a thread of its own: a cancel may block); one second later,
 *       if it still has not ended, its connection is aborted ({@code Connection.abort}), evicted
 *       from a HikariCP pool (which closes it at once and may open a replacement) and the thread is
 *       interrupted. The database's own timeouts ({@code statement_timeout}, the driver's query
 *       timeout) stay, as a second line.</li>
 *   <li>At most {@code monitor.query.max-concurrent} queries (2) run at once; one more is refused
 *       at once as {@code BUSY} (503). A query keeps its place until its statement has really ended,
 *       even after its caller was answered, so statements that ignore their deadline cannot pile up
 *       threads or connections.</li>
 *   <li>On the application's own HikariCP pool (read through its MXBean; HikariCP stays optional), a
 *       query is refused as {@code BUSY} when borrowing a connection would leave fewer than
 *       {@code monitor.query.pool-reserve} (2) free for the application, or someone is already
 *       waiting for one.</li>
 *   <li>Every outcome is audited: accepted, rejected, busy, failed, timed out, and an {@link Error}
 *       (then rethrown if it is a {@link VirtualMachineError}, turned into a failure otherwise).</li>
 * </ul>
 *
 * <h2>What is not contained</h2>
 * <ul>
 *   <li>On PostgreSQL, {@code t.f} calls a function {@code f} taking {@code t}'s row type when
 *       {@code t} has no column {@code f}; the checks cannot tell such a user-defined function from
 *       a column. One that writes is stopped by the read-only transaction; revoke {@code EXECUTE}
 *       from {@code PUBLIC} on functions the runner's role has no business calling. Casts to a
 *       user-defined type can run its cast function or domain constraints the same way.</li>
 *   <li>An unqualified call of an allowed name resolves through {@code search_path}: a user-defined
 *       function of the same name with other argument types can be a better match than the
 *       built-in. The runner's role should not see schemas holding such functions.</li>
 *   <li>Bounds are per value and per query, not per row: many rows of values near
 *       {@code max-cell-chars} still cost memory where the database keeps them (sorting, grouping,
 *       {@code DISTINCT}). On H2 that memory is the application's heap, and H2 keeps groups in
 *       memory: do not point run-query at an H2 database holding large tables. A pathological
 *       {@code LIKE} pattern costs H2 CPU that no cancel interrupts (see the deadline below).</li>
 *   <li>The checks bound what a query builds, not what it reads: a stored PostgreSQL value can be
 *       up to 1 GB. Bound what reaches the application in the driver (below).</li>
 *   <li>The driver materialises each row it fetches in full before a cell can be cut: a single
 *       huge value (PostgreSQL text up to 1 GB) is held in memory once. Bound it in the driver
 *       ({@code maxResultBuffer} for pgjdbc) on the runner's data source.</li>
 *   <li>Redaction works on names. Values reach results under other names through catalog views
 *       ({@code pg_stats.most_common_vals}), functions that read tables by name, or functions over
 *       whole rows the checks do not recognise; for a hard guarantee, do not grant the runner's role
 *       SELECT on those columns.</li>
 *   <li>Table allow-listing covers tables named in the query, not data a function reads by itself.
 *       Names are compared ignoring case, so {@code "Users"} and {@code users} are one entry.</li>
 *   <li>Connections from pools other than HikariCP are restored (auto-commit, read-only) and closed,
 *       not evicted; session state a query could change despite the checks would survive. Neither
 *       is their state known, so no pool reserve is kept there.</li>
 *   <li>Code that ignores both cancel and interrupt (in H2, whose database runs in the
 *       application's own JVM: a Java function a view calls, which the allow-list cannot see, or a
 *       pathological {@code LIKE}) keeps its thread after the deadline until it returns; its caller
 *       has its answer and its connection is out of the pool, but its place stays taken (503
 *       {@code BUSY} once all places are).</li>
 *   <li>Checking the query and inspecting the role (once, before the first query) run on the
 *       caller's thread, before the deadline starts.</li>
 * </ul>
 */
package dev.vigil.jdbc.query;
