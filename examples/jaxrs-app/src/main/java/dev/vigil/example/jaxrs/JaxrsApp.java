package dev.vigil.example.jaxrs;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import dev.vigil.Monitor;
import dev.vigil.health.HealthCheckRegistration;
import dev.vigil.health.HealthResult;
import dev.vigil.health.HealthSettings;
import dev.vigil.health.checks.DiskSpaceCheck;
import dev.vigil.jaxrs.MonitorFeature;
import dev.vigil.metrics.MetricSample;
import dev.vigil.metrics.MetricsSettings;
import jakarta.ws.rs.SeBootstrap;
import jakarta.ws.rs.core.Application;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vigil in a Jakarta REST application: the example's own {@code /items} routes and Vigil's API
 * ({@code /api/health}, {@code /api/admin/...}) in one {@link Application}, started with the standard
 * {@link SeBootstrap} API. The implementation is whatever the class path holds; this module runs it on
 * Jersey with the JDK's own HTTP server.
 *
 * <p>Run {@link #main(String[])} (port from {@code PORT}, default {@value #DEFAULT_PORT}; admin token from
 * {@code MONITOR_ADMIN_TOKEN}, default {@value #DEFAULT_ADMIN_TOKEN}), or call {@link #start(int)} and
 * {@link #close()} from a test.
 */
public final class JaxrsApp implements AutoCloseable {

    /** Port used when {@code PORT} is not set. */
    public static final int DEFAULT_PORT = 8082;
    /** Admin token used when {@code MONITOR_ADMIN_TOKEN} is not set (an example only: never default a real one). */
    public static final String DEFAULT_ADMIN_TOKEN = "jaxrs-token";

    private static final Logger log = LoggerFactory.getLogger(JaxrsApp.class);

    private final SeBootstrap.Instance server;
    private final Monitor monitor;
    private final String adminToken;
    private final AtomicBoolean closed = new AtomicBoolean();

    private JaxrsApp(SeBootstrap.Instance server, Monitor monitor, String adminToken) {
        this.server = server;
        this.monitor = monitor;
        this.adminToken = adminToken;
    }

    /** Starts the service and serves until the JVM is stopped (Ctrl-C). */
    public static void main(String[] args) throws Exception {
        String port = System.getenv("PORT");
        JaxrsApp app = start(port == null || port.isBlank() ? DEFAULT_PORT : Integer.parseInt(port.strip()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "jaxrs-app-shutdown"));
        log.info("Vigil JAX-RS example is up: http://localhost:{}/api/health", app.port());
        log.info("Example admin token: {}  (curl -H 'Authorization: Bearer {}' http://localhost:{}/api/health)",
                app.adminToken, app.adminToken, app.port());
        stopped.await();
    }

    /**
     * Builds and starts everything on {@code port} (0 picks a free one); the admin token comes from
     * {@code MONITOR_ADMIN_TOKEN}, else {@value #DEFAULT_ADMIN_TOKEN}.
     *
     * @throws Exception if the server cannot start; Vigil is closed again
     */
    public static JaxrsApp start(int port) throws Exception {
        String token = System.getenv("MONITOR_ADMIN_TOKEN");
        String adminToken = token == null || token.isBlank() ? DEFAULT_ADMIN_TOKEN : token;
        Inventory inventory = Inventory.withSamples();

        Monitor monitor = Monitor.builder()
                .version(Objects.requireNonNullElse(JaxrsApp.class.getPackage().getImplementationVersion(), "dev"))
                .adminToken(adminToken)
                .healthSettings(HealthSettings.builder().interval(Duration.ofSeconds(10)).build())
                .metricsSettings(MetricsSettings.builder().collectInterval(Duration.ofSeconds(10)).build())
                .healthCheck(HealthCheckRegistration.builder("disk", DiskSpaceCheck.ofDefaults()).critical(false).build())
                // The example's own check and numbers: items out of stock degrade the service.
                .healthCheck(HealthCheckRegistration.builder("stock", () -> {
                    long out = inventory.outOfStock();
                    return (out == 0 ? HealthResult.up() : HealthResult.degraded(out + " item(s) out of stock"))
                            .withDetail("outOfStock", out);
                }).critical(false).build())
                .metricCollector("inventory", () -> List.of(
                        MetricSample.of("inventory.items", inventory.all().size()),
                        MetricSample.of("inventory.out_of_stock", inventory.outOfStock())))
                .build();
        try {
            Application application = new Application() {
                @Override
                public Set<Class<?>> getClasses() {
                    // Vigil's API next to the application's own resources: one feature.
                    return Set.of(MonitorFeature.class, InventoryResource.class);
                }

                @Override
                public Map<String, Object> getProperties() {
                    return Map.of(
                            MonitorFeature.API_PROPERTY, monitor.api(),
                            InventoryResource.INVENTORY_PROPERTY, inventory,
                            // Jersey's WADL needs JAXB, which this example does not have: off, and no warning about it.
                            "jersey.config.server.wadl.disableWadl", true);
                }
            };
            monitor.start();
            SeBootstrap.Instance server = SeBootstrap.start(application,
                    SeBootstrap.Configuration.builder().protocol("HTTP").host("localhost").port(port).build())
                    .toCompletableFuture().get(60, TimeUnit.SECONDS);
            return new JaxrsApp(server, monitor, adminToken);
        } catch (Exception | Error e) {
            monitor.close();
            throw e;
        }
    }

    /** The port the server listens on. */
    public int port() {
        return server.configuration().port();
    }

    /** The monitor, e.g. to run checks now in a test. */
    public Monitor monitor() {
        return monitor;
    }

    /** The bearer token that gives admin rights on the monitoring API. */
    public String adminToken() {
        return adminToken;
    }

    /** Stops the server, then Vigil. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("The HTTP server did not stop cleanly", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            monitor.close();
        }
    }
}
