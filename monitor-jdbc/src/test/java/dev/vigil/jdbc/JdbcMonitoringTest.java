package dev.vigil.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.Monitor;
import dev.vigil.api.AccessMatrix;
import dev.vigil.api.ApiRequest;
import dev.vigil.api.ApiResponse;
import dev.vigil.api.Operation;
import dev.vigil.api.RequestBody;
import dev.vigil.audit.AuditEntry;
import dev.vigil.audit.AuditQuery;
import dev.vigil.jdbc.query.ReadOnlyQueryRunner;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One call puts a DataSource under watch: collectors, the queries operation and run-query, behind the same access rules. */
class JdbcMonitoringTest {

    private final ObjectMapper json = new ObjectMapper();
    private final String url = "jdbc:h2:mem:jdbc-monitoring-" + UUID.randomUUID();
    private final Monitor monitor = Monitor.builder()
            .adminAuthenticator(AccessMatrix.AUTHENTICATOR)
            .bindSystemMeters(false)
            .systemMetrics(false, Path.of("."))
            .build();
    private ReadOnlyQueryRunner runner;

    @AfterEach
    void stop() {
        if (runner != null) {
            runner.close();
        }
        monitor.close();
    }

    private MonitoredDataSource install() throws Exception {
        JdbcDataSource admin = h2(url + ";DB_CLOSE_DELAY=-1", "sa", "");
        try (Connection connection = admin.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer VARCHAR(50))");
            statement.execute("INSERT INTO orders VALUES (1, 'Ada'), (2, 'Grace')");
            statement.execute("CREATE USER reader PASSWORD 'reader'");
            statement.execute("GRANT SELECT ON orders TO reader");
        }
        MonitoredDataSource dataSource = MonitoredDataSource.wrap(admin, monitor);
        runner = JdbcMonitoring.queryRunner(monitor, h2(url, "reader", "reader")).build();
        JdbcMonitoring.install(monitor, dataSource, runner);
        return dataSource;
    }

    private static JdbcDataSource h2(String url, String user, String password) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        h2.setUser(user);
        h2.setPassword(password);
        return h2;
    }

    private ApiResponse call(String caller, String method, String path, String body) {
        Map<String, String> headers = new HashMap<>(Map.of("Content-Type", "application/json"));
        AccessMatrix.TOKENS.get(caller).ifPresent(token -> headers.put("Authorization", "Bearer " + token));
        return monitor.api().handle(new ApiRequest(method, path, Map.of(), headers, body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void collectorsQueriesAndRunQueryAreInstalled() throws Exception {
        MonitoredDataSource dataSource = install();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT customer FROM orders WHERE id = 1").close();
        }

        assertThat(monitor.metrics().collectorNames()).contains("database", "database.pool", "database.size");
        ApiResponse queries = call("read", "GET", "/api/admin/queries", "");
        assertThat(queries.status()).isEqualTo(200);
        assertThat(queries.bodyText()).isEqualTo(json.writeValueAsString(json.readTree(
                dev.vigil.internal.Json.write(dataSource.statistics().snapshot()))));
        assertThat(json.readTree(queries.body()).get("statements").get(0).get("sql").asText())
                .isEqualTo("SELECT customer FROM orders WHERE id = ?");

        ApiResponse rows = call("operator", "POST", "/api/admin/run-query", "{\"query\": \"SELECT customer FROM orders ORDER BY id\"}");
        assertThat(rows.status()).as(rows.bodyText()).isEqualTo(200);
        JsonNode result = json.readTree(rows.body());
        assertThat(result.get("rowCount").asInt()).isEqualTo(2);
        assertThat(monitor.audit().query(AuditQuery.latest(5).ofType(AuditEntry.Type.QUERY)).get(0).who())
                .isEqualTo("operator-user");
        assertThat(call("read", "POST", "/api/admin/run-query", "{\"query\": \"SELECT 1\"}").status()).isEqualTo(403);
    }

    @Test
    void everyOperationWithTheJdbcOnesFollowsTheAccessRules() throws Exception {
        install();
        List<Object[]> cases = AccessMatrix.cases(monitor.api());
        assertThat(cases).extracting(each -> each[0]).contains(JdbcMonitoring.QUERIES_OPERATION, "run-query");

        for (Object[] each : cases) {
            Operation operation = monitor.api().operations().find((String) each[0]).orElseThrow();
            String caller = (String) each[1];
            Map<String, String> headers = new HashMap<>(Map.of("Content-Type", "application/json"));
            AccessMatrix.TOKENS.get(caller).ifPresent(token -> headers.put("Authorization", "Bearer " + token));
            ApiResponse response = monitor.api().handle(new ApiRequest(operation.method(),
                    AccessMatrix.samplePath(monitor.api(), operation), Map.of(), headers,
                    RequestBody.lazy(-1, () -> new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)))));
            assertThat(AccessMatrix.check(operation, caller, response.status(), response.bodyText())).isNull();
        }
    }

    @Test
    void onlyOneDataSourceServesTheStatementShapes() throws Exception {
        install();
        MonitoredDataSource second = MonitoredDataSource.wrap(h2(url, "reader", "reader"), monitor);

        assertThatThrownBy(() -> JdbcMonitoring.install(monitor, second)).isInstanceOf(IllegalArgumentException.class);
        JdbcMonitoring.of(monitor, second).name("database.reporting").sizeMetrics(false).queryStatistics(false).install();

        assertThat(monitor.metrics().collectorNames()).contains("database.reporting", "database.reporting.pool")
                .doesNotContain("database.reporting.size");
    }
}
