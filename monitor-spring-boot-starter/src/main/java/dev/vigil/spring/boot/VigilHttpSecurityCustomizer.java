package dev.vigil.spring.boot;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * Adds to the {@link HttpSecurity} of Vigil's own filter chain ({@code vigilSecurityFilterChain}, which covers
 * Vigil's paths only) after the starter has configured it and before it is built: another way users sign in
 * (an opaque-token resource server, a custom filter...), other headers. Beans of this type run in their
 * {@code @Order}. To replace the chain altogether, define a {@code SecurityFilterChain} bean named
 * {@code vigilSecurityFilterChain}.
 */
@FunctionalInterface
public interface VigilHttpSecurityCustomizer {

    /**
     * Customizes Vigil's chain.
     *
     * @throws Exception as Spring Security 6's configuration methods may
     */
    void customize(HttpSecurity http) throws Exception;
}
