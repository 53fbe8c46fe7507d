package dev.vigil.jdbc.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/** What differs between the databases the store supports. */
enum Dialect {
    H2("h2") {
        @Override
        String plusMicros(String timestamp) {
            return "DATEADD(MICROSECOND, ?, " + timestamp + ")";
        }

        @Override
        String insertIgnoringDuplicate(String table, String columns, String values) {
            // A duplicate fails with 23505, which the caller ignores; H2 keeps the transaction going.
            return "INSERT INTO " + table + " (" + columns + ") VALUES (" + values + ")";
        }

        @Override
        String upsert(String table, String key, String columns) {
            return "MERGE INTO " + table + " (" + columns + ") KEY (" + key + ") VALUES ("
                    + Sql.marks(columns.split(",").length) + ")";
        }

        @Override
        String limit() {
            return "FETCH FIRST ? ROWS ONLY";
        }
    },
    POSTGRESQL("postgresql") {
        @Override
        String plusMicros(String timestamp) {
            return "(" + timestamp + " + ? * INTERVAL '1 microsecond')";
        }

        @Override
        String insertIgnoringDuplicate(String table, String columns, String values) {
            return "INSERT INTO " + table + " (" + columns + ") VALUES (" + values + ") ON CONFLICT DO NOTHING";
        }

        @Override
        String upsert(String table, String key, String columns) {
            StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (").append(columns)
                    .append(") VALUES (").append(Sql.marks(columns.split(",").length)).append(") ON CONFLICT (")
                    .append(key).append(") DO UPDATE SET ");
            boolean first = true;
            for (String column : columns.split(",")) {
                String name = column.strip();
                if (!name.equals(key)) {
                    sql.append(first ? "" : ", ").append(name).append(" = EXCLUDED.").append(name);
                    first = false;
                }
            }
            return sql.toString();
        }

        @Override
        String limit() {
            return "LIMIT ?";
        }
    };

    /** SQLState of a unique or primary key violation, the same on both databases. */
    static final String UNIQUE_VIOLATION = "23505";

    private final String folder;

    Dialect(String folder) {
        this.folder = folder;
    }

    /** The folder of this database's schema scripts. */
    String folder() {
        return folder;
    }

    /** An expression: {@code timestamp} plus the next parameter, a number of microseconds. */
    abstract String plusMicros(String timestamp);

    /**
     * An insert of one row that does nothing when a row with the same {@code key} exists, or (H2) fails with
     * {@link #UNIQUE_VIOLATION} and leaves the transaction usable.
     */
    abstract String insertIgnoringDuplicate(String table, String columns, String values);

    /** An insert of one row that replaces the row with the same {@code key}. */
    abstract String upsert(String table, String key, String columns);

    /** The end of a select returning at most the next parameter's number of rows. */
    abstract String limit();

    /** The dialect of the database behind {@code connection}. */
    static Dialect of(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String product = meta.getDatabaseProductName();
        String name = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (name.equals("h2")) {
            if (meta.getDatabaseMajorVersion() < 2) {
                throw new IllegalArgumentException("Vigil's JDBC store needs H2 2.x, the database is H2 "
                        + meta.getDatabaseProductVersion());
            }
            return H2;
        }
        if (name.equals("postgresql")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("Vigil's JDBC store supports H2 2.x and PostgreSQL, the database is "
                + product + " " + meta.getDatabaseProductVersion());
    }

    /** Whether the database behind {@code connection} is embedded: H2 in memory or in a file, not over TCP. */
    boolean embedded(Connection connection) throws SQLException {
        return this == H2 && embeddedH2(connection.getMetaData().getURL());
    }

    /** Whether {@code url} opens H2 in this process (in memory or a file) rather than on a server. */
    static boolean embeddedH2(String url) {
        String lower = url == null ? "" : url.toLowerCase(Locale.ROOT);
        return lower.startsWith("jdbc:h2:") && !lower.startsWith("jdbc:h2:tcp:") && !lower.startsWith("jdbc:h2:ssl:");
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
