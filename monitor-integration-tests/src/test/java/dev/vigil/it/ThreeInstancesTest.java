package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.health.CheckRunRecord;
import dev.vigil.store.Lease;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three nodes in their own JVMs on one PostgreSQL agree: one notification per alert transition at the
 * sink, the singleton check moves to another node when its holder is killed, and a silence or a runtime
 * switch changed through one node holds on all of them.
 */
class ThreeInstancesTest {

    private static final Duration DEADLINE = Duration.ofSeconds(90);
    /** Longer than the resolve grace plus two evaluations: a lagging node would have notified by then. */
    private static final Duration QUIET = Duration.ofSeconds(10);

    private Database database;
    private Remote remote;
    private final List<NodeProcess> nodes = new ArrayList<>();

    @BeforeEach
    void startServers() {
        database = Database.start();
        remote = new Remote();
    }

    @AfterEach
    void stopEverything() throws Exception {
        nodes.forEach(NodeProcess::close);
        remote.close();
        database.close();
    }

    @Test
    void threeNodesOnOneDatabaseNotifyOnceFailOverTheSingletonCheckAndShareSilencesAndSwitches() {
        Map<String, String> options = new HashMap<>(remote.nodeOptions());
        options.put("jdbc-url", database.jdbcUrl());
        options.put("resolve-grace", "PT6S");
        nodes.addAll(NodeProcess.startAll("ThreeInstancesTest", List.of("node-a", "node-b", "node-c"), options));

        // A silence made through one node holds on every node.
        String silence = nodes.get(0).api().silenceRule(StoreNode.CANARY_RULE, "canary is being replaced");
        await("every node lists the silence").atMost(DEADLINE).until(() ->
                nodes.stream().allMatch(node -> node.api().silenceIds().contains(silence)));

        // So does a runtime switch changed through another.
        nodes.get(1).api().put("/config/actions.max-per-hour", Map.of("value", 23), 200);
        await("every node applies the switch").atMost(DEADLINE).until(() -> nodes.stream().allMatch(node ->
                node.api().get("/config").path("config").path("actions.max-per-hour").asInt() == 23));

        remote.answer("/canary", 503);
        remote.answer("/target", 503);

        // Every node sees both alerts firing, the canary's held back by the silence.
        await("both alerts firing on every node").atMost(DEADLINE).until(() -> nodes.stream().allMatch(node -> {
            List<JsonNode> active = node.api().activeAlerts();
            return firing(active, StoreNode.TARGET_RULE) && active.stream().anyMatch(alert ->
                    alert.path("rule").asText().equals(StoreNode.CANARY_RULE)
                            && alert.path("state").asText().equals("firing")
                            && alert.path("silenced").asBoolean());
        }));
        await("the firing notification accepted").atMost(DEADLINE).until(() ->
                accepted(StoreNode.TARGET_RULE, "firing").size() >= 1);

        // Kill -9 the node that runs the singleton check: another one takes it over once its lease runs out.
        // (Under load a holder may miss its lease once at start; wait until one node holds it and runs the check.)
        String holder = await("the singleton check run by its lease holder alone").atMost(DEADLINE)
                .until(this::steadyHolder, Optional::isPresent).orElseThrow();
        NodeProcess killed = nodes.stream().filter(node -> node.instance().equals(holder)).findFirst().orElseThrow();
        killed.kill();
        Instant killedAt = Instant.now();
        nodes.remove(killed);
        await("another node runs the singleton check").atMost(DEADLINE).until(() ->
                database.store().checkRuns().recent("target", 5).stream().anyMatch(run ->
                        !run.instance().equals(holder) && run.run().checkedAt().isAfter(killedAt)));
        String successor = database.store().leases().holder("check:target").map(Lease::owner).orElseThrow();
        assertThat(successor).isNotEqualTo(holder).isIn(nodes.stream().map(NodeProcess::instance).toList());

        remote.answer("/target", 200);
        await("the resolved notification accepted").atMost(DEADLINE).until(() ->
                accepted(StoreNode.TARGET_RULE, "resolved").size() >= 1);
        await("every outbox entry delivered").atMost(DEADLINE).until(() -> nodes.get(0).api().outbox().stream()
                .allMatch(entry -> entry.path("status").asText().equals("sent")));
        int received = remote.deliveries().size();
        await("no further notification").during(QUIET).atMost(QUIET.plus(DEADLINE))
                .until(() -> remote.deliveries().size() == received);

        Map<String, Long> firing = countById(accepted(StoreNode.TARGET_RULE, "firing"));
        Map<String, Long> resolved = countById(accepted(StoreNode.TARGET_RULE, "resolved"));
        assertThat(firing).as("firing notifications by id, of %s", remote.deliveries()).hasSize(1).containsValue(1L);
        assertThat(resolved).as("resolved notifications by id, of %s", remote.deliveries()).hasSize(1).containsValue(1L);
        assertThat(remote.deliveries()).as("every request to the sink was accepted").allMatch(Remote.Delivery::accepted);
        assertThat(remote.deliveries()).extracting(Remote.Delivery::rule).as("notifications of the silenced alert")
                .doesNotContain(StoreNode.CANARY_RULE);

        // One transition per change, whichever node made it.
        String alertId = accepted(StoreNode.TARGET_RULE, "firing").get(0).alertId();
        List<JsonNode> history = nodes.get(0).api().history().stream()
                .filter(transition -> transition.path("alert").path("id").asText().equals(alertId)
                        && transition.path("change").asText().equals("state"))
                .toList();
        assertThat(history).extracting(transition -> transition.path("to").asText())
                .containsExactlyInAnyOrder("firing", "resolved");
        for (NodeProcess node : nodes) {
            assertThat(node.api().silenceIds()).as("silences on %s", node).contains(silence);
            assertThat(node.api().activeAlerts()).extracting(alert -> alert.path("rule").asText())
                    .as("active alerts on %s", node).containsOnly(StoreNode.CANARY_RULE);
        }
    }

    /** The holder of the singleton check's lease, if the latest runs of the check are all its own. */
    private Optional<String> steadyHolder() {
        Optional<String> holder = database.store().leases().holder("check:target").map(Lease::owner);
        List<CheckRunRecord> latest = database.store().checkRuns().recent("target", 5);
        return holder.filter(owner -> latest.size() == 5 && latest.stream().allMatch(run -> run.instance().equals(owner)));
    }

    private List<Remote.Delivery> accepted(String rule, String kind) {
        return remote.accepted().stream()
                .filter(delivery -> delivery.rule().equals(rule) && delivery.kind().equals(kind))
                .toList();
    }

    private static Map<String, Long> countById(List<Remote.Delivery> deliveries) {
        return deliveries.stream().collect(Collectors.groupingBy(Remote.Delivery::id, Collectors.counting()));
    }

    private static boolean firing(List<JsonNode> active, String rule) {
        Set<String> states = active.stream().filter(alert -> alert.path("rule").asText().equals(rule))
                .map(alert -> alert.path("state").asText()).collect(Collectors.toSet());
        return states.equals(Set.of("firing"));
    }
}
