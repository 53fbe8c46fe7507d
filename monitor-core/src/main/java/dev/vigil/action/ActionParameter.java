package dev.vigil.action;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * One declared parameter of an action: its name, type, whether it is required, and the values it may
 * take. Trigger parameters are checked against these declarations before anything runs.
 *
 * <pre>{@code
 * ActionParameter.string("region").asRequired().oneOf("eu", "us").describedAs("which cache region");
 * ActionParameter.integer("limit").between(1, 500);
 * }</pre>
 *
 * <p>Actions receive validated values as {@link String}, {@link Long} (integer), {@link Double} (number)
 * and {@link Boolean}.
 *
 * @param name the parameter's name: a letter, then letters, digits or {@code _}, at most 64
 * @param type its type
 * @param required whether a trigger must give it
 * @param description what it means, for the API listing
 * @param allowedValues for strings: the only values accepted (empty: any string)
 * @param min for integers and numbers: the smallest value accepted, if bounded
 * @param max for integers and numbers: the largest value accepted, if bounded
 */
public record ActionParameter(String name, Type type, boolean required, String description, List<String> allowedValues,
        @Nullable Double min, @Nullable Double max) {

    /** The longest string value accepted. */
    public static final int MAX_STRING_LENGTH = 1_000;

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    /** The JSON types a parameter can have. */
    public enum Type {
        /** Text. */
        STRING,
        /** A whole number (received as {@link Long}). */
        INTEGER,
        /** Any finite number (received as {@link Double}). */
        NUMBER,
        /** {@code true} or {@code false}. */
        BOOLEAN;

        /** Lower-case name as used in JSON. */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ActionParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        allowedValues = List.copyOf(allowedValues);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("parameter name '" + name
                    + "' must be a letter followed by up to 63 letters, digits or '_'");
        }
        if (!allowedValues.isEmpty() && type != Type.STRING) {
            throw new IllegalArgumentException("parameter '" + name + "': allowed values are for string parameters only");
        }
        if ((min != null || max != null) && type != Type.INTEGER && type != Type.NUMBER) {
            throw new IllegalArgumentException("parameter '" + name + "': min and max are for integer and number parameters only");
        }
        if (min != null && max != null && min > max) {
            throw new IllegalArgumentException("parameter '" + name + "': min " + min + " is above max " + max);
        }
        if ((min != null && !Double.isFinite(min)) || (max != null && !Double.isFinite(max))) {
            throw new IllegalArgumentException("parameter '" + name + "': min and max must be finite");
        }
    }

    /** An optional string parameter. */
    public static ActionParameter string(String name) {
        return new ActionParameter(name, Type.STRING, false, "", List.of(), null, null);
    }

    /** An optional integer parameter. */
    public static ActionParameter integer(String name) {
        return new ActionParameter(name, Type.INTEGER, false, "", List.of(), null, null);
    }

    /** An optional number parameter. */
    public static ActionParameter number(String name) {
        return new ActionParameter(name, Type.NUMBER, false, "", List.of(), null, null);
    }

    /** An optional boolean parameter. */
    public static ActionParameter bool(String name) {
        return new ActionParameter(name, Type.BOOLEAN, false, "", List.of(), null, null);
    }

    /** This parameter, required. */
    public ActionParameter asRequired() {
        return new ActionParameter(name, type, true, description, allowedValues, min, max);
    }

    /** This parameter with a description. */
    public ActionParameter describedAs(String text) {
        return new ActionParameter(name, type, required, text, allowedValues, min, max);
    }

    /** This string parameter, accepting only {@code values}. */
    public ActionParameter oneOf(String... values) {
        return new ActionParameter(name, type, required, description, List.of(values), min, max);
    }

    /** This numeric parameter, accepting nothing below {@code value}. */
    public ActionParameter atLeast(double value) {
        return new ActionParameter(name, type, required, description, allowedValues, value, max);
    }

    /** This numeric parameter, accepting nothing above {@code value}. */
    public ActionParameter atMost(double value) {
        return new ActionParameter(name, type, required, description, allowedValues, min, value);
    }

    /** This numeric parameter, accepting {@code low..high} inclusive. */
    public ActionParameter between(double low, double high) {
        return new ActionParameter(name, type, required, description, allowedValues, low, high);
    }

    /**
     * Converts a given value to this parameter's Java type, or says why it cannot.
     *
     * @return the value as {@link String}, {@link Long}, {@link Double} or {@link Boolean}
     * @throws IllegalArgumentException with one sentence naming the parameter, the rule and the value
     */
    public Object validate(Object raw) {
        Object value = raw instanceof JsonNode node ? unwrap(node) : raw;
        return switch (type) {
            case STRING -> validString(value, raw);
            case INTEGER -> validInteger(value, raw);
            case NUMBER -> validNumber(value, raw);
            case BOOLEAN -> validBoolean(value, raw);
        };
    }

    private String validString(@Nullable Object value, Object raw) {
        if (!(value instanceof String text)) {
            throw invalid("must be a string", raw);
        }
        if (text.length() > MAX_STRING_LENGTH) {
            throw new IllegalArgumentException("parameter '" + name + "' must be at most " + MAX_STRING_LENGTH
                    + " characters, was " + text.length());
        }
        if (!allowedValues.isEmpty() && !allowedValues.contains(text)) {
            throw invalid("must be one of " + allowedValues, raw);
        }
        return text;
    }

    private Long validInteger(@Nullable Object value, Object raw) {
        BigDecimal number = decimal(value);
        if (number == null || number.stripTrailingZeros().scale() > 0
                || number.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0
                || number.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw invalid("must be an integer", raw);
        }
        checkRange(number.doubleValue(), raw);
        return number.longValueExact();
    }

    private Double validNumber(@Nullable Object value, Object raw) {
        BigDecimal number = decimal(value);
        if (number == null || !Double.isFinite(number.doubleValue())) {
            throw invalid("must be a number", raw);
        }
        checkRange(number.doubleValue(), raw);
        return number.doubleValue();
    }

    private Boolean validBoolean(@Nullable Object value, Object raw) {
        if (value instanceof Boolean bool) {
            return bool;
        }
        if (value instanceof String text && (text.equals("true") || text.equals("false"))) {
            return Boolean.valueOf(text);
        }
        throw invalid("must be true or false", raw);
    }

    private void checkRange(double value, Object raw) {
        if (min != null && value < min) {
            throw invalid("must be at least " + bound(min), raw);
        }
        if (max != null && value > max) {
            throw invalid("must be at most " + bound(max), raw);
        }
    }

    /** Numbers, and text that is a plain decimal number (as a form or query string sends it). */
    private static @Nullable BigDecimal decimal(@Nullable Object value) {
        try {
            if (value instanceof BigDecimal decimal) {
                return decimal;
            }
            if (value instanceof BigInteger big) {
                return new BigDecimal(big);
            }
            if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
                return BigDecimal.valueOf(((Number) value).longValue());
            }
            if (value instanceof Double || value instanceof Float) {
                double number = ((Number) value).doubleValue();
                return Double.isFinite(number) ? BigDecimal.valueOf(number) : null;
            }
            if (value instanceof String text && text.strip().matches("[+-]?\\d{1,30}(\\.\\d{1,30})?")) {
                return new BigDecimal(text.strip());
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }

    private static @Nullable Object unwrap(JsonNode node) {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        return node;
    }

    private static String bound(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    private IllegalArgumentException invalid(String rule, Object raw) {
        String shown;
        if (raw instanceof String || (raw instanceof JsonNode node && node.isTextual())) {
            String text = raw instanceof JsonNode node ? node.textValue() : (String) raw;
            shown = "'" + (text.length() > 100 ? text.substring(0, 100) + "..." : text) + "'";
        } else {
            String text = String.valueOf(raw);
            shown = text.length() > 100 ? text.substring(0, 100) + "..." : text;
        }
        return new IllegalArgumentException("parameter '" + name + "' " + rule + ", was " + shown);
    }

    /** This declaration as the API lists it. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("type", type.jsonName());
        json.put("required", required);
        if (!description.isEmpty()) {
            json.put("description", description);
        }
        if (!allowedValues.isEmpty()) {
            json.put("allowedValues", allowedValues);
        }
        if (min != null) {
            json.put("min", min);
        }
        if (max != null) {
            json.put("max", max);
        }
        return json;
    }
}
