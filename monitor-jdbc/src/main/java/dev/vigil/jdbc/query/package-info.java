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
 *       ({@code TOO_DEEPLY_NESTED}). Text after a {@code ;} is {@code MULTIPLE_STATEMENTS}. Any name
 *       written directly before {@code (} that is on the deny list is {@code DENIED_FUNCTION}.
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
 *       {@code SELECT_INTO}; a deny-listed function (compared in lower case without quotes or schema,
 *       as a call, a table function, or a column in attribute notation), {@code NEXT VALUE FOR} and
 *       variable assignment are {@code DENIED_FUNCTION}.</li>
 *   <li>With {@code monitor.query.allowed-tables}, every table referred to must be listed
 *       ({@code TABLE_NOT_ALLOWED}); a {@code WITH} name counts as a table only outside its scope.</li>
 *   <li>With redaction on (the default patterns), a redacted column may only be selected as it is
 *       in the outermost select list; using it in an expression, condition, ordering, subquery or
 *       under a non-redacted alias, renaming columns of a {@code *} (alias column lists, later
 *       {@code UNION} branches), {@code t.*} outside a select list and whole-row references
 *       ({@code SELECT u FROM users u}) are {@code REDACTED_COLUMN_USE}.</li>
 * </ol>
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
 * <h2>Deny-listed functions</h2>
 * Side effects outside the transaction or SQL run from text: {@code pg_terminate_backend},
 * {@code pg_cancel_backend}, {@code pg_advisory*}, {@code pg_try_advisory*}, {@code pg_notify},
 * {@code set_config}, {@code lo_*}, {@code loread}, {@code lowrite}, {@code dblink*},
 * {@code postgres_fdw_*}, {@code pg_read_file}, {@code pg_read_binary_file}, {@code pg_ls_*},
 * {@code pg_stat_file}, {@code pg_file_*}, {@code pg_logdir_ls}, {@code pg_reload_conf},
 * {@code pg_rotate_logfile}, {@code pg_switch_wal}, {@code pg_switch_xlog},
 * {@code pg_create_*} (restore points, replication slots), {@code pg_drop_*}, {@code pg_copy_*},
 * {@code pg_replication_*}, {@code pg_logical_*}, {@code pg_promote}, {@code pg_backup_*},
 * {@code pg_start_backup}, {@code pg_stop_backup}, {@code pg_wal_replay_*},
 * {@code pg_stat_reset*}, {@code pg_stat_statements_reset}, {@code pg_log_backend_memory_contexts},
 * {@code pg_import_system_collations}, {@code nextval}, {@code setval}, {@code txid_current},
 * {@code pg_current_xact_id}, {@code pg_export_snapshot}, {@code query_to_*}, {@code table_to_*},
 * {@code cursor_to_*}, {@code schema_to_*}, {@code database_to_*}, {@code ts_stat},
 * {@code ts_rewrite}; H2's {@code FILE_READ}, {@code FILE_WRITE}, {@code CSVREAD},
 * {@code CSVWRITE}, {@code LINK_SCHEMA}, {@code CANCEL_SESSION}, {@code ABORT_SESSION},
 * {@code SET}, {@code SCRIPT}, {@code RUNSCRIPT}, {@code SHUTDOWN}. {@code pg_sleep} is allowed:
 * the statement timeout ends it.
 *
 * <h2>What is not contained</h2>
 * <ul>
 *   <li>User-defined functions are not known: one that writes, or runs dynamic SQL, is stopped only
 *       by the read-only transaction (PostgreSQL) and the role's privileges. On H2, which has no
 *       read-only transactions, only by the role.</li>
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
 *   <li>Code that ignores both cancel and interrupt (a Java function in H2, whose database runs in
 *       the application's own JVM) keeps its thread after the deadline until it returns; its caller
 *       has its answer and its connection is out of the pool, but its place stays taken (503
 *       {@code BUSY} once all places are).</li>
 *   <li>Checking the query and inspecting the role (once, before the first query) run on the
 *       caller's thread, before the deadline starts.</li>
 * </ul>
 */
package dev.vigil.jdbc.query;
