package dev.vigil.alert.email;

import dev.vigil.alert.AlertSink;
import dev.vigil.alert.DeliveryException;
import dev.vigil.alert.Notification;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.jspecify.annotations.Nullable;

/**
 * Sends alert notifications as email over SMTP: one {@code multipart/alternative} message (plain text
 * and HTML) per batch, to every configured recipient.
 *
 * <p>Failures are classified for the outbox: SMTP 4xx replies, connection failures and timeouts are
 * {@linkplain DeliveryException#transientFailure(String, Throwable) transient} (retried); 5xx replies,
 * including authentication failure (535), are {@linkplain DeliveryException#permanent(String) permanent}
 * (dead-lettered). Delivery is all-or-nothing: if the server rejects any recipient, nothing is sent, so a
 * retry never duplicates mail. Connect, read and write timeouts are always set (Jakarta Mail's defaults
 * are infinite). Neither the username nor the password ever appears in an exception message or in
 * {@link #toString()}.
 *
 * <pre>{@code
 * AlertSink email = EmailAlertSink.builder()
 *         .host("smtp.example.com")
 *         .username("alerts@example.com").password(secret)
 *         .from("alerts@example.com")
 *         .to("oncall@example.com")
 *         .build();
 * }</pre>
 */
public final class EmailAlertSink implements AlertSink {

    /** The default SMTP port: message submission with STARTTLS. */
    public static final int DEFAULT_PORT = 587;

    /** The port of SMTP over implicit TLS ("SMTPS"), which turns {@code ssl} on by default. */
    public static final int SSL_PORT = 465;

    /** The default connect, read and write timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** The default subject prefix. */
    public static final String DEFAULT_SUBJECT_PREFIX = "[Vigil]";

    private final String host;
    private final int port;
    private final @Nullable String username;
    private final @Nullable String password;
    private final InternetAddress from;
    private final List<InternetAddress> to;
    private final boolean startTls;
    private final boolean ssl;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration writeTimeout;
    private final EmailContent content;
    private final Clock clock;
    private final Session session;
    private final SmtpFailures failures;

    private EmailAlertSink(Builder b, InternetAddress from, List<InternetAddress> to, boolean startTls, boolean ssl) {
        this.host = Objects.requireNonNull(b.host);
        this.port = b.port;
        this.username = b.username;
        this.password = b.password;
        this.from = from;
        this.to = List.copyOf(to);
        this.startTls = startTls;
        this.ssl = ssl;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.writeTimeout = b.writeTimeout;
        this.content = new EmailContent(b.subjectPrefix, b.serviceName);
        this.clock = b.clock;
        this.session = Session.getInstance(sessionProperties());
        this.failures = new SmtpFailures(host + ":" + port, username, password);
    }

    /** A builder; {@code host}, {@code from} and at least one {@code to} address are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Sends the batch as one email and returns once the SMTP server has accepted it for every recipient.
     *
     * @param batch one or more notifications, oldest first; an empty batch sends nothing
     * @throws DeliveryException transient for SMTP 4xx replies, I/O failures and timeouts; permanent for
     *     SMTP 5xx replies (including authentication failure) and for a message that cannot be built
     */
    @Override
    public void send(List<Notification> batch) throws DeliveryException {
        if (batch.isEmpty()) {
            return;
        }
        MimeMessage message = compose(batch);
        Transport transport;
        try {
            transport = session.getTransport("smtp");
        } catch (MessagingException e) {
            throw DeliveryException.permanent("No SMTP transport available (is angus-mail on the class path?)", e);
        }
        try {
            transport.connect(host, port, username, password);
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException e) {
            throw failures.classify(e, lastReturnCode(transport), batch.size());
        } finally {
            closeQuietly(transport);
        }
    }

    private MimeMessage compose(List<Notification> batch) throws DeliveryException {
        EmailContent.Rendered rendered = content.render(batch);
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(from);
            message.setRecipients(Message.RecipientType.TO, to.toArray(new InternetAddress[0]));
            message.setSubject(rendered.subject(), StandardCharsets.UTF_8.name());
            message.setSentDate(Date.from(clock.instant()));
            // RFC 3834: keeps vacation responders and ticket systems from answering alert mail.
            message.setHeader("Auto-Submitted", "auto-generated");

            MimeBodyPart text = new MimeBodyPart();
            text.setText(rendered.text(), StandardCharsets.UTF_8.name(), "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(rendered.html(), StandardCharsets.UTF_8.name(), "html");
            // multipart/alternative lists the preferred representation last.
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            message.setContent(alternative);
            message.saveChanges();
            return message;
        } catch (MessagingException e) {
            throw DeliveryException.permanent("Could not build the alert email: " + e.getMessage(), e);
        }
    }

    private Properties sessionProperties() {
        Properties props = new Properties();
        props.setProperty("mail.smtp.host", host);
        props.setProperty("mail.smtp.port", Integer.toString(port));
        props.setProperty("mail.smtp.connectiontimeout", Long.toString(connectTimeout.toMillis()));
        props.setProperty("mail.smtp.timeout", Long.toString(readTimeout.toMillis()));
        props.setProperty("mail.smtp.writetimeout", Long.toString(writeTimeout.toMillis()));
        props.setProperty("mail.smtp.auth", Boolean.toString(username != null));
        props.setProperty("mail.smtp.ssl.enable", Boolean.toString(ssl));
        // STARTTLS is required when asked for: never fall back to sending credentials in clear text.
        props.setProperty("mail.smtp.starttls.enable", Boolean.toString(startTls));
        props.setProperty("mail.smtp.starttls.required", Boolean.toString(startTls));
        props.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        return props;
    }

    private static int lastReturnCode(Transport transport) {
        return transport instanceof SMTPTransport smtp ? smtp.getLastReturnCode() : -1;
    }

    private static void closeQuietly(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException | RuntimeException ignored) {
            // The message was accepted (or the failure was already reported); a failed QUIT changes nothing.
        }
    }

    /** Describes the target without credentials. */
    @Override
    public String toString() {
        return "EmailAlertSink[host=" + host + ", port=" + port
                + ", security=" + (ssl ? "ssl" : startTls ? "starttls" : "none")
                + ", authenticated=" + (username != null)
                + ", from=" + from.getAddress()
                + ", to=" + to.stream().map(InternetAddress::getAddress).toList()
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", writeTimeout=" + writeTimeout + "]";
    }

    /** Builds an {@link EmailAlertSink}; validation happens in {@link #build()}. */
    public static final class Builder {

        private @Nullable String host;
        private int port = DEFAULT_PORT;
        private @Nullable String username;
        private @Nullable String password;
        private @Nullable String from;
        private List<String> to = List.of();
        private @Nullable Boolean startTls;
        private @Nullable Boolean ssl;
        private Duration connectTimeout = DEFAULT_TIMEOUT;
        private Duration readTimeout = DEFAULT_TIMEOUT;
        private Duration writeTimeout = DEFAULT_TIMEOUT;
        private String subjectPrefix = DEFAULT_SUBJECT_PREFIX;
        private @Nullable String serviceName;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The SMTP server's host name or address (required). */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The SMTP server's port; {@value EmailAlertSink#DEFAULT_PORT} by default. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The user to authenticate as; without it no authentication is attempted. Requires a password. */
        public Builder username(String username) {
            this.username = Objects.requireNonNull(username, "username");
            return this;
        }

        /** The password for {@link #username(String)}; never logged nor put in an exception message. */
        public Builder password(String password) {
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** The sender address, e.g. {@code "Vigil <alerts@example.com>"} (required). */
        public Builder from(String from) {
            this.from = Objects.requireNonNull(from, "from");
            return this;
        }

        /** The recipients (at least one), replacing any set before. */
        public Builder to(String... to) {
            return to(List.of(to));
        }

        /** The recipients (at least one), replacing any set before. */
        public Builder to(Collection<String> to) {
            this.to = List.copyOf(to);
            return this;
        }

        /**
         * Whether to upgrade the connection with STARTTLS, and refuse to go on without it; by default on
         * when the port is {@value EmailAlertSink#DEFAULT_PORT} and {@code ssl} is off.
         */
        public Builder startTls(boolean startTls) {
            this.startTls = startTls;
            return this;
        }

        /** Whether to connect with implicit TLS (SMTPS); by default on when the port is {@value EmailAlertSink#SSL_PORT}. */
        public Builder ssl(boolean ssl) {
            this.ssl = ssl;
            return this;
        }

        /** How long to wait for the TCP (and TLS) connection; {@link EmailAlertSink#DEFAULT_TIMEOUT} by default. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
            return this;
        }

        /** How long to wait for each server reply; {@link EmailAlertSink#DEFAULT_TIMEOUT} by default. */
        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
            return this;
        }

        /** How long a write to the server may block; {@link EmailAlertSink#DEFAULT_TIMEOUT} by default. */
        public Builder writeTimeout(Duration writeTimeout) {
            this.writeTimeout = Objects.requireNonNull(writeTimeout, "writeTimeout");
            return this;
        }

        /** The text every subject starts with; {@value EmailAlertSink#DEFAULT_SUBJECT_PREFIX} by default, may be empty. */
        public Builder subjectPrefix(String subjectPrefix) {
            this.subjectPrefix = Objects.requireNonNull(subjectPrefix, "subjectPrefix");
            return this;
        }

        /** The service name shown in subject and body; by default each notification's own service. */
        public Builder serviceName(String serviceName) {
            this.serviceName = Objects.requireNonNull(serviceName, "serviceName");
            return this;
        }

        /** The clock for the message's {@code Date} header; the system UTC clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Validates the settings and builds the sink.
         *
         * @throws IllegalArgumentException naming the first invalid setting
         */
        public EmailAlertSink build() {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("host is required");
            }
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
            }
            if ((username == null) != (password == null)) {
                throw new IllegalArgumentException("username and password must be set together");
            }
            if (username != null && username.isBlank()) {
                throw new IllegalArgumentException("username must not be blank");
            }
            requireTimeout("connectTimeout", connectTimeout);
            requireTimeout("readTimeout", readTimeout);
            requireTimeout("writeTimeout", writeTimeout);
            if (from == null) {
                throw new IllegalArgumentException("from is required");
            }
            InternetAddress fromAddress = parse("from", from);
            if (to.isEmpty()) {
                throw new IllegalArgumentException("to needs at least one address");
            }
            List<InternetAddress> toAddresses = new ArrayList<>(to.size());
            for (String address : to) {
                toAddresses.add(parse("to", address));
            }
            boolean useSsl = ssl != null ? ssl : port == SSL_PORT;
            boolean useStartTls = startTls != null ? startTls : port == DEFAULT_PORT && !useSsl;
            if (useSsl && useStartTls) {
                throw new IllegalArgumentException("ssl and startTls are exclusive: choose one");
            }
            return new EmailAlertSink(this, fromAddress, toAddresses, useStartTls, useSsl);
        }

        private static void requireTimeout(String name, Duration timeout) {
            // Jakarta Mail reads 0 ms as "no timeout", so anything under a millisecond is refused too.
            if (timeout.compareTo(Duration.ofMillis(1)) < 0 || timeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
                throw new IllegalArgumentException(name + " must be between 1 ms and "
                        + Integer.MAX_VALUE + " ms, was " + timeout);
            }
        }

        private static InternetAddress parse(String setting, String address) {
            try {
                return new InternetAddress(address, true);
            } catch (AddressException e) {
                throw new IllegalArgumentException(setting + " is not a valid email address: " + address, e);
            }
        }
    }
}
