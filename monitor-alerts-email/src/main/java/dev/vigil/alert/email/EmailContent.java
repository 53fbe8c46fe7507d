package dev.vigil.alert.email;

import dev.vigil.alert.Alert;
import dev.vigil.alert.Notification;
import dev.vigil.alert.Severity;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Renders a batch of notifications as a subject, a plain-text body and an HTML body with the same content. */
final class EmailContent {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String RESOLVED_COLOUR = "#2e7d32";

    /** What one email says. */
    record Rendered(String subject, String text, String html) {
    }

    private final String subjectPrefix;
    private final @Nullable String serviceName;

    EmailContent(String subjectPrefix, @Nullable String serviceName) {
        this.subjectPrefix = subjectPrefix.strip();
        this.serviceName = serviceName;
    }

    Rendered render(List<Notification> batch) {
        String service = service(batch);
        String summary = summary(batch, service);
        String subject = oneLine(subjectPrefix.isEmpty() ? summary : subjectPrefix + " " + summary);
        return new Rendered(subject, text(batch, summary), html(batch, summary));
    }

    private String service(List<Notification> batch) {
        if (serviceName != null) {
            return serviceName;
        }
        Set<String> services = new LinkedHashSet<>();
        batch.forEach(n -> services.add(n.service()));
        return String.join(", ", services);
    }

    /**
     * "CRITICAL: error-ratio-critical firing on vigil-demo" for one notification,
     * "3 alerts (1 critical, 2 warning) on vigil-demo" for several (resolved ones counted apart).
     */
    private static String summary(List<Notification> batch, String service) {
        if (batch.size() == 1) {
            Notification n = batch.get(0);
            return n.alert().severity().name() + ": " + n.alert().rule() + " " + n.kind().jsonName() + " on " + service;
        }
        Map<Severity, Integer> firing = new EnumMap<>(Severity.class);
        int resolved = 0;
        for (Notification n : batch) {
            if (n.kind() == Notification.Kind.RESOLVED) {
                resolved++;
            } else {
                firing.merge(n.alert().severity(), 1, Integer::sum);
            }
        }
        List<String> counts = new ArrayList<>();
        for (Severity severity : List.of(Severity.CRITICAL, Severity.WARNING, Severity.INFO)) {
            Integer count = firing.get(severity);
            if (count != null) {
                counts.add(count + " " + severity.jsonName());
            }
        }
        if (resolved > 0) {
            counts.add(resolved + " resolved");
        }
        return batch.size() + " alerts (" + String.join(", ", counts) + ") on " + service;
    }

    private static String text(List<Notification> batch, String summary) {
        StringBuilder out = new StringBuilder(summary).append("\n");
        for (Notification n : batch) {
            Alert alert = n.alert();
            out.append("\n[").append(n.kind().name()).append("] ")
                    .append(alert.severity().name()).append(' ').append(alert.rule()).append('\n');
            fields(n).forEach((name, value) ->
                    out.append("  ").append(String.format(Locale.ROOT, "%-17s", name + ":")).append(value).append('\n'));
        }
        return out.append("\n-- \nSent by Vigil\n").toString();
    }

    private static String html(List<Notification> batch, String summary) {
        StringBuilder out = new StringBuilder(2048)
                .append("<!DOCTYPE html>\n<html><head><meta charset=\"UTF-8\"><title>")
                .append(escape(summary))
                .append("</title></head>\n<body style=\"font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#212121\">\n")
                .append("<p style=\"font-size:16px;font-weight:bold\">").append(escape(summary)).append("</p>\n");
        for (Notification n : batch) {
            Alert alert = n.alert();
            String colour = n.kind() == Notification.Kind.RESOLVED ? RESOLVED_COLOUR : colour(alert.severity());
            out.append("<table cellpadding=\"6\" cellspacing=\"0\" style=\"border-collapse:collapse;margin:0 0 16px 0;")
                    .append("min-width:480px;border:1px solid ").append(colour).append("\">\n")
                    .append("<tr><th colspan=\"2\" align=\"left\" style=\"background:").append(colour)
                    .append(";color:#ffffff\">").append(escape(n.kind().name())).append(" &middot; ")
                    .append(escape(alert.severity().name())).append(" &middot; ").append(escape(alert.rule()))
                    .append("</th></tr>\n");
            fields(n).forEach((name, value) -> out
                    .append("<tr><td valign=\"top\" style=\"color:#616161;white-space:nowrap;border-top:1px solid #e0e0e0\">")
                    .append(escape(name))
                    .append("</td><td style=\"border-top:1px solid #e0e0e0\">")
                    .append(escape(value))
                    .append("</td></tr>\n"));
            out.append("</table>\n");
        }
        return out.append("<p style=\"color:#9e9e9e;font-size:12px\">Sent by Vigil</p>\n</body></html>\n").toString();
    }

    /** The rows shown for one notification, in order; both bodies show exactly these. */
    private static Map<String, String> fields(Notification n) {
        Alert alert = n.alert();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Service", n.service());
        fields.put("Severity", alert.severity().jsonName());
        fields.put("Message", alert.message());
        if (!Double.isNaN(alert.value())) {
            fields.put("Value", number(alert.value()));
        }
        if (!alert.labels().isEmpty()) {
            fields.put("Labels", alert.labels().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", ")));
        }
        fields.put("Since", TIME.format(alert.since()));
        putTime(fields, "Firing since", alert.firedAt());
        putTime(fields, "Resolved at", alert.resolvedAt());
        if (alert.acknowledged()) {
            fields.put("Acknowledged", "yes");
        }
        alert.suggestedActionId().ifPresent(action -> fields.put("Suggested action", action));
        fields.put("Alert id", alert.id());
        return fields;
    }

    private static void putTime(Map<String, String> fields, String name, @Nullable Instant time) {
        if (time != null) {
            fields.put(name, TIME.format(time));
        }
    }

    private static String colour(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "#c62828";
            case WARNING -> "#ef6c00";
            case INFO -> "#1565c0";
        };
    }

    /** Up to six significant digits, without trailing zeros or an exponent for ordinary magnitudes. */
    static String number(double value) {
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros();
        int magnitude = rounded.precision() - rounded.scale();
        return magnitude > -6 && magnitude <= 15 ? rounded.toPlainString() : rounded.toString();
    }

    /** Escapes text for HTML element content and attribute values. */
    static String escape(String text) {
        Objects.requireNonNull(text, "text");
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A header value must be one line: rule names and services come from configuration, not from us. */
    private static String oneLine(String text) {
        return text.replaceAll("[\\p{Cntrl}]+", " ").strip();
    }
}
