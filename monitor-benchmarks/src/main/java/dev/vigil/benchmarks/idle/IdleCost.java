package dev.vigil.benchmarks.idle;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import dev.vigil.Monitor;
import dev.vigil.health.HealthCheckRegistration;
import dev.vigil.health.HealthResult;
import dev.vigil.health.HealthSettings;
import dev.vigil.health.checks.DiskSpaceCheck;
import dev.vigil.health.checks.JvmHeapCheck;
import dev.vigil.metrics.MetricSample;

/**
 * Idle cost and scheduling accuracy of an otherwise idle monitor with the default intervals: the CPU
 * time Vigil's own threads use over a period, as a share of one core, and how far apart the runs of
 * a health check really are compared with its nominal interval.
 *
 * Vigil's threads are sampled every second (pool threads that end still count up to their last
 * sample, so this slightly under-counts); the whole process's CPU time, JIT and GC included, is the
 * upper bound.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.vigil.benchmarks.idle.IdleCost <minutes> <health interval seconds>}.
 */
public final class IdleCost {

    private IdleCost() {
    }

    public static void main(String[] args) throws Exception {
        Duration period = Duration.ofMinutes(args.length > 0 ? Long.parseLong(args[0]) : 10);
        Duration interval = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 60);
        List<Long> runs = new CopyOnWriteArrayList<>();
        try (Monitor monitor = Monitor.builder()
                .healthSettings(HealthSettings.builder().interval(interval).build())
                .healthCheck(HealthCheckRegistration.of("clock", () -> {
                    runs.add(System.nanoTime());
                    return HealthResult.up();
                }))
                .healthCheck(HealthCheckRegistration.builder("disk", DiskSpaceCheck.ofDefaults()).critical(false).build())
                .healthCheck(HealthCheckRegistration.builder("memory", JvmHeapCheck.ofDefaults()).critical(false).build())
                .metricCollector("business", () -> List.of(MetricSample.of("users.total", 97)))
                .systemMetrics(true, Path.of("."))
                .build()) {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            monitor.start();
            Thread.sleep(2_000); // let start-up work (first runs, class loading) pass before measuring
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long processBefore = os.getProcessCpuTime();
            long startWall = System.nanoTime();
            // sample the vigil threads every second, so pool threads that end (idle timeout) still count
            long cpu = 0;
            java.util.Map<Long, Long> seen = new java.util.HashMap<>();
            for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null && info.getThreadName().startsWith("vigil-")) {
                    seen.put(info.getThreadId(), Math.max(0, threads.getThreadCpuTime(info.getThreadId())));
                }
            }
            long deadline = startWall + period.toNanos();
            while (System.nanoTime() < deadline) {
                Thread.sleep(1_000);
                for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                    if (info != null && info.getThreadName().startsWith("vigil-")) {
                        long now = Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
                        Long previous = seen.put(info.getThreadId(), now);
                        cpu += now - (previous == null ? 0 : previous);
                    }
                }
            }
            long wall = System.nanoTime() - startWall;
            long process = os.getProcessCpuTime() - processBefore;

            List<Double> gaps = new ArrayList<>();
            for (int i = 1; i < runs.size(); i++) {
                gaps.add((runs.get(i) - runs.get(i - 1)) / 1e9);
            }
            double nominal = interval.toMillis() / 1000.0;
            double worst = gaps.stream().mapToDouble(g -> Math.abs(g - nominal)).max().orElse(Double.NaN);
            double min = gaps.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
            double max = gaps.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
            System.out.printf(Locale.ROOT, "| %s | %ds | %.4f%% | %.4f%% | %d | %.3f s | %.3f s | %.3f s |%n",
                    period, interval.toSeconds(), 100.0 * cpu / wall, 100.0 * process / wall, gaps.size(), min, max, worst);
            System.out.println("# " + Instant.now() + " " + System.getProperty("java.vm.name") + " "
                    + System.getProperty("java.version"));
        }
    }

}
