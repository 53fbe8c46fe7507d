package dev.vigil.alert;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What kind of rule an {@link AlertRule} is and with which parameters, for people reading the rule list
 * ({@code GET <admin>/rules}).
 *
 * @param kind {@code threshold}, {@code rate}, {@code check-status}, {@code service-status}, {@code absence},
 *        {@code no-data}, {@code spike}, {@code trend}, or {@code custom} for a rule that does not say
 * @param parameters the rule's parameters by name (metric, tags, window, threshold...), in a readable order
 */
public record RuleDescription(String kind, Map<String, Object> parameters) {

    /** What a rule that does not describe itself is. */
    public static final RuleDescription CUSTOM = new RuleDescription("custom", Map.of());

    public RuleDescription {
        Objects.requireNonNull(kind, "kind");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }
}
