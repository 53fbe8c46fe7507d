package dev.vigil.api.endpoints;

import java.util.LinkedHashMap;
import java.util.Map;
import dev.vigil.api.ApiException;
import dev.vigil.api.BodyField;
import dev.vigil.api.BodySpec;
import dev.vigil.api.InputSchema;
import dev.vigil.api.Operation;
import dev.vigil.api.Result;
import dev.vigil.security.Role;

/**
 * {@code POST /errors}: the error-ingest operation, a placeholder. It checks a minimal event body and
 * answers 202, but stores nothing: incidents (classification, grouping, their lifecycle) are not built
 * yet. It exists so that the role {@code ingest} has its one operation, and the access rules can be
 * proven on it: an ingest-only token may post errors and nothing else.
 */
public final class ErrorIngestEndpoint {

    /** The most characters of {@code error.message} accepted. */
    static final int MAX_MESSAGE = 10_000;

    static final BodySpec ERROR_EVENT = BodySpec.of(
            BodyField.object("error").required().describedAs("the error: message (required), and any of type, stack"),
            BodyField.string("service").maxLength(200).describedAs("the service or component it happened in"),
            BodyField.string("environment").maxLength(100).describedAs("e.g. production"),
            BodyField.string("release").maxLength(200).describedAs("the version that raised it"),
            BodyField.string("timestamp").maxLength(40).describedAs("when it happened, ISO-8601"));

    private ErrorIngestEndpoint() {
    }

    /** The {@code errors.ingest} placeholder operation. */
    public static Operation operation() {
        return Operation.post("errors.ingest", "/errors")
                .role(Role.INGEST)
                .description("Posts an error event (placeholder: the event is checked and answered 202, but not stored;"
                        + " incidents are not built yet)")
                .input(InputSchema.builder().body(ERROR_EVENT).build())
                .handler((caller, arguments) -> {
                    Object message = arguments.body().object("error").get("message");
                    if (!(message instanceof String text) || text.isBlank()) {
                        throw new ApiException(400, message == null ? "missing_field" : "invalid_field",
                                "error.message is required: a string of at most " + MAX_MESSAGE + " characters", "error.message");
                    }
                    if (text.length() > MAX_MESSAGE) {
                        throw ApiException.invalidField("error.message", "error.message must be at most " + MAX_MESSAGE
                                + " characters; got " + text.length());
                    }
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("status", "accepted");
                    body.put("stored", false);
                    body.put("note", "incidents are not stored yet: Vigil checked this event and dropped it");
                    return Result.of(202, body);
                })
                .build();
    }
}
