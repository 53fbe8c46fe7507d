package dev.vigil.spring.boot;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import dev.vigil.Monitor;
import dev.vigil.api.ApiResponse;
import dev.vigil.api.MonitorApi;
import dev.vigil.api.Operation;
import dev.vigil.api.OperationRegistry;
import dev.vigil.security.AdminAuthenticator;
import dev.vigil.security.AuthenticationRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureOrder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.ClassUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * With Spring Security on the class path, a filter chain of Vigil's own, {@code vigilSecurityFilterChain}, for
 * Vigil's paths only (every path {@code MonitorServlet} serves: {@code /api/health}, {@code /api/notices...},
 * {@code /api/admin/**}, the dashboard at {@code /admin/monitoring} and its files). Every other route of the host
 * stays with the host's chains (or Spring Boot's default ones) exactly as they are.
 *
 * <p>The chain lets every request through to Vigil ({@code permitAll}): Vigil's operations decide what is public
 * and which role each needs, and answer 401 or 403 themselves, so the rules live in one place whatever the
 * transport. What the chain adds is who the caller is: the host's session (form login), HTTP Basic when the host
 * has users ({@code UserDetailsService}, {@code AuthenticationProvider} or {@code AuthenticationManager} bean),
 * and JWTs when the host is an OAuth2 resource server ({@code JwtDecoder} bean) — a bearer token that is one of
 * Vigil's own ({@code monitor.admin.token(s)}, {@code monitor.ingest.token}) is left to Vigil. The user's
 * authorities become Vigil roles through {@code monitor.security.roles.*} ({@link SpringSecurityAuthenticator}).
 *
 * <p>CSRF: requests of a signed-in browser are protected with a cookie token ({@code XSRF-TOKEN}, readable by
 * script, sent back in header {@code X-XSRF-TOKEN}); the cookie is issued with the first response to a signed-in
 * user. Exempt are bearer-token calls (a Vigil token, or any bearer token from a client without a session) and
 * public operations (health, notices, the beacon, signed webhooks such as Sentry's), which do not depend on
 * who calls.
 *
 * <p>Replace the chain with a {@code SecurityFilterChain} bean named {@code vigilSecurityFilterChain}, or add to
 * it with {@link VigilHttpSecurityCustomizer} beans. It is registered after Spring Boot's own security
 * auto-configurations (web, Actuator, OAuth2 resource server and client, SAML), so their default chains still back
 * off only for the host's own chains.
 */
@AutoConfiguration(after = {VigilAutoConfiguration.class, VigilWebAutoConfiguration.class}, afterName = {
        "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration",
        "org.springframework.boot.autoconfigure.security.oauth2.client.servlet.OAuth2ClientAutoConfiguration",
        "org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration",
        "org.springframework.boot.autoconfigure.security.saml2.Saml2RelyingPartyAutoConfiguration",
        "org.springframework.boot.security.saml2.autoconfigure.Saml2RelyingPartyAutoConfiguration"})
// Last of all besides: every default chain of Spring Boot's (web, Actuator, OAuth2 resource server or client, SAML)
// backs off when a SecurityFilterChain is already defined, so Vigil's must come after them, whatever their names.
@AutoConfigureOrder(Ordered.LOWEST_PRECEDENCE)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = {"org.springframework.security.web.SecurityFilterChain",
        "org.springframework.security.config.annotation.web.builders.HttpSecurity", "dev.vigil.servlet.MonitorServlet"})
@ConditionalOnBean(value = Monitor.class, type = "org.springframework.security.config.annotation.web.builders.HttpSecurity")
public final class VigilSecurityAutoConfiguration {

    /** Order of {@code vigilSecurityFilterChain}: ahead of a host's catch-all chains. */
    public static final int CHAIN_ORDER = Ordered.HIGHEST_PRECEDENCE + 50;
    /** Cookie that carries the CSRF token to the dashboard's script. */
    public static final String CSRF_COOKIE = "XSRF-TOKEN";
    /** Header in which a browser sends the CSRF token back. */
    public static final String CSRF_HEADER = "X-XSRF-TOKEN";

    private static final String JWT_DECODER = "org.springframework.security.oauth2.jwt.JwtDecoder";
    private static final String BEARER_TOKEN_RESOLVER = "org.springframework.security.oauth2.server.resource.web.BearerTokenResolver";

    @Bean
    @Order(CHAIN_ORDER)
    @ConditionalOnMissingBean(name = "vigilSecurityFilterChain")
    SecurityFilterChain vigilSecurityFilterChain(HttpSecurity http, Monitor monitor, MonitorProperties properties,
            ListableBeanFactory beans, ObjectProvider<VigilHttpSecurityCustomizer> customizers) throws Exception {
        MonitorApi api = monitor.api();
        AdminAuthenticator vigilTokens = VigilAutoConfiguration.tokens(properties.getAdmin(), properties.getIngest().getToken());
        RequestMatcher bearerCall = request -> isBearerCallExemptFromCsrf(request, vigilTokens);
        http.securityMatcher(paths(api))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf
                        .csrfTokenRepository(csrfTokens())
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .ignoringRequestMatchers(bearerCall, publicOperations(api)))
                .exceptionHandling(exceptions -> exceptions.accessDeniedHandler(VigilSecurityAutoConfiguration::csrfRefused))
                .addFilterBefore(new CsrfCookieFilter(), AuthorizationFilter.class);
        if (hasBean(beans, UserDetailsService.class) || hasBean(beans, AuthenticationProvider.class)
                || hasBean(beans, AuthenticationManager.class)) {
            http.httpBasic(Customizer.withDefaults());
        }
        ClassLoader classLoader = VigilSecurityAutoConfiguration.class.getClassLoader();
        if (ClassUtils.isPresent(JWT_DECODER, classLoader) && ClassUtils.isPresent(BEARER_TOKEN_RESOLVER, classLoader)
                && beans.getBeanNamesForType(ClassUtils.resolveClassName(JWT_DECODER, classLoader), false, false).length > 0) {
            JwtResourceServer.configure(http, vigilTokens);
        }
        for (VigilHttpSecurityCustomizer customizer : customizers.orderedStream().toList()) {
            customizer.customize(http);
        }
        return http.build();
    }

    /**
     * The one refusal of this chain (authorization is Vigil's): a missing or wrong CSRF token, answered here in
     * Vigil's error shape. Answered by the container's error page instead, it would be rendered through the host's
     * chains, which may turn it into an empty 401.
     */
    private static void csrfRefused(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        ApiResponse answer = MonitorApi.error(403, "csrf_token_invalid", "a change needs a bearer token, or, from a"
                + " browser, the value of cookie " + CSRF_COOKIE + " in header " + CSRF_HEADER);
        response.setStatus(answer.status());
        response.setContentType(answer.contentType());
        response.setCharacterEncoding("UTF-8");
        answer.headers().forEach(response::setHeader);
        response.getOutputStream().write(answer.body());
    }

    private static boolean hasBean(ListableBeanFactory beans, Class<?> type) {
        return beans.getBeanNamesForType(type, false, false).length > 0;
    }

    private static CookieCsrfTokenRepository csrfTokens() {
        CookieCsrfTokenRepository tokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
        tokens.setCookieName(CSRF_COOKIE);
        tokens.setHeaderName(CSRF_HEADER);
        return tokens;
    }

    /** Every path the API is mounted at, as the servlet is mapped: a mount and everything below it, or one exact path. */
    static RequestMatcher paths(MonitorApi api) {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        List<RequestMatcher> matchers = new ArrayList<>();
        for (MonitorApi.Mount mount : api.mounts()) {
            matchers.add(paths.matcher(mount.path()));
            if (mount.includesBelow()) {
                matchers.add(paths.matcher(mount.path() + "/**"));
            }
        }
        return new OrRequestMatcher(matchers);
    }

    /** The method and path template of every public operation: they answer anyone alike, so CSRF guards nothing there. */
    static RequestMatcher publicOperations(MonitorApi api) {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        OperationRegistry registry = api.operations();
        List<RequestMatcher> matchers = new ArrayList<>();
        for (Operation operation : registry.operations()) {
            if (operation.access().isPublic()) {
                matchers.add(paths.matcher(HttpMethod.valueOf(operation.method()), registry.fullPath(operation)));
            }
        }
        return matchers.isEmpty() ? request -> false : new OrRequestMatcher(matchers);
    }

    /**
     * A bearer-token call needs no CSRF token: a browser never adds such a header by itself. Unless it is one of
     * Vigil's tokens, it counts only from a client without a session, so that a signed-in browser cannot skip the
     * check by adding a made-up bearer header to a request its session authenticates.
     */
    static boolean isBearerCallExemptFromCsrf(HttpServletRequest request, AdminAuthenticator vigilTokens) {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return isVigilToken(request, vigilTokens) || request.getSession(false) == null;
    }

    static boolean isVigilToken(HttpServletRequest request, AdminAuthenticator vigilTokens) {
        return vigilTokens.authenticate(new HeadersOnly(request)).isPresent();
    }

    /** The method, path and headers of a servlet request, as Vigil's token authenticator reads them. */
    private record HeadersOnly(HttpServletRequest request) implements AuthenticationRequest {
        @Override
        public String method() {
            return request.getMethod();
        }

        @Override
        public String path() {
            return request.getRequestURI().substring(request.getContextPath().length());
        }

        @Override
        public Optional<String> header(String name) {
            return Optional.ofNullable(request.getHeader(name));
        }

        @Override
        public Optional<String> queryParam(String name) {
            return Optional.empty();
        }
    }

    /**
     * Issues the CSRF cookie to a signed-in user: Spring Security defers loading the token until something asks
     * for it, and nothing on Vigil's paths would, so the dashboard's first page load would have no cookie to send
     * back. Bearer-token calls and anonymous ones get no cookie.
     */
    static final class CsrfCookieFilter extends OncePerRequestFilter {

        private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            String authorization = request.getHeader("Authorization");
            boolean bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
            if (!bearer && authentication != null && trust.isAuthenticated(authentication)
                    && request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
                token.getToken(); // loads the deferred token: the repository writes the cookie when it is new
            }
            chain.doFilter(request, response);
        }
    }

    /** The resource server part; only loaded when Spring Security's OAuth2 resource server is on the class path. */
    static final class JwtResourceServer {
        private JwtResourceServer() {
        }

        static void configure(HttpSecurity http, AdminAuthenticator vigilTokens) throws Exception {
            org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver standard =
                    new org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver();
            http.oauth2ResourceServer(server -> server
                    .bearerTokenResolver(request -> isVigilToken(request, vigilTokens) ? null : standard.resolve(request))
                    .jwt(Customizer.withDefaults()));
        }
    }
}
