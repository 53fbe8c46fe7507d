package dev.vigil.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import dev.vigil.Monitor;
import dev.vigil.alert.AlertSink;
import dev.vigil.briefing.BriefingSettings;
import dev.vigil.store.StoreSettings;
import dev.vigil.store.StoredKind;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class VigilBriefingAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(VigilAutoConfiguration.class))
            .withPropertyValues("monitor.checks.disk.enabled=false", "monitor.checks.memory.enabled=false");

    @Test
    void defaultsMakeTheBriefingAtEightInTheHostsZoneSentNowhere() {
        runner.run(context -> {
            BriefingSettings settings = context.getBean(Monitor.class).briefings().settings();
            assertThat(settings.enabled()).isTrue();
            assertThat(settings.schedule().expression()).isEqualTo("0 0 8 * * *");
            assertThat(settings.zone()).isEqualTo(ZoneId.systemDefault());
            assertThat(settings.deliverTo()).isEmpty();
            assertThat(context.getBean(StoreSettings.class).retention(StoredKind.BRIEFINGS)).hasDays(400);
        });
    }

    @Test
    void propertiesMapOntoTheBriefingSettings() {
        runner.withBean("chat", AlertSink.class, () -> batch -> { })
                .withPropertyValues("monitor.briefing.enabled=false", "monitor.briefing.cron=0 30 7 * * *",
                        "monitor.briefing.zone=Europe/Paris", "monitor.briefing.deliver-to=chat",
                        "monitor.store.retention.briefings=90d")
                .run(context -> {
                    BriefingSettings settings = context.getBean(Monitor.class).briefings().settings();
                    assertThat(settings.enabled()).isFalse();
                    assertThat(settings.schedule().expression()).isEqualTo("0 30 7 * * *");
                    assertThat(settings.zone()).isEqualTo(ZoneId.of("Europe/Paris"));
                    assertThat(settings.deliverTo()).containsExactly("chat");
                    assertThat(context.getBean(StoreSettings.class).retention(StoredKind.BRIEFINGS)).hasDays(90);
                });
    }

    @Test
    void aBadCronOrAnUnknownSinkFailsTheStartNamingTheSetting() {
        runner.withPropertyValues("monitor.briefing.cron=0 0 25 * * *").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("monitor.briefing.cron"));
        runner.withPropertyValues("monitor.briefing.deliver-to=slack").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("monitor.briefing.deliver-to names the sink 'slack'"));
    }
}
