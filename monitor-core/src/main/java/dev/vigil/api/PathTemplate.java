package dev.vigil.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A path template such as {@code /alerts/{id}/ack}, matched segment by segment: a literal segment must be
 * equal, a {@code {name}} segment takes any one non-empty segment as it was sent (no decoding, no
 * {@code /}). Nothing of a request is ever compiled into a pattern.
 */
final class PathTemplate {

    private final String text;
    private final String[] segments;
    private final boolean[] variable;

    private PathTemplate(String text, String[] segments, boolean[] variable) {
        this.text = text;
        this.segments = segments;
        this.variable = variable;
    }

    /**
     * Parses {@code template}: {@code /} then segments of letters, digits, {@code .}, {@code _}, {@code ~}
     * or {@code -} (not dots alone), or variables {@code {name}}, each name once.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static PathTemplate parse(String template) {
        if (!template.startsWith("/") || template.length() < 2 || template.endsWith("/")) {
            throw new IllegalArgumentException("a path template starts with / and does not end with it, was '" + template + "'");
        }
        String[] parts = template.substring(1).split("/", -1);
        boolean[] variable = new boolean[parts.length];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.startsWith("{") && part.endsWith("}")) {
                String name = part.substring(1, part.length() - 1);
                if (!name.matches("[A-Za-z][A-Za-z0-9_]{0,63}") || names.contains(name)) {
                    throw new IllegalArgumentException("bad or repeated variable '" + part + "' in path template '" + template + "'");
                }
                names.add(name);
                parts[i] = name;
                variable[i] = true;
            } else if (!part.matches("[A-Za-z0-9._~-]+") || part.matches("\\.+")) {
                throw new IllegalArgumentException("bad segment '" + part + "' in path template '" + template + "'");
            }
        }
        return new PathTemplate(template, parts, variable);
    }

    /** A request path's segments: {@code /a//b} is {@code ["a", "", "b"]}. */
    static String[] split(String path) {
        return path.startsWith("/") ? path.substring(1).split("/", -1) : new String[] {path};
    }

    /** The variables' values when {@code path} (split) matches, else null. */
    @Nullable Map<String, String> match(String[] path) {
        if (path.length != segments.length) {
            return null;
        }
        Map<String, String> values = null;
        for (int i = 0; i < segments.length; i++) {
            if (variable[i]) {
                if (path[i].isEmpty()) {
                    return null;
                }
                if (values == null) {
                    values = new LinkedHashMap<>();
                }
                values.put(segments[i], path[i]);
            } else if (!segments[i].equals(path[i])) {
                return null;
            }
        }
        return values == null ? Map.of() : values;
    }

    /** The variables' names, in order. */
    List<String> variables() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < segments.length; i++) {
            if (variable[i]) {
                names.add(segments[i]);
            }
        }
        return names;
    }

    /** The template with every variable as {@code {}}: two templates of one shape match the same paths. */
    String shape() {
        StringBuilder shape = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            shape.append('/').append(variable[i] ? "{}" : segments[i]);
        }
        return shape.toString();
    }

    /** The path up to the first variable, and whether the template stops there (no variable at all). */
    String literalPrefix() {
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < segments.length && !variable[i]; i++) {
            prefix.append('/').append(segments[i]);
        }
        return prefix.toString();
    }

    /** Whether the template has variables. */
    boolean hasVariables() {
        return !variables().isEmpty();
    }

    /**
     * Negative when this template is more specific than {@code other} (both matching one path): at the
     * first segment where one has a literal and the other a variable, the literal wins.
     */
    int compareSpecificity(PathTemplate other) {
        for (int i = 0; i < Math.min(segments.length, other.segments.length); i++) {
            if (variable[i] != other.variable[i]) {
                return variable[i] ? 1 : -1;
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return text;
    }
}
