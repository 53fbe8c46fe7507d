package dev.vigil.jdbc.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlNormalizerTest {

    private static SqlNormalizer.Normalized normalize(String sql) {
        return SqlNormalizer.normalize(sql, SqlDialect.POSTGRESQL);
    }

    private static void assertRejected(String sql, RejectionReason reason, String messagePart) {
        assertThatThrownBy(() -> normalize(sql))
                .isInstanceOfSatisfying(QueryRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining(messagePart);
    }

    @Test
    void commentsBecomeSpacesAndATrailingSemicolonIsDropped() {
        assertThat(normalize("SELECT/* a */1 -- b\n;  -- done").sql()).isEqualTo("SELECT 1");
    }

    @Test
    void blockCommentsNestAsInPostgres() {
        SqlNormalizer.Normalized normalized = normalize("SELECT 1 /* /* */ , pg_advisory_lock(1) -- */");

        assertThat(normalized.sql()).isEqualTo("SELECT 1");
        assertThat(normalized.calledNames()).isEmpty();
    }

    @Test
    void everyStringFormBecomesAPlainLiteral() {
        assertThat(normalize("SELECT E'a\\'b\\n\\101\\x42\\u0043', $$it's$$, $t$x$t$, U&'\\0041', U&'!0042' UESCAPE '!'")
                .sql()).isEqualTo("SELECT 'a''b\nABC', 'it''s', 'x', 'A',  'B'");
    }

    @Test
    void escapedBytesAreDecodedAsUtf8() {
        assertThat(normalize("SELECT E'\\xC3\\xA9', E'\\uD83D\\uDE00', U&'\\+01F600'").sql())
                .isEqualTo("SELECT 'é', '\uD83D\uDE00', '\uD83D\uDE00'");
    }

    @Test
    void unicodeEscapedIdentifiersAreDecodedAndSeenAsCalls() {
        SqlNormalizer.Normalized normalized = normalize("SELECT U&\"pg_\\0061dvisory_lock\"(1), U&\"x!0041\" UESCAPE '!'");

        assertThat(normalized.sql()).isEqualTo("SELECT \"pg_advisory_lock\"(1),  \"xA\"");
        assertThat(normalized.calledNames()).containsExactly("pg_advisory_lock");
    }

    @Test
    void backslashesStayLiteralInStandardStringsButNotInTheParsedText() {
        SqlNormalizer.Normalized normalized = normalize("SELECT 'a\\', pg_sleep(1), 'b'");

        assertThat(normalized.sql()).isEqualTo("SELECT 'a\\', pg_sleep(1), 'b'");
        assertThat(normalized.parseSql()).isEqualTo("SELECT 'a/', pg_sleep(1), 'b'");
        assertThat(normalized.calledNames()).containsExactly("pg_sleep");
    }

    @Test
    void aStringGluedToAWordIsSeparatedForTheParserOnly() {
        SqlNormalizer.Normalized normalized = normalize("SELECT q'[ ', pg_advisory_lock(1), ' ]', X'1F'");

        assertThat(normalized.sql()).isEqualTo("SELECT q'[ ', pg_advisory_lock(1), ' ]', X'1F'");
        assertThat(normalized.parseSql()).isEqualTo("SELECT q '[ ', pg_advisory_lock(1), ' ]', X '1F'");
        assertThat(normalized.calledNames()).containsExactly("pg_advisory_lock");
    }

    @Test
    void callsAreNamesBeforeAParenthesisAcrossWhitespaceAndComments() {
        assertThat(normalize("SELECT pg_catalog . \"PG_Sleep\" /* x */ (1), lower('A'), x IN (1)").calledNames())
                .containsExactly("pg_sleep", "lower", "in");
    }

    @Test
    void numbersFollowPostgres16() {
        assertThat(normalize("SELECT 1, 1.5, .5, 1e5, 1.5E-3, 0x1F, 0o17, 0b101, 1_000").sql())
                .isEqualTo("SELECT 1, 1.5, .5, 1e5, 1.5E-3, 0x1F, 0o17, 0b101, 1_000");
    }

    @Test
    void firstWordIsTheFirstKeyword() {
        assertThat(normalize("/* x */ (select 1)").firstWord()).isEqualTo("select");
    }

    @Test
    void textAfterASemicolonIsAnotherStatement() {
        assertRejected("SELECT 1; DROP TABLE users", RejectionReason.MULTIPLE_STATEMENTS, "position 9");
        assertRejected("SELECT 1;;", RejectionReason.MULTIPLE_STATEMENTS, "only one statement");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "-- nothing", "/* nothing */ ;"})
    void nothingButCommentsIsEmpty(String sql) {
        assertRejected(sql, RejectionReason.EMPTY, "empty");
    }

    @Test
    void nestingIsCapped() {
        String allowed = "SELECT " + "(".repeat(SqlNormalizer.MAX_NESTING_DEPTH) + "1" + ")".repeat(SqlNormalizer.MAX_NESTING_DEPTH);
        assertThat(normalize(allowed).sql()).isEqualTo(allowed);

        assertRejected("SELECT " + "(".repeat(5000) + "1" + ")".repeat(5000), RejectionReason.TOO_DEEPLY_NESTED, "100 levels");
        assertRejected("SELECT " + "[".repeat(101), RejectionReason.TOO_DEEPLY_NESTED, "100 levels");
    }

    @Test
    void charactersOtherParsersReadDifferentlyAreRefused() {
        assertRejected("SELECT `pg_sleep`(1)", RejectionReason.UNPARSEABLE, "'`' is not allowed outside string literals");
        assertRejected("SELECT {fn pg_sleep(1)}", RejectionReason.UNPARSEABLE, "'{'");
        assertRejected("SELECT 1 \\ 2", RejectionReason.UNPARSEABLE, "'\\'");
        assertRejected("SELECT\u00a0pg_sleep(1)", RejectionReason.UNPARSEABLE, "U+00A0 at position 7");
        assertRejected("SELECT 1\u200b", RejectionReason.UNPARSEABLE, "U+200B");
        assertRejected("SELECT 'a\u0000b'", RejectionReason.UNPARSEABLE, "NUL");
        assertRejected("SELECT U&'\\0000'", RejectionReason.UNPARSEABLE, "invalid Unicode escape value");
        assertRejected("SELECT E'\\xC3'", RejectionReason.UNPARSEABLE, "not valid UTF-8");
        assertRejected("SELECT 1pg_sleep(1)", RejectionReason.UNPARSEABLE, "trailing junk");
        assertRejected("SELECT 0xZZ", RejectionReason.UNPARSEABLE, "trailing junk");
        assertRejected("SELECT \"a\\b\"", RejectionReason.UNPARSEABLE, "quoted identifier");
        assertRejected("SELECT \"\"", RejectionReason.UNPARSEABLE, "zero-length");
        assertRejected("SELECT $x", RejectionReason.UNPARSEABLE, "unexpected '$'");
    }

    @Test
    void unterminatedLiteralsAndCommentsAreRefused() {
        assertRejected("SELECT 'abc", RejectionReason.UNPARSEABLE, "unterminated string literal at position 8");
        assertRejected("SELECT \"abc", RejectionReason.UNPARSEABLE, "unterminated quoted identifier");
        assertRejected("SELECT $a$ abc $b$", RejectionReason.UNPARSEABLE, "unterminated dollar-quoted string");
        assertRejected("/*/ DROP TABLE users /*/", RejectionReason.UNPARSEABLE, "unterminated comment at position 1");
        assertRejected("SELECT U&'x' UESCAPE 'a'", RejectionReason.UNPARSEABLE, "invalid UESCAPE clause");
    }
}
