package dev.vigil.api;

import java.util.Objects;
import java.util.Optional;
import dev.vigil.security.Caller;
import dev.vigil.security.Role;
import org.jspecify.annotations.Nullable;

/**
 * Who may use an {@link Operation}: everyone ({@link #PUBLIC}), or callers with a {@linkplain Role role}
 * that implies the one required. Nothing else: an operation is denied unless its access allows the caller.
 *
 * @param requiredRole the role a caller needs, or null for a public operation
 */
public record Access(@Nullable Role requiredRole) {

    /** Everyone, anonymous callers included. */
    public static final Access PUBLIC = new Access(null);

    /** Callers with a role that implies {@code role}. */
    public static Access role(Role role) {
        return new Access(Objects.requireNonNull(role, "role"));
    }

    /** Whether anonymous callers may use the operation. */
    public boolean isPublic() {
        return requiredRole == null;
    }

    /** The role a caller needs, if any. */
    public Optional<Role> role() {
        return Optional.ofNullable(requiredRole);
    }

    /** Whether {@code caller} may use the operation. */
    public boolean allows(Caller caller) {
        return requiredRole == null || caller.has(requiredRole);
    }

    /** As JSON and the docs show it: {@code public}, or the role's name. */
    public String jsonName() {
        return requiredRole == null ? "public" : requiredRole.jsonName();
    }

    @Override
    public String toString() {
        return jsonName();
    }
}
