package dev.vigil.jdbc.query;

import java.util.List;
import java.util.Objects;

/**
 * What {@link ReadOnlyQueryRunner#inspect()} found out about the role its connections log in as,
 * and whether the runner is enabled because of it.
 *
 * <p>A runner with findings is disabled unless its data source was declared the application's
 * own ({@link ReadOnlyQueryRunner.Builder#applicationDataSource(boolean)}), in which case the
 * findings are logged and every other defence still applies.
 *
 * @param enabled  whether the runner accepts queries
 * @param database the database product ({@code PostgreSQL}, {@code H2}...), or {@code "unknown"}
 * @param user     the role connections log in as, or {@code "unknown"}
 * @param findings what makes the role more than read-only, one entry per finding (empty when none)
 * @param message  one sentence a person can act on
 */
public record RoleInspection(boolean enabled, String database, String user, List<String> findings, String message) {

    /** Copies {@code findings}. */
    public RoleInspection {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        findings = List.copyOf(findings);
        Objects.requireNonNull(message, "message");
    }

    /** True when the role showed no privilege beyond reading. */
    public boolean leastPrivileged() {
        return findings.isEmpty();
    }
}
