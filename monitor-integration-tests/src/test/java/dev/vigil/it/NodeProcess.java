package dev.vigil.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link StoreNode} in its own JVM, started with the test class path. Its output (Vigil's log
 * included) goes to {@code target/nodes/<test>/<instance>.log}; {@link #port()} is read from there.
 */
final class NodeProcess implements AutoCloseable {

    static final String TOKEN = "node-admin-token";
    private static final Duration START_DEADLINE = Duration.ofSeconds(90);
    private static final AtomicInteger STARTS = new AtomicInteger();

    private final String instance;
    private final Process process;
    private final Path log;
    private final NodeApi api;

    private NodeProcess(String instance, Process process, Path log, int port) {
        this.instance = instance;
        this.process = process;
        this.log = log;
        this.api = new NodeApi("http://127.0.0.1:" + port, TOKEN);
    }

    /**
     * Starts a node and returns once it serves its API.
     *
     * @param test names the directory of the node's log
     * @param instance the node's instance id
     * @param options the node's other {@code key=value} arguments (jdbc-url, sink, target, canary, resolve-grace)
     */
    static NodeProcess start(String test, String instance, Map<String, String> options) {
        return awaitPort(launch(test, instance, options));
    }

    /** Starts several nodes at once (their JVMs start in parallel) and returns once all of them serve. */
    static List<NodeProcess> startAll(String test, List<String> instances, Map<String, String> options) {
        List<Launched> launched = new ArrayList<>();
        for (String instance : instances) {
            launched.add(launch(test, instance, options));
        }
        List<NodeProcess> nodes = new ArrayList<>();
        for (Launched each : launched) {
            nodes.add(awaitPort(each));
        }
        return nodes;
    }

    private record Launched(String instance, Process process, Path log) {
    }

    private static Launched launch(String test, String instance, Map<String, String> options) {
        Path dir = Path.of("target", "nodes", test);
        Path log = dir.resolve(instance + "-" + STARTS.incrementAndGet() + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
        command.add("-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS");
        command.add("-cp");
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add(StoreNode.class.getName());
        command.add("instance=" + instance);
        command.add("token=" + TOKEN);
        options.forEach((key, value) -> command.add(key + "=" + value));
        try {
            Files.createDirectories(dir);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new Launched(instance, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start node " + instance, e);
        }
    }

    private static NodeProcess awaitPort(Launched launched) {
        int[] port = new int[1];
        try {
            await("node " + launched.instance() + " serving (log: " + launched.log().toAbsolutePath() + ")")
                    .atMost(START_DEADLINE)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        if (!launched.process().isAlive()) {
                            throw new IllegalStateException("node " + launched.instance() + " exited with "
                                    + launched.process().exitValue() + "; log: " + launched.log().toAbsolutePath());
                        }
                        Optional<Integer> found = readPort(launched.log());
                        found.ifPresent(value -> port[0] = value);
                        return found.isPresent();
                    });
        } catch (RuntimeException | Error e) {
            launched.process().destroyForcibly();
            throw e;
        }
        return new NodeProcess(launched.instance(), launched.process(), launched.log(), port[0]);
    }

    private static Optional<Integer> readPort(Path log) throws IOException {
        if (!Files.exists(log)) {
            return Optional.empty();
        }
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.startsWith(StoreNode.PORT_LINE)) {
                return Optional.of(Integer.parseInt(line.substring(StoreNode.PORT_LINE.length()).strip()));
            }
        }
        return Optional.empty();
    }

    /** The node's instance id. */
    String instance() {
        return instance;
    }

    /** The node's API, with the admin token. */
    NodeApi api() {
        return api;
    }

    /** Whether the JVM still runs. */
    boolean alive() {
        return process.isAlive();
    }

    /** SIGTERM: the node closes Tomcat and Vigil (which writes what it buffered) and exits. */
    void stopGracefully() {
        process.destroy();
        awaitExit(Duration.ofSeconds(60));
    }

    /** SIGKILL (kill -9): the JVM ends at once, whatever it was doing. */
    void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    private void awaitExit(Duration deadline) {
        try {
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("node " + instance + " did not exit within " + deadline + "; log: "
                        + log.toAbsolutePath());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while node " + instance + " stopped", e);
        }
    }

    /** Kills the node if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    @Override
    public String toString() {
        return "node " + instance + " (" + api.base() + ", log " + log + ")";
    }
}
