package dev.vigil.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import dev.vigil.metrics.MetricSample;
import dev.vigil.test.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Responses per status class ({@code http.responses{status}}) each interval, over real HTTP. */
class StatusClassCountsTest {

    private final MutableClock clock = MutableClock.atFixedStart();
    private TracedTomcat server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void responsesAreCountedPerStatusClassEachInterval() throws Exception {
        RequestTracingFilter filter = RequestTracingFilter.builder(new SimpleMeterRegistry()).clock(clock).build();
        server = TracedTomcat.with(filter)
                .serve("/answer/*", (request, response) -> response.setStatus(Integer.parseInt(request.getParameter("s"))))
                .start();
        for (int status : new int[] {200, 200, 201, 204, 302, 400, 404, 404, 500}) {
            server.get("/answer/x?s=" + status);
        }
        clock.advance(Duration.ofMinutes(1));

        assertThat(classes(filter.statistics().collect())).containsExactlyInAnyOrderEntriesOf(
                Map.of("2xx", 4.0, "3xx", 1.0, "4xx", 3.0, "5xx", 1.0));
        assertThat(filter.statistics().total().lastInterval().statusClassCounts())
                .containsExactly(Map.entry("2xx", 4L), Map.entry("3xx", 1L), Map.entry("4xx", 3L), Map.entry("5xx", 1L));

        server.get("/answer/x?s=503");
        clock.advance(Duration.ofMinutes(1));
        assertThat(classes(filter.statistics().collect())).containsExactlyInAnyOrderEntriesOf(
                Map.of("2xx", 0.0, "3xx", 0.0, "4xx", 0.0, "5xx", 1.0));
    }

    private static Map<String, Double> classes(List<MetricSample> samples) {
        return samples.stream().filter(sample -> sample.name().equals(RequestStatistics.RESPONSES))
                .collect(Collectors.toMap(sample -> sample.tags().get("status"), MetricSample::value));
    }
}
