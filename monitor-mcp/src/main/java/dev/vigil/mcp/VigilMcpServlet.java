package dev.vigil.mcp;

import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import dev.vigil.api.ApiRequest;
import dev.vigil.api.RequestBody;
import dev.vigil.security.Caller;
import dev.vigil.security.Role;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vigil's MCP endpoint as one servlet: it refuses a request without valid credentials ({@code 401} with
 * {@code WWW-Authenticate: Bearer}) or whose caller may not read ({@code 403}) before the MCP transport sees it,
 * then hands it to the SDK's Streamable HTTP transport. Register it asynchronous at {@link VigilMcp#path()}
 * ({@link VigilMcp#install} does both). The MCP server, with a tool per operation allowed, is built when the
 * container initialises the servlet, so operations registered until then (JDBC's, a host's) are included.
 */
public final class VigilMcpServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(VigilMcpServlet.class);

    private final transient VigilMcp mcp;
    private transient HttpServletStreamableServerTransportProvider transport;
    private transient McpSyncServer server;

    VigilMcpServlet(VigilMcp mcp) {
        this.mcp = Objects.requireNonNull(mcp, "mcp");
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        transport = mcp.transport();
        server = mcp.server(transport);
        transport.init(config);
        log.info("Vigil MCP endpoint at {} with {} tools", mcp.path(), mcp.toolNames().size());
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        Caller caller = mcp.api().authenticate(authenticationRequest(request));
        if (caller.isAnonymous()) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"vigil\"");
            refuse(response, 401, "unauthorized",
                    "Vigil's MCP endpoint needs 'Authorization: Bearer <token>' with a Vigil token (role read or more)");
            return;
        }
        if (!caller.has(Role.READ)) {
            refuse(response, 403, "forbidden", "Vigil's MCP endpoint needs the role read; " + caller.id() + " has "
                    + (caller.roles().isEmpty() ? "no role" : caller.roles().stream().map(Role::jsonName).sorted().toList()));
            return;
        }
        transport.service(request, response);
    }

    @Override
    public void destroy() {
        if (server != null) {
            try {
                server.closeGracefully();
            } catch (RuntimeException e) {
                log.debug("Vigil MCP server did not close cleanly", e);
            }
        }
        if (transport != null) {
            transport.destroy();
        }
        super.destroy();
    }

    private static ApiRequest authenticationRequest(HttpServletRequest request) {
        Map<String, String> headers = new HashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.putIfAbsent(name, request.getHeader(name));
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return new ApiRequest(request.getMethod(), path, ApiRequest.parseQuery(request.getQueryString()), headers,
                RequestBody.EMPTY, request.getRemoteAddr() == null ? "" : request.getRemoteAddr());
    }

    private static void refuse(HttpServletResponse response, int status, String error, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write("{\"error\":\"" + error + "\",\"message\":\"" + message.replace("\\", "\\\\")
                .replace("\"", "\\\"") + "\"}");
    }
}
