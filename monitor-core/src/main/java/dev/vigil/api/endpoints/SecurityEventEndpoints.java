package dev.vigil.api.endpoints;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import dev.vigil.alert.Severity;
import dev.vigil.api.ApiException;
import dev.vigil.api.BodyField;
import dev.vigil.api.InputSchema;
import dev.vigil.api.Operation;
import dev.vigil.api.Result;
import dev.vigil.security.Role;
import dev.vigil.security.event.SecurityEvent;
import dev.vigil.security.event.SecurityEventQuery;
import dev.vigil.security.event.SecurityEventStore;
import dev.vigil.security.event.SecurityEventType;

/** {@code GET /security-events}: failed logins, refused requests and attack signatures, newest first. */
public final class SecurityEventEndpoints {

    private static final String[] TYPES = Arrays.stream(SecurityEventType.values()).map(SecurityEventType::jsonName)
            .toArray(String[]::new);
    private static final String[] SEVERITIES = Arrays.stream(Severity.values()).map(Severity::jsonName)
            .toArray(String[]::new);

    private SecurityEventEndpoints() {
    }

    /** The {@code security-events} operation over {@code store}. */
    public static Operation operation(SecurityEventStore store) {
        return Operation.get("security-events", "/security-events")
                .role(Role.READ)
                .description("Security events (failed logins, 401/403/429 responses, SQL-injection, XSS and path-traversal"
                        + " signatures), newest first; repeats within a minute are one event with a count")
                .input(InputSchema.builder()
                        .query(BodyField.oneOf("type", TYPES).describedAs("only this type"))
                        .query(BodyField.oneOf("severity", SEVERITIES).describedAs("only this severity"))
                        .query(BodyField.string("ip").maxLength(SecurityEvent.MAX_IP).describedAs("only from this address"))
                        .query(BodyField.string("user").maxLength(SecurityEvent.MAX_USER).describedAs("only about this user"))
                        .query(Params.SINCE)
                        .query(Params.LIMIT)
                        .build())
                .handler((caller, arguments) -> {
                    SecurityEventQuery query = SecurityEventQuery.latest(arguments.integer("limit").orElse(100));
                    Optional<String> type = arguments.string("type");
                    if (type.isPresent()) {
                        query = query.ofType(SecurityEventType.fromJson(type.get()));
                    }
                    Optional<String> severity = arguments.string("severity");
                    if (severity.isPresent()) {
                        query = query.withSeverity(Severity.valueOf(severity.get().toUpperCase(Locale.ROOT)));
                    }
                    Optional<String> ip = arguments.string("ip");
                    if (ip.isPresent()) {
                        query = query.fromIp(ip.get());
                    }
                    Optional<String> user = arguments.string("user");
                    if (user.isPresent()) {
                        query = query.aboutUser(user.get());
                    }
                    Optional<String> since = arguments.string("since");
                    if (since.isPresent()) {
                        try {
                            query = query.after(Params.instant(since.get()));
                        } catch (IllegalArgumentException e) {
                            throw ApiException.invalidField("since", e.getMessage());
                        }
                    }
                    return Result.ok(Map.of("events", store.query(query).stream().map(SecurityEvent::toJson).toList()));
                })
                .build();
    }
}
