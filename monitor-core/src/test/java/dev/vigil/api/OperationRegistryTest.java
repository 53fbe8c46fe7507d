package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.security.AdminAuthenticator;
import dev.vigil.security.Caller;
import dev.vigil.security.Role;
import org.junit.jupiter.api.Test;

/** Operations as values: matching by segments, 404 / 405 / 401 / 403, checked parameters, the listing. */
class OperationRegistryTest {

    private final ObjectMapper json = new ObjectMapper();
    private final AdminAuthenticator users = request -> request.header("X-User").map(user -> switch (user) {
        case "reader" -> Caller.person("reader").withRoles(Role.READ);
        case "operator" -> Caller.person("operator").withRoles(Role.OPERATOR);
        default -> Caller.person(user).withRoles();
    });
    private final MonitorApi api = new MonitorApi(ApiSettings.ofDefaults(), users);

    OperationRegistryTest() {
        api.register(Operation.get("items", "/items")
                .role(Role.READ)
                .description("lists items")
                .input(InputSchema.builder()
                        .query(BodyField.integer("limit").between(1, 10))
                        .query(BodyField.oneOf("order", "asc", "desc"))
                        .build())
                .handler((caller, arguments) -> Result.ok(Map.of("limit", arguments.integer("limit").orElse(5),
                        "order", arguments.string("order").orElse("asc"))))
                .build());
        api.register(Operation.get("items.one", "/items/{id}")
                .role(Role.READ)
                .description("one item")
                .input(InputSchema.builder().path(BodyField.integer("id").between(1, 1000)).build())
                .handler((caller, arguments) -> Result.ok(Map.of("id", arguments.path("id"), "by", caller.id())))
                .build());
        api.register(Operation.get("items.latest", "/items/latest")
                .role(Role.READ)
                .description("the latest item")
                .handler((caller, arguments) -> Result.ok(Map.of("latest", true)))
                .build());
        api.register(Operation.delete("items.delete", "/items/{item}")
                .role(Role.OPERATOR)
                .description("deletes an item")
                .input(InputSchema.builder().path(BodyField.string("item").maxLength(20)).build())
                .handler((caller, arguments) -> Result.noContent())
                .build());
        api.register(Operation.get("hello", "/hello/{name}")
                .atRoot()
                .access(Access.PUBLIC)
                .description("says hello")
                .input(InputSchema.builder().path(BodyField.string("name").maxLength(10)).build())
                .handler((caller, arguments) -> Result.ok(Map.of("hello", arguments.path("name"), "anonymous", caller.isAnonymous())))
                .build());
    }

    private ApiResponse call(String method, String path, String user, Map<String, List<String>> query) {
        Map<String, String> headers = user == null ? Map.of() : Map.of("X-User", user);
        return api.handle(new ApiRequest(method, path, query, headers, new byte[0]));
    }

    private static List<String> ids(JsonNode operations) {
        List<String> ids = new java.util.ArrayList<>();
        operations.forEach(operation -> ids.add(operation.get("id").asText()));
        return ids;
    }

    private JsonNode body(ApiResponse response) throws Exception {
        return json.readTree(response.body());
    }

    @Test
    void pathsMatchBySegmentsAndLiteralsWin() throws Exception {
        assertThat(body(call("GET", "/api/admin/items/latest", "reader", Map.of())).get("latest").asBoolean()).isTrue();
        JsonNode one = body(call("GET", "/api/admin/items/42", "reader", Map.of()));
        assertThat(one.get("id").asText()).isEqualTo("42");
        assertThat(one.get("by").asText()).isEqualTo("reader");
        assertThat(call("GET", "/api/admin/items/42/more", "reader", Map.of()).status()).isEqualTo(404);
        assertThat(call("GET", "/api/admin/items/", "reader", Map.of()).status()).isEqualTo(200); // a trailing slash is dropped
        assertThat(call("GET", "/api/admin//items", "reader", Map.of()).status()).isEqualTo(404);
        assertThat(call("GET", "/api/admin/items/%2e%2e", "reader", Map.of()).status()).isEqualTo(400); // not an integer
        assertThat(body(call("GET", "/hello/ada", null, Map.of())).get("anonymous").asBoolean()).isTrue();
        assertThat(call("HEAD", "/hello/ada", null, Map.of()).status()).isEqualTo(200);
    }

    @Test
    void unknownPathIs404ButAnonymousCallersLearnNothingBelowTheAdminBase() throws Exception {
        assertThat(call("GET", "/api/admin/nothing", null, Map.of()).status()).isEqualTo(401);
        ApiResponse missing = call("GET", "/api/admin/nothing", "reader", Map.of());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(body(missing).get("message").asText()).isEqualTo("No Vigil admin endpoint at /nothing");
        assertThat(body(call("GET", "/elsewhere", null, Map.of())).get("message").asText()).isEqualTo("No Vigil endpoint at /elsewhere");
    }

    @Test
    void knownPathWithAnotherMethodIs405WithAllow() {
        ApiResponse post = call("POST", "/api/admin/items/42", "reader", Map.of());
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.headers()).containsEntry("Allow", "GET, HEAD, DELETE");
        assertThat(call("POST", "/api/admin/items/42", null, Map.of()).status()).isEqualTo(401);
        assertThat(call("POST", "/hello/ada", null, Map.of()).headers()).containsEntry("Allow", "GET, HEAD");
    }

    @Test
    void accessIsCheckedBeforeParametersAndBody() throws Exception {
        assertThat(call("DELETE", "/api/admin/items/42", null, Map.of()).status()).isEqualTo(401);
        ApiResponse forbidden = call("DELETE", "/api/admin/items/42", "reader", Map.of());
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(body(forbidden).get("error").asText()).isEqualTo("forbidden");
        assertThat(body(forbidden).get("message").asText()).isEqualTo("items.delete needs the role operator; reader has the role(s) read");
        assertThat(call("DELETE", "/api/admin/items/42", "operator", Map.of()).status()).isEqualTo(204);
        assertThat(call("GET", "/api/admin/items", "nobody", Map.of()).status()).isEqualTo(403);
        assertThat(call("GET", "/api/admin/items", "operator", Map.of()).status()).isEqualTo(200); // operator implies read

        AtomicInteger opened = new AtomicInteger();
        RequestBody body = RequestBody.lazy(10, () -> {
            opened.incrementAndGet();
            return new ByteArrayInputStream("{\"x\": true}".getBytes(StandardCharsets.UTF_8));
        });
        api.handle(new ApiRequest("DELETE", "/api/admin/items/42", Map.of(), Map.of("X-User", "reader"), body));
        assertThat(opened).hasValue(0);
    }

    @Test
    void queryParametersAreCheckedAgainstTheSchema() throws Exception {
        JsonNode valid = body(call("GET", "/api/admin/items", "reader", Map.of("limit", List.of(" 7"), "order", List.of("desc"))));
        assertThat(valid.get("limit").asInt()).isEqualTo(7);
        assertThat(valid.get("order").asText()).isEqualTo("desc");
        JsonNode limit = body(call("GET", "/api/admin/items", "reader", Map.of("limit", List.of("11"))));
        assertThat(limit.get("error").asText()).isEqualTo("invalid_field");
        assertThat(limit.get("field").asText()).isEqualTo("limit");
        assertThat(limit.get("message").asText()).isEqualTo("limit must be an integer 1..10; got '11'");
        JsonNode order = body(call("GET", "/api/admin/items", "reader", Map.of("order", List.of("random"))));
        assertThat(order.get("message").asText()).isEqualTo("order must be one of asc, desc; got 'random'");
        assertThat(call("GET", "/api/admin/items", "reader", Map.of("unknown", List.of("ignored"))).status()).isEqualTo(200);
        assertThat(body(call("GET", "/hello/far-too-long-a-name", null, Map.of())).get("field").asText()).isEqualTo("name");
    }

    @Test
    void clashesAreRefusedAtRegistration() {
        Operation.Builder same = Operation.get("items.again", "/items/{other}").role(Role.READ).description("again")
                .input(InputSchema.builder().path(BodyField.string("other")).build())
                .handler((caller, arguments) -> Result.noContent());
        assertThatThrownBy(() -> api.register(same.build())).hasMessageContaining("clashes with items.one");
        assertThatThrownBy(() -> api.register(Operation.get("items", "/other").role(Role.READ).description("x")
                .handler((caller, arguments) -> Result.noContent()).build())).hasMessageContaining("already registered");
        assertThatThrownBy(() -> Operation.get("no.access", "/x").description("x").handler((c, a) -> Result.noContent()).build())
                .hasMessageContaining("needs an access level");
        assertThatThrownBy(() -> Operation.get("bad.vars", "/x/{id}").role(Role.READ).description("x")
                .handler((c, a) -> Result.noContent()).build()).hasMessageContaining("must be exactly the variables");
        assertThatThrownBy(() -> Operation.get("bad.path", "/x/../y").role(Role.READ).description("x")
                .handler((c, a) -> Result.noContent()).build()).hasMessageContaining("bad segment");
    }

    @Test
    void listingShowsWhatTheCallerMayUseWithItsSchema() throws Exception {
        JsonNode reader = body(call("GET", "/api/admin/operations", "reader", Map.of())).get("operations");
        assertThat(ids(reader)).containsExactly("operations", "items", "items.one", "items.latest", "hello");
        JsonNode items = reader.get(1);
        assertThat(items.get("method").asText()).isEqualTo("GET");
        assertThat(items.get("path").asText()).isEqualTo("/api/admin/items");
        assertThat(items.get("access").asText()).isEqualTo("read");
        assertThat(items.get("changesState").asBoolean()).isFalse();
        assertThat(items.get("input").get("properties").get("query").get("properties").get("limit").get("maximum").asInt())
                .isEqualTo(10);
        JsonNode one = reader.get(2).get("input");
        assertThat(one.get("required").get(0).asText()).isEqualTo("path");
        assertThat(one.get("properties").get("path").get("properties").get("id").get("type").asText()).isEqualTo("integer");

        JsonNode operator = body(call("GET", "/api/admin/operations", "operator", Map.of())).get("operations");
        assertThat(ids(operator)).contains("items.delete");
        assertThat(api.mounts()).containsExactly(new MonitorApi.Mount("/hello", true), new MonitorApi.Mount("/api/admin", true));
    }
}
