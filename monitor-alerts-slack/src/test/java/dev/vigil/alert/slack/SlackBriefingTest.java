package dev.vigil.alert.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.vigil.Monitor;
import dev.vigil.briefing.BriefingSettings;
import dev.vigil.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scheduled briefing posted to Slack (WireMock on loopback) through the outbox, retried until Slack takes it. */
class SlackBriefingTest {

    private static final String PATH = "/services/T000/B000/briefing";
    private static final LocalDate DAY = LocalDate.of(2026, 3, 14);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-15T08:00:00Z"));
    private WireMockServer slack;
    private Monitor monitor;

    @BeforeEach
    void start() {
        slack = new WireMockServer(options().dynamicPort());
        slack.start();
        monitor = Monitor.builder().clock(clock).bindSystemMeters(false).systemMetrics(false, Path.of("."))
                .defaultAlertRules(false, Map.of())
                .alertSink("slack", SlackAlertSink.builder().webhookUrl(URI.create("http://localhost:" + slack.port() + PATH))
                        .build())
                .briefingSettings(BriefingSettings.builder().zone(ZoneOffset.UTC).deliverTo(List.of("slack")).build())
                .build();
    }

    @AfterEach
    void stop() {
        monitor.close();
        slack.stop();
    }

    @Test
    void theBriefingIsPostedOnceAndRetriedWhenSlackFails() {
        slack.stubFor(post(urlEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500).withBody("internal_error")).willSetStateTo("up"));
        slack.stubFor(post(urlEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200).withBody("ok")));

        monitor.briefings().runIfDue(Runnable::run);
        monitor.briefings().runIfDue(Runnable::run);
        monitor.dispatcher().deliverDue();
        clock.advance(Duration.ofSeconds(5));
        monitor.dispatcher().deliverDue();
        clock.advance(Duration.ofMinutes(5));
        monitor.dispatcher().deliverDue();

        slack.verify(2, postRequestedFor(urlEqualTo(PATH)));
        String body = slack.getAllServeEvents().get(0).getRequest().getBodyAsString();
        assertThat(body).contains("daily-briefing").contains("Daily briefing — " + DAY);
        assertThat(monitor.briefings().stored(DAY)).isPresent();
    }
}
