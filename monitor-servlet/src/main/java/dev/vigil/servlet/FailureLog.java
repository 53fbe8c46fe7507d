package dev.vigil.servlet;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs failures inside request tracing without flooding: the first failure of each kind at WARN
 * with its stack trace, every later one of that kind at DEBUG. One failing resolver on a busy
 * service would otherwise write a stack trace per request.
 */
final class FailureLog {

    private static final Logger log = LoggerFactory.getLogger(RequestTracingFilter.class);

    /** What was being done when monitoring failed. */
    enum Kind {
        TAG_RESOLVER("resolving the platform tag"),
        ROUTE_RESOLVER("resolving the route"),
        RECORDING("recording the request"),
        ASYNC("following an asynchronous request"),
        SECURITY("recording a security event"),
        NOTICE("looking up the notice of the route"),
        USER_RESOLVER("resolving the user");

        private final String doing;

        Kind(String doing) {
            this.doing = doing;
        }
    }

    private final AtomicBoolean[] warned = new AtomicBoolean[Kind.values().length];

    FailureLog() {
        for (int i = 0; i < warned.length; i++) {
            warned[i] = new AtomicBoolean();
        }
    }

    void report(Kind kind, Throwable failure) {
        if (warned[kind.ordinal()].compareAndSet(false, true)) {
            log.warn("Vigil request tracing failed while {}; the request was not affected. "
                    + "Further failures of this kind are logged at DEBUG", kind.doing, failure);
        } else if (log.isDebugEnabled()) {
            log.debug("Vigil request tracing failed again while {}", kind.doing, failure);
        }
    }
}
