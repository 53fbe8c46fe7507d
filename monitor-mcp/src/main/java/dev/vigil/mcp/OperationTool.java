package dev.vigil.mcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import dev.vigil.api.BodyField;
import dev.vigil.api.InputSchema;
import dev.vigil.api.Operation;
import dev.vigil.api.OperationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * One operation of Vigil's API as an MCP tool: its name ({@code vigil_} and the operation id in snake case),
 * a description for an assistant, one flat input object (path parameters, query parameters, headers and body
 * fields side by side) and the hints an assistant's client shows (read-only, destructive, idempotent).
 * A call is turned back into the operation's HTTP request by {@link McpDispatcher}, so the API decides
 * everything, as for any other caller.
 *
 * @param name the tool's name, e.g. {@code vigil_alerts_ack}
 * @param operation the operation it calls
 * @param fullPath the operation's whole path template, e.g. {@code /api/admin/alerts/{id}/ack}
 * @param arguments every argument, by name, with where it goes
 * @param tagsArgument the name of the argument whose string values become undeclared query parameters
 *        (tag filters of {@code metrics}), or null
 */
record OperationTool(String name, Operation operation, String fullPath, Map<String, Argument> arguments,
        @Nullable String tagsArgument) {

    /** Prefix of every tool name. */
    static final String PREFIX = "vigil_";

    /** The argument that carries undeclared query parameters, for an operation that takes them. */
    static final String TAGS = "tags";

    /** Headers the endpoint sets itself (JSON in, the operation's default representation out). */
    private static final Set<String> OWN_HEADERS = Set.of("accept", "content-type", "authorization");

    /** Body fields an assistant never sends: an approval is a person's, given elsewhere. */
    static final Map<String, Set<String>> WITHHELD_FIELDS = Map.of("trigger-action", Set.of("approvalToken"));

    /** State-changing operations whose effect only adds (an acknowledgement, a silence): not destructive. */
    private static final Set<String> ADDITIVE = Set.of("alerts.ack", "silences.create", "incidents.ack",
            "incidents.known-fix", "deployments.record");

    /** Where an argument goes in the operation's request. */
    enum Target { PATH, QUERY, HEADER, BODY }

    /**
     * One argument.
     *
     * @param name the argument's name in the tool's input
     * @param target where it goes
     * @param wireName its name there: the path variable, query parameter, header or body field
     * @param field its declaration
     */
    record Argument(String name, Target target, String wireName, BodyField field) {
    }

    OperationTool {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(fullPath, "fullPath");
        arguments = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    }

    /** The tool name of an operation id: {@code alerts.ack} → {@code vigil_alerts_ack}. */
    static String toolName(String operationId) {
        return PREFIX + operationId.replace('.', '_').replace('-', '_');
    }

    /**
     * The tool for {@code operation}.
     *
     * @throws IllegalArgumentException if two of its inputs would share an argument name
     */
    static OperationTool of(Operation operation, OperationRegistry registry) {
        Map<String, Argument> arguments = new LinkedHashMap<>();
        operation.input().pathParams().forEach(field -> add(arguments, operation, new Argument(field.name(), Target.PATH,
                field.name(), field)));
        operation.input().queryParams().forEach(field -> add(arguments, operation, new Argument(field.name(), Target.QUERY,
                field.name(), field)));
        operation.input().headers().forEach((header, description) -> {
            if (!OWN_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
                add(arguments, operation, new Argument(camelCase(header), Target.HEADER, header,
                        BodyField.string(camelCase(header)).maxLength(200).describedAs(description)));
            }
        });
        if (operation.input().body() != null) {
            Set<String> withheld = WITHHELD_FIELDS.getOrDefault(operation.id(), Set.of());
            for (BodyField field : operation.input().body().fields()) {
                if (!withheld.contains(field.name())) {
                    add(arguments, operation, new Argument(field.name(), Target.BODY, field.name(), field));
                }
            }
        }
        String tags = null;
        if (operation.input().otherQueryParams() != null) {
            tags = TAGS;
            add(arguments, operation, new Argument(TAGS, Target.QUERY, TAGS, BodyField.stringMap(TAGS)
                    .describedAs(operation.input().otherQueryParams())));
        }
        return new OperationTool(toolName(operation.id()), operation, registry.fullPath(operation), arguments, tags);
    }

    private static void add(Map<String, Argument> arguments, Operation operation, Argument argument) {
        if (arguments.putIfAbsent(argument.name(), argument) != null) {
            throw new IllegalArgumentException("operation " + operation.id() + " has two inputs called '" + argument.name()
                    + "', which one tool argument cannot tell apart");
        }
    }

    private static String camelCase(String header) {
        String[] words = header.toLowerCase(Locale.ROOT).split("-");
        StringBuilder name = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            if (!words[i].isEmpty()) {
                name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
            }
        }
        return name.toString();
    }

    /** Whether the tool only reads. */
    boolean readOnly() {
        return !operation.changesState();
    }

    /** Whether the tool may change or remove something (not only add). */
    boolean destructive() {
        return operation.changesState() && !ADDITIVE.contains(operation.id());
    }

    /** Whether calling it twice with the same arguments has no further effect. */
    boolean idempotent() {
        return !operation.changesState() || operation.method().equals("PUT") || operation.method().equals("DELETE")
                || operation.id().endsWith(".ack");
    }

    /** The tool's input as one JSON Schema object. */
    Map<String, Object> inputSchema() {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        arguments.values().forEach(argument -> {
            Map<String, Object> schema = new LinkedHashMap<>(argument.field().toJsonSchema());
            if (!schema.containsKey("description")) {
                schema.put("description", switch (argument.target()) {
                    case PATH -> "the " + argument.wireName() + " in the path";
                    case QUERY -> "the query parameter " + argument.wireName();
                    case HEADER -> "the " + argument.wireName() + " header";
                    case BODY -> "the field " + argument.wireName() + " of the request";
                });
            }
            properties.put(argument.name(), schema);
            if (argument.field().isRequired()) {
                required.add(argument.name());
            }
        });
        return InputSchema.closedObject(properties, required);
    }

    /** What the tool does, for an assistant: the operation's description, its effect, and who may call it. */
    String description() {
        String base = operation.description().strip();
        StringBuilder text = new StringBuilder(base.endsWith(".") ? base : base + ".");
        if (readOnly()) {
            text.append(" Read-only.");
        } else {
            text.append(" Changes the monitored service's state as the user whose token you hold; recorded in Vigil's"
                    + " audit trail. Ask the user before calling it.");
        }
        if (operation.id().equals("trigger-action")) {
            text.append(" A critical action does not run at once: it waits until a different person approves it"
                    + " (you cannot approve it); tell the user the approval token the result gives. vigil_actions lists"
                    + " the actions and their parameters.");
        }
        if (operation.id().equals("run-query")) {
            text.append(" One read-only SQL SELECT; the database enforces read-only, rows and time are limited.");
        }
        operation.access().role().ifPresent(role -> text.append(" Needs the role ").append(role.jsonName()).append('.'));
        return text.toString();
    }

    /** A short title: the operation id in words. */
    String title() {
        String words = operation.id().replace('.', ' ').replace('-', ' ');
        return "Vigil: " + words;
    }
}
