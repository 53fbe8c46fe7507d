package dev.vigil.alert.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlackTextTest {

    @Test
    void shortTextIsOnlyEscaped() {
        assertThat(SlackText.mrkdwn("a < b && c > d", 100)).isEqualTo("a &lt; b &amp;&amp; c &gt; d");
        assertThat(SlackText.plain("a < b", 100)).isEqualTo("a < b");
    }

    @Test
    void longTextIsCutToTheLimitWithAMarker() {
        String cut = SlackText.mrkdwn("x".repeat(5000), 3000);

        assertThat(cut).hasSize(3000).endsWith("… (truncated)");
    }

    @Test
    void cutNeverSplitsAnEntityOrASurrogatePair() {
        String entities = SlackText.mrkdwn("<".repeat(100), 30);
        assertThat(entities).hasSizeLessThanOrEqualTo(30).isEqualTo("&lt;&lt;&lt;&lt;" + SlackText.TRUNCATED);

        String emoji = SlackText.plain("🔴".repeat(100), 10);
        assertThat(emoji).hasSizeLessThanOrEqualTo(10).isEqualTo("🔴🔴🔴🔴…");
    }
}
