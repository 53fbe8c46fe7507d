package dev.vigil.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/** A {@link RequestBody} that opens its source on the first read only, and remembers the outcome. */
final class LazyRequestBody implements RequestBody {

    private final long declaredLength;
    private final Source source;
    private byte[] bytes; // guarded by this; null until read
    private ApiException refusal; // guarded by this; set when the read was refused

    LazyRequestBody(long declaredLength, Source source) {
        this.declaredLength = declaredLength < 0 ? -1 : declaredLength;
        this.source = Objects.requireNonNull(source, "source");
    }

    @Override
    public long declaredLength() {
        return declaredLength;
    }

    @Override
    public synchronized byte[] read(int maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative, was " + maxBytes);
        }
        if (refusal == null && bytes == null) {
            try {
                bytes = readOnce(maxBytes);
            } catch (ApiException e) {
                refusal = e;
            }
        }
        if (refusal != null) {
            throw refusal;
        }
        if (bytes.length > maxBytes) {
            throw ApiException.payloadTooLarge(maxBytes);
        }
        return bytes.clone();
    }

    private byte[] readOnce(int maxBytes) {
        if (declaredLength > maxBytes) {
            throw ApiException.payloadTooLarge(maxBytes); // refused unread
        }
        if (declaredLength == 0) {
            return new byte[0];
        }
        byte[] read;
        try (InputStream in = source.open()) {
            read = in.readNBytes(maxBytes + 1); // one byte past the cap tells "too long" without reading on
        } catch (IOException e) {
            throw ApiException.badRequest("the request body could not be read");
        }
        if (read.length > maxBytes) {
            throw ApiException.payloadTooLarge(maxBytes);
        }
        return read;
    }
}
