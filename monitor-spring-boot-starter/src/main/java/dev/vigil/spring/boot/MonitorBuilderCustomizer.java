package dev.vigil.spring.boot;

import dev.vigil.Monitor;

/**
 * Last word on the {@link Monitor} the starter builds: runs after every {@code monitor.*} property
 * and every check bean has been applied.
 */
@FunctionalInterface
public interface MonitorBuilderCustomizer {

    /** Adjusts the builder before the monitor is built. */
    void customize(Monitor.Builder builder);
}
