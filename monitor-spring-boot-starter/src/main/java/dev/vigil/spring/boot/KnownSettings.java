package dev.vigil.spring.boot;

import java.beans.PropertyDescriptor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.ResolvableType;
import org.springframework.core.convert.ConversionService;

/**
 * The tree of setting names that {@code @ConfigurationProperties} classes accept, derived by reflection from the
 * classes themselves (their JavaBean properties or record components), so a property added to a class is known
 * without a list to update.
 *
 * <p>Each level is one of: an object (named children), a map with free keys of objects ({@code rules.<any>.…}),
 * a list of objects ({@code http[0].…}), a value (nothing below, except list indexes), or free (anything below:
 * {@code Map<String, String>} labels, {@code Map<String, List<String>>} roles, a type that cannot be read). Names
 * are compared in Spring Boot's uniform form (lower case, letters and digits only), so {@code show-details},
 * {@code showDetails} and {@code show_details} are the same setting, as the binder treats them.
 */
final class KnownSettings {

    private static final ConversionService CONVERSION = ApplicationConversionService.getSharedInstance();

    private final Node root = Node.object();

    /** Adds the settings of {@code type} bound under {@code prefix} (e.g. {@code monitor.alerts}). */
    KnownSettings add(String prefix, Class<?> type) {
        Node node = root;
        for (String element : prefix.split("\\.")) {
            node = node.child(element, DataObjectPropertyName.toDashedForm(element), Node::object);
        }
        node.merge(describe(ResolvableType.forClass(type), new HashSet<>()));
        return this;
    }

    /**
     * Adds one documented name, such as {@code monitor.dashboard.enabled} from configuration metadata for a switch
     * that a condition reads rather than a properties class; levels that exist already are kept.
     */
    KnownSettings addName(String name) {
        Node node = root;
        String[] elements = name.split("\\.");
        for (int i = 0; i < elements.length && node.kind == Node.Kind.OBJECT; i++) {
            boolean last = i == elements.length - 1;
            node = node.child(elements[i], elements[i], last ? Node::value : Node::object);
        }
        return this;
    }

    /** Checks one full name ({@code monitor.helth.interval}); empty when it is a setting or below a free level. */
    Optional<Unknown> check(ConfigurationPropertyName name) {
        Node node = root;
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < name.getNumberOfElements(); i++) {
            String element = name.getElement(i, ConfigurationPropertyName.Form.UNIFORM);
            boolean indexed = name.isNumericIndex(i);
            Node next = switch (node.kind) {
                case FREE -> null;
                case VALUE -> indexed ? Node.free() : Node.UNKNOWN;
                case MAP -> node.element;
                case LIST -> indexed ? node.element : Node.UNKNOWN;
                case OBJECT -> node.children.containsKey(element) ? node.children.get(element).node : Node.UNKNOWN;
            };
            if (next == null) {
                return Optional.empty();
            }
            if (next == Node.UNKNOWN) {
                return Optional.of(new Unknown(name, path.toString(), i, node.suggest(element), node.names()));
            }
            appendElement(path, name, i, node.kind == Node.Kind.OBJECT ? node.children.get(element).name : null);
            node = next;
        }
        return Optional.empty();
    }

    private static void appendElement(StringBuilder path, ConfigurationPropertyName name, int i, @Nullable String known) {
        String original = name.getElement(i, ConfigurationPropertyName.Form.ORIGINAL);
        if (name.isNumericIndex(i) || known == null && original.contains(".")) {
            path.append('[').append(original).append(']');
            return;
        }
        if (!path.isEmpty()) {
            path.append('.');
        }
        path.append(known != null ? known : original);
    }

    private static Node describe(ResolvableType type, Set<Class<?>> visiting) {
        Class<?> raw = type.resolve(Object.class);
        if (Map.class.isAssignableFrom(raw)) {
            Node value = describe(type.asMap().getGeneric(1), visiting);
            return value.kind == Node.Kind.OBJECT || value.kind == Node.Kind.MAP || value.kind == Node.Kind.LIST
                    ? Node.map(value) : Node.free();
        }
        if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
            ResolvableType element = raw.isArray() ? type.getComponentType() : type.asCollection().getGeneric(0);
            return Node.list(describe(element, visiting));
        }
        if (raw == Object.class) {
            return Node.free();
        }
        if (isValue(raw)) {
            return Node.value();
        }
        if (raw.isInterface() || !visiting.add(raw)) {
            return Node.free(); // nothing to read the names from (or a cycle): accept what is below
        }
        try {
            Node node = Node.object();
            if (raw.isRecord()) {
                for (RecordComponent component : raw.getRecordComponents()) {
                    node.add(component.getName(), describe(ResolvableType.forMethodReturnType(component.getAccessor()), visiting));
                }
            } else {
                for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(raw)) {
                    Method getter = property.getReadMethod();
                    Method setter = property.getWriteMethod();
                    if ("class".equals(property.getName()) || getter == null && setter == null) {
                        continue;
                    }
                    ResolvableType propertyType = getter != null ? ResolvableType.forMethodReturnType(getter, raw)
                            : ResolvableType.forMethodParameter(setter, 0, raw);
                    node.add(property.getName(), describe(propertyType, visiting));
                }
            }
            return node;
        } finally {
            visiting.remove(raw);
        }
    }

    /** A type the binder converts from one string: a leaf of the tree. */
    private static boolean isValue(Class<?> type) {
        return type.isPrimitive() || type.isEnum() || type.getName().startsWith("java.")
                || CONVERSION.canConvert(String.class, type);
    }

    /** Damerau-Levenshtein (optimal string alignment) distance between two names. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /**
     * A name that is not a setting.
     *
     * @param name the name as the property source gave it
     * @param knownPath the part of it that is known, in canonical form ({@code monitor.alerts.rules.x})
     * @param at the index of the first element that is unknown
     * @param suggestion the nearest valid name at that level, if one is near
     * @param valid the valid names at that level
     */
    record Unknown(ConfigurationPropertyName name, String knownPath, int at, Optional<String> suggestion, List<String> valid) {

        /** The name with the unknown element replaced by the suggestion, the rest as written. */
        Optional<String> suggestedName() {
            return suggestion.map(nearest -> {
                StringBuilder out = new StringBuilder(knownPath);
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(nearest);
                for (int i = at + 1; i < name.getNumberOfElements(); i++) {
                    appendElement(out, name, i, null);
                }
                return out.toString();
            });
        }

        /** The canonical name of the level holding the unknown element. */
        String level() {
            return knownPath;
        }
    }

    /** One level of the tree. */
    private static final class Node {

        enum Kind { OBJECT, MAP, LIST, VALUE, FREE }

        static final Node UNKNOWN = new Node(Kind.FREE, null);

        final Kind kind;
        final @Nullable Node element;
        final Map<String, Named> children = new TreeMap<>();

        private Node(Kind kind, @Nullable Node element) {
            this.kind = kind;
            this.element = element;
        }

        static Node object() {
            return new Node(Kind.OBJECT, null);
        }

        static Node map(Node value) {
            return new Node(Kind.MAP, value);
        }

        static Node list(Node element) {
            return new Node(Kind.LIST, element);
        }

        static Node value() {
            return new Node(Kind.VALUE, null);
        }

        static Node free() {
            return new Node(Kind.FREE, null);
        }

        void add(String javaName, Node node) {
            String dashed = DataObjectPropertyName.toDashedForm(javaName);
            children.put(uniform(dashed), new Named(dashed, node));
        }

        Node child(String element, String dashed, Supplier<Node> create) {
            return children.computeIfAbsent(uniform(element), key -> new Named(dashed, create.get())).node;
        }

        void merge(Node other) {
            if (other.kind != Kind.OBJECT) {
                return;
            }
            other.children.forEach((key, named) -> {
                Named mine = children.get(key);
                if (mine == null) {
                    children.put(key, named);
                } else if (mine.node.kind == Kind.OBJECT) {
                    mine.node.merge(named.node);
                }
            });
        }

        List<String> names() {
            List<String> names = new ArrayList<>();
            children.values().forEach(named -> names.add(named.name));
            names.sort(null);
            return names;
        }

        /** The child nearest to {@code element}: at most a third of its letters (and at least one) apart. */
        Optional<String> suggest(String element) {
            if (kind != Kind.OBJECT) {
                return Optional.empty();
            }
            String best = null;
            int bestDistance = Integer.MAX_VALUE;
            for (Map.Entry<String, Named> child : children.entrySet()) {
                int distance = distance(element, child.getKey());
                if (distance < bestDistance) {
                    best = child.getValue().name;
                    bestDistance = distance;
                }
            }
            int allowed = Math.max(2, element.length() / 3);
            return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
        }

        private static String uniform(String name) {
            StringBuilder out = new StringBuilder(name.length());
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (Character.isLetterOrDigit(c)) {
                    out.append(Character.toLowerCase(c)); // as ConfigurationPropertyName's uniform form
                }
            }
            return out.toString();
        }
    }

    private record Named(String name, Node node) {
    }
}
