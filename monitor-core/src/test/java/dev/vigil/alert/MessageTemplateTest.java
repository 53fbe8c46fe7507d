package dev.vigil.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MessageTemplateTest {

    @Test
    void numbersHaveThreeSignificantDigitsAndNoDecimalsFromHundredOn() {
        assertThat(MessageTemplate.number(5230.4)).isEqualTo("5230");
        assertThat(MessageTemplate.number(1.534)).isEqualTo("1.53");
        assertThat(MessageTemplate.number(0.01234)).isEqualTo("0.0123");
        assertThat(MessageTemplate.number(7)).isEqualTo("7");
        assertThat(MessageTemplate.number(0)).isEqualTo("0");
        assertThat(MessageTemplate.number(Double.NaN)).isEqualTo("n/a");
    }

    @Test
    void numbersBelowHundredAreTheExactValueRoundedHalfUpLikeBigDecimal() {
        Random random = new Random(3);
        List<Double> values = new ArrayList<>(List.of(0.125, 1.005, 2.675, 12.25, 99.95, 99.949999, 99.96, 9.995, 0.0995,
                0.1, 0.3, 1e-20, 1e-21, 1e-300, Double.MIN_VALUE, 99.99999999999999, 1.0 / 3));
        for (int i = 0; i < 100_000; i++) {
            double magnitude = switch (i % 5) {
                case 0 -> random.nextDouble() * 100;
                case 1 -> Math.pow(10, -25 + random.nextDouble() * 27); // 1e-25 .. 100
                case 2 -> random.nextInt(100_000) / 1000.0; // decimals, half of them ties at the third digit
                case 3 -> (random.nextInt(900) + 100.5) * Math.pow(10, -random.nextInt(8) - 1); // ties, as near as doubles get
                default -> Math.nextAfter(Math.pow(10, -random.nextInt(10) + 1), random.nextBoolean() ? 0 : 1); // next to powers of ten
            };
            values.add(random.nextBoolean() ? magnitude : -magnitude);
        }
        for (double value : values) {
            if (value != 0 && Math.abs(value) < 100) {
                assertThat(MessageTemplate.number(value)).as("%s", value)
                        .isEqualTo(new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString());
            }
        }
    }

    @Test
    void percentagesMillisecondsAndDurationsReadNaturally() {
        assertThat(MessageTemplate.percent(0.124)).isEqualTo("12.4%");
        assertThat(MessageTemplate.percent(0.1)).isEqualTo("10%");
        assertThat(MessageTemplate.millis(5230)).isEqualTo("5.2s");
        assertThat(MessageTemplate.millis(850)).isEqualTo("850ms");
        assertThat(MessageTemplate.duration(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(MessageTemplate.duration(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(MessageTemplate.duration(Duration.ofHours(72))).isEqualTo("3d");
        assertThat(MessageTemplate.duration(Duration.ofHours(24))).isEqualTo("24h");
        assertThat(MessageTemplate.eta(Duration.ofHours(41))).isEqualTo("in about 41 hours");
        assertThat(MessageTemplate.eta(Duration.ofMinutes(50))).isEqualTo("in about 50 minutes");
        assertThat(MessageTemplate.eta(Duration.ofDays(5))).isEqualTo("in about 5 days");
        assertThat(MessageTemplate.eta(Duration.ZERO)).isEqualTo("within a minute");
    }

    @Test
    void rendersEveryPlaceholder() {
        MessageTemplate template = MessageTemplate.parse(
                "{metric}|{series}|{labels}|{label:route}|{label:missing}|{value}|{value%}|{limit:ms}|{window}",
                MessageTemplate.COMMON);

        assertThat(template.render("http.route.error.ratio", new TreeMap<>(Map.of("route", "/a", "platform", "ios")), 0.5, 1500,
                Double.NaN, Duration.ofMinutes(5), null))
                .isEqualTo("http.route.error.ratio|http.route.error.ratio{platform=ios, route=/a}|platform=ios, route=/a"
                        + "|/a|(none)|0.5|50%|1.5s|5m");
    }
}
