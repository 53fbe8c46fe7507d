package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A node with a firing alert whose notification cannot be delivered yet, a silence, a changed runtime
 * switch and audit entries is stopped (gracefully, or with kill -9); a new node on the same database
 * delivers the notification exactly once and shows everything else as it was.
 */
class RestartTest {

    private static final String SWITCH = "actions.max-per-hour";
    /** A claim of a killed sender is retried after its lease (send timeout + 30 s); this leaves room for it. */
    private static final Duration DELIVERY_DEADLINE = Duration.ofSeconds(150);
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    private Database database;
    private Remote remote;
    private Map<String, String> options;

    @BeforeEach
    void startServers() {
        database = Database.start();
        remote = new Remote();
        options = new HashMap<>(remote.nodeOptions());
        options.put("jdbc-url", database.jdbcUrl());
        options.put("resolve-grace", "PT3S");
    }

    @AfterEach
    void stopServers() throws Exception {
        remote.close();
        database.close();
    }

    @Test
    void gracefullyStoppedNodeLosesNothingAndItsNotificationIsDeliveredOnceByTheNext() {
        nothingIsLostAcrossARestart("graceful", false);
    }

    @Test
    void killedNodeLosesNothingAndItsNotificationIsDeliveredOnceByTheNext() {
        nothingIsLostAcrossARestart("kill", true);
    }

    private void nothingIsLostAcrossARestart(String test, boolean kill) {
        // The sink takes its time to fail, so the node stops in the middle of a send.
        remote.answer("/sink", 503, Duration.ofMillis(2500));
        remote.answer("/target", 503);
        String notificationId;
        String alertId;
        String silenceId;
        try (NodeProcess first = NodeProcess.start("RestartTest-" + test, "first", options)) {
            NodeApi api = first.api();
            // The alert fires; its notification waits in the outbox, retried against the failing sink.
            JsonNode waiting = await("the firing notification retried in the outbox").atMost(DEADLINE)
                    .until(() -> firingEntry(api), entry -> entry.isPresent()
                            && entry.get().path("status").asText().equals("retrying")
                            && remote.deliveries().stream().anyMatch(delivery ->
                                    delivery.id().equals(entry.get().path("notificationId").asText())))
                    .orElseThrow();
            notificationId = waiting.path("notificationId").asText();
            alertId = waiting.path("alertId").asText();

            silenceId = api.silenceRule(StoreNode.CANARY_RULE, "canary maintenance");
            api.put("/config/" + SWITCH, Map.of("value", 17), 200);
            api.put("/config/no.such.switch", Map.of("value", 1), 404); // refused, and audited as such

            // Audit entries and history go through the write buffer: once the API reads them back they are in
            // the database (what a kill -9 meets still in the buffer is lost, by design).
            await("audit and history written").atMost(DEADLINE).until(() ->
                    auditSubjects(api).containsAll(List.of(SWITCH, "no.such.switch"))
                            && firingTransitions(api, alertId) == 1);
            await("a send in flight").atMost(DEADLINE).pollInterval(Duration.ofMillis(50))
                    .until(() -> claimedEntries() > 0);
            if (kill) {
                first.kill();
                // The next node sends it once the claim's lease (send timeout + 30 s) has run out.
                assertThat(claimedEntries()).as("entries the killed node left claimed").isEqualTo(1);
            } else {
                first.stopGracefully();
                // A node that stops gives its claims back: the next one sends at once, not after the lease.
                assertThat(claimedEntries()).as("entries the stopped node left claimed").isZero();
            }
        }

        remote.answer("/sink", 200);
        try (NodeProcess second = NodeProcess.start("RestartTest-" + test, "second", options)) {
            NodeApi api = second.api();
            await("the notification accepted by the sink").atMost(DELIVERY_DEADLINE)
                    .until(() -> accepted(notificationId) >= 1);
            // Once the outbox marks it sent nobody sends it again: the count is final.
            await("the notification marked sent").atMost(DEADLINE).until(() -> api.outbox().stream().anyMatch(entry ->
                    entry.path("notificationId").asText().equals(notificationId)
                            && entry.path("status").asText().equals("sent")));
            assertThat(accepted(notificationId)).as("deliveries of %s", notificationId).isEqualTo(1);
            // The new node carried the alert on: no second firing notification (a reopened alert would make one).
            assertThat(remote.deliveries()).filteredOn(delivery -> delivery.kind().equals("firing"))
                    .extracting(Remote.Delivery::id).containsOnly(notificationId);

            assertThat(firingTransitions(api, alertId)).as("firing transitions of alert %s", alertId).isEqualTo(1);
            assertThat(api.activeAlerts()).extracting(alert -> alert.path("id").asText()).contains(alertId);
            assertThat(auditSubjects(api)).contains(SWITCH, "no.such.switch");
            assertThat(api.silenceIds()).containsExactly(silenceId);
            assertThat(api.get("/config").path("config").path(SWITCH).asInt()).isEqualTo(17);
        }
    }

    /** Outbox entries a sender has claimed and not yet marked (the store's lease on a send in flight). */
    private long claimedEntries() {
        return database.count("SELECT COUNT(*) FROM " + StoreNode.TABLE_PREFIX + "outbox WHERE sink = '" + StoreNode.SINK
                + "' AND lease_until IS NOT NULL");
    }

    private static Optional<JsonNode> firingEntry(NodeApi api) {
        return api.outbox().stream()
                .filter(entry -> entry.path("rule").asText().equals(StoreNode.TARGET_RULE)
                        && entry.path("kind").asText().equals("firing"))
                .findFirst();
    }

    private long accepted(String notificationId) {
        return remote.accepted().stream().filter(delivery -> delivery.id().equals(notificationId)).count();
    }

    private static List<String> auditSubjects(NodeApi api) {
        return api.get("/audit?type=config").path("entries").findValuesAsText("subject");
    }

    private static long firingTransitions(NodeApi api, String alertId) {
        return api.history().stream()
                .filter(transition -> transition.path("to").asText().equals("firing")
                        && transition.path("change").asText().equals("state")
                        && transition.path("alert").path("id").asText().equals(alertId))
                .count();
    }
}
