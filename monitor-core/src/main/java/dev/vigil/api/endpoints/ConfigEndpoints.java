package dev.vigil.api.endpoints;

import java.util.LinkedHashMap;
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
import dev.vigil.config.ConfigEntry;
import dev.vigil.config.ConfigKey;
import dev.vigil.config.RuntimeConfig;
import dev.vigil.config.UnknownConfigKeyException;
import dev.vigil.security.Role;

/** Runtime switches: their values and descriptions, and changing one as the caller. */
public final class ConfigEndpoints {

    /** What {@code PUT /config/{key}} documents; each key reads its body with its own type ({@link #spec}). */
    private static final BodySpec ANY_VALUE = BodySpec.of(BodyField.any("value").required()
            .describedAs("the key's type, as GET config lists it: true or false, an integer, or a duration such as \"30s\""));

    private ConfigEndpoints() {
    }

    /** The {@code config} and {@code config.set} operations over {@code config}. */
    public static List<Operation> operations(RuntimeConfig config) {
        return List.of(
                Operation.get("config", "/config")
                        .role(Role.READ)
                        .description("The runtime switches: current values, and each key's type, default and description")
                        .handler((caller, arguments) -> {
                            Map<String, Object> body = new LinkedHashMap<>();
                            body.put("config", new LinkedHashMap<>(config.all()));
                            body.put("keys", config.entries().stream().map(ConfigEntry::toJson).toList());
                            return Result.ok(body);
                        })
                        .build(),
                Operation.put("config.set", "/config/{key}")
                        .role(Role.OPERATOR)
                        .description("Changes a runtime switch as the caller (audited): kill switch, auto-fix, max runs per"
                                + " hour, monitoring on or off, check interval")
                        .input(InputSchema.builder()
                                .path(BodyField.string("key").maxLength(100).describedAs("the switch, e.g. actions.kill-switch"))
                                .body(ANY_VALUE)
                                .build())
                        .bodySelector(arguments -> key(arguments.path("key")).map(ConfigEndpoints::spec))
                        .handler((caller, arguments) -> {
                            String key = arguments.path("key");
                            if (!arguments.hasBody()) { // an unknown key: refused and audited like any refused change
                                try {
                                    config.set(key, null, caller.id());
                                } catch (UnknownConfigKeyException e) {
                                    throw new ApiException(404, "not_found", e.getMessage(), null);
                                }
                                throw new IllegalStateException("the runtime configuration accepted the unknown key " + key);
                            }
                            ConfigKey<?> configKey = key(key).orElseThrow();
                            JsonBody body = arguments.body();
                            Object given = switch (configKey.typeName()) {
                                case "boolean" -> body.bool("value").orElseThrow();
                                case "integer" -> body.integer("value").orElseThrow();
                                default -> body.string("value").orElseThrow();
                            };
                            Object value;
                            try {
                                value = config.set(key, given, caller.id());
                            } catch (IllegalArgumentException e) { // out of range: the key's own message, e.g. "must be an integer 1..1000"
                                throw ApiException.invalidField("value", e.getMessage());
                            }
                            Map<String, Object> answer = new LinkedHashMap<>();
                            answer.put("key", key);
                            answer.put("value", value);
                            return Result.ok(answer);
                        })
                        .build());
    }

    private static Optional<ConfigKey<?>> key(String name) {
        return RuntimeConfig.KEYS.stream().filter(known -> known.name().equals(name)).findFirst();
    }

    /** {@code {"value": ...}} of the key's type (a duration as text such as {@code "30s"}). */
    static BodySpec spec(ConfigKey<?> key) {
        String description = key.description() + " (" + key.allowed() + ")";
        BodyField value = switch (key.typeName()) {
            case "boolean" -> BodyField.bool("value");
            case "integer" -> BodyField.integer("value");
            default -> BodyField.string("value").maxLength(40);
        };
        return BodySpec.of(value.required().describedAs(description));
    }
}
