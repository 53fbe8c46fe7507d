package dev.vigil.benchmarks.servlet;

/**
 * An {@link jakarta.servlet.http.HttpServletResponse} that supports nothing.
 *
 * <p>Every abstract method of {@link jakarta.servlet.http.HttpServletResponse} throws, so a benchmark stub overrides only what the
 * code under test really calls, and a call it did not expect fails loudly instead of returning a
 * made-up value. Written out by a generator from the interface; edit the subclass, not this file.
 */
abstract class UnsupportedHttpServletResponse implements jakarta.servlet.http.HttpServletResponse {

    @Override
    public void addCookie(jakarta.servlet.http.Cookie p0) {
        throw new UnsupportedOperationException("stub: HttpServletResponse.addCookie");
    }

    @Override
    public void addDateHeader(String p0, long p1) {
        throw new UnsupportedOperationException("stub: HttpServletResponse.addDateHeader");
    }

    @Override
    public void addHeader(String p0, String p1) {
        throw new UnsupportedOperationException("stub: HttpServletResponse.addHeader");
    }

    @Override
    public void addIntHeader(String p0, int p1) {
        throw new UnsupportedOperationException("stub: HttpServletResponse.addIntHeader");
    }

    @Override
    public boolean containsHeader(String p0) {
        throw new UnsupportedOperationException("stub: HttpServletResponse.containsHeader");
    }

    @Override
    public String encodeRedirectURL(String p0) {
        throw new UnsupportedOperationException("stub: HttpServletResponse.encodeRedirectURL");
    }

    @Override
    public String encodeURL(String p0) {
        throw new UnsupportedOperationException("stub: HttpServletResponse.encodeURL");
    }

    @Override
    public void flushBuffer() throws java.io.IOException {
        throw new UnsupportedOperationException("stub: HttpServletResponse.flushBuffer");
    }

    @Override
    public int getBufferSize() {
        throw new UnsupportedOperationException("stub: HttpServletResponse.getBufferSize");
    }

    @Override
    public String getCharacterEncoding() {
        throw new UnsupportedOperationException("stub: HttpServletResponse.getCharacterEncoding");
    }

    @Override
    public String getContentType() {
        throw new UnsupportedOperationException("stub: HttpServletResponse.getContentType");
    }

    @Override
    public String getHeader(String p0) {
        throw new UnsupportedOperationException("stub: HttpServletResponse.getHeader");
    }

    @Override
    public java.util.Collection<String> getHeaderNames() {
        throw new UnsupportedOperationException("stub: HttpServletResponse.getHeaderNames");
    }

    @Override
    public java.util.Collection<String> getHeaders(String p0) {
        throw new UnsupportedOperationException("stub: HttpServletResponse.getHeaders");
    }

    @Override
    public java.util.Locale getLocale() {
        throw new UnsupportedOperationException("stub: HttpServletResponse.getLocale");
    }

    @Override
    public jakarta.servlet.ServletOutputStream getOutputStream() throws java.io.IOException {
        throw new UnsupportedOperationException("stub: HttpServletResponse.getOutputStream");
    }

    @Override
    public int getStatus() {
        throw new UnsupportedOperationException("stub: HttpServletResponse.getStatus");
    }

    @Override
    public java.io.PrintWriter getWriter() throws java.io.IOException {
        throw new UnsupportedOperationException("stub: HttpServletResponse.getWriter");
    }

    @Override
    public boolean isCommitted() {
        throw new UnsupportedOperationException("stub: HttpServletResponse.isCommitted");
    }

    @Override
    public void reset() {
        throw new UnsupportedOperationException("stub: HttpServletResponse.reset");
    }

    @Override
    public void resetBuffer() {
        throw new UnsupportedOperationException("stub: HttpServletResponse.resetBuffer");
    }

    @Override
    public void sendError(int p0, String p1) throws java.io.IOException {
        throw new UnsupportedOperationException("stub: HttpServletResponse.sendError");
    }

    @Override
    public void sendError(int p0) throws java.io.IOException {
        throw new UnsupportedOperationException("stub: HttpServletResponse.sendError");
    }

    @Override
    public void sendRedirect(String p0) throws java.io.IOException {
        throw new UnsupportedOperationException("stub: HttpServletResponse.sendRedirect");
    }

    @Override
    public void setBufferSize(int p0) {
        throw new UnsupportedOperationException("stub: HttpServletResponse.setBufferSize");
    }

    @Override
    public void setCharacterEncoding(String p0) {
        throw new UnsupportedOperationException("stub: HttpServletResponse.setCharacterEncoding");
    }

    @Override
    public void setContentLength(int p0) {
        throw new UnsupportedOperationException("stub: HttpServletResponse.setContentLength");
    }

    @Override
    public void setContentLengthLong(long p0) {
        throw new UnsupportedOperationException("stub: HttpServletResponse.setContentLengthLong");
    }

    @Override
    public void setContentType(String p0) {
        throw new UnsupportedOperationException("stub: HttpServletResponse.setContentType");
    }

    @Override
    public void setDateHeader(String p0, long p1) {
        throw new UnsupportedOperationException("stub: HttpServletResponse.setDateHeader");
    }

    @Override
    public void setHeader(String p0, String p1) {
        throw new UnsupportedOperationException("stub: HttpServletResponse.setHeader");
    }

    @Override
    public void setIntHeader(String p0, int p1) {
        throw new UnsupportedOperationException("stub: HttpServletResponse.setIntHeader");
    }

    @Override
    public void setLocale(java.util.Locale p0) {
        throw new UnsupportedOperationException("stub: HttpServletResponse.setLocale");
    }

    @Override
    public void setStatus(int p0) {
        throw new UnsupportedOperationException("stub: HttpServletResponse.setStatus");
    }
}
