package dev.vigil.api.endpoints;

import java.util.Map;
import java.util.Optional;
import dev.vigil.api.BodyField;
import dev.vigil.api.InputSchema;
import dev.vigil.api.Operation;
import dev.vigil.api.Result;
import dev.vigil.audit.AuditEntry;
import dev.vigil.audit.AuditLog;
import dev.vigil.audit.AuditQuery;
import dev.vigil.security.Role;

/** The audit trail of actions, queries and configuration changes, newest first. */
public final class AuditEndpoints {

    private AuditEndpoints() {
    }

    /** The {@code audit} operation over {@code audit}. */
    public static Operation operation(AuditLog audit) {
        return Operation.get("audit", "/audit")
                .role(Role.READ)
                .description("The audit trail of actions, queries and configuration changes, newest first")
                .input(InputSchema.builder()
                        .query(BodyField.string("type").maxLength(20).describedAs("action, query, config, incident or tool"))
                        .query(BodyField.string("who").maxLength(100).describedAs("a caller's id"))
                        .query(BodyField.string("subject").maxLength(200).describedAs("an action, key or query subject"))
                        .query(Params.SINCE)
                        .query(Params.LIMIT)
                        .build())
                .handler((caller, arguments) -> {
                    AuditQuery query = AuditQuery.latest(arguments.integer("limit").orElse(100));
                    Optional<String> type = arguments.string("type");
                    if (type.isPresent()) {
                        query = query.ofType(AuditEntry.Type.fromJson(type.get()));
                    }
                    Optional<String> who = arguments.string("who");
                    if (who.isPresent()) {
                        query = query.by(who.get());
                    }
                    Optional<String> subject = arguments.string("subject");
                    if (subject.isPresent()) {
                        query = query.about(subject.get());
                    }
                    Optional<String> since = arguments.string("since");
                    if (since.isPresent()) {
                        query = query.after(Params.instant(since.get()));
                    }
                    return Result.ok(Map.of("entries", audit.query(query).stream().map(AuditEntry::toJson).toList()));
                })
                .build();
    }
}
