package dev.vigil.security.event;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Spots the signatures of SQL injection, cross-site scripting and path traversal in a request's path and query
 * string, to flag them as security events (never to block: this is a tripwire, not a firewall).
 *
 * <p>Cheap for ordinary requests: only text holding one of {@code ' " < > % ; ( + \ *}, a space or {@code ..} is looked at
 * further. That text is percent-decoded once ({@code +} is a space in the query), lower-cased, and matched
 * against a short list of precise signatures:
 * <ul>
 *   <li>SQL injection: a quote followed by an {@code or}/{@code and} comparison ({@code ' or 1=1},
 *       {@code ' or 'a'='a}), {@code or 1=1}, {@code union [all] select}, {@code ;--}, a quote followed by
 *       {@code --} or {@code /*}, a stacked {@code ; drop|delete|insert|update|truncate|alter|exec},
 *       {@code sleep(5)}, {@code pg_sleep(}, {@code waitfor delay};</li>
 *   <li>XSS: {@code <script}, {@code <iframe}, {@code javascript:}, an event handler attribute such as
 *       {@code onerror=} or {@code onload=}, {@code document.cookie};</li>
 *   <li>path traversal: a {@code ../} (or {@code ..\}) segment.</li>
 * </ul>
 * A name such as {@code O'Brien}, a comparison such as {@code 2<3} or a discount such as {@code 50% off} matches
 * none of them.
 */
public final class AttackSignatures {

    /** One signature found: what kind of attack and the text that matched (at most 100 characters). */
    public record Match(SecurityEventType type, String signature) {
    }

    private static final String GAP = "(?:\\s|/\\*.*?\\*/)+"; // whitespace or an SQL comment between words
    private static final List<Signature> SIGNATURES = List.of(
            new Signature(SecurityEventType.PATH_TRAVERSAL_ATTEMPT, "(?:^|[/\\\\=])\\.\\.(?:[/\\\\]|$)"),
            new Signature(SecurityEventType.SQL_INJECTION_ATTEMPT, "'\\s*(?:or|and)\\s+'?\\w+'?\\s*(?:=|<|>|like\\b)\\s*'?\\w*'?"),
            new Signature(SecurityEventType.SQL_INJECTION_ATTEMPT, "\\bor\\s+(\\d+)\\s*=\\s*\\1\\b"),
            new Signature(SecurityEventType.SQL_INJECTION_ATTEMPT, "\\bunion" + GAP + "(?:all" + GAP + ")?select\\b"),
            new Signature(SecurityEventType.SQL_INJECTION_ATTEMPT, ";\\s*--"),
            new Signature(SecurityEventType.SQL_INJECTION_ATTEMPT, "'\\s*(?:--|/\\*)"),
            new Signature(SecurityEventType.SQL_INJECTION_ATTEMPT,
                    ";\\s*(?:drop|delete|insert|update|truncate|alter|exec)\\s"),
            new Signature(SecurityEventType.SQL_INJECTION_ATTEMPT,
                    "\\b(?:sleep\\s*\\(\\s*\\d|pg_sleep\\s*\\(|waitfor\\s+delay\\b)"),
            new Signature(SecurityEventType.XSS_ATTEMPT, "<\\s*(?:script|iframe)\\b"),
            new Signature(SecurityEventType.XSS_ATTEMPT, "javascript\\s*:"),
            new Signature(SecurityEventType.XSS_ATTEMPT,
                    "\\bon(?:error|load|mouseover|mouseenter|focus|blur|click|begin|toggle|animationstart)\\s*="),
            new Signature(SecurityEventType.XSS_ATTEMPT, "document\\.cookie"));
    private static final int MAX_SIGNATURE = 100;

    private AttackSignatures() {
    }

    /**
     * The first signature in {@code path} or {@code query} (the raw query string, without {@code ?}), if any.
     * Returns without allocating when neither holds a suspicious character.
     */
    public static Optional<Match> scan(String path, @Nullable String query) {
        Match found = null;
        if (suspicious(path)) {
            found = match(decode(path, false));
        }
        if (found == null && query != null && suspicious(query)) {
            found = match(decode(query, true));
        }
        return Optional.ofNullable(found);
    }

    /** Whether {@code text} holds a character that every signature needs in its raw or encoded form. */
    static boolean suspicious(String text) {
        char previous = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\'', '"', '<', '>', '%', ';', '(', '+', '\\', ' ', '*':
                    return true;
                case '.':
                    if (previous == '.') {
                        return true;
                    }
                    break;
                default:
                    break;
            }
            previous = c;
        }
        return false;
    }

    private static @Nullable Match match(String decoded) {
        String text = decoded.toLowerCase(Locale.ROOT);
        for (Signature signature : SIGNATURES) {
            Matcher matcher = signature.pattern.matcher(text);
            if (matcher.find()) {
                String matched = matcher.group().strip();
                return new Match(signature.type, matched.length() <= MAX_SIGNATURE ? matched
                        : matched.substring(0, MAX_SIGNATURE));
            }
        }
        return null;
    }

    /** Percent-decodes once as UTF-8, leaving malformed escapes as they are; {@code +} is a space when {@code query}. */
    static String decode(String text, boolean query) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
                bytes.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
                i += 2;
            } else if (c == '+' && query) {
                bytes.write(' ');
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
                byte[] encoded = text.substring(i, end).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
                i = end - 1;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private record Signature(SecurityEventType type, Pattern pattern) {
        Signature(SecurityEventType type, String regex) {
            this(type, Pattern.compile(regex));
        }
    }
}
