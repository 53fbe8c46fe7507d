package dev.vigil.servlet;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import dev.vigil.api.ApiRequest;
import dev.vigil.api.ApiResponse;
import dev.vigil.api.MonitorApi;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves Vigil's {@link MonitorApi} from a Servlet 6 container. Map it to the paths of
 * {@link MonitorApi#mappings()} (by default {@code /api/health} and {@code /api/admin/*}):
 *
 * <pre>{@code
 * ServletRegistration.Dynamic vigil = context.addServlet("vigil", new MonitorServlet(monitor.api()));
 * vigil.addMapping(monitor.api().mappings().toArray(String[]::new));
 * }</pre>
 *
 * <p>It only translates: every decision (routing, auth, JSON) is the API's, so every host serves
 * the same bytes. Request bodies above {@link #MAX_BODY_BYTES} are refused with 413 unread.
 */
public class MonitorServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(MonitorServlet.class);

    /** Largest request body the API accepts: 64 KiB. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private final transient MonitorApi api;

    /** A servlet serving {@code api}. */
    public MonitorServlet(MonitorApi api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ApiResponse answer;
        try {
            byte[] body = readBody(request);
            answer = body == null
                    ? MonitorApi.error(413, "payload_too_large", "Request bodies are limited to " + MAX_BODY_BYTES + " bytes")
                    : api.handle(toApiRequest(request, body));
        } catch (RuntimeException e) {
            log.error("Vigil API failed on {} {}", request.getMethod(), request.getRequestURI(), e);
            answer = MonitorApi.error(500, "internal_error", "Vigil could not answer this request; see the server log");
        }
        write(answer, request, response);
    }

    private static ApiRequest toApiRequest(HttpServletRequest request, byte[] body) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Map<String, List<String>> query = new HashMap<>();
        request.getParameterMap().forEach((name, values) -> query.put(name, List.of(values)));
        Map<String, String> headers = new HashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.putIfAbsent(name, request.getHeader(name));
        }
        return new ApiRequest(request.getMethod(), path, query, headers, body);
    }

    /** The body, or {@code null} when it is larger than {@link #MAX_BODY_BYTES}. */
    private static byte[] readBody(HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > MAX_BODY_BYTES) {
            return null;
        }
        if (declared == 0) {
            return new byte[0];
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            return body.length > MAX_BODY_BYTES ? null : body;
        }
    }

    private static void write(ApiResponse answer, HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(answer.status());
        response.setContentType(answer.contentType());
        response.setCharacterEncoding("UTF-8");
        answer.headers().forEach(response::setHeader);
        response.setContentLength(answer.body().length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(answer.body());
        }
    }
}
