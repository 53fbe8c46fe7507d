package dev.vigil.api.endpoints;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.vigil.api.ApiException;
import dev.vigil.api.BodyField;
import dev.vigil.api.BodySpec;
import dev.vigil.api.InputSchema;
import dev.vigil.api.JsonBody;
import dev.vigil.api.Operation;
import dev.vigil.api.Result;
import dev.vigil.deploy.Deployment;
import dev.vigil.deploy.DeploymentSource;
import dev.vigil.deploy.DeploymentStore;
import dev.vigil.security.Role;
import org.jspecify.annotations.Nullable;

/** {@code GET /deployments} lists deployments; {@code POST /deployments} lets CI record one. */
public final class DeploymentEndpoints {

    /** How far in the future a given time may be (clock skew between CI and the service). */
    private static final Duration MAX_FUTURE = Duration.ofMinutes(5);

    /** {@code POST /deployments}. */
    static final BodySpec DEPLOYMENT = BodySpec.of(
            BodyField.string("version").required().maxLength(100).describedAs("the released version"),
            BodyField.string("commit").maxLength(100).describedAs("the source commit"),
            BodyField.string("environment").maxLength(50).describedAs("production, staging..."),
            BodyField.string("description").maxLength(1000).describedAs("what the release is"),
            BodyField.string("time").maxLength(40).describedAs("ISO-8601 instant it went live; default now"));

    private DeploymentEndpoints() {
    }

    /** The two operations over {@code store}, reading now from {@code clock}. */
    public static List<Operation> operations(DeploymentStore store, Clock clock) {
        return List.of(
                Operation.get("deployments", "/deployments")
                        .role(Role.READ)
                        .description("Deployments, newest first: version, commit, time, instances, environment, source")
                        .input(InputSchema.builder().query(Params.SINCE).query(Params.LIMIT).build())
                        .handler((caller, arguments) -> {
                            Optional<String> since = arguments.string("since");
                            Instant from;
                            try {
                                from = since.map(Params::instant).orElse(null);
                            } catch (IllegalArgumentException e) {
                                throw ApiException.invalidField("since", e.getMessage());
                            }
                            List<Deployment> deployments = store.recent(from, arguments.integer("limit").orElse(100));
                            return Result.ok(Map.of("deployments", deployments.stream().map(Deployment::toJson).toList()));
                        })
                        .build(),
                Operation.post("deployments.record", "/deployments")
                        .role(Role.OPERATOR)
                        .description("Records a deployment (for CI): the same environment, version and commit again adds to"
                                + " the one recorded")
                        .input(InputSchema.builder().body(DEPLOYMENT).build())
                        .handler((caller, arguments) -> Result.created(record(store, arguments.body(), clock).toJson()))
                        .build());
    }

    private static Deployment record(DeploymentStore store, JsonBody body, Clock clock) {
        String version = text(body, "version");
        if (version == null) {
            throw ApiException.invalidField("version", "version must not be blank");
        }
        Instant now = clock.instant();
        Instant time = now;
        Optional<String> given = body.string("time");
        if (given.isPresent()) {
            try {
                time = Instant.parse(given.get().strip());
            } catch (DateTimeParseException e) {
                throw ApiException.invalidField("time", "time must be an ISO-8601 instant such as 2026-03-01T10:15:00Z");
            }
            if (time.isAfter(now.plus(MAX_FUTURE))) {
                throw ApiException.invalidField("time", "time must not be in the future");
            }
        }
        return store.record(Deployment.of(version, text(body, "commit"), text(body, "environment"),
                text(body, "description"), time, null, DeploymentSource.API));
    }

    /** A string field, stripped; absent or blank is null. */
    private static @Nullable String text(JsonBody body, String field) {
        return body.string(field).map(String::strip).filter(value -> !value.isEmpty()).orElse(null);
    }
}
