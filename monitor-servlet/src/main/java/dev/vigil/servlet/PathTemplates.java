package dev.vigil.servlet;

/**
 * Turns a raw request path into a route template by collapsing id-like segments into {@code {id}},
 * without allocating on the lookup path: the template is hashed and compared segment by segment
 * straight from the raw path, and only built as a string the first time a route is seen.
 *
 * <p>Rules: the path ends at {@code ?} or {@code #}; segment parameters ({@code ;jsessionid=...})
 * are dropped; empty segments (double and trailing slashes) are skipped; an empty result is
 * {@code /}. A segment is an id when it is a number (digits, optionally with {@code - . _ :}
 * between them: {@code 42}, {@code 2026-01-15}), a UUID, hex of at least 16 characters, or an
 * opaque token of at least 20 letters, digits, {@code - _ = + ~ %} that mixes letters and digits.
 */
final class PathTemplates {

    /** Longest route template kept; longer ones are treated as overflow. */
    static final int MAX_LENGTH = 200;
    /** Returned by {@link #hash} when the template would be longer than {@link #MAX_LENGTH}. */
    static final long TOO_LONG = -1;

    private static final String ID = "{id}";
    private static final int MODE_HASH = 0;
    private static final int MODE_EQUALS = 1;
    private static final int MODE_BUILD = 2;

    private PathTemplates() {
    }

    /** The template of {@code path} from index {@code from}, as a string. */
    static String template(String path, int from) {
        StringBuilder out = new StringBuilder(Math.min(path.length() - from + 8, MAX_LENGTH + 8));
        walk(path, from, MODE_BUILD, null, out);
        return out.toString();
    }

    /**
     * The template's {@link String#hashCode()} in the low 32 bits and its length in the high 32 bits,
     * or {@link #TOO_LONG}.
     */
    static long hash(String path, int from) {
        return walk(path, from, MODE_HASH, null, null);
    }

    /** Whether the template of {@code path} from {@code from} is exactly {@code template}. */
    static boolean matches(String path, int from, String template) {
        return walk(path, from, MODE_EQUALS, template, null) == 1;
    }

    /** Length of the template, from a {@link #hash} result. */
    static int length(long hash) {
        return (int) (hash >>> 32);
    }

    /** The hash code, from a {@link #hash} result. */
    static int hashCode(long hash) {
        return (int) hash;
    }

    private static long walk(String path, int from, int mode, String other, StringBuilder out) {
        int n = path.length();
        int h = 0;
        int len = 0;
        int i = from;
        while (i < n) {
            char c = path.charAt(i);
            if (c == '?' || c == '#') {
                break;
            }
            if (c == '/') {
                i++;
                continue;
            }
            int start = i;
            int contentEnd = -1;
            while (i < n) {
                char d = path.charAt(i);
                if (d == '/' || d == '?' || d == '#') {
                    break;
                }
                if (d == ';' && contentEnd < 0) {
                    contentEnd = i;
                }
                i++;
            }
            if (contentEnd < 0) {
                contentEnd = i;
            }
            if (contentEnd == start) {
                continue;
            }
            boolean id = isId(path, start, contentEnd);
            String source = id ? ID : path;
            int s = id ? 0 : start;
            int e = id ? ID.length() : contentEnd;
            int pieceLength = e - s + 1; // with its leading slash
            switch (mode) {
                case MODE_HASH -> {
                    if (len + pieceLength > MAX_LENGTH) {
                        return TOO_LONG;
                    }
                    h = 31 * h + '/';
                    for (int k = s; k < e; k++) {
                        h = 31 * h + source.charAt(k);
                    }
                }
                case MODE_EQUALS -> {
                    if (len + pieceLength > other.length() || other.charAt(len) != '/'
                            || !other.regionMatches(len + 1, source, s, e - s)) {
                        return 0;
                    }
                }
                default -> out.append('/').append(source, s, e);
            }
            len += pieceLength;
        }
        if (len == 0) {
            switch (mode) {
                case MODE_HASH -> h = '/';
                case MODE_EQUALS -> {
                    return "/".equals(other) ? 1 : 0;
                }
                default -> out.append('/');
            }
            len = 1;
        }
        if (mode == MODE_EQUALS) {
            return len == other.length() ? 1 : 0;
        }
        return ((long) len << 32) | (h & 0xFFFF_FFFFL);
    }

    /** Whether {@code path[start, end)} looks like an identifier rather than a fixed name. */
    static boolean isId(String path, int start, int end) {
        int length = end - start;
        if (length < 16) {
            // too short for hex, a UUID or a token: only a number qualifies, and numbers start with a digit
            return isDigit(path.charAt(start)) && isNumber(path, start, end);
        }
        if (length == 36 && isUuid(path, start)) {
            return true;
        }
        boolean digits = false;
        boolean letters = false;
        boolean hex = true;
        boolean token = true;
        for (int i = start; i < end; i++) {
            char c = path.charAt(i);
            if (c >= '0' && c <= '9') {
                digits = true;
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                letters = true;
                hex = hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
            } else {
                hex = false;
                token = token && (c == '-' || c == '_' || c == '=' || c == '+' || c == '~' || c == '%');
                if (!token) {
                    return !letters && isNumber(path, start, end); // only a long number is left
                }
            }
        }
        return hex || (length >= 20 && digits && letters) || (!letters && isNumber(path, start, end));
    }

    /** Digits, optionally with single {@code - . _ :} separators between them. */
    private static boolean isNumber(String path, int start, int end) {
        boolean afterDigit = false;
        for (int i = start; i < end; i++) {
            char c = path.charAt(i);
            if (isDigit(c)) {
                afterDigit = true;
            } else if (afterDigit && (c == '-' || c == '.' || c == '_' || c == ':')) {
                afterDigit = false;
            } else {
                return false;
            }
        }
        return afterDigit;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isUuid(String path, int start) {
        for (int i = 0; i < 36; i++) {
            char c = path.charAt(start + i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return false;
                }
            } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }
}
