package dev.vigil.benchmarks.servlet;

/**
 * An {@link jakarta.servlet.http.HttpServletRequest} that supports nothing.
 *
 * <p>Every abstract method of {@link jakarta.servlet.http.HttpServletRequest} throws, so a benchmark stub overrides only what the
 * code under test really calls, and a call it did not expect fails loudly instead of returning a
 * made-up value. Written out by a generator from the interface; edit the subclass, not this file.
 */
abstract class UnsupportedHttpServletRequest implements jakarta.servlet.http.HttpServletRequest {

    @Override
    public boolean authenticate(jakarta.servlet.http.HttpServletResponse p0) throws java.io.IOException, jakarta.servlet.ServletException {
        throw new UnsupportedOperationException("stub: HttpServletRequest.authenticate");
    }

    @Override
    public String changeSessionId() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.changeSessionId");
    }

    @Override
    public jakarta.servlet.AsyncContext getAsyncContext() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getAsyncContext");
    }

    @Override
    public Object getAttribute(String p0) {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getAttribute");
    }

    @Override
    public java.util.Enumeration<String> getAttributeNames() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getAttributeNames");
    }

    @Override
    public String getAuthType() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getAuthType");
    }

    @Override
    public String getCharacterEncoding() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getCharacterEncoding");
    }

    @Override
    public int getContentLength() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getContentLength");
    }

    @Override
    public long getContentLengthLong() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getContentLengthLong");
    }

    @Override
    public String getContentType() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getContentType");
    }

    @Override
    public String getContextPath() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getContextPath");
    }

    @Override
    public jakarta.servlet.http.Cookie[] getCookies() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getCookies");
    }

    @Override
    public long getDateHeader(String p0) {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getDateHeader");
    }

    @Override
    public jakarta.servlet.DispatcherType getDispatcherType() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getDispatcherType");
    }

    @Override
    public String getHeader(String p0) {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getHeader");
    }

    @Override
    public java.util.Enumeration<String> getHeaderNames() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getHeaderNames");
    }

    @Override
    public java.util.Enumeration<String> getHeaders(String p0) {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getHeaders");
    }

    @Override
    public jakarta.servlet.ServletInputStream getInputStream() throws java.io.IOException {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getInputStream");
    }

    @Override
    public int getIntHeader(String p0) {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getIntHeader");
    }

    @Override
    public String getLocalAddr() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getLocalAddr");
    }

    @Override
    public String getLocalName() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getLocalName");
    }

    @Override
    public int getLocalPort() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getLocalPort");
    }

    @Override
    public java.util.Locale getLocale() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getLocale");
    }

    @Override
    public java.util.Enumeration<java.util.Locale> getLocales() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getLocales");
    }

    @Override
    public String getMethod() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getMethod");
    }

    @Override
    public String getParameter(String p0) {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getParameter");
    }

    @Override
    public java.util.Map<String, String[]> getParameterMap() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getParameterMap");
    }

    @Override
    public java.util.Enumeration<String> getParameterNames() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getParameterNames");
    }

    @Override
    public String[] getParameterValues(String p0) {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getParameterValues");
    }

    @Override
    public jakarta.servlet.http.Part getPart(String p0) throws java.io.IOException, jakarta.servlet.ServletException {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getPart");
    }

    @Override
    public java.util.Collection<jakarta.servlet.http.Part> getParts() throws java.io.IOException, jakarta.servlet.ServletException {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getParts");
    }

    @Override
    public String getPathInfo() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getPathInfo");
    }

    @Override
    public String getPathTranslated() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getPathTranslated");
    }

    @Override
    public String getProtocol() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getProtocol");
    }

    @Override
    public String getProtocolRequestId() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getProtocolRequestId");
    }

    @Override
    public String getQueryString() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getQueryString");
    }

    @Override
    public java.io.BufferedReader getReader() throws java.io.IOException {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getReader");
    }

    @Override
    public String getRemoteAddr() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getRemoteAddr");
    }

    @Override
    public String getRemoteHost() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getRemoteHost");
    }

    @Override
    public int getRemotePort() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getRemotePort");
    }

    @Override
    public String getRemoteUser() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getRemoteUser");
    }

    @Override
    public jakarta.servlet.RequestDispatcher getRequestDispatcher(String p0) {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getRequestDispatcher");
    }

    @Override
    public String getRequestId() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getRequestId");
    }

    @Override
    public String getRequestURI() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getRequestURI");
    }

    @Override
    public StringBuffer getRequestURL() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getRequestURL");
    }

    @Override
    public String getRequestedSessionId() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getRequestedSessionId");
    }

    @Override
    public String getScheme() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getScheme");
    }

    @Override
    public String getServerName() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getServerName");
    }

    @Override
    public int getServerPort() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getServerPort");
    }

    @Override
    public jakarta.servlet.ServletConnection getServletConnection() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getServletConnection");
    }

    @Override
    public jakarta.servlet.ServletContext getServletContext() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getServletContext");
    }

    @Override
    public String getServletPath() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getServletPath");
    }

    @Override
    public jakarta.servlet.http.HttpSession getSession() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getSession");
    }

    @Override
    public jakarta.servlet.http.HttpSession getSession(boolean p0) {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getSession");
    }

    @Override
    public java.security.Principal getUserPrincipal() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.getUserPrincipal");
    }

    @Override
    public boolean isAsyncStarted() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.isAsyncStarted");
    }

    @Override
    public boolean isAsyncSupported() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.isAsyncSupported");
    }

    @Override
    public boolean isRequestedSessionIdFromCookie() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.isRequestedSessionIdFromCookie");
    }

    @Override
    public boolean isRequestedSessionIdFromURL() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.isRequestedSessionIdFromURL");
    }

    @Override
    public boolean isRequestedSessionIdValid() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.isRequestedSessionIdValid");
    }

    @Override
    public boolean isSecure() {
        throw new UnsupportedOperationException("stub: HttpServletRequest.isSecure");
    }

    @Override
    public boolean isUserInRole(String p0) {
        throw new UnsupportedOperationException("stub: HttpServletRequest.isUserInRole");
    }

    @Override
    public void login(String p0, String p1) throws jakarta.servlet.ServletException {
        throw new UnsupportedOperationException("stub: HttpServletRequest.login");
    }

    @Override
    public void logout() throws jakarta.servlet.ServletException {
        throw new UnsupportedOperationException("stub: HttpServletRequest.logout");
    }

    @Override
    public void removeAttribute(String p0) {
        throw new UnsupportedOperationException("stub: HttpServletRequest.removeAttribute");
    }

    @Override
    public void setAttribute(String p0, Object p1) {
        throw new UnsupportedOperationException("stub: HttpServletRequest.setAttribute");
    }

    @Override
    public void setCharacterEncoding(String p0) throws java.io.UnsupportedEncodingException {
        throw new UnsupportedOperationException("stub: HttpServletRequest.setCharacterEncoding");
    }

    @Override
    public jakarta.servlet.AsyncContext startAsync() throws IllegalStateException {
        throw new UnsupportedOperationException("stub: HttpServletRequest.startAsync");
    }

    @Override
    public jakarta.servlet.AsyncContext startAsync(jakarta.servlet.ServletRequest p0, jakarta.servlet.ServletResponse p1) throws IllegalStateException {
        throw new UnsupportedOperationException("stub: HttpServletRequest.startAsync");
    }

    @Override
    public <T extends jakarta.servlet.http.HttpUpgradeHandler> T upgrade(Class<T> p0) throws java.io.IOException, jakarta.servlet.ServletException {
        throw new UnsupportedOperationException("stub: HttpServletRequest.upgrade");
    }
}
