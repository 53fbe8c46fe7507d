package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import dev.vigil.Monitor;
import dev.vigil.action.ActionRegistration;
import dev.vigil.action.ActionResult;
import dev.vigil.test.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every registered operation, as every kind of caller: no credentials reach only the public operations (the
 * others answer 401), and each role reaches exactly the operations its access level allows (the others
 * answer 403) with the body unread. The cases come from the registry, so a new operation is covered as
 * soon as it is registered.
 */
class OperationAccessTest {

    private static final Monitor MONITOR = Monitor.builder()
            .clock(MutableClock.atFixedStart())
            .adminAuthenticator(AccessMatrix.AUTHENTICATOR)
            .bindSystemMeters(false)
            .systemMetrics(false, Path.of("."))
            .action(ActionRegistration.builder("clear_cache", context -> ActionResult.succeeded("cleared")).build())
            .build();

    static {
        MONITOR.api().registerView("queries", () -> Map.of("statements", List.of()));
        MONITOR.queryService((sql, maxRows, who) -> Map.of("rows", List.of()));
    }

    @AfterAll
    static void stop() {
        MONITOR.close();
    }

    static List<Object[]> cases() {
        return AccessMatrix.cases(MONITOR.api());
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cases")
    void eachCallerReachesExactlyTheOperationsItsRolesAllow(String id, String caller) {
        Operation operation = MONITOR.api().operations().find(id).orElseThrow();
        AtomicInteger opened = new AtomicInteger();
        RequestBody body = RequestBody.lazy(-1, () -> {
            opened.incrementAndGet();
            return new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8));
        });
        Map<String, String> headers = new HashMap<>(Map.of("Content-Type", "application/json"));
        AccessMatrix.TOKENS.get(caller).ifPresent(token -> headers.put("Authorization", "Bearer " + token));

        ApiResponse response = MONITOR.api().handle(new ApiRequest(operation.method(),
                AccessMatrix.samplePath(MONITOR.api(), operation), Map.of(), headers, body));

        assertThat(AccessMatrix.check(operation, caller, response.status(), response.bodyText())).isNull();
        if (!operation.access().allows(AccessMatrix.caller(caller))) {
            assertThat(opened).as("the body of a refused request stays unread").hasValue(0);
        }
    }
}
