package dev.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The demo's MCP endpoint, registered by the starter, with the MCP SDK's own client over real HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = "monitor.admin.token=mcp-token")
class DemoMcpTest {

    private static final int PORT = DemoClient.freePort();
    private static final int MANAGEMENT_PORT = DemoClient.freePort();

    @DynamicPropertySource
    static void ports(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("management.server.port", () -> MANAGEMENT_PORT);
    }

    private static McpSyncClient client(String token) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + PORT)
                .endpoint("/api/mcp")
                .jsonMapper(new JacksonMcpJsonMapper(new ObjectMapper()))
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
                .build();
        return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void anAssistantWithTheTokenListsAndCallsVigilsTools() throws Exception {
        McpSyncClient client = client("mcp-token");
        try {
            client.initialize();
            assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
                    .contains("vigil_health", "vigil_alerts", "vigil_trigger_action", "vigil_queries", "vigil_run_query");
            McpSchema.CallToolResult health = client.callTool(McpSchema.CallToolRequest.builder("vigil_health")
                    .arguments(Map.of()).build());
            assertThat(health.isError()).isFalse();
            assertThat(((McpSchema.TextContent) health.content().get(0)).text()).contains("\"services\"");
        } finally {
            client.closeGracefully();
        }
        // the call is in the audit trail, which the demo keeps in its JDBC store
        JsonNode entries = new DemoClient(PORT, "mcp-token").admin("/api/admin/audit?type=tool&subject=vigil_health")
                .get("entries");
        assertThat(entries).isNotEmpty();
        assertThat(entries.get(0).get("who").asText()).isEqualTo("admin-token");
        assertThat(entries.get(0).get("type").asText()).isEqualTo("tool");
    }

    @Test
    void aWrongTokenCannotConnect() {
        McpSyncClient client = client("wrong-token");
        assertThatThrownBy(client::initialize).isInstanceOf(RuntimeException.class);
        client.close();
    }
}
