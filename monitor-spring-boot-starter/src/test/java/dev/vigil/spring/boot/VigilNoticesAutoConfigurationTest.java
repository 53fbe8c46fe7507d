package dev.vigil.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import dev.vigil.Monitor;
import dev.vigil.notice.NoticeArea;
import dev.vigil.notice.NoticeSettings;
import dev.vigil.servlet.UserResolver;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

class VigilNoticesAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(VigilAutoConfiguration.class));

    @Test
    void noticesAreOnWithTheCalmDefaultsAndNoArea() {
        runner.run(context -> {
            NoticeSettings settings = context.getBean(Monitor.class).notices().settings();
            assertThat(settings.enabled()).isTrue();
            assertThat(settings.defaultMessage()).isEqualTo(NoticeSettings.DEFAULT_MESSAGE);
            assertThat(settings.header()).isEqualTo("Vigil-Notice");
            assertThat(settings.areas()).isEmpty();
            assertThat(context.getBean(Monitor.class).api().operations().operations())
                    .extracting(operation -> operation.id()).contains("notices", "notices.beacon");
        });
    }

    @Test
    void propertiesMapOntoTheNoticeSettings() {
        runner.withPropertyValues("monitor.notices.default-message=Back in a moment.",
                "monitor.notices.header=",
                "monitor.notices.beacon.sample-rate=0.25",
                "monitor.notices.beacon.rate-limit=5",
                "monitor.notices.beacon.max-pages=7",
                "monitor.notices.areas.media-upload.paths=/media-upload,/api/uploads",
                "monitor.notices.areas.media-upload.checks=media-storage",
                "monitor.notices.areas.media-upload.rules=error-ratio-critical",
                "monitor.notices.areas.bookings.paths=/bookings",
                "monitor.notices.areas.bookings.message=Bookings are catching their breath.").run(context -> {
                    NoticeSettings settings = context.getBean(Monitor.class).notices().settings();
                    assertThat(settings.defaultMessage()).isEqualTo("Back in a moment.");
                    assertThat(settings.header()).isEmpty();
                    assertThat(settings.sampleRate()).isEqualTo(0.25);
                    assertThat(settings.beaconPerClientPerMinute()).isEqualTo(5);
                    assertThat(settings.maxPages()).isEqualTo(7);
                    assertThat(settings.areas()).containsExactly(
                            new NoticeArea("media-upload", java.util.List.of("/media-upload", "/api/uploads"),
                                    Set.of("media-storage"), Set.of("error-ratio-critical"), null),
                            NoticeArea.of("bookings", "/bookings").withMessage("Bookings are catching their breath."));
                    assertThat(context.getBean(Monitor.class).alerts().rules())
                            .extracting(rule -> rule.name()).contains("area-errors", "page-load-warning");
                });
    }

    @Test
    void disabledNoticesServeNoEndpoint() {
        runner.withPropertyValues("monitor.notices.enabled=false").run(context -> assertThat(
                context.getBean(Monitor.class).api().operations().operations())
                .extracting(operation -> operation.id()).doesNotContain("notices", "notices.beacon"));
    }

    @Test
    void aBadAreaFailsTheStartNamingTheSetting() {
        runner.withPropertyValues("monitor.notices.areas.media-upload.paths=media-upload").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("monitor.notices.areas.media-upload.paths"));
    }

    @Test
    void theUserResolverFollowsTheProperties() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(VigilAutoConfiguration.class, VigilWebAutoConfiguration.class))
                .withPropertyValues("monitor.notices.user-header=X-User-Id")
                .run(context -> {
                    UserResolver resolver = context.getBean(UserResolver.class);
                    org.springframework.mock.web.MockHttpServletRequest request = new org.springframework.mock.web.MockHttpServletRequest();
                    request.addHeader("X-User-Id", "u-42");
                    assertThat(resolver.resolve(request)).isEqualTo("u-42");
                });
    }
}
