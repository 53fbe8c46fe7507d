package dev.vigil.security;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Who sends a request, as an {@link AdminAuthenticator} found out: the audit trail records its
 * {@link #id()}, operations are allowed by its {@link #roles()}, and a critical action's approval must
 * come from another caller. A request nobody authenticated is {@link #anonymous()}: it reaches public
 * operations only.
 *
 * <p>A caller is one identified party ({@link Kind#PERSON}: a person, or a process acting under its own
 * name, such as a named token), a {@link Kind#SHARED_CREDENTIAL} such as the single
 * {@code monitor.admin.token}, which everyone who holds it presents alike (two requests with it may come
 * from one person or from two), or {@link Kind#ANONYMOUS}.
 *
 * @param id who acts, as the audit trail shows it, e.g. {@code alice@example.com} or {@code admin-token}
 * @param displayName how people see the caller, e.g. {@code Alice Example}; the id when there is no better
 * @param kind whether {@code id} names one party, a credential several may share, or nobody
 * @param roles what the caller may do; none for the anonymous caller
 * @param authenticatedBy how the caller authenticated, a short lower-case name such as {@code bearer-token},
 *        {@code host} (the host's own authenticator) or {@code none}
 */
public record Caller(String id, String displayName, Kind kind, Set<Role> roles, String authenticatedBy) {

    /** The longest caller id kept; longer ones are refused. */
    public static final int MAX_ID_LENGTH = 100;
    /** {@link #authenticatedBy()} of a caller found by a host's own authenticator. */
    public static final String BY_HOST = "host";
    /** {@link #authenticatedBy()} of a caller found by a bearer token. */
    public static final String BY_BEARER_TOKEN = "bearer-token";
    /** {@link #authenticatedBy()} of the anonymous caller. */
    public static final String BY_NONE = "none";

    private static final Caller ANONYMOUS = new Caller("anonymous", "anonymous", Kind.ANONYMOUS, Set.of(), BY_NONE);

    /** What a caller's id stands for. */
    public enum Kind {
        /** The id names one party: the same id twice is the same person (or process). */
        PERSON,
        /** The id names a credential that several people may hold, e.g. the one admin token. */
        SHARED_CREDENTIAL,
        /** Nobody authenticated. */
        ANONYMOUS;

        /** Lower-case name as used in JSON: {@code person}, {@code shared_credential}, {@code anonymous}. */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Caller {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(authenticatedBy, "authenticatedBy");
        if (id.isBlank() || id.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("a caller id must be 1.." + MAX_ID_LENGTH + " characters and not blank");
        }
        if (displayName.isBlank() || displayName.length() > 200) {
            throw new IllegalArgumentException("a caller's display name must be 1..200 characters and not blank");
        }
        if (!authenticatedBy.matches("[a-z][a-z0-9-]{0,39}")) {
            throw new IllegalArgumentException("authenticatedBy is a short lower-case name such as bearer-token, was '"
                    + authenticatedBy + "'");
        }
        roles = roles.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(roles));
        if (kind == Kind.ANONYMOUS && !roles.isEmpty()) {
            throw new IllegalArgumentException("the anonymous caller has no roles");
        }
    }

    /** Nobody: the caller of a request that no authenticator recognised. */
    public static Caller anonymous() {
        return ANONYMOUS;
    }

    /**
     * One identified person (or process) with role {@code admin}, found by the host's own authenticator,
     * e.g. {@code request.header("X-Authenticated-User").map(Caller::person)}: what every authenticated
     * caller was before Vigil had roles. Give fewer rights with {@link #withRoles}.
     */
    public static Caller person(String id) {
        return new Caller(id, id, Kind.PERSON, Set.of(Role.ADMIN), BY_HOST);
    }

    /** A credential several people may share, with role {@code admin}, found by the host's own authenticator. */
    public static Caller sharedCredential(String id) {
        return new Caller(id, id, Kind.SHARED_CREDENTIAL, Set.of(Role.ADMIN), BY_HOST);
    }

    /** This caller with exactly {@code roles}. */
    public Caller withRoles(Set<Role> roles) {
        return new Caller(id, displayName, kind, roles, authenticatedBy);
    }

    /** This caller with exactly {@code roles}. */
    public Caller withRoles(Role... roles) {
        return withRoles(Set.of(roles));
    }

    /** This caller shown to people as {@code displayName}. */
    public Caller withDisplayName(String displayName) {
        return new Caller(id, displayName, kind, roles, authenticatedBy);
    }

    /** This caller as found by {@code authenticatedBy}, e.g. {@code spring-security}. */
    public Caller withAuthenticatedBy(String authenticatedBy) {
        return new Caller(id, displayName, kind, roles, authenticatedBy);
    }

    /** Whether nobody authenticated. */
    public boolean isAnonymous() {
        return kind == Kind.ANONYMOUS;
    }

    /** Whether one of the caller's roles implies {@code required}. */
    public boolean has(Role required) {
        Objects.requireNonNull(required, "required");
        for (Role role : roles) {
            if (role.implies(required)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the id names one party, so that the same id twice is the same person. */
    public boolean identifiesPerson() {
        return kind == Kind.PERSON;
    }
}
