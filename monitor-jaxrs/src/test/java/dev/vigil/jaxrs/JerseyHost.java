package dev.vigil.jaxrs;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jakarta.ws.rs.SeBootstrap;
import jakarta.ws.rs.core.Application;

/**
 * A JAX-RS application on a real HTTP server, started through the standard {@link SeBootstrap} API: the
 * implementation is whichever is on the class path (here Jersey on the JDK's HTTP server).
 */
final class JerseyHost implements AutoCloseable {

    private final SeBootstrap.Instance instance;
    private final String base;

    private JerseyHost(SeBootstrap.Instance instance, String rootPath) {
        this.instance = instance;
        this.base = "http://127.0.0.1:" + instance.configuration().port() + (rootPath.equals("/") ? "" : rootPath);
    }

    /** Serves {@code application} on a free port under {@code rootPath}. */
    static JerseyHost start(String rootPath, Application application) throws Exception {
        SeBootstrap.Configuration configuration = SeBootstrap.Configuration.builder()
                .protocol("HTTP").host("127.0.0.1").port(0).rootPath(rootPath).build();
        return new JerseyHost(SeBootstrap.start(application, configuration).toCompletableFuture().get(30, TimeUnit.SECONDS),
                rootPath);
    }

    /** {@code http://127.0.0.1:<port><rootPath>}, without a trailing slash. */
    String base() {
        return base;
    }

    @Override
    public void close() throws ExecutionException, TimeoutException {
        try {
            instance.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the server", e);
        }
    }
}
