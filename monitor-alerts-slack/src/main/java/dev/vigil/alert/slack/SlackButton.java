package dev.vigil.alert.slack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.internal.Json;
import org.jspecify.annotations.Nullable;

/**
 * One Block Kit button that runs a Vigil action when pressed: its {@code action_id} is
 * {@code vigil_action:<action>} (or {@code vigil_approve:<action>} for an approval), its {@code value} a small JSON
 * object with what the press needs: {@code action}, {@code params}, and the {@code alert} or {@code incident} it is
 * for, or the approval {@code token} and the {@code requester}. Critical actions are red ({@code danger}); every
 * button asks for confirmation. Not API.
 *
 * @param kind {@link #RUN} or {@link #APPROVE}
 * @param action the action id
 * @param label the button's text
 * @param description what the action does, for the confirmation dialog
 * @param params the action's parameters
 * @param alertId the alert the button is offered for, if any
 * @param incidentId the incident whose known fix it runs, if any
 * @param critical whether the action is critical
 * @param token the approval token, for an approval button
 * @param requester the Slack user id who asked for the action, for an approval button
 */
record SlackButton(String kind, String action, String label, String description, Map<String, Object> params,
        @Nullable String alertId, @Nullable String incidentId, boolean critical, @Nullable String token,
        @Nullable String requester) {

    /** Runs the action. */
    static final String RUN = "vigil_action";
    /** Approves a critical action another user asked for. */
    static final String APPROVE = "vigil_approve";
    /** Slack's limit for a button's value. */
    static final int MAX_VALUE = 2000;
    /** Slack's limit for an action_id. */
    static final int MAX_ACTION_ID = 255;
    /** Slack's limit for a button's text. */
    static final int MAX_LABEL = 75;
    /** Slack allows 25 elements in an actions block; a message shows a few buttons at most. */
    static final int MAX_PER_BLOCK = 5;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    SlackButton {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(description, "description");
        params = Map.copyOf(params);
    }

    /** A button that runs {@code action}. */
    static SlackButton run(String action, String label, String description, @Nullable String alertId,
            @Nullable String incidentId, boolean critical) {
        return new SlackButton(RUN, action, label, description, Map.of(), alertId, incidentId, critical, null, null);
    }

    /** A button that approves {@code action}, requested by {@code requester}, with {@code token}. */
    static SlackButton approve(String action, String label, Map<String, Object> params, @Nullable String incidentId,
            String token, String requester) {
        return new SlackButton(APPROVE, action, "Approve " + label, "", params, null, incidentId, true, token, requester);
    }

    String actionId() {
        return kind + ":" + action;
    }

    /** The {@code value} the press brings back. */
    String value() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("action", action);
        value.put("params", params);
        if (alertId != null) {
            value.put("alert", alertId);
        }
        if (incidentId != null) {
            value.put("incident", incidentId);
        }
        if (token != null) {
            value.put("token", token);
        }
        if (requester != null) {
            value.put("requester", requester);
        }
        return new String(Json.write(value), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Whether Slack would take it: id and value within their limits. */
    boolean fits() {
        return actionId().length() <= MAX_ACTION_ID && value().length() <= MAX_VALUE;
    }

    /** The button element. */
    ObjectNode toJson() {
        ObjectNode button = NODES.objectNode();
        button.put("type", "button");
        button.set("text", plain(SlackText.plain(label, MAX_LABEL)));
        button.put("action_id", actionId());
        button.put("value", value());
        if (kind.equals(APPROVE)) {
            button.put("style", "primary");
        } else if (critical) {
            button.put("style", "danger");
        }
        ObjectNode confirm = button.putObject("confirm");
        confirm.set("title", plain(SlackText.plain(kind.equals(APPROVE) ? "Approve " + action + "?" : "Run " + action + "?", 100)));
        String text = kind.equals(APPROVE)
                ? "You approve the critical action " + action + " that <@" + requester + "> asked for. It runs at once."
                : (description.isBlank() ? "Runs " + action : SlackText.mrkdwn(description, 200))
                        + (critical ? ". It is critical: a second operator must approve it." : ".");
        ObjectNode mrkdwn = NODES.objectNode();
        mrkdwn.put("type", "mrkdwn");
        mrkdwn.put("text", text.length() > 300 ? text.substring(0, 299) + "…" : text);
        confirm.set("text", mrkdwn);
        confirm.set("confirm", plain(kind.equals(APPROVE) ? "Approve" : "Run"));
        confirm.set("deny", plain("Cancel"));
        if (critical && !kind.equals(APPROVE)) {
            confirm.put("style", "danger");
        }
        return button;
    }

    /** An {@code actions} block with {@code buttons} (at most {@link #MAX_PER_BLOCK}, one per action). */
    static ObjectNode block(String blockId, List<SlackButton> buttons) {
        ObjectNode block = NODES.objectNode();
        block.put("type", "actions");
        block.put("block_id", blockId.length() > 255 ? blockId.substring(0, 255) : blockId);
        ArrayNode elements = block.putArray("elements");
        buttons.stream().limit(MAX_PER_BLOCK).forEach(button -> elements.add(button.toJson()));
        return block;
    }

    private static ObjectNode plain(String text) {
        ObjectNode node = NODES.objectNode();
        node.put("type", "plain_text");
        node.put("text", text);
        node.put("emoji", true);
        return node;
    }
}
