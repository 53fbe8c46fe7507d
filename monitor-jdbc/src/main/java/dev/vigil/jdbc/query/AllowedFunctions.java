package dev.vigil.jdbc.query;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The functions a run-query query may call, per {@link SqlDialect}: a reviewed allow-list. A call of
 * anything else is rejected ({@link RejectionReason#DENIED_FUNCTION}) wherever it appears, so that
 * user-defined functions (H2 aliases such as {@code CREATE ALIAS SLEEP_MS FOR 'java.lang.Thread.sleep'},
 * PostgreSQL functions in any schema), functions added by a later database version and functions
 * nobody thought of are refused until someone reviews them.
 *
 * <h2>What is on the lists</h2>
 * Functions a monitoring console needs that only read and compute: string, math, date/time, JSON and
 * array functions, conditionals ({@code COALESCE}, {@code NULLIF}, {@code GREATEST}, {@code LEAST}),
 * type and format helpers, aggregates and window functions that return one bounded value, and on
 * PostgreSQL the catalog functions an administrator uses ({@code current_database}, {@code version},
 * {@code pg_size_pretty}, {@code pg_relation_size}, {@code pg_database_size}, {@code pg_blocking_pids},
 * {@code pg_get_viewdef}, {@code has_table_privilege}...), on H2 their counterparts ({@code H2VERSION},
 * {@code DATABASE}, {@code DISK_SPACE_USED}).
 *
 * <h2>What is not, and why</h2>
 * <ul>
 *   <li>anything with an effect outside the query: sequences ({@code nextval}, {@code setval},
 *       {@code currval}, {@code lastval}; H2's {@code NEXTVAL}, {@code CURRVAL}), advisory locks,
 *       {@code set_config} and H2's {@code SET}, notifications, signals and session control
 *       ({@code pg_cancel_backend}, {@code pg_terminate_backend}, {@code CANCEL_SESSION},
 *       {@code ABORT_SESSION}), server administration ({@code pg_reload_conf}, {@code pg_switch_wal},
 *       statistics resets...), transaction ids and snapshots ({@code txid_current},
 *       {@code pg_export_snapshot});</li>
 *   <li>files, large objects and other databases: {@code pg_read_file}, {@code pg_ls_*},
 *       {@code lo_*}, {@code dblink*}; H2's {@code FILE_READ}, {@code FILE_WRITE}, {@code CSVREAD},
 *       {@code CSVWRITE}, {@code LINK_SCHEMA}, {@code TABLE}, {@code DATABASE_PATH};</li>
 *   <li>SQL run from text, out of reach of these checks: {@code query_to_xml} and the other
 *       {@code *_to_xml} functions, {@code ts_stat}, {@code ts_rewrite};</li>
 *   <li>sleeps ({@code pg_sleep}, {@code pg_sleep_for}, {@code pg_sleep_until}): the statement timeout
 *       would bound them, but a monitoring console has no reason to wait;</li>
 *   <li>on H2, which runs inside the application's JVM, whatever costs the host memory or CPU that
 *       the query timeout cannot interrupt: {@code MEMORY_USED}, {@code MEMORY_FREE}, {@code HASH}
 *       (its iteration count), {@code COMPRESS}/{@code EXPAND}, {@code ENCRYPT}/{@code DECRYPT},
 *       {@code SECURE_RAND}, and the {@code REGEXP_*} functions (Java's regular expressions
 *       backtrack without a bound and cannot be cancelled); also {@code DB_OBJECT_SQL}, which prints
 *       DDL including users' password hashes;</li>
 *   <li>aggregates that build one value out of every row they read ({@link #buildsOneValueFromRows}):
 *       {@code string_agg}, {@code array_agg}, {@code ARRAY(subquery)}, {@code json_agg},
 *       {@code jsonb_agg}, {@code json_object_agg}, {@code JSON_ARRAYAGG}, {@code JSON_OBJECTAGG},
 *       {@code LISTAGG}, {@code GROUP_CONCAT}, {@code xmlagg}, {@code HISTOGRAM}, {@code range_agg}.
 *       No argument bounds their size. On H2 they grow in the application's heap. On PostgreSQL
 *       they grow in the server (up to its 1 GB limit per value) and the JDBC driver then holds the
 *       whole value in the application's heap before a cell can be cut. Run-query returns rows, so
 *       list them instead: {@code maxRows} bounds that. These are rejected as
 *       {@link RejectionReason#VALUE_AMPLIFIER};</li>
 *   <li>functions that escape or pad a value by a factor nobody needs at a console:
 *       {@code format}, {@code quote_*}, {@code encode}, {@code jsonb_pretty} (indentation grows with
 *       the square of the nesting), {@code normalize}, {@code array_fill}, XML functions, text search.</li>
 * </ul>
 *
 * <h2>How results may grow ({@link Size})</h2>
 * Each entry says how big its result can get, and {@link ParsedQueryCheck} holds the query to it
 * before anything runs:
 * <ul>
 *   <li>{@link Size#FLAT}: bounded by its arguments or a constant ({@code upper}, {@code substring},
 *       {@code count}, {@code now});</li>
 *   <li>{@link Size#COMBINES}: joins several arguments into one value, as {@code ||} does
 *       ({@code concat}, {@code concat_ws}, {@code overlay}, {@code jsonb_set}); a query can only make
 *       that as big as the text it writes, unless it feeds the result into another level of the query
 *       (see {@link ParsedQueryCheck});</li>
 *   <li>{@link Size#GROWS}: can make its result a multiple of its input: JSON builders escape text up
 *       to 6-fold, arrays of text 5-fold, {@code replace} and {@code regexp_replace} by the length of
 *       their literal replacement; nested, the multiples multiply, and their product is capped;</li>
 *   <li>{@link Size#SIZED}: its result's length is an argument ({@code repeat}, {@code lpad},
 *       {@code rpad}, H2's {@code SPACE}): allowed only with a numeric literal, within
 *       {@link QueryRunnerSettings#maxCellChars()} for the whole query;</li>
 *   <li>{@link Size#SERIES}: makes rows counted by its arguments ({@code generate_series}, H2's
 *       {@code SYSTEM_RANGE}): allowed only with numeric literal bounds, within
 *       {@link QueryRunnerSettings#maxSeriesRows()} for the product of all of them.</li>
 * </ul>
 *
 * <p>Names are compared as the database resolves them: unquoted names in any case, quoted ones only
 * in the case the database folds to (lower case on PostgreSQL, upper case on H2; {@code "LENGTH"} on
 * PostgreSQL names some other, user-defined function). A schema may qualify a name only if it is the
 * dialect's system schema ({@code pg_catalog} on PostgreSQL; H2 has none for its built-ins): any
 * other schema could hold a user-defined function of the same name.
 */
final class AllowedFunctions {

    /** What a function is for; the lists are grouped by it. */
    enum Group {
        STRING, MATH, DATE_TIME, JSON, ARRAY, CONDITIONAL, TYPE, AGGREGATE, WINDOW, CATALOG, SERIES
    }

    /** How big a function's result can get, relative to its arguments. */
    enum Size {
        /** Bounded by its arguments or by a constant. */
        FLAT,
        /** Joins several arguments into one value. */
        COMBINES,
        /** Can make its result a multiple of its input (the factor is on the entry, or 0 when it depends on literal arguments). */
        GROWS,
        /** Its result's length is a numeric argument. */
        SIZED,
        /** Makes rows counted by its numeric arguments. */
        SERIES
    }

    /**
     * One allowed function.
     *
     * @param name   lower case, without schema
     * @param group  what it is for
     * @param size   how big its result can get
     * @param factor for {@link Size#GROWS}: how many times its input it can make its result, or 0 when
     *               that depends on literal arguments ({@code replace}, {@code regexp_replace},
     *               {@code array_to_string})
     */
    record Allowed(String name, Group group, Size size, int factor) {
    }

    private static final Map<SqlDialect, Map<String, Allowed>> LISTS = new EnumMap<>(SqlDialect.class);

    static {
        LISTS.put(SqlDialect.H2, new Lists()
                .add(Group.STRING, Size.FLAT, """
                        ascii bit_length btrim char char_length character_length chr difference instr lcase left
                        length locate lower ltrim octet_length position right rtrim soundex substr substring
                        translate trim ucase upper utf8tostring""")
                .add(Group.STRING, Size.COMBINES, "concat concat_ws insert")
                .grows(Group.STRING, 0, "replace")
                .grows(Group.STRING, 3, "stringtoutf8")
                .add(Group.STRING, Size.SIZED, "lpad repeat rpad space")
                .add(Group.MATH, Size.FLAT, """
                        abs acos asin atan atan2 bitand bitcount bitget bitnot bitor bitxor ceil ceiling cos cosh
                        cot degrees exp floor ln log log10 lshift mod pi power radians rand random random_uuid round
                        roundmagic rshift sign sin sinh sqrt tan tanh trunc truncate uuid""")
                .add(Group.DATE_TIME, Size.FLAT, """
                        current_date current_time current_timestamp date_trunc dateadd datediff day day_of_month
                        day_of_week day_of_year dayname dayofmonth dayofweek dayofyear extract formatdatetime hour
                        iso_day_of_week iso_week iso_year last_day localtime localtimestamp minute month monthname
                        now parsedatetime quarter second timestampadd timestampdiff week year""")
                .grows(Group.JSON, 6, "json_array json_object")
                .add(Group.ARRAY, Size.FLAT, "array_contains array_length array_max_cardinality array_slice cardinality"
                        + " trim_array unnest")
                .add(Group.CONDITIONAL, Size.FLAT, "casewhen coalesce decode greatest ifnull least nullif nvl nvl2")
                .add(Group.TYPE, Size.FLAT, "to_char")
                .add(Group.AGGREGATE, Size.FLAT, """
                        any_value avg bit_and_agg bit_or_agg bool_and bool_or corr count covar_pop covar_samp every
                        max median min mode percentile_cont percentile_disc stddev stddev_pop stddev_samp sum var_pop
                        var_samp variance""")
                .add(Group.WINDOW, Size.FLAT, """
                        cume_dist dense_rank first_value lag last_value lead nth_value ntile percent_rank rank
                        ratio_to_report row_number""")
                .add(Group.CATALOG, Size.FLAT, "current_catalog current_schema current_user database disk_space_used"
                        + " h2version user")
                .add(Group.SERIES, Size.SERIES, "generate_series system_range")
                .build());
        LISTS.put(SqlDialect.POSTGRESQL, new Lists()
                .add(Group.STRING, Size.FLAT, """
                        ascii bit_length btrim char_length character_length chr initcap left length lower ltrim md5
                        octet_length position regexp_count regexp_instr regexp_like regexp_split_to_table regexp_substr
                        reverse right rtrim split_part starts_with string_to_table strpos substr substring to_hex
                        translate trim upper""")
                .add(Group.STRING, Size.COMBINES, "concat concat_ws overlay")
                .grows(Group.STRING, 0, "replace regexp_replace")
                .grows(Group.STRING, 5, "regexp_match regexp_matches regexp_split_to_array")
                .add(Group.STRING, Size.SIZED, "lpad repeat rpad")
                .add(Group.MATH, Size.FLAT, """
                        abs acos asin atan atan2 cbrt ceil ceiling cos cosh cot degrees div exp floor gcd lcm ln log
                        log10 min_scale mod pi power radians random round scale sign sin sinh sqrt tan tanh trim_scale
                        trunc width_bucket""")
                .add(Group.DATE_TIME, Size.FLAT, """
                        age clock_timestamp current_date current_time current_timestamp date_bin date_part date_trunc
                        extract isfinite justify_days justify_hours justify_interval localtime localtimestamp
                        make_date make_interval make_time make_timestamp make_timestamptz now statement_timestamp
                        timezone to_date to_timestamp transaction_timestamp""")
                .add(Group.JSON, Size.FLAT, """
                        json_array_elements json_array_elements_text json_array_length json_each json_each_text
                        json_extract_path json_extract_path_text json_object_keys json_strip_nulls json_typeof
                        jsonb_array_elements jsonb_array_elements_text jsonb_array_length jsonb_each jsonb_each_text
                        jsonb_extract_path jsonb_extract_path_text jsonb_object_keys jsonb_path_exists
                        jsonb_path_match jsonb_path_query jsonb_path_query_first jsonb_strip_nulls jsonb_typeof""")
                .add(Group.JSON, Size.COMBINES, "jsonb_insert jsonb_set")
                .grows(Group.JSON, 6, """
                        array_to_json json_array json_build_array json_build_object json_object jsonb_build_array
                        jsonb_build_object row_to_json to_json to_jsonb""")
                .add(Group.ARRAY, Size.FLAT, "array_dims array_length array_lower array_ndims array_position"
                        + " array_positions array_upper cardinality unnest")
                .grows(Group.ARRAY, 0, "array_to_string")
                .grows(Group.ARRAY, 5, "string_to_array")
                .add(Group.CONDITIONAL, Size.FLAT, "coalesce greatest least nullif num_nonnulls num_nulls")
                .add(Group.TYPE, Size.FLAT, "date format_type pg_typeof to_char to_number to_regclass to_regnamespace"
                        + " to_regrole to_regtype")
                .add(Group.AGGREGATE, Size.FLAT, """
                        any_value avg bit_and bit_or bool_and bool_or corr count covar_pop covar_samp every max min
                        mode percentile_cont percentile_disc regr_avgx regr_avgy regr_count regr_intercept regr_r2
                        regr_slope stddev stddev_pop stddev_samp sum var_pop var_samp variance""")
                .add(Group.WINDOW, Size.FLAT, """
                        cume_dist dense_rank first_value lag last_value lead nth_value ntile percent_rank rank
                        row_number""")
                .add(Group.CATALOG, Size.FLAT, """
                        col_description current_database current_schema current_schemas current_setting
                        has_column_privilege has_database_privilege has_function_privilege has_schema_privilege
                        has_sequence_privilege has_table_privilege mxid_age obj_description pg_backend_pid
                        pg_blocking_pids pg_column_size pg_conf_load_time pg_current_wal_lsn pg_database_size
                        pg_encoding_to_char pg_get_constraintdef pg_get_expr pg_get_functiondef pg_get_indexdef
                        pg_get_serial_sequence pg_get_triggerdef pg_get_userbyid pg_get_viewdef pg_has_role
                        pg_indexes_size pg_is_in_recovery pg_last_wal_receive_lsn pg_last_wal_replay_lsn
                        pg_last_xact_replay_timestamp pg_postmaster_start_time pg_relation_size pg_size_bytes
                        pg_size_pretty pg_table_is_visible pg_table_size pg_tablespace_size pg_total_relation_size
                        pg_wal_lsn_diff shobj_description version""")
                .add(Group.SERIES, Size.SERIES, "generate_series")
                .build());
    }

    /**
     * Aggregates that build one value out of every row they read; refused on every dialect (see the
     * class documentation), with {@link RejectionReason#VALUE_AMPLIFIER}. {@code array} is
     * {@code ARRAY(subquery)}.
     */
    private static final Set<String> ROW_BUILDERS = words("""
            array array_agg group_concat histogram json_agg json_agg_strict json_arrayagg json_object_agg
            json_object_agg_strict json_object_agg_unique json_object_agg_unique_strict json_objectagg jsonb_agg
            jsonb_agg_strict jsonb_object_agg jsonb_object_agg_strict jsonb_object_agg_unique
            jsonb_object_agg_unique_strict listagg range_agg range_intersect_agg string_agg xmlagg""");

    /**
     * SQL syntax that JSqlParser represents as a function call: row constructors, {@code = ANY (...)},
     * {@code GROUP BY ROLLUP (...)}, {@code GROUPING (...)}. ({@code ARRAY(subquery)} is one too, and
     * refused as a row builder.)
     */
    private static final Set<String> SYNTAX = words("all any cube grouping rollup row some");

    /**
     * Words other than functions that SQL writes directly before a parenthesis: the lexer lists every
     * name before {@code (}, and each must be an allowed function, one of these, or a relation the
     * parse tree shows with a column list ({@code WITH t(a, b) AS}, {@code FROM users u(a, b)}).
     * Reviewed: none is the name of a function either database would call (H2's {@code TABLE(...)},
     * {@code SET(...)} and {@code VALUE} are deliberately absent or harmless).
     */
    private static final Set<String> KEYWORDS = words("""
            all and any array as between binary bit both bpchar by case cast char character cube dec decimal
            distinct else escape except exists explain filter first float for from group grouping having ilike in
            intersect interval join key lateral leading like limit materialized minus nchar next not numeric
            offset on only or over overlaps placing rollup row select sets similar some then time timestamp
            timestamptz timetz to trailing union using value values varbinary varbit varchar varying when where
            zone""");

    /**
     * PostgreSQL reads {@code t.f} (and {@code (t).f}) as the call {@code f(t)} when the relation
     * {@code t} has no column {@code f} ("attribute notation"). These built-ins accept a whole row, so
     * {@code SELECT u.row_to_json FROM users u} would hand every column, redacted ones included, to
     * them: a qualified column of one of these names is refused, on every dialect (nobody names a
     * column {@code row_to_json}, and one rule is easier to trust than two). Taken from {@code pg_proc}
     * (PostgreSQL 18): one required argument of type {@code record}, {@code anyelement},
     * {@code anynonarray}, {@code anycompatible}, {@code anycompatiblenonarray}, {@code "any"}, or
     * variadic. Functions with side effects ({@code nextval}, {@code pg_advisory_lock}...) take no
     * row, so {@code users.nextval} is a column reference, which fails when there is no such column.
     */
    private static final Set<String> WHOLE_ROW_FUNCTIONS = words("""
            any_out anycompatible_out anycompatiblenonarray_out anyelement_out anynonarray_out concat
            datemultirange hash_record hash_record_extended int4multirange int8multirange json_build_array
            json_build_object jsonb_build_array jsonb_build_object num_nonnulls num_nulls nummultirange
            pg_collation_for pg_column_compression pg_column_size pg_column_toast_chunk_id pg_get_publication_tables
            pg_restore_attribute_stats pg_restore_relation_stats pg_typeof quote_literal quote_nullable record_out
            record_send row_to_json to_json to_jsonb tsmultirange tstzmultirange""");

    private AllowedFunctions() {
    }

    /** The allowed function of that (lower-case, unqualified) name on {@code dialect}, if it is one. */
    static Optional<Allowed> find(SqlDialect dialect, String name) {
        return Optional.ofNullable(LISTS.get(dialect).get(name));
    }

    /** Every allowed function on {@code dialect}, by name. */
    static Map<String, Allowed> all(SqlDialect dialect) {
        return LISTS.get(dialect);
    }

    /** The schema that may qualify a built-in function's name on {@code dialect}, if there is one. */
    static Optional<String> systemSchema(SqlDialect dialect) {
        return dialect == SqlDialect.POSTGRESQL ? Optional.of("pg_catalog") : Optional.empty();
    }

    /** Whether {@code name} is SQL syntax that the parser shows as a call ({@code ROW(...)}, {@code ANY(...)}...). */
    static boolean isSyntax(String name) {
        return SYNTAX.contains(name);
    }

    /** Whether {@code name} is a word SQL writes before a parenthesis that is not a function call. */
    static boolean isKeywordBeforeParenthesis(String name) {
        return KEYWORDS.contains(name);
    }

    /** Whether {@code name} builds one value out of every row it aggregates ({@code string_agg}, {@code json_agg}...). */
    static boolean buildsOneValueFromRows(String name) {
        return ROW_BUILDERS.contains(name);
    }

    /** Whether {@code t.name} can be (on PostgreSQL) a call of {@code name} over the whole row {@code t}. */
    static boolean isWholeRowFunction(String name) {
        return WHOLE_ROW_FUNCTIONS.contains(name);
    }

    /**
     * The built-in name {@code part} (one part of a possibly qualified name, as written) resolves to on
     * {@code dialect}, in lower case; null if it is quoted in a case the database does not fold to, so
     * that it can only name a user-defined object.
     */
    static @Nullable String builtinName(String part, SqlDialect dialect) {
        String s = part.strip();
        if (s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"') {
            String exact = s.substring(1, s.length() - 1).replace("\"\"", "\"");
            String folded = dialect == SqlDialect.H2 ? exact.toUpperCase(Locale.ROOT) : exact.toLowerCase(Locale.ROOT);
            return exact.equals(folded) ? exact.toLowerCase(Locale.ROOT) : null;
        }
        return s.toLowerCase(Locale.ROOT);
    }

    /**
     * The rejection for a call of {@code written} (the name as the message shows it) that resolves to
     * {@code name}, which is not on {@code dialect}'s list; {@code why}, if not null, is added.
     */
    static QueryRejectedException rejection(String written, String name, SqlDialect dialect, @Nullable String why) {
        if (buildsOneValueFromRows(name)) {
            return new QueryRejectedException(RejectionReason.VALUE_AMPLIFIER, written + "() builds one value out of"
                    + " every row it reads, a size no argument bounds; run-query does not allow it on "
                    + dialect.productName() + " (select the rows instead: the row limit bounds them)");
        }
        return new QueryRejectedException(RejectionReason.DENIED_FUNCTION, written + "() is not on the list of functions"
                + " run-query allows on " + dialect.productName() + (why == null ? "" : ": " + why));
    }

    /** The rejection for a call of {@code name}, which is not on {@code dialect}'s list. */
    static QueryRejectedException rejection(String name, SqlDialect dialect) {
        return rejection(name, name, dialect, null);
    }

    private static Set<String> words(String text) {
        return Collections.unmodifiableSet(new TreeSet<>(Arrays.asList(text.strip().split("\\s+"))));
    }

    /** Collects one dialect's list, refusing a name listed twice. */
    private static final class Lists {
        private final Map<String, Allowed> entries = new LinkedHashMap<>();

        Lists add(Group group, Size size, String names) {
            return put(group, size, 0, names);
        }

        Lists grows(Group group, int factor, String names) {
            return put(group, Size.GROWS, factor, names);
        }

        private Lists put(Group group, Size size, int factor, String names) {
            for (String name : words(names)) {
                if (entries.put(name, new Allowed(name, group, size, factor)) != null) {
                    throw new IllegalStateException(name + " is listed twice");
                }
            }
            return this;
        }

        Map<String, Allowed> build() {
            return Collections.unmodifiableMap(entries);
        }
    }
}
