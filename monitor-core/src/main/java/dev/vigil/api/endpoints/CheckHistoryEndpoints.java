package dev.vigil.api.endpoints;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.vigil.api.BodyField;
import dev.vigil.api.InputSchema;
import dev.vigil.api.Operation;
import dev.vigil.api.Result;
import dev.vigil.health.CheckHealth;
import dev.vigil.health.HealthCheckRun;
import dev.vigil.health.HealthRegistry;
import dev.vigil.security.Role;

/**
 * {@code GET /checks/history}: the newest runs of every health check (time, status, duration, message), what the
 * dashboard's per-check strips draw. Read from the history {@link HealthRegistry} keeps (restored from the store
 * at start).
 */
public final class CheckHistoryEndpoints {

    /** Runs per check when {@code limit} is not given. */
    public static final int DEFAULT_LIMIT = 40;

    static final BodyField LIMIT = BodyField.integer("limit").between(1, 500)
            .describedAs("runs per check, newest last (default 40)");

    private CheckHistoryEndpoints() {
    }

    /** The {@code checks.history} operation over {@code health}. */
    public static Operation operation(HealthRegistry health) {
        return Operation.get("checks.history", "/checks/history")
                .role(Role.READ)
                .description("The newest runs of every health check, oldest first: time, status, duration, message")
                .input(InputSchema.builder().query(LIMIT).build())
                .handler((caller, arguments) -> {
                    int limit = arguments.integer("limit").orElse(DEFAULT_LIMIT);
                    List<Object> checks = new ArrayList<>();
                    for (CheckHealth check : health.report().checks()) {
                        List<HealthCheckRun> history = health.history(check.name());
                        List<Object> runs = new ArrayList<>();
                        for (HealthCheckRun run : history.subList(Math.max(0, history.size() - limit), history.size())) {
                            Map<String, Object> json = new LinkedHashMap<>();
                            json.put("at", run.checkedAt().toString());
                            json.put("status", run.status().jsonName());
                            json.put("durationMs", run.duration().toMillis());
                            if (!run.message().isEmpty()) {
                                json.put("message", run.message());
                            }
                            runs.add(json);
                        }
                        Map<String, Object> entry = new LinkedHashMap<>();
                        entry.put("name", check.name());
                        entry.put("critical", check.critical());
                        entry.put("status", check.result().status().jsonName());
                        entry.put("runs", runs);
                        checks.add(entry);
                    }
                    return Result.ok(Map.of("checks", checks));
                })
                .build();
    }
}
