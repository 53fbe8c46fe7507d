package dev.vigil.jaxrs;

import java.security.Principal;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import dev.vigil.api.ApiRequest;
import dev.vigil.api.ApiResponse;
import dev.vigil.api.MonitorApi;
import dev.vigil.api.RequestBody;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers requests to the API's paths with {@link MonitorApi#handle}, before resource matching;
 * every other request goes on to the application. Registered by {@link MonitorFeature}. The user the
 * request's {@link SecurityContext#getUserPrincipal() security context} names (set by the container, or by an
 * application filter that runs first) is handed to the API's authenticator as {@link ApiRequest#userPrincipal()},
 * as {@code MonitorServlet} hands over the servlet's.
 */
@PreMatching
final class MonitorApiFilter implements ContainerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(MonitorApiFilter.class);

    private final MonitorApi api;

    MonitorApiFilter(MonitorApi api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = path(request);
        if (!serves(path)) {
            return;
        }
        ApiResponse answer;
        try {
            answer = api.handle(toApiRequest(request, path));
        } catch (RuntimeException e) {
            log.error("Vigil API failed on {} {}", request.getMethod(), path, e);
            answer = MonitorApi.error(500, "internal_error", "Vigil could not answer this request; see the server log");
        }
        request.abortWith(toResponse(answer, request.getMethod()));
    }

    /**
     * The paths the API says it serves ({@link MonitorApi#mounts()}): its operations outside the admin base
     * (the health path), the admin base path and everything under it, and its static resources.
     */
    private boolean serves(String path) {
        for (MonitorApi.Mount mount : api.mounts()) {
            if (path.equals(mount.path()) || mount.includesBelow() && path.startsWith(mount.path() + "/")) {
                return true;
            }
        }
        return false;
    }

    /** The path inside the application, still percent-encoded, as a servlet's request URI is. */
    private static String path(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath(false);
        return path.startsWith("/") ? path : "/" + path;
    }

    private static ApiRequest toApiRequest(ContainerRequestContext request, String path) {
        Map<String, String> headers = new HashMap<>();
        request.getHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.putIfAbsent(name, values.get(0));
            }
        });
        return new ApiRequest(request.getMethod(), path, ApiRequest.parseQuery(request.getUriInfo().getRequestUri().getRawQuery()),
                headers, RequestBody.lazy(declaredLength(request), request::getEntityStream),
                request.getProperty(MonitorFeature.REMOTE_ADDRESS_PROPERTY) instanceof String address ? address : "",
                userPrincipal(request));
    }

    /** The user the container or the application signed in for this request, {@code null} when nobody. */
    private static @Nullable Principal userPrincipal(ContainerRequestContext request) {
        SecurityContext security = request.getSecurityContext();
        return security == null ? null : security.getUserPrincipal();
    }

    /**
     * The declared {@code Content-Length}, -1 when there is none; read as a {@code long} so that a huge
     * declared body is refused unread rather than read up to the cap.
     */
    private static long declaredLength(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The API's answer as it is: status, headers and bytes. The content type gets the UTF-8 charset a
     * servlet container adds, and the body goes out as a {@code byte[]}, which JSON providers leave alone.
     */
    private static Response toResponse(ApiResponse answer, String method) {
        Response.ResponseBuilder response = Response.status(answer.status())
                .header(HttpHeaders.CONTENT_TYPE, withCharset(answer.contentType()));
        answer.headers().forEach(response::header);
        if (HttpMethod.HEAD.equals(method)) {
            // No body, but the length a GET would send, as a servlet container answers HEAD. Only here:
            // with a body, the container frames it (a fixed length would clash with a chunked one).
            response.header(HttpHeaders.CONTENT_LENGTH, answer.body().length);
        } else {
            response.entity(answer.body());
        }
        return response.build();
    }

    private static String withCharset(String contentType) {
        return contentType.toLowerCase(Locale.ROOT).contains("charset=") ? contentType : contentType + ";charset=UTF-8";
    }
}
