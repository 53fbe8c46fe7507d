package dev.vigil.example;

import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /orders}, {@code GET /orders/{id}} and {@code POST /orders} on plain JDBC. Paths are
 * parsed by hand, and each request names its route template in {@link PlainServletApp#ROUTE_ATTRIBUTE}
 * for the tracing filter.
 */
final class OrdersServlet extends HttpServlet {

    static final String LIST_SQL = "SELECT id, customer, amount, status FROM orders ORDER BY id";
    static final String FIND_SQL = "SELECT id, customer, amount, status FROM orders WHERE id = ?";
    static final String INSERT_SQL = "INSERT INTO orders (customer, amount) VALUES (?, ?)";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final transient DataSource dataSource;

    OrdersServlet(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        String path = request.getPathInfo();
        try {
            if (path == null || path.equals("/")) {
                request.setAttribute(PlainServletApp.ROUTE_ATTRIBUTE, "/orders");
                write(response, HttpServletResponse.SC_OK, list());
                return;
            }
            Optional<Long> id = id(path);
            if (id.isEmpty()) {
                notFound(response, "No such path: " + request.getRequestURI());
                return;
            }
            request.setAttribute(PlainServletApp.ROUTE_ATTRIBUTE, "/orders/{id}");
            Optional<Map<String, Object>> order = find(id.get());
            if (order.isPresent()) {
                write(response, HttpServletResponse.SC_OK, order.get());
            } else {
                notFound(response, "No order " + id.get());
            }
        } catch (SQLException e) {
            throw new ServletException("orders query failed", e);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        String path = request.getPathInfo();
        if (path != null && !path.equals("/")) {
            notFound(response, "No such path: " + request.getRequestURI());
            return;
        }
        request.setAttribute(PlainServletApp.ROUTE_ATTRIBUTE, "/orders");
        String customer;
        BigDecimal amount;
        try {
            JsonNode body = JSON.readTree(request.getInputStream());
            customer = body == null ? "" : body.path("customer").asText("").strip();
            amount = body == null || !body.path("amount").isNumber() ? null : body.path("amount").decimalValue();
        } catch (JacksonException e) {
            write(response, HttpServletResponse.SC_BAD_REQUEST, error("bad_request", "The body is not JSON"));
            return;
        }
        if (customer.isEmpty() || customer.length() > 100 || amount == null || amount.signum() <= 0) {
            write(response, HttpServletResponse.SC_BAD_REQUEST,
                    error("bad_request", "Expected {\"customer\": \"<1..100 characters>\", \"amount\": <positive number>}"));
            return;
        }
        try {
            long id = insert(customer, amount);
            response.setHeader("Location", request.getContextPath() + "/orders/" + id);
            write(response, HttpServletResponse.SC_CREATED, find(id).orElseThrow());
        } catch (SQLException e) {
            throw new ServletException("inserting an order failed", e);
        }
    }

    /** The id of {@code /<digits>}, else empty. */
    static Optional<Long> id(String pathInfo) {
        String segment = pathInfo.endsWith("/") ? pathInfo.substring(1, pathInfo.length() - 1) : pathInfo.substring(1);
        if (segment.isEmpty() || segment.length() > 18 || !segment.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(segment));
    }

    private List<Map<String, Object>> list() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(LIST_SQL);
                ResultSet rows = statement.executeQuery()) {
            List<Map<String, Object>> orders = new ArrayList<>();
            while (rows.next()) {
                orders.add(order(rows));
            }
            return orders;
        }
    }

    private Optional<Map<String, Object>> find(long id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(FIND_SQL)) {
            statement.setLong(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(order(rows)) : Optional.empty();
            }
        }
    }

    private long insert(String customer, BigDecimal amount) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(INSERT_SQL, Statement.RETURN_GENERATED_KEYS)) {
            statement.setString(1, customer);
            statement.setBigDecimal(2, amount);
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("no generated id returned for the new order");
                }
                return keys.getLong(1);
            }
        }
    }

    private static Map<String, Object> order(ResultSet rows) throws SQLException {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("id", rows.getLong("id"));
        order.put("customer", rows.getString("customer"));
        order.put("amount", rows.getBigDecimal("amount"));
        order.put("status", rows.getString("status"));
        return order;
    }

    private static void notFound(HttpServletResponse response, String message) throws IOException {
        write(response, HttpServletResponse.SC_NOT_FOUND, error("not_found", message));
    }

    private static Map<String, String> error(String error, String message) {
        return Map.of("error", error, "message", message);
    }

    static void write(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), body);
    }
}
