package dev.vigil.it;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.vigil.Monitor;
import dev.vigil.alert.AlertRuleRegistration;
import dev.vigil.alert.AlertRules;
import dev.vigil.alert.AlertSettings;
import dev.vigil.alert.Severity;
import dev.vigil.alert.delivery.DeliverySettings;
import dev.vigil.alert.delivery.Route;
import dev.vigil.alert.sinks.WebhookAlertSink;
import dev.vigil.health.HealthCheckRegistration;
import dev.vigil.health.HealthSettings;
import dev.vigil.health.HealthStatus;
import dev.vigil.health.checks.HttpEndpointCheck;
import dev.vigil.jdbc.store.JdbcMonitorStore;
import dev.vigil.jdbc.store.SchemaInitialization;
import dev.vigil.servlet.MonitorServlet;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;

/**
 * One Vigil node as a service would run it, in its own JVM: a monitor with the JDBC store on a
 * PostgreSQL database, a webhook sink, a singleton HTTP check of a {@code target} URL and a plain check
 * of a {@code canary} URL (each with an alert rule that fires while the check is down), and Vigil's API
 * served by an embedded Tomcat with an admin bearer token. It prints {@value #PORT_LINE}{@code <port>}
 * on stdout once it serves, and runs until it is killed; SIGTERM stops it gracefully.
 *
 * <p>Arguments are {@code key=value}: {@code jdbc-url}, {@code instance}, {@code sink}, {@code target},
 * {@code canary}, {@code token}, {@code resolve-grace} (e.g. {@code PT5S}).
 */
public final class StoreNode {

    /** The line that announces the port, followed by the port number. */
    static final String PORT_LINE = "VIGIL_NODE_PORT=";
    /** The alert rule on the target check. */
    static final String TARGET_RULE = "target-down";
    /** The alert rule on the canary check. */
    static final String CANARY_RULE = "canary-down";
    /** The webhook sink's name. */
    static final String SINK = "webhook";
    /** The store's table prefix. */
    static final String TABLE_PREFIX = "monitor_";

    private StoreNode() {
    }

    /** Starts the node from {@code key=value} arguments and serves until the process ends. */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("arguments are key=value, was '" + arg + "'");
            }
            options.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
        String instance = required(options, "instance");

        HikariConfig pool = new HikariConfig();
        pool.setPoolName("vigil-store-" + instance);
        pool.setJdbcUrl(required(options, "jdbc-url"));
        pool.setUsername("postgres");
        pool.setMaximumPoolSize(4);
        pool.setConnectionTimeout(3_000);
        HikariDataSource dataSource = new HikariDataSource(pool);

        JdbcMonitorStore store = JdbcMonitorStore.builder(dataSource)
                .tablePrefix(TABLE_PREFIX)
                .initializeSchema(SchemaInitialization.ALWAYS)
                .build();

        Duration second = Duration.ofSeconds(1);
        Monitor monitor = Monitor.builder()
                .instanceId(instance)
                .store(store)
                .adminToken(required(options, "token"))
                .systemMetrics(false, Path.of("."))
                .bindSystemMeters(false)
                .defaultAlertRules(false, Map.of())
                .healthSettings(HealthSettings.builder().interval(second).timeout(Duration.ofSeconds(15)).build())
                .healthCheck(HealthCheckRegistration.builder("target", httpCheck(required(options, "target")))
                        .interval(second)
                        .singleton(true)
                        .build())
                .healthCheck(HealthCheckRegistration.builder("canary", httpCheck(required(options, "canary")))
                        .interval(second)
                        .critical(false)
                        .build())
                .alertRule(AlertRuleRegistration.builder(TARGET_RULE, AlertRules.checkStatus("target", HealthStatus.DOWN))
                        .severity(Severity.CRITICAL)
                        .build())
                .alertRule(AlertRuleRegistration.builder(CANARY_RULE, AlertRules.checkStatus("canary", HealthStatus.DOWN))
                        .severity(Severity.WARNING)
                        .build())
                .alertSettings(AlertSettings.builder()
                        .service("store-node")
                        .evaluationInterval(second)
                        .resolveGrace(Duration.parse(required(options, "resolve-grace")))
                        .build())
                .alertSink(SINK, WebhookAlertSink.builder(URI.create(required(options, "sink")))
                        .timeout(Duration.ofSeconds(3))
                        .build())
                .alertRoute(Route.builder().to(SINK).build())
                // Retry a failing sink often and never give up, so a test sees the notification arrive once the sink works.
                .deliverySettings(DeliverySettings.builder()
                        .initialBackoff(Duration.ofMillis(500))
                        .maxBackoff(Duration.ofSeconds(2))
                        .maxAttempts(1000)
                        .sendTimeout(Duration.ofSeconds(5))
                        .build())
                .build();

        File baseDir = Files.createTempDirectory("vigil-node").toFile();
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.getAbsolutePath());
        tomcat.setPort(0);
        Context context = tomcat.addContext("", baseDir.getAbsolutePath());
        Tomcat.addServlet(context, "vigil", new MonitorServlet(monitor.api()));
        MonitorServlet.mappings(monitor.api()).forEach(mapping -> context.addServletMappingDecoded(mapping, "vigil"));

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                tomcat.stop();
                tomcat.destroy();
            } catch (Exception e) {
                e.printStackTrace();
            }
            monitor.close(); // writes what is buffered and closes the store
            dataSource.close();
            stopped.countDown();
        }, "node-shutdown"));

        monitor.start();
        tomcat.start();
        System.out.println(PORT_LINE + tomcat.getConnector().getLocalPort());
        System.out.flush();
        stopped.await();
    }

    /** Only the status counts: several JVMs starting at once on a small machine make the first answers slow. */
    private static HttpEndpointCheck httpCheck(String url) {
        return HttpEndpointCheck.builder(URI.create(url))
                .requestTimeout(Duration.ofSeconds(10))
                .maxResponseTime(Duration.ofSeconds(10))
                .build();
    }

    private static String required(Map<String, String> options, String key) {
        String value = options.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing argument " + key + "=...");
        }
        return value;
    }
}
