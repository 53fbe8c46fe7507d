package dev.vigil.benchmarks.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A GET request as a container would hand it to the filters, answering only what instrumentation
 * filters read: method, URI, attributes, dispatch and async state, and a few connection facts.
 * Reused across operations: {@link #reset()} forgets the attributes of the previous one and moves
 * to the next of its URIs, in a cycle.
 */
final class BenchRequest extends UnsupportedHttpServletRequest {

    private final String[] uris;
    private final ServletContext context;
    private final Map<String, Object> attributes = new HashMap<>();
    private int next;
    private String uri;

    /** A request for each of {@code uris} in turn; their number must be a power of two. */
    BenchRequest(String[] uris, ServletContext context) {
        if (Integer.bitCount(uris.length) != 1) {
            throw new IllegalArgumentException("the number of URIs must be a power of two, not " + uris.length);
        }
        this.uris = uris.clone();
        this.context = context;
        this.uri = uris[0];
    }

    void reset() {
        attributes.clear();
        uri = uris[next++ & (uris.length - 1)];
    }

    @Override
    public String getMethod() {
        return "GET";
    }

    @Override
    public String getRequestURI() {
        return uri;
    }

    @Override
    public StringBuffer getRequestURL() {
        return new StringBuffer("http://localhost:8080").append(uri);
    }

    @Override
    public String getContextPath() {
        return "";
    }

    @Override
    public String getServletPath() {
        return uri;
    }

    @Override
    public String getPathInfo() {
        return null;
    }

    @Override
    public String getQueryString() {
        return null;
    }

    @Override
    public String getProtocol() {
        return "HTTP/1.1";
    }

    @Override
    public String getScheme() {
        return "http";
    }

    @Override
    public String getServerName() {
        return "localhost";
    }

    @Override
    public int getServerPort() {
        return 8080;
    }

    @Override
    public String getRemoteAddr() {
        return "127.0.0.1";
    }

    @Override
    public String getRemoteUser() {
        return null;
    }

    @Override
    public Principal getUserPrincipal() {
        return null;
    }

    @Override
    public String getHeader(String name) {
        return null;
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        return Collections.emptyEnumeration();
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        return Collections.emptyEnumeration();
    }

    @Override
    public String getContentType() {
        return null;
    }

    @Override
    public int getContentLength() {
        return -1;
    }

    @Override
    public long getContentLengthLong() {
        return -1;
    }

    @Override
    public String getCharacterEncoding() {
        return null;
    }

    @Override
    public Locale getLocale() {
        return Locale.ROOT;
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        if (value == null) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
    }

    @Override
    public void removeAttribute(String name) {
        attributes.remove(name);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        return Collections.enumeration(attributes.keySet());
    }

    @Override
    public DispatcherType getDispatcherType() {
        return DispatcherType.REQUEST;
    }

    @Override
    public boolean isAsyncStarted() {
        return false;
    }

    @Override
    public boolean isAsyncSupported() {
        return true;
    }

    @Override
    public HttpSession getSession(boolean create) {
        if (create) {
            throw new UnsupportedOperationException("stub: the benchmark requests have no session");
        }
        return null;
    }

    @Override
    public ServletContext getServletContext() {
        return context;
    }
}
