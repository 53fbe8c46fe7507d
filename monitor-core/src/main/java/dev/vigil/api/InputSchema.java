package dev.vigil.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Everything an {@link Operation} takes, declared so that {@link MonitorApi} can check every request before
 * the handler sees it, and describe the operation to clients as JSON Schema: path parameters (one per
 * {@code {name}} of the path template), query parameters, headers, and the JSON body.
 *
 * <p>Parameters reuse {@link BodyField} with the types a text can carry: string (with a maximum length),
 * integer or number (with limits), boolean ({@code true} / {@code false}) and enum. Path parameters are
 * always required; query parameters when declared {@link BodyField#required()}. Undeclared query
 * parameters are ignored, unless {@link Builder#otherQueryParams} passes them on (e.g. tag filters).
 *
 * @param pathParams the path template's variables
 * @param queryParams the declared query parameters
 * @param otherQueryParams what undeclared query parameters mean, or null when they are ignored
 * @param headers headers the operation reads, by name, with what they mean
 * @param body the JSON body, or null when the operation takes none (its body is never read)
 */
public record InputSchema(List<BodyField> pathParams, List<BodyField> queryParams, @Nullable String otherQueryParams,
        Map<String, String> headers, @Nullable BodySpec body) {

    /** No input at all. */
    public static final InputSchema NONE = builder().build();

    private static final List<BodyField.Type> TEXT_TYPES = List.of(BodyField.Type.STRING, BodyField.Type.INTEGER,
            BodyField.Type.NUMBER, BodyField.Type.BOOLEAN, BodyField.Type.ENUM);

    public InputSchema {
        pathParams = List.copyOf(pathParams);
        queryParams = List.copyOf(queryParams);
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        List<String> names = new ArrayList<>();
        for (BodyField field : pathParams) {
            if (!field.isRequired()) {
                throw new IllegalArgumentException("path parameter '" + field.name() + "' must be required");
            }
        }
        for (List<BodyField> fields : List.of(pathParams, queryParams)) {
            for (BodyField field : fields) {
                if (!TEXT_TYPES.contains(field.type())) {
                    throw new IllegalArgumentException("parameter '" + field.name() + "' must be a string, integer, number,"
                            + " boolean or enum, not " + field.type());
                }
                if (names.contains(field.name())) {
                    throw new IllegalArgumentException("parameter '" + field.name() + "' is declared twice");
                }
                names.add(field.name());
            }
        }
        for (String header : headers.keySet()) {
            if (!header.matches("[A-Za-z][A-Za-z0-9-]{0,63}")) {
                throw new IllegalArgumentException("not a header name: '" + header + "'");
            }
        }
    }

    /** Starts an empty schema. */
    public static Builder builder() {
        return new Builder();
    }

    /** The declared path or query parameter called {@code name}, if any. */
    public Optional<BodyField> param(String name) {
        for (List<BodyField> fields : List.of(pathParams, queryParams)) {
            for (BodyField field : fields) {
                if (field.name().equals(name)) {
                    return Optional.of(field);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The schema as one JSON Schema object with a property per kind of input that the operation takes:
     * {@code path}, {@code query}, {@code headers} and {@code body}, each itself an object schema.
     */
    public Map<String, Object> toJsonSchema() {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        if (!pathParams.isEmpty()) {
            properties.put("path", objectSchema(pathParams, null));
            required.add("path");
        }
        if (!queryParams.isEmpty() || otherQueryParams != null) {
            properties.put("query", objectSchema(queryParams, otherQueryParams));
            if (queryParams.stream().anyMatch(BodyField::isRequired)) {
                required.add("query");
            }
        }
        if (!headers.isEmpty()) {
            Map<String, Object> headerProperties = new LinkedHashMap<>();
            headers.forEach((name, description) -> {
                Map<String, Object> header = new LinkedHashMap<>();
                header.put("type", "string");
                if (!description.isEmpty()) {
                    header.put("description", description);
                }
                headerProperties.put(name, header);
            });
            Map<String, Object> schema = new LinkedHashMap<>();
            schema.put("type", "object");
            schema.put("properties", headerProperties);
            properties.put("headers", schema);
        }
        if (body != null) {
            properties.put("body", body.toJsonSchema());
            if (body.bodyRequired()) {
                required.add("body");
            }
        }
        return closedObject(properties, required);
    }

    /**
     * A JSON Schema object with these properties, the required ones named, and no others allowed
     * ({@code additionalProperties: false}).
     */
    public static Map<String, Object> closedObject(Map<String, Object> properties, List<String> required) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    private static Map<String, Object> objectSchema(List<BodyField> fields, @Nullable String others) {
        Map<String, Object> schema = new LinkedHashMap<>(new BodySpec(fields).toJsonSchema());
        if (others != null) {
            Map<String, Object> other = new LinkedHashMap<>();
            other.put("type", "string");
            other.put("description", others);
            schema.put("additionalProperties", other);
        }
        return schema;
    }

    /**
     * {@code text} as {@code field}'s type.
     *
     * @throws ApiException 400 {@code invalid_field} naming the parameter and what it must be
     */
    static Object parse(BodyField field, String text) {
        String name = field.name();
        switch (field.type()) {
            case STRING -> {
                if (text.length() > field.maxLength()) {
                    throw ApiException.invalidField(name, name + " must be at most " + field.maxLength()
                            + " characters; got " + text.length());
                }
                return text;
            }
            case INTEGER -> {
                try {
                    long value = Long.parseLong(text.strip());
                    if (value >= field.min() && value <= field.max()) {
                        return (int) value;
                    }
                } catch (NumberFormatException e) {
                    // refused below
                }
            }
            case NUMBER -> {
                try {
                    double value = Double.parseDouble(text.strip());
                    if (Double.isFinite(value) && value >= field.min() && value <= field.max()) {
                        return value;
                    }
                } catch (NumberFormatException e) {
                    // refused below
                }
            }
            case BOOLEAN -> {
                String value = text.strip().toLowerCase(Locale.ROOT);
                if (value.equals("true") || value.equals("false")) {
                    return Boolean.valueOf(value);
                }
            }
            case ENUM -> {
                if (field.allowedValues().contains(text)) {
                    return text;
                }
            }
            default -> throw new IllegalStateException("not a parameter type: " + field.type());
        }
        throw ApiException.invalidField(name, name + " must be " + field.expected() + "; got '" + BodySpec.echo(text) + "'");
    }

    /** Builds an {@link InputSchema}. */
    public static final class Builder {
        private final List<BodyField> pathParams = new ArrayList<>();
        private final List<BodyField> queryParams = new ArrayList<>();
        private @Nullable String otherQueryParams;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private @Nullable BodySpec body;

        private Builder() {
        }

        /** A path parameter, named as in the path template ({@code {id}}); always required. */
        public Builder path(BodyField field) {
            pathParams.add(Objects.requireNonNull(field, "field").required());
            return this;
        }

        /** A query parameter. */
        public Builder query(BodyField field) {
            queryParams.add(Objects.requireNonNull(field, "field"));
            return this;
        }

        /** Undeclared query parameters are passed on, meaning {@code description} (e.g. "filters by tag"). */
        public Builder otherQueryParams(String description) {
            this.otherQueryParams = Objects.requireNonNull(description, "description");
            return this;
        }

        /** A header the operation reads, e.g. {@code Idempotency-Key}. */
        public Builder header(String name, String description) {
            headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(description, "description"));
            return this;
        }

        /** The JSON body ({@link BodySpec#NONE}: none, or {@code {}}). */
        public Builder body(BodySpec body) {
            this.body = Objects.requireNonNull(body, "body");
            return this;
        }

        /** The schema. */
        public InputSchema build() {
            return new InputSchema(pathParams, queryParams, otherQueryParams, headers, body);
        }
    }
}
