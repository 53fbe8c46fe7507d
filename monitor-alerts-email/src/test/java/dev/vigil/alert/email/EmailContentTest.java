package dev.vigil.alert.email;

import static dev.vigil.alert.email.TestNotifications.firing;
import static dev.vigil.alert.email.TestNotifications.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.alert.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmailContentTest {

    private final EmailContent content = new EmailContent("[Vigil]", null);

    @Test
    void singleResolvedNotificationSaysResolved() {
        EmailContent.Rendered rendered = content.render(List.of(resolved("error-ratio-critical", Severity.CRITICAL)));

        assertThat(rendered.subject()).isEqualTo("[Vigil] CRITICAL: error-ratio-critical resolved on vigil-demo");
        assertThat(rendered.text()).contains("[RESOLVED]", "Resolved at:", "2026-11-03 10:25:00 UTC").doesNotContain("Value:");
        assertThat(rendered.html()).contains("#2e7d32");
    }

    @Test
    void batchSubjectCountsFiringBySeverityAndResolvedApart() {
        EmailContent.Rendered rendered = content.render(List.of(
                firing("a", Severity.WARNING, "m"),
                resolved("b", Severity.CRITICAL),
                firing("c", Severity.CRITICAL, "m"),
                firing("d", Severity.INFO, "m")));

        assertThat(rendered.subject()).isEqualTo("[Vigil] 4 alerts (1 critical, 1 warning, 1 info, 1 resolved) on vigil-demo");
    }

    @Test
    void serviceNameAndPrefixAreConfigurableAndControlCharactersLeaveTheSubject() {
        EmailContent custom = new EmailContent("", "checkout\r\nBcc: evil@example.com");

        assertThat(custom.render(List.of(firing("r", Severity.WARNING, "m"))).subject())
                .isEqualTo("WARNING: r firing on checkout Bcc: evil@example.com");
    }

    @Test
    void textAndHtmlCarryTheSameFields() {
        EmailContent.Rendered rendered = content.render(List.of(firing("r", Severity.WARNING, "Disk 91% full")));

        for (String field : List.of("Service", "Severity", "Message", "Value", "Labels", "Since", "Firing since",
                "Suggested action", "Alert id")) {
            assertThat(rendered.text()).contains(field + ":");
            assertThat(rendered.html()).contains(">" + field + "</td>");
        }
    }

    @Test
    void numbersAreShortAndPlain() {
        assertThat(EmailContent.number(0.124)).isEqualTo("0.124");
        assertThat(EmailContent.number(12.0)).isEqualTo("12");
        assertThat(EmailContent.number(2.0 / 3)).isEqualTo("0.666667");
        assertThat(EmailContent.number(1_234_567.0)).isEqualTo("1234570");
        assertThat(EmailContent.number(0.0)).isEqualTo("0");
        assertThat(EmailContent.number(1e-9)).isEqualTo("1E-9");
        assertThat(EmailContent.number(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
    }

    @Test
    void escapeCoversMarkupAndAttributeQuotes() {
        assertThat(EmailContent.escape("<a href=\"x\" title='y'>&</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
    }
}
