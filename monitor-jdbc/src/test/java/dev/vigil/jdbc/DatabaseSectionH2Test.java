package dev.vigil.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.vigil.Monitor;
import dev.vigil.api.ApiRequest;
import dev.vigil.api.ApiResponse;
import dev.vigil.health.HealthCheckRegistration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET system-health}'s {@code database: {status, connections, max}} and {@code GET metrics}' database size on
 * H2 behind HikariCP, as on PostgreSQL.
 */
class DatabaseSectionH2Test {

    private final ObjectMapper json = new ObjectMapper();
    private final Monitor monitor = Monitor.builder()
            .adminToken("t0k3n")
            .bindSystemMeters(false)
            .systemMetrics(false, Path.of("."))
            .build();
    private HikariDataSource pool;

    @AfterEach
    void stop() {
        monitor.close();
        if (pool != null) {
            pool.close();
        }
    }

    private JsonNode get(String path) throws Exception {
        ApiResponse response = monitor.api().handle(new ApiRequest("GET", path, Map.of(),
                Map.of("Authorization", "Bearer t0k3n"), new byte[0]));
        assertThat(response.status()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return json.readTree(response.body());
    }

    @Test
    void connectionsInUseAndTheMaximumComeFromThePoolAndTheSizeFromTheFile(@TempDir Path directory) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:" + directory.resolve("app").toAbsolutePath());
        config.setUsername("sa");
        config.setMaximumPoolSize(6);
        config.setMinimumIdle(0);
        pool = new HikariDataSource(config);
        MonitoredDataSource dataSource = MonitoredDataSource.wrap(pool, monitor);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE orders (id INT PRIMARY KEY, note VARCHAR(1000))");
            statement.execute("INSERT INTO orders SELECT X, REPEAT('x', 900) FROM SYSTEM_RANGE(1, 2000)");
            statement.execute("CHECKPOINT");
        }
        JdbcMonitoring.install(monitor, dataSource);
        monitor.health().register(HealthCheckRegistration.of("database", DataSourceHealthCheck.of(dataSource)));
        monitor.health().runNow("database").get(60, TimeUnit.SECONDS);

        try (Connection first = dataSource.getConnection(); Connection second = dataSource.getConnection()) {
            assertThat(first.isValid(1) && second.isValid(1)).isTrue();
            monitor.metrics().collectNow().get(60, TimeUnit.SECONDS);
        }

        JsonNode database = get("/api/admin/system-health").get("database");
        assertThat(database.get("status").asText()).isIn("healthy", "degraded");
        assertThat(database.get("connections").asLong()).isEqualTo(2);
        assertThat(database.get("max").asLong()).isEqualTo(6);
        assertThat(database.get("connectionsSource").asText()).isEqualTo("pool");

        JsonNode size = null;
        for (JsonNode metric : get("/api/admin/metrics").get("database")) {
            if (metric.get("name").asText().equals("db.size.bytes")) {
                size = metric;
            }
        }
        assertThat(size).as("db.size.bytes in the database group").isNotNull();
        assertThat(size.get("value").asDouble()).isGreaterThan(1_000_000);
    }

    @Test
    void anUnknownPoolOnH2HasNoConnectionCounts() throws Exception {
        MonitoredDataSource dataSource = MonitoredDataSource.wrap(MonitoredDataSourceH2Test.h2(), monitor);
        JdbcMonitoring.install(monitor, dataSource);
        monitor.health().register(HealthCheckRegistration.of("database", DataSourceHealthCheck.of(dataSource)));
        monitor.health().runNow("database").get(60, TimeUnit.SECONDS);
        monitor.metrics().collectNow().get(60, TimeUnit.SECONDS);

        JsonNode database = get("/api/admin/system-health").get("database");
        assertThat(database.get("connections").isNull()).isTrue();
        assertThat(database.get("max").isNull()).isTrue();
        assertThat(database.get("connectionsSource").asText()).isEqualTo("unknown");
    }
}
