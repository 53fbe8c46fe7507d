package dev.vigil.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a {@link Caller} may do in Vigil's admin API. Every operation declares the one role it needs
 * (or none, when it is public); a caller passes when one of its roles {@linkplain #implies implies} it.
 *
 * <ul>
 *   <li>{@link #READ}: read admin data (metrics, system health, alerts, silences, notifications,
 *       actions, switches, audit, statement statistics, the list of operations).</li>
 *   <li>{@link #OPERATOR}: act on the service: trigger actions, acknowledge alerts, create and delete
 *       silences, change runtime switches, run read-only SQL. Implies {@code read}: whoever may act may
 *       see what they act on.</li>
 *   <li>{@link #INGEST}: post error events, nothing else, not even reads: the token a deployment pipeline
 *       or an error reporter holds.</li>
 *   <li>{@link #ADMIN}: everything; implies every other role.</li>
 * </ul>
 */
public enum Role {
    /** Read admin data. */
    READ,
    /** Act on the service; implies {@link #READ}. */
    OPERATOR,
    /** Post error events only. */
    INGEST,
    /** Everything; implies every other role. */
    ADMIN;

    /** Lower-case name as used in JSON and configuration: {@code read}, {@code operator}, {@code ingest}, {@code admin}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a caller with this role may do what {@code required} allows. */
    public boolean implies(Role required) {
        return this == required || this == ADMIN || this == OPERATOR && required == READ;
    }

    /**
     * The role named {@code name}, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException naming the roles there are
     */
    public static Role fromName(String name) {
        String wanted = name.strip().toUpperCase(Locale.ROOT);
        for (Role role : values()) {
            if (role.name().equals(wanted)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + name + "'; roles are "
                + Arrays.stream(values()).map(Role::jsonName).collect(Collectors.joining(", ")));
    }
}
