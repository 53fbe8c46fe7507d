package dev.vigil.dashboard;

import java.util.Objects;
import dev.vigil.api.MonitorApi;
import dev.vigil.api.StaticResources;

/**
 * The monitoring dashboard: a page at {@value #PATH} (status badge, status cards, charts, alerts, incidents and
 * the live briefing) and the Chart.js file it draws with, both served by a {@link MonitorApi} from this jar, so
 * any transport that routes {@link MonitorApi#mounts()} serves it. The page itself is public and shows only a
 * token form until the admin token is entered; everything it shows comes from the admin API with that token.
 *
 * <pre>{@code
 * Dashboard.install(monitor.api());   // before the transport reads monitor.api().mounts()
 * }</pre>
 */
public final class Dashboard {

    /** Where the page is served. */
    public static final String PATH = "/admin/monitoring";
    /** Where Chart.js is served (a path of its own: below {@link #PATH} would overlap the page's files). */
    public static final String CHART_JS_PATH = "/admin/monitoring-lib/chart.umd.min.js";
    /**
     * The page's Content Security Policy: its own scripts, styles and API only; no inline script or style, no
     * framing, no form posted elsewhere.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    static final String ROOT = "META-INF/vigil/dashboard";
    static final String CHART_JS_ROOT = "META-INF/resources/webjars/chart.js/4.5.1/dist";

    private Dashboard() {
    }

    /** Serves the page and Chart.js on {@code api}; call it once, before the transport routes the API's mounts. */
    public static void install(MonitorApi api) {
        Objects.requireNonNull(api, "api");
        api.serve(page());
        api.serve(chartJs());
    }

    /** The page's files, with the strict security headers. */
    static StaticResources page() {
        return secured(StaticResources.builder(PATH, ROOT)).build();
    }

    /** Chart.js's minified UMD build from its webjar. */
    static StaticResources chartJs() {
        return secured(StaticResources.builder(CHART_JS_PATH, CHART_JS_ROOT).index("chart.umd.min.js")).build();
    }

    private static StaticResources.Builder secured(StaticResources.Builder files) {
        return files.classLoader(Dashboard.class.getClassLoader())
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer");
    }
}
