package dev.vigil.benchmarks.servlet;

import java.util.Collection;
import java.util.List;

/**
 * The response of a {@link BenchRequest}: a status and nothing written. Reused across operations:
 * {@link #reset()} sets it back to a fresh 200.
 */
final class BenchResponse extends UnsupportedHttpServletResponse {

    private int status = 200;
    private String contentType;

    @Override
    public void reset() {
        status = 200;
        contentType = null;
    }

    @Override
    public int getStatus() {
        return status;
    }

    @Override
    public void setStatus(int status) {
        this.status = status;
    }

    @Override
    public boolean isCommitted() {
        return false;
    }

    @Override
    public void flushBuffer() {
        // nothing buffered
    }

    @Override
    public int getBufferSize() {
        return 8192;
    }

    @Override
    public String getContentType() {
        return contentType;
    }

    @Override
    public void setContentType(String type) {
        this.contentType = type;
    }

    @Override
    public String getCharacterEncoding() {
        return "UTF-8";
    }

    @Override
    public boolean containsHeader(String name) {
        return false;
    }

    @Override
    public String getHeader(String name) {
        return null;
    }

    @Override
    public Collection<String> getHeaders(String name) {
        return List.of();
    }

    @Override
    public Collection<String> getHeaderNames() {
        return List.of();
    }
}
