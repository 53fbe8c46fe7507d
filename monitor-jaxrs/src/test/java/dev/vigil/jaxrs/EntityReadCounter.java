package dev.vigil.jaxrs;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;

/**
 * Counts the request body bytes read after it, to show what was left unread: a host's own pre-matching
 * filter, which runs before Vigil's (register it with a priority below {@link MonitorFeature#PRIORITY}).
 */
@PreMatching
final class EntityReadCounter implements ContainerRequestFilter {

    private final AtomicLong bytesRead = new AtomicLong();

    long bytesRead() {
        return bytesRead.get();
    }

    void reset() {
        bytesRead.set(0);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setEntityStream(new FilterInputStream(request.getEntityStream()) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    bytesRead.incrementAndGet();
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    bytesRead.addAndGet(n);
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = super.skip(n);
                bytesRead.addAndGet(Math.max(0, skipped));
                return skipped;
            }
        });
    }
}
