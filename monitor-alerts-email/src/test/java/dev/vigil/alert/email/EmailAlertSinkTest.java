package dev.vigil.alert.email;

import static dev.vigil.alert.email.TestNotifications.firing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.vigil.alert.DeliveryException;
import dev.vigil.alert.Severity;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Delivery to a real SMTP server (GreenMail on a dynamic loopback port). */
class EmailAlertSinkTest {

    private static final String LOGIN = "vigil-alerts";
    private static final String PASSWORD = "s3cret-Pa55word";

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@vigil.test", LOGIN, PASSWORD));

    private static EmailAlertSink.Builder sink() {
        return EmailAlertSink.builder()
                .host(greenMail.getSmtp().getBindTo())
                .port(greenMail.getSmtp().getPort())
                .from("Vigil <alerts@vigil.test>")
                .to("oncall@example.com", "team@example.com")
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(5))
                .writeTimeout(Duration.ofSeconds(5));
    }

    @Test
    void firingCriticalArrivesAsMultipartWithSubjectSenderAndRecipients() throws Exception {
        sink().build().send(List.of(firing("error-ratio-critical", Severity.CRITICAL,
                "Error rate 12.4% on /media-upload above 10%")));

        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(2); // one copy per recipient mailbox
        MimeMessage mail = received[0];
        assertThat(mail.getSubject()).isEqualTo("[Vigil] CRITICAL: error-ratio-critical firing on vigil-demo");
        assertThat(mail.getFrom()).containsExactly(new InternetAddress("Vigil <alerts@vigil.test>"));
        assertThat(Arrays.stream(mail.getAllRecipients()).map(Address::toString))
                .containsExactly("oncall@example.com", "team@example.com");
        assertThat(mail.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(mail.getContentType()).startsWith("multipart/alternative");

        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        BodyPart text = parts.getBodyPart(0);
        BodyPart html = parts.getBodyPart(1);
        assertThat(text.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(html.getContentType()).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
        assertThat((String) text.getContent())
                .contains("Error rate 12.4% on /media-upload above 10%", "0.124",
                        "platform=ios, route=/media-upload", "2026-11-03 10:15:00 UTC", "restart-workers");
        assertThat((String) html.getContent())
                .contains("<table", "#c62828", "Error rate 12.4% on /media-upload above 10%", "0.124",
                        "platform=ios, route=/media-upload", "2026-11-03 10:15:00 UTC", "restart-workers");
    }

    @Test
    void alertTextIsEscapedInTheHtmlPart() throws Exception {
        sink().to("oncall@example.com").build().send(List.of(firing("xss<rule>", Severity.WARNING,
                "<script>alert('x')</script> & \"quotes\"")));

        MimeMessage mail = greenMail.getReceivedMessages()[0];
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        String html = (String) parts.getBodyPart(1).getContent();
        assertThat(html)
                .doesNotContain("<script>", "xss<rule>")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;", "xss&lt;rule&gt;");
        // The plain-text part carries the text as it is.
        assertThat((String) parts.getBodyPart(0).getContent()).contains("<script>alert('x')</script>");
    }

    @Test
    void batchOfThreeArrivesAsOneMail() throws Exception {
        sink().to("oncall@example.com").build().send(List.of(
                firing("error-ratio-critical", Severity.CRITICAL, "Error rate 12.4%"),
                firing("latency-p99", Severity.WARNING, "p99 2.1s"),
                firing("disk-space", Severity.WARNING, "Disk 91% full")));

        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("[Vigil] 3 alerts (1 critical, 2 warning) on vigil-demo");
        String html = (String) ((MimeMultipart) received[0].getContent()).getBodyPart(1).getContent();
        assertThat(html.split("<table", -1)).hasSize(4);
        assertThat(html).contains("error-ratio-critical", "latency-p99", "disk-space");
    }

    @Test
    void authenticatesWithUsernameAndPassword() throws Exception {
        sink().to("oncall@example.com").username(LOGIN).password(PASSWORD).build()
                .send(List.of(firing("error-ratio-critical", Severity.CRITICAL, "Error rate 12.4%")));

        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }

    @Test
    void wrongPasswordIsPermanentAndNeverRevealsCredentials() {
        String wrong = "wr0ng-Passw0rd";
        EmailAlertSink sink = sink().username(LOGIN).password(wrong).build();

        assertThatThrownBy(() -> sink.send(List.of(firing("error-ratio-critical", Severity.CRITICAL, "x"))))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.isPermanent()).isTrue();
                    assertThat(e.getMessage()).contains("authentication", "535");
                    Secrets.assertNotRevealed(e, wrong, LOGIN);
                });
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        Secrets.assertNotRevealed(sink.toString(), wrong, LOGIN);
    }
}
