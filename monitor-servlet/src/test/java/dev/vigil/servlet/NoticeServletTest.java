package dev.vigil.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import dev.vigil.Monitor;
import dev.vigil.notice.NoticeArea;
import dev.vigil.notice.NoticeSettings;
import dev.vigil.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The notice API, script and beacon served by {@link MonitorServlet} over real HTTP. */
class NoticeServletTest {

    private final MutableClock clock = MutableClock.atFixedStart();
    private final HttpClient http = HttpClient.newHttpClient();
    private Monitor monitor;
    private TomcatHost tomcat;

    @BeforeEach
    void start() throws Exception {
        monitor = Monitor.builder()
                .clock(clock)
                .bindSystemMeters(false)
                .systemMetrics(false, Path.of("."))
                .notices(NoticeSettings.builder().area(NoticeArea.of("media-upload", "/media-upload"))
                        .beaconRateLimit(2, 100).build())
                .build();
        tomcat = TomcatHost.start("/shop", monitor.api(), new BodyReadCounter());
    }

    @AfterEach
    void stop() throws Exception {
        tomcat.close();
        monitor.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> beacon() throws Exception {
        return send(HttpRequest.newBuilder(URI.create(tomcat.base() + "/api/notices/beacon"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"path\":\"/media-upload\",\"loadMs\":900}")));
    }

    @Test
    void noticeAndScriptAreServedPubliclyWithTheirHeaders() throws Exception {
        HttpResponse<String> notice = send(HttpRequest.newBuilder(URI.create(tomcat.base() + "/api/notices?path=%2Fmedia-upload")));
        assertThat(notice.statusCode()).isEqualTo(200);
        assertThat(notice.headers().firstValue("Cache-Control")).contains("public, max-age=5");
        assertThat(notice.body()).isEqualTo("{\"active\":false,\"sampleRate\":0.1}");

        HttpResponse<String> script = send(HttpRequest.newBuilder(URI.create(tomcat.base() + "/api/notices.js")));
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type").orElseThrow().replace(" ", "")).isEqualTo("text/javascript;charset=utf-8");
        assertThat(script.body()).contains("sendBeacon");
    }

    @Test
    void beaconIsLimitedPerClientAddressAsTheContainerSeesIt() throws Exception {
        assertThat(beacon().statusCode()).isEqualTo(204);
        assertThat(beacon().statusCode()).isEqualTo(204);
        HttpResponse<String> limited = beacon();

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("30");
        assertThat(monitor.pageLoads().count("/media-upload")).isEqualTo(2);
    }
}
