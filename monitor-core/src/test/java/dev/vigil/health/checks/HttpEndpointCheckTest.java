package dev.vigil.health.checks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static com.github.tomakehurst.wiremock.client.WireMock.temporaryRedirect;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.vigil.health.HealthResult;
import dev.vigil.health.HealthStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HttpEndpointCheckTest {

    @RegisterExtension
    static final WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static URI url(String pathAndQuery) {
        return URI.create(server.baseUrl() + pathAndQuery);
    }

    @Test
    void defaultsExpect200WithinTwoSecondsAndTimeOutAfterFive() {
        HttpEndpointCheck check = HttpEndpointCheck.of(url("/health"));

        assertThat(check.expectedStatus()).isEqualTo(200);
        assertThat(check.maxResponseTime()).isEqualTo(Duration.ofSeconds(2));
        assertThat(check.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(check.bodyContains()).isEmpty();
        assertThat(check.headerNames()).isEmpty();
    }

    @Test
    void expectedStatusIsUpWithUrlStatusAndResponseTime() throws Exception {
        server.stubFor(get("/health").willReturn(ok("fine")));

        HealthResult result = HttpEndpointCheck.of(url("/health")).check();

        assertThat(result.status()).isEqualTo(HealthStatus.UP);
        assertThat(result.message()).matches("HTTP 200 in [0-9.]+m?s");
        assertThat(result.details())
                .containsEntry("url", server.baseUrl() + "/health")
                .containsEntry("statusCode", 200)
                .containsKey("responseTimeMs");
    }

    @Test
    void unexpectedStatusIsDown() throws Exception {
        server.stubFor(get("/health").willReturn(serviceUnavailable()));

        HealthResult result = HttpEndpointCheck.of(url("/health")).check();

        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.message()).isEqualTo("expected HTTP 200, got 503");
        assertThat(result.details()).containsEntry("statusCode", 503);
    }

    @Test
    void configuredExpectedStatusIsUp() throws Exception {
        server.stubFor(get("/health").willReturn(aResponse().withStatus(204)));

        HealthResult result = HttpEndpointCheck.builder(url("/health")).expectedStatus(204).build().check();

        assertThat(result.status()).isEqualTo(HealthStatus.UP);
    }

    @Test
    void responseSlowerThanMaxResponseTimeIsDegraded() throws Exception {
        server.stubFor(get("/slow").willReturn(ok().withFixedDelay(400)));

        HealthResult result = HttpEndpointCheck.builder(url("/slow"))
                .maxResponseTime(Duration.ofMillis(200))
                .build()
                .check();

        assertThat(result.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(result.message()).matches("responded in [0-9.]+m?s, above 200ms");
        assertThat((Long) result.details().get("responseTimeMs")).isGreaterThanOrEqualTo(400L);
    }

    @Test
    void responseTimeIsMeasuredWithTheInjectedTicker() throws Exception {
        server.stubFor(get("/health").willReturn(ok()));
        AtomicLong nanos = new AtomicLong();

        HealthResult result = HttpEndpointCheck.builder(url("/health"))
                .nanoTime(() -> nanos.getAndAdd(2_400_000_000L))
                .build()
                .check();

        assertThat(result.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(result.message()).isEqualTo("responded in 2.4s, above 2s");
        assertThat(result.details()).containsEntry("responseTimeMs", 2400L);
    }

    @Test
    void noResponseWithinRequestTimeoutIsDownTimedOut() throws Exception {
        server.stubFor(get("/hang").willReturn(ok().withFixedDelay(1500)));

        HealthResult result = HttpEndpointCheck.builder(url("/hang"))
                .requestTimeout(Duration.ofMillis(300))
                .build()
                .check();

        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.message()).isEqualTo("timed out after 300ms");
        assertThat(result.details()).containsEntry("url", server.baseUrl() + "/hang").doesNotContainKey("statusCode");
    }

    @Test
    void bodyContainingTheTextIsUp() throws Exception {
        server.stubFor(get("/health").willReturn(okJson("{\"status\":\"ok\"}")));

        HealthResult result = HttpEndpointCheck.builder(url("/health")).bodyContains("\"ok\"").build().check();

        assertThat(result.status()).isEqualTo(HealthStatus.UP);
    }

    @Test
    void bodyWithoutTheTextIsDown() throws Exception {
        server.stubFor(get("/health").willReturn(okJson("{\"status\":\"failing\"}")));

        HealthResult result = HttpEndpointCheck.builder(url("/health")).bodyContains("ok").build().check();

        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.message()).isEqualTo("response body does not contain 'ok'");
    }

    @Test
    void onlyTheFirst64KbOfTheBodyAreSearched() throws Exception {
        server.stubFor(get("/big").willReturn(ok("x".repeat(HttpEndpointCheck.MAX_BODY_BYTES) + "ok")));

        HealthResult result = HttpEndpointCheck.builder(url("/big")).bodyContains("ok").build().check();

        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.message()).isEqualTo("the first 64 KB of the response body do not contain 'ok'");
    }

    @Test
    void refusedConnectionIsDownWithTheExceptionText() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        HealthResult result = HttpEndpointCheck.of(URI.create("http://127.0.0.1:" + closedPort + "/health")).check();

        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.message()).startsWith("ConnectException");
        assertThat(result.details()).containsEntry("url", "http://127.0.0.1:" + closedPort + "/health");
    }

    @Test
    void configuredHeaderIsSentButNeverShown() throws Exception {
        server.stubFor(get("/secure").willReturn(serviceUnavailable()));
        HttpEndpointCheck check = HttpEndpointCheck.builder(url("/secure"))
                .header("Authorization", "Bearer s3cr3t-token")
                .build();

        HealthResult result = check.check();

        server.verify(getRequestedFor(urlEqualTo("/secure")).withHeader("Authorization", equalTo("Bearer s3cr3t-token")));
        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.toString()).doesNotContain("s3cr3t");
        assertThat(check.toString()).doesNotContain("s3cr3t");
        assertThat(check.headerNames()).containsExactly("Authorization");
    }

    @Test
    void queryStringNeverAppearsInResultsOrToString() throws Exception {
        server.stubFor(get(urlPathEqualTo("/health")).willReturn(serviceUnavailable()));
        HttpEndpointCheck check = HttpEndpointCheck.of(url("/health?token=s3cr3t"));

        HealthResult result = check.check();

        assertThat(result.details()).containsEntry("url", server.baseUrl() + "/health");
        assertThat(result.toString()).doesNotContain("s3cr3t");
        assertThat(check.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void redirectIsNotFollowed() throws Exception {
        server.stubFor(get("/old").willReturn(temporaryRedirect("/health")));
        server.stubFor(get("/health").willReturn(ok()));

        HealthResult result = HttpEndpointCheck.of(url("/old")).check();

        assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result.message()).isEqualTo("expected HTTP 200, got 302");
    }

    @Test
    void sharedClientIsUsedWithItsOwnRedirectPolicy() throws Exception {
        server.stubFor(get("/old").willReturn(temporaryRedirect("/health")));
        server.stubFor(get("/health").willReturn(ok()));
        HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

        HealthResult result = HttpEndpointCheck.builder(url("/old")).httpClient(following).build().check();

        assertThat(result.status()).isEqualTo(HealthStatus.UP);
    }

    @Test
    void builderRejectsUrlsThatAreNotHttp() {
        assertThatThrownBy(() -> HttpEndpointCheck.of(URI.create("ftp://example.com/file")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("monitor.checks.http.url");
        assertThatThrownBy(() -> HttpEndpointCheck.of(URI.create("/health")))
                .hasMessageContaining("monitor.checks.http.url");
    }

    @Test
    void builderRejectsUserInfoWithoutShowingIt() {
        assertThatThrownBy(() -> HttpEndpointCheck.of(URI.create("http://admin:s3cr3t@example.com/health")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("monitor.checks.http.url")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void builderRejectsInvalidSettingsNamingThem() {
        URI health = url("/health");
        assertThatThrownBy(() -> HttpEndpointCheck.builder(health).expectedStatus(42).build())
                .hasMessageContaining("monitor.checks.http.expected-status");
        assertThatThrownBy(() -> HttpEndpointCheck.builder(health).maxResponseTime(Duration.ZERO).build())
                .hasMessageContaining("monitor.checks.http.max-response-time");
        assertThatThrownBy(() -> HttpEndpointCheck.builder(health).requestTimeout(Duration.ofSeconds(-1)).build())
                .hasMessageContaining("monitor.checks.http.request-timeout");
        assertThatThrownBy(() -> HttpEndpointCheck.builder(health).bodyContains("").build())
                .hasMessageContaining("monitor.checks.http.body-contains");
    }

    @Test
    void builderRejectsRestrictedHeaderNames() {
        assertThatThrownBy(() -> HttpEndpointCheck.builder(url("/health")).header("Host", "example.com").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("monitor.checks.http.headers")
                .hasMessageContaining("Host");
    }

    @Test
    void builderRejectsInvalidHeaderValueWithoutShowingIt() {
        assertThatThrownBy(() -> HttpEndpointCheck.builder(url("/health")).header("X-Token", "s3cr3t\r\nX-Evil: 1").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("X-Token")
                .hasMessageNotContaining("s3cr3t");
    }
}
