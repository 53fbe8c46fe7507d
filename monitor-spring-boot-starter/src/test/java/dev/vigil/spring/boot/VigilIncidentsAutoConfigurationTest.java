package dev.vigil.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import dev.vigil.Monitor;
import dev.vigil.api.ApiRequest;
import dev.vigil.api.ApiResponse;
import dev.vigil.incident.Incident;
import dev.vigil.incident.IncidentQuery;
import dev.vigil.incident.IncidentSettings;
import dev.vigil.incident.IncidentSeverity;
import dev.vigil.store.StoreSettings;
import dev.vigil.store.StoredKind;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.HandlerMapping;

class VigilIncidentsAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues("monitor.checks.disk.enabled=false", "monitor.checks.memory.enabled=false")
            .withConfiguration(AutoConfigurations.of(VigilAutoConfiguration.class));

    private static ApiResponse postError(Monitor monitor, String token, String body) {
        return monitor.api().handle(new ApiRequest("POST", "/api/admin/errors", Map.of(),
                Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json"),
                body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theIngestTokenMayPostErrorsAndNothingElse() {
        runner.withPropertyValues("monitor.ingest.token=demo-ingest-token").run(context -> {
            Monitor monitor = context.getBean(Monitor.class);

            assertThat(postError(monitor, "demo-ingest-token", "{\"error\": {\"message\": \"boom\"}}").status()).isEqualTo(202);
            assertThat(monitor.api().handle(ApiRequest.of("GET", "/api/admin/incidents",
                    Map.of("Authorization", "Bearer demo-ingest-token"))).status()).isEqualTo(403);
            assertThat(postError(monitor, "wrong", "{\"error\": {\"message\": \"boom\"}}").status()).isEqualTo(401);
        });
    }

    @Test
    void incidentPropertiesMapOntoTheSettings() {
        runner.withPropertyValues(
                "monitor.incidents.max-body-size=1KB",
                "monitor.incidents.rate-limit.burst=3",
                "monitor.incidents.rate-limit.per-second=0.5",
                "monitor.incidents.active-retention=2h",
                "monitor.incidents.rules.payments.endpoint=^/api/payments",
                "monitor.incidents.rules.payments.severity=critical",
                "monitor.incidents.rules.payments.category=payments",
                "monitor.incidents.sentry.client-secrets=one,two",
                "monitor.incidents.known-fixes.cache.action=clear_cache",
                "monitor.incidents.known-fixes.cache.pattern=stale cache",
                "monitor.incidents.known-fixes.cache.auto=true",
                "monitor.store.retention.incidents=30d",
                "monitor.admin.token=admin").run(context -> {
                    IncidentSettings settings = context.getBean(IncidentSettings.class);
                    assertThat(settings.maxBodyBytes()).isEqualTo(1024);
                    assertThat(settings.rateLimitBurst()).isEqualTo(3);
                    assertThat(settings.activeRetention()).isEqualTo(Duration.ofHours(2));
                    assertThat(settings.sentryClientSecrets()).containsExactly("one", "two");
                    assertThat(settings.knownFixes()).singleElement().satisfies(fix -> {
                        assertThat(fix.action()).isEqualTo("clear_cache");
                        assertThat(fix.auto()).isTrue();
                    });
                    assertThat(context.getBean(StoreSettings.class).retention(StoredKind.INCIDENTS))
                            .isEqualTo(Duration.ofDays(30));

                    Monitor monitor = context.getBean(Monitor.class);
                    ApiResponse response = postError(monitor, "admin",
                            "{\"error\": {\"message\": \"Payment processing failed\"}, \"context\": {\"endpoint\": \"/api/payments/7\"}}");
                    assertThat(response.status()).isEqualTo(202);
                    Incident incident = monitor.incidents().list(IncidentQuery.all(10)).get(0);
                    assertThat(incident.severity()).isEqualTo(IncidentSeverity.CRITICAL);
                    assertThat(incident.category()).isEqualTo("payments");
                    assertThat(postError(monitor, "admin", "{\"error\": {\"message\": \"" + "x".repeat(2000) + "\"}}")
                            .status()).isEqualTo(413);
                });
    }

    @Test
    void aBadRuleNamesItsProperty() {
        runner.withPropertyValues("monitor.incidents.rules.broken.message=(", "monitor.incidents.rules.broken.severity=LOW")
                .run(context -> assertThat(context).getFailure()
                        .hasStackTraceContaining("monitor.incidents.rules.broken: classification rule broken: message is not a valid regular expression"));
    }

    @Test
    void disabledIncidentsServeNoIncidentOperation() {
        runner.withPropertyValues("monitor.incidents.enabled=false", "monitor.admin.token=admin").run(context -> {
            Monitor monitor = context.getBean(Monitor.class);
            assertThat(postError(monitor, "admin", "{\"error\": {\"message\": \"boom\"}}").status()).isEqualTo(404);
        });
    }

    @Test
    void unhandledMvcExceptionsAreReportedAndClientErrorsAreNot() {
        new WebApplicationContextRunner()
                .withPropertyValues("monitor.checks.disk.enabled=false", "monitor.checks.memory.enabled=false",
                        "spring.application.name=shop")
                .withConfiguration(AutoConfigurations.of(VigilAutoConfiguration.class,
                        VigilMvcIncidentsAutoConfiguration.class))
                .run(context -> {
                    Monitor monitor = context.getBean(Monitor.class);
                    VigilMvcIncidentsAutoConfiguration.IncidentExceptionResolver resolver =
                            context.getBean(VigilMvcIncidentsAutoConfiguration.IncidentExceptionResolver.class);
                    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/orders/42");
                    request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, "/orders/{id}");

                    assertThat(resolver.resolveException(request, new MockHttpServletResponse(), null,
                            new IllegalStateException("order total is negative"))).isNull();
                    resolver.resolveException(request, new MockHttpServletResponse(), null,
                            new ResponseStatusException(HttpStatus.NOT_FOUND));

                    assertThat(monitor.incidents().list(IncidentQuery.all(10))).singleElement().satisfies(incident -> {
                        assertThat(incident.title()).isEqualTo("order total is negative");
                        assertThat(incident.endpoints()).containsExactly("/orders/{id}");
                        assertThat(incident.applications()).containsExactly("shop");
                    });
                });
    }

    @Test
    void mvcReportingCanBeTurnedOff() {
        new WebApplicationContextRunner()
                .withPropertyValues("monitor.incidents.report-mvc-exceptions=false")
                .withConfiguration(AutoConfigurations.of(VigilAutoConfiguration.class,
                        VigilMvcIncidentsAutoConfiguration.class))
                .run(context -> assertThat(context)
                        .doesNotHaveBean(VigilMvcIncidentsAutoConfiguration.IncidentExceptionResolver.class));
    }
}
