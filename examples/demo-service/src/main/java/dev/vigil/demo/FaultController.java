package dev.vigil.demo;

import java.util.Locale;
import java.util.Map;
import dev.vigil.health.HealthStatus;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
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
 */
@RestController
@RequestMapping("/demo/faults")
class FaultController {

    /** Body of {@code POST /demo/faults}: either a route fault or a forced check status. */
    record FaultRequest(String route, Double errorRate, Long latencyMs, Long slowQueryMs, String check, String status,
            String job, Boolean paused) {
    }

    private final FaultSwitch faults;
    private final DemoAdminGuard guard;
    private final CurationService curation;

    FaultController(FaultSwitch faults, DemoAdminGuard guard, CurationService curation) {
        this.faults = faults;
        this.guard = guard;
        this.curation = curation;
    }

    @GetMapping
    ResponseEntity<Object> show(@RequestHeader(value = "Authorization", required = false) String authorization) {
        guard.require(authorization);
        return ResponseEntity.ok(faults.state());
    }

    @PostMapping
    ResponseEntity<Object> set(@RequestHeader(value = "Authorization", required = false) String authorization,
            @RequestBody FaultRequest request) {
        guard.require(authorization);
        if (request.route() != null) {
            faults.setRoute(request.route(), new FaultSwitch.RouteFault(
                    request.errorRate() == null ? 0 : request.errorRate(),
                    request.latencyMs() == null ? 0 : request.latencyMs(),
                    request.slowQueryMs() == null ? 0 : request.slowQueryMs()));
        } else if ("curation".equals(request.job()) && request.paused() != null) {
            curation.pause(request.paused());
        } else if (request.check() != null && request.status() != null) {
            faults.forceCheck(request.check(), HealthStatus.valueOf(request.status().toUpperCase(Locale.ROOT)));
        } else {
            throw new IllegalArgumentException("send {\"route\", \"errorRate\", \"latencyMs\"}, {\"check\", \"status\"}"
                    + " or {\"job\": \"curation\", \"paused\": true}");
        }
        return ResponseEntity.ok(faults.state());
    }

    @DeleteMapping
    ResponseEntity<Object> clear(@RequestHeader(value = "Authorization", required = false) String authorization) {
        guard.require(authorization);
        faults.clear();
        curation.pause(false);
        return ResponseEntity.ok(faults.state());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("error", "bad_request", "message", e.getMessage()));
    }

    @ExceptionHandler(DemoAdminGuard.Unauthorized.class)
    ResponseEntity<Map<String, String>> unauthorized() {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .body(Map.of("error", "unauthorized", "message", "send Authorization: Bearer <monitor.admin.token>"));
    }
}
