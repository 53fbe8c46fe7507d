package dev.vigil.benchmarks.idle;

import dev.vigil.benchmarks.FreePort;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Idle cost of Vigil inside the Spring Boot demo: starts the demo's jar three times side by side, with
 * monitoring off, with the library's default intervals and with the demo's own (shorter) intervals,
 * lets start-up pass, then samples the CPU time of every thread of each process from {@code /proc}
 * for the period and prints one Markdown row per process.
 *
 * <p>"Vigil's threads" are those named {@code vigil-*} plus {@code HttpClient-*}, the
 * {@code java.net.http} threads of Vigil's HTTP check (the demo makes no other HTTP calls). Threads
 * are sampled every two seconds, so a pool thread that ends counts up to its last sample. The whole
 * process's CPU time (JIT, GC, Tomcat and Spring included) is shown next to it, and its difference to
 * the monitoring-off process bounds what Vigil costs the host in all. CPU time is what is measured,
 * not wall-clock speed, so the three processes running at once do not distort each other's numbers.
 *
 * <p>Linux only. Usage: {@code java -cp benchmarks.jar dev.vigil.benchmarks.idle.DemoIdleCost <demo jar> [minutes]}.
 */
public final class DemoIdleCost {

    private static final Duration WARM_UP = Duration.ofSeconds(60);
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(2);

    private record Variant(String name, List<String> arguments) {
    }

    /** One running demo and the CPU time (ticks) last seen per thread id, by whether it is Vigil's. */
    private static final class Demo {
        final Variant variant;
        final Process process;
        final int port;
        final Map<String, Long> firstTicks = new HashMap<>();
        final Map<String, Long> lastTicks = new HashMap<>();
        final Map<String, Boolean> vigil = new HashMap<>();
        long processFirst;
        long processLast;

        Demo(Variant variant, Process process, int port) {
            this.variant = variant;
            this.process = process;
            this.port = port;
        }
    }

    private DemoIdleCost() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: DemoIdleCost <demo jar> [minutes]");
            System.exit(2);
        }
        Path jar = Path.of(args[0]);
        Duration period = Duration.ofMinutes(args.length > 1 ? Long.parseLong(args[1]) : 10);
        long ticksPerSecond = clockTicks();
        List<Variant> variants = List.of(
                new Variant("monitoring off", List.of("--monitor.enabled=false")),
                new Variant("Vigil, default intervals (checks and collection 60 s, alerts 15 s)",
                        List.of("--monitor.health.interval=60s", "--monitor.metrics.collect-interval=60s")),
                new Variant("Vigil, the demo's intervals (checks and collection 10 s, alerts 15 s)", List.of()));
        List<Demo> demos = new ArrayList<>();
        try {
            for (Variant variant : variants) {
                demos.add(start(jar, variant));
            }
            for (Demo demo : demos) {
                awaitReady(demo);
            }
            Thread.sleep(WARM_UP.toMillis()); // start-up work (JIT, first runs, class loading) is not idle cost
            long startWall = System.nanoTime();
            for (Demo demo : demos) {
                sample(demo, true);
            }
            long deadline = startWall + period.toNanos();
            while (System.nanoTime() < deadline) {
                Thread.sleep(SAMPLE_EVERY.toMillis());
                for (Demo demo : demos) {
                    sample(demo, false);
                }
            }
            double wallSeconds = (System.nanoTime() - startWall) / 1e9;
            double baseline = Double.NaN;
            System.out.println("| demo process | Vigil's threads (share of one core) | whole process | whole process minus monitoring off |");
            System.out.println("|---|---:|---:|---:|");
            for (Demo demo : demos) {
                long vigilTicks = 0;
                for (Map.Entry<String, Long> entry : demo.lastTicks.entrySet()) {
                    if (demo.vigil.get(entry.getKey())) {
                        vigilTicks += entry.getValue() - demo.firstTicks.getOrDefault(entry.getKey(), 0L);
                    }
                }
                double vigilShare = 100.0 * vigilTicks / ticksPerSecond / wallSeconds;
                double processShare = 100.0 * (demo.processLast - demo.processFirst) / ticksPerSecond / wallSeconds;
                if (Double.isNaN(baseline)) {
                    baseline = processShare;
                }
                System.out.printf(Locale.ROOT, "| %s | %.3f%% | %.3f%% | %s |%n", demo.variant.name(), vigilShare,
                        processShare, demo == demos.get(0) ? "-" : String.format(Locale.ROOT, "%+.3f%%", processShare - baseline));
            }
            System.out.printf(Locale.ROOT, "# %s, %.1f minutes measured after %d s of warm-up, %s %s%n", Instant.now(),
                    wallSeconds / 60, WARM_UP.toSeconds(), System.getProperty("java.vm.name"), System.getProperty("java.version"));
        } finally {
            for (Demo demo : demos) {
                demo.process.destroy();
            }
        }
    }

    private static Demo start(Path jar, Variant variant) throws IOException {
        int port = FreePort.get();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms256m", "-Xmx256m", "-jar", jar.toString(), "--server.port=" + port,
                "--management.server.port=" + FreePort.get(), "--logging.level.root=WARN"));
        command.addAll(variant.arguments());
        Path log = Files.createTempFile("vigil-idle-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        System.err.println("started " + variant.name() + " on :" + port + " (pid " + process.pid() + ", log " + log + ")");
        return new Demo(variant, process, port);
    }

    private static void awaitReady(Demo demo) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + demo.port + "/portal"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (!demo.process.isAlive()) {
                throw new IllegalStateException(demo.variant.name() + " exited with " + demo.process.exitValue());
            }
            try {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(demo.variant.name() + " did not answer /portal within 2 minutes");
    }

    /** Reads every thread's CPU time of the demo; {@code first} marks the start of the measured period. */
    private static void sample(Demo demo, boolean first) throws IOException {
        Path proc = Path.of("/proc", Long.toString(demo.process.pid()));
        long processTicks = cpuTicks(Files.readString(proc.resolve("stat")));
        if (first) {
            demo.processFirst = processTicks;
        }
        demo.processLast = processTicks;
        try (Stream<Path> tasks = Files.list(proc.resolve("task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (NoSuchFileException ended) {
                    continue;
                }
                String tid = task.getFileName().toString();
                long ticks = cpuTicks(stat);
                if (first) {
                    demo.firstTicks.put(tid, ticks);
                }
                demo.lastTicks.put(tid, ticks);
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                demo.vigil.put(tid, name.startsWith("vigil-") || name.startsWith("HttpClient-"));
            }
        }
    }

    /** utime + stime, fields 14 and 15 of a {@code /proc} stat line (counted after the command name). */
    private static long cpuTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static long clockTicks() throws IOException, InterruptedException {
        Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
        String out = new String(getconf.getInputStream().readAllBytes()).trim();
        return getconf.waitFor() == 0 && !out.isEmpty() ? Long.parseLong(out) : 100;
    }
}
