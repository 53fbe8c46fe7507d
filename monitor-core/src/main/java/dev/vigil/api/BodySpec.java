package dev.vigil.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.internal.Json;

/**
 * The JSON body an endpoint takes, declared field by field, and the strict reader for it. A body
 * passes only if it is sent as {@code Content-Type: application/json} (a {@code charset=utf-8}
 * parameter is fine), fits the cap, is one well-formed JSON object with nothing after it, repeats no
 * key, has no field the spec does not declare, has every required field, and every value has its
 * field's type and limits. An integer field refuses {@code 5.5}, {@code "5"} and {@code true}; a string
 * field refuses numbers; an enum field names its allowed values. {@code null} counts as absent.
 *
 * <p>Every refusal is an {@link ApiException} whose message names the field and what it must be, never
 * a Java type: 415 {@code unsupported_media_type}, 413 {@code payload_too_large}, 400
 * {@code malformed_json}, {@code duplicate_field}, {@code unknown_field}, {@code missing_field},
 * {@code invalid_field} or {@code bad_request} (not an object, or no body where one is required).
 *
 * <pre>{@code
 * static final BodySpec RUN_QUERY = BodySpec.of(
 *         BodyField.string("query").required(),
 *         BodyField.integer("maxRows").between(1, 1000));
 *
 * JsonBody body = RUN_QUERY.read(request, MonitorApi.MAX_BODY_BYTES);
 * String sql = body.string("query").orElseThrow();
 * int maxRows = body.integer("maxRows").orElse(100);
 * }</pre>
 *
 * @param fields the fields, in the order messages and schemas list them
 */
public record BodySpec(List<BodyField> fields) {

    /** A body with no fields: none at all, or {@code {}}. */
    public static final BodySpec NONE = new BodySpec(List.of());

    private static final int MAX_ECHO = 40;

    public BodySpec {
        fields = List.copyOf(fields);
        if (fields.stream().map(BodyField::name).distinct().count() != fields.size()) {
            throw new IllegalArgumentException("a body spec declares each field once: " + fields);
        }
    }

    /** A spec of these fields. */
    public static BodySpec of(BodyField... fields) {
        return new BodySpec(Arrays.asList(fields));
    }

    /** The declared field called {@code name}, if any. */
    public Optional<BodyField> field(String name) {
        return fields.stream().filter(field -> field.name().equals(name)).findFirst();
    }

    /** Whether a request must have a body: when any field is required. */
    public boolean bodyRequired() {
        return fields.stream().anyMatch(BodyField::isRequired);
    }

    /**
     * Checks {@code request}'s content type, reads its body (at most {@code maxBytes}; a longer declared
     * body is refused unread) and checks it against the fields. A request that declares no body
     * ({@code Content-Length: 0}) needs no content type, and is refused only when a field is required.
     *
     * @throws ApiException what is wrong with the request, as described on the class
     */
    public JsonBody read(ApiRequest request, int maxBytes) {
        RequestBody body = request.body();
        long declared = body.declaredLength();
        if (declared == 0) {
            return parse(new byte[0]);
        }
        Optional<String> contentType = request.header("Content-Type");
        if (contentType.isPresent()) {
            requireJson(contentType.get());
            return parse(body.read(maxBytes));
        }
        if (declared > 0) {
            throw unsupported("none");
        }
        byte[] bytes = body.read(maxBytes); // no length and no type: only an empty body passes
        if (bytes.length > 0) {
            throw unsupported("none");
        }
        return parse(bytes);
    }

    /**
     * Checks {@code request}'s content type like {@link #read} and reads its body as it came, at most
     * {@code maxBytes}, without parsing it: for operations that must see the exact bytes, e.g. to check a
     * signature over them. A request that declares no body gives no bytes.
     *
     * @throws ApiException 415 for a body that is not JSON, 413 for one above the cap, 400 if it cannot be read
     */
    public static byte[] readRaw(ApiRequest request, int maxBytes) {
        return readRaw(request, maxBytes, Operation.JSON);
    }

    /**
     * Like {@link #readRaw(ApiRequest, int)} for a body of {@code mediaType}: {@link Operation#JSON}, or
     * {@link Operation#FORM} for a form-encoded body (charset utf-8, if any), read as it came and not decoded.
     *
     * @throws ApiException 415 for a body of another type, 413 for one above the cap, 400 if it cannot be read
     */
    public static byte[] readRaw(ApiRequest request, int maxBytes, String mediaType) {
        RequestBody body = request.body();
        if (body.declaredLength() == 0) {
            return new byte[0];
        }
        Optional<String> contentType = request.header("Content-Type");
        if (contentType.isEmpty()) {
            if (body.declaredLength() > 0 || body.read(maxBytes).length > 0) {
                throw unsupported("none");
            }
            return new byte[0];
        }
        if (mediaType.equals(Operation.FORM)) {
            requireType(contentType.get(), Operation.FORM);
        } else {
            requireJson(contentType.get());
        }
        return body.read(maxBytes);
    }

    /**
     * Checks {@code json} (UTF-8) against the fields: everything {@link #read} checks but the content type
     * and the size. An empty (or blank) body is an empty object unless a field is required.
     *
     * @throws ApiException what is wrong with it
     */
    public JsonBody parse(byte[] json) {
        JsonNode tree = tree(Objects.requireNonNull(json, "json"));
        if (tree == null) {
            if (bodyRequired()) {
                throw ApiException.badRequest("a JSON object body is required, with " + describeFields());
            }
            return new JsonBody(this, Map.of());
        }
        if (!tree.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object, with " + describeFields()
                    + "; got " + jsonType(tree));
        }
        Iterator<String> names = tree.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (field(name).isEmpty()) {
                throw new ApiException(400, "unknown_field", "unknown field '" + echo(name) + "'; "
                        + (fields.isEmpty() ? "this request takes no fields" : "allowed: " + names()), echo(name));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (BodyField field : fields) {
            JsonNode node = tree.get(field.name());
            if (node == null || node.isNull()) {
                if (field.isRequired()) {
                    throw new ApiException(400, "missing_field", field.name() + " is required: " + field.expected(), field.name());
                }
                continue;
            }
            values.put(field.name(), value(field, node));
        }
        return new JsonBody(this, values);
    }

    /**
     * The spec as a JSON Schema object: {@code type: object}, {@code properties}, {@code required} and
     * {@code additionalProperties: false}.
     */
    public Map<String, Object> toJsonSchema() {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (BodyField field : fields) {
            properties.put(field.name(), field.toJsonSchema());
            if (field.isRequired()) {
                required.add(field.name());
            }
        }
        return InputSchema.closedObject(properties, required);
    }

    // ---------------------------------------------------------------- reading

    private static void requireJson(String contentType) {
        requireType(contentType, Operation.JSON);
    }

    private static void requireType(String contentType, String mediaType) {
        String[] parts = contentType.split(";");
        boolean json = parts[0].strip().equalsIgnoreCase(mediaType);
        for (int i = 1; i < parts.length && json; i++) {
            String[] parameter = parts[i].split("=", 2);
            String value = parameter.length == 2 ? parameter[1].strip().replace("\"", "") : "";
            json = parameter[0].strip().equalsIgnoreCase("charset") && value.equalsIgnoreCase("utf-8");
        }
        if (!json) {
            throw mediaType.equals(Operation.JSON) ? unsupported("'" + echo(contentType.strip()) + "'")
                    : new ApiException(415, "unsupported_media_type", "send the body with 'Content-Type: " + mediaType
                            + "' (charset utf-8, if any); the request had '" + echo(contentType.strip()) + "'", null);
        }
    }

    private static ApiException unsupported(String sent) {
        return new ApiException(415, "unsupported_media_type",
                "send the body as JSON with 'Content-Type: application/json' (charset utf-8, if any); the request had " + sent,
                null);
    }

    /** The body's one JSON value, or null when it is empty or blank. */
    private static JsonNode tree(byte[] json) {
        try (JsonParser parser = Json.strictParser(json)) {
            JsonNode tree;
            try {
                tree = Json.mapper().readTree(parser);
            } catch (JsonProcessingException e) {
                throw malformed(parser, e);
            }
            if (tree == null || tree.isMissingNode()) {
                return null;
            }
            try {
                if (parser.nextToken() == null) {
                    return tree;
                }
            } catch (JsonProcessingException e) {
                // not even a token: still something after the value
            }
            throw new ApiException(400, "malformed_json", "malformed JSON: the body goes on after its JSON value "
                    + at(parser.currentLocation()) + "; send exactly one JSON object", null);
        } catch (IOException e) {
            throw ApiException.badRequest("the request body could not be read");
        }
    }

    private static ApiException malformed(JsonParser parser, JsonProcessingException e) {
        String reason = Objects.requireNonNullElse(e.getOriginalMessage(), "");
        if (reason.startsWith("Duplicate field")) {
            String path = path(parser);
            return new ApiException(400, "duplicate_field", "duplicate field '" + path
                    + "': each field may appear once", path);
        }
        String where = at(e.getLocation());
        return new ApiException(400, "malformed_json", "malformed JSON" + (where.isEmpty() ? "" : " " + where) + ": "
                + readable(reason), null);
    }

    /** Where the parser is, as a dotted path: {@code action}, {@code params.limit}. */
    private static String path(JsonParser parser) {
        JsonPointer pointer = parser.getParsingContext().pathAsPointer();
        String dotted = pointer.toString().replace("~1", "/").replace("~0", "~").replace('/', '.');
        String path = dotted.startsWith(".") ? dotted.substring(1) : dotted;
        return echo(path.isEmpty() ? Objects.requireNonNullElse(parser.getParsingContext().getCurrentName(), "?") : path);
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? "" : "at line " + location.getLineNr() + ", column "
                + location.getColumnNr();
    }

    /** The parser's reason without location, source or Java names, e.g. "Unexpected end-of-input". */
    private static String readable(String reason) {
        String text = reason;
        for (String cut : new String[] {"\n", " at [Source", " (start marker", "[Source"}) {
            int at = text.indexOf(cut);
            if (at >= 0) {
                text = text.substring(0, at);
            }
        }
        text = text.replaceAll(",?\\s*from\\s*`[^`]*`", "").replaceAll("`[^`]*`", "").strip();
        return text.isEmpty() ? "not valid JSON" : text;
    }

    private static Object value(BodyField field, JsonNode node) {
        String name = field.name();
        return switch (field.type()) {
            case STRING -> {
                if (!node.isTextual()) {
                    throw wrongType(field, node);
                }
                String text = node.textValue();
                if (field.isRequired() && text.isBlank()) {
                    throw ApiException.invalidField(name, name + " must not be blank");
                }
                if (text.length() > field.maxLength()) {
                    throw ApiException.invalidField(name, name + " must be at most " + field.maxLength()
                            + " characters; got " + text.length());
                }
                yield text;
            }
            case INTEGER -> {
                if (!node.isIntegralNumber()) {
                    throw wrongType(field, node);
                }
                if (!node.canConvertToLong() || node.longValue() < field.min() || node.longValue() > field.max()) {
                    throw wrongType(field, node);
                }
                yield node.intValue();
            }
            case NUMBER -> {
                if (!node.isNumber() || !Double.isFinite(node.doubleValue()) || node.doubleValue() < field.min()
                        || node.doubleValue() > field.max()) {
                    throw wrongType(field, node);
                }
                yield node.doubleValue();
            }
            case BOOLEAN -> {
                if (!node.isBoolean()) {
                    throw wrongType(field, node);
                }
                yield node.booleanValue();
            }
            case ENUM -> {
                if (!node.isTextual() || !field.allowedValues().contains(node.textValue())) {
                    throw wrongType(field, node);
                }
                yield node.textValue();
            }
            case OBJECT -> {
                if (!node.isObject()) {
                    throw wrongType(field, node);
                }
                yield Collections.unmodifiableMap(Json.mapper().convertValue(node, new TypeReference<LinkedHashMap<String, Object>>() { }));
            }
            case STRING_MAP -> {
                if (!node.isObject()) {
                    throw wrongType(field, node);
                }
                Map<String, String> map = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> entries = node.fields(); entries.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = entries.next();
                    if (!entry.getValue().isTextual()) {
                        throw ApiException.invalidField(name, name + " must be " + field.expected() + "; '"
                                + echo(entry.getKey()) + "' is " + jsonType(entry.getValue()));
                    }
                    map.put(entry.getKey(), entry.getValue().textValue());
                }
                yield Collections.unmodifiableMap(map);
            }
            case ANY -> Json.mapper().convertValue(node, Object.class);
        };
    }

    private static ApiException wrongType(BodyField field, JsonNode node) {
        return ApiException.invalidField(field.name(), field.name() + " must be " + field.expected() + "; got "
                + describe(field, node));
    }

    /** What was sent, as a message shows it: numbers and booleans as written, strings only for enums. */
    private static String describe(BodyField field, JsonNode node) {
        if (node.isNumber() || node.isBoolean()) {
            return echo(node.asText());
        }
        if (node.isTextual() && field.type() == BodyField.Type.ENUM) {
            return "'" + echo(node.textValue()) + "'";
        }
        return jsonType(node);
    }

    private static String jsonType(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case NULL -> "null";
            default -> "a value of another kind";
        };
    }

    static String echo(String text) {
        String shown = text.length() > MAX_ECHO ? text.substring(0, MAX_ECHO) + "..." : text;
        StringBuilder safe = new StringBuilder(shown.length());
        shown.codePoints().forEach(c -> safe.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return safe.toString();
    }

    private String names() {
        return String.join(", ", fields.stream().map(BodyField::name).toList());
    }

    private String describeFields() {
        if (fields.isEmpty()) {
            return "no fields";
        }
        List<String> parts = new ArrayList<>();
        for (BodyField field : fields) {
            parts.add(field.name() + (field.isRequired() ? " (required)" : ""));
        }
        return "fields " + String.join(", ", parts);
    }
}
