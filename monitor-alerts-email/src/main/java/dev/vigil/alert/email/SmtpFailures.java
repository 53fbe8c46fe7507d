package dev.vigil.alert.email;

import dev.vigil.alert.DeliveryException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.jspecify.annotations.Nullable;

/**
 * Turns a Jakarta Mail failure into a {@link DeliveryException} that says whether retrying can help,
 * with a message that names the server and its reply but never the credentials.
 */
final class SmtpFailures {

    private static final int MAX_CHAIN = 32;
    private static final int MAX_REPLY_CHARS = 300;
    private static final String REDACTED = "****";
    /** Shorter forms would blank out ordinary words ("u" in "refused") while hiding nothing worth hiding. */
    private static final int MIN_REDACTED_LENGTH = 4;

    private final String target;
    private final List<String> secrets;

    /**
     * @param target {@code host:port}, for messages
     * @param username redacted from messages, since some providers use an access key as SMTP user
     * @param password redacted from messages
     */
    SmtpFailures(String target, @Nullable String username, @Nullable String password) {
        this.target = target;
        this.secrets = secretForms(username, password);
    }

    /**
     * Classifies a failure by SMTP reply code first (5xx permanent, 4xx transient), then by I/O trouble
     * (transient), then authentication (permanent).
     *
     * @param failure what Jakarta Mail threw
     * @param lastReturnCode the transport's last reply code: the only place a rejected greeting or HELO
     *     leaves its code (Angus throws a plain {@link MessagingException} for those); -1 or 0 if none
     * @param notifications how many notifications the email carried
     */
    DeliveryException classify(MessagingException failure, int lastReturnCode, int notifications) {
        List<Throwable> chain = chain(failure);
        boolean io = chain.stream().anyMatch(IOException.class::isInstance);
        boolean auth = chain.stream().anyMatch(AuthenticationFailedException.class::isInstance);
        String what = notifications == 1 ? "the alert email" : "the alert email (" + notifications + " notifications)";

        Throwable reply = replyCarrier(chain);
        int code = reply != null ? replyCode(reply) : 0;
        if (reply == null && !io && isFailureCode(lastReturnCode)) {
            reply = failure;
            code = lastReturnCode;
        }
        if (reply != null) {
            String serverSaid = clean(reply.getMessage());
            String message;
            if (auth) {
                message = "SMTP authentication at " + target + " failed with " + code
                        + "; check the username and password: " + serverSaid;
            } else if (code >= 500) {
                message = "SMTP server " + target + " rejected " + what + " with " + code + ": " + serverSaid;
            } else {
                message = "SMTP server " + target + " deferred " + what + " with " + code + ": " + serverSaid;
            }
            return code >= 500 ? permanent(message, failure) : transientFailure(message, failure);
        }
        if (io) {
            Throwable cause = chain.stream().filter(IOException.class::isInstance).reduce((a, b) -> b).orElseThrow();
            String message = (cause instanceof SocketTimeoutException
                            ? "Timed out talking to SMTP server " + target + " while sending " + what
                            : "Could not send " + what + " to SMTP server " + target)
                    + ": " + cause.getClass().getSimpleName() + ": " + clean(cause.getMessage());
            return transientFailure(message, failure);
        }
        if (auth) {
            return permanent("SMTP authentication at " + target + " failed; check the username and password: "
                    + clean(failure.getMessage()), failure);
        }
        if (chain.stream().anyMatch(AddressException.class::isInstance)) {
            return permanent("SMTP server " + target + " refused an address of " + what + ": "
                    + clean(failure.getMessage()), failure);
        }
        return transientFailure("Could not send " + what + " to SMTP server " + target + ": "
                + clean(failure.getMessage()), failure);
    }

    /** The exception carrying the most severe reply code: the first 5xx, else the first 4xx. */
    private static @Nullable Throwable replyCarrier(List<Throwable> chain) {
        Throwable firstTransient = null;
        for (Throwable t : chain) {
            int code = replyCode(t);
            if (code >= 500 && code < 600) {
                return t;
            }
            if (code >= 400 && code < 500 && firstTransient == null) {
                firstTransient = t;
            }
        }
        return firstTransient;
    }

    private static int replyCode(Throwable t) {
        if (t instanceof SMTPSendFailedException e) {
            return e.getReturnCode();
        }
        if (t instanceof SMTPAddressFailedException e) {
            return e.getReturnCode();
        }
        return 0;
    }

    private static boolean isFailureCode(int code) {
        return code >= 400 && code < 600;
    }

    /** The exception and its causes; a {@link MessagingException}'s cause is its next exception. */
    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && chain.size() < MAX_CHAIN && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private DeliveryException permanent(String message, Throwable cause) {
        return mentionsSecret(cause)
                ? DeliveryException.permanent(message)
                : DeliveryException.permanent(message, cause);
    }

    private DeliveryException transientFailure(String message, Throwable cause) {
        return mentionsSecret(cause)
                ? DeliveryException.transientFailure(message, (Duration) null)
                : DeliveryException.transientFailure(message, cause);
    }

    /** Whether any message in the chain carries a credential (a server may echo an AUTH line), so it must not be attached. */
    private boolean mentionsSecret(Throwable failure) {
        for (Throwable t : chain(failure)) {
            String message = t.getMessage();
            if (message != null && secrets.stream().anyMatch(message::contains)) {
                return true;
            }
        }
        return false;
    }

    /** A server's reply text for a message: one line, bounded, credentials redacted. */
    private String clean(@Nullable String text) {
        if (text == null) {
            return "(no detail)";
        }
        String redacted = text;
        for (String secret : secrets) {
            redacted = redacted.replace(secret, REDACTED);
        }
        redacted = redacted.replaceAll("[\\r\\n\\t]+", " ").strip();
        return redacted.length() > MAX_REPLY_CHARS ? redacted.substring(0, MAX_REPLY_CHARS) + "..." : redacted;
    }

    /** The credentials as they may travel over SMTP: plain, and base64 as AUTH LOGIN and AUTH PLAIN send them. */
    private static List<String> secretForms(@Nullable String username, @Nullable String password) {
        List<String> forms = new ArrayList<>();
        Base64.Encoder base64 = Base64.getEncoder();
        for (String value : new String[] {username, password}) {
            if (value != null && !value.isEmpty()) {
                forms.add(value);
                forms.add(base64.encodeToString(value.getBytes(StandardCharsets.UTF_8)));
            }
        }
        if (username != null && password != null) {
            forms.add(base64.encodeToString(("\0" + username + "\0" + password).getBytes(StandardCharsets.UTF_8)));
            forms.add(base64.encodeToString((username + "\0" + username + "\0" + password).getBytes(StandardCharsets.UTF_8)));
        }
        forms.removeIf(form -> form.length() < MIN_REDACTED_LENGTH);
        // Longest first, so a secret containing another is redacted whole.
        forms.sort((a, b) -> Integer.compare(b.length(), a.length()));
        return List.copyOf(forms);
    }
}
