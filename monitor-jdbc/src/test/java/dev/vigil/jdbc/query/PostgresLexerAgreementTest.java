package dev.vigil.jdbc.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLWarning;
import org.postgresql.util.ServerErrorMessage;

/**
 * PostgreSQL's own lexer and grammar split the canonical text where {@link SqlNormalizer} does.
 *
 * <p>The check asks the real server (PostgreSQL 18, embedded as in
 * {@link ReadOnlyQueryRunnerPostgresTest}), not a re-implementation. PostgreSQL 18 has no
 * {@code debug_print_raw_parse}, but with {@code debug_print_parse} on, the parse tree it logs for
 * a {@code PREPARE vigil_lexer AS <canonical text>} statement holds the prepared statement as the
 * grammar built it, before any name is resolved: every constant ({@code A_CONST}), column
 * reference, function call, relation, type name, operator and sub-expression carries
 * {@code :location}, the byte offset where PostgreSQL's lexer began the token. With
 * {@code client_min_messages = log} the tree reaches the client as a warning. {@code PREPARE}
 * parses and analyses but never executes; a canonical {@code EXPLAIN} that the validator accepts
 * (no {@code ANALYZE}) is run as it is inside a transaction that is rolled back, and its tree is
 * logged the same way.
 *
 * <p>For every location PostgreSQL reports, one of the lexer's tokens must begin there; a string
 * constant must be a string token of the same value (compared without whitespace where the server
 * wrapped the logged line inside it); a numeric constant a number, with its sign where the grammar
 * folded one in; a column, function, relation or type name a name token that folds to one of the
 * names PostgreSQL read. Conversely every string token of the lexer must be a string constant for
 * PostgreSQL at the same offset. Texts PostgreSQL cannot parse after {@code PREPARE} (statements
 * that are not queries or DML, which the validator rejects anyway, or syntax errors, which the
 * server would refuse at run time) are skipped, and so are texts the validator finds too deeply
 * nested (they never reach a database).
 *
 * <p>{@code EXPLAIN} cannot be prepared, and PostgreSQL analyses the statement it explains before
 * logging anything: for a canonical {@code EXPLAIN [(options)] query} the query after the options
 * is prepared instead, and the {@code EXPLAIN} prefix itself (keywords and options) is not compared.
 */
class PostgresLexerAgreementTest {

    private static final String PREFIX = "PREPARE vigil_lexer AS ";

    private static final QueryValidator VALIDATOR = new QueryValidator(QueryRunnerSettings.ofDefaults());
    /** The interval fields, which PostgreSQL's grammar turns into integer constants located at the keyword. */
    private static final List<String> INTERVAL_FIELDS = List.of("year", "month", "day", "hour", "minute", "second");

    private static EmbeddedPostgres postgres;
    private static Connection connection;

    @BeforeAll
    static void startPostgres() throws IOException, SQLException {
        postgres = EmbeddedPostgres.start();
        connection = postgres.getPostgresDatabase().getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET log_min_messages = warning");
            statement.execute("SET client_min_messages = log");
            statement.execute("SET debug_pretty_print = off");
            statement.execute("SET debug_print_parse = on");
            statement.execute("SET standard_conforming_strings = on");
        }
    }

    @AfterAll
    static void stopPostgres() throws IOException, SQLException {
        if (connection != null) {
            connection.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    static Stream<Arguments> inputs() {
        return LexerAgreementTest.inputs(SqlDialect.POSTGRESQL).map(arguments -> Arguments.of(arguments.get()[0]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void postgresSplitsTheCanonicalTextAlike(String sql) throws SQLException {
        SqlNormalizer.Normalized normalized = LexerAgreementTest.accepted(sql, SqlDialect.POSTGRESQL);
        if (normalized == null) {
            return; // refused before any database sees it
        }
        Assumptions.assumeFalse(tooDeep(normalized.sql()), "the validator refuses it as too deeply nested");
        Tree tree = parseTree(normalized);
        Assumptions.assumeTrue(tree != null, "PostgreSQL cannot parse this text after PREPARE");
        compare(normalized, tree);
    }

    @Test
    void theComparisonSeesTheDoubleSlashAttackOnPostgres() throws SQLException {
        // On PostgreSQL // is two operators: its string starts after them, where a lexer reading a comment would not.
        String canonical = "SELECT 1 // '\n, x' AS b";
        Tree tree = parseTree(canonical, 0);

        assertThat(tree).isNotNull();
        assertThat(tree.strings()).containsKey(canonical.indexOf('\''));
        assertThat(withoutWhitespace(tree.strings().get(canonical.indexOf('\'')))).isEqualTo(",x");
    }

    @Test
    void mostAcceptedTextsAreCompared() throws SQLException {
        int accepted = 0;
        int compared = 0;
        for (String sql : LexerCorpus.inputs().values()) {
            SqlNormalizer.Normalized normalized = LexerAgreementTest.accepted(sql, SqlDialect.POSTGRESQL);
            if (normalized != null && !tooDeep(normalized.sql())) {
                accepted++;
                if (parseTree(normalized) != null) {
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThan(accepted * 2 / 3);
    }

    private static void compare(SqlNormalizer.Normalized normalized, Tree tree) {
        Map<Integer, SqlNormalizer.Token> tokens = new LinkedHashMap<>();
        List<SqlNormalizer.Token> list = normalized.tokens();
        for (SqlNormalizer.Token token : list) {
            tokens.put(token.start(), token);
        }
        for (Located node : tree.nodes()) {
            SqlNormalizer.Token token = tokens.get(node.at());
            if (token == null) {
                fail("PostgreSQL begins a %s at %d, where the lexer has no token: %s", node.type(), node.at(),
                        mark(normalized.sql(), node.at()));
            }
            String what = node.type() + " at " + node.at() + " in " + mark(normalized.sql(), node.at());
            switch (node.type()) {
                case "A_CONST" -> checkConstant(node, token, list, what);
                case "COLUMNREF", "FUNCCALL", "RANGEVAR", "TYPENAME" -> checkName(node, token, what);
                default -> {
                    // any other node: beginning at a token is what can be checked
                }
            }
        }
        for (SqlNormalizer.Token token : list) {
            if (token.kind() == SqlNormalizer.Token.Kind.STRING && token.start() >= tree.from()) {
                assertThat(tree.strings()).as("PostgreSQL reads a string constant at %d: %s", token.start(),
                        mark(normalized.sql(), token.start())).containsKey(token.start());
            }
        }
    }

    private static void checkConstant(Located node, SqlNormalizer.Token token, List<SqlNormalizer.Token> tokens, String what) {
        Atom value = node.value();
        if (value == null) { // NULL
            assertThat(token.value()).as(what).isEqualToIgnoringCase("null");
        } else if (value.raw().startsWith("\"")) {
            assertThat(token.kind()).as(what).isEqualTo(SqlNormalizer.Token.Kind.STRING);
            String theirs = value.text().substring(1, value.text().length() - 1);
            if (value.exact()) {
                assertThat(theirs).as(what).isEqualTo(token.value());
            } else {
                assertThat(withoutWhitespace(theirs)).as(what).isEqualTo(withoutWhitespace(token.value()));
            }
        } else if (value.text().equals("true") || value.text().equals("false")) {
            assertThat(token.value()).as(what).isEqualToIgnoringCase(value.text());
        } else if (token.kind() == SqlNormalizer.Token.Kind.WORD) { // INTERVAL '1' DAY: the field as a bit mask
            assertThat(token.value().toLowerCase(Locale.ROOT)).as(what).isIn(INTERVAL_FIELDS);
        } else {
            String number = token.value();
            if (token.kind() == SqlNormalizer.Token.Kind.SYMBOL) { // the grammar folds a sign into the constant
                assertThat(token.value()).as(what).isIn("-", "+");
                SqlNormalizer.Token next = tokens.get(tokens.indexOf(token) + 1);
                assertThat(next.kind()).as(what).isEqualTo(SqlNormalizer.Token.Kind.NUMBER);
                number = token.value() + next.value();
            } else {
                assertThat(token.kind()).as(what).isEqualTo(SqlNormalizer.Token.Kind.NUMBER);
            }
            assertThat(new BigDecimal(number)).as(what).isEqualByComparingTo(new BigDecimal(value.text()));
        }
    }

    private static void checkName(Located node, SqlNormalizer.Token token, String what) {
        List<String> names = node.names();
        if (names.isEmpty()) { // a * column reference
            assertThat(token.value()).as(what).isEqualTo("*");
            return;
        }
        assertThat(token.kind()).as(what).isIn(SqlNormalizer.Token.Kind.WORD, SqlNormalizer.Token.Kind.QUOTED_IDENTIFIER);
        String name = token.kind() == SqlNormalizer.Token.Kind.WORD ? token.value().toLowerCase(Locale.ROOT) : token.value();
        if (!names.get(0).equals("pg_catalog")) {
            assertThat(names).as(what).contains(name);
        }
        // pg_catalog.x: a name the grammar supplied for SQL syntax (EXTRACT, LIKE ... ESCAPE, DOUBLE PRECISION...)
    }

    private static String withoutWhitespace(String s) {
        return s.replaceAll("\\s", "");
    }

    private static String mark(String text, int at) {
        return (text.substring(0, at) + "⟦" + text.substring(at)).replace("\n", "\\n");
    }

    // ---- asking the server

    /** The tree PostgreSQL's grammar built for the canonical text (its query, for an EXPLAIN), or {@code null}. */
    private static @Nullable Tree parseTree(SqlNormalizer.Normalized normalized) throws SQLException {
        List<SqlNormalizer.Token> tokens = normalized.tokens();
        int from = 0;
        if (tokens.get(0).value().equalsIgnoreCase("explain")) {
            int next = 1;
            if (next < tokens.size() && tokens.get(next).value().equals("(")) {
                int depth = 0;
                do {
                    String value = tokens.get(next++).value();
                    depth += value.equals("(") ? 1 : value.equals(")") ? -1 : 0;
                } while (depth > 0 && next < tokens.size());
            }
            while (next < tokens.size() && tokens.get(next).value().equalsIgnoreCase("verbose")) {
                next++;
            }
            if (next >= tokens.size()) {
                return null;
            }
            from = tokens.get(next).start();
        }
        return parseTree(normalized.sql(), from);
    }

    /** The tree PostgreSQL's grammar built for {@code text} from index {@code from} on, or {@code null} if it cannot parse it. */
    private static @Nullable Tree parseTree(String text, int from) throws SQLException {
        String statementText = PREFIX + text.substring(from);
        String detail;
        try (Statement statement = connection.createStatement()) {
            try {
                statement.execute(statementText);
            } catch (PSQLException e) {
                if ("42601".equals(e.getSQLState())) {
                    return null; // a syntax error: PostgreSQL would refuse to run it
                }
                // anything later (an unknown table...) comes after the tree was logged
            }
            detail = loggedTree(statement.getWarnings());
            statement.execute("DEALLOCATE ALL");
        }
        assertThat(detail).as("the parse tree PostgreSQL logged for %s", statementText).isNotNull();
        return Tree.of(detail, statementText, PREFIX.length() - from, from);
    }

    private static boolean tooDeep(String text) {
        try {
            VALIDATOR.validate(text, SqlDialect.POSTGRESQL);
            return false;
        } catch (QueryRejectedException e) {
            return e.reason() == RejectionReason.TOO_DEEPLY_NESTED;
        }
    }

    private static @Nullable String loggedTree(@Nullable SQLWarning warnings) {
        for (SQLWarning warning = warnings; warning != null; warning = warning.getNextWarning()) {
            if (warning instanceof PSQLWarning logged) {
                ServerErrorMessage message = logged.getServerErrorMessage();
                String detail = message.getDetail();
                if ("parse tree:".equals(message.getMessage()) && detail != null && detail.contains(":utilityStmt {PREPARESTMT")) {
                    return detail;
                }
            }
        }
        return null;
    }

    // ---- reading the logged tree

    /** A token of the logged tree: {@code raw} as printed, {@code text} unescaped; not {@code exact} if a line break fell in it. */
    record Atom(String raw, String text, boolean exact) {
    }

    /** A node with a location: its type, where it begins (a character index in the canonical text) and its fields. */
    record Located(String type, int at, Map<String, Object> fields, List<String> extra) {

        /** An {@code A_CONST}'s value, {@code null} for NULL. */
        @Nullable Atom value() {
            return fields.get("val") instanceof Atom atom ? atom : null;
        }

        /** The names a {@code COLUMNREF}, {@code FUNCCALL}, {@code RANGEVAR} or {@code TYPENAME} holds. */
        List<String> names() {
            List<String> names = new ArrayList<>();
            for (String field : List.of("fields", "funcname", "names")) {
                if (fields.get(field) instanceof List<?> list) {
                    for (Object element : list) {
                        if (element instanceof Atom atom) {
                            String text = atom.text();
                            names.add(text.startsWith("\"") && text.endsWith("\"") && text.length() > 1
                                    ? text.substring(1, text.length() - 1) : text);
                        }
                    }
                }
            }
            for (String field : List.of("catalogname", "schemaname", "relname")) {
                if (fields.get(field) instanceof Atom atom) {
                    names.add(atom.text());
                }
            }
            return names;
        }
    }

    /** The located nodes of a logged tree, its string constants by location, and where in the text it begins. */
    record Tree(List<Located> nodes, Map<Integer, String> strings, int from) {

        static Tree of(String dump, String statement, int prefixChars, int from) {
            int[] charAt = charIndexByByte(statement);
            List<Located> nodes = new ArrayList<>();
            new Reader(dump).readTree(nodes, charAt, prefixChars);
            Map<Integer, String> strings = new LinkedHashMap<>();
            for (Located node : nodes) {
                Atom value = node.value();
                if (node.type().equals("A_CONST") && value != null && value.raw().startsWith("\"")) {
                    strings.put(node.at(), value.text().substring(1, value.text().length() - 1));
                }
            }
            return new Tree(List.copyOf(nodes), strings, from);
        }

        private static int[] charIndexByByte(String statement) {
            byte[] bytes = statement.getBytes(StandardCharsets.UTF_8);
            int[] charAt = new int[bytes.length + 1];
            int b = 0;
            for (int i = 0; i < statement.length(); i++) {
                int codePoint = statement.codePointAt(i);
                int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
                for (int k = 0; k < size; k++) {
                    charAt[b++] = i;
                }
                if (Character.charCount(codePoint) == 2) {
                    i++;
                }
            }
            charAt[b] = statement.length();
            return charAt;
        }
    }

    /** Reads PostgreSQL's node dump: {@code {TYPE :field value ...}}, lists in {@code ( )}, {@code \} escaping. */
    private static final class Reader {

        private final String dump;
        private int pos;

        Reader(String dump) {
            this.dump = dump;
        }

        void readTree(List<Located> nodes, int[] charAt, int prefixChars) {
            Object root = read(nodes, charAt, prefixChars);
            assertThat(root).isInstanceOf(Map.class);
        }

        /** A node (as its field map), a list, an atom, or {@code null} for {@code <>}. */
        private @Nullable Object read(List<Located> nodes, int[] charAt, int prefixChars) {
            String token = next();
            if (token.equals("{")) {
                String type = next();
                Map<String, Object> fields = new LinkedHashMap<>();
                List<String> extra = new ArrayList<>();
                while (!peek().equals("}")) {
                    String key = next();
                    if (!key.startsWith(":")) {
                        extra.add(key);
                        continue;
                    }
                    Object value = read(nodes, charAt, prefixChars);
                    while (value instanceof Atom atom && !peek().startsWith(":") && !peek().equals("}")) {
                        Atom more = (Atom) read(nodes, charAt, prefixChars); // the server wrapped the line inside it
                        value = new Atom(atom.raw() + more.raw(), atom.text() + more.text(), false);
                    }
                    fields.put(key.substring(1), value);
                }
                next();
                if (fields.get("location") instanceof Atom location) {
                    int bytes = Integer.parseInt(location.text());
                    if (bytes >= 0) {
                        nodes.add(new Located(type, charAt[bytes] - prefixChars, fields, extra));
                    }
                }
                return fields;
            }
            if (token.equals("(")) {
                List<Object> list = new ArrayList<>();
                while (!peek().equals(")")) {
                    list.add(read(nodes, charAt, prefixChars));
                }
                next();
                return list;
            }
            if (token.equals("<>")) {
                return null;
            }
            return atom(token);
        }

        private Atom atom(String raw) {
            StringBuilder text = new StringBuilder();
            boolean exact = true;
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c == '\\' && i + 1 < raw.length()) {
                    c = raw.charAt(++i);
                    exact &= c != '\n'; // a wrapped escaped space looks like an escaped line break
                }
                text.append(c);
            }
            return new Atom(raw, text.toString(), exact);
        }

        private String peek() {
            int mark = pos;
            String token = next();
            pos = mark;
            return token;
        }

        private String next() {
            while (pos < dump.length() && isSeparator(dump.charAt(pos))) {
                pos++;
            }
            assertThat(pos).as("end of the logged tree").isLessThan(dump.length());
            char c = dump.charAt(pos);
            if ("{}()".indexOf(c) >= 0) {
                pos++;
                return String.valueOf(c);
            }
            int start = pos;
            while (pos < dump.length()) {
                c = dump.charAt(pos);
                if (c == '\\') {
                    pos += 2;
                } else if (isSeparator(c) || "{}()".indexOf(c) >= 0) {
                    break;
                } else {
                    pos++;
                }
            }
            return dump.substring(start, Math.min(pos, dump.length()));
        }

        /** What separates tokens for PostgreSQL's own reader of this format ({@code pg_strtok}). */
        private static boolean isSeparator(char c) {
            return c == ' ' || c == '\n' || c == '\t';
        }
    }
}
