package dev.vigil.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells whoever started the demo where to look and which token to use (demo only: a real service never logs it). */
@Component
class StartupBanner {

    private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

    private final Environment environment;

    StartupBanner(Environment environment) {
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        String managementPort = environment.getProperty("local.management.port",
                environment.getProperty("management.server.port", port));
        log.info("Vigil demo is up: http://localhost:{}/api/health (Actuator: http://127.0.0.1:{}/actuator/prometheus)",
                port, managementPort);
        log.info("Demo admin token: {}  (curl -H 'Authorization: Bearer {}' http://localhost:{}/api/health)",
                environment.getProperty("monitor.admin.token"), environment.getProperty("monitor.admin.token"), port);
    }
}
