package dev.vigil.incident;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Gives an error event its severity and category from an ordered list of {@link ClassificationRule}s: the
 * configured rules first, then (unless turned off) {@link #DEFAULT_RULES}. A severity the reporter sent wins over
 * the rules; an event no rule matches is {@link IncidentSeverity#MEDIUM} and {@value #UNKNOWN}.
 */
public final class Classifier {

    /** The category of an event no rule gives one. */
    public static final String UNKNOWN = "unknown";

    /**
     * The built-in rules: severities from the message (database connection failures, 502s, security breaches and
     * data loss are critical; API timeouts, 500s, payment failures and type errors high; slow queries, cache misses
     * and deprecations medium; warnings, missing images and 404s low), then categories — an event with an endpoint
     * is {@code backend}, from a frontend application {@code frontend}, mentioning the database {@code database},
     * authentication {@code security}, the network or a timeout {@code infrastructure}.
     */
    public static final List<ClassificationRule> DEFAULT_RULES = List.of(
            ClassificationRule.builder("critical").severity(IncidentSeverity.CRITICAL)
                    .message("database connection failed|502 bad gateway|authentication service down|security breach"
                            + "|data loss|cannot connect to database").build(),
            ClassificationRule.builder("high").severity(IncidentSeverity.HIGH)
                    .message("api timeout|500 internal server error|payment processing failed|cannot read propert"
                            + "|syntax ?error|undefined is not a function|typeerror").build(),
            ClassificationRule.builder("medium").severity(IncidentSeverity.MEDIUM)
                    .message("slow query|rate limit approaching|cache miss|timeout warning|deprecat").build(),
            ClassificationRule.builder("low").severity(IncidentSeverity.LOW)
                    .message("warning|missing image|\\b404\\b").build(),
            ClassificationRule.builder("backend").category("backend").endpoint(".").build(),
            ClassificationRule.builder("backend-type").category("backend").type("api").build(),
            ClassificationRule.builder("frontend").category("frontend").application("frontend").build(),
            ClassificationRule.builder("database").category("database").message("\\bdb\\b|database|sql").build(),
            ClassificationRule.builder("security").category("security").message("auth|unauthori[sz]ed|forbidden").build(),
            ClassificationRule.builder("infrastructure").category("infrastructure")
                    .message("network|timeout|timed out|connection refused").build());

    private final List<ClassificationRule> rules;

    private Classifier(List<ClassificationRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The built-in rules only. */
    public static Classifier ofDefaults() {
        return new Classifier(DEFAULT_RULES);
    }

    /**
     * {@code rules} tried in order, then the built-in rules when {@code withDefaults}.
     *
     * @throws IllegalArgumentException if two rules share a name
     */
    public static Classifier of(List<ClassificationRule> rules, boolean withDefaults) {
        List<ClassificationRule> all = new ArrayList<>(Objects.requireNonNull(rules, "rules"));
        if (withDefaults) {
            all.addAll(DEFAULT_RULES);
        }
        if (all.stream().map(ClassificationRule::name).distinct().count() != all.size()) {
            throw new IllegalArgumentException("classification rule names must be distinct (the built-in ones are "
                    + DEFAULT_RULES.stream().map(ClassificationRule::name).toList() + "); were "
                    + all.stream().map(ClassificationRule::name).toList());
        }
        return new Classifier(all);
    }

    /** The rules, in the order they are tried. */
    public List<ClassificationRule> rules() {
        return rules;
    }

    /** The severity (the reporter's, if given) and category of {@code event}. */
    public Classification classify(ErrorEvent event) {
        IncidentSeverity severity = event.severity();
        String category = null;
        for (ClassificationRule rule : rules) {
            if (severity != null && category != null) {
                break;
            }
            boolean wanted = severity == null && rule.severity() != null || category == null && rule.category() != null;
            if (!wanted || !rule.matches(event)) {
                continue;
            }
            if (severity == null && rule.severity() != null) {
                severity = rule.severity();
            }
            if (category == null && rule.category() != null) {
                category = rule.category();
            }
        }
        return new Classification(severity != null ? severity : IncidentSeverity.MEDIUM,
                category != null ? category : UNKNOWN);
    }
}
