package dev.vigil.alert;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The value a rule watches for one series right now, whether or not it fires, with the limit it fires at:
 * what shows how close a rule is to firing.
 *
 * @param labels the series' tags
 * @param value the value the rule compares (window aggregate, rate, or a trend's newest sample)
 * @param limit the limit it fires at
 * @param comparison whether it fires above or below the limit
 * @param eta for a trend heading for its limit, how long until its line reaches it; null otherwise
 */
public record RuleReading(Map<String, String> labels, double value, double limit, Comparison comparison,
        @Nullable Duration eta) {

    public RuleReading {
        labels = Map.copyOf(labels);
        Objects.requireNonNull(comparison, "comparison");
    }

    /**
     * How far the value is from the limit, as a share of the limit: 0.1 means 10% short of firing, zero or
     * less means at or past it. Infinite for a limit of zero the value has not reached.
     */
    public double distance() {
        double gap = comparison == Comparison.ABOVE ? limit - value : value - limit;
        if (limit == 0) {
            return gap > 0 ? Double.POSITIVE_INFINITY : gap;
        }
        return gap / Math.abs(limit);
    }
}
