package dev.vigil.alert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import dev.vigil.health.CheckHealth;
import dev.vigil.health.HealthReport;
import dev.vigil.health.HealthResult;
import dev.vigil.health.HealthStatus;
import org.jspecify.annotations.Nullable;

/**
 * Alerts on the latest health report: per matching check at or past a status, or on the service's
 * aggregate status. Checks that have not completed a run yet are ignored. Not API.
 */
final class HealthStatusRule implements AlertRule {

    private static final int MAX_LISTED_CHECKS = 5;

    /**
     * Per comma-separated glob, its literal parts between the {@code *}s; null: the service's aggregate
     * status. Matched by hand, not as a regex, so that evaluating allocates no matcher per check.
     */
    private final String @Nullable [][] checks;
    private final String pattern;
    private final HealthStatus status;

    private HealthStatusRule(String @Nullable [][] checks, String pattern, HealthStatus status) {
        this.checks = checks;
        this.pattern = pattern;
        this.status = status;
    }

    /** Checks whose name matches one of the comma-separated globs ({@code *} matches anything) at or past {@code atLeast}. */
    static HealthStatusRule checks(String namePattern, HealthStatus atLeast) {
        Objects.requireNonNull(namePattern, "checkNamePattern");
        Objects.requireNonNull(atLeast, "atLeast");
        if (atLeast == HealthStatus.UP) {
            throw new IllegalArgumentException("a check-status rule fires at DEGRADED or DOWN, not UP");
        }
        List<String[]> globs = new ArrayList<>();
        for (String glob : namePattern.split(",")) {
            String trimmed = glob.strip();
            if (!trimmed.isEmpty()) {
                globs.add(trimmed.split("\\*", -1));
            }
        }
        if (globs.isEmpty()) {
            throw new IllegalArgumentException("a check-status rule needs a check name or pattern, e.g. 'database' or 'job:*'");
        }
        return new HealthStatusRule(globs.toArray(String[][]::new), namePattern, atLeast);
    }

    /** Whether {@code name} matches one of the globs as a whole. */
    private static boolean matches(String[][] globs, String name) {
        for (String[] parts : globs) {
            if (matches(parts, name)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code name} is {@code parts} joined by runs of any characters: each part found as early as it can be. */
    private static boolean matches(String[] parts, String name) {
        int last = parts.length - 1;
        if (last == 0) {
            return name.equals(parts[0]);
        }
        int from = parts[0].length();
        int to = name.length() - parts[last].length();
        if (to < from || !name.startsWith(parts[0]) || !name.endsWith(parts[last])) {
            return false;
        }
        for (int i = 1; i < last; i++) {
            int at = name.indexOf(parts[i], from);
            if (at < 0 || at + parts[i].length() > to) {
                return false;
            }
            from = at + parts[i].length();
        }
        return true;
    }

    /** The service's aggregate status equal to {@code status}. */
    static HealthStatusRule service(HealthStatus status) {
        Objects.requireNonNull(status, "status");
        if (status == HealthStatus.UP) {
            throw new IllegalArgumentException("a service-status rule fires at DEGRADED or DOWN, not UP");
        }
        return new HealthStatusRule(null, "service", status);
    }

    @Override
    public List<AlertCondition> evaluate(RuleContext context) {
        HealthReport report = context.health();
        return checks == null ? service(report) : checks(report, checks);
    }

    private List<AlertCondition> checks(HealthReport report, String[][] names) {
        List<AlertCondition> conditions = null;
        for (CheckHealth check : report.checks()) {
            HealthResult result = check.result();
            if (!check.checked() || result.status().ordinal() < status.ordinal() || !matches(names, check.name())) {
                continue;
            }
            if (conditions == null) {
                conditions = new ArrayList<>();
            }
            AlertCondition condition = AlertCondition.of(Map.of("check", check.name()), Double.NaN,
                    check.name() + " is " + result.status().jsonName() + problem(result));
            conditions.add(result.suggestedAction() != null ? condition.withSuggestedAction(result.suggestedAction()) : condition);
        }
        return conditions == null ? List.of() : conditions;
    }

    private List<AlertCondition> service(HealthReport report) {
        // Aggregated over checks that ran: a check still "not checked yet" (DEGRADED placeholder) is no news.
        HealthStatus aggregate = HealthStatus.UP;
        for (CheckHealth check : report.checks()) {
            if (check.checked()) {
                aggregate = aggregate.worst(check.contribution());
            }
        }
        if (aggregate != status) {
            return List.of();
        }
        StringBuilder message = new StringBuilder("Service is ").append(status.jsonName());
        int listed = 0;
        int more = 0;
        for (CheckHealth check : report.checks()) {
            if (!check.checked() || check.contribution() != status) {
                continue;
            }
            if (listed == MAX_LISTED_CHECKS) {
                more++;
                continue;
            }
            message.append(listed == 0 ? ": " : ", ").append(check.name());
            check.result().problem().filter(p -> !p.equals(check.result().status().jsonName()))
                    .ifPresent(p -> message.append(" (").append(p).append(')'));
            listed++;
        }
        if (more > 0) {
            message.append(" and ").append(more).append(" more");
        }
        return List.of(AlertCondition.of(message.toString()));
    }

    private static String problem(HealthResult result) {
        return result.problem().filter(p -> !p.equals(result.status().jsonName())).map(p -> ": " + p).orElse("");
    }

    @Override
    public RuleDescription describe() {
        if (checks == null) {
            return new RuleDescription("service-status", Map.of("status", status.jsonName()));
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("checks", pattern);
        parameters.put("atLeast", status.jsonName());
        return new RuleDescription("check-status", parameters);
    }

    @Override
    public String toString() {
        return checks == null ? "service is " + status.jsonName() : "check " + pattern + " at least " + status.jsonName();
    }
}
