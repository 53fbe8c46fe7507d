package dev.vigil.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import dev.vigil.Monitor;
import dev.vigil.health.HealthCheckRegistration;
import dev.vigil.health.HealthResult;
import dev.vigil.notice.NoticeArea;
import dev.vigil.notice.NoticeSettings;
import dev.vigil.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The request filter and notices, in front of real servlets over real HTTP. */
class NoticeFilterTest {

    private final MutableClock clock = MutableClock.atFixedStart();
    private final AtomicReference<HealthResult> storage = new AtomicReference<>(HealthResult.up());
    private Monitor monitor;
    private TracedTomcat server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (monitor != null) {
            monitor.close();
        }
    }

    private void start(NoticeSettings.Builder notices, UserResolver users) throws Exception {
        monitor = Monitor.builder()
                .clock(clock)
                .bindSystemMeters(false)
                .systemMetrics(false, Path.of("."))
                .healthCheck(HealthCheckRegistration.of("media-storage", storage::get))
                .notices(notices.area(NoticeArea.of("media-upload", "/media-upload").withChecks("media-storage")).build())
                .build();
        RequestTracingFilter filter = RequestTracingFilter.builder(monitor).userResolver(users).build();
        server = TracedTomcat.with(filter)
                .serve("/media-upload/*", (request, response) -> {
                    response.setStatus(request.getParameter("fail") != null ? 503 : 200);
                    response.getWriter().write("upload");
                })
                .serve("/media-uploads/*", (request, response) -> response.getWriter().write("other"))
                .start();
    }

    private void storageDown() {
        storage.set(HealthResult.down("bucket unreachable"));
        monitor.health().runNow("media-storage").join();
        monitor.notices().refresh();
    }

    @Test
    void headerNamesTheAreaOnAffectedRoutesOnly() throws Exception {
        start(NoticeSettings.builder(), UserResolver.NONE);
        assertThat(server.get("/media-upload/1").headers().firstValue("Vigil-Notice")).isEmpty();

        storageDown();

        HttpResponse<String> affected = server.get("/media-upload/1");
        assertThat(affected.statusCode()).isEqualTo(200);
        assertThat(affected.body()).isEqualTo("upload");
        assertThat(affected.headers().firstValue("Vigil-Notice")).contains("media-upload");
        assertThat(server.get("/media-uploads/1").headers().firstValue("Vigil-Notice")).isEmpty();

        storage.set(HealthResult.up());
        monitor.health().runNow("media-storage").join();
        monitor.notices().refresh();
        assertThat(server.get("/media-upload/1").headers().firstValue("Vigil-Notice")).isEmpty();
    }

    @Test
    void headerNameIsConfigurableAndCanBeOff() throws Exception {
        start(NoticeSettings.builder().header("X-Service-Notice"), UserResolver.NONE);
        storageDown();
        HttpResponse<String> response = server.get("/media-upload/1");
        assertThat(response.headers().firstValue("X-Service-Notice")).contains("media-upload");
        assertThat(response.headers().firstValue("Vigil-Notice")).isEmpty();
        server.close();
        monitor.close();

        start(NoticeSettings.builder().header(""), UserResolver.NONE);
        storageDown();
        assertThat(server.get("/media-upload/1").headers().map().keySet()).noneMatch(name -> name.toLowerCase().contains("notice"));
    }

    @Test
    void usersOfFailedRequestsAndOfAnAffectedAreaAreCounted() throws Exception {
        start(NoticeSettings.builder(), UserResolver.header("X-User"));

        server.get("/media-upload/1", "X-User", "ann");
        assertThat(monitor.notices().affectedUsers("media-upload")).as("a healthy area's successful request").isZero();

        server.get("/media-upload/1?fail", "X-User", "ann");
        server.get("/media-upload/2?fail", "X-User", "bob");
        server.get("/media-uploads/2?fail", "X-User", "cid");
        server.get("/media-upload/2?fail");
        assertThat(monitor.notices().affectedUsers("media-upload")).isEqualTo(2);

        storageDown();
        server.get("/media-upload/3", "X-User", "dan");
        assertThat(monitor.notices().affectedUsers("media-upload")).isEqualTo(3);

        clock.advance(Duration.ofMinutes(6));
        assertThat(monitor.notices().affectedUsers("media-upload")).isZero();
    }

    @Test
    void aThrowingUserResolverNeverBreaksTheRequest() throws Exception {
        start(NoticeSettings.builder(), request -> {
            throw new IllegalStateException("boom");
        });
        storageDown();
        HttpResponse<String> response = server.get("/media-upload/1");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("upload");
        assertThat(server.escaped()).isNull();
    }
}
