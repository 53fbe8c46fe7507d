package dev.vigil.spring.boot.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.vigil.Monitor;
import dev.vigil.health.HealthResult;
import dev.vigil.health.HealthStatus;
import dev.vigil.metrics.MetricCollector;
import dev.vigil.spring.boot.VigilAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The README's Spring Boot quick start is this package's {@link MonitoringConfiguration}, word for word (without
 * the package line): the code block tagged {@code java quick-start} must equal the file, so the README compiles
 * as written. And it works: its checks and collector are registered and report.
 */
class ReadmeQuickStartTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path SOURCE = Path.of("src", "test", "java", "dev", "vigil", "spring", "boot", "quickstart",
            "MonitoringConfiguration.java");
    private static final Pattern TAGGED = Pattern.compile("```java quick-start\\n(.*?)```", Pattern.DOTALL);

    static List<String> quickStartBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher matcher = TAGGED.matcher(markdown);
        while (matcher.find()) {
            blocks.add(matcher.group(1));
        }
        return blocks;
    }

    @Test
    void readmeQuickStartIsTheCompiledSource() throws IOException {
        String source = Files.readString(SOURCE).replaceFirst("^package [^;]+;\\n\\n", "");
        assertThat(quickStartBlocks(Files.readString(README))).containsExactly(source);
    }

    @Test
    void quickStartChecksAndCollectorRegister() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(VigilAutoConfiguration.class))
                .withUserConfiguration(MonitoringConfiguration.class)
                .withBean(PaymentClient.class, () -> () -> false)
                .withBean(MediaStore.class, () -> HealthResult::up)
                .withBean(OrderRepository.class, () -> new OrderRepository() {
                    @Override
                    public long countToday() {
                        return 42;
                    }

                    @Override
                    public double revenueToday() {
                        return 1234.5;
                    }
                })
                .run(context -> {
                    Monitor monitor = context.getBean(Monitor.class);
                    assertThat(monitor.health().names()).contains("paymentsGateway", "media-storage");
                    assertThat(monitor.health().registration("media-storage").orElseThrow().critical()).isFalse();
                    HealthResult payments = monitor.health().registration("paymentsGateway").orElseThrow().check().check();
                    assertThat(payments.status()).isEqualTo(HealthStatus.DOWN);
                    assertThat(payments.suggestedAction()).isEqualTo("restart_gateway");
                    assertThat(context.getBean("orders", MetricCollector.class).collect())
                            .extracting(sample -> sample.name() + "=" + sample.value() + sample.tags())
                            .containsExactly("orders.today=42.0{}", "orders.revenue.today=1234.5{currency=EUR}");
                });
    }
}
