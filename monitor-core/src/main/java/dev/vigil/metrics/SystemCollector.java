package dev.vigil.metrics;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;

/**
 * The machine and the JVM, read straight from the platform MXBeans every collection interval:
 * {@code system.cpu.usage}, {@code process.cpu.usage}, {@code system.memory.usage},
 * {@code jvm.memory.heap.usage}, {@code disk.usage} (all 0..1), {@code system.load.average.1m/5m/15m},
 * {@code process.uptime} (s), {@code jvm.threads.live}, and per interval {@code jvm.gc.count} and
 * {@code jvm.gc.pause} (ms). A value the platform does not offer is left out.
 *
 * <p>For export, {@link #bindMeters(MeterRegistry)} binds Micrometer's own JVM and system binders.
 */
public final class SystemCollector implements MetricCollector {

    private static final Path LOADAVG = Path.of("/proc/loadavg");

    private final Path diskPath;
    private long lastGcCount = -1;
    private long lastGcMillis = -1;

    /** Watches the disk holding {@code diskPath}. */
    public SystemCollector(Path diskPath) {
        this.diskPath = Objects.requireNonNull(diskPath, "diskPath");
    }

    /**
     * Binds Micrometer's processor, uptime, file descriptor, JVM memory, GC, thread and class loader
     * binders. Skip it where the host already binds them (Spring Boot Actuator does).
     *
     * @return the GC binder, to be closed with the monitor
     */
    public static AutoCloseable bindMeters(MeterRegistry registry) {
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        return gc;
    }

    @Override
    public synchronized List<MetricSample> collect() {
        List<MetricSample> samples = new ArrayList<>();
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            addRatio(samples, "system.cpu.usage", sun.getCpuLoad());
            addRatio(samples, "process.cpu.usage", sun.getProcessCpuLoad());
            long total = sun.getTotalMemorySize();
            if (total > 0) {
                addRatio(samples, "system.memory.usage", 1.0 - (double) sun.getFreeMemorySize() / total);
            }
        }
        double[] load = loadAverages(os.getSystemLoadAverage());
        String[] names = {"system.load.average.1m", "system.load.average.5m", "system.load.average.15m"};
        for (int i = 0; i < load.length; i++) {
            if (load[i] >= 0) {
                samples.add(MetricSample.of(names[i], load[i]));
            }
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
        if (max > 0) {
            addRatio(samples, "jvm.memory.heap.usage", (double) heap.getUsed() / max);
        }
        try {
            FileStore store = Files.getFileStore(diskPath);
            long totalSpace = store.getTotalSpace();
            if (totalSpace > 0) {
                addRatio(samples, "disk.usage", 1.0 - (double) store.getUsableSpace() / totalSpace);
            }
        } catch (IOException e) {
            // no disk sample this interval; the disk health check reports the problem
        }
        samples.add(MetricSample.of("process.uptime", ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0));
        samples.add(MetricSample.of("jvm.threads.live", ManagementFactory.getThreadMXBean().getThreadCount()));
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        if (lastGcCount >= 0) {
            samples.add(MetricSample.of("jvm.gc.count", gcCount - lastGcCount));
            samples.add(MetricSample.of("jvm.gc.pause", gcMillis - lastGcMillis));
        }
        lastGcCount = gcCount;
        lastGcMillis = gcMillis;
        return samples;
    }

    private static void addRatio(List<MetricSample> samples, String name, double value) {
        if (value >= 0 && Double.isFinite(value)) {
            samples.add(MetricSample.of(name, Math.min(1.0, value)));
        }
    }

    /** 1, 5 and 15 minute load averages; -1 where unknown. Linux offers all three in /proc/loadavg. */
    static double[] loadAverages(double oneMinute) {
        double[] load = {oneMinute, -1, -1};
        if (Files.isReadable(LOADAVG)) {
            try {
                String[] parts = Files.readString(LOADAVG).trim().split("\\s+");
                for (int i = 0; i < 3 && i < parts.length; i++) {
                    load[i] = Double.parseDouble(parts[i]);
                }
            } catch (IOException | NumberFormatException e) {
                // keep what the MXBean said
            }
        }
        return load;
    }
}
