package dev.vigil.spring.boot;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Says so at start-up when an alert sink is configured ({@code monitor.alerts.slack.*},
 * {@code monitor.alerts.email.*}) but its module is missing: without it the sink's auto-configuration
 * backs off and the setting would otherwise be ignored in silence.
 */
final class MissingSinkModules {

    private static final Logger log = LoggerFactory.getLogger(MissingSinkModules.class);

    /** A sink that lives in its own module: its properties, a class of the module, and the module. */
    record SinkModule(String prefix, String sinkClass, String artifact, String what) {
    }

    static final List<SinkModule> MODULES = List.of(
            new SinkModule("monitor.alerts.slack", "dev.vigil.alert.slack.SlackAlertSink", "dev.vigil:monitor-alerts-slack",
                    "Slack"),
            new SinkModule("monitor.alerts.email", "dev.vigil.alert.email.EmailAlertSink", "dev.vigil:monitor-alerts-email",
                    "email"));

    private MissingSinkModules() {
    }

    /** Logs one warning per configured sink whose module {@code classLoader} cannot load. */
    static void warn(Environment environment, ClassLoader classLoader) {
        for (SinkModule module : MODULES) {
            if (configured(environment, module.prefix()) && !ClassUtils.isPresent(module.sinkClass(), classLoader)) {
                log.warn("{}.* is set, but {} is not on the class path, so no alert will be sent by {}: add the dependency {}",
                        module.prefix(), module.artifact(), module.what(), module.artifact());
            }
        }
    }

    /** Whether any property under {@code prefix} is set, in any form Spring binds (yml, env, system properties). */
    private static boolean configured(Environment environment, String prefix) {
        ConfigurationPropertyName name = ConfigurationPropertyName.of(prefix);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT) {
                return true;
            }
        }
        return false;
    }
}
