package dev.vigil.jdbc.query;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The databases whose SQL the query runner reads exactly: their lexical rules (comments, quoting)
 * and their functions are known, so the text Vigil checks is the text the database runs. Any other
 * database (MySQL, MariaDB, SQL Server, Oracle...) is unsupported for run-query until it has its
 * own entry here: the runner refuses to start on it.
 */
enum SqlDialect {

    /** H2 2.x, in any compatibility mode: the lexer refuses what the modes read differently. */
    H2("H2"),
    /** PostgreSQL 13 and later, with {@code standard_conforming_strings} on (the runner sets it). */
    POSTGRESQL("PostgreSQL");

    private final String productName;

    SqlDialect(String productName) {
        this.productName = productName;
    }

    /** The name JDBC's {@code DatabaseMetaData.getDatabaseProductName()} reports. */
    String productName() {
        return productName;
    }

    /** The dialect of a database product, if it is supported. */
    static Optional<SqlDialect> of(@Nullable String productName) {
        for (SqlDialect dialect : values()) {
            if (dialect.productName.equals(productName)) {
                return Optional.of(dialect);
            }
        }
        return Optional.empty();
    }
}
