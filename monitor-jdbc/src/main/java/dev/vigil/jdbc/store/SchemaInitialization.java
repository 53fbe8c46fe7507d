package dev.vigil.jdbc.store;

/** When {@link JdbcMonitorStore} creates or upgrades its tables from the SQL scripts it ships. */
public enum SchemaInitialization {
    /** Only for embedded databases (H2 in memory or in a file), as Spring Boot does for its own scripts. */
    EMBEDDED,
    /** For every database; the default choice for a shared PostgreSQL without a migration tool. */
    ALWAYS,
    /** Never: the tables are created by Flyway, Liquibase or a DBA; the store checks their version and logs what is missing. */
    NEVER
}
