package dev.vigil.alert.email;

import static dev.vigil.alert.email.TestNotifications.firing;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.vigil.alert.AlertSink;
import dev.vigil.alert.Notification;
import dev.vigil.alert.Severity;
import dev.vigil.alert.delivery.AlertDispatcher;
import dev.vigil.alert.delivery.AlertRouter;
import dev.vigil.alert.delivery.DeliverySettings;
import dev.vigil.alert.delivery.MemoryNotificationOutbox;
import dev.vigil.alert.delivery.OutboxEntry;
import dev.vigil.alert.delivery.OutboxStatus;
import dev.vigil.alert.delivery.SinkStatus;
import dev.vigil.test.MutableClock;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Delivery of email through the dispatcher (outbox, retries, backoff, dead letters) against real SMTP
 * servers on loopback: GreenMail, a server that accepts connections and never greets, and the scripted
 * {@link FakeSmtpServer}. The dispatcher is driven with {@link AlertDispatcher#deliverDue()} and a test
 * clock; jitter is off so the retry schedule is exact.
 */
class EmailDeliveryTest {

    private static final String USERNAME = "vigil-alerts";
    private static final String PASSWORD = "s3cret-Pa55word";
    private static final Duration SMTP_TIMEOUT = Duration.ofMillis(500);

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@vigil.test", USERNAME, PASSWORD));

    private final MutableClock clock = MutableClock.atFixedStart();
    private final Instant t0 = clock.instant();
    private final MemoryNotificationOutbox outbox = new MemoryNotificationOutbox();
    private final List<AlertDispatcher> dispatchers = new ArrayList<>();

    @AfterEach
    void closeDispatchers() {
        dispatchers.forEach(AlertDispatcher::close);
    }

    @Test
    void criticalNotificationIsDeliveredAsOneMail() throws Exception {
        AlertDispatcher dispatcher = dispatcher(sinkFor(greenMail.getSmtp().getBindTo(), greenMail.getSmtp().getPort()));
        Notification critical = firing("error-ratio-critical", Severity.CRITICAL, "Error rate 12.4% on /media-upload");
        dispatcher.submit(critical);

        dispatcher.deliverDue();

        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("[Vigil] CRITICAL: error-ratio-critical firing on vigil-demo");
        assertThat(emailEntry(critical)).satisfies(e -> {
            assertThat(e.status()).isEqualTo(OutboxStatus.SENT);
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.lastError()).isNull();
        });
        assertThat(dispatcher.sinkStatus().get("email")).satisfies(s -> {
            assertThat(s.health()).isEqualTo(SinkStatus.Health.HEALTHY);
            assertThat(s.pending()).isZero();
            assertThat(s.lastSuccessAt()).isEqualTo(t0);
        });
    }

    @Test
    void serverThatNeverAnswersLeavesTheEntryRetryingAndItIsAttemptedAgainAfterTheBackoff() throws Exception {
        try (SilentSmtpServer server = new SilentSmtpServer()) {
            AlertDispatcher dispatcher = dispatcher(sinkFor(loopback(), server.port()));
            Notification critical = firing("error-ratio-critical", Severity.CRITICAL, "Error rate 12.4%");
            dispatcher.submit(critical);

            dispatcher.deliverDue();

            assertThat(server.awaitConnections(1)).isTrue();
            assertThat(emailEntry(critical)).satisfies(e -> {
                assertThat(e.status()).isEqualTo(OutboxStatus.RETRYING);
                assertThat(e.attempts()).isEqualTo(1);
                assertThat(e.nextAttemptAt()).isEqualTo(t0.plusSeconds(1));
                // the sink's own read timeout fired, not the dispatcher's send timeout
                assertThat(e.lastError()).startsWith("Timed out talking to SMTP server " + loopback() + ":" + server.port());
            });
            assertThat(dispatcher.sinkStatus().get("email")).satisfies(s -> {
                assertThat(s.deadLettered()).isZero();
                assertThat(s.pending()).isEqualTo(1);
                assertThat(s.consecutiveFailures()).isEqualTo(1);
            });

            clock.advance(Duration.ofMillis(999));
            dispatcher.deliverDue();
            assertThat(emailEntry(critical).attempts()).as("not attempted before the backoff").isEqualTo(1);
            assertThat(server.connections()).isEqualTo(1);

            clock.advance(Duration.ofMillis(1));
            dispatcher.deliverDue();

            assertThat(server.awaitConnections(2)).as("a second connection").isTrue();
            assertThat(emailEntry(critical)).satisfies(e -> {
                assertThat(e.status()).isEqualTo(OutboxStatus.RETRYING);
                assertThat(e.attempts()).isEqualTo(2);
                assertThat(e.nextAttemptAt()).isEqualTo(t0.plusSeconds(1 + 2));
            });
            assertNoCredentialsIn(dispatcher);
        }
    }

    @Test
    void rejectionWith550IsDeadLetteredAfterOneAttemptAndNotRetried() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.replying("RCPT", "550 5.1.1 <oncall@example.com>: user unknown")) {
            AlertDispatcher dispatcher = dispatcher(sinkFor(loopback(), server.port()));
            Notification critical = firing("error-ratio-critical", Severity.CRITICAL, "Error rate 12.4%");
            dispatcher.submit(critical);

            dispatcher.deliverDue();
            clock.advance(Duration.ofHours(1));
            dispatcher.deliverDue();

            assertThat(server.commands()).filteredOn(c -> c.startsWith("RCPT TO:")).hasSize(1);
            assertThat(emailEntry(critical)).satisfies(e -> {
                assertThat(e.status()).isEqualTo(OutboxStatus.DEAD_LETTERED);
                assertThat(e.attempts()).isEqualTo(1);
                assertThat(e.lastError()).contains("550", "user unknown");
            });
            assertThat(dispatcher.sinkStatus().get("email")).satisfies(s -> {
                assertThat(s.health()).isEqualTo(SinkStatus.Health.DEGRADED);
                assertThat(s.deadLettered()).isEqualTo(1);
                assertThat(s.pending()).isZero();
                assertThat(s.lastError()).contains("550");
            });
            assertNoCredentialsIn(dispatcher);
        }
    }

    @Test
    void smtpPasswordNeverReachesTheOutboxOrTheSinkStatusEvenWhenTheServerQuotesIt() throws Exception {
        // A chatty server that rejects AUTH quoting the AUTH line, i.e. the base64 of username and password.
        try (FakeSmtpServer server = FakeSmtpServer.withAuth("535 5.7.8 rejected: " + FakeSmtpServer.ECHO)) {
            AlertDispatcher dispatcher = dispatcher(sinkFor(loopback(), server.port()));
            Notification critical = firing("error-ratio-critical", Severity.CRITICAL, "Error rate 12.4%");
            dispatcher.submit(critical);

            dispatcher.deliverDue();

            String authLine = server.commands().stream().filter(c -> c.startsWith("AUTH PLAIN ")).findFirst().orElseThrow();
            assertThat(emailEntry(critical)).satisfies(e -> {
                assertThat(e.status()).isEqualTo(OutboxStatus.DEAD_LETTERED);
                assertThat(e.lastError()).contains("535", "rejected: AUTH PLAIN ****")
                        .doesNotContain(authLine.substring("AUTH PLAIN ".length()));
            });
            assertThat(dispatcher.sinkStatus().get("email").lastError())
                    .doesNotContain(authLine.substring("AUTH PLAIN ".length()));
            assertNoCredentialsIn(dispatcher);
        }
    }

    // ---- helpers ----

    private AlertDispatcher dispatcher(EmailAlertSink sink) {
        Map<String, AlertSink> sinks = Map.of("email", sink);
        // The send timeout is far above the sink's SMTP timeouts, so the sink's own timeout is what fires.
        DeliverySettings settings = DeliverySettings.builder().jitter(0).sendTimeout(Duration.ofSeconds(30)).build();
        AlertDispatcher dispatcher = new AlertDispatcher(clock, outbox, sinks, AlertRouter.defaults(Set.of("email")), settings);
        dispatchers.add(dispatcher);
        return dispatcher;
    }

    private static EmailAlertSink sinkFor(String host, int port) {
        return EmailAlertSink.builder()
                .host(host)
                .port(port)
                .username(USERNAME)
                .password(PASSWORD)
                .from("alerts@vigil.test")
                .to("oncall@example.com")
                .connectTimeout(SMTP_TIMEOUT)
                .readTimeout(SMTP_TIMEOUT)
                .writeTimeout(SMTP_TIMEOUT)
                .build();
    }

    private static String loopback() {
        return InetAddress.getLoopbackAddress().getHostAddress();
    }

    private OutboxEntry emailEntry(Notification notification) {
        String id = OutboxEntry.idOf(notification, "email");
        return outbox.recent(1_000).stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
    }

    /** Neither the outbox (entries and their admin JSON) nor the sink status (and its JSON) carries a credential. */
    private void assertNoCredentialsIn(AlertDispatcher dispatcher) {
        for (OutboxEntry entry : outbox.recent(1_000)) {
            Secrets.assertNotRevealed(String.valueOf(entry.lastError()), PASSWORD, USERNAME);
            Secrets.assertNotRevealed(entry.toJson().toString(), PASSWORD, USERNAME);
        }
        for (SinkStatus status : dispatcher.sinkStatus().values()) {
            Secrets.assertNotRevealed(String.valueOf(status.lastError()), PASSWORD, USERNAME);
            Secrets.assertNotRevealed(status.toJson().toString(), PASSWORD, USERNAME);
        }
    }

    /** Accepts connections on loopback and never says a word (no greeting): an SMTP server that hangs. */
    private static final class SilentSmtpServer implements AutoCloseable {

        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final Semaphore accepted = new Semaphore(0);
        private final List<Socket> clients = new CopyOnWriteArrayList<>();
        private final Thread acceptor = new Thread(this::acceptLoop, "silent-smtp");

        SilentSmtpServer() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        /** Connections accepted so far. */
        int connections() {
            return accepted.availablePermits();
        }

        /** Waits, with a deadline, until {@code count} connections in total have been accepted. */
        boolean awaitConnections(int count) throws InterruptedException {
            if (!accepted.tryAcquire(count, 5, TimeUnit.SECONDS)) {
                return false;
            }
            accepted.release(count);
            return true;
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                try {
                    clients.add(server.accept());
                    accepted.release();
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        @Override
        public void close() throws Exception {
            server.close();
            for (Socket client : clients) {
                client.close();
            }
            acceptor.join(5_000);
        }
    }
}
