package dev.vigil.api;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A request body that passed its {@link BodySpec}: the values of the fields it has, each of its declared
 * type. Ask for a field by the accessor of its type; a field that was absent (or {@code null}) is empty.
 */
public final class JsonBody {

    private final BodySpec spec;
    private final Map<String, Object> values;

    JsonBody(BodySpec spec, Map<String, Object> values) {
        this.spec = spec;
        this.values = Map.copyOf(values);
    }

    /** The names of the fields the body has. */
    public Set<String> present() {
        return values.keySet();
    }

    /** Whether the body has {@code name}. */
    public boolean has(String name) {
        declared(name);
        return values.containsKey(name);
    }

    /** A {@link BodyField.Type#STRING} or {@link BodyField.Type#ENUM} field's value. */
    public Optional<String> string(String name) {
        return get(name, String.class, BodyField.Type.STRING, BodyField.Type.ENUM);
    }

    /** An {@link BodyField.Type#INTEGER} field's value. */
    public Optional<Integer> integer(String name) {
        return get(name, Integer.class, BodyField.Type.INTEGER);
    }

    /** A {@link BodyField.Type#NUMBER} field's value. */
    public Optional<Double> number(String name) {
        return get(name, Double.class, BodyField.Type.NUMBER);
    }

    /** A {@link BodyField.Type#BOOLEAN} field's value. */
    public Optional<Boolean> bool(String name) {
        return get(name, Boolean.class, BodyField.Type.BOOLEAN);
    }

    /** An {@link BodyField.Type#OBJECT} field's value (JSON values as maps, lists, strings, numbers, booleans); empty when absent. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> object(String name) {
        return get(name, Map.class, BodyField.Type.OBJECT).map(map -> (Map<String, Object>) map).orElse(Map.of());
    }

    /** A {@link BodyField.Type#STRING_MAP} field's value; empty when absent. */
    @SuppressWarnings("unchecked")
    public Map<String, String> stringMap(String name) {
        return get(name, Map.class, BodyField.Type.STRING_MAP).map(map -> (Map<String, String>) map).orElse(Map.of());
    }

    /** An {@link BodyField.Type#ANY} field's value (a map, list, string, number or boolean). */
    public Optional<Object> value(String name) {
        return get(name, Object.class, BodyField.Type.ANY);
    }

    private <T> Optional<T> get(String name, Class<T> type, BodyField.Type... types) {
        BodyField field = declared(name);
        if (!Set.of(types).contains(field.type())) {
            throw new IllegalArgumentException("field '" + name + "' is declared as " + field.type() + ", not " + Set.of(types));
        }
        return Optional.ofNullable(values.get(name)).map(type::cast);
    }

    private BodyField declared(String name) {
        Objects.requireNonNull(name, "name");
        return spec.field(name).orElseThrow(() -> new IllegalArgumentException("field '" + name + "' is not declared in " + spec));
    }

    @Override
    public String toString() {
        return "JsonBody" + values.keySet();
    }
}
