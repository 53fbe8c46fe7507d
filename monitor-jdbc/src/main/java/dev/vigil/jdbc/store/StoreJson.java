package dev.vigil.jdbc.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertState;
import dev.vigil.alert.Notification;
import dev.vigil.alert.Severity;
import dev.vigil.internal.Json;
import org.jspecify.annotations.Nullable;

/**
 * The JSON columns: notifications with their alert, alerts in the history, labels, matchers and audit details.
 * Records are written field by field (not by reflection), so the columns stay readable and stable.
 */
final class StoreJson {

    private static final ObjectMapper MAPPER = Json.mapper();
    private static final TypeReference<LinkedHashMap<String, String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECTS = new TypeReference<>() {
    };

    private StoreJson() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON for " + value.getClass().getName(), e);
        }
    }

    static Map<String, String> strings(String json) {
        return read(json, STRINGS);
    }

    static Map<String, Object> objects(String json) {
        return read(json, OBJECTS);
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stored JSON", e);
        }
    }

    private static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stored JSON", e);
        }
    }

    static String notification(Notification notification) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", notification.id());
        node.put("kind", notification.kind().name());
        node.put("service", notification.service());
        node.put("createdAt", time(notification.createdAt()));
        node.set("alert", alertNode(notification.alert()));
        return write(node);
    }

    static Notification notification(String json) {
        JsonNode node = tree(json);
        return new Notification(node.get("id").asText(), Notification.Kind.valueOf(node.get("kind").asText()),
                alert(node.get("alert")), node.get("service").asText(), Instant.parse(node.get("createdAt").asText()));
    }

    static String alert(Alert alert) {
        return write(alertNode(alert));
    }

    static Alert alert(String json) {
        return alert(tree(json));
    }

    private static ObjectNode alertNode(Alert alert) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", alert.id());
        node.put("rule", alert.rule());
        node.put("fingerprint", alert.fingerprint());
        node.put("severity", alert.severity().name());
        node.put("state", alert.state().name());
        node.put("message", alert.message());
        ObjectNode labels = node.putObject("labels");
        alert.labels().forEach(labels::put);
        double value = alert.value();
        if (Double.isFinite(value)) {
            node.put("value", value);
        } else {
            node.put("value", Double.toString(value));
        }
        node.put("since", time(alert.since()));
        node.put("firedAt", time(alert.firedAt()));
        node.put("resolvedAt", time(alert.resolvedAt()));
        node.put("acknowledged", alert.acknowledged());
        node.put("suggestedAction", alert.suggestedAction());
        return node;
    }

    private static Alert alert(JsonNode node) {
        Map<String, String> labels = new LinkedHashMap<>();
        node.get("labels").properties().forEach(field -> labels.put(field.getKey(), field.getValue().asText()));
        JsonNode value = node.get("value");
        double number = value.isNumber() ? value.doubleValue() : Double.parseDouble(value.asText());
        return new Alert(node.get("id").asText(), node.get("rule").asText(), node.get("fingerprint").asText(),
                Severity.valueOf(node.get("severity").asText()), AlertState.valueOf(node.get("state").asText()),
                node.get("message").asText(), labels, number, Instant.parse(node.get("since").asText()),
                optionalTime(node, "firedAt"), optionalTime(node, "resolvedAt"), node.get("acknowledged").asBoolean(),
                optionalText(node, "suggestedAction"));
    }

    private static @Nullable String time(@Nullable Instant instant) {
        return instant == null ? null : Sql.stored(instant).toString();
    }

    private static @Nullable Instant optionalTime(JsonNode node, String field) {
        String text = optionalText(node, field);
        return text == null ? null : Instant.parse(text);
    }

    private static @Nullable String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
