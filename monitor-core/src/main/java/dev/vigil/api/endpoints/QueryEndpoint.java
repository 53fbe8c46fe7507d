package dev.vigil.api.endpoints;

import java.util.Optional;
import java.util.function.Supplier;
import dev.vigil.api.ApiException;
import dev.vigil.api.BodyField;
import dev.vigil.api.BodySpec;
import dev.vigil.api.InputSchema;
import dev.vigil.api.JsonBody;
import dev.vigil.api.Operation;
import dev.vigil.api.Result;
import dev.vigil.query.AdminQueryService;
import dev.vigil.query.QueryException;
import dev.vigil.security.Role;

/**
 * {@code POST /run-query}: one read-only SQL statement through the {@link AdminQueryService} the host set
 * (the JDBC module's read-only query runner), as the caller; 404 while none is set.
 */
public final class QueryEndpoint {

    /** {@code POST /run-query}. */
    static final BodySpec RUN_QUERY = BodySpec.of(
            BodyField.string("query").required().describedAs("one read-only SQL statement"),
            BodyField.integer("maxRows").between(1, Integer.MAX_VALUE)
                    .describedAs("rows wanted (default 100; the query service caps it)"));

    private QueryEndpoint() {
    }

    /**
     * The {@code run-query} operation. It needs the role {@code operator}: it reads the database directly,
     * beyond what the {@code read} role's views show.
     *
     * @param service the query service, once one is set
     */
    public static Operation operation(Supplier<Optional<AdminQueryService>> service) {
        return Operation.post("run-query", "/run-query")
                .role(Role.OPERATOR)
                .changesState(false)
                .description("Runs one read-only SQL statement, time- and row-limited, audited as the caller")
                .input(InputSchema.builder().body(RUN_QUERY).build())
                .bodySelector(arguments -> service.get().map(set -> RUN_QUERY)) // disabled: 404 with the body unread
                .handler((caller, arguments) -> {
                    AdminQueryService queries = service.get().orElseThrow(() -> new ApiException(404, "not_found",
                            "run-query is disabled (monitor.query.enabled=false)", null));
                    JsonBody body = arguments.body();
                    try {
                        return Result.ok(queries.run(body.string("query").orElseThrow(), body.integer("maxRows").orElse(100),
                                caller.id()));
                    } catch (QueryException e) {
                        return Result.error(e.kind().httpStatus(), e.code(), e.getMessage());
                    }
                })
                .build();
    }
}
