package dev.vigil.jdbc.query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Functions a read-only query must not call, by lower-case name without schema: they act outside
 * the query's transaction (locks, signals, files, sequences, settings, other connections) or run SQL
 * given to them as text, which the parser never sees. {@code pg_sleep} is allowed: the statement
 * timeout bounds it.
 */
final class DeniedFunctions {

    private static final String ADVISORY = "takes or releases an advisory lock, which outlives the transaction";
    private static final String SIGNAL = "signals or ends another session";
    private static final String FILES = "reads or writes files on the database server";
    private static final String LARGE_OBJECTS = "reads or writes large objects (and server files)";
    private static final String REMOTE = "opens a connection to another database";
    private static final String DYNAMIC_SQL = "runs SQL given to it as text, out of reach of the query checks";
    private static final String SERVER = "changes the state of the database server";
    private static final String SEQUENCE = "advances or sets a sequence";
    private static final String SETTING = "changes a session setting or variable";

    private static final Map<String, String> EXACT = new LinkedHashMap<>();
    private static final Map<String, String> PREFIXES = new LinkedHashMap<>();

    static {
        for (String name : List.of("pg_terminate_backend", "pg_cancel_backend", "cancel_session", "abort_session")) {
            EXACT.put(name, SIGNAL);
        }
        EXACT.put("pg_notify", "sends a notification to other sessions");
        EXACT.put("set_config", SETTING);
        EXACT.put("set", SETTING);
        for (String name : List.of("nextval", "setval")) {
            EXACT.put(name, SEQUENCE);
        }
        for (String name : List.of("txid_current", "pg_current_xact_id")) {
            EXACT.put(name, "assigns a transaction id, a write");
        }
        EXACT.put("pg_export_snapshot", "exports a snapshot other sessions can import");
        for (String name : List.of("pg_read_file", "pg_read_binary_file", "pg_stat_file", "pg_logdir_ls",
                "file_read", "file_write", "csvread", "csvwrite")) {
            EXACT.put(name, FILES);
        }
        for (String name : List.of("loread", "lowrite")) {
            EXACT.put(name, LARGE_OBJECTS);
        }
        EXACT.put("link_schema", REMOTE);
        for (String name : List.of("ts_stat", "ts_rewrite", "script", "runscript")) {
            EXACT.put(name, DYNAMIC_SQL);
        }
        for (String name : List.of("pg_reload_conf", "pg_rotate_logfile", "pg_switch_wal", "pg_switch_xlog",
                "pg_create_restore_point", "pg_promote", "pg_start_backup", "pg_stop_backup",
                "pg_log_backend_memory_contexts", "pg_import_system_collations", "pg_stat_statements_reset",
                "shutdown")) {
            EXACT.put(name, SERVER);
        }

        PREFIXES.put("pg_advisory", ADVISORY);
        PREFIXES.put("pg_try_advisory", ADVISORY);
        PREFIXES.put("lo_", LARGE_OBJECTS);
        PREFIXES.put("dblink", REMOTE);
        PREFIXES.put("postgres_fdw_", REMOTE);
        PREFIXES.put("pg_ls_", FILES);
        PREFIXES.put("pg_file_", FILES);
        for (String prefix : List.of("query_to_", "table_to_", "cursor_to_", "schema_to_", "database_to_")) {
            PREFIXES.put(prefix, DYNAMIC_SQL);
        }
        for (String prefix : List.of("pg_stat_reset", "pg_replication_", "pg_logical_", "pg_create_", "pg_drop_",
                "pg_copy_", "pg_backup_", "pg_wal_replay_")) {
            PREFIXES.put(prefix, SERVER);
        }
    }

    private DeniedFunctions() {
    }

    /** Why {@code name} (lower case, unqualified, unquoted) may not be called, or null if it may. */
    static @Nullable String why(String name) {
        String exact = EXACT.get(name);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, String> prefix : PREFIXES.entrySet()) {
            if (name.startsWith(prefix.getKey())) {
                return prefix.getValue();
            }
        }
        return null;
    }

    /** The rejection for calling {@code name} (written as {@code name + how}), or null if it may be called. */
    static @Nullable QueryRejectedException check(String name, String how) {
        String why = why(name);
        return why == null ? null : new QueryRejectedException(RejectionReason.DENIED_FUNCTION,
                name + how + " is not allowed: it " + why);
    }
}
