package dev.vigil.metrics;

import java.util.List;

/**
 * Emits named, tagged samples every collection interval: business metrics ("videos added today",
 * MRR), quota usage, or any custom gauge. The samples go into Vigil's history, where charts,
 * briefings and alert rules read them.
 *
 * <p>Called from Vigil's collection thread, never from a request thread. A collector that throws or
 * takes longer than the collection timeout is logged (once per change) and skipped for that interval;
 * the others are unaffected.
 *
 * <pre>{@code
 * MetricCollector users = () -> List.of(
 *         MetricSample.of("users.total", repository.count()),
 *         MetricSample.of("users.active.today", repository.activeSince(today())));
 * }</pre>
 */
@FunctionalInterface
public interface MetricCollector {

    /**
     * Reads the current values.
     *
     * @return this interval's samples, never {@code null}
     * @throws Exception any failure; the interval is skipped for this collector
     */
    List<MetricSample> collect() throws Exception;
}
