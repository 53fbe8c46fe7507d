package dev.vigil.benchmarks.servlet;

import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The root web application the filters are initialised in: attributes, versions, no init parameters. */
final class BenchServletContext extends UnsupportedServletContext {

    private final Map<String, Object> attributes = new ConcurrentHashMap<>();

    @Override
    public String getContextPath() {
        return "";
    }

    @Override
    public String getServletContextName() {
        return "vigil-benchmarks";
    }

    @Override
    public String getServerInfo() {
        return "vigil-benchmarks/1.0";
    }

    @Override
    public int getMajorVersion() {
        return 6;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public int getEffectiveMajorVersion() {
        return 6;
    }

    @Override
    public int getEffectiveMinorVersion() {
        return 0;
    }

    @Override
    public String getInitParameter(String name) {
        return null;
    }

    @Override
    public Enumeration<String> getInitParameterNames() {
        return Collections.emptyEnumeration();
    }

    @Override
    public String getRealPath(String path) {
        return null;
    }

    @Override
    public Set<String> getResourcePaths(String path) {
        return Set.of(); // an empty web application
    }

    @Override
    public InputStream getResourceAsStream(String path) {
        return null;
    }

    @Override
    public URL getResource(String path) {
        return null;
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
    public void log(String message) {
        // the benchmarks print nothing
    }

    @Override
    public void log(String message, Throwable error) {
        // the benchmarks print nothing
    }
}
