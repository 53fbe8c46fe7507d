package dev.vigil.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
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
