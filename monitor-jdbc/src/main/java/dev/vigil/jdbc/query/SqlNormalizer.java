package dev.vigil.jdbc.query;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Lexes a query the way PostgreSQL does (with {@code standard_conforming_strings} on) and writes it
 * out again in one canonical form, so that the text the parser checks and the text the database
 * runs cannot be read two ways:
 * <ul>
 *   <li>comments ({@code --}, nested {@code /* *}{@code /}) become a space;</li>
 *   <li>every string literal ({@code '...'}, {@code E'...'}, {@code U&'...' [UESCAPE 'c']},
 *       {@code $tag$...$tag$}) becomes a plain {@code '...'} with quotes doubled, escapes decoded;</li>
 *   <li>{@code U&"..."} identifiers are decoded into plain {@code "..."} identifiers;</li>
 *   <li>a trailing {@code ;} is dropped, and anything but whitespace or comments after a {@code ;}
 *       is a second statement.</li>
 * </ul>
 * Characters the target databases would read differently from JSqlParser are refused outright:
 * backslashes and backticks outside literals, JDBC escape braces, NUL and control characters,
 * non-letter Unicode outside literals, digits run into letters ({@code 1abc}).
 *
 * <p>Two texts come out. {@link Normalized#sql()} is what runs. {@link Normalized#parseSql()} is
 * what JSqlParser reads: the same, except that string bodies lose backslashes and control characters
 * and a string glued to a word gets a space before it, so that JSqlParser's dialect extensions
 * ({@code q'[...]'}, {@code r'...'}, {@code \'} escapes) cannot swallow code PostgreSQL would run.
 * The lexer also lists every name written directly before {@code (}, a view of function calls
 * independent of the parser.
 */
final class SqlNormalizer {

    /** Parentheses and brackets nest at most this deep. */
    static final int MAX_NESTING_DEPTH = 100;

    /**
     * The canonical query.
     *
     * @param sql         the text to run
     * @param parseSql    the text to parse
     * @param calledNames lower-case names written directly before {@code (}, each once, in order
     * @param firstWord   the first keyword or identifier, lower case, if any
     */
    record Normalized(String sql, String parseSql, List<String> calledNames, @Nullable String firstWord) {
    }

    private final String in;
    private final int length;
    private final StringBuilder sql;
    private final StringBuilder parse;
    private final Set<String> called = new LinkedHashSet<>();
    private int pos;
    private int depth;
    private int semicolon = -1;
    private @Nullable String firstWord;
    private @Nullable String pendingCall;

    private final SqlDialect dialect;

    private SqlNormalizer(String in, SqlDialect dialect) {
        this.in = in;
        this.dialect = dialect;
        this.length = in.length();
        this.sql = new StringBuilder(length);
        this.parse = new StringBuilder(length);
    }

    /** Normalises {@code query} for a database of {@code dialect}, or rejects it. */
    static Normalized normalize(String query, SqlDialect dialect) {
        return new SqlNormalizer(query, dialect).run();
    }

    private Normalized run() {
        while (pos < length) {
            char c = in.charAt(pos);
            if (isWhitespace(c)) {
                append(c);
                pos++;
            } else if (c == '-' && at(pos + 1) == '-') {
                skipLineComment();
                append(' ');
            } else if (c == '/' && at(pos + 1) == '*') {
                skipBlockComment();
                append(' ');
            } else if (semicolon >= 0) {
                throw reject(RejectionReason.MULTIPLE_STATEMENTS, "only one statement may be run; more follows the ';' at position "
                        + (semicolon + 1));
            } else if (c == ';') {
                semicolon = pos++;
                pendingCall = null;
            } else if (c == '\'') {
                pos++;
                string(readQuoted('\''));
            } else if (c == '"') {
                pos++;
                quotedIdentifier(readQuoted('"'));
            } else if (c == '$') {
                dollar();
            } else if (isIdentifierStart(c)) {
                word();
            } else if (isDigit(c) || c == '.' && isDigit(at(pos + 1))) {
                number();
            } else if (c == '(' || c == '[') {
                if (c == '(' && pendingCall != null) {
                    called.add(pendingCall);
                }
                if (++depth > MAX_NESTING_DEPTH) {
                    throw reject(RejectionReason.TOO_DEEPLY_NESTED, "parentheses and brackets nest deeper than "
                            + MAX_NESTING_DEPTH + " levels (at position " + (pos + 1) + ")");
                }
                token(c);
            } else if (c == ')' || c == ']') {
                depth = Math.max(0, depth - 1);
                token(c);
            } else if (c == '\\' || c == '`' || c == '{' || c == '}') {
                throw unparseable("'" + c + "' is not allowed outside string literals", pos);
            } else if (c < 0x20 || c >= 0x7f) {
                throw unparseable(String.format(Locale.ROOT, "unexpected character U+%04X", (int) c), pos);
            } else {
                token(c);
            }
        }
        String text = sql.toString().strip();
        if (text.isEmpty()) {
            throw reject(RejectionReason.EMPTY, "the query is empty (or only comments)");
        }
        return new Normalized(text, parse.toString().strip(), List.copyOf(called), firstWord);
    }

    // ---- tokens

    private void token(char c) {
        append(c);
        pos++;
        pendingCall = null;
    }

    private void word() {
        int start = pos++;
        while (pos < length && isIdentifierPart(in.charAt(pos))) {
            pos++;
        }
        String word = in.substring(start, pos);
        if (word.equalsIgnoreCase("e") && at(pos) == '\'') {
            pos++;
            string(readEscapeString());
            return;
        }
        if (word.equalsIgnoreCase("u") && at(pos) == '&' && (at(pos + 1) == '\'' || at(pos + 1) == '"')) {
            char quote = in.charAt(pos + 1);
            pos += 2;
            String body = readQuoted(quote);
            String decoded = decodeUnicodeEscapes(body, readUescape(), start);
            if (quote == '\'') {
                string(decoded);
            } else {
                quotedIdentifier(decoded);
            }
            return;
        }
        append(word);
        String lower = word.toLowerCase(Locale.ROOT);
        if (firstWord == null) {
            firstWord = lower;
        }
        pendingCall = lower;
    }

    /** PostgreSQL 16's numeric literals: decimal with {@code _} separators, {@code 0x}, {@code 0o}, {@code 0b}. */
    private void number() {
        int start = pos;
        char prefix = Character.toLowerCase(at(pos + 1));
        if (in.charAt(pos) == '0' && (prefix == 'x' || prefix == 'o' || prefix == 'b')) {
            int radix = prefix == 'x' ? 16 : prefix == 'o' ? 8 : 2;
            pos += 2;
            if (digits(radix) == 0) {
                throw unparseable("trailing junk after numeric literal", start);
            }
        } else {
            digits(10);
            if (at(pos) == '.' && at(pos + 1) != '.') {
                pos++;
                digits(10);
            }
            char e = at(pos);
            if (e == 'e' || e == 'E') {
                int mark = pos++;
                if (at(pos) == '+' || at(pos) == '-') {
                    pos++;
                }
                if (digits(10) == 0) {
                    pos = mark;
                }
            }
        }
        if (pos < length && isIdentifierStart(in.charAt(pos))) {
            throw unparseable("trailing junk after numeric literal", start);
        }
        append(in.substring(start, pos));
        pendingCall = null;
    }

    private int digits(int radix) {
        int count = 0;
        while (pos < length && (Character.digit(in.charAt(pos), radix) >= 0 && in.charAt(pos) < 0x80 || in.charAt(pos) == '_')) {
            pos++;
            count++;
        }
        return count;
    }

    private void dollar() {
        int start = pos;
        int end = pos + 1;
        if (end < length && isDollarTagStart(in.charAt(end))) {
            while (end < length && isDollarTagPart(in.charAt(end))) {
                end++;
            }
        }
        if (at(end) == '$') {
            String delimiter = in.substring(start, end + 1);
            int close = in.indexOf(delimiter, end + 1);
            if (close < 0) {
                throw unparseable("unterminated dollar-quoted string", start);
            }
            pos = close + delimiter.length();
            string(in.substring(end + 1, close));
        } else if (isDigit(at(pos + 1))) {
            pos++;
            digits(10);
            append(in.substring(start, pos));
            pendingCall = null;
        } else {
            throw unparseable("unexpected '$'", start);
        }
    }

    private void string(String body) {
        if (body.indexOf('\0') >= 0) {
            throw unparseable("a string literal contains a NUL character", pos - 1);
        }
        sql.append('\'').append(body.replace("'", "''")).append('\'');
        if (parse.length() > 0 && isIdentifierPart(parse.charAt(parse.length() - 1))) {
            parse.append(' ');
        }
        StringBuilder inert = new StringBuilder(body.length() + 2).append('\'');
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\'') {
                inert.append("''");
            } else {
                inert.append(c == '\\' ? '/' : c < 0x20 ? ' ' : c);
            }
        }
        parse.append(inert.append('\''));
        pendingCall = null;
    }

    private void quotedIdentifier(String name) {
        if (name.isEmpty()) {
            throw unparseable("zero-length quoted identifier", pos - 1);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\\' || c < 0x20 || c == 0x7f) {
                throw unparseable("a quoted identifier contains a backslash or control character", pos - 1);
            }
        }
        append('"' + name.replace("\"", "\"\"") + '"');
        pendingCall = name.toLowerCase(Locale.ROOT);
    }

    // ---- literals

    /** Reads up to the closing {@code quote} (a doubled quote stands for itself); {@code pos} is just past the opening one. */
    private String readQuoted(char quote) {
        int start = pos - 1;
        StringBuilder body = new StringBuilder();
        while (true) {
            if (pos >= length) {
                throw unparseable(quote == '"' ? "unterminated quoted identifier" : "unterminated string literal", start);
            }
            char c = in.charAt(pos++);
            if (c == quote) {
                if (at(pos) != quote) {
                    return body.toString();
                }
                pos++;
            }
            body.append(c);
        }
    }

    /** An {@code E'...'} body with PostgreSQL's backslash escapes decoded; {@code pos} is just past the quote. */
    private String readEscapeString() {
        int start = pos - 2;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (true) {
            if (pos >= length) {
                throw unparseable("unterminated string literal", start);
            }
            char c = in.charAt(pos++);
            if (c == '\'') {
                if (at(pos) != '\'') {
                    break;
                }
                pos++;
                bytes.write('\'');
            } else if (c == '\\') {
                if (pos >= length) {
                    throw unparseable("unterminated string literal", start);
                }
                char e = in.charAt(pos++);
                switch (e) {
                    case 'b' -> bytes.write('\b');
                    case 'f' -> bytes.write('\f');
                    case 'n' -> bytes.write('\n');
                    case 'r' -> bytes.write('\r');
                    case 't' -> bytes.write('\t');
                    case 'u', 'U' -> writeCodePoint(bytes, unicodeEscape(e == 'u' ? 4 : 8, start), start);
                    case 'x' -> {
                        int value = 0;
                        int count = 0;
                        while (count < 2 && pos < length && Character.digit(in.charAt(pos), 16) >= 0 && in.charAt(pos) < 0x80) {
                            value = value * 16 + Character.digit(in.charAt(pos++), 16);
                            count++;
                        }
                        if (count == 0) {
                            bytes.write('x');
                        } else {
                            bytes.write(value);
                        }
                    }
                    default -> {
                        if (e >= '0' && e <= '7') {
                            int value = e - '0';
                            for (int count = 1; count < 3 && at(pos) >= '0' && at(pos) <= '7'; count++) {
                                value = value * 8 + (in.charAt(pos++) - '0');
                            }
                            bytes.write(value & 0xFF);
                        } else {
                            pos--;
                            writeChar(bytes);
                        }
                    }
                }
            } else {
                pos--;
                writeChar(bytes);
            }
        }
        return utf8(bytes.toByteArray(), start);
    }

    /** A {@code \}{@code uXXXX} or {@code \}{@code UXXXXXXXX} escape, with a following low surrogate if it is a high one. */
    private int unicodeEscape(int hexDigits, int start) {
        int code = hex(hexDigits, start);
        if (Character.isHighSurrogate((char) code) && code <= 0xFFFF) {
            if (at(pos) != '\\' || at(pos + 1) != 'u' && at(pos + 1) != 'U') {
                throw unparseable("invalid Unicode surrogate pair", start);
            }
            int digits = at(pos + 1) == 'u' ? 4 : 8;
            pos += 2;
            int low = hex(digits, start);
            if (!Character.isLowSurrogate((char) low) || low > 0xFFFF) {
                throw unparseable("invalid Unicode surrogate pair", start);
            }
            return Character.toCodePoint((char) code, (char) low);
        }
        return code;
    }

    private int hex(int digits, int start) {
        if (pos + digits > length) {
            throw unparseable("invalid Unicode escape", start);
        }
        int value = 0;
        for (int i = 0; i < digits; i++) {
            char c = in.charAt(pos++);
            int digit = c < 0x80 ? Character.digit(c, 16) : -1;
            if (digit < 0) {
                throw unparseable("invalid Unicode escape", start);
            }
            value = value * 16 + digit;
        }
        return value;
    }

    private void writeChar(ByteArrayOutputStream bytes) {
        int codePoint = in.codePointAt(pos);
        pos += Character.charCount(codePoint);
        byte[] encoded = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
    }

    private void writeCodePoint(ByteArrayOutputStream bytes, int codePoint, int start) {
        if (codePoint == 0 || !Character.isValidCodePoint(codePoint) || Character.isSurrogate((char) codePoint) && codePoint <= 0xFFFF) {
            throw unparseable("invalid Unicode escape value", start);
        }
        byte[] encoded = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
    }

    private String utf8(byte[] bytes, int start) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw unparseable("a string literal's escapes are not valid UTF-8", start);
        }
    }

    /** The escape character of a {@code U&} literal: {@code \} unless a {@code UESCAPE 'c'} follows. */
    private char readUescape() {
        int mark = pos;
        skipWhitespaceAndComments();
        if (pos + 7 <= length && in.regionMatches(true, pos, "uescape", 0, 7)
                && (pos + 7 == length || !isIdentifierPart(in.charAt(pos + 7)))) {
            int start = pos;
            pos += 7;
            skipWhitespaceAndComments();
            char escape = at(pos + 1);
            if (at(pos) != '\'' || at(pos + 2) != '\'' || Character.digit(escape, 16) >= 0 || escape == '+'
                    || escape == '\'' || escape == '"' || isWhitespace(escape) || escape < 0x20) {
                throw unparseable("invalid UESCAPE clause", start);
            }
            pos += 3;
            append(' ');
            return escape;
        }
        pos = mark;
        return '\\';
    }

    private String decodeUnicodeEscapes(String body, char escape, int start) {
        StringBuilder out = new StringBuilder(body.length());
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c != escape) {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 < body.length() && body.charAt(i + 1) == escape) {
                out.append(escape);
                i += 2;
                continue;
            }
            int digits = i + 1 < body.length() && body.charAt(i + 1) == '+' ? 6 : 4;
            int from = i + (digits == 6 ? 2 : 1);
            int code = parseHex(body, from, digits, start);
            i = from + digits;
            if (Character.isHighSurrogate((char) code) && code <= 0xFFFF) {
                if (i >= body.length() || body.charAt(i) != escape) {
                    throw unparseable("invalid Unicode surrogate pair", start);
                }
                int lowDigits = i + 1 < body.length() && body.charAt(i + 1) == '+' ? 6 : 4;
                int lowFrom = i + (lowDigits == 6 ? 2 : 1);
                int low = parseHex(body, lowFrom, lowDigits, start);
                if (!Character.isLowSurrogate((char) low) || low > 0xFFFF) {
                    throw unparseable("invalid Unicode surrogate pair", start);
                }
                code = Character.toCodePoint((char) code, (char) low);
                i = lowFrom + lowDigits;
            }
            if (code == 0 || !Character.isValidCodePoint(code) || Character.isSurrogate((char) code) && code <= 0xFFFF) {
                throw unparseable("invalid Unicode escape value", start);
            }
            out.appendCodePoint(code);
        }
        return out.toString();
    }

    private int parseHex(String body, int from, int digits, int start) {
        if (from + digits > body.length()) {
            throw unparseable("invalid Unicode escape", start);
        }
        int value = 0;
        for (int i = from; i < from + digits; i++) {
            char c = body.charAt(i);
            int digit = c < 0x80 ? Character.digit(c, 16) : -1;
            if (digit < 0) {
                throw unparseable("invalid Unicode escape", start);
            }
            value = value * 16 + digit;
        }
        return value;
    }

    // ---- comments and whitespace

    private void skipLineComment() {
        while (pos < length && in.charAt(pos) != '\n' && in.charAt(pos) != '\r') {
            pos++;
        }
    }

    /** PostgreSQL's block comments nest. */
    private void skipBlockComment() {
        int start = pos;
        int nesting = 0;
        while (pos < length) {
            if (in.charAt(pos) == '/' && at(pos + 1) == '*') {
                nesting++;
                pos += 2;
            } else if (in.charAt(pos) == '*' && at(pos + 1) == '/') {
                pos += 2;
                if (--nesting == 0) {
                    return;
                }
            } else {
                pos++;
            }
        }
        throw unparseable("unterminated comment", start);
    }

    private void skipWhitespaceAndComments() {
        while (pos < length) {
            char c = in.charAt(pos);
            if (isWhitespace(c)) {
                pos++;
            } else if (c == '-' && at(pos + 1) == '-') {
                skipLineComment();
            } else if (c == '/' && at(pos + 1) == '*') {
                skipBlockComment();
            } else {
                return;
            }
        }
    }

    // ---- helpers

    private void append(char c) {
        sql.append(c);
        parse.append(c);
    }

    private void append(String s) {
        sql.append(s);
        parse.append(s);
    }

    private char at(int index) {
        return index < length ? in.charAt(index) : '\0';
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentifierStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80 && Character.isLetter(c);
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || isDigit(c) || c == '$' || c >= 0x80 && Character.isLetterOrDigit(c);
    }

    private static boolean isDollarTagStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80 && Character.isLetter(c);
    }

    private static boolean isDollarTagPart(char c) {
        return isDollarTagStart(c) || isDigit(c) || c >= 0x80 && Character.isLetterOrDigit(c);
    }

    private static QueryRejectedException unparseable(String what, int at) {
        return reject(RejectionReason.UNPARSEABLE, what + " at position " + (at + 1));
    }

    private static QueryRejectedException reject(RejectionReason reason, String message) {
        return new QueryRejectedException(reason, message);
    }
}
