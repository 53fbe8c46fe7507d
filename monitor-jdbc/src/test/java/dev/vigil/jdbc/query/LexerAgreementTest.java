package dev.vigil.jdbc.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.sf.jsqlparser.parser.CCJSqlParserTokenManager;
import net.sf.jsqlparser.parser.SimpleCharStream;
import net.sf.jsqlparser.parser.StringProvider;
import net.sf.jsqlparser.parser.TokenMgrException;
import org.h2.engine.CastDataProvider;
import org.h2.engine.Mode;
import org.h2.jdbc.JdbcConnection;
import org.h2.message.DbException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The canonical text {@link SqlNormalizer} writes is split into the same tokens by
 * {@link SqlNormalizer} itself, by H2's own tokenizer and by JSqlParser's token manager: strings,
 * quoted names, names and numbers begin and end at the same places. PostgreSQL's side is
 * {@link PostgresLexerAgreementTest}.
 *
 * <p>H2's tokenizer is {@code org.h2.command.Tokenizer}, the class H2's parser runs first; it is
 * package-private, so it is called by reflection, on a session of each of H2's compatibility modes
 * (the application's database may use any: in MSSQLServer mode {@code [...]} quotes a name, and
 * {@code #} and {@code 0x} change meaning in some). JSqlParser's is its public
 * {@code CCJSqlParserTokenManager}, reading {@link SqlNormalizer.Normalized#parseSql()}.
 *
 * <p>Tokens are compared as pieces: a string or quoted name whole, any other token cut at
 * whitespace and at {@code ( ) , ;}, and a run of operator characters cut into single characters,
 * so that how each reader groups {@code <=-} or {@code > =} does not matter while a name that
 * swallows an {@code @} or a number that swallows a letter does.
 */
class LexerAgreementTest {

    private static final String OPERATORS = "+-*/<>=~!@#%^&|?:.[]";
    private static final String PUNCTUATION = "(),;";

    /** A session of each H2 compatibility mode, by mode. */
    private static final Map<Mode.ModeEnum, Connection> H2 = new EnumMap<>(Mode.ModeEnum.class);
    private static Constructor<?> tokenizer;
    private static Method tokenize;
    private static Method tokenStart;
    private static Method asIdentifier;
    private static Method isQuoted;
    private static Field string;

    @BeforeAll
    static void openH2() throws ReflectiveOperationException, SQLException {
        for (Mode.ModeEnum mode : Mode.ModeEnum.values()) {
            H2.put(mode, DriverManager.getConnection("jdbc:h2:mem:lexer_" + mode + ";MODE=" + mode, "sa", ""));
        }
        Class<?> tokenizerClass = Class.forName("org.h2.command.Tokenizer");
        tokenizer = tokenizerClass.getDeclaredConstructor(CastDataProvider.class, boolean.class, boolean.class, BitSet.class);
        tokenize = tokenizerClass.getDeclaredMethod("tokenize", String.class, boolean.class, BitSet.class);
        Class<?> tokenClass = Class.forName("org.h2.command.Token");
        tokenStart = tokenClass.getDeclaredMethod("start");
        asIdentifier = tokenClass.getDeclaredMethod("asIdentifier");
        isQuoted = tokenClass.getDeclaredMethod("isQuoted");
        string = Class.forName("org.h2.command.Token$CharacterStringToken").getDeclaredField("string");
        for (var member : List.of(tokenizer, tokenize, tokenStart, asIdentifier, isQuoted, string)) {
            member.setAccessible(true);
        }
    }

    @AfterAll
    static void closeH2() throws SQLException {
        for (Connection connection : H2.values()) {
            connection.close();
        }
    }

    static Stream<Arguments> cases() {
        return LexerCorpus.cases().stream()
                .flatMap(c -> Stream.of(SqlDialect.values()).map(dialect -> Arguments.of(c, dialect)));
    }

    static Stream<Arguments> inputs() {
        return inputs(SqlDialect.values());
    }

    static Stream<Arguments> inputs(SqlDialect... dialects) {
        return LexerCorpus.inputs().entrySet().stream()
                .flatMap(input -> Stream.of(dialects).map(dialect -> Arguments.of(Named.of(input.getKey(), input.getValue()),
                        dialect)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void theLexerAcceptsOrRefusesEachTrick(LexerCorpus.Case c, SqlDialect dialect) {
        RejectionReason expected = c.expected(dialect);
        if (expected == null) {
            assertThat(SqlNormalizer.normalize(c.sql(), dialect).sql()).isNotBlank();
        } else {
            assertThatThrownBy(() -> SqlNormalizer.normalize(c.sql(), dialect))
                    .isInstanceOfSatisfying(QueryRejectedException.class,
                            e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(expected))
                    .hasMessageContaining(expected == RejectionReason.EMPTY ? "empty" : expected
                            == RejectionReason.MULTIPLE_STATEMENTS ? "position" : "at position ");
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("inputs")
    void theCanonicalTextIsWhatTheTokensSay(String sql, SqlDialect dialect) {
        SqlNormalizer.Normalized normalized = accepted(sql, dialect);
        if (normalized == null) {
            return;
        }
        String text = normalized.sql();
        assertThat(normalized.parseSql()).hasSameSizeAs(text);
        int previousEnd = 0;
        for (SqlNormalizer.Token token : normalized.tokens()) {
            assertThat(text.substring(previousEnd, token.start())).as("between tokens").isBlank();
            String image = text.substring(token.start(), token.end());
            switch (token.kind()) {
                case STRING -> assertThat(image).isEqualTo("'" + token.value().replace("'", "''") + "'");
                case QUOTED_IDENTIFIER -> assertThat(image).isEqualTo('"' + token.value().replace("\"", "\"\"") + '"');
                default -> assertThat(image).isEqualTo(token.value());
            }
            previousEnd = token.end();
        }
        assertThat(previousEnd).isEqualTo(text.length());

        SqlNormalizer.Normalized again = SqlNormalizer.normalize(text, dialect);
        assertThat(again.sql()).as("normalising the canonical text changes nothing").isEqualTo(text);
        assertThat(again.tokens()).isEqualTo(normalized.tokens());
        assertThat(again.calledNames()).isEqualTo(normalized.calledNames());
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("inputs")
    void jsqlParserSplitsTheParsedTextAlike(String sql, SqlDialect dialect) {
        SqlNormalizer.Normalized normalized = accepted(sql, dialect);
        if (normalized == null) {
            return;
        }
        String text = normalized.parseSql();
        CCJSqlParserTokenManager manager = new CCJSqlParserTokenManager(new SimpleCharStream(new StringProvider(text)));
        List<Piece> theirs = new ArrayList<>();
        try {
            for (var token = manager.getNextToken(); token.kind != 0; token = manager.getNextToken()) {
                assertThat(token.specialToken).as("a comment JSqlParser skips").isNull();
                int start = token.absoluteBegin - 1;
                assertThat(text.startsWith(token.image, start)).as("token %s at %d", token.image, start).isTrue();
                theirs.addAll(pieces(text, start, start + token.image.length(), false));
            }
        } catch (TokenMgrException e) {
            return; // JSqlParser cannot read it, so the validator rejects it
        }
        assertThat(theirs).containsExactlyElementsOf(ours(normalized, text, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("h2Inputs")
    void h2SplitsTheCanonicalTextAlike(String sql) throws Exception {
        SqlNormalizer.Normalized normalized = accepted(sql, SqlDialect.H2);
        if (normalized == null) {
            return;
        }
        for (Map.Entry<Mode.ModeEnum, Connection> h2 : H2.entrySet()) {
            compareWithH2(normalized, h2.getValue(), h2.getKey());
        }
    }

    static Stream<Arguments> h2Inputs() {
        return LexerCorpus.inputs().entrySet().stream().map(input -> Arguments.of(Named.of(input.getKey(), input.getValue())));
    }

    @Test
    void mostOfTheCorpusIsAcceptedAndSoCompared() {
        Map<String, String> inputs = LexerCorpus.inputs();
        for (SqlDialect dialect : SqlDialect.values()) {
            long accepted = inputs.values().stream().filter(sql -> accepted(sql, dialect) != null).count();
            assertThat(accepted).as(dialect.name()).isGreaterThan(inputs.size() / 2);
        }
    }

    @Test
    void theComparisonSeesTheDoubleSlashAttack() throws Exception {
        // What the lexer used to write for the attack: H2 and JSqlParser end the "string" at the line break.
        String canonical = "SELECT 1 AS a // '\n, FILE_READ(' /etc/hostname ', NULL) --'";
        List<Piece> theirs = h2Pieces(canonical, H2.get(Mode.ModeEnum.REGULAR), false);

        assertThat(theirs).isNotNull().extracting(Piece::text).containsSubsequence("a", ",", "FILE_READ", "(",
                "' /etc/hostname '");
        assertThat(theirs).extracting(Piece::text).doesNotContain("'\n, FILE_READ('");
    }

    private void compareWithH2(SqlNormalizer.Normalized normalized, Connection connection, Mode.ModeEnum mode)
            throws Exception {
        String text = normalized.sql();
        boolean bracketQuotes = Mode.getInstance(mode.name()).squareBracketQuotedNames;
        List<Piece> theirs = h2Pieces(text, connection, bracketQuotes);
        if (theirs == null) {
            return; // H2 cannot tokenize it, so it cannot run it
        }
        assertThat(theirs).as("H2 in %s mode", mode).containsExactlyElementsOf(ours(normalized, text, bracketQuotes));
    }

    /** H2's tokens as pieces, with string and quoted-name values checked against the text; {@code null} if H2 refuses it. */
    private static @Nullable List<Piece> h2Pieces(String text, Connection connection, boolean bracketQuotes)
            throws Exception {
        CastDataProvider session = (CastDataProvider) ((JdbcConnection) connection).getSession();
        List<?> tokens;
        try {
            tokens = (List<?>) tokenize.invoke(tokenizer.newInstance(session, true, false, null), text, false, new BitSet());
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof DbException) {
                return null;
            }
            throw e;
        }
        List<Piece> pieces = new ArrayList<>();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Object token = tokens.get(i);
            int start = (int) tokenStart.invoke(token);
            int end = (int) tokenStart.invoke(tokens.get(i + 1));
            while (end > start && text.charAt(end - 1) <= ' ') {
                end--;
            }
            String name = token.getClass().getSimpleName();
            if (name.equals("CharacterStringToken")) {
                String value = (String) string.get(token);
                assertThat(text.substring(start, end)).as("H2's string").isEqualTo("'" + value.replace("'", "''") + "'");
            } else if (name.equals("IdentifierToken") && (boolean) isQuoted.invoke(token) && text.charAt(start) == '"') {
                String value = (String) asIdentifier.invoke(token);
                assertThat(text.substring(start, end)).as("H2's quoted name").isEqualTo('"' + value.replace("\"", "\"\"") + '"');
            }
            pieces.addAll(pieces(text, start, end, bracketQuotes));
        }
        return pieces;
    }

    /** The lexer's own tokens as pieces; with {@code bracketQuotes}, a {@code [} up to the first {@code ]} is one. */
    private static List<Piece> ours(SqlNormalizer.Normalized normalized, String text, boolean bracketQuotes) {
        List<Piece> pieces = new ArrayList<>();
        List<SqlNormalizer.Token> tokens = normalized.tokens();
        for (int i = 0; i < tokens.size(); i++) {
            SqlNormalizer.Token token = tokens.get(i);
            if (bracketQuotes && token.value().equals("[") && token.kind() == SqlNormalizer.Token.Kind.SYMBOL) {
                int close = text.indexOf(']', token.start());
                int j = i;
                while (tokens.get(j).start() != close) {
                    j++;
                }
                pieces.add(new Piece(token.start(), text.substring(token.start(), close + 1)));
                i = j;
            } else {
                pieces.add(new Piece(token.start(), text.substring(token.start(), token.end())));
            }
        }
        return pieces;
    }

    /** One reader's token over {@code [start, end)} as pieces. */
    private static List<Piece> pieces(String text, int start, int end, boolean bracketQuotes) {
        char first = text.charAt(start);
        if (first == '\'' || first == '"' || bracketQuotes && first == '[') {
            return List.of(new Piece(start, text.substring(start, end)));
        }
        List<Piece> pieces = new ArrayList<>();
        int i = start;
        while (i < end) {
            char c = text.charAt(i);
            if (c <= ' ') {
                i++;
            } else if (PUNCTUATION.indexOf(c) >= 0) {
                pieces.add(new Piece(i, String.valueOf(c)));
                i++;
            } else {
                int j = i;
                while (j < end && text.charAt(j) > ' ' && PUNCTUATION.indexOf(text.charAt(j)) < 0) {
                    j++;
                }
                String chunk = text.substring(i, j);
                if (chunk.chars().allMatch(ch -> OPERATORS.indexOf(ch) >= 0)) {
                    for (int k = i; k < j; k++) {
                        pieces.add(new Piece(k, String.valueOf(text.charAt(k))));
                    }
                } else {
                    pieces.add(new Piece(i, chunk));
                }
                i = j;
            }
        }
        return pieces;
    }

    /** The normalised query, or {@code null} if the lexer refuses it (and then nothing needs to agree). */
    static SqlNormalizer.@Nullable Normalized accepted(String sql, SqlDialect dialect) {
        try {
            return SqlNormalizer.normalize(sql, dialect);
        } catch (QueryRejectedException e) {
            return null;
        }
    }

    /** A piece of a token: where it starts and its text. */
    record Piece(int start, String text) {
        @Override
        public String toString() {
            return start + ":" + text.replace("\n", "\\n");
        }
    }
}
