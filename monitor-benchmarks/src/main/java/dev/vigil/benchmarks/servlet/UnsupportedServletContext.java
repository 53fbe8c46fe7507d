package dev.vigil.benchmarks.servlet;

/**
 * A {@link jakarta.servlet.ServletContext} that supports nothing.
 *
 * <p>Every abstract method of {@link jakarta.servlet.ServletContext} throws, so a benchmark stub overrides only what the
 * code under test really calls, and a call it did not expect fails loudly instead of returning a
 * made-up value. Written out by a generator from the interface; edit the subclass, not this file.
 */
abstract class UnsupportedServletContext implements jakarta.servlet.ServletContext {

    @Override
    public jakarta.servlet.FilterRegistration.Dynamic addFilter(String p0, Class<? extends jakarta.servlet.Filter> p1) {
        throw new UnsupportedOperationException("stub: ServletContext.addFilter");
    }

    @Override
    public jakarta.servlet.FilterRegistration.Dynamic addFilter(String p0, String p1) {
        throw new UnsupportedOperationException("stub: ServletContext.addFilter");
    }

    @Override
    public jakarta.servlet.FilterRegistration.Dynamic addFilter(String p0, jakarta.servlet.Filter p1) {
        throw new UnsupportedOperationException("stub: ServletContext.addFilter");
    }

    @Override
    public jakarta.servlet.ServletRegistration.Dynamic addJspFile(String p0, String p1) {
        throw new UnsupportedOperationException("stub: ServletContext.addJspFile");
    }

    @Override
    public void addListener(Class<? extends java.util.EventListener> p0) {
        throw new UnsupportedOperationException("stub: ServletContext.addListener");
    }

    @Override
    public void addListener(String p0) {
        throw new UnsupportedOperationException("stub: ServletContext.addListener");
    }

    @Override
    public <T extends java.util.EventListener> void addListener(T p0) {
        throw new UnsupportedOperationException("stub: ServletContext.addListener");
    }

    @Override
    public jakarta.servlet.ServletRegistration.Dynamic addServlet(String p0, Class<? extends jakarta.servlet.Servlet> p1) {
        throw new UnsupportedOperationException("stub: ServletContext.addServlet");
    }

    @Override
    public jakarta.servlet.ServletRegistration.Dynamic addServlet(String p0, String p1) {
        throw new UnsupportedOperationException("stub: ServletContext.addServlet");
    }

    @Override
    public jakarta.servlet.ServletRegistration.Dynamic addServlet(String p0, jakarta.servlet.Servlet p1) {
        throw new UnsupportedOperationException("stub: ServletContext.addServlet");
    }

    @Override
    public <T extends jakarta.servlet.Filter> T createFilter(Class<T> p0) throws jakarta.servlet.ServletException {
        throw new UnsupportedOperationException("stub: ServletContext.createFilter");
    }

    @Override
    public <T extends java.util.EventListener> T createListener(Class<T> p0) throws jakarta.servlet.ServletException {
        throw new UnsupportedOperationException("stub: ServletContext.createListener");
    }

    @Override
    public <T extends jakarta.servlet.Servlet> T createServlet(Class<T> p0) throws jakarta.servlet.ServletException {
        throw new UnsupportedOperationException("stub: ServletContext.createServlet");
    }

    @Override
    public void declareRoles(String... p0) {
        throw new UnsupportedOperationException("stub: ServletContext.declareRoles");
    }

    @Override
    public Object getAttribute(String p0) {
        throw new UnsupportedOperationException("stub: ServletContext.getAttribute");
    }

    @Override
    public java.util.Enumeration<String> getAttributeNames() {
        throw new UnsupportedOperationException("stub: ServletContext.getAttributeNames");
    }

    @Override
    public ClassLoader getClassLoader() {
        throw new UnsupportedOperationException("stub: ServletContext.getClassLoader");
    }

    @Override
    public jakarta.servlet.ServletContext getContext(String p0) {
        throw new UnsupportedOperationException("stub: ServletContext.getContext");
    }

    @Override
    public String getContextPath() {
        throw new UnsupportedOperationException("stub: ServletContext.getContextPath");
    }

    @Override
    public java.util.Set<jakarta.servlet.SessionTrackingMode> getDefaultSessionTrackingModes() {
        throw new UnsupportedOperationException("stub: ServletContext.getDefaultSessionTrackingModes");
    }

    @Override
    public int getEffectiveMajorVersion() {
        throw new UnsupportedOperationException("stub: ServletContext.getEffectiveMajorVersion");
    }

    @Override
    public int getEffectiveMinorVersion() {
        throw new UnsupportedOperationException("stub: ServletContext.getEffectiveMinorVersion");
    }

    @Override
    public java.util.Set<jakarta.servlet.SessionTrackingMode> getEffectiveSessionTrackingModes() {
        throw new UnsupportedOperationException("stub: ServletContext.getEffectiveSessionTrackingModes");
    }

    @Override
    public jakarta.servlet.FilterRegistration getFilterRegistration(String p0) {
        throw new UnsupportedOperationException("stub: ServletContext.getFilterRegistration");
    }

    @Override
    public java.util.Map<String, ? extends jakarta.servlet.FilterRegistration> getFilterRegistrations() {
        throw new UnsupportedOperationException("stub: ServletContext.getFilterRegistrations");
    }

    @Override
    public String getInitParameter(String p0) {
        throw new UnsupportedOperationException("stub: ServletContext.getInitParameter");
    }

    @Override
    public java.util.Enumeration<String> getInitParameterNames() {
        throw new UnsupportedOperationException("stub: ServletContext.getInitParameterNames");
    }

    @Override
    public jakarta.servlet.descriptor.JspConfigDescriptor getJspConfigDescriptor() {
        throw new UnsupportedOperationException("stub: ServletContext.getJspConfigDescriptor");
    }

    @Override
    public int getMajorVersion() {
        throw new UnsupportedOperationException("stub: ServletContext.getMajorVersion");
    }

    @Override
    public String getMimeType(String p0) {
        throw new UnsupportedOperationException("stub: ServletContext.getMimeType");
    }

    @Override
    public int getMinorVersion() {
        throw new UnsupportedOperationException("stub: ServletContext.getMinorVersion");
    }

    @Override
    public jakarta.servlet.RequestDispatcher getNamedDispatcher(String p0) {
        throw new UnsupportedOperationException("stub: ServletContext.getNamedDispatcher");
    }

    @Override
    public String getRealPath(String p0) {
        throw new UnsupportedOperationException("stub: ServletContext.getRealPath");
    }

    @Override
    public String getRequestCharacterEncoding() {
        throw new UnsupportedOperationException("stub: ServletContext.getRequestCharacterEncoding");
    }

    @Override
    public jakarta.servlet.RequestDispatcher getRequestDispatcher(String p0) {
        throw new UnsupportedOperationException("stub: ServletContext.getRequestDispatcher");
    }

    @Override
    public java.net.URL getResource(String p0) throws java.net.MalformedURLException {
        throw new UnsupportedOperationException("stub: ServletContext.getResource");
    }

    @Override
    public java.io.InputStream getResourceAsStream(String p0) {
        throw new UnsupportedOperationException("stub: ServletContext.getResourceAsStream");
    }

    @Override
    public java.util.Set<String> getResourcePaths(String p0) {
        throw new UnsupportedOperationException("stub: ServletContext.getResourcePaths");
    }

    @Override
    public String getResponseCharacterEncoding() {
        throw new UnsupportedOperationException("stub: ServletContext.getResponseCharacterEncoding");
    }

    @Override
    public String getServerInfo() {
        throw new UnsupportedOperationException("stub: ServletContext.getServerInfo");
    }

    @Override
    public String getServletContextName() {
        throw new UnsupportedOperationException("stub: ServletContext.getServletContextName");
    }

    @Override
    public jakarta.servlet.ServletRegistration getServletRegistration(String p0) {
        throw new UnsupportedOperationException("stub: ServletContext.getServletRegistration");
    }

    @Override
    public java.util.Map<String, ? extends jakarta.servlet.ServletRegistration> getServletRegistrations() {
        throw new UnsupportedOperationException("stub: ServletContext.getServletRegistrations");
    }

    @Override
    public jakarta.servlet.SessionCookieConfig getSessionCookieConfig() {
        throw new UnsupportedOperationException("stub: ServletContext.getSessionCookieConfig");
    }

    @Override
    public int getSessionTimeout() {
        throw new UnsupportedOperationException("stub: ServletContext.getSessionTimeout");
    }

    @Override
    public String getVirtualServerName() {
        throw new UnsupportedOperationException("stub: ServletContext.getVirtualServerName");
    }

    @Override
    public void log(String p0, Throwable p1) {
        throw new UnsupportedOperationException("stub: ServletContext.log");
    }

    @Override
    public void log(String p0) {
        throw new UnsupportedOperationException("stub: ServletContext.log");
    }

    @Override
    public void removeAttribute(String p0) {
        throw new UnsupportedOperationException("stub: ServletContext.removeAttribute");
    }

    @Override
    public void setAttribute(String p0, Object p1) {
        throw new UnsupportedOperationException("stub: ServletContext.setAttribute");
    }

    @Override
    public boolean setInitParameter(String p0, String p1) {
        throw new UnsupportedOperationException("stub: ServletContext.setInitParameter");
    }

    @Override
    public void setRequestCharacterEncoding(String p0) {
        throw new UnsupportedOperationException("stub: ServletContext.setRequestCharacterEncoding");
    }

    @Override
    public void setResponseCharacterEncoding(String p0) {
        throw new UnsupportedOperationException("stub: ServletContext.setResponseCharacterEncoding");
    }

    @Override
    public void setSessionTimeout(int p0) {
        throw new UnsupportedOperationException("stub: ServletContext.setSessionTimeout");
    }

    @Override
    public void setSessionTrackingModes(java.util.Set<jakarta.servlet.SessionTrackingMode> p0) {
        throw new UnsupportedOperationException("stub: ServletContext.setSessionTrackingModes");
    }
}
