package dev.vigil.servlet;

/**
 * Turns a raw request path into a route template by collapsing id-like segments into {@code {id}},
 * without allocating on the lookup path: the template is hashed and compared straight from the raw
 * path, and only built as a string the first time a route is seen.
 *
 * <p>Rules: the path ends at {@code ?} or {@code #}; segment parameters ({@code ;jsessionid=...})
 * are dropped; empty segments (double and trailing slashes) are skipped; an empty result is
 * {@code /}. A segment is an id when it is a number (digits, optionally with {@code - . _ :}
 * between them: {@code 42}, {@code 2026-01-15}), a UUID, hex of at least 16 characters, or an
 * opaque token of at least 20 letters, digits, {@code - _ = + ~ %} that mixes letters and digits.
 *
 * <p>A lookup reads the path once ({@link #scan}), because the ids that need collapsing are also
 * the longest segments. Splitting off a segment collects the kinds of its characters, which decide
 * whether it is an id without a second look except for numbers with separators and for UUIDs
 * lacking letters or digits. The template is recorded as pieces, each a {@code {id}} or a run of
 * names as they stand in the path, in a per-thread buffer: comparing with a candidate route
 * ({@link #matches}) and building a new one ({@link #template(String, int[])}) read the pieces and
 * never classify again. The buffer is a plain {@code int[]}, so a container thread that outlives the
 * web application pins none of its classes; a thread's first lookup allocates it (on a virtual
 * thread per request, every request's).
 */
final class PathTemplates {

    /** Longest route template kept; longer ones are treated as overflow. */
    static final int MAX_LENGTH = 200;
    /** Returned by {@link #scan} when the template would be longer than {@link #MAX_LENGTH}. */
    static final long TOO_LONG = -1;

    /** The piece that replaces an id segment. */
    private static final String ID_PIECE = "/{id}";
    /** Appending {@link #ID_PIECE} to a string of hash {@code h} gives {@code h * ID_PIECE_SHIFT + ID_PIECE_HASH}. */
    private static final int ID_PIECE_HASH = ID_PIECE.hashCode();
    private static final int ID_PIECE_SHIFT = 31 * 31 * 31 * 31 * 31;
    /** Most pieces a template within {@link #MAX_LENGTH} has: each is a slash and at least one character. */
    private static final int MAX_PIECES = MAX_LENGTH / 2;
    /** The start recorded for an {@link #ID_PIECE}. */
    private static final int ID = -1;
    private static final ThreadLocal<int[]> BUFFERS = new ThreadLocal<>();

    // Kinds of characters, combined per segment. END (negative) ends a segment's content.
    private static final byte DIGIT = 1;
    private static final byte HEX_LETTER = 2;
    private static final byte LETTER = 4;
    private static final byte DASH = 8; // '-' and '_', in numbers and in tokens
    private static final byte DOT = 16; // '.' and ':', in numbers only
    private static final byte SYMBOL = 32; // '=', '+', '~' and '%', in tokens only
    private static final byte OTHER = 64;
    private static final byte END = -128; // '/', '?', '#' and ';'
    private static final byte[] KINDS = kinds();

    private PathTemplates() {
    }

    /** The template of {@code path} from index {@code from}, as a string, however long. */
    static String template(String path, int from) {
        int[] pieces = new int[1 + 2 * ((path.length() - from + 1) / 2)];
        scan(path, from, pieces, Integer.MAX_VALUE);
        return template(path, pieces);
    }

    /** This thread's buffer for {@link #scan}. */
    static int[] buffer() {
        int[] buffer = BUFFERS.get();
        if (buffer == null) {
            buffer = new int[1 + 2 * MAX_PIECES];
            BUFFERS.set(buffer);
        }
        return buffer;
    }

    /**
     * Reads the template of {@code path} from index {@code from} into {@code pieces} (a
     * {@link #buffer()}): their count, then for each its start and end in {@code path}, the start
     * being {@code -1} for an {@code {id}}. A name piece is one segment, or several separated by
     * single slashes, and stands for a slash followed by {@code path[start, end)}.
     *
     * @return the template's {@link String#hashCode()} in the low 32 bits and its length in the high
     *         32 bits, or {@link #TOO_LONG}
     */
    static long scan(String path, int from, int[] pieces) {
        return scan(path, from, pieces, MAX_LENGTH);
    }

    /** Whether the template last {@link #scan scanned} from {@code path} into {@code pieces} is exactly {@code template}. */
    static boolean matches(String path, int[] pieces, String template) {
        int count = pieces[0];
        if (count == 0) {
            return template.equals("/");
        }
        int at = 0;
        for (int k = 1; k <= 2 * count; k += 2) {
            int start = pieces[k];
            if (start == ID) {
                if (!template.startsWith(ID_PIECE, at)) {
                    return false;
                }
                at += ID_PIECE.length();
            } else {
                int length = pieces[k + 1] - start;
                if (at >= template.length() || template.charAt(at) != '/'
                        || !template.regionMatches(at + 1, path, start, length)) {
                    return false;
                }
                at += 1 + length;
            }
        }
        return at == template.length();
    }

    /** The template last {@link #scan scanned} from {@code path} into {@code pieces}, as a string. */
    static String template(String path, int[] pieces) {
        int count = pieces[0];
        if (count == 0) {
            return "/";
        }
        StringBuilder out = new StringBuilder();
        for (int k = 1; k <= 2 * count; k += 2) {
            int start = pieces[k];
            if (start == ID) {
                out.append(ID_PIECE);
            } else {
                out.append('/').append(path, start, pieces[k + 1]);
            }
        }
        return out.toString();
    }

    /** Length of the template, from a {@link #scan} result. */
    static int length(long key) {
        return (int) (key >>> 32);
    }

    /** The hash code, from a {@link #scan} result. */
    static int hashCode(long key) {
        return (int) key;
    }

    private static long scan(String path, int from, int[] pieces, int maxLength) {
        int n = path.length();
        int count = 0;
        int hash = 0;
        int length = 0;
        int nameEnd = -2; // end of the last piece if it is a name, else out of reach
        int i = from;
        while (i < n) {
            int start = i;
            int kinds = 0;
            for (; i < n; i++) {
                char c = path.charAt(i);
                int kind = c < KINDS.length ? KINDS[c] : OTHER;
                if (kind < 0) {
                    break;
                }
                kinds |= kind;
            }
            int end = i;
            if (i < n && path.charAt(i) == ';') {
                i = parametersEnd(path, i);
            }
            if (end > start) {
                boolean id = isId(path, start, end, kinds);
                length += id ? ID_PIECE.length() : 1 + end - start;
                if (length > maxLength) {
                    return TOO_LONG;
                }
                if (id) {
                    hash = hash * ID_PIECE_SHIFT + ID_PIECE_HASH;
                    pieces[1 + 2 * count] = ID;
                    count++;
                    nameEnd = -2;
                } else {
                    hash = 31 * hash + '/';
                    for (int k = start; k < end; k++) {
                        hash = 31 * hash + path.charAt(k);
                    }
                    if (start == nameEnd + 1) { // a single slash after the last name: it grows by this one
                        pieces[2 * count] = end;
                    } else {
                        pieces[1 + 2 * count] = start;
                        pieces[2 + 2 * count] = end;
                        count++;
                    }
                    nameEnd = end;
                }
            }
            if (i < n && path.charAt(i) != '/') {
                break; // ? or #
            }
            i++;
        }
        pieces[0] = count;
        if (count == 0) {
            hash = '/';
            length = 1;
        }
        return ((long) length << 32) | (hash & 0xFFFF_FFFFL);
    }

    /** Index of the {@code /}, {@code ?} or {@code #} after the parameters starting at {@code i}, or the path's end. */
    private static int parametersEnd(String path, int i) {
        int n = path.length();
        while (i < n) {
            char c = path.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                break;
            }
            i++;
        }
        return i;
    }

    /**
     * Whether {@code path[start, end)}, whose characters are of the {@code kinds} combined, is an
     * identifier rather than a fixed name (see the class comment).
     */
    private static boolean isId(String path, int start, int end, int kinds) {
        if ((kinds & ~(DIGIT | DASH | DOT)) == 0) {
            return kinds == DIGIT || isNumber(path, start, end);
        }
        int length = end - start;
        if (length < 16) {
            return false; // too short for hex, a UUID or a token
        }
        if ((kinds & ~(DIGIT | HEX_LETTER)) == 0) {
            return true; // hex
        }
        if (length >= 20 && (kinds & DIGIT) != 0 && (kinds & (HEX_LETTER | LETTER)) != 0
                && (kinds & ~(DIGIT | HEX_LETTER | LETTER | DASH | SYMBOL)) == 0) {
            return true; // token
        }
        return length == 36 && (kinds & ~(DIGIT | HEX_LETTER | DASH)) == 0 && isUuid(path, start);
    }

    /** Digits, optionally with single {@code - . _ :} separators between them. */
    private static boolean isNumber(String path, int start, int end) {
        boolean afterDigit = false;
        for (int i = start; i < end; i++) {
            char c = path.charAt(i);
            if (c >= '0' && c <= '9') {
                afterDigit = true;
            } else if (afterDigit && (c == '-' || c == '.' || c == '_' || c == ':')) {
                afterDigit = false;
            } else {
                return false;
            }
        }
        return afterDigit;
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

    private static byte[] kinds() {
        byte[] kinds = new byte[128];
        for (char c = 0; c < kinds.length; c++) {
            byte kind;
            if (c >= '0' && c <= '9') {
                kind = DIGIT;
            } else if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
                kind = HEX_LETTER;
            } else if ((c >= 'g' && c <= 'z') || (c >= 'G' && c <= 'Z')) {
                kind = LETTER;
            } else {
                kind = switch (c) {
                    case '-', '_' -> DASH;
                    case '.', ':' -> DOT;
                    case '=', '+', '~', '%' -> SYMBOL;
                    case '/', '?', '#', ';' -> END;
                    default -> OTHER;
                };
            }
            kinds[c] = kind;
        }
        return kinds;
    }
}
