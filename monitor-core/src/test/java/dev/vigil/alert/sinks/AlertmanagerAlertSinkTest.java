package dev.vigil.alert.sinks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertState;
import dev.vigil.alert.DeliveryException;
import dev.vigil.alert.Notification;
import dev.vigil.alert.Severity;
import dev.vigil.alert.delivery.TestNotifications;
import dev.vigil.internal.Json;
import dev.vigil.test.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AlertmanagerAlertSinkTest {

    @RegisterExtension
    static final WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final String ENDPOINT = "/am/api/v2/alerts";

    private final MutableClock clock = MutableClock.atFixedStart();
    private final Instant t0 = clock.instant();

    private AlertmanagerAlertSink.Builder sink() {
        return AlertmanagerAlertSink.builder(URI.create(server.baseUrl() + "/am/")).clock(clock);
    }

    private static JsonNode postedAlerts() throws Exception {
        return Json.mapper().readTree(server.findAll(postRequestedFor(urlEqualTo(ENDPOINT))).get(0).getBody());
    }

    @Test
    void firingAlertCarriesLabelsAnnotationsAndAnEndInTheFuture() throws Exception {
        server.stubFor(post(ENDPOINT).willReturn(okJson("")));
        Notification firing = TestNotifications.firing(Severity.CRITICAL,
                Map.of("route", "/upload", "k8s.pod", "web-1", "severity", "ignored"), t0);

        sink().generatorUrl(URI.create("https://shop.example.com/admin/monitoring")).build().send(List.of(firing));

        JsonNode alerts = postedAlerts();
        assertThat(alerts.isArray()).isTrue();
        JsonNode alert = alerts.get(0);
        assertThat(alert.get("labels")).isEqualTo(Json.mapper().valueToTree(Map.of(
                "alertname", "critical-rule", "severity", "critical", "service", "shop",
                "route", "/upload", "k8s_pod", "web-1")));
        assertThat(alert.get("annotations").get("summary").asText()).isEqualTo("Error rate 12.4% above 10%");
        assertThat(alert.get("annotations").get("value").asText()).isEqualTo("0.124");
        assertThat(alert.get("startsAt").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(alert.get("endsAt").asText()).isEqualTo("2026-01-02T00:00:00Z");
        assertThat(alert.get("generatorURL").asText()).isEqualTo("https://shop.example.com/admin/monitoring");
    }

    @Test
    void resolvedAlertEndsWhenItResolvedAndFiringMayOmitTheEnd() throws Exception {
        server.stubFor(post(ENDPOINT).willReturn(okJson("")));
        Alert alert = new Alert("a-1", "disk-full", "disk-full{}", Severity.WARNING, AlertState.RESOLVED, "Disk at 91%",
                Map.of(), Double.NaN, t0.minusSeconds(900), null, t0.minusSeconds(60), false, "clear_cache");
        Notification resolved = new Notification("n-1", Notification.Kind.RESOLVED, alert, "shop", t0);
        Notification firing = TestNotifications.firing(Severity.INFO, t0);

        sink().resolveTimeout(Duration.ZERO).build().send(List.of(resolved, firing));

        JsonNode alerts = postedAlerts();
        assertThat(alerts.get(0).get("startsAt").asText()).isEqualTo("2025-12-31T23:45:00Z");
        assertThat(alerts.get(0).get("endsAt").asText()).isEqualTo("2025-12-31T23:59:00Z");
        assertThat(alerts.get(0).get("annotations").get("suggested_action").asText()).isEqualTo("clear_cache");
        assertThat(alerts.get(0).get("annotations").has("value")).isFalse();
        assertThat(alerts.get(1).has("endsAt")).isFalse();
        assertThat(alerts.get(1).has("generatorURL")).isFalse();
    }

    @Test
    void statusesAreClassifiedLikeTheWebhook() {
        server.stubFor(post(ENDPOINT).willReturn(aResponse().withStatus(500)));

        assertThatThrownBy(() -> sink().build().send(List.of(TestNotifications.firing(Severity.CRITICAL, t0))))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.isPermanent()).isFalse();
                    assertThat(e).hasMessage("alertmanager returned HTTP 500");
                });

        server.stubFor(post(ENDPOINT).willReturn(aResponse().withStatus(400)));
        assertThatThrownBy(() -> sink().build().send(List.of(TestNotifications.firing(Severity.CRITICAL, t0))))
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.isPermanent()).isTrue());
    }

    @Test
    void labelNamesAreMadeValidForAlertmanager() {
        assertThat(AlertmanagerAlertSink.labelName("k8s.pod-name")).isEqualTo("k8s_pod_name");
        assertThat(AlertmanagerAlertSink.labelName("5xx")).isEqualTo("_5xx");
        assertThat(AlertmanagerAlertSink.labelName("route")).isEqualTo("route");
    }
}
