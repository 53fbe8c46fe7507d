package dev.vigil.benchmarks.servlet;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bytes allocated per request by each thread of {@link RequestFilterHttpBenchmark}'s embedded Tomcat, for one filter
 * variant in this JVM: the request path of the container's worker threads, apart from the client (main) and the
 * poller. JMH's {@code gc.alloc.rate.norm} is the sum over all threads, so it cannot say where the bytes are.
 *
 * <p>Usage: {@code java -cp monitor-benchmarks/target/benchmarks.jar dev.vigil.benchmarks.servlet.RequestFilterHttpAllocation
 * <variant> [warm-up requests] [measured requests]} (defaults 100,000 and 100,000). Run each variant in several
 * fresh JVMs: which allocations C2's escape analysis removes from Tomcat's own code differs from one JVM to the
 * next, by several hundred bytes per request; with {@code -XX:-DoEscapeAnalysis} every allocation is kept and the
 * difference between variants is the filter's.
 */
public final class RequestFilterHttpAllocation {

    private RequestFilterHttpAllocation() {
    }

    /** Measures one variant; prints the time and the bytes per request, in total and by thread. */
    public static void main(String[] args) throws Exception {
        RequestFilterHttpBenchmark benchmark = new RequestFilterHttpBenchmark();
        benchmark.variant = args.length > 0 ? args[0] : "vigil";
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        benchmark.setUp();
        try {
            for (int i = 0; i < warmUp; i++) {
                benchmark.request();
            }
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            Map<Long, Long> before = new HashMap<>();
            for (long id : threads.getAllThreadIds()) {
                before.put(id, threads.getThreadAllocatedBytes(id));
            }
            long start = System.nanoTime();
            for (int i = 0; i < requests; i++) {
                benchmark.request();
            }
            long elapsed = System.nanoTime() - start;
            Map<String, Long> byThread = new TreeMap<>();
            long total = 0;
            for (long id : threads.getAllThreadIds()) {
                long allocated = threads.getThreadAllocatedBytes(id) - before.getOrDefault(id, 0L);
                java.lang.management.ThreadInfo info = threads.getThreadInfo(id);
                String name = info == null ? "ended" : info.getThreadName().replaceAll("-\\d+$", "-N");
                byThread.merge(name, allocated, Long::sum);
                total += allocated;
            }
            System.out.printf("%s: %.1f us/request, %.1f B/request in all threads%n", benchmark.variant,
                    elapsed / 1000.0 / requests, total / (double) requests);
            for (Map.Entry<String, Long> thread : byThread.entrySet()) {
                if (thread.getValue() >= requests) {
                    System.out.printf("    %-40s %8.1f B/request%n", thread.getKey(), thread.getValue() / (double) requests);
                }
            }
        } finally {
            benchmark.tearDown();
        }
    }
}
