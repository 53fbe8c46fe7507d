package dev.vigil.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * The body of an {@link ApiRequest}, read only when an endpoint asks for it: after the caller has been
 * authorized, and never past the endpoint's cap. An adapter hands the API its container's stream
 * unread ({@link #lazy}); tests and in-memory callers use {@link #of(byte[])}.
 */
public interface RequestBody {

    /** No body. */
    RequestBody EMPTY = of(new byte[0]);

    /** The length the client declared ({@code Content-Length}), or -1 when it did not say (e.g. chunked). */
    long declaredLength();

    /**
     * The whole body, reading at most {@code maxBytes + 1} bytes: a declared length above the cap is
     * refused before anything is read, a longer undeclared one as soon as the cap is passed. A second
     * call answers like the first, without reading again.
     *
     * @throws ApiException 413 {@code payload_too_large} when the body is longer than {@code maxBytes},
     *         400 {@code bad_request} when it cannot be read (e.g. the client went away)
     */
    byte[] read(int maxBytes);

    /** A body already in memory. */
    static RequestBody of(byte[] bytes) {
        byte[] copy = Objects.requireNonNull(bytes, "bytes").clone();
        return lazy(copy.length, () -> new java.io.ByteArrayInputStream(copy));
    }

    /**
     * A body read from {@code source} on first demand, e.g. a servlet's {@code request::getInputStream}.
     *
     * @param declaredLength the {@code Content-Length}, or -1 when unknown
     * @param source opens the stream; called at most once, and not at all when the declared length is
     *        above the cap or zero
     */
    static RequestBody lazy(long declaredLength, Source source) {
        return new LazyRequestBody(declaredLength, source);
    }

    /** Opens a body's stream. */
    @FunctionalInterface
    interface Source {
        /** The body's stream, positioned at its start. */
        InputStream open() throws IOException;
    }
}
