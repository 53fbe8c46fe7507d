package dev.vigil.alert;

import java.util.List;

/**
 * Decides which alert conditions hold right now; the {@link AlertEngine} turns them into alerts with
 * a lifecycle (pending, firing, resolved), deduplication, silences and notifications.
 *
 * <p>A rule is evaluated every evaluation interval (15 s by default) on Vigil's evaluation thread.
 * It should read, not probe: metric history from {@link RuleContext#metrics()} and the latest health
 * report from {@link RuleContext#health()}. Built-in kinds are in {@link AlertRules}; a custom rule is
 * a lambda:
 *
 * <pre>{@code
 * AlertRule backlog = context -> orders.backlog() > 1000
 *         ? List.of(AlertCondition.of("Order backlog at " + orders.backlog()))
 *         : List.of();
 * }</pre>
 *
 * <p>A rule that throws (or returns {@code null}) is logged once per change of its error and skipped
 * for that evaluation: its alerts keep their state and other rules are unaffected.
 */
@FunctionalInterface
public interface AlertRule {

    /**
     * Returns the conditions that hold now, one per distinct label set (an empty list when all is well).
     *
     * @param context the time of this evaluation, metric history and the latest health report
     * @throws Exception any failure; the rule is skipped for this evaluation
     */
    List<AlertCondition> evaluate(RuleContext context) throws Exception;

    /** The rule's kind and parameters, for the rule list; {@link RuleDescription#CUSTOM} unless the rule says. */
    default RuleDescription describe() {
        return RuleDescription.CUSTOM;
    }

    /**
     * The values the rule watches now, per series, fired or not, for reports of rules close to firing; none
     * unless the rule compares a number with a limit (threshold, rate and trend rules do).
     *
     * @param context the time of the reading and the metric history
     * @throws Exception any failure; the reading is left out
     */
    default List<RuleReading> read(RuleContext context) throws Exception {
        return List.of();
    }
}
