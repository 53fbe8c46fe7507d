package dev.vigil.alert.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import dev.vigil.alert.Notification;
import dev.vigil.alert.Severity;

/**
 * Resolves a notification to the sinks that receive it, with Alertmanager-like semantics.
 *
 * <p>Routes are tried in order; the first matching route wins unless it has
 * {@link Route#continueMatching()}, then later routes are tried as well. When several matching
 * routes name the same sink, the sink receives the notification once, with the shortest group wait.
 * A notification that matches no route goes to the {@value #FALLBACK_SINK} sink: nothing is
 * silently dropped.
 */
public final class AlertRouter {

    /** The sink that receives notifications no route matches; the dispatcher always has one. */
    public static final String FALLBACK_SINK = "log";
    /** The sink name the default routes batch warnings for. */
    public static final String EMAIL_SINK = "email";
    /** How long warnings wait for the email sink under the default routes: "email within 5 minutes". */
    public static final Duration DEFAULT_EMAIL_GROUP_WAIT = Duration.ofMinutes(5);

    private final List<Route> routes;

    private AlertRouter(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    /** A router over these routes, tried in order. */
    public static AlertRouter of(List<Route> routes) {
        return new AlertRouter(Objects.requireNonNull(routes, "routes"));
    }

    /**
     * The default routes: CRITICAL pages every configured sink (and the log) immediately; WARNING goes
     * to every sink except the log, batched for {@value #EMAIL_SINK} for 5 minutes and immediately
     * elsewhere; INFO is logged only. With no sink but the log, warnings are logged too (fallback).
     *
     * @param configuredSinks the names of the configured sinks; {@value #FALLBACK_SINK} is implied
     */
    public static AlertRouter defaults(Set<String> configuredSinks) {
        Set<String> all = new TreeSet<>(configuredSinks);
        all.add(FALLBACK_SINK);
        List<Route> routes = new ArrayList<>();
        routes.add(Route.builder().severities(Severity.CRITICAL).to(List.copyOf(all)).build());
        List<String> immediateWarnings = new ArrayList<>();
        for (String sink : all) {
            if (sink.equals(EMAIL_SINK)) {
                routes.add(Route.builder().severities(Severity.WARNING).to(EMAIL_SINK)
                        .groupWait(DEFAULT_EMAIL_GROUP_WAIT).continueMatching(true).build());
            } else if (!sink.equals(FALLBACK_SINK)) {
                immediateWarnings.add(sink);
            }
        }
        if (!immediateWarnings.isEmpty()) {
            routes.add(Route.builder().severities(Severity.WARNING).to(immediateWarnings).build());
        }
        routes.add(Route.builder().severities(Severity.INFO).to(FALLBACK_SINK).build());
        return new AlertRouter(routes);
    }

    /** The routes, in the order they are tried. */
    public List<Route> routes() {
        return routes;
    }

    /** Every sink name some route (or the fallback) sends to. */
    public Set<String> sinkNames() {
        Set<String> names = new LinkedHashSet<>();
        names.add(FALLBACK_SINK);
        routes.forEach(route -> names.addAll(route.sinks()));
        return names;
    }

    /** The sinks this notification goes to, each once, in route order; never empty. */
    public List<RouteTarget> resolve(Notification notification) {
        Map<String, Duration> targets = new LinkedHashMap<>();
        for (Route route : routes) {
            if (!route.matches(notification)) {
                continue;
            }
            for (String sink : route.sinks()) {
                targets.merge(sink, route.groupWait(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
            }
            if (!route.continueMatching()) {
                break;
            }
        }
        if (targets.isEmpty()) {
            return List.of(new RouteTarget(FALLBACK_SINK, Duration.ZERO));
        }
        List<RouteTarget> result = new ArrayList<>(targets.size());
        targets.forEach((sink, wait) -> result.add(new RouteTarget(sink, wait)));
        return List.copyOf(result);
    }

    @Override
    public String toString() {
        return "AlertRouter" + routes;
    }
}
