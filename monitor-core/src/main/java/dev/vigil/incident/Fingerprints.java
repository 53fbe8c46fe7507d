package dev.vigil.incident;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * How events are grouped: the reporter's own fingerprint if it sent one, else the error type, the message with its
 * variable parts collapsed (quoted values, UUIDs, hex numbers, numbers) and the top frames of the stack without
 * their line numbers. So "User 42 not found" and "User 97 not found" thrown from the same place are one incident,
 * and a redeploy that moves a line does not split it.
 */
public final class Fingerprints {

    /** Frames of the stack that count unless configured otherwise. */
    public static final int DEFAULT_FRAMES = 5;

    private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"|'[^']*'|`[^`]*`");
    private static final Pattern UUIDS = Pattern.compile(
            "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");
    private static final Pattern HEX = Pattern.compile("\\b0x[0-9a-fA-F]+\\b|\\b(?=[0-9a-fA-F]*\\d)[0-9a-fA-F]{8,}\\b");
    private static final Pattern NUMBERS = Pattern.compile("\\d+(\\.\\d+)?");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern FRAME = Pattern.compile("^\\s*at\\s+(.+)$");
    private static final Pattern LINE_NUMBERS = Pattern.compile(":\\d+(:\\d+)?");

    private Fingerprints() {
    }

    /** The message with quoted values, UUIDs, hex and numbers collapsed, spaces squeezed, lower-cased. */
    public static String normalise(String message) {
        String text = QUOTED.matcher(message).replaceAll("<str>");
        text = UUIDS.matcher(text).replaceAll("<uuid>");
        text = HEX.matcher(text).replaceAll("<hex>");
        text = NUMBERS.matcher(text).replaceAll("<n>");
        return SPACES.matcher(text).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
    }

    /** The top {@code frames} frames ({@code at ...} lines) of {@code stack}, without line and column numbers. */
    public static List<String> topFrames(String stack, int frames) {
        List<String> top = new ArrayList<>();
        for (Iterator<String> lines = stack.lines().iterator(); lines.hasNext() && top.size() < frames; ) {
            var matcher = FRAME.matcher(lines.next()); // lines() is lazy: a long stack is read only to its top frames
            if (matcher.matches()) {
                top.add(LINE_NUMBERS.matcher(matcher.group(1).strip()).replaceAll(""));
            }
        }
        return top;
    }

    /**
     * The grouping key of {@code event}: {@code reporter:<its fingerprint>} when it sent one, else
     * {@code vigil:<32 hex>}, a SHA-256 of type, normalised message and top {@code frames} frames.
     */
    public static String of(ErrorEvent event, int frames) {
        if (event.fingerprint() != null) {
            return "reporter:" + event.fingerprint();
        }
        StringBuilder key = new StringBuilder(event.type()).append('\n').append(normalise(event.message()));
        topFrames(event.stack(), frames).forEach(frame -> key.append('\n').append(frame));
        return "vigil:" + HexFormat.of().formatHex(sha256(key.toString())).substring(0, 32);
    }

    /** The incident id of {@code fingerprint}: the same on every instance, so instances sharing a store agree. */
    public static String incidentId(String fingerprint) {
        return UUID.nameUUIDFromBytes(("vigil-incident:" + fingerprint).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
