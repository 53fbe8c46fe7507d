package dev.vigil.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import dev.vigil.Monitor;
import dev.vigil.alert.Silence;
import dev.vigil.audit.AuditEntry;
import dev.vigil.audit.AuditQuery;
import dev.vigil.config.RuntimeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Two runs of the same application on one H2 file database: what the first run changed, the second one has. */
class VigilStoreRestartTest {

    @TempDir
    Path directory;

    @Test
    void runtimeConfigAuditAndSilencesOutliveARestart() {
        ApplicationContextRunner application = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(VigilStoreAutoConfiguration.class, VigilAutoConfiguration.class,
                        VigilJdbcAutoConfiguration.class))
                .withPropertyValues("monitor.store.type=jdbc",
                        "monitor.store.datasource.url=jdbc:h2:file:" + directory.resolve("vigil").toAbsolutePath()
                                + ";DB_CLOSE_ON_EXIT=FALSE",
                        "monitor.store.initialize-schema=embedded", "monitor.metrics.system=false");

        String[] silenceId = new String[1];
        application.withPropertyValues("monitor.instance-id=first").run(context -> {
            assertThat(context).hasNotFailed();
            Monitor monitor = context.getBean(Monitor.class);
            assertThat(monitor.runtimeConfig().get(RuntimeConfig.AUTO_FIX)).isFalse();
            monitor.runtimeConfig().set(RuntimeConfig.AUTO_FIX, true, "alice");
            Silence silence = Silence.of(Map.of("rule", "disk-critical"), monitor.clock().instant(), Duration.ofDays(1),
                    "disk replaced tonight", "alice");
            monitor.alerts().silence(silence);
            silenceId[0] = silence.id();
        }); // closing the context flushes the write buffer and closes the store's pool

        application.withPropertyValues("monitor.instance-id=second").run(context -> {
            assertThat(context).hasNotFailed();
            Monitor monitor = context.getBean(Monitor.class);
            // a shared store is read on Vigil's thread, not while the application starts
            await().atMost(Duration.ofSeconds(60)).until(() -> monitor.runtimeConfig().loaded());
            assertThat(monitor.runtimeConfig().get(RuntimeConfig.AUTO_FIX)).isTrue();
            assertThat(monitor.audit().query(AuditQuery.latest(100).ofType(AuditEntry.Type.CONFIG)))
                    .anySatisfy(entry -> {
                        assertThat(entry.who()).isEqualTo("alice");
                        assertThat(entry.subject()).isEqualTo(RuntimeConfig.AUTO_FIX.name());
                        assertThat(entry.outcome()).isEqualTo("changed");
                    });
            assertThat(monitor.alerts().silences()).anySatisfy(silence -> {
                assertThat(silence.id()).isEqualTo(silenceId[0]);
                assertThat(silence.reason()).isEqualTo("disk replaced tonight");
                assertThat(silence.createdBy()).isEqualTo("alice");
            });
        });
    }
}
