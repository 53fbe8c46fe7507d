package dev.vigil.action;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An {@link Action} with its id and how it may run: description, declared parameters, severity,
 * timeout and cooldown.
 *
 * <pre>{@code
 * ActionRegistration.builder("clear_cache", cacheAction)
 *         .description("Clears the response cache")
 *         .parameter(ActionParameter.string("region").oneOf("eu", "us"))
 *         .cooldown(Duration.ofMinutes(5))
 *         .build();
 * }</pre>
 */
public final class ActionRegistration {

    /** Actions may run 30 seconds unless configured otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** The longest timeout an action may have. */
    public static final Duration MAX_TIMEOUT = Duration.ofHours(1);
    /** The longest cooldown an action may have. */
    public static final Duration MAX_COOLDOWN = Duration.ofDays(1);

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private final String id;
    private final String description;
    private final Map<String, ActionParameter> parameters;
    private final ActionSeverity severity;
    private final Duration timeout;
    private final Duration cooldown;
    private final Action action;

    private ActionRegistration(Builder builder) {
        this.id = builder.id;
        this.description = builder.description;
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(builder.parameters));
        this.severity = builder.severity;
        this.timeout = builder.timeout;
        this.cooldown = builder.cooldown;
        this.action = builder.action;
    }

    /** A normal action without parameters, with the default timeout and no cooldown. */
    public static ActionRegistration of(String id, String description, Action action) {
        return builder(id, action).description(description).build();
    }

    /** Starts a registration of {@code action} under {@code id} (e.g. {@code start_curation}). */
    public static Builder builder(String id, Action action) {
        return new Builder(id, action);
    }

    /** The id triggers and alert rules name, e.g. {@code start_curation}. */
    public String id() {
        return id;
    }

    /** What the action does, for people. */
    public String description() {
        return description;
    }

    /** The declared parameters, in declaration order. */
    public List<ActionParameter> parameters() {
        return List.copyOf(parameters.values());
    }

    /** How dangerous the action is. */
    public ActionSeverity severity() {
        return severity;
    }

    /** Whether the action is {@link ActionSeverity#CRITICAL}. */
    public boolean critical() {
        return severity == ActionSeverity.CRITICAL;
    }

    /** How long one run may take before it is interrupted and reported as failed. */
    public Duration timeout() {
        return timeout;
    }

    /** The least time between the starts of two runs; zero for none. */
    public Duration cooldown() {
        return cooldown;
    }

    /** The action itself. */
    public Action action() {
        return action;
    }

    /**
     * Checks {@code given} against the declared parameters and converts the values (see
     * {@link ActionParameter#validate}); {@code null} values count as absent.
     *
     * @return the parameters in declaration order, as {@link String}, {@link Long}, {@link Double} or {@link Boolean}
     * @throws InvalidParametersException listing every unknown, missing or invalid parameter
     */
    public Map<String, Object> validateParameters(Map<String, ?> given) {
        List<String> problems = new ArrayList<>();
        for (String name : given.keySet()) {
            if (!parameters.containsKey(name)) {
                problems.add("unknown parameter '" + name + "' ("
                        + (parameters.isEmpty() ? "the action takes no parameters" : "known: " + String.join(", ", parameters.keySet()))
                        + ")");
            }
        }
        Map<String, Object> valid = new LinkedHashMap<>();
        for (ActionParameter parameter : parameters.values()) {
            Object raw = given.get(parameter.name());
            if (raw == null) {
                if (parameter.required()) {
                    problems.add("parameter '" + parameter.name() + "' is required");
                }
                continue;
            }
            try {
                valid.put(parameter.name(), parameter.validate(raw));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidParametersException(id, problems);
        }
        return Collections.unmodifiableMap(valid);
    }

    @Override
    public String toString() {
        return "ActionRegistration[" + id + ", " + severity.jsonName() + ", timeout=" + timeout + ", cooldown=" + cooldown + "]";
    }

    /** Builds an {@link ActionRegistration}. */
    public static final class Builder {
        private final String id;
        private final Action action;
        private String description = "";
        private final Map<String, ActionParameter> parameters = new LinkedHashMap<>();
        private ActionSeverity severity = ActionSeverity.NORMAL;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Duration cooldown = Duration.ZERO;

        private Builder(String id, Action action) {
            this.id = Objects.requireNonNull(id, "id");
            this.action = Objects.requireNonNull(action, "action");
        }

        /** What the action does, for people. */
        public Builder description(String value) {
            this.description = Objects.requireNonNull(value, "description");
            return this;
        }

        /** Declares a parameter; triggers with undeclared parameters are refused. */
        public Builder parameter(ActionParameter parameter) {
            Objects.requireNonNull(parameter, "parameter");
            if (parameters.putIfAbsent(parameter.name(), parameter) != null) {
                throw new IllegalArgumentException("action '" + id + "' declares parameter '" + parameter.name() + "' twice");
            }
            return this;
        }

        /** How dangerous the action is (default {@link ActionSeverity#NORMAL}). */
        public Builder severity(ActionSeverity value) {
            this.severity = Objects.requireNonNull(value, "severity");
            return this;
        }

        /** How long one run may take (default 30 s, at most 1 h). */
        public Builder timeout(Duration value) {
            this.timeout = Objects.requireNonNull(value, "timeout");
            return this;
        }

        /** The least time between the starts of two runs (default zero: none). */
        public Builder cooldown(Duration value) {
            this.cooldown = Objects.requireNonNull(value, "cooldown");
            return this;
        }

        /** Validates and builds. */
        public ActionRegistration build() {
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException("action id '" + id
                        + "' must be a lower-case letter followed by up to 63 lower-case letters, digits or '_', e.g. start_curation");
            }
            if (timeout.isZero() || timeout.isNegative() || timeout.compareTo(MAX_TIMEOUT) > 0) {
                throw new IllegalArgumentException("monitor.actions." + id + ".timeout must be positive and at most 1h, was " + timeout);
            }
            if (cooldown.isNegative() || cooldown.compareTo(MAX_COOLDOWN) > 0) {
                throw new IllegalArgumentException("monitor.actions." + id + ".cooldown must be 0..24h, was " + cooldown);
            }
            return new ActionRegistration(this);
        }
    }
}
