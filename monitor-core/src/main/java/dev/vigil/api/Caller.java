package dev.vigil.api;

import java.util.Locale;
import java.util.Objects;

/**
 * Who sends an authorized request, as far as the {@link AdminAuthenticator} can tell: the audit trail
 * records its {@link #id()}, and a critical action's approval must come from another caller.
 *
 * <p>A caller is either one identified party ({@link Kind#PERSON}: a person, or a process acting under
 * its own name) or a {@link Kind#SHARED_CREDENTIAL} such as the single {@code monitor.admin.token}, which
 * everyone who holds it presents alike: two requests with it may come from one person or from two.
 * Roles (what a caller may do) are not part of this value yet; named tokens with roles will add them
 * without changing what {@code id} and {@code kind} mean.
 *
 * @param id who acts, as the audit trail shows it, e.g. {@code alice@example.com} or {@code admin-token}
 * @param kind whether {@code id} names one party or a credential several may share
 */
public record Caller(String id, Kind kind) {

    /** The longest caller id kept; longer ones are refused. */
    public static final int MAX_ID_LENGTH = 100;

    /** What a caller's id stands for. */
    public enum Kind {
        /** The id names one party: the same id twice is the same person (or process). */
        PERSON,
        /** The id names a credential that several people may hold, e.g. the one admin token. */
        SHARED_CREDENTIAL;

        /** Lower-case name as used in JSON: {@code person}, {@code shared_credential}. */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Caller {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        if (id.isBlank() || id.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("a caller id must be 1.." + MAX_ID_LENGTH + " characters and not blank");
        }
    }

    /** A caller whose id names one party, e.g. a person signed in through the host's security. */
    public static Caller person(String id) {
        return new Caller(id, Kind.PERSON);
    }

    /** A caller known only by a credential several people may share, e.g. the admin token. */
    public static Caller sharedCredential(String id) {
        return new Caller(id, Kind.SHARED_CREDENTIAL);
    }

    /** Whether the id names one party, so that the same id twice is the same person. */
    public boolean identifiesPerson() {
        return kind == Kind.PERSON;
    }
}
