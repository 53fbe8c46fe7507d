package dev.vigil.jdbc.query;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Lexes a query and writes it out again in one canonical form that the target database (H2 2.x or
 * PostgreSQL) and JSqlParser all split into the same tokens: strings, quoted identifiers, names,
 * numbers and symbols begin and end at the same places for all three readers. The text the parser
 * checks and the text the database runs therefore cannot be read two ways.
 *
 * <p>The lexer is an allow-list of lexical forms; anything one of the readers takes differently is
 * refused, never guessed:
 * <ul>
 *   <li>Kept, in canonical form: plain names ({@code [A-Za-z_][A-Za-z0-9_]*}), plain decimal
 *       numbers ({@code 12}, {@code 1.5}, {@code .5}, {@code 1e-3}), {@code '...'} strings and
 *       {@code "..."} identifiers (quotes doubled), ASCII operators and punctuation, and spaces,
 *       tabs and line breaks (a form feed becomes a space).</li>
 *   <li>Decoded into a plain {@code '...'} or {@code "..."}: {@code U&'...'} and {@code U&"..."}
 *       with an optional {@code UESCAPE 'c'} (both dialects), {@code $$...$$} (both dialects),
 *       {@code E'...'} escape strings and {@code $tag$...$tag$} (PostgreSQL only).</li>
 *   <li>Dropped: comments ({@code --} to the end of the line, which is {@code \n} or {@code \r} for
 *       every reader, and flat {@code /* *}{@code /}), each becoming a space; a trailing
 *       {@code ;}. Anything but whitespace or comments after a {@code ;} is a second statement.</li>
 *   <li>Refused as {@link RejectionReason#AMBIGUOUS_SYNTAX}, outside string literals and quoted
 *       identifiers: {@code //} (a comment for H2 and the parser), {@code #}, {@code $} other than
 *       a dollar quote the dialect has ({@code $1}, {@code a$b}), backslashes, backticks,
 *       braces (JDBC escapes such as {@code {fn ...}}), {@code ??} and {@code ?1} (H2 brackets and
 *       parameters), {@code @} glued to a name or number (one name for the parser), control and
 *       non-ASCII characters (the readers classify them differently); {@code /*} inside a block
 *       comment (PostgreSQL and H2 nest comments, the parser does not); numbers that are not plain
 *       decimal or run into letters, {@code _}, {@code .}, {@code $}, {@code @} or quotes
 *       ({@code 0x1F}, {@code 1_000}, {@code 1L}, {@code 1..2}); a name glued to a quote other than
 *       the dialect's own prefixes ({@code N'..'}, {@code X'..'}, {@code B'..'}, {@code q'[..]'},
 *       {@code _utf8'..'}, and {@code E'..'} on H2); two string literals in a row, which H2 joins
 *       across any whitespace or comment and PostgreSQL across a line break; on H2, a {@code [...]}
 *       whose first {@code ]} lies inside a literal, or a {@code ]} followed by {@code (} (in H2's
 *       MSSQLServer mode {@code [...]} quotes a name).</li>
 *   <li>Refused as {@link RejectionReason#UNPARSEABLE}: unterminated literals and comments, NUL,
 *       unpaired surrogates, invalid escapes, zero-length or control characters in quoted
 *       identifiers.</li>
 * </ul>
 * Where removing a comment, a prefix or a {@code UESCAPE} clause would leave two tokens touching,
 * the output keeps a space between them.
 *
 * <p>Two texts come out. {@link Normalized#sql()} is what runs. {@link Normalized#parseSql()} is
 * what JSqlParser reads: the same text, character for character, except that string bodies have
 * backslashes turned into slashes and control characters into spaces (JSqlParser knows
 * {@code \'} escapes) and line breaks become spaces (JSqlParser reads three line breaks, or a line holding only {@code /} or {@code go}, as a
 * statement separator). The lexer also lists every name written directly before {@code (}, a view
 * of function calls independent of the parser, and the tokens it read, positioned in both texts.
 */
final class SqlNormalizer {

    /** Parentheses and brackets nest at most this deep. */
    static final int MAX_NESTING_DEPTH = 100;

    /**
     * The canonical query.
     *
     * @param sql         the text to run
     * @param parseSql    the text to parse: as long as {@code sql}, so {@code tokens} place both
     * @param calledNames lower-case names written directly before {@code (}, each once, in order
     * @param firstWord   the first keyword or identifier, lower case, if any
     * @param tokens      the tokens of {@code sql} in order
     */
    record Normalized(String sql, String parseSql, List<String> calledNames, @Nullable String firstWord, List<Token> tokens) {
        Normalized {
            Objects.requireNonNull(sql, "sql");
            Objects.requireNonNull(parseSql, "parseSql");
            calledNames = List.copyOf(calledNames);
            tokens = List.copyOf(tokens);
        }
    }

    /**
     * One token of {@link Normalized#sql()} as this lexer reads it.
     *
     * @param kind  what it is
     * @param start index of its first character
     * @param end   index just past its last character
     * @param value a name or number as written, a string's or quoted identifier's decoded content,
     *              or the symbol's one character
     */
    record Token(Kind kind, int start, int end, String value) {

        /** The lexical classes the canonical text is made of. */
        enum Kind {
            /** A name or keyword: {@code [A-Za-z_][A-Za-z0-9_]*}. */
            WORD,
            /** A plain decimal number. */
            NUMBER,
            /** A {@code '...'} string literal. */
            STRING,
            /** A {@code "..."} identifier. */
            QUOTED_IDENTIFIER,
            /** One operator or punctuation character. */
            SYMBOL
        }
    }

    private final String in;
    private final int length;
    private final SqlDialect dialect;
    private final StringBuilder sql;
    private final StringBuilder parse;
    private final Set<String> called = new LinkedHashSet<>();
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int depth;
    private int semicolon = -1;
    /** Input position of a {@code [} whose first following {@code ]} has not been read yet (H2 only). */
    private int openBracket = -1;
    private @Nullable String firstWord;
    private @Nullable String pendingCall;

    private SqlNormalizer(String in, SqlDialect dialect) {
        this.in = in;
        this.dialect = dialect;
        this.length = in.length();
        this.sql = new StringBuilder(length);
        this.parse = new StringBuilder(length);
    }

    /** Normalises {@code query} for a database of {@code dialect}, or rejects it. */
    static Normalized normalize(String query, SqlDialect dialect) {
        return new SqlNormalizer(query, Objects.requireNonNull(dialect, "dialect")).run();
    }

    private Normalized run() {
        checkCharacters();
        while (pos < length) {
            char c = in.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                whitespace(c);
                pos++;
            } else if (c == '-' && at(pos + 1) == '-') {
                skipLineComment();
                whitespace(' ');
            } else if (c == '/' && at(pos + 1) == '*') {
                skipBlockComment();
                whitespace(' ');
            } else if (semicolon >= 0) {
                throw reject(RejectionReason.MULTIPLE_STATEMENTS, "only one statement may be run; more follows the ';' at position "
                        + (semicolon + 1));
            } else if (c == ';') {
                semicolon = pos++;
                pendingCall = null;
            } else if (c == '\'') {
                int start = pos++;
                string(readQuoted('\''), start);
            } else if (c == '"') {
                int start = pos++;
                quotedIdentifier(readQuoted('"'), start);
            } else if (c == '$') {
                dollar();
            } else if (isWordStart(c)) {
                word();
            } else if (isDigit(c) || c == '.' && isDigit(at(pos + 1))) {
                number();
            } else {
                symbol(c);
            }
        }
        if (tokens.isEmpty()) {
            throw reject(RejectionReason.EMPTY, "the query is empty (or only comments)");
        }
        return new Normalized(sql.toString().stripTrailing(), parse.toString().stripTrailing(), List.copyOf(called), firstWord,
                tokens);
    }

    /** NUL ends the text for PostgreSQL and is whitespace for H2; an unpaired surrogate has no encoding. */
    private void checkCharacters() {
        for (int i = 0; i < length; i++) {
            char c = in.charAt(i);
            if (c == '\0') {
                throw unparseable("the query contains a NUL character", i);
            }
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(in.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw unparseable(String.format(Locale.ROOT, "unpaired surrogate U+%04X", (int) c), i);
            }
        }
    }

    // ---- tokens

    private void word() {
        int start = pos++;
        while (pos < length && isWordPart(in.charAt(pos))) {
            pos++;
        }
        String word = in.substring(start, pos);
        char next = at(pos);
        if (next == '\'' && word.equalsIgnoreCase("e")) {
            if (dialect != SqlDialect.POSTGRESQL) {
                throw ambiguous("E'...'", start, "escape strings exist only in PostgreSQL, H2 reads a name E and a string;"
                        + " write a plain '...' string");
            }
            pos++;
            string(readEscapeString(), start);
            return;
        }
        if (word.equalsIgnoreCase("u") && next == '&' && (at(pos + 1) == '\'' || at(pos + 1) == '"')) {
            char quote = in.charAt(pos + 1);
            pos += 2;
            String body = readQuoted(quote);
            int literalEnd = pos;
            String decoded = decodeUnicodeEscapes(body, readUescape(), start);
            if (quote == '\'') {
                string(decoded, start);
            } else {
                quotedIdentifier(decoded, start);
            }
            if (pos != literalEnd) {
                whitespace(' '); // where the UESCAPE clause was
            }
            return;
        }
        if (next == '\'' || next == '"') {
            throw ambiguous("a name glued to a quote", start, "N'..', X'..', B'..', q'[..]' or _utf8'..' are special"
                    + " literals for some readers and a name followed by a " + (next == '"' ? "quoted name" : "string")
                    + " for others; put a space between them");
        }
        if (next == '$') {
            throw ambiguous("'$' directly after a name", pos, "it is part of the name for the databases and the parser,"
                    + " and could open a dollar-quoted string; names are letters, digits and '_'");
        }
        if (next == '@') {
            throw ambiguous("'@' directly after a name", pos, "the parser reads it as part of the name, the databases as"
                    + " an operator; put a space before '@'");
        }
        separate(word.charAt(0));
        int s = sql.length();
        append(word);
        tokens.add(new Token(Token.Kind.WORD, s, sql.length(), word));
        String lower = word.toLowerCase(Locale.ROOT);
        if (firstWord == null) {
            firstWord = lower;
        }
        pendingCall = lower;
    }

    /** Plain decimal only: digits, an optional fraction, an optional exponent. */
    private void number() {
        int start = pos;
        digits();
        if (at(pos) == '.' && at(pos + 1) != '.') {
            pos++;
            digits();
        }
        char e = at(pos);
        if (e == 'e' || e == 'E') {
            int mark = pos++;
            if (at(pos) == '+' || at(pos) == '-') {
                pos++;
            }
            if (digits() == 0) {
                pos = mark;
            }
        }
        char next = at(pos);
        if (isWordPart(next) || next == '.' || next == '$' || next == '@' || next == '\'' || next == '"') {
            int stop = pos;
            while (stop < length && stop - start < 24 && (isWordPart(in.charAt(stop)) || in.charAt(stop) == '.')) {
                stop++;
            }
            throw ambiguous("number " + in.substring(start, Math.max(stop, pos + 1)), start, "a number must be plain"
                    + " decimal (digits, an optional fraction and exponent) and end before letters, '_', '.', '$', '@' and"
                    + " quotes: 0x1F, 0b101, 1_000, 1L, 1..2 or 1abc are read differently by PostgreSQL, H2 and the parser");
        }
        String number = in.substring(start, pos);
        separate(number.charAt(0));
        int s = sql.length();
        append(number);
        tokens.add(new Token(Token.Kind.NUMBER, s, sql.length(), number));
        pendingCall = null;
    }

    private int digits() {
        int count = 0;
        while (pos < length && isDigit(in.charAt(pos))) {
            pos++;
            count++;
        }
        return count;
    }

    private void dollar() {
        int start = pos;
        int end = pos + 1;
        if (isWordStart(at(end))) {
            while (end < length && isWordPart(in.charAt(end))) {
                end++;
            }
        }
        if (at(end) != '$') {
            throw ambiguous("'$' outside a dollar-quoted string", start, "$1 is a parameter for some readers and an error"
                    + " for others; only " + (dialect == SqlDialect.POSTGRESQL ? "$$...$$ and $tag$...$tag$ strings are"
                    : "$$...$$ strings are") + " allowed");
        }
        String delimiter = in.substring(start, end + 1);
        if (dialect != SqlDialect.POSTGRESQL && delimiter.length() > 2) {
            throw ambiguous(delimiter + "..." + delimiter, start, "dollar-quoted strings with a tag exist only in PostgreSQL,"
                    + " H2 reads " + in.substring(start, end) + " as a parameter; write $$...$$ or '...'");
        }
        int close = in.indexOf(delimiter, end + 1);
        if (close < 0) {
            throw unparseable("unterminated dollar-quoted string", start);
        }
        pos = close + delimiter.length();
        string(in.substring(end + 1, close), start);
    }

    private void symbol(char c) {
        switch (c) {
            case '(', '[' -> {
                Token previous = previousToken();
                if (c == '(' && dialect == SqlDialect.H2 && previous != null && previous.kind() == Token.Kind.SYMBOL
                        && previous.value().equals("]")) {
                    throw ambiguous("'(' directly after ']'", pos, "in H2's MSSQLServer mode [name] is a quoted name, and this"
                            + " a call of it");
                }
                if (c == '(' && pendingCall != null) {
                    called.add(pendingCall);
                }
                if (c == '[' && dialect == SqlDialect.H2 && openBracket < 0) {
                    openBracket = pos;
                }
                if (++depth > MAX_NESTING_DEPTH) {
                    throw reject(RejectionReason.TOO_DEEPLY_NESTED, "parentheses and brackets nest deeper than "
                            + MAX_NESTING_DEPTH + " levels (at position " + (pos + 1) + ")");
                }
            }
            case ')', ']' -> {
                depth = Math.max(0, depth - 1);
                if (c == ']') {
                    openBracket = -1;
                }
            }
            case '/' -> {
                if (at(pos + 1) == '/') {
                    throw ambiguous("'//'", pos, "H2 and the parser read a comment to the end of the line, PostgreSQL two"
                            + " operators; write comments with -- or /* */");
                }
            }
            case '@' -> {
                char next = at(pos + 1);
                if (isWordPart(next) || next == '"' || next == '\'' || next == '$' || next == '#' || next >= 0x80) {
                    throw ambiguous("'@' directly before a name, number or quote", pos, "the parser reads @name as one"
                            + " variable, the databases an operator and a name; put a space after '@'");
                }
            }
            case '?' -> {
                if (at(pos + 1) == '?') {
                    throw ambiguous("'??'", pos, "before '(' or ')' H2 reads a bracket, the others two operators");
                }
                if (isDigit(at(pos + 1))) {
                    throw ambiguous("'?' followed by a digit", pos, "H2 reads a numbered parameter, the others an operator and"
                            + " a number; put a space after '?'");
                }
            }
            case '#' -> throw ambiguous("'#' outside string literals", pos, "the parser reads it as part of a name or a"
                    + " comment, H2 as part of a name in some modes, PostgreSQL as an operator");
            case '\\' -> throw ambiguous("'\\' outside string literals", pos, "backslash escapes are read differently by"
                    + " every reader");
            case '`' -> throw ambiguous("'`' outside string literals", pos, "H2 and the parser read `...` as a quoted"
                    + " name, PostgreSQL does not; quote names with \"...\"");
            case '{', '}' -> throw ambiguous("'" + c + "' outside string literals", pos, "{fn ...}, {d ...} and {call ...}"
                    + " are JDBC escapes that drivers and the parser rewrite");
            case '+', '-', '*', '<', '>', '=', '~', '!', '%', '^', '&', '|', ':', '.', ',' -> {
                // operators and punctuation: the readers may join neighbouring ones differently, never across a name
            }
            default -> {
                int codePoint = in.codePointAt(pos);
                throw codePoint < 0x80
                        ? ambiguous(String.format(Locale.ROOT, "control character U+%04X", codePoint), pos, "outside"
                                + " string literals H2 reads it as whitespace, PostgreSQL and the parser as an error")
                        : ambiguous(String.format(Locale.ROOT, "non-ASCII character U+%04X", codePoint), pos, "outside"
                                + " string literals and quoted identifiers the readers class such characters"
                                + " differently (letter, whitespace or error); quote the name");
            }
        }
        int s = sql.length();
        append(c);
        tokens.add(new Token(Token.Kind.SYMBOL, s, s + 1, String.valueOf(c)));
        pos++;
        pendingCall = null;
    }

    private void string(String body, int start) {
        Token previous = previousToken();
        if (previous != null && previous.kind() == Token.Kind.STRING) {
            throw ambiguous("a string literal directly after another", start, "H2 joins them across any whitespace or"
                    + " comment, PostgreSQL across a line break, the parser reads two; write one literal or join them"
                    + " with ||");
        }
        if (body.indexOf('\0') >= 0) {
            throw unparseable("a string literal contains a NUL character", start);
        }
        checkBracketedLiteral(body, start);
        separate('\'');
        int s = sql.length();
        sql.append('\'').append(body.replace("'", "''")).append('\'');
        parse.append('\'');
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\'') {
                parse.append("''");
            } else {
                parse.append(c == '\\' ? '/' : c < 0x20 || c == 0x7f ? ' ' : c);
            }
        }
        parse.append('\'');
        tokens.add(new Token(Token.Kind.STRING, s, sql.length(), body));
        pendingCall = null;
    }

    private void quotedIdentifier(String name, int start) {
        if (name.isEmpty()) {
            throw unparseable("zero-length quoted identifier", start);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\\' || c < 0x20 || c == 0x7f) {
                throw unparseable("a quoted identifier contains a backslash or control character", start);
            }
        }
        checkBracketedLiteral(name, start);
        separate('"');
        int s = sql.length();
        append('"' + name.replace("\"", "\"\"") + '"');
        tokens.add(new Token(Token.Kind.QUOTED_IDENTIFIER, s, sql.length(), name));
        pendingCall = name.toLowerCase(Locale.ROOT);
    }

    /** In H2's MSSQLServer mode {@code [} quotes a name up to the first {@code ]}, which must not be inside a literal. */
    private void checkBracketedLiteral(String content, int start) {
        if (openBracket >= 0 && content.indexOf(']') >= 0) {
            throw ambiguous("a literal holding ']' inside '[...]'", start, "in H2's MSSQLServer mode the '[' at position "
                    + (openBracket + 1) + " quotes a name up to the first ']'");
        }
    }

    private @Nullable Token previousToken() {
        return tokens.isEmpty() ? null : tokens.get(tokens.size() - 1);
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

    /** The escape character of a {@code U&} literal: {@code \} unless a {@code UESCAPE 'c'} clause follows (then read). */
    private char readUescape() {
        int mark = pos;
        skipWhitespaceAndComments();
        if (pos + 7 <= length && in.regionMatches(true, pos, "uescape", 0, 7)
                && (pos + 7 == length || !isWordPart(in.charAt(pos + 7)))) {
            int start = pos;
            pos += 7;
            skipWhitespaceAndComments();
            char escape = at(pos + 1);
            if (at(pos) != '\'' || at(pos + 2) != '\'' || Character.digit(escape, 16) >= 0 || escape == '+'
                    || escape == '\'' || escape == '"' || Character.isWhitespace(escape) || escape < 0x20
                    || Character.isSurrogate(escape)) {
                throw unparseable("invalid UESCAPE clause", start);
            }
            pos += 3;
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

    /** Ends at {@code \n} or {@code \r}, as it does for PostgreSQL, H2 and JSqlParser. */
    private void skipLineComment() {
        while (pos < length && in.charAt(pos) != '\n' && in.charAt(pos) != '\r') {
            pos++;
        }
    }

    /**
     * Flat: PostgreSQL and H2 nest block comments, JSqlParser does not, so a {@code /*} inside one is
     * refused rather than read either way.
     */
    private void skipBlockComment() {
        int start = pos;
        pos += 2;
        while (pos < length) {
            char c = in.charAt(pos);
            if (c == '*' && at(pos + 1) == '/') {
                pos += 2;
                return;
            }
            if (c == '/' && at(pos + 1) == '*') {
                throw ambiguous("'/*'", pos, "it is inside the block comment opened at position " + (start + 1)
                        + ": PostgreSQL and H2 nest block comments, the parser does not");
            }
            pos++;
        }
        throw unparseable("unterminated comment", start);
    }

    private void skipWhitespaceAndComments() {
        while (pos < length) {
            char c = in.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
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

    // ---- output

    /** Whitespace between tokens; line breaks become spaces for the parser, which reads some runs of them as separators. */
    private void whitespace(char c) {
        if (sql.length() == 0) {
            return;
        }
        sql.append(c == '\f' ? ' ' : c);
        parse.append(c == '\n' || c == '\r' || c == '\f' ? ' ' : c);
    }

    /** Keeps a token that starts with {@code first} apart from the previous one where touching would join them. */
    private void separate(char first) {
        if (sql.length() == 0) {
            return;
        }
        char last = sql.charAt(sql.length() - 1);
        if (isWordPart(last) && (isWordPart(first) || first == '\'' || first == '"') || last == first && (first == '\'' || first == '"')) {
            append(' ');
        }
    }

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

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    private static boolean isWordPart(char c) {
        return isWordStart(c) || isDigit(c);
    }

    // ---- rejections

    private static QueryRejectedException unparseable(String what, int at) {
        return reject(RejectionReason.UNPARSEABLE, what + " at position " + (at + 1));
    }

    private static QueryRejectedException ambiguous(String what, int at, String why) {
        return reject(RejectionReason.AMBIGUOUS_SYNTAX, what + " at position " + (at + 1) + ": " + why);
    }

    private static QueryRejectedException reject(RejectionReason reason, String message) {
        return new QueryRejectedException(reason, message);
    }
}
