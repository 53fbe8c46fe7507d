package dev.vigil.demo;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import dev.vigil.api.ApiException;
import dev.vigil.api.ApiResponse;
import dev.vigil.api.BodyField;
import dev.vigil.api.BodySpec;
import dev.vigil.api.JsonBody;
import dev.vigil.health.HealthStatus;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The demo's fault switch, guarded by the same admin token as Vigil's admin API.
 *
 * <pre>
 * POST /demo/faults {"route": "/media-upload", "errorRate": 0.5, "latencyMs": 0}
 * POST /demo/faults {"route": "/bookings", "slowQueryMs": 1500}
 * POST /demo/faults {"check": "payments-gateway", "status": "down"}
 * POST /demo/faults {"job": "curation", "paused": true}
 * DELETE /demo/faults
 * </pre>
 *
 * <p>The token is checked from the headers before the body is read; the body is then read with Vigil's
 * strict reader (at most {@link #MAX_BODY_BYTES}, JSON only, every field typed and limited), and every
 * refusal is Vigil's error body: {@code {"error", "message", "field"}}.
 */
@RestController
@RequestMapping("/demo/faults")
class FaultController {

    /** Largest body the fault switch reads: 16 KiB. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    private static final List<String> ROUTE_FIELDS = List.of("route", "errorRate", "latencyMs", "slowQueryMs");
    private static final List<String> CHECK_FIELDS = List.of("check", "status");
    private static final List<String> JOB_FIELDS = List.of("job", "paused");
    private static final String USAGE = "send one fault: {\"route\", \"errorRate\", \"latencyMs\", \"slowQueryMs\"},"
            + " {\"check\", \"status\"} or {\"job\": \"curation\", \"paused\": true}";

    /** Body of {@code POST /demo/faults}: a route fault, a forced check status, or a paused job. */
    static final BodySpec FAULT = BodySpec.of(
            BodyField.string("route").maxLength(200).describedAs("the route to break, e.g. /media-upload"),
            BodyField.number("errorRate").between(0, 1).describedAs("share of requests that fail with 500"),
            BodyField.integer("latencyMs").between(0, 60_000).describedAs("delay added to every request"),
            BodyField.integer("slowQueryMs").between(0, 60_000).describedAs("a slow query run before the route's own"),
            BodyField.string("check").maxLength(100).describedAs("the health check to force"),
            BodyField.oneOf("status", "up", "degraded", "down").describedAs("the status to force the check to"),
            BodyField.oneOf("job", "curation").describedAs("the job to pause or resume"),
            BodyField.bool("paused").describedAs("whether the job is paused"));

    private final FaultSwitch faults;
    private final DemoAdminGuard guard;
    private final CurationService curation;

    FaultController(FaultSwitch faults, DemoAdminGuard guard, CurationService curation) {
        this.faults = faults;
        this.guard = guard;
        this.curation = curation;
    }

    @GetMapping
    ResponseEntity<Object> show(HttpServletRequest request) {
        guard.require(request);
        return ResponseEntity.ok(faults.state());
    }

    @PostMapping
    ResponseEntity<Object> set(HttpServletRequest request) {
        guard.require(request);
        JsonBody body = FAULT.read(DemoAdminGuard.withBody(request), MAX_BODY_BYTES);
        boolean route = ROUTE_FIELDS.stream().anyMatch(body::has);
        boolean check = CHECK_FIELDS.stream().anyMatch(body::has);
        boolean job = JOB_FIELDS.stream().anyMatch(body::has);
        if ((route ? 1 : 0) + (check ? 1 : 0) + (job ? 1 : 0) != 1) {
            throw ApiException.badRequest(USAGE);
        }
        if (route) {
            faults.setRoute(required(body.string("route"), "route"), new FaultSwitch.RouteFault(
                    body.number("errorRate").orElse(0.0),
                    body.integer("latencyMs").orElse(0),
                    body.integer("slowQueryMs").orElse(0)));
        } else if (check) {
            String status = required(body.string("status"), "status");
            faults.forceCheck(required(body.string("check"), "check"), HealthStatus.valueOf(status.toUpperCase(Locale.ROOT)));
        } else {
            required(body.string("job"), "job");
            curation.pause(required(body.bool("paused"), "paused"));
        }
        return ResponseEntity.ok(faults.state());
    }

    private static <T> T required(Optional<T> value, String field) {
        return value.orElseThrow(() -> new ApiException(400, "missing_field", field + " is required; " + USAGE, field));
    }

    @DeleteMapping
    ResponseEntity<Object> clear(HttpServletRequest request) {
        guard.require(request);
        faults.clear();
        curation.pause(false);
        return ResponseEntity.ok(faults.state());
    }

    /** Vigil's error body, byte for byte as the admin API answers it. */
    @ExceptionHandler(ApiException.class)
    ResponseEntity<byte[]> refused(ApiException e) {
        ApiResponse response = e.toResponse();
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(response.status()).contentType(MediaType.APPLICATION_JSON);
        response.headers().forEach((name, value) -> answer.header(name, value));
        if (response.status() == 401) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"vigil\"");
        }
        return answer.body(response.body());
    }

    /** Anything else that goes wrong answers in the same shape, without a Java type in sight. */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<byte[]> badRequest(IllegalArgumentException e) {
        return refused(ApiException.badRequest(e.getMessage()));
    }
}
