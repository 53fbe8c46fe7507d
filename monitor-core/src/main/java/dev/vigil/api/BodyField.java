package dev.vigil.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One field of a JSON request body: its name, type, whether it is required and its limits. An endpoint
 * declares its fields in a {@link BodySpec}, which checks a body against them; the same declaration
 * renders as a JSON Schema ({@link #toJsonSchema()}) for listings of the API's operations.
 *
 * <pre>{@code
 * BodyField.string("query").required().describedAs("one read-only SQL statement")
 * BodyField.integer("maxRows").between(1, 1000)
 * BodyField.oneOf("status", "up", "degraded", "down")
 * }</pre>
 *
 * @param name the JSON key
 * @param type what its value must be
 * @param isRequired whether the body must have it (a required string must not be blank either)
 * @param min for {@link Type#INTEGER} and {@link Type#NUMBER}: the smallest value allowed
 * @param max for {@link Type#INTEGER} and {@link Type#NUMBER}: the largest value allowed
 * @param maxLength for {@link Type#STRING}: the most characters allowed
 * @param allowedValues for {@link Type#ENUM}: the values allowed, exactly as written
 * @param description one line for people and schemas; may be empty
 */
public record BodyField(String name, Type type, boolean isRequired, double min, double max, int maxLength,
        List<String> allowedValues, String description) {

    /** What a field's value must be. */
    public enum Type {
        /** A JSON string. */
        STRING("string"),
        /** A JSON number without fraction or exponent, within {@code min..max} (at most the range of a Java {@code int}). */
        INTEGER("integer"),
        /** A finite JSON number within {@code min..max}. */
        NUMBER("number"),
        /** {@code true} or {@code false}. */
        BOOLEAN("boolean"),
        /** A JSON string, one of the allowed values. */
        ENUM("string"),
        /** A JSON object with any values. */
        OBJECT("object"),
        /** A JSON object whose values are strings. */
        STRING_MAP("object"),
        /** Any JSON value; what it must be depends on other input, which the endpoint checks. */
        ANY("");

        private final String jsonType;

        Type(String jsonType) {
            this.jsonType = jsonType;
        }

        /**
         * The JSON Schema type: {@code string}, {@code integer}, {@code number}, {@code boolean} or {@code object};
         * empty for {@link #ANY}, whose schema names no type.
         */
        public String jsonType() {
            return jsonType;
        }
    }

    public BodyField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        allowedValues = List.copyOf(allowedValues);
        if (!name.matches("[A-Za-z][A-Za-z0-9_]{0,63}")) {
            throw new IllegalArgumentException("a body field name is a letter then letters, digits or '_', was '" + name + "'");
        }
        if ((type == Type.ENUM) != !allowedValues.isEmpty()) {
            throw new IllegalArgumentException("field '" + name + "': allowed values go with, and only with, an enum");
        }
        if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
            throw new IllegalArgumentException("field '" + name + "': min must not be above max");
        }
        if (type == Type.INTEGER && (min < Integer.MIN_VALUE || max > Integer.MAX_VALUE
                || min != Math.rint(min) || max != Math.rint(max))) {
            throw new IllegalArgumentException("field '" + name + "': integer limits must be whole numbers within an int");
        }
        if (maxLength < 0) {
            throw new IllegalArgumentException("field '" + name + "': maxLength must not be negative");
        }
    }

    /** An optional string field. */
    public static BodyField string(String name) {
        return of(name, Type.STRING, List.of());
    }

    /** An optional integer field (any value of a Java {@code int}, until {@link #between} narrows it). */
    public static BodyField integer(String name) {
        return new BodyField(name, Type.INTEGER, false, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, List.of(), "");
    }

    /** An optional number field (any finite number, until {@link #between} narrows it). */
    public static BodyField number(String name) {
        return of(name, Type.NUMBER, List.of());
    }

    /** An optional boolean field. */
    public static BodyField bool(String name) {
        return of(name, Type.BOOLEAN, List.of());
    }

    /** An optional string field that must be one of {@code values}, exactly as written. */
    public static BodyField oneOf(String name, String... values) {
        return of(name, Type.ENUM, List.of(values));
    }

    /** An optional JSON object field with any values; its endpoint checks them. */
    public static BodyField object(String name) {
        return of(name, Type.OBJECT, List.of());
    }

    /** An optional JSON object field whose values must be strings. */
    public static BodyField stringMap(String name) {
        return of(name, Type.STRING_MAP, List.of());
    }

    /** An optional field that takes any JSON value, for an endpoint that checks the value against other input. */
    public static BodyField any(String name) {
        return of(name, Type.ANY, List.of());
    }

    private static BodyField of(String name, Type type, List<String> allowed) {
        return new BodyField(name, type, false, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Integer.MAX_VALUE,
                allowed, "");
    }

    /** This field, required. */
    public BodyField required() {
        return new BodyField(name, type, true, min, max, maxLength, allowedValues, description);
    }

    /** This integer or number field, limited to {@code min..max}. */
    public BodyField between(double min, double max) {
        if (type != Type.INTEGER && type != Type.NUMBER) {
            throw new IllegalStateException("field '" + name + "' is not numeric");
        }
        return new BodyField(name, type, isRequired, min, max, maxLength, allowedValues, description);
    }

    /** This string field, limited to {@code maxLength} characters. */
    public BodyField maxLength(int maxLength) {
        if (type != Type.STRING) {
            throw new IllegalStateException("field '" + name + "' is not a string");
        }
        return new BodyField(name, type, isRequired, min, max, maxLength, allowedValues, description);
    }

    /** This field with a one-line description. */
    public BodyField describedAs(String description) {
        return new BodyField(name, type, isRequired, min, max, maxLength, allowedValues, description);
    }

    /** What the value must be, as error messages say it: "an integer 1..1000", "one of up, degraded, down". */
    public String expected() {
        return switch (type) {
            case STRING -> maxLength == Integer.MAX_VALUE ? "a string" : "a string of at most " + maxLength + " characters";
            case INTEGER -> min == Integer.MIN_VALUE && max == Integer.MAX_VALUE ? "an integer" : "an integer " + range();
            case NUMBER -> Double.isInfinite(min) && Double.isInfinite(max) ? "a number" : "a number " + range();
            case BOOLEAN -> "true or false";
            case ENUM -> "one of " + String.join(", ", allowedValues);
            case OBJECT -> "a JSON object";
            case STRING_MAP -> "a JSON object of strings";
            case ANY -> "a JSON value";
        };
    }

    private String range() {
        if (Double.isInfinite(max) || max == Integer.MAX_VALUE && type == Type.INTEGER) {
            return "of at least " + format(min);
        }
        if (Double.isInfinite(min) || min == Integer.MIN_VALUE && type == Type.INTEGER) {
            return "of at most " + format(max);
        }
        return format(min) + ".." + format(max);
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    /** This field as a JSON Schema property: type, limits, allowed values, description. */
    public Map<String, Object> toJsonSchema() {
        Map<String, Object> schema = new LinkedHashMap<>();
        if (type != Type.ANY) {
            schema.put("type", type.jsonType());
        }
        if (type == Type.INTEGER || type == Type.NUMBER) {
            if (!Double.isInfinite(min) && !(type == Type.INTEGER && min == Integer.MIN_VALUE)) {
                schema.put("minimum", type == Type.INTEGER ? (Object) (long) min : min);
            }
            if (!Double.isInfinite(max) && !(type == Type.INTEGER && max == Integer.MAX_VALUE)) {
                schema.put("maximum", type == Type.INTEGER ? (Object) (long) max : max);
            }
        }
        if (type == Type.STRING && maxLength != Integer.MAX_VALUE) {
            schema.put("maxLength", maxLength);
        }
        if (type == Type.STRING && isRequired) {
            schema.put("minLength", 1);
        }
        if (type == Type.ENUM) {
            schema.put("enum", allowedValues);
        }
        if (type == Type.STRING_MAP) {
            schema.put("additionalProperties", Map.of("type", "string"));
        }
        if (!description.isEmpty()) {
            schema.put("description", description);
        }
        return schema;
    }

    @Override
    public String toString() {
        return name + ": " + expected() + (isRequired ? " (required)" : "");
    }
}
