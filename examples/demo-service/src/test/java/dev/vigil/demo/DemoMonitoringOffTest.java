package dev.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Monitor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With {@code monitor.enabled=false} the demo still serves its routes, with no Vigil bean or endpoint: the baseline the end-to-end benchmark ({@code monitor-benchmarks/e2e.sh}) compares against.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "monitor.enabled=false", "demo.curation.initial-delay=0s"})
class DemoMonitoringOffTest {

    private static final int PORT = DemoClient.freePort();
    private static final int MANAGEMENT_PORT = DemoClient.freePort();

    private final DemoClient demo = new DemoClient(PORT, "demo-token");

    @Autowired
    private ApplicationContext context;

    @DynamicPropertySource
    static void ports(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("management.server.port", () -> MANAGEMENT_PORT);
    }

    @Test
    void servesTheShopWithoutVigil() throws Exception {
        assertThat(context.getBeanNamesForType(Monitor.class)).isEmpty();
        assertThat(demo.get("/portal").statusCode()).isEqualTo(200);
        assertThat(demo.get("/bookings").statusCode()).isEqualTo(200);
        assertThat(demo.get("/api/health").statusCode()).isEqualTo(404);
        assertThat(demo.get("/api/admin/metrics", "Authorization", demo.authorization()).statusCode()).isEqualTo(404);
    }

    @Test
    void nobodyMayFlipFaultsWithoutVigil() throws Exception {
        assertThat(demo.postFault("{\"route\":\"/portal\",\"errorRate\":1.0}").statusCode()).isEqualTo(401);
        assertThat(demo.get("/portal").statusCode()).isEqualTo(200);
    }
}
