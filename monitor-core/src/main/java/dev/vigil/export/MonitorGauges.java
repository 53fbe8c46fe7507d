package dev.vigil.export;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertState;
import dev.vigil.alert.Severity;
import dev.vigil.health.HealthRegistry;
import dev.vigil.health.HealthResult;
import dev.vigil.health.HealthStatus;
import dev.vigil.metrics.MetricSample;
import dev.vigil.metrics.MetricsHistory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports what Vigil knows as Micrometer gauges, so any registry (Prometheus, OTLP) sees it:
 * <ul>
 *   <li>{@value #HEALTH_STATUS}{@code {check}}: each check's latest status, 1 up, 0.5 degraded, 0 down
 *       (NaN before its first run or once unregistered);</li>
 *   <li>{@value #HEALTH_OVERALL}: the service's status by the same scale;</li>
 *   <li>{@value #ALERTS_ACTIVE}{@code {severity, state}}: the pending and firing alerts
 *       ({@code severity} info/warning/critical, {@code state} pending/firing; six series);</li>
 *   <li>{@value #BUSINESS_PREFIX}{@code <sample name>{collector, <sample tags>}}: the latest value of each sample of
 *       the host's own collectors, at most {@code maxBusinessSeries} series (later ones are not exported; the history
 *       still keeps them). A sample missing from the latest collection reads NaN.</li>
 * </ul>
 *
 * <p>Gauges only read results Vigil already has: a scrape never runs a check or a collector. The monitor calls
 * {@link #refresh()} on its own thread, which registers the gauges of checks and samples seen since the last call.
 */
public final class MonitorGauges {

    /** Gauge: the latest status of each check (tag {@code check}). */
    public static final String HEALTH_STATUS = "vigil.health.status";
    /** Gauge: the service's overall status. */
    public static final String HEALTH_OVERALL = "vigil.health.overall";
    /** Gauge: pending and firing alerts by severity and state. */
    public static final String ALERTS_ACTIVE = "vigil.alerts.active";
    /** Prefix of the gauges of the host's own collectors' samples. */
    public static final String BUSINESS_PREFIX = "vigil.business.";
    /** The tag naming the collector of a business sample. */
    public static final String COLLECTOR_TAG = "collector";
    /** Business series exported unless configured otherwise. */
    public static final int DEFAULT_MAX_BUSINESS_SERIES = 500;

    private static final Logger log = LoggerFactory.getLogger(MonitorGauges.class);

    private final MeterRegistry registry;
    private final HealthRegistry health;
    private final Supplier<List<Alert>> activeAlerts;
    private final MetricsHistory metrics;
    private final Set<String> businessCollectors;
    private final int maxBusinessSeries;
    private final Set<String> checks = ConcurrentHashMap.newKeySet();
    private final Map<BusinessKey, Double> business = new ConcurrentHashMap<>();
    private boolean capLogged; // refresh() runs on one thread at a time

    /**
     * Registers the overall and alert gauges now; the others as {@link #refresh()} finds checks and samples.
     *
     * @param businessCollectors the names of the host's own collectors whose samples are exported
     * @param maxBusinessSeries business series exported at most
     */
    public MonitorGauges(MeterRegistry registry, HealthRegistry health, Supplier<List<Alert>> activeAlerts,
            MetricsHistory metrics, Set<String> businessCollectors, int maxBusinessSeries) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.health = Objects.requireNonNull(health, "health");
        this.activeAlerts = Objects.requireNonNull(activeAlerts, "activeAlerts");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.businessCollectors = Set.copyOf(businessCollectors);
        if (maxBusinessSeries < 0) {
            throw new IllegalArgumentException("maxBusinessSeries must not be negative, was " + maxBusinessSeries);
        }
        this.maxBusinessSeries = maxBusinessSeries;
        Gauge.builder(HEALTH_OVERALL, health, checks -> value(checks.report().status()))
                .description("Overall status of the service by Vigil's checks: 1 up, 0.5 degraded, 0 down")
                .strongReference(true)
                .register(registry);
        for (Severity severity : Severity.values()) {
            for (AlertState state : List.of(AlertState.PENDING, AlertState.FIRING)) {
                Gauge.builder(ALERTS_ACTIVE, () -> count(severity, state))
                        .description("Vigil's active alerts by severity and state")
                        .tags(Tags.of("severity", severity.name().toLowerCase(Locale.ROOT),
                                "state", state.name().toLowerCase(Locale.ROOT)))
                        .strongReference(true)
                        .register(registry);
            }
        }
    }

    /** 1 for UP, 0.5 for DEGRADED, 0 for DOWN. */
    public static double value(HealthStatus status) {
        return switch (status) {
            case UP -> 1.0;
            case DEGRADED -> 0.5;
            case DOWN -> 0.0;
        };
    }

    /** Registers the gauges of checks and business samples that appeared, and updates the business values. */
    public void refresh() {
        try {
            for (String name : health.names()) {
                if (checks.add(name)) {
                    Gauge.builder(HEALTH_STATUS, () -> health.latest(name).map(HealthResult::status)
                                    .map(MonitorGauges::value).orElse(Double.NaN))
                            .description("Latest status of a Vigil check: 1 up, 0.5 degraded, 0 down")
                            .tag("check", name)
                            .strongReference(true)
                            .register(registry);
                }
            }
            refreshBusiness();
        } catch (RuntimeException e) { // exporting never stops monitoring
            log.warn("Could not refresh Vigil's exported gauges", e);
        }
    }

    private void refreshBusiness() {
        if (businessCollectors.isEmpty()) {
            return;
        }
        Set<BusinessKey> seen = new java.util.HashSet<>();
        for (Map.Entry<String, List<MetricSample>> entry : metrics.latestByCollector().entrySet()) {
            if (!businessCollectors.contains(entry.getKey())) {
                continue;
            }
            for (MetricSample sample : entry.getValue()) {
                BusinessKey key = new BusinessKey(entry.getKey(), sample.name(), sample.tags());
                seen.add(key);
                if (business.replace(key, sample.value()) != null) {
                    continue;
                }
                if (business.size() >= maxBusinessSeries) {
                    if (!capLogged) {
                        capLogged = true;
                        log.warn("Vigil exports at most {} business series; '{}' of collector '{}' and later ones are "
                                + "kept in the history only", maxBusinessSeries, sample.name(), entry.getKey());
                    }
                    continue;
                }
                business.put(key, sample.value());
                Tags tags = Tags.of(COLLECTOR_TAG, entry.getKey());
                for (Map.Entry<String, String> tag : sample.tags().entrySet()) {
                    if (!tag.getKey().equals(COLLECTOR_TAG)) {
                        tags = tags.and(Tag.of(tag.getKey(), tag.getValue()));
                    }
                }
                Gauge.builder(BUSINESS_PREFIX + sample.name(), () -> business.getOrDefault(key, Double.NaN))
                        .description("Latest value of a sample of the service's own Vigil collector")
                        .tags(tags)
                        .strongReference(true)
                        .register(registry);
            }
        }
        business.replaceAll((key, value) -> seen.contains(key) ? value : Double.NaN);
    }

    private double count(Severity severity, AlertState state) {
        int count = 0;
        for (Alert alert : activeAlerts.get()) {
            if (alert.severity() == severity && alert.state() == state) {
                count++;
            }
        }
        return count;
    }

    private record BusinessKey(String collector, String name, Map<String, String> tags) {
    }
}
