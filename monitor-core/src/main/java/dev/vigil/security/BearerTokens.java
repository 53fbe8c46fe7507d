package dev.vigil.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Bearer tokens, each standing for one caller with its roles: the shared admin token
 * ({@code monitor.admin.token}) and any number of named tokens ({@code monitor.admin.tokens.<name>}).
 *
 * <pre>{@code
 * AdminAuthenticator tokens = BearerTokens.builder()
 *         .adminToken(System.getenv("MONITOR_ADMIN_TOKEN"))                    // caller admin-token, role admin
 *         .token("grafana", System.getenv("GRAFANA_TOKEN"), Role.READ)         // caller grafana, read only
 *         .token("deploy-bot", System.getenv("DEPLOY_TOKEN"), Role.INGEST)     // may post errors, nothing else
 *         .token("alice", System.getenv("ALICE_TOKEN"), Role.OPERATOR)
 *         .build();
 * }</pre>
 *
 * <p>A request is recognised when it sends {@code Authorization: Bearer <token>} with one of the tokens.
 * Tokens are kept as SHA-256 digests and the request's digest is compared with every one of them, each in
 * constant time, so the time taken tells neither where a guess differs nor which token matched. A named
 * token's caller {@linkplain Caller#identifiesPerson() identifies one party} (give each person their own
 * token for the second-person rule of critical actions); the shared admin token's caller does not.
 */
public final class BearerTokens implements AdminAuthenticator {

    private final List<Entry> entries;

    private BearerTokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Starts an empty set of tokens. */
    public static Builder builder() {
        return new Builder();
    }

    /** The callers of the tokens, in the order they were added (for logs and tests; never the tokens). */
    public List<Caller> callers() {
        return entries.stream().map(Entry::caller).toList();
    }

    @Override
    public Optional<Caller> authenticate(AuthenticationRequest request) {
        Optional<String> header = request.header("Authorization");
        if (header.isEmpty() || !header.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        byte[] sent = digest(header.get().substring(7).trim());
        Caller found = null;
        for (Entry entry : entries) { // every entry, matched or not: the time does not tell which one matched
            if (MessageDigest.isEqual(entry.digest, sent)) {
                found = entry.caller;
            }
        }
        return Optional.ofNullable(found);
    }

    @Override
    public String toString() {
        return "BearerTokens" + callers().stream().map(Caller::id).toList();
    }

    private static byte[] digest(String value) {
        // Hashing first makes the comparison independent of the token's length, too.
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private record Entry(byte[] digest, Caller caller) {
    }

    /** Collects tokens; {@link #build()} checks that no two are alike. */
    public static final class Builder {
        private final List<Entry> entries = new ArrayList<>();
        private final List<String> settings = new ArrayList<>();

        private Builder() {
        }

        /**
         * The shared admin token: caller {@value AdminAuthenticator#ADMIN_TOKEN_CALLER_ID}, a
         * {@linkplain Caller.Kind#SHARED_CREDENTIAL shared credential} with role {@code admin}.
         *
         * @throws IllegalArgumentException if the token is blank
         */
        public Builder adminToken(String token) {
            return add("monitor.admin.token", token, new Caller(ADMIN_TOKEN_CALLER_ID, ADMIN_TOKEN_CALLER_ID,
                    Caller.Kind.SHARED_CREDENTIAL, Set.of(Role.ADMIN), Caller.BY_BEARER_TOKEN));
        }

        /**
         * A named token: caller {@code name}, one party, with {@code roles}.
         *
         * @param name the caller's id, as the audit trail shows it: lower-case letters, digits, {@code .},
         *        {@code _} or {@code -}, at most 64
         * @throws IllegalArgumentException if the name is malformed or taken, the token blank, or no role given
         */
        public Builder token(String name, String token, Set<Role> roles) {
            Objects.requireNonNull(name, "name");
            String setting = "monitor.admin.tokens." + name;
            if (!name.matches("[a-z0-9][a-z0-9._-]{0,63}") || name.equals(ADMIN_TOKEN_CALLER_ID) || name.equals("anonymous")) {
                throw new IllegalArgumentException(setting + ": a token's name is 1..64 lower-case letters, digits, '.', '_' or"
                        + " '-', and neither admin-token nor anonymous");
            }
            if (roles.isEmpty()) {
                throw new IllegalArgumentException(setting + ".roles: give the token at least one role (read, operator,"
                        + " ingest, admin)");
            }
            return add(setting + ".token", token, new Caller(name, name, Caller.Kind.PERSON, roles, Caller.BY_BEARER_TOKEN));
        }

        /** A named token: caller {@code name}, one party, with {@code roles}; see {@link #token(String, String, Set)}. */
        public Builder token(String name, String token, Role... roles) {
            return token(name, token, Set.copyOf(Arrays.asList(roles)));
        }

        private Builder add(String setting, String token, Caller caller) {
            Objects.requireNonNull(token, setting);
            if (token.isBlank()) {
                throw new IllegalArgumentException(setting + " must not be blank");
            }
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i).caller.id().equals(caller.id())) {
                    throw new IllegalArgumentException(setting + ": a token for caller " + caller.id() + " is already set");
                }
            }
            byte[] digest = digest(token.trim());
            for (int i = 0; i < entries.size(); i++) {
                if (MessageDigest.isEqual(entries.get(i).digest, digest)) {
                    throw new IllegalArgumentException(setting + " is the same token as " + settings.get(i)
                            + ": every token must be different, or Vigil cannot tell its callers apart");
                }
            }
            entries.add(new Entry(digest, caller));
            settings.add(setting);
            return this;
        }

        /** The tokens; with none, nobody is recognised. */
        public BearerTokens build() {
            return new BearerTokens(entries);
        }
    }
}
