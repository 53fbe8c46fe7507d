package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.vigil.Monitor;
import dev.vigil.audit.AuditQuery;
import dev.vigil.health.CheckRunRecord;
import dev.vigil.health.HealthCheckRegistration;
import dev.vigil.health.HealthResult;
import dev.vigil.health.HealthSettings;
import dev.vigil.jdbc.store.JdbcMonitorStore;
import dev.vigil.jdbc.store.SchemaInitialization;
import dev.vigil.servlet.RequestTracingFilter;
import dev.vigil.servlet.ServletMonitoring;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ValveBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A host on Tomcat with its own route and Vigil (request tracing, API, JDBC store on PostgreSQL) keeps
 * serving while PostgreSQL is away: its request threads never touch the store's data source, Vigil buffers
 * its writes and shows the outage, and writes the buffer once PostgreSQL is back.
 */
class StoreOutageTest {

    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final Logger log = LoggerFactory.getLogger(StoreOutageTest.class);
    private static final String TOKEN = "outage-admin-token";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private Database database;
    private HikariDataSource pool;
    private RecordingDataSource recording;
    private Monitor monitor;
    private Tomcat tomcat;
    private Path baseDir;
    private NodeApi api;
    private final AtomicInteger hostRequests = new AtomicInteger();
    private final List<String> hostFailures = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startDatabase() {
        database = Database.start();
    }

    private void startHost() throws Exception {
        HikariConfig config = new HikariConfig();
        config.setPoolName("host");
        config.setJdbcUrl(database.jdbcUrl());
        config.setUsername("postgres");
        config.setMaximumPoolSize(4);
        config.setConnectionTimeout(2_000);
        config.setInitializationFailTimeout(-1); // the pool starts even when the database is away
        pool = new HikariDataSource(config);
        recording = new RecordingDataSource(pool);
        JdbcMonitorStore store = JdbcMonitorStore.builder(recording)
                .tablePrefix(StoreNode.TABLE_PREFIX)
                .initializeSchema(SchemaInitialization.ALWAYS)
                .build();
        Duration second = Duration.ofSeconds(1);
        monitor = Monitor.builder()
                .instanceId("host")
                .store(store)
                .adminToken(TOKEN)
                .systemMetrics(false, Path.of("."))
                .bindSystemMeters(false)
                .healthSettings(HealthSettings.builder().interval(second).build())
                .healthCheck(HealthCheckRegistration.of("self", () -> HealthResult.up("fine")))
                .build();
        RequestTracingFilter tracing = RequestTracingFilter.builder(monitor).build();

        baseDir = Files.createTempDirectory("vigil-host");
        tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setPort(0);
        Context context = tomcat.addContext("", baseDir.toString());
        // Outside every filter: the whole request, Vigil's tracing filter included, counts as serving it.
        context.getPipeline().addValve(new ValveBase() {
            @Override
            public void invoke(Request request, Response response) throws IOException, ServletException {
                RecordingDataSource.servingStarts(request.getRequestURI());
                try {
                    getNext().invoke(request, response);
                } finally {
                    RecordingDataSource.servingEnds();
                }
            }
        });
        context.addServletContainerInitializer((classes, servletContext) -> {
            ServletMonitoring.install(servletContext, monitor, tracing);
            servletContext.addServlet("orders", new HttpServlet() {
                @Override
                protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                    response.setContentType("text/plain");
                    response.getWriter().write("orders");
                }
            }).addMapping("/orders");
        }, null);
        monitor.start();
        tomcat.start();
        api = new NodeApi("http://127.0.0.1:" + tomcat.getConnector().getLocalPort(), TOKEN);
    }

    @AfterEach
    void stopHost() throws Exception {
        if (tomcat != null) {
            tomcat.stop();
            tomcat.destroy();
        }
        if (monitor != null) {
            monitor.close();
        }
        if (pool != null) {
            pool.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void hostKeepsServingWhileTheStoreIsAwayAndTheBufferIsWrittenWhenItIsBack() throws Exception {
        startHost();
        await("check runs in the database").atMost(DEADLINE).until(() -> servedOrders()
                && !database.store().checkRuns().recent("self", 1).isEmpty());

        database.stop();
        log.info("PostgreSQL stopped");
        Instant stoppedAt = Instant.now();
        await("system-health shows the store down with buffered writes").atMost(DEADLINE).until(() -> {
            JsonNode store = servedOrders() ? storeStatus() : null;
            return store != null && store.path("status").asText().equals("down") && store.path("buffered").asInt() > 0;
        });
        api.put("/config/no.such.switch", Map.of("value", 1), 404); // refused and audited, into the buffer
        await("the audit entry waits in the buffer").atMost(DEADLINE).until(() ->
                servedOrders() && storeStatus().path("buffered").asInt() > 1);

        log.info("Starting PostgreSQL again");
        database.restart();
        log.info("PostgreSQL is back");
        Instant restartedAt = Instant.now();
        await("the buffer written").atMost(DEADLINE).until(() -> {
            JsonNode store = servedOrders() ? storeStatus() : null;
            return store != null && store.path("status").asText().equals("up") && store.path("buffered").asInt() == 0;
        });

        assertThat(hostFailures).as("host requests that failed").isEmpty();
        assertThat(hostRequests.get()).isPositive();
        List<CheckRunRecord> runs = database.store().checkRuns().recent("self", 1000);
        // For the record, not asserted: the scheduler waits for the store's connection timeouts while it is away.
        log.info("Check runs (every 1 s) made while PostgreSQL was away for {} ms: {}",
                Duration.between(stoppedAt, restartedAt).toMillis(), runs.stream().filter(run ->
                        run.run().checkedAt().isAfter(stoppedAt) && run.run().checkedAt().isBefore(restartedAt)).count());
        assertThat(runs).as("check runs made while PostgreSQL was away")
                .anyMatch(run -> run.run().checkedAt().isAfter(stoppedAt) && run.run().checkedAt().isBefore(restartedAt));
        assertThat(database.store().audit().query(AuditQuery.latest(10).about("no.such.switch")))
                .as("the audit entry made while PostgreSQL was away").hasSize(1);
        List<RecordingDataSource.Call> calls = recording.calls();
        assertThat(calls).as("calls for a connection while a host route was served")
                .noneMatch(call -> call.hostRequest().isPresent() && !call.hostRequest().get().startsWith("/api/"));
        assertThat(calls).as("calls for a connection on Vigil's own threads").anyMatch(call -> call.thread().startsWith("vigil-"));
    }

    @Test
    void hostStartsWhileTheStoreIsAwayAndTheBufferIsWrittenWhenItIsBack() throws Exception {
        database.stop();
        log.info("PostgreSQL stopped; starting the host");
        startHost();
        log.info("The host is up");
        await("system-health shows the store down with buffered writes").atMost(DEADLINE).until(() -> {
            JsonNode store = servedOrders() ? storeStatus() : null;
            return store != null && store.path("status").asText().equals("down") && store.path("buffered").asInt() > 0;
        });

        Instant restartedAt = Instant.now();
        log.info("Starting PostgreSQL again");
        database.restart();
        log.info("PostgreSQL is back");
        await("the buffer written").atMost(DEADLINE).until(() -> {
            JsonNode store = servedOrders() ? storeStatus() : null;
            return store != null && store.path("status").asText().equals("up") && store.path("buffered").asInt() == 0;
        });

        assertThat(hostFailures).as("host requests that failed").isEmpty();
        assertThat(database.store().checkRuns().recent("self", 1000)).as("check runs made before PostgreSQL was back")
                .anyMatch(run -> run.run().checkedAt().isBefore(restartedAt));
        assertThat(recording.calls()).as("calls for a connection while a host route was served")
                .noneMatch(call -> call.hostRequest().isPresent() && !call.hostRequest().get().startsWith("/api/"));
    }

    /** Calls the host's own route once; records a failure rather than throwing, so the outage is seen whole. */
    private boolean servedOrders() {
        hostRequests.incrementAndGet();
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(api.base() + "/orders"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || !response.body().equals("orders")) {
                hostFailures.add(response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            hostFailures.add(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            hostFailures.add(e.toString());
        }
        return true;
    }

    private JsonNode storeStatus() {
        return api.get("/system-health").path("store");
    }
}
