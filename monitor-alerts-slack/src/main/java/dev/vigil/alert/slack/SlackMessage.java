package dev.vigil.alert.slack;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.alert.Alert;
import dev.vigil.alert.Notification;
import dev.vigil.alert.Severity;
import org.jspecify.annotations.Nullable;

/**
 * Renders one batch of notifications as one incoming-webhook payload. Not API.
 *
 * <p>Layout: the top-level {@code blocks} hold a header (severity emoji and title, or a summary of
 * the batch) and, when a critical alert fires and a mention is configured, a section with the
 * mention. Each notification is one secondary attachment whose {@code color} bar follows its own
 * severity (red critical, orange warning, blue info, green resolved) and whose blocks are a section
 * (message + fields) and a context line (alert id, suggested action). Attachments are the only way
 * Slack draws a colour bar; keeping the header top-level means the severity still shows (emoji) if a
 * client collapses or drops attachments, and one attachment per notification gives a mixed batch
 * (a critical firing, a warning resolved) the right colour for each one, with the attachment edges
 * doing what dividers would. The top-level {@code text} is the plain summary Slack uses for
 * push notifications and screen readers.
 *
 * <p>Slack's limits are kept: at most {@value #MAX_BLOCKS} blocks in the whole message (extra
 * notifications are counted in a final "…and N more" section), section texts at most
 * {@value #MAX_TEXT} characters, fields {@value #MAX_FIELD}, header {@value #MAX_HEADER}. Notifications
 * are shown most urgent first (critical firing, warning, info, then resolved), oldest first within each.
 */
final class SlackMessage {

    /** Slack rejects a message with more blocks than this (we count top-level and attachment blocks together). */
    static final int MAX_BLOCKS = 50;
    /** Maximum length of a section's (or context element's) text. */
    static final int MAX_TEXT = 3000;
    /** Maximum length of a section field's text. */
    static final int MAX_FIELD = 2000;
    /** Maximum length of a header block's text. */
    static final int MAX_HEADER = 150;
    /** Blocks per notification: section (message + fields) and context. */
    static final int BLOCKS_PER_NOTIFICATION = 2;

    private static final int MAX_TITLE_IN_SECTION = 300;
    private static final int MAX_ID = 200;
    private static final String INFO_BLUE = "#439FE0";
    private static final DateTimeFormatter FALLBACK_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SlackMessage() {
    }

    /** The payload for {@code batch} (not empty); {@code mention} is prefixed when a critical alert fires. */
    static ObjectNode render(List<Notification> batch, @Nullable String mention) {
        return render(batch, mention, notification -> List.of());
    }

    /**
     * The payload for {@code batch}, each notification followed by an {@code actions} block with its
     * {@code buttons}, if it has any.
     */
    static ObjectNode render(List<Notification> batch, @Nullable String mention,
            Function<Notification, List<SlackButton>> buttons) {
        List<Notification> ordered = new ArrayList<>(batch);
        ordered.sort(Comparator.comparingInt(SlackMessage::urgency));
        long criticalFiring = ordered.stream().filter(n -> urgency(n) == 0).count();
        @Nullable String ping = criticalFiring > 0 ? mention : null;

        ObjectNode root = NODES.objectNode();
        root.put("text", fallbackText(ordered, ping));
        ArrayNode blocks = root.putArray("blocks");
        blocks.add(header(headerText(ordered)));
        if (ping != null) {
            blocks.add(section(ping + " " + criticalFiring + (criticalFiring == 1 ? " critical alert" : " critical alerts") + " firing"));
        }

        int budget = MAX_BLOCKS - blocks.size();
        List<List<SlackButton>> offered = new ArrayList<>(ordered.size());
        int total = 0;
        for (Notification notification : ordered) {
            List<SlackButton> some = notification.kind() == Notification.Kind.RESOLVED ? List.of()
                    : buttons.apply(notification);
            offered.add(some);
            total += cost(some);
        }
        int shown = ordered.size();
        if (total > budget) {
            // keep one block for the "…and N more" section
            int used = 0;
            shown = 0;
            while (shown < ordered.size() && used + cost(offered.get(shown)) <= budget - 1) {
                used += cost(offered.get(shown));
                shown++;
            }
        }
        ArrayNode attachments = root.putArray("attachments");
        boolean single = ordered.size() == 1;
        for (int i = 0; i < shown; i++) {
            ObjectNode attachment = attachment(ordered.get(i), single);
            if (!offered.get(i).isEmpty()) {
                ((ArrayNode) attachment.get("blocks")).add(SlackButton.block("vigil-actions-"
                        + ordered.get(i).alert().id(), offered.get(i)));
            }
            attachments.add(attachment);
        }
        if (shown < ordered.size()) {
            ObjectNode more = attachments.addObject();
            more.putArray("blocks").add(section(moreText(ordered.subList(shown, ordered.size()))));
        }
        return root;
    }

    private static int cost(List<SlackButton> buttons) {
        return BLOCKS_PER_NOTIFICATION + (buttons.isEmpty() ? 0 : 1);
    }

    /** One line for one notification: {@code 🔴 CRITICAL — error-ratio-critical firing on vigil-demo}. */
    static String title(Notification notification) {
        Alert alert = notification.alert();
        String label = resolved(notification) ? "RESOLVED" : alert.severity().name();
        return emoji(notification) + " " + label + " — " + alert.rule() + " " + notification.kind().jsonName()
                + " on " + notification.service();
    }

    private static String headerText(List<Notification> ordered) {
        if (ordered.size() == 1) {
            return SlackText.plain(title(ordered.get(0)), MAX_HEADER);
        }
        long resolved = ordered.stream().filter(SlackMessage::resolved).count();
        long firing = ordered.size() - resolved;
        List<String> parts = new ArrayList<>();
        if (firing > 0) {
            parts.add(firing + " firing");
        }
        if (resolved > 0) {
            parts.add(resolved + " resolved");
        }
        Set<String> services = ordered.stream().map(Notification::service).collect(Collectors.toCollection(TreeSet::new));
        String where = services.size() == 1 ? services.iterator().next() : services.size() + " services";
        // the most urgent notification is first, so its emoji speaks for the batch
        return SlackText.plain(emoji(ordered.get(0)) + " " + ordered.size() + " alerts on " + where + ": "
                + String.join(", ", parts), MAX_HEADER);
    }

    private static String fallbackText(List<Notification> ordered, @Nullable String ping) {
        String summary;
        if (ordered.size() == 1) {
            Notification notification = ordered.get(0);
            summary = title(notification) + ": " + firstLine(notification.alert().message());
        } else {
            summary = headerText(ordered) + " — " + ordered.stream()
                    .map(n -> n.alert().rule() + " " + n.kind().jsonName())
                    .collect(Collectors.joining(", "));
        }
        String prefix = ping == null ? "" : ping + " ";
        return prefix + SlackText.mrkdwn(summary, MAX_TEXT - prefix.length());
    }

    private static ObjectNode attachment(Notification notification, boolean single) {
        Alert alert = notification.alert();
        ObjectNode attachment = NODES.objectNode();
        attachment.put("color", colour(notification));
        attachment.put("fallback", SlackText.plain(title(notification), MAX_TEXT));
        ArrayNode blocks = attachment.putArray("blocks");

        ObjectNode section = section(sectionText(notification, single));
        ArrayNode fields = section.putArray("fields");
        fields.add(field("Severity", alert.severity().jsonName()));
        fields.add(field("State", alert.state().jsonName()));
        fields.add(field("Service", notification.service()));
        if (!Double.isNaN(alert.value())) {
            fields.add(field("Value", number(alert.value())));
        }
        fields.add(timeField("Since", alert.since()));
        if (alert.resolvedAt() != null) {
            fields.add(timeField("Resolved", alert.resolvedAt()));
        }
        if (!alert.labels().isEmpty()) {
            fields.add(field("Labels", alert.labels().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", "))));
        }
        blocks.add(section);

        ObjectNode context = blocks.addObject();
        context.put("type", "context");
        ArrayNode elements = context.putArray("elements");
        elements.add(mrkdwn("Alert id: " + SlackText.mrkdwn(alert.id(), MAX_ID)));
        alert.suggestedActionId().ifPresent(action ->
                elements.add(mrkdwn("Suggested action: " + SlackText.mrkdwn(action, MAX_ID))));
        return attachment;
    }

    private static String sectionText(Notification notification, boolean single) {
        String message = notification.alert().message().isBlank() ? "(no message)" : notification.alert().message();
        if (single) {
            // the header already carries the title
            return SlackText.mrkdwn(message, MAX_TEXT);
        }
        String head = "*" + SlackText.mrkdwn(title(notification), MAX_TITLE_IN_SECTION) + "*\n";
        return head + SlackText.mrkdwn(message, MAX_TEXT - head.length());
    }

    private static String moreText(List<Notification> hidden) {
        long resolved = hidden.stream().filter(SlackMessage::resolved).count();
        long firing = hidden.size() - resolved;
        return "…and " + hidden.size() + " more not shown (" + firing + " firing, " + resolved + " resolved)";
    }

    private static ObjectNode header(String text) {
        ObjectNode header = NODES.objectNode();
        header.put("type", "header");
        ObjectNode plain = header.putObject("text");
        plain.put("type", "plain_text");
        plain.put("text", text);
        plain.put("emoji", true);
        return header;
    }

    private static ObjectNode section(String mrkdwnText) {
        ObjectNode section = NODES.objectNode();
        section.put("type", "section");
        section.set("text", mrkdwn(mrkdwnText));
        return section;
    }

    private static ObjectNode mrkdwn(String text) {
        ObjectNode node = NODES.objectNode();
        node.put("type", "mrkdwn");
        node.put("text", text);
        return node;
    }

    private static ObjectNode field(String name, String rawValue) {
        String head = "*" + name + "*\n";
        String value = rawValue.isBlank() ? "—" : rawValue;
        return mrkdwn(head + SlackText.mrkdwn(value, MAX_FIELD - head.length()));
    }

    /** Slack renders the date in each reader's own time zone; the text after {@code |} is the fallback. */
    private static ObjectNode timeField(String name, Instant instant) {
        return mrkdwn("*" + name + "*\n<!date^" + instant.getEpochSecond() + "^{date_short_pretty} {time}|"
                + FALLBACK_TIME.format(instant) + ">");
    }

    private static String number(double value) {
        if (Double.isInfinite(value)) {
            return value > 0 ? "∞" : "-∞";
        }
        return BigDecimal.valueOf(value).round(MathContext.DECIMAL32).stripTrailingZeros().toPlainString();
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }

    private static boolean resolved(Notification notification) {
        return notification.kind() == Notification.Kind.RESOLVED;
    }

    /** 0 critical firing, 1 warning firing, 2 info firing, 3 resolved. */
    private static int urgency(Notification notification) {
        if (resolved(notification)) {
            return 3;
        }
        return Severity.CRITICAL.ordinal() - notification.alert().severity().ordinal();
    }

    private static String emoji(Notification notification) {
        if (resolved(notification)) {
            return "✅";
        }
        switch (notification.alert().severity()) {
            case CRITICAL:
                return "🔴";
            case WARNING:
                return "🟠";
            default:
                return "🔵";
        }
    }

    private static String colour(Notification notification) {
        if (resolved(notification)) {
            return "good";
        }
        switch (notification.alert().severity()) {
            case CRITICAL:
                return "danger";
            case WARNING:
                return "warning";
            default:
                return INFO_BLUE;
        }
    }
}
