package dev.vigil.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import dev.vigil.api.ApiRequest;
import dev.vigil.api.ApiResponse;
import dev.vigil.api.ApiSettings;
import dev.vigil.api.MonitorApi;
import org.junit.jupiter.api.Test;

/** The page, its scripts and Chart.js are served from the jar with the strict headers, to callers without a token. */
class DashboardTest {

    private final MonitorApi api = new MonitorApi(ApiSettings.ofDefaults(), request -> Optional.empty());

    DashboardTest() {
        Dashboard.install(api);
    }

    private ApiResponse get(String path) {
        return api.handle(ApiRequest.of("GET", path, Map.of()));
    }

    @Test
    void thePageIsPublicWithAStrictPolicy() {
        ApiResponse page = get(Dashboard.PATH);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.headers()).containsEntry("Content-Security-Policy", Dashboard.CONTENT_SECURITY_POLICY)
                .containsEntry("X-Frame-Options", "DENY").containsEntry("X-Content-Type-Options", "nosniff");
        String html = page.bodyText();
        assertThat(html).contains("<script src=\"/admin/monitoring-lib/chart.umd.min.js\" defer></script>")
                .contains("<script src=\"/admin/monitoring/dashboard.js\" defer></script>")
                .doesNotContain("http://", "https://", "<script>", "style=", "onclick");
    }

    @Test
    void theScriptsAndStylesAreServed() {
        assertThat(get("/admin/monitoring/dashboard.js").status()).isEqualTo(200);
        assertThat(get("/admin/monitoring/dashboard.css").contentType()).startsWith("text/css");
        ApiResponse chart = get(Dashboard.CHART_JS_PATH);
        assertThat(chart.status()).isEqualTo(200);
        assertThat(chart.contentType()).startsWith("text/javascript");
        assertThat(chart.bodyText()).contains("Chart.js v4.5.1");
        assertThat(chart.headers()).containsEntry("X-Content-Type-Options", "nosniff");
    }

    @Test
    void theApiRoutesBothPaths() {
        assertThat(api.mounts()).contains(new MonitorApi.Mount(Dashboard.PATH, true),
                new MonitorApi.Mount(Dashboard.CHART_JS_PATH, true));
        assertThat(get("/admin/monitoring/missing.js").status()).isEqualTo(404);
    }
}
