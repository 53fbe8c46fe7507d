package dev.vigil.alert.email;

import static dev.vigil.alert.email.TestNotifications.firing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vigil.alert.DeliveryException;
import dev.vigil.alert.Notification;
import dev.vigil.alert.Severity;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How failures are classified, against a scripted SMTP server on loopback: a real SMTP conversation
 * that ends in the reply under test.
 */
class EmailAlertSinkFailureTest {

    private static final String USERNAME = "AKIAVIGILTESTUSER";
    private static final String PASSWORD = "s3cret-Pa55word";
    private static final List<Notification> BATCH =
            List.of(firing("error-ratio-critical", Severity.CRITICAL, "Error rate 12.4%"));

    private static EmailAlertSink.Builder sinkFor(int port) {
        return EmailAlertSink.builder()
                .host(InetAddress.getLoopbackAddress().getHostAddress())
                .port(port)
                .from("alerts@vigil.test")
                .to("oncall@example.com")
                .connectTimeout(Duration.ofSeconds(1))
                .readTimeout(Duration.ofSeconds(1))
                .writeTimeout(Duration.ofSeconds(1));
    }

    private static DeliveryException sendFailing(EmailAlertSink sink) {
        DeliveryException failure = catchThrowableOfType(DeliveryException.class, () -> sink.send(BATCH));
        assertThat(failure).as("send should fail").isNotNull();
        return failure;
    }

    @Test
    void recipientRejectedWith550IsPermanent() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.replying("RCPT", "550 5.1.1 <oncall@example.com>: user unknown")) {
            DeliveryException failure = sendFailing(sinkFor(server.port()).build());

            assertThat(failure.isPermanent()).isTrue();
            assertThat(failure.getMessage()).contains("550", "user unknown", "127.0.0.1:" + server.port());
            assertThat(server.commands()).anyMatch(c -> c.startsWith("RCPT TO:<oncall@example.com>"));
        }
    }

    @Test
    void messageRejectedWith554AfterDataIsPermanent() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.replying(FakeSmtpServer.END_OF_DATA, "554 5.7.1 message refused as spam")) {
            DeliveryException failure = sendFailing(sinkFor(server.port()).build());

            assertThat(failure.isPermanent()).isTrue();
            assertThat(failure.getMessage()).contains("554", "refused as spam");
        }
    }

    @Test
    void recipientDeferredWith451IsTransient() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.replying("RCPT", "451 4.7.1 greylisted, try again later")) {
            DeliveryException failure = sendFailing(sinkFor(server.port()).build());

            assertThat(failure.isPermanent()).isFalse();
            assertThat(failure.getMessage()).contains("451", "greylisted");
        }
    }

    @Test
    void dataDeferredWith452IsTransient() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.replying("DATA", "452 4.3.1 insufficient system storage")) {
            DeliveryException failure = sendFailing(sinkFor(server.port()).build());

            assertThat(failure.isPermanent()).isFalse();
            assertThat(failure.getMessage()).contains("452");
        }
    }

    @Test
    void greetingWith421IsTransient() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.replying(FakeSmtpServer.GREETING, "421 4.3.2 too busy, come back later")) {
            DeliveryException failure = sendFailing(sinkFor(server.port()).build());

            assertThat(failure.isPermanent()).isFalse();
            assertThat(failure.getMessage()).contains("421", "too busy");
        }
    }

    @Test
    void greetingWith554IsPermanent() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.replying(FakeSmtpServer.GREETING, "554 5.7.1 your address is blocked")) {
            DeliveryException failure = sendFailing(sinkFor(server.port()).build());

            assertThat(failure.isPermanent()).isTrue();
            assertThat(failure.getMessage()).contains("554");
        }
    }

    @Test
    void serverThatNeverAnswersTimesOutWithinTheReadTimeoutAsTransient() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.silent()) {
            EmailAlertSink sink = sinkFor(server.port()).build();

            long start = System.nanoTime();
            DeliveryException failure = sendFailing(sink);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertThat(failure.isPermanent()).isFalse();
            assertThat(failure.getMessage()).contains("Timed out");
            // 1 s read timeout; the bound only has to be well below the 10 s default and "forever".
            assertThat(elapsed).isLessThan(Duration.ofSeconds(8));
        }
    }

    @Test
    void connectionRefusedIsTransient() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        DeliveryException failure = sendFailing(sinkFor(closedPort).build());

        assertThat(failure.isPermanent()).isFalse();
        assertThat(failure.getMessage()).contains("127.0.0.1:" + closedPort);
    }

    @Test
    void authenticationRejectedWith535IsPermanentAndCredentialsEchoedByTheServerAreRedacted() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.withAuth("535 5.7.8 bad credentials")) {
            EmailAlertSink sink = sinkFor(server.port()).username(USERNAME).password(PASSWORD).build();
            DeliveryException failure = sendFailing(sink);
            assertThat(failure.isPermanent()).isTrue();
            assertThat(failure.getMessage()).contains("authentication", "535");
            Secrets.assertNotRevealed(failure, PASSWORD, USERNAME);
        }
    }

    @Test
    void credentialsQuotedBackByTheServerAreRedacted() throws Exception {
        // A chatty server that quotes the AUTH line (base64 of user and password) in its rejection.
        try (FakeSmtpServer server = FakeSmtpServer.withAuth("535 5.7.8 rejected: " + FakeSmtpServer.ECHO)) {
            DeliveryException failure = sendFailing(sinkFor(server.port()).username(USERNAME).password(PASSWORD).build());

            String authLine = server.commands().stream().filter(c -> c.startsWith("AUTH PLAIN ")).findFirst().orElseThrow();
            assertThat(failure.isPermanent()).isTrue();
            assertThat(failure.getMessage()).contains("535", "rejected: AUTH PLAIN ****")
                    .doesNotContain(authLine.substring("AUTH PLAIN ".length()));
            Secrets.assertNotRevealed(failure, PASSWORD, USERNAME);
        }
    }

    @Test
    void passwordNeverAppearsInFailureMessages() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.replying("RCPT", "550 5.1.1 user unknown")) {
            DeliveryException failure = sendFailing(sinkFor(server.port()).username(USERNAME).password(PASSWORD).build());
            Secrets.assertNotRevealed(failure, PASSWORD, USERNAME);
        }
        try (FakeSmtpServer server = FakeSmtpServer.silent()) {
            DeliveryException failure = sendFailing(sinkFor(server.port()).username(USERNAME).password(PASSWORD).build());
            Secrets.assertNotRevealed(failure, PASSWORD, USERNAME);
        }
    }
}
