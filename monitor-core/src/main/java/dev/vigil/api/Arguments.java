package dev.vigil.api;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The input of one call of an {@link Operation}, checked against its {@link InputSchema}: path and query
 * parameters as their declared types, undeclared query parameters where the schema passes them on, the
 * declared headers, and the body. Asking for something the schema does not declare is a programming error.
 */
public final class Arguments {

    private final InputSchema schema;
    private final Map<String, Object> params;
    private final Map<String, String> otherQueryParams;
    private final Map<String, String> headers;
    private final @Nullable JsonBody body;
    private final String remoteAddress;
    private final byte @Nullable [] rawBody;

    Arguments(InputSchema schema, Map<String, Object> params, Map<String, String> otherQueryParams,
            Map<String, String> headers, @Nullable JsonBody body, String remoteAddress) {
        this(schema, params, otherQueryParams, headers, body, remoteAddress, null);
    }

    private Arguments(InputSchema schema, Map<String, Object> params, Map<String, String> otherQueryParams,
            Map<String, String> headers, @Nullable JsonBody body, String remoteAddress, byte @Nullable [] rawBody) {
        this.schema = schema;
        this.params = Map.copyOf(params);
        this.otherQueryParams = Map.copyOf(otherQueryParams);
        this.headers = Map.copyOf(headers);
        this.body = body;
        this.remoteAddress = remoteAddress;
        this.rawBody = rawBody;
    }

    /** These arguments with {@code body}. */
    Arguments withBody(JsonBody body) {
        return new Arguments(schema, params, otherQueryParams, headers, body, remoteAddress, null);
    }

    /** These arguments with the raw body of an operation that reads it so. */
    Arguments withRawBody(byte[] bytes) {
        return new Arguments(schema, params, otherQueryParams, headers, null, remoteAddress, bytes);
    }

    /** The client's address as the transport saw it, or {@code ""} when the transport does not know it. */
    public String remoteAddress() {
        return remoteAddress;
    }

    /**
     * The body's bytes as they came, for an operation declared with {@link Operation.Builder#rawJsonBody()} or
     * {@link Operation.Builder#rawFormBody()} (its content type checked, its size capped, nothing parsed).
     *
     * @throws IllegalStateException if the operation does not read its body raw
     */
    public byte[] rawBody() {
        if (rawBody == null) {
            throw new IllegalStateException("this operation does not read its body raw");
        }
        return rawBody.clone();
    }

    /** A path parameter's value. */
    public String path(String name) {
        BodyField field = declared(name);
        if (!schema.pathParams().contains(field)) {
            throw new IllegalArgumentException("'" + name + "' is not a path parameter");
        }
        return String.valueOf(params.get(name));
    }

    /** A string or enum parameter's value. */
    public Optional<String> string(String name) {
        return get(name, String.class, BodyField.Type.STRING, BodyField.Type.ENUM);
    }

    /** An integer parameter's value. */
    public Optional<Integer> integer(String name) {
        return get(name, Integer.class, BodyField.Type.INTEGER);
    }

    /** A number parameter's value. */
    public Optional<Double> number(String name) {
        return get(name, Double.class, BodyField.Type.NUMBER);
    }

    /** A boolean parameter's value. */
    public Optional<Boolean> bool(String name) {
        return get(name, Boolean.class, BodyField.Type.BOOLEAN);
    }

    /** The undeclared query parameters (first value of each), when the schema passes them on; else empty. */
    public Map<String, String> otherQueryParams() {
        return otherQueryParams;
    }

    /** A declared header's value. */
    public Optional<String> header(String name) {
        String declared = schema.headers().keySet().stream().filter(known -> known.equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("header '" + name + "' is not declared"));
        return Optional.ofNullable(headers.get(declared));
    }

    /** Whether the body was read: the operation takes one, and it was selected for this call. */
    public boolean hasBody() {
        return body != null;
    }

    /**
     * The body, checked against the operation's {@link BodySpec}.
     *
     * @throws IllegalStateException if the operation read no body for this call
     */
    public JsonBody body() {
        if (body == null) {
            throw new IllegalStateException("no body was read for this call");
        }
        return body;
    }

    private <T> Optional<T> get(String name, Class<T> type, BodyField.Type... types) {
        BodyField field = declared(name);
        if (!Set.of(types).contains(field.type())) {
            throw new IllegalArgumentException("parameter '" + name + "' is declared as " + field.type());
        }
        return Optional.ofNullable(params.get(name)).map(type::cast);
    }

    private BodyField declared(String name) {
        Objects.requireNonNull(name, "name");
        return schema.param(name).orElseThrow(() -> new IllegalArgumentException("parameter '" + name + "' is not declared"));
    }

    @Override
    public String toString() {
        return "Arguments" + params.keySet() + (body == null ? "" : " " + body);
    }
}
