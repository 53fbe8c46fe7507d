package dev.vigil.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
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

    private final @Nullable Pattern checks; // null: the service's aggregate status
    private final String pattern;
    private final HealthStatus status;

    private HealthStatusRule(@Nullable Pattern checks, String pattern, HealthStatus status) {
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
        StringBuilder regex = new StringBuilder();
        for (String glob : namePattern.split(",")) {
            String trimmed = glob.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (regex.length() > 0) {
                regex.append('|');
            }
            String[] parts = trimmed.split("\\*", -1);
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    regex.append(".*");
                }
                regex.append(Pattern.quote(parts[i]));
            }
        }
        if (regex.length() == 0) {
            throw new IllegalArgumentException("a check-status rule needs a check name or pattern, e.g. 'database' or 'job:*'");
        }
        return new HealthStatusRule(Pattern.compile(regex.toString()), namePattern, atLeast);
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

    private List<AlertCondition> checks(HealthReport report, Pattern names) {
        List<AlertCondition> conditions = null;
        for (CheckHealth check : report.checks()) {
            HealthResult result = check.result();
            if (!check.checked() || result.status().ordinal() < status.ordinal() || !names.matcher(check.name()).matches()) {
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
    public String toString() {
        return checks == null ? "service is " + status.jsonName() : "check " + pattern + " at least " + status.jsonName();
    }
}
