package dev.vigil.briefing;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import dev.vigil.internal.HumanText;

/**
 * Renders a {@link Briefing} as markdown a chat assistant can show as it is: a title with the date, critical
 * alerts and warnings with their fix, system health, key metrics, alerts of the period, trends, incidents,
 * deployments, recommendations, and the actions that can be run (as {@code [Label] → action_id}, the id
 * being what {@code POST <admin>/trigger-action} takes).
 */
public final class BriefingText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private BriefingText() {
    }

    /** The briefing as markdown. */
    public static String render(Briefing briefing) {
        StringBuilder out = new StringBuilder();
        out.append("# 📋 ").append(briefing.live() ? "Briefing so far — " : "Daily briefing — ").append(briefing.date())
                .append('\n');
        out.append('_').append(briefing.date().format(DAY)).append(" (").append(briefing.zone()).append(")")
                .append(briefing.live() ? ", until " + time(briefing, briefing.to()) : "")
                .append(" · generated ").append(briefing.generatedAt().atZone(briefing.zone()).format(STAMP))
                .append("_\n");

        Briefing.Alerts alerts = briefing.alerts();
        section(out, "🚨 CRITICAL ALERTS (" + alerts.critical().size() + ")");
        active(out, alerts.critical());
        section(out, "⚠️ WARNINGS (" + alerts.warnings().size() + ")");
        active(out, alerts.warnings());

        section(out, "✅ SYSTEM HEALTH");
        if (briefing.uptime().isEmpty()) {
            out.append("• No health checks registered\n");
        }
        for (Briefing.CheckUptime check : briefing.uptime()) {
            out.append("• ").append(check.check()).append(": ");
            if (check.uptime() == null) {
                out.append("no runs in the period\n");
            } else {
                out.append(HumanText.percent(check.uptime())).append(" up (").append(check.runs()).append(" runs");
                if (check.down() > 0) {
                    out.append(", ").append(check.down()).append(" down");
                }
                if (check.degraded() > 0) {
                    out.append(", ").append(check.degraded()).append(" degraded");
                }
                out.append(")\n");
            }
        }

        section(out, "📊 KEY METRICS");
        Briefing.KeyMetrics metrics = briefing.metrics();
        int lines = 0;
        if (metrics.requests() != null) {
            out.append("• Requests: ").append(BriefingService.number(metrics.requests()));
            if (metrics.errorRatio() != null) {
                out.append(", errors ").append(HumanText.percent(metrics.errorRatio()));
            }
            if (metrics.p95Millis() != null) {
                out.append(", p95 ").append(BriefingService.number(metrics.p95Millis())).append(" ms (worst ")
                        .append(BriefingService.number(metrics.worstP95Millis())).append(" ms)");
            }
            out.append('\n');
            lines++;
        }
        if (metrics.queries() != null) {
            out.append("• Database: ").append(BriefingService.number(metrics.queries())).append(" queries, ")
                    .append(metrics.slowQueries() == null ? "0" : BriefingService.number(metrics.slowQueries()))
                    .append(" slow\n");
            lines++;
        }
        if (metrics.jobRuns() != null) {
            out.append("• Jobs: ").append(BriefingService.number(metrics.jobRuns())).append(" runs, ")
                    .append(metrics.jobFailures() == null ? "0" : BriefingService.number(metrics.jobFailures()))
                    .append(" failed\n");
            lines++;
        }
        for (Briefing.BusinessValue value : briefing.business()) {
            if (value.value() == null) {
                continue;
            }
            out.append("• ").append(value.metric()).append(tags(value.tags())).append(": ")
                    .append(BriefingService.number(value.value()));
            if (value.change() != null) {
                double change = value.change();
                out.append(" (").append(change > 0 ? "+" : change < 0 ? "−" : "±")
                        .append(BriefingService.number(Math.abs(change))).append(" vs the day before)");
            }
            out.append('\n');
            lines++;
        }
        if (lines == 0) {
            out.append("• No metrics recorded in the period\n");
        }

        section(out, "🔔 ALERTS " + (briefing.live() ? "TODAY" : "THAT DAY"));
        out.append("• ").append(alerts.fired()).append(" fired, ").append(alerts.resolved()).append(" resolved\n");
        for (Briefing.AlertEvent event : alerts.firedList()) {
            out.append("• ").append(time(briefing, event.at())).append(" fired (").append(event.severity()).append("): ")
                    .append(event.message()).append('\n');
        }

        if (!briefing.trends().isEmpty()) {
            section(out, "📈 TRENDS WORTH A LOOK");
            for (Briefing.Trend trend : briefing.trends()) {
                out.append("• ").append(trend.message()).append('\n');
            }
        }

        section(out, "🧯 INCIDENTS");
        IncidentDigest incidents = briefing.incidents();
        out.append("• ").append(incidents.opened()).append(" new, ").append(incidents.open()).append(" open, ")
                .append(incidents.resolved()).append(" resolved\n");
        for (IncidentDigest.Item item : incidents.items()) {
            out.append("• [").append(item.severity()).append(", ").append(item.status()).append("] ").append(item.title())
                    .append('\n');
        }

        section(out, "🚀 DEPLOYMENTS");
        if (briefing.deployments().isEmpty()) {
            out.append("• None\n");
        }
        for (DeploymentSummary deployment : briefing.deployments()) {
            out.append("• ").append(time(briefing, deployment.at())).append(' ').append(deployment.version())
                    .append(deployment.description().isEmpty() ? "" : " — " + deployment.description()).append('\n');
        }

        section(out, "💡 RECOMMENDATIONS");
        if (briefing.recommendations().isEmpty()) {
            out.append("• Nothing needs doing\n");
        }
        for (Briefing.Recommendation recommendation : briefing.recommendations()) {
            out.append("• ").append(recommendation.text()).append('\n');
        }

        if (!briefing.actions().isEmpty()) {
            section(out, "🛠️ ACTIONS");
            List<Briefing.AvailableAction> actions = briefing.actions().stream()
                    .sorted((a, b) -> Boolean.compare(b.suggested(), a.suggested())).toList();
            for (Briefing.AvailableAction action : actions) {
                out.append("• [").append(action.label()).append("] → ").append(action.id())
                        .append(action.suggested() ? " (suggested)" : "").append('\n');
            }
        }
        return out.toString();
    }

    private static void section(StringBuilder out, String title) {
        out.append("\n**").append(title).append("**\n");
    }

    private static void active(StringBuilder out, List<Briefing.ActiveAlertSummary> alerts) {
        if (alerts.isEmpty()) {
            out.append("• None\n");
        }
        for (Briefing.ActiveAlertSummary alert : alerts) {
            out.append("• ").append(alert.message());
            if (alert.suggestedAction() != null) {
                out.append(" [").append(alert.actionLabel()).append("] → ").append(alert.suggestedAction());
            }
            if (alert.acknowledged()) {
                out.append(" (acknowledged)");
            }
            out.append('\n');
        }
    }

    private static String time(Briefing briefing, Instant at) {
        ZonedDateTime local = at.atZone(briefing.zone());
        return local.toLocalDate().equals(briefing.date()) ? local.format(TIME) : local.format(STAMP);
    }

    private static String tags(Map<String, String> tags) {
        return tags.isEmpty() ? "" : tags.toString();
    }
}
