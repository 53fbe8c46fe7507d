package dev.vigil.incident;

import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * A remediation action known to fix a class of incidents: those with one fingerprint, or those of a category whose
 * title matches a pattern. Vigil suggests it on each new occurrence, counts how often running it was followed by
 * the incident's resolution, and — when {@code auto} is on — runs it itself, through the action guardrails.
 *
 * @param name names the fix in configuration and in its statistics
 * @param action the registered action's id
 * @param fingerprint the incident fingerprint it fixes, or null
 * @param category the category it fixes, or null
 * @param pattern a pattern found (case-insensitive) in the incident's title, or null
 * @param auto whether Vigil runs it when a matching incident is detected or recurs
 */
public record KnownFix(String name, String action, @Nullable String fingerprint, @Nullable String category,
        @Nullable Pattern pattern, boolean auto) {

    public KnownFix {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(action, "action");
        if (!name.matches("[a-z0-9][a-z0-9_.-]{0,62}")) {
            throw new IllegalArgumentException("a known fix name is 1..63 lower-case letters, digits, '_', '.' or '-';"
                    + " was '" + name + "'");
        }
        if (action.isBlank()) {
            throw new IllegalArgumentException("monitor.incidents.known-fixes." + name + ".action is required");
        }
        if (fingerprint == null && category == null && pattern == null) {
            throw new IllegalArgumentException("monitor.incidents.known-fixes." + name
                    + " needs a fingerprint, a category or a pattern");
        }
    }

    /**
     * A known fix; {@code pattern} is a Java regular expression.
     *
     * @throws IllegalArgumentException naming the setting at fault
     */
    public static KnownFix of(String name, String action, @Nullable String fingerprint, @Nullable String category,
            @Nullable String pattern, boolean auto) {
        Pattern compiled = null;
        if (pattern != null && !pattern.isBlank()) {
            try {
                compiled = Pattern.compile(pattern, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("monitor.incidents.known-fixes." + name + ".pattern is not a valid"
                        + " regular expression: " + e.getDescription(), e);
            }
        }
        return new KnownFix(name, action, blankToNull(fingerprint), blankToNull(category), compiled, auto);
    }

    /** Whether this fix applies to {@code incident}: every criterion it has holds. */
    public boolean matches(Incident incident) {
        return (fingerprint == null || fingerprint.equals(incident.fingerprint()))
                && (category == null || category.equals(incident.category()))
                && (pattern == null || pattern.matcher(incident.title()).find());
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
