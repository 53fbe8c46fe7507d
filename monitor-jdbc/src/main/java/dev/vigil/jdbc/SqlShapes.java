package dev.vigil.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns SQL text into its <em>shape</em>: the statement with every literal replaced by {@code ?}, so
 * that {@code WHERE id = 42} and {@code WHERE id = 43} are counted as one statement and no value
 * ever reaches a log, a metric or the admin API.
 *
 * <p>A small tokenizer, not a parser, that knows the lexical rules PostgreSQL, H2, MySQL and the SQL
 * standard share. It
 * <ul>
 *   <li>replaces string literals ({@code 'it''s'}, {@code E'\n'}, {@code N'..'}, {@code X'ff'},
 *       {@code B'01'}, {@code U&'..'}), PostgreSQL dollar-quoted strings ({@code $$..$$},
 *       {@code $tag$..$tag$}), numbers ({@code 42}, {@code -1.5e3}, {@code 0x1F}, a sign included
 *       where it cannot be a binary minus), {@code TRUE}/{@code FALSE} and PostgreSQL parameters
 *       ({@code $1}) by {@code ?};</li>
 *   <li>collapses a list of identical items after {@code IN} and a run of identical row tuples after
 *       {@code VALUES} to one item: {@code IN (?, ?, ?)} becomes {@code IN (?)}, and
 *       {@code VALUES (?, ?), (?, ?)} becomes {@code VALUES (?, ?)};</li>
 *   <li>removes comments ({@code --}, nested {@code /* *}{@code /}) and collapses white space to one
 *       space (always one after a comma, none inside parentheses), keeping quoted identifiers and
 *       the case of keywords as written;</li>
 *   <li>truncates the result to {@value #MAX_LENGTH} characters (ending in {@code ...}); only the
 *       first {@value #MAX_SCANNED} characters of a statement are read.</li>
 * </ul>
 */
public final class SqlShapes {

    /** Shapes longer than this many characters are truncated. */
    public static final int MAX_LENGTH = 1000;
    /** Only this many characters of a statement are read; a longer statement's shape ends in {@code ...}. */
    public static final int MAX_SCANNED = 65_536;

    private static final String ELLIPSIS = "...";
    private static final String PARAM = "?";

    /** After these words a {@code -} or {@code +} directly before a number is its sign, not an operator. */
    private static final Set<String> SIGN_CONTEXT_WORDS = Set.of(
            "SELECT", "WHERE", "AND", "OR", "NOT", "BETWEEN", "WHEN", "THEN", "ELSE", "IN", "IS", "LIKE",
            "LIMIT", "OFFSET", "RETURN", "BY", "ON", "SET", "VALUES", "CASE", "AS", "HAVING", "ALL", "ANY",
            "SOME");

    private SqlShapes() {
    }

    /**
     * The shape of {@code sql}, at most {@value #MAX_LENGTH} characters long.
     *
     * @param sql any SQL text; {@code null} gives an empty shape
     */
    public static String normalize(String sql) {
        return normalize(sql, MAX_LENGTH);
    }

    /**
     * The shape of {@code sql}, at most {@code maxLength} characters long.
     *
     * @param sql any SQL text; {@code null} gives an empty shape
     * @param maxLength the longest shape to return, at least 10
     */
    public static String normalize(String sql, int maxLength) {
        if (maxLength < 10) {
            throw new IllegalArgumentException("maxLength must be at least 10, was " + maxLength);
        }
        if (sql == null) {
            return "";
        }
        Lexer lexer = new Lexer(sql);
        List<Token> tokens = collapseLists(lexer.tokens());
        return render(tokens, lexer.stoppedEarly, maxLength);
    }

    private static String render(List<Token> tokens, boolean stoppedEarly, int maxLength) {
        StringBuilder out = new StringBuilder(Math.min(maxLength + 8, 256));
        Token previous = null;
        for (Token token : tokens) {
            if (out.length() > 0 && spaceBetween(previous, token)) {
                out.append(' ');
            }
            previous = token;
            out.append(token.text);
            if (out.length() > maxLength) {
                break;
            }
        }
        if (out.length() > maxLength || stoppedEarly) {
            out.setLength(Math.min(out.length(), maxLength - ELLIPSIS.length()));
            out.append(ELLIPSIS);
        }
        return out.toString();
    }

    /** As written, except: one space after a comma, none before a comma or {@code )}, none after {@code (}. */
    private static boolean spaceBetween(Token previous, Token token) {
        if (token.isSymbol(',') || token.isSymbol(')') || previous.isSymbol('(')) {
            return false;
        }
        return previous.isSymbol(',') || token.spaceBefore;
    }

    /** Keeps one item of {@code IN (a, a, a)} and one tuple of {@code VALUES (..), (..)} when all are identical. */
    private static List<Token> collapseLists(List<Token> tokens) {
        List<Token> out = new ArrayList<>(tokens.size());
        int i = 0;
        while (i < tokens.size()) {
            Token token = tokens.get(i);
            out.add(token);
            i++;
            if (token.kind != Kind.WORD || i >= tokens.size() || !tokens.get(i).isSymbol('(')) {
                continue;
            }
            if (token.text.equalsIgnoreCase("IN")) {
                i = collapseInList(tokens, i, out);
            } else if (token.text.equalsIgnoreCase("VALUES")) {
                i = collapseValues(tokens, i, out);
            }
        }
        return out;
    }

    /**
     * {@code tokens[open]} is the {@code (} after {@code IN}. When every comma-separated item inside
     * is the same, appends {@code (} and the first item and returns the index of the closing
     * {@code )}; otherwise returns {@code open} so that scanning goes on inside the list.
     */
    private static int collapseInList(List<Token> tokens, int open, List<Token> out) {
        int close = matchingParen(tokens, open);
        if (close < 0) {
            return open;
        }
        List<int[]> items = new ArrayList<>();
        int depth = 0;
        int start = open + 1;
        for (int j = open + 1; j < close; j++) {
            Token t = tokens.get(j);
            if (t.isSymbol('(')) {
                depth++;
            } else if (t.isSymbol(')')) {
                depth--;
            } else if (depth == 0 && t.isSymbol(',')) {
                items.add(new int[] {start, j});
                start = j + 1;
            }
        }
        items.add(new int[] {start, close});
        if (items.size() < 2 || !allSame(tokens, items)) {
            return open;
        }
        out.add(tokens.get(open));
        int[] first = items.get(0);
        out.addAll(collapseLists(tokens.subList(first[0], first[1])));
        return close;
    }

    /**
     * {@code tokens[open]} is the first {@code (} after {@code VALUES}. When the comma-separated
     * parenthesised tuples that follow are all the same, appends the first one and returns the index
     * after the last; otherwise returns {@code open}.
     */
    private static int collapseValues(List<Token> tokens, int open, List<Token> out) {
        List<int[]> tuples = new ArrayList<>();
        int start = open;
        while (true) {
            int close = matchingParen(tokens, start);
            if (close < 0) {
                return open;
            }
            tuples.add(new int[] {start, close + 1});
            int next = close + 1;
            if (next + 1 < tokens.size() && tokens.get(next).isSymbol(',') && tokens.get(next + 1).isSymbol('(')) {
                start = next + 1;
            } else {
                break;
            }
        }
        if (tuples.size() < 2 || !allSame(tokens, tuples)) {
            return open;
        }
        int[] first = tuples.get(0);
        out.addAll(collapseLists(tokens.subList(first[0], first[1])));
        return tuples.get(tuples.size() - 1)[1];
    }

    private static int matchingParen(List<Token> tokens, int open) {
        int depth = 0;
        for (int j = open; j < tokens.size(); j++) {
            Token t = tokens.get(j);
            if (t.isSymbol('(')) {
                depth++;
            } else if (t.isSymbol(')') && --depth == 0) {
                return j;
            }
        }
        return -1;
    }

    private static boolean allSame(List<Token> tokens, List<int[]> ranges) {
        int[] first = ranges.get(0);
        int length = first[1] - first[0];
        if (length == 0) {
            return false;
        }
        for (int r = 1; r < ranges.size(); r++) {
            int[] other = ranges.get(r);
            if (other[1] - other[0] != length) {
                return false;
            }
            for (int k = 0; k < length; k++) {
                Token a = tokens.get(first[0] + k);
                Token b = tokens.get(other[0] + k);
                if (a.kind != b.kind || !a.text.equals(b.text)) {
                    return false;
                }
            }
        }
        return true;
    }

    private enum Kind {
        /** An identifier or keyword, as written. */
        WORD,
        /** A quoted identifier, kept as written. */
        QUOTED,
        /** A literal or a parameter, rendered as {@code ?}. */
        PARAM,
        /** One punctuation or operator character. */
        SYMBOL
    }

    private static final class Token {
        final Kind kind;
        final String text;
        final boolean spaceBefore;

        Token(Kind kind, String text, boolean spaceBefore) {
            this.kind = kind;
            this.text = text;
            this.spaceBefore = spaceBefore;
        }

        boolean isSymbol(char c) {
            return kind == Kind.SYMBOL && text.length() == 1 && text.charAt(0) == c;
        }
    }

    private static final class Lexer {
        private final String sql;
        private final int end;
        private final boolean stoppedEarly;
        private final List<Token> tokens = new ArrayList<>();
        private int pos;
        private boolean space;

        Lexer(String sql) {
            this.sql = sql;
            this.end = Math.min(sql.length(), MAX_SCANNED);
            this.stoppedEarly = sql.length() > MAX_SCANNED;
        }

        List<Token> tokens() {
            while (pos < end) {
                char c = sql.charAt(pos);
                if (Character.isWhitespace(c)) {
                    pos++;
                    space = true;
                } else if (c == '-' && peek(1) == '-') {
                    skipLineComment();
                } else if (c == '/' && peek(1) == '*') {
                    skipBlockComment();
                } else if (c == '\'') {
                    pos = endOfQuoted(pos, '\'', false);
                    add(Kind.PARAM, PARAM);
                } else if (c == '"' || c == '`') {
                    int start = pos;
                    pos = endOfQuoted(pos, c, false);
                    add(Kind.QUOTED, sql.substring(start, pos));
                } else if (c == '$') {
                    dollar();
                } else if (isDigit(c) || c == '.' && isDigit(peek(1))) {
                    number();
                } else if (Character.isLetter(c) || c == '_') {
                    word();
                } else if (c == '?') {
                    pos++;
                    add(Kind.PARAM, PARAM);
                } else {
                    pos++;
                    add(Kind.SYMBOL, String.valueOf(c));
                }
            }
            return tokens;
        }

        private char peek(int ahead) {
            int at = pos + ahead;
            return at < end ? sql.charAt(at) : '\0';
        }

        private void add(Kind kind, String text) {
            tokens.add(new Token(kind, text, space));
            space = false;
        }

        private void skipLineComment() {
            int newline = sql.indexOf('\n', pos);
            pos = newline < 0 || newline > end ? end : newline + 1;
            space = true;
        }

        /** PostgreSQL nests block comments; the others do not, but nesting is rare enough elsewhere. */
        private void skipBlockComment() {
            int depth = 0;
            while (pos < end) {
                if (sql.charAt(pos) == '/' && peek(1) == '*') {
                    depth++;
                    pos += 2;
                } else if (sql.charAt(pos) == '*' && peek(1) == '/') {
                    pos += 2;
                    if (--depth == 0) {
                        break;
                    }
                } else {
                    pos++;
                }
            }
            space = true;
        }

        /** Index after the quote that closes the one at {@code start}; a doubled quote is an escaped one. */
        private int endOfQuoted(int start, char quote, boolean backslashEscapes) {
            int i = start + 1;
            while (i < end) {
                char c = sql.charAt(i);
                if (backslashEscapes && c == '\\') {
                    i += 2;
                } else if (c == quote) {
                    if (i + 1 < end && sql.charAt(i + 1) == quote) {
                        i += 2;
                    } else {
                        return i + 1;
                    }
                } else {
                    i++;
                }
            }
            return end;
        }

        /** {@code $1} is a parameter; {@code $$..$$} and {@code $tag$..$tag$} are strings. */
        private void dollar() {
            if (isDigit(peek(1))) {
                pos++;
                while (pos < end && isDigit(sql.charAt(pos))) {
                    pos++;
                }
                add(Kind.PARAM, PARAM);
                return;
            }
            int tagEnd = pos + 1;
            if (tagEnd < end && (Character.isLetter(sql.charAt(tagEnd)) || sql.charAt(tagEnd) == '_')) {
                while (tagEnd < end && isWordPart(sql.charAt(tagEnd)) && sql.charAt(tagEnd) != '$') {
                    tagEnd++;
                }
            }
            if (tagEnd < end && sql.charAt(tagEnd) == '$') {
                String tag = sql.substring(pos, tagEnd + 1);
                int close = sql.indexOf(tag, tagEnd + 1);
                pos = close < 0 || close + tag.length() > end ? end : close + tag.length();
                add(Kind.PARAM, PARAM);
            } else {
                pos++;
                add(Kind.SYMBOL, "$");
            }
        }

        private void number() {
            if (sql.charAt(pos) == '0' && (peek(1) == 'x' || peek(1) == 'X') && isHexDigit(peek(2))) {
                pos += 2;
            }
            while (pos < end) {
                char c = sql.charAt(pos);
                if (isWordPart(c) || c == '.') {
                    if ((c == 'e' || c == 'E') && (peek(1) == '+' || peek(1) == '-') && isDigit(peek(2))) {
                        pos += 2;
                    }
                    pos++;
                } else {
                    break;
                }
            }
            foldSign();
            add(Kind.PARAM, PARAM);
        }

        /** Drops a {@code -}/{@code +} written directly before the number when it is the number's sign. */
        private void foldSign() {
            int last = tokens.size() - 1;
            if (space || last < 0) {
                return;
            }
            Token sign = tokens.get(last);
            if (!(sign.isSymbol('-') || sign.isSymbol('+'))) {
                return;
            }
            Token before = last > 0 ? tokens.get(last - 1) : null;
            boolean unary = before == null
                    || before.kind == Kind.SYMBOL && !before.isSymbol(')') && !before.isSymbol(']')
                    || before.kind == Kind.WORD && SIGN_CONTEXT_WORDS.contains(before.text.toUpperCase(Locale.ROOT));
            if (unary) {
                tokens.remove(last);
                space = sign.spaceBefore;
            }
        }

        private void word() {
            int start = pos;
            while (pos < end && isWordPart(sql.charAt(pos))) {
                pos++;
            }
            String word = sql.substring(start, pos);
            if (pos < end && sql.charAt(pos) == '\'' && word.length() == 1 && "EeNnXxBb".indexOf(word.charAt(0)) >= 0) {
                pos = endOfQuoted(pos, '\'', word.charAt(0) == 'E' || word.charAt(0) == 'e');
                add(Kind.PARAM, PARAM);
            } else if (word.equalsIgnoreCase("U") && pos + 1 < end && sql.charAt(pos) == '&' && sql.charAt(pos + 1) == '\'') {
                pos = endOfQuoted(pos + 1, '\'', false);
                add(Kind.PARAM, PARAM);
            } else if (word.equalsIgnoreCase("TRUE") || word.equalsIgnoreCase("FALSE")) {
                add(Kind.PARAM, PARAM);
            } else {
                add(Kind.WORD, word);
            }
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static boolean isHexDigit(char c) {
            return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        }

        private static boolean isWordPart(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '$';
        }
    }
}
