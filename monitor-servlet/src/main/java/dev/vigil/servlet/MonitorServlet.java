package dev.vigil.servlet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import dev.vigil.api.ApiRequest;
import dev.vigil.api.ApiResponse;
import dev.vigil.api.MonitorApi;
import dev.vigil.api.RequestBody;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves Vigil's {@link MonitorApi} from a Servlet 6 container. Map it to the URL patterns of
 * {@link #mappings(MonitorApi)}, which follow the API's operations (by default {@code /api/health} and
 * {@code /api/admin/*}):
 *
 * <pre>{@code
 * ServletRegistration.Dynamic vigil = context.addServlet("vigil", new MonitorServlet(monitor.api()));
 * vigil.addMapping(MonitorServlet.mappings(monitor.api()).toArray(String[]::new));
 * }</pre>
 *
 * <p>It only translates: every decision (routing, auth, JSON) is the API's, so every host serves
 * the same bytes. The request body is handed over unread: the API authenticates the request from its
 * method, path and headers first, and only an endpoint that takes a body reads it, at most its cap
 * ({@link #MAX_BODY_BYTES} unless the operation sets its own; a longer declared body is refused with 413 unread, a longer chunked one as
 * soon as the cap is passed). Query parameters come from the query string only, never from a form body. The
 * container's {@code getUserPrincipal()} (with Spring Security, the signed-in {@code Authentication}) is handed
 * to the API's authenticator as {@link ApiRequest#userPrincipal()}.
 */
public class MonitorServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(MonitorServlet.class);

    /** Largest request body the API reads unless an operation sets its own cap: 64 KiB ({@link MonitorApi#MAX_BODY_BYTES}). */
    public static final int MAX_BODY_BYTES = MonitorApi.MAX_BODY_BYTES;

    private final transient MonitorApi api;

    /** A servlet serving {@code api}. */
    public MonitorServlet(MonitorApi api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /**
     * The servlet URL patterns that route every path of {@code api} here: {@code <path>/*} for a path with
     * everything below it (the admin base path, say), the exact path otherwise (the health endpoint).
     */
    public static List<String> mappings(MonitorApi api) {
        List<String> patterns = new ArrayList<>();
        for (MonitorApi.Mount mount : api.mounts()) {
            patterns.add(mount.includesBelow() ? mount.path() + "/*" : mount.path());
        }
        return patterns;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ApiResponse answer;
        try {
            answer = api.handle(toApiRequest(request));
        } catch (RuntimeException e) {
            log.error("Vigil API failed on {} {}", request.getMethod(), request.getRequestURI(), e);
            answer = MonitorApi.error(500, "internal_error", "Vigil could not answer this request; see the server log");
        }
        write(answer, request, response);
    }

    private static ApiRequest toApiRequest(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Map<String, String> headers = new HashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.putIfAbsent(name, request.getHeader(name));
        }
        return new ApiRequest(request.getMethod(), path, ApiRequest.parseQuery(request.getQueryString()), headers,
                RequestBody.lazy(request.getContentLengthLong(), request::getInputStream),
                request.getRemoteAddr() == null ? "" : request.getRemoteAddr(), request.getUserPrincipal());
    }

    private static void write(ApiResponse answer, HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(answer.status());
        response.setContentType(answer.contentType());
        if (answer.contentType().equals(ApiResponse.JSON)) {
            response.setCharacterEncoding("UTF-8"); // other types (static files) name their charset, if they have one
        }
        answer.headers().forEach(response::setHeader);
        response.setContentLength(answer.body().length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(answer.body());
        }
    }
}
