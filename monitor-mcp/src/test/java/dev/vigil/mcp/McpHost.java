package dev.vigil.mcp;

import java.io.File;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.time.Duration;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.Monitor;
import dev.vigil.servlet.RequestTracingFilter;
import dev.vigil.servlet.ServletMonitoring;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;

/**
 * An embedded Tomcat on a free loopback port with a context path, wired as a plain servlet host does it:
 * Vigil's API ({@link ServletMonitoring#install}) and its MCP endpoint ({@link VigilMcp#install}); and MCP
 * clients of the SDK connecting to it with a token.
 */
final class McpHost implements AutoCloseable {

    static final String CONTEXT = "/shop";

    private final Tomcat tomcat;
    private final String origin;
    private final VigilMcp mcp;

    private McpHost(Tomcat tomcat, String origin, VigilMcp mcp) {
        this.tomcat = tomcat;
        this.origin = origin;
        this.mcp = mcp;
    }

    static McpHost start(Monitor monitor, VigilMcp mcp) throws Exception {
        File baseDir = Files.createTempDirectory("vigil-mcp-tomcat").toFile();
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.getAbsolutePath());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext(CONTEXT, baseDir.getAbsolutePath());
        context.addServletContainerInitializer((classes, servletContext) -> {
            ServletMonitoring.install(servletContext, monitor, RequestTracingFilter.builder(monitor).build());
            mcp.install(servletContext);
        }, null);
        tomcat.start();
        return new McpHost(tomcat, "http://127.0.0.1:" + tomcat.getConnector().getLocalPort(), mcp);
    }

    /** {@code http://127.0.0.1:<port>}. */
    String origin() {
        return origin;
    }

    /** The endpoint's whole URL. */
    String mcpUrl() {
        return origin + CONTEXT + mcp.path();
    }

    /** A client sending {@code Authorization: Bearer <token>} (none when null), not yet initialised. */
    McpSyncClient client(String token) {
        HttpRequest.Builder requests = HttpRequest.newBuilder();
        if (token != null) {
            requests.header("Authorization", "Bearer " + token);
        }
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(origin)
                .endpoint(CONTEXT + mcp.path())
                .jsonMapper(new JacksonMcpJsonMapper(new ObjectMapper()))
                .requestBuilder(requests)
                .build();
        return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).initializationTimeout(Duration.ofSeconds(30))
                .build();
    }

    @Override
    public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }
}
