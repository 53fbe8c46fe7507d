package dev.vigil.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import dev.vigil.Monitor;
import dev.vigil.deploy.Deployment;
import dev.vigil.security.event.SecurityEvent;
import dev.vigil.security.event.SecurityEventQuery;
import dev.vigil.security.event.SecurityEventType;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.info.GitProperties;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

class VigilSecurityEventsAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues("monitor.metrics.system=false", "monitor.checks.disk.enabled=false",
                    "monitor.checks.memory.enabled=false", "monitor.version=4.2.0")
            .withConfiguration(AutoConfigurations.of(VigilAutoConfiguration.class,
                    VigilSecurityEventsAutoConfiguration.class));

    private static List<SecurityEvent> storedEvents(Monitor monitor) {
        monitor.security().drainTo(monitor.store().securityEvents());
        return monitor.store().securityEvents().query(SecurityEventQuery.latest(10));
    }

    @Test
    void springSecurityFailureIsAFailedLoginWithUserAndAddress() {
        runner.run(context -> {
            UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken.unauthenticated("mallory",
                    "guess");
            attempt.setDetails(new WebAuthenticationDetails("203.0.113.50", null));
            context.publishEvent(new AuthenticationFailureBadCredentialsEvent(attempt,
                    new BadCredentialsException("Bad credentials")));

            assertThat(storedEvents(context.getBean(Monitor.class))).singleElement().satisfies(event -> {
                assertThat(event.type()).isEqualTo(SecurityEventType.FAILED_LOGIN);
                assertThat(event.user()).isEqualTo("mallory");
                assertThat(event.sourceIp()).isEqualTo("203.0.113.50");
            });
        });
    }

    @Test
    void failureWithoutWebDetailsKeepsTheUser() {
        runner.run(context -> {
            context.publishEvent(new AuthenticationFailureBadCredentialsEvent(
                    UsernamePasswordAuthenticationToken.unauthenticated("trudy", "x"), new BadCredentialsException("no")));

            assertThat(storedEvents(context.getBean(Monitor.class))).singleElement().satisfies(event -> {
                assertThat(event.user()).isEqualTo("trudy");
                assertThat(event.sourceIp()).isNull();
            });
        });
    }

    @Test
    void withoutSpringSecurityOrWhenDisabledThereIsNoListener() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.security"))
                .run(context -> assertThat(context).doesNotHaveBean("vigilAuthenticationFailureListener"));
        runner.withPropertyValues("monitor.security-events.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("vigilAuthenticationFailureListener"));
        runner.run(context -> assertThat(context.getBeansOfType(ApplicationListener.class).keySet())
                .contains("vigilAuthenticationFailureListener"));
    }

    @Test
    void propertiesMapOntoSecurityEventAndDeploymentSettings() {
        runner.withPropertyValues("monitor.security-events.trusted-proxy-hops=2",
                "monitor.security-events.record-statuses=401,429", "monitor.security-events.signatures.enabled=false",
                "monitor.deployments.environment=staging", "monitor.deployments.commit=abc1234").run(context -> {
                    Monitor monitor = context.getBean(Monitor.class);
                    assertThat(monitor.security().settings().trustedProxyHops()).isEqualTo(2);
                    assertThat(monitor.security().settings().recordStatuses()).containsExactlyInAnyOrder(401, 429);
                    assertThat(monitor.security().settings().signatures()).isFalse();
                    Deployment deployment = awaitDeployment(monitor);
                    assertThat(deployment.version()).isEqualTo("4.2.0");
                    assertThat(deployment.commit()).isEqualTo("abc1234");
                    assertThat(deployment.environment()).isEqualTo("staging");
                    assertThat(deployment.instances()).containsExactly(monitor.instanceId());
                });
    }

    @Test
    void commitComesFromSpringBootsGitInformation() {
        java.util.Properties git = new java.util.Properties();
        git.setProperty("commit.id", "0123456789abcdef0123456789abcdef01234567");
        runner.withBean(GitProperties.class, () -> new GitProperties(git)).run(context ->
                assertThat(awaitDeployment(context.getBean(Monitor.class)).commit())
                        .isEqualTo("0123456789abcdef0123456789abcdef01234567"));
    }

    @Test
    void deploymentsAreNotRecordedWhenSwitchedOff() {
        runner.withPropertyValues("monitor.deployments.record-on-start=false").run(context -> {
            Monitor monitor = context.getBean(Monitor.class);
            monitor.security().drainTo(monitor.store().securityEvents());
            assertThat(monitor.deployments().recent(null, 10)).isEmpty();
        });
    }

    @Test
    void failedLoginSpikeIsADefaultRuleThatPropertiesTuneOrTurnOff() {
        runner.run(context -> assertThat(context.getBean(Monitor.class).alerts().rules())
                .filteredOn(rule -> rule.name().equals("failed-login-spike")).singleElement()
                .satisfies(rule -> assertThat(rule.enabled()).isTrue()));
        runner.withPropertyValues("monitor.alerts.rules.failed-login-spike.enabled=false").run(context ->
                assertThat(context.getBean(Monitor.class).alerts().rules())
                        .filteredOn(rule -> rule.name().equals("failed-login-spike")).singleElement()
                        .satisfies(rule -> assertThat(rule.enabled()).isFalse()));
    }

    @Test
    void badSecurityEventSettingsNameTheProperty() {
        runner.withPropertyValues("monitor.security-events.record-statuses=404").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("monitor.security-events.record-statuses"));
    }

    private static Deployment awaitDeployment(Monitor monitor) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (monitor.deployments().recent(null, 1).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no deployment recorded within 60 s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L); // poll every 10 ms until the deadline
        }
        return monitor.deployments().recent(null, 1).get(0);
    }

}
