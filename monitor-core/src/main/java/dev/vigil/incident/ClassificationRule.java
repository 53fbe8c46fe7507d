package dev.vigil.incident;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * One classification rule: when every pattern it has is found (case-insensitive) in the event's message, type,
 * endpoint and application, it gives the event its severity, its category, or both. Rules are tried in order;
 * the first matching rule that gives a severity decides the severity, the first that gives a category decides
 * the category.
 *
 * <pre>{@code
 * ClassificationRule payments = ClassificationRule.builder("payments")
 *         .endpoint("^/api/payments").severity(IncidentSeverity.CRITICAL).category("payments").build();
 * }</pre>
 *
 * @param name names the rule in configuration and in the incident's classification
 * @param message pattern found in the message, or null for any
 * @param type pattern found in the error type, or null for any
 * @param endpoint pattern found in {@code context.endpoint} (an event without one never matches), or null for any
 * @param application pattern found in {@code context.application} (an event without one never matches), or null
 * @param severity the severity it gives, or null
 * @param category the category it gives (lower-case word, e.g. {@code database}), or null
 */
public record ClassificationRule(String name, @Nullable Pattern message, @Nullable Pattern type,
        @Nullable Pattern endpoint, @Nullable Pattern application, @Nullable IncidentSeverity severity,
        @Nullable String category) {

    public ClassificationRule {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z0-9][a-z0-9_.-]{0,62}")) {
            throw new IllegalArgumentException("a classification rule name is 1..63 lower-case letters, digits, '_', '.'"
                    + " or '-'; was '" + name + "'");
        }
        if (message == null && type == null && endpoint == null && application == null) {
            throw new IllegalArgumentException("classification rule " + name + " needs a pattern: message, type, endpoint"
                    + " or application");
        }
        if (severity == null && category == null) {
            throw new IllegalArgumentException("classification rule " + name + " must give a severity, a category or both");
        }
        if (category != null && !category.matches("[a-z][a-z0-9_-]{0,39}")) {
            throw new IllegalArgumentException("classification rule " + name + ": category must be a lower-case word of"
                    + " up to 40 characters; was '" + category + "'");
        }
    }

    /** Starts a rule called {@code name}. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Whether every pattern of this rule is found in {@code event}. */
    public boolean matches(ErrorEvent event) {
        return found(message, Optional.of(event.message())) && found(type, Optional.of(event.type()))
                && found(endpoint, event.endpoint()) && found(application, event.application());
    }

    private static boolean found(@Nullable Pattern pattern, Optional<String> text) {
        return pattern == null || text.isPresent() && pattern.matcher(text.get()).find();
    }

    /** Builds a {@link ClassificationRule}; patterns are Java regular expressions, matched case-insensitively. */
    public static final class Builder {
        private final String name;
        private @Nullable Pattern message;
        private @Nullable Pattern type;
        private @Nullable Pattern endpoint;
        private @Nullable Pattern application;
        private @Nullable IncidentSeverity severity;
        private @Nullable String category;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** A pattern the message must contain. */
        public Builder message(String regex) {
            this.message = compile("message", regex);
            return this;
        }

        /** A pattern the error type must contain. */
        public Builder type(String regex) {
            this.type = compile("type", regex);
            return this;
        }

        /** A pattern {@code context.endpoint} must contain. */
        public Builder endpoint(String regex) {
            this.endpoint = compile("endpoint", regex);
            return this;
        }

        /** A pattern {@code context.application} must contain. */
        public Builder application(String regex) {
            this.application = compile("application", regex);
            return this;
        }

        /** The severity the rule gives. */
        public Builder severity(IncidentSeverity severity) {
            this.severity = Objects.requireNonNull(severity, "severity");
            return this;
        }

        /** The category the rule gives. */
        public Builder category(String category) {
            this.category = Objects.requireNonNull(category, "category");
            return this;
        }

        /** The rule. */
        public ClassificationRule build() {
            return new ClassificationRule(name, message, type, endpoint, application, severity, category);
        }

        private Pattern compile(String what, String regex) {
            Objects.requireNonNull(regex, what);
            try {
                return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("classification rule " + name + ": " + what + " is not a valid regular"
                        + " expression: " + e.getDescription(), e);
            }
        }
    }
}
