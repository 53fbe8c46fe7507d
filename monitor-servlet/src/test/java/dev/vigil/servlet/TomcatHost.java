package dev.vigil.servlet;

import dev.vigil.api.MonitorApi;
import jakarta.servlet.Filter;
import java.io.File;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * An embedded Tomcat on a free loopback port serving one {@link MonitorApi} through {@link MonitorServlet}
 * under a context path, with a filter (a {@link BodyReadCounter}) in front of everything, as the servlet,
 * access and parity tests need it.
 */
public final class TomcatHost implements AutoCloseable {

    private final Tomcat tomcat;
    private final String base;

    private TomcatHost(Tomcat tomcat, String base) {
        this.tomcat = tomcat;
        this.base = base;
    }

    /** Starts Tomcat with {@code api} mapped under {@code contextPath} and {@code counter} on every path. */
    public static TomcatHost start(String contextPath, MonitorApi api, Filter counter) throws Exception {
        File baseDir = Files.createTempDirectory("vigil-tomcat").toFile();
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.getAbsolutePath());
        tomcat.setPort(0);
        Context context = tomcat.addContext(contextPath, baseDir.getAbsolutePath());
        FilterDef filter = new FilterDef();
        filter.setFilterName("counter");
        filter.setFilter(counter);
        context.addFilterDef(filter);
        FilterMap everything = new FilterMap();
        everything.setFilterName("counter");
        everything.addURLPattern("/*");
        context.addFilterMap(everything);
        Tomcat.addServlet(context, "vigil", new MonitorServlet(api));
        MonitorServlet.mappings(api).forEach(mapping -> context.addServletMappingDecoded(mapping, "vigil"));
        tomcat.start();
        return new TomcatHost(tomcat, "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + contextPath);
    }

    /** The URL of the context, e.g. {@code http://127.0.0.1:40123/shop}. */
    public String base() {
        return base;
    }

    @Override
    public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }
}
