package dev.vigil.spring.boot;

import java.security.Principal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import dev.vigil.security.AdminAuthenticator;
import dev.vigil.security.AuthenticationRequest;
import dev.vigil.security.Caller;
import dev.vigil.security.Role;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Recognises the user Spring Security signed in for the request (form login and its session, HTTP Basic, a JWT
 * of a resource server...), as the servlet hands it over in {@link AuthenticationRequest#userPrincipal()}: the
 * caller is the {@link Authentication#getName() user's name} ({@linkplain Caller.Kind#PERSON one person},
 * authenticated by {@value #AUTHENTICATED_BY}), with the Vigil roles its authorities map to
 * ({@code monitor.security.roles.*}). A user none of whose authorities is mapped is still that caller, with no
 * role: Vigil answers it 403, not 401.
 *
 * <p>An authority matches a configured name when it equals it or, for a name without the {@code ROLE_}
 * prefix, when it is {@code ROLE_<name>}. Every other authority (Spring Security 7's {@code FACTOR_*} ones, say)
 * is ignored. The starter puts it after the bearer tokens ({@code tokens.or(this)}), so a Vigil token wins.
 */
public final class SpringSecurityAuthenticator implements AdminAuthenticator {

    /** {@link Caller#authenticatedBy()} of the callers it finds. */
    public static final String AUTHENTICATED_BY = "spring-security";

    private static final String ROLE_PREFIX = "ROLE_";

    private final Map<Role, Set<String>> authorities;

    private SpringSecurityAuthenticator(Map<Role, Set<String>> authorities) {
        this.authorities = authorities;
    }

    /**
     * An authenticator that gives each role to the users holding one of its authorities.
     *
     * @param authorities for each role, the names of the authorities that give it; roles not in the map are given to nobody
     * @throws IllegalArgumentException if a name is blank
     */
    public static SpringSecurityAuthenticator of(Map<Role, ? extends Collection<String>> authorities) {
        Map<Role, Set<String>> names = new EnumMap<>(Role.class);
        authorities.forEach((role, configured) -> {
            Set<String> expanded = new HashSet<>();
            for (String name : configured) {
                if (name == null || name.isBlank()) {
                    throw new IllegalArgumentException("monitor.security.roles." + role.jsonName()
                            + ": an authority name must not be blank");
                }
                String trimmed = name.strip();
                expanded.add(trimmed);
                if (!trimmed.startsWith(ROLE_PREFIX)) {
                    expanded.add(ROLE_PREFIX + trimmed);
                }
            }
            names.put(role, Set.copyOf(expanded));
        });
        return new SpringSecurityAuthenticator(names);
    }

    /** The authenticator of {@code monitor.security.roles.*}. */
    static SpringSecurityAuthenticator of(MonitorProperties.Roles roles) {
        Map<Role, List<String>> map = new EnumMap<>(Role.class);
        map.put(Role.ADMIN, roles.getAdmin());
        map.put(Role.OPERATOR, roles.getOperator());
        map.put(Role.READ, roles.getRead());
        map.put(Role.INGEST, roles.getIngest());
        return of(map);
    }

    @Override
    public Optional<Caller> authenticate(AuthenticationRequest request) {
        Optional<Principal> principal = request.userPrincipal();
        if (principal.isEmpty() || !(principal.get() instanceof Authentication authentication)
                || !authentication.isAuthenticated() || authentication instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        String name = authentication.getName();
        if (name == null || name.isBlank() || name.strip().length() > Caller.MAX_ID_LENGTH) {
            return Optional.empty(); // not a name the audit trail can keep: Vigil does not know this user
        }
        return Optional.of(new Caller(name.strip(), name.strip(), Caller.Kind.PERSON,
                roles(authentication.getAuthorities()), AUTHENTICATED_BY));
    }

    /** The roles that {@code granted} give. */
    Set<Role> roles(Collection<? extends GrantedAuthority> granted) {
        List<String> held = new ArrayList<>();
        for (GrantedAuthority authority : granted) {
            if (authority != null && authority.getAuthority() != null) {
                held.add(authority.getAuthority());
            }
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        authorities.forEach((role, names) -> {
            for (String authority : held) {
                if (names.contains(authority)) {
                    roles.add(role);
                }
            }
        });
        return roles;
    }

    @Override
    public String toString() {
        return "SpringSecurityAuthenticator" + authorities;
    }
}
