package dev.vigil.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import dev.vigil.Monitor;
import dev.vigil.jdbc.JdbcMonitoring;
import dev.vigil.jdbc.MonitoredDataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * The tools follow the operation registry: which operations are offered, run-query only while a query runner
 * serves it, and the README's table of tools is the one {@link VigilMcp#markdownTable()} renders.
 */
class VigilMcpToolsTest {

    private static final Path README = Path.of("..", "README.md");
    private static final String START = "<!-- mcp-tools:start";
    private static final String END = "<!-- mcp-tools:end -->";
    private static final String UPDATE = "mvn -B -o -q -pl monitor-mcp -am test -Dtest=VigilMcpToolsTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dvigil.readme.update=true";

    private static Monitor monitor() {
        Monitor monitor = Monitor.builder().adminToken("unused").bindSystemMeters(false).systemMetrics(false, Path.of("."))
                .build();
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:mcp-tools-" + UUID.randomUUID());
        JdbcMonitoring.install(monitor, MonitoredDataSource.wrap(h2, monitor));
        return monitor;
    }

    @Test
    void runQueryIsAToolOnlyWhileAQueryRunnerServesIt() {
        try (Monitor monitor = monitor()) {
            assertThat(VigilMcp.builder(monitor).build().toolNames()).doesNotContain("vigil_run_query")
                    .contains("vigil_queries", "vigil_trigger_action");
            monitor.queryService((sql, maxRows, who) -> Map.of("rows", List.of()));
            assertThat(VigilMcp.builder(monitor).build().toolNames()).contains("vigil_run_query");
        }
    }

    @Test
    void publicIngestAndWebhookOperationsAreNeverTools() {
        try (Monitor monitor = monitor()) {
            VigilMcp mcp = VigilMcp.builder(monitor)
                    .tools(List.of("health", "errors.ingest", "errors.sentry", "notices.beacon", "notices", "no-such-op"))
                    .build();
            assertThat(mcp.toolNames()).containsExactly("vigil_health");
        }
    }

    @Test
    void thePathMustBeAPlainAbsolutePath() {
        try (Monitor monitor = monitor()) {
            assertThat(VigilMcp.builder(monitor).build().path()).isEqualTo("/api/mcp");
            assertThat(VigilMcp.builder(monitor).path("/ops/mcp").build().path()).isEqualTo("/ops/mcp");
            assertThatThrownBy(() -> VigilMcp.builder(monitor).path("/api/mcp/*"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("monitor.mcp.path");
            assertThatThrownBy(() -> VigilMcp.builder(monitor).path("api/mcp")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theReadmeListsTheTools() throws Exception {
        String table;
        try (Monitor monitor = monitor()) {
            monitor.queryService((sql, maxRows, who) -> Map.of("rows", List.of()));
            table = VigilMcp.builder(monitor).build().markdownTable();
        }
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        assertThat(start).as("README.md has no '" + START + " ... -->' marker").isNotNegative();
        assertThat(end).as("README.md has no '" + END + "' marker").isGreaterThan(start);
        int tableStart = readme.indexOf('\n', start) + 1;
        if (Boolean.getBoolean("vigil.readme.update")) {
            Files.writeString(README, readme.substring(0, tableStart) + table + readme.substring(end), StandardCharsets.UTF_8);
            return;
        }
        assertThat(readme.substring(tableStart, end))
                .as("README.md's table of MCP tools differs from the registry; to update it run%n  %s%nand commit README.md",
                        UPDATE)
                .isEqualTo(table);
    }
}
