package dev.vigil.benchmarks.incident;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import dev.vigil.Monitor;
import dev.vigil.api.ApiRequest;
import dev.vigil.api.ApiResponse;
import dev.vigil.incident.IncidentSettings;
import dev.vigil.security.BearerTokens;
import dev.vigil.security.Role;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One {@code POST /api/admin/errors} of the README's example error through {@link dev.vigil.api.MonitorApi#handle}:
 * the whole ingest path — bearer-token authentication, the rate limit, reading and checking the JSON body,
 * classification, fingerprinting, grouping into the incident — on a started monitor whose store (memory) is written
 * behind every second. Every post is the same error, so one incident counts them all; sampled one post at a time
 * (JMH SampleTime) for the latency distribution. Target: p99 well under 100 ms.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ErrorIngestBenchmark {

    static final byte[] BODY = """
            {"error": {"message": "Test error from curl", "type": "TestError",
                       "stack": "Error: Test error\\n    at test.js:10:5"},
             "context": {"application": "admin-console-frontend", "endpoint": "/api/test"},
             "severity": "HIGH", "source": "manual_test"}""".getBytes(StandardCharsets.UTF_8);

    private Monitor monitor;
    private ApiRequest request;

    /** A started monitor with an ingest token and a rate limit no benchmark thread reaches. */
    @Setup(Level.Trial)
    public void setUp() {
        monitor = Monitor.builder()
                .adminAuthenticator(BearerTokens.builder().token("frontend", "ingest-token", Role.INGEST).build())
                .bindSystemMeters(false)
                .systemMetrics(false, Path.of("."))
                .incidentSettings(IncidentSettings.builder().rateLimit(1_000_000, 1_000_000_000).build())
                .build();
        monitor.start();
        request = new ApiRequest("POST", "/api/admin/errors", Map.of(),
                Map.of("Authorization", "Bearer ingest-token", "Content-Type", "application/json"), BODY);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        monitor.close();
    }

    /** One post of the error; answered 202 with its incident. */
    @Benchmark
    public ApiResponse ingest() {
        ApiResponse response = monitor.api().handle(request);
        if (response.status() != 202) {
            throw new IllegalStateException("ingest answered " + response.status() + ": " + response.bodyText());
        }
        return response;
    }
}
