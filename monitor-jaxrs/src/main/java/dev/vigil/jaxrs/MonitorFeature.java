package dev.vigil.jaxrs;

import java.util.Objects;
import dev.vigil.api.ApiSettings;
import dev.vigil.api.MonitorApi;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import org.jspecify.annotations.Nullable;

/**
 * Serves Vigil's {@link MonitorApi} from a Jakarta REST (JAX-RS) 4.0 application, whatever the
 * implementation (Jersey, RESTEasy, ...). Register it with the application, as a class that finds the
 * API in the application's properties:
 *
 * <pre>{@code
 * public class ShopApplication extends Application {
 *     public Set<Class<?>> getClasses() {
 *         return Set.of(MonitorFeature.class, OrdersResource.class);
 *     }
 *     public Map<String, Object> getProperties() {
 *         return Map.of(MonitorFeature.API_PROPERTY, monitor.api());
 *     }
 * }
 * }</pre>
 *
 * <p>or as an instance where the implementation takes one, e.g. Jersey's
 * {@code resourceConfig.register(new MonitorFeature(monitor.api()))}.
 *
 * <p>It answers the API's health path and everything under its admin base path ({@link ApiSettings}:
 * by default {@code /api/health} and {@code /api/admin/...}), relative to the application's base URI,
 * for every method, as {@code MonitorServlet} does; every other request goes on to the application's
 * resources. Those paths are settings and a resource's {@code @Path} is fixed at compile time, so the API
 * is served by a {@link jakarta.ws.rs.container.PreMatching pre-matching} request filter that answers
 * before resource matching: the application's own pre-matching filters of a lower priority than
 * {@link #PRIORITY} run first, its post-matching filters do not run, its response filters do. The
 * request's {@link jakarta.ws.rs.core.SecurityContext#getUserPrincipal() user principal} (the container's, or
 * one such a filter sets with {@code setSecurityContext}) reaches the API's authenticator as
 * {@link dev.vigil.api.ApiRequest#userPrincipal()}.
 *
 * <p>Like the servlet, it only translates, so both serve the same bytes: the request body is handed to
 * the API unread, and only an endpoint that takes one reads it, after the caller is authorized and at
 * most {@link MonitorApi#MAX_BODY_BYTES}; the response carries the API's status, headers and bytes.
 */
public final class MonitorFeature implements Feature {

    /**
     * The request property from which Vigil reads the client's address (JAX-RS has no standard accessor): a
     * pre-matching filter of the application's, which runs first, may set it to the address its container
     * reports; public operations such as the page-load beacon rate-limit by it. Without it the address is unknown.
     */
    public static final String REMOTE_ADDRESS_PROPERTY = "dev.vigil.remote-address";

    /** The application property that holds the {@link MonitorApi} for a feature registered as a class. */
    public static final String API_PROPERTY = "dev.vigil.api";

    /**
     * Priority of Vigil's pre-matching filter: after the application's own pre-matching filters of
     * default priority ({@link Priorities#USER}), so that they see Vigil's requests first, as servlet
     * filters do in front of {@code MonitorServlet}.
     */
    public static final int PRIORITY = Priorities.USER + 1000;

    private final @Nullable MonitorApi api;

    /** A feature serving the API held by the application's property {@value #API_PROPERTY}. */
    public MonitorFeature() {
        this.api = null;
    }

    /** A feature serving {@code api}. */
    public MonitorFeature(MonitorApi api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /**
     * Registers the filter that serves the API.
     *
     * @throws IllegalStateException if this feature has no API and the application's property
     *         {@value #API_PROPERTY} holds none either
     */
    @Override
    public boolean configure(FeatureContext context) {
        MonitorApi served = api;
        if (served == null) {
            if (!(context.getConfiguration().getProperty(API_PROPERTY) instanceof MonitorApi property)) {
                throw new IllegalStateException("MonitorFeature has no MonitorApi to serve: put monitor.api() in the "
                        + "application's properties under '" + API_PROPERTY + "', or register new MonitorFeature(monitor.api())");
            }
            served = property;
        }
        context.register(new MonitorApiFilter(served), PRIORITY);
        return true;
    }
}
