package dev.vigil.jdbc.query;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Finds what makes a connection's role more than read-only.
 *
 * <p>PostgreSQL, in this order (a superuser is reported as such and nothing else):
 * <ol>
 *   <li>{@code rolsuper} of {@code current_user} in {@code pg_roles};</li>
 *   <li>membership ({@code pg_has_role(..., 'MEMBER')}) in {@code pg_write_all_data},
 *       {@code pg_signal_backend}, {@code pg_read_server_files}, {@code pg_write_server_files} or
 *       {@code pg_execute_server_program};</li>
 *   <li>tables, partitioned tables, views and foreign tables outside {@code pg_catalog},
 *       {@code information_schema} and the {@code pg_toast} / {@code pg_temp} schemas on which
 *       {@code has_table_privilege(oid, 'INSERT, UPDATE, DELETE, TRUNCATE')} or
 *       {@code has_any_column_privilege(oid, 'INSERT, UPDATE')} holds (ownership included);</li>
 *   <li>sequences there with {@code USAGE} or {@code UPDATE} ({@code nextval}, {@code setval});</li>
 *   <li>{@code CREATE} on the current database;</li>
 *   <li>{@code CREATE} on any schema but {@code pg_*} and {@code information_schema} (before
 *       PostgreSQL 15 every role had it on {@code public} until revoked).</li>
 * </ol>
 * {@code TEMPORARY} on the database is not a finding: PostgreSQL grants it to everyone, and a
 * single read-only query cannot create a table.
 *
 * <p>H2: {@code IS_ADMIN} of the current user in {@code INFORMATION_SCHEMA.USERS}. A non-admin
 * cannot see {@code INFORMATION_SCHEMA.RIGHTS}, so H2 table grants are not checked.
 *
 * <p>Any other database is not a {@link SqlDialect} the runner reads exactly: it is disabled there,
 * whether or not the data source is the application's own.
 */
final class RoleInspector {

    private static final int LISTED = 10;

    private RoleInspector() {
    }

    /** The role's findings; a SQLException means the inspection could not be completed. */
    static RoleInspection inspect(Connection connection, boolean applicationDataSource) throws SQLException {
        String database = connection.getMetaData().getDatabaseProductName();
        if (SqlDialect.of(database).isEmpty()) {
            String product = database == null ? "unknown" : database;
            String user = connection.getMetaData().getUserName();
            return new RoleInspection(false, product, user == null ? "unknown" : user,
                    List.of("is on " + product + ", which run-query does not support"),
                    "the query runner is disabled: it reads the SQL of H2 and PostgreSQL only, and " + product
                            + " lexes comments, quotes and functions its own way");
        }
        List<String> findings = new ArrayList<>();
        String user;
        try (Statement statement = connection.createStatement()) {
            if (SqlDialect.POSTGRESQL.productName().equals(database)) {
                user = string(statement, "SELECT current_user");
                postgres(statement, findings);
            } else {
                user = string(statement, "SELECT CURRENT_USER");
                String admin = string(statement, "SELECT IS_ADMIN FROM INFORMATION_SCHEMA.USERS WHERE USER_NAME = CURRENT_USER");
                if (admin == null) {
                    throw new SQLException("user " + user + " is not listed in INFORMATION_SCHEMA.USERS");
                }
                if (Boolean.parseBoolean(admin)) {
                    findings.add("is an H2 admin (admins can read and write files, run scripts and shut the database down)");
                }
            }
        }
        return result(database == null ? "unknown" : database, user == null ? "unknown" : user, findings,
                applicationDataSource);
    }

    private static void postgres(Statement statement, List<String> findings) throws SQLException {
        if ("t".equals(string(statement, "SELECT CASE WHEN rolsuper THEN 't' ELSE 'f' END FROM pg_roles"
                + " WHERE rolname = current_user"))) {
            findings.add("is a superuser");
            return;
        }
        List<String> roles = strings(statement, "SELECT rolname FROM pg_roles WHERE rolname IN ('pg_write_all_data',"
                + " 'pg_signal_backend', 'pg_read_server_files', 'pg_write_server_files', 'pg_execute_server_program')"
                + " AND pg_has_role(current_user, oid, 'MEMBER') ORDER BY rolname");
        if (!roles.isEmpty()) {
            findings.add("is a member of " + String.join(", ", roles));
        }
        String outsideSystem = " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'"
                + " AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND ";
        List<String> tables = strings(statement, "SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname)"
                + outsideSystem + "c.relkind IN ('r', 'p', 'v', 'f')"
                + " AND (has_table_privilege(c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE')"
                + " OR has_any_column_privilege(c.oid, 'INSERT, UPDATE')) ORDER BY 1 LIMIT " + (LISTED + 1));
        if (!tables.isEmpty()) {
            findings.add("can INSERT, UPDATE, DELETE or TRUNCATE " + list(tables));
        }
        List<String> sequences = strings(statement, "SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname)"
                + outsideSystem + "CASE WHEN c.relkind = 'S' THEN has_sequence_privilege(c.oid, 'USAGE, UPDATE') ELSE false END"
                + " ORDER BY 1 LIMIT " + (LISTED + 1));
        if (!sequences.isEmpty()) {
            findings.add("can advance or set the sequences " + list(sequences));
        }
        if ("t".equals(string(statement, "SELECT CASE WHEN has_database_privilege(current_database(), 'CREATE')"
                + " THEN 't' ELSE 'f' END"))) {
            findings.add("has CREATE on the database");
        }
        List<String> schemas = strings(statement, "SELECT quote_ident(nspname) FROM pg_namespace"
                + " WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'"
                + " AND has_schema_privilege(oid, 'CREATE') ORDER BY 1 LIMIT " + (LISTED + 1));
        if (!schemas.isEmpty()) {
            findings.add("has CREATE on the schemas " + list(schemas));
        }
    }

    private static RoleInspection result(String database, String user, List<String> findings, boolean applicationDataSource) {
        String role = "role " + user + " on " + database;
        if (findings.isEmpty()) {
            return new RoleInspection(true, database, user, findings, role + " can only read: the query runner is enabled");
        }
        String found = role + " " + String.join("; ", findings);
        if (applicationDataSource) {
            return new RoleInspection(true, database, user, findings, "the query runner is enabled on the application's"
                    + " data source, although " + found + ": only the query checks, the read-only transaction and the"
                    + " timeouts stand between queries and the data");
        }
        return new RoleInspection(false, database, user, findings, "the query runner is disabled: " + found
                + ". Give it a data source of its own that logs in as a role with SELECT privileges only, or declare"
                + " the application's data source explicitly");
    }

    private static String list(List<String> names) {
        return names.size() > LISTED ? String.join(", ", names.subList(0, LISTED)) + " and more"
                : String.join(", ", names);
    }

    private static @Nullable String string(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    private static List<String> strings(Statement statement, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
