package dev.vigil.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CallerTest {

    @Test
    void adminImpliesEveryRoleAndOperatorImpliesRead() {
        assertThat(Role.ADMIN.implies(Role.READ)).isTrue();
        assertThat(Role.ADMIN.implies(Role.OPERATOR)).isTrue();
        assertThat(Role.ADMIN.implies(Role.INGEST)).isTrue();
        assertThat(Role.OPERATOR.implies(Role.READ)).isTrue();
        assertThat(Role.OPERATOR.implies(Role.INGEST)).isFalse();
        assertThat(Role.OPERATOR.implies(Role.ADMIN)).isFalse();
        assertThat(Role.READ.implies(Role.OPERATOR)).isFalse();
        assertThat(Role.INGEST.implies(Role.READ)).isFalse();
    }

    @Test
    void anonymousHasNoRoles() {
        Caller anonymous = Caller.anonymous();

        assertThat(anonymous.isAnonymous()).isTrue();
        assertThat(anonymous.identifiesPerson()).isFalse();
        for (Role role : Role.values()) {
            assertThat(anonymous.has(role)).isFalse();
        }
        assertThatThrownBy(() -> anonymous.withRoles(Role.READ)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hostCallersAreAdminsUntilGivenFewerRoles() {
        Caller alice = Caller.person("alice");

        assertThat(alice.roles()).containsExactly(Role.ADMIN);
        assertThat(alice.authenticatedBy()).isEqualTo(Caller.BY_HOST);
        assertThat(alice.displayName()).isEqualTo("alice");
        Caller reader = alice.withRoles(Role.READ).withDisplayName("Alice Example");
        assertThat(reader.has(Role.READ)).isTrue();
        assertThat(reader.has(Role.OPERATOR)).isFalse();
        assertThat(reader.displayName()).isEqualTo("Alice Example");
        assertThat(Caller.sharedCredential("ops-password").identifiesPerson()).isFalse();
    }

    @Test
    void rolesAreCopiedAndNamesParsed() {
        java.util.HashSet<Role> roles = new java.util.HashSet<>(Set.of(Role.READ));
        Caller caller = Caller.person("bob").withRoles(roles);
        roles.add(Role.ADMIN);

        assertThat(caller.roles()).containsExactly(Role.READ);
        assertThat(Role.fromName(" Operator ")).isEqualTo(Role.OPERATOR);
        assertThatThrownBy(() -> Role.fromName("root")).hasMessage("unknown role 'root'; roles are read, operator, ingest, admin");
        assertThatThrownBy(() -> Caller.person(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Caller.person("x").withAuthenticatedBy("Spring Security"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
