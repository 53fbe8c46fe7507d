package dev.vigil.spring.boot;

import dev.vigil.api.MonitorApi;

/**
 * Adds to the {@link MonitorApi} of the monitor the starter builds (operations, static files such as the
 * dashboard), right after it is built and before any transport routes the API's paths.
 */
@FunctionalInterface
public interface MonitorApiCustomizer {

    /** Registers operations or static resources on {@code api}. */
    void customize(MonitorApi api);
}
