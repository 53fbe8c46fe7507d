package dev.vigil.example;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import javax.sql.DataSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.vigil.Monitor;
import dev.vigil.dashboard.Dashboard;
import dev.vigil.health.HealthCheck;
import dev.vigil.health.HealthCheckRegistration;
import dev.vigil.health.HealthResult;
import dev.vigil.health.HealthSettings;
import dev.vigil.health.checks.DiskSpaceCheck;
import dev.vigil.jdbc.DataSourceHealthCheck;
import dev.vigil.jdbc.JdbcMonitoring;
import dev.vigil.jdbc.MonitoredDataSource;
import dev.vigil.jdbc.query.ReadOnlyQueryRunner;
import dev.vigil.mcp.VigilMcp;
import dev.vigil.metrics.MetricCollector;
import dev.vigil.metrics.MetricSample;
import dev.vigil.metrics.MetricsSettings;
import dev.vigil.notice.NoticeArea;
import dev.vigil.notice.NoticeSettings;
import dev.vigil.security.BearerTokens;
import dev.vigil.security.Role;
import dev.vigil.servlet.RequestTracingFilter;
import dev.vigil.servlet.RouteResolver;
import dev.vigil.servlet.ServletMonitoring;
import dev.vigil.servlet.TagResolver;
import dev.vigil.servlet.UserResolver;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vigil in a service with no framework at all: an embedded Tomcat, a HikariCP pool on an in-memory
 * H2 database, and a few servlets ({@code GET/POST /orders}, {@code GET /orders/{id}}, the
 * asynchronous {@code GET /slow-report}). Everything Spring Boot's starter would wire is wired by
 * hand in {@link #start(int)}: the monitored {@code DataSource} with read-only SQL through a reader role
 * ({@code JdbcMonitoring}), the checks, the collectors, the request tracing filter and Vigil's API servlet
 * ({@code ServletMonitoring}), and the MCP endpoint for AI assistants ({@code VigilMcp}).
 *
 * <p>Run {@link #main(String[])} (port from {@code PORT}, default 8081; admin token from
 * {@code MONITOR_ADMIN_TOKEN}, default {@value #DEFAULT_ADMIN_TOKEN}), or call {@link #start(int)}
 * and {@link #close()} from a test.
 */
public final class PlainServletApp implements AutoCloseable {

    /** Port used when {@code PORT} is not set. */
    public static final int DEFAULT_PORT = 8081;
    /** Admin token used when {@code MONITOR_ADMIN_TOKEN} is not set (an example only: never default a real one). */
    public static final String DEFAULT_ADMIN_TOKEN = "plain-token";
    /** The request attribute in which the example's servlets name the route template they served. */
    static final String ROUTE_ATTRIBUTE = PlainServletApp.class.getName() + ".route";
    /** Pending orders above which the {@code order-backlog} check reports degraded. */
    static final int BACKLOG_DEGRADED_ABOVE = 100;
    /** The database role run-query uses: it may only read the orders. */
    static final String READER = "vigil_reader";
    private static final String READER_PASSWORD = "example-only";

    private static final Logger log = LoggerFactory.getLogger(PlainServletApp.class);

    private final Tomcat tomcat;
    private final Monitor monitor;
    private final MonitoredDataSource dataSource;
    private final HikariDataSource readers;
    private final ReadOnlyQueryRunner queryRunner;
    private final ScheduledExecutorService reports;
    private final Path baseDir;
    private final String adminToken;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PlainServletApp(Tomcat tomcat, Monitor monitor, MonitoredDataSource dataSource, HikariDataSource readers,
            ReadOnlyQueryRunner queryRunner, ScheduledExecutorService reports, Path baseDir, String adminToken) {
        this.tomcat = tomcat;
        this.monitor = monitor;
        this.dataSource = dataSource;
        this.readers = readers;
        this.queryRunner = queryRunner;
        this.reports = reports;
        this.baseDir = baseDir;
        this.adminToken = adminToken;
    }

    /** Starts the service and serves until the JVM is stopped (Ctrl-C). */
    public static void main(String[] args) throws Exception {
        String port = System.getenv("PORT");
        PlainServletApp app = start(port == null || port.isBlank() ? DEFAULT_PORT : Integer.parseInt(port.strip()));
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "plain-servlet-shutdown"));
        log.info("Vigil plain servlet example is up: http://localhost:{}/api/health", app.port());
        log.info("Example admin token: {}  (curl -H 'Authorization: Bearer {}' http://localhost:{}/api/health)",
                app.adminToken, app.adminToken, app.port());
        app.tomcat.getServer().await();
    }

    /**
     * Builds and starts everything on {@code port} (0 picks a free one); the admin token comes from
     * {@code MONITOR_ADMIN_TOKEN}, else {@value #DEFAULT_ADMIN_TOKEN}, and the read-only and ingest-only
     * tokens from {@code MONITOR_READ_TOKEN} and {@code MONITOR_INGEST_TOKEN}, when set.
     *
     * @throws Exception if the database or Tomcat cannot start; what was started is closed again
     */
    public static PlainServletApp start(int port) throws Exception {
        return start(port, System.getenv());
    }

    /** {@link #start(int)} with the environment variables of {@code environment}. */
    static PlainServletApp start(int port, Map<String, String> environment) throws Exception {
        String token = environment.get("MONITOR_ADMIN_TOKEN");
        String adminToken = token == null || token.isBlank() ? DEFAULT_ADMIN_TOKEN : token;
        // The shared admin token, and a named token per role the environment gives: each its own caller in the audit.
        BearerTokens.Builder tokens = BearerTokens.builder().adminToken(adminToken);
        String readToken = environment.get("MONITOR_READ_TOKEN");
        if (readToken != null && !readToken.isBlank()) {
            tokens.token("dashboard", readToken, Role.READ);
        }
        String ingestToken = environment.get("MONITOR_INGEST_TOKEN");
        if (ingestToken != null && !ingestToken.isBlank()) {
            tokens.token("error-reporter", ingestToken, Role.INGEST);
        }

        Monitor monitor = Monitor.builder()
                .version(Objects.requireNonNullElse(PlainServletApp.class.getPackage().getImplementationVersion(), "dev"))
                .adminAuthenticator(tokens.build())
                .healthSettings(HealthSettings.builder().interval(Duration.ofSeconds(10)).build())
                .metricsSettings(MetricsSettings.builder().collectInterval(Duration.ofSeconds(10)).build())
                .healthCheck(HealthCheckRegistration.builder("disk", DiskSpaceCheck.ofDefaults()).critical(false).build())
                // while the database is down, GET /api/notices?path=/orders answers the calm message for the orders pages
                .notices(NoticeSettings.builder()
                        .area(NoticeArea.of("orders", "/orders").withChecks("database"))
                        .build())
                .build();
        String url = "jdbc:h2:mem:plain-" + UUID.randomUUID(); // every start (every test) gets its own database
        HikariDataSource pool = null;
        HikariDataSource readers = null;
        ReadOnlyQueryRunner queryRunner = null;
        ScheduledExecutorService reports = null;
        Path baseDir = null;
        Tomcat tomcat = null;
        try {
            pool = pool("plain-servlet", url + ";DB_CLOSE_DELAY=-1", "sa", "", 5);
            createSchema(pool); // on the pool itself, so the set-up statements stay out of the statistics

            // Every statement through this DataSource is timed and counted by shape.
            MonitoredDataSource dataSource = MonitoredDataSource.wrap(pool, monitor);
            // Checks of the shared database are singletons: with several instances on a shared store, one runs them.
            monitor.health().register(HealthCheckRegistration.builder("database", DataSourceHealthCheck.of(dataSource))
                    .singleton(true)
                    .build());
            monitor.health().register(HealthCheckRegistration.builder("order-backlog", orderBacklog(dataSource))
                    .critical(false)
                    .singleton(true)
                    .build());
            monitor.metrics().register("orders", orders(dataSource));
            // Read-only SQL for operators, through a role that may only SELECT (never the application's own user).
            readers = pool("plain-servlet-queries", url, READER, READER_PASSWORD, 2);
            queryRunner = JdbcMonitoring.queryRunner(monitor, readers).build();
            queryRunner.inspect();
            // database, database.pool and database.size in the history; GET /api/admin/queries; POST /api/admin/run-query
            JdbcMonitoring.install(monitor, dataSource, queryRunner);

            RequestTracingFilter tracing = RequestTracingFilter.builder(monitor)
                    .tagResolver(TagResolver.header("X-Platform"))
                    .routeResolver(servedRoute())
                    .userResolver(UserResolver.header("X-User")) // who is affected, for the area's alert
                    .build();

            reports = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "slow-report");
                thread.setDaemon(true);
                // not the loader of the request thread that happens to start it, which Tomcat would report as a leak
                thread.setContextClassLoader(PlainServletApp.class.getClassLoader());
                return thread;
            });
            baseDir = Files.createTempDirectory("plain-servlet-tomcat");
            tomcat = new Tomcat();
            tomcat.setBaseDir(baseDir.toString());
            tomcat.setPort(port);
            Context context = tomcat.addContext("", baseDir.toString());
            if (context instanceof StandardContext standard) {
                // One application per JVM, never redeployed: no class loader leak detection (and no warnings about it).
                standard.setClearReferencesThreadLocals(false);
                standard.setClearReferencesRmiTargets(false);
            }
            ScheduledExecutorService slowReports = reports;
            // The registration itself is plain Servlet API: the same lines work in a WAR's ServletContextListener.
            context.addServletContainerInitializer((classes, servletContext) ->
                    register(servletContext, monitor, tracing, dataSource, slowReports), null);

            monitor.start();
            tomcat.start();
            if (!context.getState().isAvailable()) {
                throw new IllegalStateException("the web application did not start: " + context.getState() + " (see the log)");
            }
            return new PlainServletApp(tomcat, monitor, dataSource, readers, queryRunner, reports, baseDir, adminToken);
        } catch (Exception | Error e) {
            closeQuietly(tomcat, reports, monitor, queryRunner, readers, pool, baseDir);
            throw e;
        }
    }

    /** The port Tomcat listens on. */
    public int port() {
        return tomcat.getConnector().getLocalPort();
    }

    /** The monitor, e.g. to collect or run checks now in a test. */
    public Monitor monitor() {
        return monitor;
    }

    /** The bearer token that gives admin rights on the monitoring API. */
    public String adminToken() {
        return adminToken;
    }

    /** Stops Tomcat, then Vigil and the query runner, then closes the pools. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeQuietly(tomcat, reports, monitor, queryRunner, readers, dataSource, baseDir);
    }

    private static void closeQuietly(Tomcat tomcat, ScheduledExecutorService reports, Monitor monitor,
            ReadOnlyQueryRunner queryRunner, DataSource readers, DataSource dataSource, Path baseDir) {
        if (tomcat != null) {
            try {
                tomcat.stop();
                tomcat.destroy();
            } catch (LifecycleException e) {
                log.warn("Tomcat did not stop cleanly", e);
            }
        }
        if (reports != null) {
            reports.shutdownNow();
        }
        monitor.close();
        if (queryRunner != null) {
            queryRunner.close();
        }
        for (DataSource each : new DataSource[] {readers, dataSource}) {
            if (each instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    log.warn("A connection pool did not close cleanly", e);
                }
            }
        }
        if (baseDir != null) {
            deleteRecursively(baseDir);
        }
    }

    private static HikariDataSource pool(String name, String url, String user, String password, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        return new HikariDataSource(config);
    }

    private static void createSchema(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE orders (
                        id BIGINT AUTO_INCREMENT PRIMARY KEY,
                        customer VARCHAR(100) NOT NULL,
                        amount DECIMAL(10, 2) NOT NULL,
                        status VARCHAR(20) DEFAULT 'pending' NOT NULL,
                        created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
                    )""");
            statement.execute("""
                    INSERT INTO orders (customer, amount, status) VALUES
                        ('Ada', 42.00, 'shipped'),
                        ('Grace', 17.50, 'pending'),
                        ('Linus', 99.90, 'pending')""");
            statement.execute("CREATE USER " + READER + " PASSWORD '" + READER_PASSWORD + "'");
            statement.execute("GRANT SELECT ON orders TO " + READER);
        }
    }

    /** The example's own check: a backlog of pending orders degrades the service (it is not critical). */
    private static HealthCheck orderBacklog(DataSource dataSource) {
        return () -> {
            long pending = count(dataSource, "SELECT COUNT(*) FROM orders WHERE status = 'pending'");
            HealthResult result = pending > BACKLOG_DEGRADED_ABOVE
                    ? HealthResult.degraded(pending + " orders pending, above " + BACKLOG_DEGRADED_ABOVE)
                    : HealthResult.up(pending + " orders pending");
            return result.withDetail("pending", pending);
        };
    }

    /** A business collector: its samples form the {@code orders} section of {@code /api/admin/system-health}. */
    private static MetricCollector orders(DataSource dataSource) {
        return () -> List.of(
                MetricSample.of("orders.total", count(dataSource, "SELECT COUNT(*) FROM orders")),
                MetricSample.of("orders.pending", count(dataSource, "SELECT COUNT(*) FROM orders WHERE status = 'pending'")));
    }

    private static long count(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * The route template the servlet that handled the request named, so that a 404 of
     * {@code /orders/{id}} counts under its route and not as an unknown path.
     */
    private static RouteResolver servedRoute() {
        return request -> request.getAttribute(ROUTE_ATTRIBUTE) instanceof String route ? route : "";
    }

    /** Registers the tracing filter, Vigil's API servlet and the example's servlets with {@code context}. */
    private static void register(ServletContext context, Monitor monitor, RequestTracingFilter tracing,
            DataSource dataSource, ScheduledExecutorService slowReports) {
        // The tracing filter on /* (asynchronous requests measured until they complete), its statistics in the
        // history, and MonitorServlet on the API's paths (/api/health, /api/admin/*, and the dashboard at
        // /admin/monitoring, installed first so its paths are routed too).
        Dashboard.install(monitor.api());
        ServletMonitoring.install(context, monitor, tracing);
        // AI assistants: the admin operations as MCP tools at /api/mcp, with the same tokens, roles and audit
        VigilMcp.install(context, monitor);

        context.addServlet("orders", new OrdersServlet(dataSource)).addMapping("/orders/*");
        ServletRegistration.Dynamic report = context.addServlet("slow-report",
                new SlowReportServlet(slowReports, Duration.ofMillis(50)));
        report.setAsyncSupported(true);
        report.addMapping("/slow-report");
        context.addServlet("not-found", new NotFoundServlet()).addMapping("/"); // so unknown paths are measured too
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            log.debug("Could not delete {}", dir, e);
        }
    }

    /** Answers 404 for every path no other servlet serves. */
    private static final class NotFoundServlet extends HttpServlet {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }
}
