package dev.vigil.alert.slack;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Slack's request signing (<a href="https://api.slack.com/authentication/verifying-requests-from-slack">verifying
 * requests from Slack</a>): {@code X-Slack-Signature: v0=<hex HMAC-SHA256(signing secret, "v0:" + timestamp + ":" +
 * raw body)>}, with {@code X-Slack-Request-Timestamp} in Unix seconds. A request is genuine when its timestamp is
 * within {@link #TOLERANCE} of now, in either direction, and its signature matches one of the configured secrets
 * (several while a secret is rotated), compared in constant time over the body's exact bytes.
 */
public final class SlackSignature {

    /** How far a request's timestamp may be from now, either way: 5 minutes, as Slack recommends. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private static final String VERSION = "v0";
    private static final int MAX_TIMESTAMP_DIGITS = 12;

    private SlackSignature() {
    }

    /**
     * The {@code X-Slack-Signature} value for {@code body} sent at {@code timestamp} (Unix seconds as text) and signed
     * with {@code secret}: {@code v0=} and 64 lower-case hex digits.
     */
    public static String sign(String secret, String timestamp, byte[] body) {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(body, "body");
        return VERSION + "=" + HexFormat.of().formatHex(mac(secret, timestamp, body));
    }

    /**
     * Whether a request is genuine: its timestamp parses and lies within {@link #TOLERANCE} of {@code now}, and its
     * signature is {@link #sign} of the body with one of {@code secrets}. Missing headers are not genuine.
     *
     * @param secrets the signing secrets accepted (the app's current one, and the previous one while rotating)
     * @param timestamp the {@code X-Slack-Request-Timestamp} header, or null
     * @param signature the {@code X-Slack-Signature} header, or null
     * @param body the request body's exact bytes, still form-encoded
     * @param now the time to judge the timestamp against
     */
    public static boolean verify(List<String> secrets, @Nullable String timestamp, @Nullable String signature, byte[] body,
            Instant now) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(now, "now");
        if (secrets.isEmpty() || timestamp == null || signature == null || !fresh(timestamp.strip(), now)) {
            return false;
        }
        String presented = signature.strip();
        if (!presented.startsWith(VERSION + "=") || presented.length() != VERSION.length() + 1 + 64) {
            return false;
        }
        byte[] expectedBytes;
        try {
            expectedBytes = HexFormat.of().parseHex(presented.substring(VERSION.length() + 1));
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        boolean matched = false;
        for (String secret : secrets) {
            // every secret is tried, so the time taken does not tell which one matched
            matched |= MessageDigest.isEqual(mac(secret, timestamp.strip(), body), expectedBytes);
        }
        return matched;
    }

    /** Whether {@code timestamp} (Unix seconds) lies within {@link #TOLERANCE} of {@code now}, either way. */
    static boolean fresh(String timestamp, Instant now) {
        if (timestamp.isEmpty() || timestamp.length() > MAX_TIMESTAMP_DIGITS || !timestamp.chars().allMatch(Character::isDigit)) {
            return false;
        }
        long seconds = Long.parseLong(timestamp);
        return Math.abs(now.getEpochSecond() - seconds) <= TOLERANCE.toSeconds();
    }

    private static byte[] mac(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((VERSION + ":" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
